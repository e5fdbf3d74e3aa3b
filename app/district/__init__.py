"""A synthetic district: made-up but realistic data, and a simulation of the nodes that live in it.

- :mod:`app.district.demo` fills one node with a lived-in district (``python main.py demo``; also the fixture of
  tests, benchmarks and the manual's screenshots); :mod:`app.district.programs` adds the programmes to it.
- :mod:`app.district.simulator` is a district of many nodes exchanging bundles over days, with faults (run as
  ``python -m app.simulate`` through a thin ``app/simulate.py``): the nodes in ``sim_world``, the work people do in
  ``sim_work``, the exchanges and their faults in ``sim_sync`` (and ``sim_child``, the laptop program killed with
  SIGKILL), the invariants in ``sim_checks``.

This package sits above the domain, sync and reports (it drives them as a user would) and below the entry points:
the CLI, the benchmarks and tests import it; the screens do not (tests/unit/test_architecture.py).
"""
