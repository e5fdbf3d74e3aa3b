"""``warnings``, ``export ledger maturities|warnings|disposals`` and ``print risk-summary`` through
``python main.py``."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from tests.cli.conftest import assert_clean_failure
from tests.ledger_rows import data_rows

TODAY = dt.date.today()


@pytest.fixture
def demo_node(cli):
    assert cli("init", "--role", "hub", "--name", "区扶贫办", "--admin", "admin").returncode == 0
    result = cli("demo", "--households", "40", "--seed", "3")
    assert result.returncode == 0, result.stderr
    return cli


def _disposal(cli) -> str:
    """An extension proposed by admin and approved by the demo's bank officer, made in-process on the node."""
    from app.db.store import Store
    from app.domain import risk_disposal as rd
    from app.domain.risk_query import warnings
    from app.models.enums import Disposal
    store = Store.open(cli.data_dir, "admin", "admin pass 1")
    try:
        maturing = next(w for w in warnings(store, TODAY) if w.rule.value == "maturity_unassessed")
        disposal_id = rd.propose(store, maturing.loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3),
                                 "养殖周期延长", on=TODAY)
        banker = Store.open(cli.data_dir, "banker", "admin pass 1")  # demo accounts share the admin's
        rd.decide(banker, disposal_id, True, "同意", on=TODAY)
        banker.engine.dispose()
        return maturing.contract_no
    finally:
        store.engine.dispose()


def test_warnings_list_filters_and_replay(demo_node):
    cli = demo_node
    result = cli("warnings", "--as-of", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    total = int(re.match(r"(\d+) warnings on", lines[-1]).group(1))
    assert total == len(lines) - 1 > 0
    rules = {line.split("\t")[1] for line in lines[:-1]}
    assert {"overdue", "maturity_unassessed"} <= rules
    maturing = cli("warnings", "--as-of", TODAY.isoformat(), "--rule", "maturity_unassessed")
    body = maturing.stdout.strip().splitlines()[:-1]
    assert body and all("\tmaturity_unassessed\t" in line and "no pre-maturity assessment" in line for line in body)
    high = cli("warnings", "--as-of", TODAY.isoformat(), "--severity", "high", "--class", "loss")
    assert high.returncode == 0 and all(line.startswith("High\t") for line in high.stdout.splitlines()[:-1])
    assert cli("warnings", "--as-of", "2010-01-01").stdout.strip() == "0 warnings on 2010-01-01."
    other_street = cli("warnings", "--street", "610111999")
    assert other_street.returncode == 0 and other_street.stdout.startswith("0 warnings")
    bad = cli("warnings", "--as-of", "2025-02-30")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_ledgers_and_summary_files(demo_node, tmp_path):
    cli = demo_node
    contract = _disposal(cli)
    count = int(cli("warnings", "--as-of", TODAY.isoformat()).stdout.strip().splitlines()[-1].split()[0])

    out = tmp_path / "warnings.xlsx"
    result = cli("export", "ledger", "warnings", "--out", str(out), "--as-of", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    assert "风险预警台账" in sheet["A1"].value and TODAY.isoformat() in sheet["A1"].value
    assert [c.value for c in sheet[2]][:3] == ["序号", "预警类型", "严重程度"]
    assert sheet.freeze_panes == "A3"
    assert len(data_rows(sheet)) == count
    rows = data_rows(sheet, values_only=True)
    assert {r[1] for r in rows} >= {"逾期", "到期未评估"}
    assert all("*" in r[7] for r in rows)  # citizen IDs masked
    assert any(str(r[14]).startswith("还有") or "逾期" in str(r[14]) for r in rows)  # reasons in Chinese

    out = tmp_path / "maturities.xlsx"
    assert cli("export", "ledger", "maturities", "--out", str(out), "--as-of", TODAY.isoformat()).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    rows = data_rows(sheet, values_only=True)
    assert rows and all(0 <= r[12] <= 30 for r in rows)
    assert {r[13] for r in rows} <= {"已评估", "未评估"}
    assert isinstance(rows[0][11], dt.datetime) and sheet.cell(3, 12).number_format == "yyyy-mm-dd"

    out = tmp_path / "disposals.xlsx"
    assert cli("export", "ledger", "disposals", "--out", str(out), "--as-of", TODAY.isoformat()).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    # the demo's compensation claims are in the ledger too (issue 20: its payouts settle claims)
    [row] = [r for r in data_rows(sheet, values_only=True) if r[7] == contract]
    assert row[7] == contract and row[10] == "展期" and row[15] == "已批准" and row[16] == "banker"
    assert "3" in row[11]
    before = tmp_path / "disposals-before.xlsx"
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    assert cli("export", "ledger", "disposals", "--out", str(before), "--as-of", yesterday).returncode == 0
    before_rows = data_rows(openpyxl.load_workbook(before).active, values_only=True)
    assert contract not in [r[7] for r in before_rows]  # nothing proposed yet on that day

    pdf = tmp_path / "summary.pdf"
    result = cli("print", "risk-summary", "--as-of", TODAY.isoformat(), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", data)) >= 1
    assert b"/FontFile2" in data  # the Chinese font is embedded (app/reports/pdf/fonts.py)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left
    assert cli("check").returncode == 0


def test_summary_refuses_a_wrong_extension(demo_node, tmp_path):
    assert_clean_failure(demo_node("print", "risk-summary", "--out", str(tmp_path / "x.txt")), ".pdf")
