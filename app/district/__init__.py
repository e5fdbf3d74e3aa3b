"""A synthetic district: made-up but realistic data and, later, a simulation of the nodes that live in it.

- :mod:`app.district.demo` fills one node with a lived-in district (``python main.py demo``; also the fixture of
  tests, benchmarks and the manual's screenshots); :mod:`app.district.programs` adds the programmes to it.
- A simulator of many nodes exchanging bundles over days belongs here too (``app/district/simulator.py``, run as
  ``python -m app.simulate`` through a thin ``app/simulate.py``).

This package sits above the domain, sync and reports (it drives them as a user would) and below the entry points:
the CLI, the benchmarks and tests import it; the screens do not (tests/unit/test_architecture.py).
"""
