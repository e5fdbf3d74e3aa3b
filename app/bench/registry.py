"""The one registry of benchmark operations.

An operation is a name, a timed ``run``, optional untimed ``setup``/``prepare``/``cleanup`` steps, and an
optional ``limit``: the same work done the plainest way the platform allows (raw SQLCipher, bare Qt), so a
figure can be read as "x times the floor" and not only as seconds on one machine. ``more_limits`` names
further floors measured in the same run (the roster import: calamine's read and openpyxl's read of the same
file, and a plain executemany of its rows). A later issue adds its
operation with one call, typically in its own module listed in ``OPERATION_MODULES``::

    register("warnings", run=lambda ctx, state, arg: compute_warnings(ctx.store, ...),
             limit=Measure(run=lambda ctx, state, arg: plain_sql(ctx.raw, ...)),
             rows=lambda ctx, state: ctx.loans, min_runs=5,
             description="risk warnings over every loan of the node")

``run``, ``prepare`` and ``cleanup`` receive the :class:`~app.bench.runner.BenchContext` (the built node, its
store, key and scale), the value ``setup`` returned, and (run, cleanup) what ``prepare`` returned. Raise
:class:`Skip` from any step to skip an operation with a note (for example when the feature is not built yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: modules that register operations when imported (a new issue appends its module here)
OPERATION_MODULES: tuple[str, ...] = (
    "app.bench.ops", "app.bench.pdf_ops", "app.bench.hub_ops", "app.bench.domain_ops", "app.bench.simulate_ops",
    "app.bench.suite_ops",
)

Step = Callable[..., Any]


class Skip(Exception):
    """Raised by an operation that cannot run here; the message is the note shown in the report."""


@dataclass(frozen=True)
class Measure:
    """One timed thing: ``prepare`` (untimed, each run) → ``run`` (timed) → ``cleanup`` (untimed)."""

    run: Step
    prepare: Step | None = None
    cleanup: Step | None = None


@dataclass(frozen=True)
class Operation:
    name: str
    measure: Measure
    limit: Measure | None = None
    #: further limits measured in the same run (name → measure), reported with their own ratios
    more_limits: dict[str, Measure] = field(default_factory=dict)
    setup: Step | None = None
    teardown: Step | None = None
    #: how many rows (households, loans, records) one run handles, for throughput; default: the node's households
    rows: Step | None = None
    #: cheap operations are run at least this often whatever ``--repeat`` says
    min_runs: int = 1
    #: operations that need the synthetic node (most do); those that do not run without building it
    needs_node: bool = True
    description: str = ""
    #: the targets of the issues this operation checks (shown in the table and docs/performance.md)
    target: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


REGISTRY: dict[str, Operation] = {}


def register(name: str, run: Step, *, setup: Step | None = None, prepare: Step | None = None,
             cleanup: Step | None = None, limit: Measure | Step | None = None, teardown: Step | None = None,
             rows: Step | None = None, min_runs: int = 1, needs_node: bool = True, description: str = "",
             target: str = "", more_limits: dict[str, Measure | Step] | None = None) -> Operation:
    """Add (or replace) the operation ``name``; returns it."""
    if limit is not None and not isinstance(limit, Measure):
        limit = Measure(run=limit)
    more = {key: m if isinstance(m, Measure) else Measure(run=m) for key, m in (more_limits or {}).items()}
    operation = Operation(name=name, measure=Measure(run=run, prepare=prepare, cleanup=cleanup), limit=limit,
                          more_limits=more, setup=setup, teardown=teardown, rows=rows, min_runs=min_runs,
                          needs_node=needs_node, description=description, target=target)
    REGISTRY[name] = operation
    return operation


def load_operations() -> dict[str, Operation]:
    import importlib

    for module in OPERATION_MODULES:
        importlib.import_module(module)
    return REGISTRY
