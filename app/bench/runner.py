"""Build a synthetic node, time every registered operation, print a table and write JSON.

    python -m app.bench [--scale small|district|city] [--only NAME[,NAME]] [--json OUT] [--repeat N]
                        [--workdir DIR]

The node is built in a temporary folder (or ``--workdir``, where a node built before for the same scale is
reused) with :func:`app.district.demo.generate` and the real default KDF, so ``unlock`` measures what a user waits for.
Each operation runs ``--repeat`` times (cheap ones more often); the report gives the median and the spread
(max - min), the plain-platform limit and the ratio, and the peak resident memory during the operation.
This is a developer tool: its output is English and not translated.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.bench.registry import Measure, Operation, Skip, load_operations

PASSWORD = "bench-password-1"  # noqa: S105 - of throwaway benchmark nodes
ADMIN = "admin"


@dataclass(frozen=True)
class Scale:
    name: str
    households: int
    #: share of borrowing households with an earlier settled loan (city: about 1.5 loans per household)
    earlier_loans: float
    #: households of the demo_insert runs (a fresh node each run)
    insert_households: int


SCALES = {
    "small": Scale("small", 300, 0.4, 300),
    "district": Scale("district", 5_000, 0.4, 2_000),
    "city": Scale("city", 100_000, 0.8, 5_000),
}


@dataclass
class BenchContext:
    """What operations work on: the built node (lazily), its open store and data key, and a scratch folder."""

    scale: Scale
    root: Path
    repeat: int
    log: Any = print
    _store: Any = None
    counts: dict[str, int] = field(default_factory=dict)
    build_s: float | None = None

    @property
    def node_dir(self) -> Path:
        return self.root / "bench-node"

    @property
    def scratch(self) -> Path:
        path = self.root / "scratch"
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def store(self) -> Any:
        if self._store is None:
            self._build_or_reuse()
        return self._store

    @property
    def households(self) -> int:
        self.store  # noqa: B018 - builds the node on first use
        return self.counts.get("households", 0)

    @property
    def key(self) -> bytes:
        key: bytes = self.store.data_key_for_backup
        return key

    def _build_or_reuse(self) -> None:
        from app.db.store import Store
        from app.district.demo import generate

        marker = self.root / "bench-node.json"
        if marker.exists() and (self.node_dir / "node.json").exists():
            saved = json.loads(marker.read_text(encoding="utf-8"))
            if saved.get("scale") == self.scale.name:
                self._store = Store.open(self.node_dir, ADMIN, PASSWORD)
                self.counts, self.build_s = saved["counts"], saved.get("build_s")
                self.log(f"reusing the {self.scale.name} node in {self.node_dir}")
                return
            shutil.rmtree(self.node_dir, ignore_errors=True)
        self.log(f"building the {self.scale.name} node ({self.scale.households:,} households) in {self.node_dir} ...")
        started = time.perf_counter()
        store, _ = Store.create(self.node_dir, "hub", "基准节点", None, ADMIN, PASSWORD)
        counts = generate(store, self.scale.households, seed=1, earlier_loans=self.scale.earlier_loans)
        self.build_s = time.perf_counter() - started
        self.counts = {"households": counts.households, "members": counts.members, "loans": counts.loans,
                       "repayments": counts.repayments, "status_changes": counts.status_changes}
        self._store = store
        marker.write_text(json.dumps({"scale": self.scale.name, "counts": self.counts, "build_s": self.build_s}),
                          encoding="utf-8")
        self.log(f"built in {self.build_s:.1f} s: {self.counts}")

    def close(self) -> None:
        if self._store is not None:
            self._store.engine.dispose()
            self._store = None


# -- memory ----------------------------------------------------------------------------------------------------
def _reset_peak_rss() -> bool:
    """Reset this process's peak RSS (Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- measuring ---------------------------------------------------------------------------------------------------
@dataclass
class Timing:
    times: list[float] = field(default_factory=list)
    #: this process's CPU seconds per run (all its threads): readable when the machine is shared
    cpu_times: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    child_rss_mb: float = 0.0

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu_times) if self.cpu_times else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> float:
        return max(self.times) - min(self.times)


def _time(measure: Measure, ctx: BenchContext, state: Any, runs: int) -> Timing:
    timing = Timing()
    _reset_peak_rss()
    for _ in range(runs):
        arg = measure.prepare(ctx, state) if measure.prepare else None
        started, cpu_started = time.perf_counter(), time.process_time()
        result = measure.run(ctx, state, arg)
        elapsed = time.perf_counter() - started
        timing.cpu_times.append(time.process_time() - cpu_started)
        if isinstance(result, dict) and "elapsed_s" in result:  # measured by the operation (a subprocess)
            elapsed = result["elapsed_s"]
            timing.child_rss_mb = max(timing.child_rss_mb, result.get("peak_rss_mb", 0.0))
        timing.times.append(elapsed)
        if measure.cleanup:
            measure.cleanup(ctx, state, result)
    timing.peak_rss_mb = _peak_rss_mb()
    return timing


def run_operation(op: Operation, ctx: BenchContext) -> dict[str, Any]:
    runs = max(ctx.repeat, op.min_runs)
    result: dict[str, Any] = {"name": op.name, "scale": ctx.scale.name, "median_s": None, "spread_s": None,
                              "n": 0, "rows": None, "description": op.description, "target": op.target}
    state = None
    try:
        state = op.setup(ctx) if op.setup else None
        rows = op.rows(ctx, state) if op.rows else (ctx.households if op.needs_node else None)
        timing = _time(op.measure, ctx, state, runs)
        result.update(median_s=timing.median, spread_s=timing.spread, n=len(timing.times), rows=rows,
                      median_cpu_s=timing.median_cpu, peak_rss_mb=round(timing.child_rss_mb or timing.peak_rss_mb, 1))
        if rows and op.rows is not None:
            result["per_s"] = rows / timing.median if timing.median else None
        if op.limit is not None:
            limit = _time(op.limit, ctx, state, runs)
            result.update(limit_median_s=limit.median, limit_spread_s=limit.spread,
                          limit_median_cpu_s=limit.median_cpu,
                          ratio=timing.median / limit.median if limit.median else None)
        if op.more_limits:
            result["more_limits"] = {}
            for key, measure in op.more_limits.items():
                more = _time(measure, ctx, state, runs)
                result["more_limits"][key] = {"median_s": more.median, "spread_s": more.spread,
                                              "median_cpu_s": more.median_cpu,
                                              "ratio": timing.median / more.median if more.median else None}
    except Skip as skip:
        result.update(skipped=True, note=str(skip))
    finally:
        if op.teardown:
            op.teardown(ctx, state)
    return result


# -- reporting ---------------------------------------------------------------------------------------------------
def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def format_table(results: list[dict[str, Any]]) -> str:
    header = ("operation", "median", "spread", "n", "rows", "limit", "ratio", "peak RSS")
    lines = []
    for r in results:
        if r.get("skipped"):
            lines.append((r["name"], "skipped", "", "", "", "", "", r.get("note", "")))
            continue
        lines.append((r["name"], _seconds(r["median_s"]), _seconds(r["spread_s"]), str(r["n"]),
                      f"{r['rows']:,}" if r.get("rows") else "-", _seconds(r.get("limit_median_s")),
                      f"{r['ratio']:.1f}x" if r.get("ratio") else "-", f"{r.get('peak_rss_mb', 0):.0f} MB"))
        for key, more in r.get("more_limits", {}).items():
            lines.append((f"  vs {key}", "", "", "", "", _seconds(more["median_s"]),
                          f"{more['ratio']:.2f}x" if more.get("ratio") else "-", ""))
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header) - 1)]
    out = []
    for row in [header, *lines]:
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    return "\n".join(out)


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram_gb, "python": platform.python_version(),
            "system": platform.platform(), "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None}


def run(scale: str = "small", only: list[str] | None = None, repeat: int = 3, json_out: Path | None = None,
        workdir: Path | None = None, log: Any = print) -> list[dict[str, Any]]:
    from app import i18n

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    # a widget application before anything makes a bare core one (i18n does), for the main_window operation
    qt_app = QApplication.instance() or QApplication(["fieldbook-bench"])  # noqa: F841 - kept alive for the run
    i18n.install("en")
    operations = load_operations()
    names = only or list(operations)
    unknown = [n for n in names if n not in operations]
    if unknown:
        raise SystemExit(f"unknown operation(s): {', '.join(unknown)}; known: {', '.join(operations)}")
    temporary = None
    if workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="fieldbook-bench-")
        root = Path(temporary.name)
    else:
        root = workdir
        root.mkdir(parents=True, exist_ok=True)
    ctx = BenchContext(SCALES[scale], root, repeat, log=log)
    results = []
    try:
        for name in names:
            log(f"{name} ...")
            results.append(run_operation(operations[name], ctx))
    finally:
        ctx.close()
        if temporary is not None:
            temporary.cleanup()
    for r in results:
        r["node"] = dict(ctx.counts)
    log(format_table(results))
    if ctx.build_s is not None:
        log(f"node: {ctx.counts} (built in {ctx.build_s:.1f} s)")
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        machine_file = json_out.with_suffix(".machine.json")
        machine_file.write_text(json.dumps({"machine": machine(), "build_s": ctx.build_s, "node": ctx.counts},
                                           ensure_ascii=False, indent=1), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.bench", description="Fieldbook benchmarks")
    parser.add_argument("--scale", choices=list(SCALES), default="small")
    parser.add_argument("--only", action="append", help="operation name(s), repeatable or comma-separated")
    parser.add_argument("--json", type=Path, dest="json_out", help="write the results as JSON to this file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation (cheap ones run more often)")
    parser.add_argument("--workdir", type=Path, help="keep the node here and reuse it on the next run")
    args = parser.parse_args(argv)
    only = [n.strip() for chunk in args.only or [] for n in chunk.split(",") if n.strip()] or None
    run(args.scale, only, max(1, args.repeat), args.json_out, args.workdir)
    return 0
