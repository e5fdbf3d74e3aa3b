"""The district simulation of issue 17, short: 2 streets × 2 laptops × 30 days with every fault, real nodes, real
bundle files, the real HTTP hub on loopback, a laptop program killed with SIGKILL. Every invariant of the issue must
hold at the end and after every fault, the stolen-laptop fault's own too (the replacement is restored from the last
backup as a new node, ``restore --new-identity``, and enrolled afresh: issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.district import sim_checks
from app.district.simulator import FAULTS, STOLEN, Config, parse_args, run

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_a_short_district_lives_through_every_fault(tmp_path):
    report = run(Config(streets=2, laptops_per_street=2, days=30, seed=3, transport="mixed", quiet=True,
                        keep=tmp_path / "district"))
    for name in sim_checks.NAMES:
        assert report.invariants[name], f"{name}: {report.evidence[name]}"
    assert [f.fault for f in report.faults] == list(FAULTS)
    for fault in report.faults:
        failed = {k: fault.evidence[k] for k, ok in fault.invariants.items() if not ok}
        assert not failed, (fault.fault, fault.notes, failed)
    by_name = {f.fault: f for f in report.faults}
    assert any("refused" in n for n in by_name["truncated_file"].notes)
    assert any("SIGKILL" in n for n in by_name["kill_import"].notes + by_name["kill_export"].notes)
    assert "files with a final name after the kill: none" in by_name["kill_export"].notes
    assert any("restarts: 1" in n for n in by_name["hub_restart"].notes)
    assert report.invariants[STOLEN] and "an identity of its own" in report.evidence[STOLEN], report.evidence[STOLEN]
    figures = report.figures
    assert figures["aliased"] >= 4 and figures["refused"] == 1 and figures["killed"] == 2
    assert figures["longest_wait_days"] >= 1 and figures["records_per_second_through_hub"] > 0
    assert figures["submitted"]["visits"] > 0 and figures["http_rounds"] > 0 and figures["usb_rounds"] > 0
    # the bank's month (day 30): its repayment statement recorded as the loans' history, the balances its books hold
    assert figures["activity"]["repayments"] > 0 and not figures["activity"].get("repayment_rows_refused")
    assert "loans whose balance at the hub is not the bank's: 0 of" in report.evidence["hub_ledgers_count_submissions"]


def test_the_command_line_reports_json_and_names_a_failed_invariant(tmp_path):
    out = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-m", "app.simulate", "--streets", "1", "--laptops-per-street", "1",
                             "--days", "8", "--faults", "stolen_laptop", "--transport", "usb", "--json", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"invariants", "figures", "faults"}
    assert "day 1 of 8" in result.stderr and "day 8 of 8" in result.stderr
    failed = [name for name, ok in report["invariants"].items() if not ok]
    assert (result.returncode != 0) == bool(failed)
    for name in failed:
        assert f"invariant failed: {name}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == 0 and report["invariants"][STOLEN], result.stderr[-2000:]


def test_options():
    config = parse_args(["--streets", "9", "--laptops-per-street", "3", "--days", "365", "--faults",
                         "stick_lost,hub_restart", "--transport", "http", "--seed", "7"])
    assert (config.streets, config.laptops_per_street, config.days, config.seed) == (9, 3, 365, 7)
    assert config.faults == ("stick_lost", "hub_restart") and config.transport == "http"
    assert parse_args(["--faults", "none"]).faults == ()
    with pytest.raises(SystemExit):
        parse_args(["--faults", "meteor"])
