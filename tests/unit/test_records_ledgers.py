"""Ledgers of field records: Excel laid out like the other ledgers, latest versions, masked IDs, export audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

import app.reports.field_ledgers  # noqa: F401
from app.domain import records as rec
from app.models import AuditEntry
from app.models.enums import RecordKind
from app.reports.ledgers import LEDGERS, export_ledger
from tests.ledger_rows import data_rows
from tests.records_data import TODAY, make_household, make_loan


@pytest.fixture
def filled(store):
    household = make_household(store)
    loan = make_loan(store, household)
    visit = rec.submit(store, RecordKind.VISIT, {
        "visited_on": dt.date(2025, 3, 1), "visit_type": "routine", "visitors": "张干部", "people_met": "王建国",
        "business_status": "normal", "business_seen": "5头牛", "family_changes": "", "income_estimate_fen": 3_000_000,
        "willingness": "willing", "ability": "able", "used_as_declared": True, "findings": "正常", "follow_up": "",
        "next_visit_on": None, "household_confirmed": True}, household_id=household, loan_id=loan, today=TODAY)
    rec.amend(store, RecordKind.VISIT, visit.record_id, {
        "visited_on": dt.date(2025, 3, 1), "visit_type": "routine", "visitors": "张干部", "people_met": "王建国",
        "business_status": "normal", "business_seen": "5头牛", "family_changes": "", "income_estimate_fen": 3_000_000,
        "willingness": "willing", "ability": "able", "used_as_declared": True, "findings": "正常，新增牛犊",
        "follow_up": "", "next_visit_on": None, "household_confirmed": True}, "补记", today=TODAY)
    check = rec.submit(store, RecordKind.USE_CHECK, {
        "checked_on": dt.date(2025, 4, 2), "checked_by": "张干部", "declared_purpose": "养牛", "observed_use": "建房",
        "prohibited_use": "housing", "amount_misused_fen": 2_000_000, "conclusion": "partly", "note": ""},
        household_id=household, loan_id=loan, today=TODAY)
    rec.advance_anomaly(store, check.anomaly_id, "acknowledged", "收到")
    return household


def rows_of(path):
    sheet = load_workbook(path).active
    top = [[c.value for c in row] for row in sheet.iter_rows(max_row=2)]
    return top + [list(row) for row in data_rows(sheet, values_only=True)], sheet


def test_field_ledgers_registered():
    assert {"visits", "use-checks", "anomalies"} <= set(LEDGERS)


def test_visits_ledger(store, filled, tmp_path):
    (tmp_path / "out").mkdir()
    result = export_ledger(store, "visits", tmp_path / "out" / "visits.xlsx", as_of=TODAY)
    rows, sheet = rows_of(result.path)
    assert rows[0][0] == "灞桥区纺织城街道扶贫小额信贷回访记录台账（截至2025-06-10）"
    assert rows[1][:3] == ["序号", "回访日期", "街道"] and sheet.freeze_panes == "A3"
    assert len(rows) == 3, "one visit: the latest version only"
    row = rows[2]
    assert row[1] == dt.datetime(2025, 3, 1) and row[4] == "王建国" and row[5] == "6101**********0016"
    assert row[17] == "正常，新增牛犊" and row[21] == 2 and row[13] == 30000
    assert sheet.cell(3, 14).number_format == "#,##0.00" and sheet.cell(3, 2).number_format == "yyyy-mm-dd"
    with store.read() as session:
        event = session.execute(sa.select(AuditEntry).where(AuditEntry.action == "export")).scalar_one()
    assert json.loads(event.data)["kind"] == "ledger:visits" and event.local
    assert list((tmp_path / "out").iterdir()) == [result.path], "no temporary file left behind"


def test_use_check_and_anomaly_ledgers(store, filled, tmp_path):
    rows, _ = rows_of(export_ledger(store, "use-checks", tmp_path / "u.xlsx", as_of=TODAY).path)
    assert rows[2][10:13] == ["建房", 20000, "部分挪用"] and rows[2][7] == 50000
    rows, _ = rows_of(export_ledger(store, "anomalies", tmp_path / "a.xlsx", as_of=TODAY, full_ids=True).path)
    assert rows[2][5] == "610111197503080016" and rows[2][7] == "改变贷款用途" and rows[2][12] == "已受理"
    assert rows[2][13] == "admin" and rows[2][16] == "是"
    rows, _ = rows_of(export_ledger(store, "anomalies", tmp_path / "b.xlsx", as_of=dt.date(2025, 4, 1)).path)
    assert len(rows) == 2, "nothing found after --as-of"


def test_cli_lists_the_field_ledgers():
    from app.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["export", "ledger", "anomalies", "--out", "x.xlsx"])
    assert args.kind == "anomalies"
