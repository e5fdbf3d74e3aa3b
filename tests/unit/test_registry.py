"""Queries of the Households and Loans pages: typing filters, paging, scope, tombstones, derived loan state."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.domain import registry
from app.domain.registry import HouseholdQuery, LoanQuery, loan_state
from app.models import Household
from app.models.enums import LoanStatus, PovertyStatus
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from tests.unit.test_import_workbooks import build_workbook, make_id

AS_OF = dt.date(2026, 11, 27)


def fill(store, tmp_path):
    header = ["街道", "村", "组", "户主姓名", "身份证号", "联系电话", "贫困户属性"]
    rows = [["纺织城", "东村", "1组", "张三", make_id(1), "13800000001", "建档立卡"],
            ["纺织城", "东村", "1组", "张三丰", make_id(2), "13900000002", "已脱贫"],
            ["纺织城", "西村", "2组", "李四", make_id(3, "19851231"), "13800000003", "建档立卡"],
            ["狄寨", "北村", "1组", "赵五", make_id(4), "", "监测对象"]]
    import_households(store, build_workbook(tmp_path / "r.xlsx", header, rows))
    header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "到期日期", "余额", "逾期日期",
              "状态"]
    loans = [["农商行", "L1", "张三", make_id(1), 50000, "2024-01-01", "2026-12-20", 50000, None, "正常"],
             ["农商行", "L2", "张三丰", make_id(2), 50000, "2023-06-01", "2026-06-01", 20000, "2026-06-02", "逾期"],
             ["邮储", "L3", "李四", make_id(3, "19851231"), 30000, "2023-01-01", "2026-01-01", 0, None, "已结清"],
             ["邮储", "L4", "赵五", make_id(4), 30000, "2025-01-01", "2027-01-01", 30000, None, "正常"]]
    report = import_loans(store, build_workbook(tmp_path / "l.xlsx", header, loans))
    assert not report.refused, [r.chinese() for r in report.refused]


def names(page):
    return [row.head_name for row in page.rows]


def test_household_filter_as_you_type(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    fill(store, tmp_path)
    search = registry.search_households
    assert names(search(store, HouseholdQuery(text="zs"))) == ["张三", "张三丰"]
    assert names(search(store, HouseholdQuery(text="ZSF"))) == ["张三丰"]
    assert names(search(store, HouseholdQuery(text="张三"))) == ["张三", "张三丰"]
    assert names(search(store, HouseholdQuery(text="西村"))) == ["李四"]
    assert names(search(store, HouseholdQuery(text="1398"))) == []
    assert names(search(store, HouseholdQuery(text="139"))) == ["张三丰"]
    assert names(search(store, HouseholdQuery(text="19851231"))) == ["李四"]  # an ID fragment
    assert names(search(store, HouseholdQuery(text=make_id(4)[-4:]))) == ["赵五"]
    assert names(search(store, HouseholdQuery(text="50%"))) == []
    page = search(store, HouseholdQuery(sort="name", limit=2, offset=2))
    assert page.total == 4 and names(page) == ["张三丰", "赵五"]
    assert names(search(store, HouseholdQuery(sort="name", descending=True, limit=1))) == ["赵五"]
    assert names(search(store, HouseholdQuery(poverty_status=PovertyStatus.EXITED))) == ["张三丰"]
    assert search(store, HouseholdQuery(street_code="610111006")).total == 1
    row = search(store, HouseholdQuery(text="ls")).rows[0]
    assert row.village_name == "西村" and row.street_name == "纺织城街道" and "*" in row.masked_id
    # a tombstoned household disappears from every list
    with store.write() as session:
        session.execute(sa.select(Household).where(Household.head_name == "李四")).scalar_one().deleted = True
    assert search(store, HouseholdQuery()).total == 3


def test_field_node_sees_its_street_only(store, make_node, tmp_path):
    hub = make_node(role="hub", street=None, folder=tmp_path / "hub")[0]
    fill(hub, tmp_path)
    header = ["户主姓名", "身份证号", "村"]
    import_households(store, build_workbook(tmp_path / "f.xlsx", header, [["钱六", make_id(9), "东村"]]))
    assert names(registry.search_households(store, HouseholdQuery())) == ["钱六"]
    with store.read() as session:
        assert registry.find_households(session, HouseholdQuery(street_code="610111006"), "610111001").total == 0


def test_household_detail(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    fill(store, tmp_path)
    hid = registry.search_households(store, HouseholdQuery(text="zsf")).rows[0].id
    detail = registry.get_household_detail(store, hid, as_of=AS_OF)
    assert detail.household.head_name == "张三丰"
    assert [m.name for m in detail.members] == ["张三丰"] and detail.members[0].is_head
    assert [s.status for s in detail.status_history] == [PovertyStatus.EXITED]
    assert [loan.contract_no for loan in detail.loans] == ["L2"]
    assert detail.loans[0].state.days_past_due == (AS_OF - dt.date(2026, 6, 2)).days + 1


def test_loan_filters(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    fill(store, tmp_path)

    def contracts(**kw):
        return [row.contract_no for row in registry.search_loans(store, LoanQuery(as_of=AS_OF, **kw)).rows]

    assert contracts() == ["L3", "L2", "L1", "L4"]  # by maturity
    assert contracts(matures_within_days=30) == ["L1"]
    assert contracts(matures_within_days=40) == ["L1", "L4"]
    assert contracts(overdue_min_days=1) == ["L2"]
    assert contracts(overdue_min_days=200) == []
    assert contracts(statuses=[LoanStatus.REPAID]) == ["L3"]
    assert contracts(include_closed=False) == ["L2", "L1", "L4"]
    assert contracts(street_code="610111006") == ["L4"]
    with store.read() as session:
        bank = dict((name, bid) for bid, name in registry.banks(session))
    assert contracts(bank_id=bank["邮储"]) == ["L3", "L4"]
    assert contracts(text="zs") == ["L2", "L1"]
    assert contracts(text="L4") == ["L4"]
    rows = {r.contract_no: r for r in registry.search_loans(store, LoanQuery(as_of=AS_OF)).rows}
    assert rows["L1"].state.maturing_soon and rows["L1"].state.days_to_maturity == 23
    assert rows["L3"].state.closed and rows["L3"].state.days_past_due == 0


def test_loan_state_conventions():
    d = dt.date
    state = loan_state(d(2026, 12, 1), None, 100, LoanStatus.ACTIVE, d(2026, 11, 27))
    assert (state.days_to_maturity, state.days_past_due, state.maturing_soon) == (4, 0, True)
    past = loan_state(d(2026, 11, 1), None, 100, LoanStatus.ACTIVE, d(2026, 11, 27))
    assert past.days_past_due == 26 and past.overdue_start == d(2026, 11, 2) and not past.maturing_soon
    assert loan_state(d(2026, 11, 1), None, 0, LoanStatus.REPAID, d(2026, 11, 27)).days_past_due == 0
    bank_said = loan_state(d(2027, 1, 1), d(2026, 11, 20), 100, LoanStatus.OVERDUE, d(2026, 11, 27))
    assert bank_said.days_past_due == 8
