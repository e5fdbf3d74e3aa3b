"""Operation ``district_year``: the district simulation of issue 17 as a benchmark: 9 streets × 3 laptops × 365
days with every fault (app/district/simulator.py), at district scale only (a smaller scale skips it; the test suite
runs 2 × 2 × 30 days). Reported: whether every invariant held, records per second through the hub, the longest
time a record waited between submission and arrival at the hub (simulated days), and the wall time.

Standalone (the same run, with its full report): ``python -m app.simulate --streets 9 --laptops-per-street 3
--days 365 --households 40 --json OUT``.
"""

from __future__ import annotations

from typing import Any

from app.bench.registry import Skip, register


def _prepare(ctx: Any, _state: Any) -> Any:
    if ctx.scale.name != "district":
        raise Skip("a year of 27 laptops runs at --scale district (or: python -m app.simulate --streets 9 "
                   "--laptops-per-street 3 --days 365 --households 40)")
    from app.district.simulator import Config

    return Config(streets=9, laptops_per_street=3, days=365, households=40, quiet=True)


def _run(_ctx: Any, _state: Any, config: Any) -> Any:
    from app.district.simulator import run

    return run(config)


def _cleanup(ctx: Any, _state: Any, report: Any) -> None:
    figures = report.figures
    ctx.log(f"  district_year: invariants {'all true' if not report.failed else 'FAILED: ' + ', '.join(report.failed)}"
            f"; {figures['records_per_second_through_hub']} records/s through the hub; longest wait "
            f"{figures['longest_wait_days']} days; {figures['wall_seconds']} s")


register("district_year", _run, prepare=_prepare, cleanup=_cleanup, needs_node=False, min_runs=1,
         rows=lambda ctx, _state: 27, description="9 streets x 3 laptops live 365 days with every fault "
                                                  "(python -m app.simulate); district scale only",
         target="≤ 10 min, every invariant true (issue 17)")
