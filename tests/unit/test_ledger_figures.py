"""Right figures (issue 19.4, issue 20): every column of the post-loan ledger equals the domain's answer for the same
loan on the ledger's day — balance, overdue amount and days from one function, status and class of that day, the
maturity as extended, the last visit since the loan was made — for imported loans and for the demo's, today and on
a replayed day. (Loans that arrive in a bundle: tests/sync/test_loan_history_sync.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.domain.registry import CLOSED_STATUSES
from app.domain.risk import last_visit_on, overdue_position, status_on
from app.domain.risk_query import LoanFilter, loan_facts
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from app.reports.ledgers import export_ledger
from app.reports.parsing import LOAN_STATUS_WORDS, RISK_WORDS, word_of
from tests.unit.test_import_workbooks import build_workbook, make_id

D = dt.date


def ledger_rows(store, out: Path, as_of: dt.date) -> list[dict[str, object]]:
    export_ledger(store, "post-loan", out, as_of=as_of)
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)]
    return [row for row in rows if row["贷款合同编号"] is not None]  # not the 合计 row and the signature lines


def _day(value: object) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


def assert_ledger_is_the_domains_answer(store, out: Path, as_of: dt.date) -> int:
    rows = ledger_rows(store, out, as_of)
    with store.read() as session:
        facts = {f.contract_no: f for f in loan_facts(session, as_of, LoanFilter(), live_only=False)}
    for row in rows:
        fact = facts[row["贷款合同编号"]]
        days, amount = overdue_position(fact, as_of)
        if status_on(fact, as_of) in CLOSED_STATUSES:  # settled, compensated, written off: nothing past due
            days = amount = 0
        expected = {
            "贷款金额(元)": fact.amount_fen / 100, "到期日期": fact.matures_on,
            "贷款余额(元)": max(fact.balance_fen, 0) / 100, "逾期金额(元)": amount / 100, "逾期天数": days,
            "五级分类": word_of(RISK_WORDS, fact.risk_class),
            "贷款状态": word_of(LOAN_STATUS_WORDS, status_on(fact, as_of)),
            "最近回访日期": last_visit_on(fact.visits, fact.disbursed_on, as_of),
        }
        shown = {name: _day(row[name]) if name.endswith("日期") else row[name] for name in expected}
        shown["贷款余额(元)"] = shown["贷款余额(元)"] or 0
        shown["逾期金额(元)"] = shown["逾期金额(元)"] or 0
        shown["逾期天数"] = shown["逾期天数"] or 0
        assert shown == expected, row["贷款合同编号"]
        assert (days > 0) is (amount > 0), "days overdue and the overdue amount agree"
    return len(rows)


def test_imported_loans_past_maturity_owe_their_balance(make_node, tmp_path):
    hub = make_node(role="hub", street=None)[0]
    import_households(hub, build_workbook(tmp_path / "roster.xlsx", ["街道", "姓名", "与户主关系", "身份证号"],
                                          [["纺织城", f"户主{i}", "户主", make_id(i)] for i in range(1, 5)]))
    header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "期限", "余额", "五级分类",
              "贷款状态"]
    loans = [["邮储银行", "L-1", "户主1", make_id(1), 50000, "2019-03-01", 36, 50000, "可疑", "逾期"],
             ["邮储银行", "L-2", "户主2", make_id(2), 30000, "2024-03-01", 36, 20000, "正常", "正常"],
             ["邮储银行", "L-3", "户主3", make_id(3), 20000, "2019-03-01", 36, 0, "正常", "已结清"],
             ["邮储银行", "L-4", "户主4", make_id(4), 40000, "2023-01-10", 24, 40000, "关注", ""]]
    assert import_loans(hub, build_workbook(tmp_path / "loans.xlsx", header, loans)).counts["loans"].added == 4
    today = dt.date.today()
    assert assert_ledger_is_the_domains_answer(hub, tmp_path / "today.xlsx", today) == 4
    rows = {r["贷款合同编号"]: r for r in ledger_rows(hub, tmp_path / "again.xlsx", today)}
    # the case: days past due beside an overdue amount of 0.00 — now the balance, as the warnings say
    assert rows["L-1"]["逾期金额(元)"] == 50000 and rows["L-1"]["逾期天数"] == (today - D(2022, 3, 1)).days
    # a class the bank's list gave today is not shown for an earlier day: what the days said then
    assert assert_ledger_is_the_domains_answer(hub, tmp_path / "past.xlsx", D(2021, 6, 30)) == 2  # made by then
    past = {r["贷款合同编号"]: r for r in ledger_rows(hub, tmp_path / "past2.xlsx", D(2021, 6, 30))}
    assert past["L-1"]["五级分类"] == "正常" and past["L-1"]["贷款状态"] == "正常"


@pytest.mark.parametrize("as_of", [D(2026, 11, 30), D(2025, 6, 30)])
def test_the_demos_loans_in_the_ledger_are_the_domains_answer(make_node, tmp_path, as_of):
    from app.district.demo import fill_demo
    from app.domain import records as rec
    from app.models.enums import RecordKind
    from tests.unit.test_records import visit_values

    hub = make_node(role="hub", street=None)[0]
    fill_demo(hub, households=40, seed=11, as_of=D(2026, 11, 30))
    visited = as_of - dt.timedelta(days=20)
    with hub.read() as session:
        live = [f for f in loan_facts(session, visited) if f.disbursed_on < visited][:3]
    for fact in live:
        rec.submit(hub, RecordKind.VISIT, visit_values(visited_on=visited), household_id=fact.household_id,
                   loan_id=fact.loan_id, today=visited)
    assert assert_ledger_is_the_domains_answer(hub, tmp_path / "demo.xlsx", as_of) > 10
    rows = ledger_rows(hub, tmp_path / "visits.xlsx", as_of)
    assert any(r["最近回访日期"] for r in rows), "the last visit is filled from the records"
