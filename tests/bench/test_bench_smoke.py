"""The benchmark harness runs end to end at small scale and writes the agreed JSON (timings are not checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = {"unlock", "demo_insert", "household_filter", "check", "login_window"}


@pytest.mark.slow
def test_bench_small_scale_writes_json(tmp_path):
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env.update(QT_QPA_PLATFORM="offscreen", FIELDBOOK_LANG="en")
    result = subprocess.run([sys.executable, "-m", "app.bench", "--scale", "small", "--repeat", "1", "--json",
                             str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "household_filter" in result.stdout  # the readable table
    results = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(results, list)
    by_name = {r["name"]: r for r in results}
    assert set(by_name) >= OPERATIONS
    for r in results:
        assert {"name", "median_s", "spread_s", "n", "scale", "rows"} <= set(r), r
        assert r["scale"] == "small"
        if r.get("skipped"):
            assert r["note"]
            continue
        assert r["n"] >= 1 and r["median_s"] > 0 and r["spread_s"] >= 0
        assert "peak_rss_mb" in r
    for name in ("unlock", "demo_insert", "household_filter"):
        assert {"limit_median_s", "ratio"} <= set(by_name[name]), by_name[name]
        assert by_name[name]["ratio"] > 0
    assert by_name["demo_insert"]["rows"] == 300 and by_name["demo_insert"]["per_s"] > 0
    roster = by_name["roster_import"]  # issue 22: both read limits of the same file, in the same run
    assert roster["limit_median_s"] > 0 and set(roster["more_limits"]) == {"calamine_read", "plain_insert"}
    assert all(m["median_s"] > 0 and m["ratio"] > 0 for m in roster["more_limits"].values())
    assert roster["median_cpu_s"] > 0
    assert by_name["unlock"]["rows"] == 300
    machine = json.loads(out.with_suffix(".machine.json").read_text(encoding="utf-8"))
    assert machine["machine"]["nproc"] >= 1


def test_operations_register_in_one_registry():
    from app.bench.registry import Measure, load_operations, register

    operations = load_operations()
    assert set(operations) >= OPERATIONS
    added = register("noop_for_test", run=lambda ctx, state, arg: None, limit=lambda ctx, state, arg: None,
                     needs_node=False)
    try:
        assert load_operations()["noop_for_test"] is added
        assert isinstance(added.limit, Measure)
    finally:
        operations.pop("noop_for_test")


@pytest.mark.parametrize(("argv", "says"), [
    (["--workers", "x"], "not a comma-separated list of numbers"),
    (["--clients", "0"], "numbers must be 1 or more"),
    (["--backends", "postgresql"], "postgresql needs --pg URL"),
    (["--backends", "oracle"], "--backends takes sqlite and postgresql"),
])
def test_the_hub_load_benchmark_refuses_bad_arguments_before_making_anything(argv, says, capsys, monkeypatch):
    from app.bench import hub_ops

    monkeypatch.setattr(hub_ops, "prepare", lambda *a, **k: pytest.fail("nodes were made for bad arguments"))
    with pytest.raises(SystemExit) as exit_info:
        hub_ops.main(argv)
    assert exit_info.value.code == 2 and says in capsys.readouterr().err
