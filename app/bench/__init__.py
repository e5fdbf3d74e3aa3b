"""Benchmarks (``python -m app.bench``): a synthetic node, every registered operation timed against its limit.

Add an operation with :func:`app.bench.registry.register`; see ``docs/performance.md`` for targets and figures.
"""

from app.bench.registry import REGISTRY, Measure, Operation, Skip, register

__all__ = ["REGISTRY", "Measure", "Operation", "Skip", "register"]
