"""The plan's controls on new loans (issue 20, app/domain/loan_rules.py) through the loan import: prohibited purposes
refused with the reason (a list the district extends), the household cap across loans, the borrower's age and the
household's 建档立卡 status on the day the loan was made, the approved-industry list. Refusals keep the row out;
warnings import it and say why. Each at its boundary."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app import settings
from app.domain.loan_rules import LoanRules, approved_categories, prohibited_use, status_on, word_list
from app.models import Loan
from app.models.enums import PovertyStatus, ProhibitedUse, PurposeCategory
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from tests.unit.test_import_workbooks import build_workbook, make_id

D = dt.date
HEADER = ["经办银行", "借款合同号", "借款人姓名", "身份证号码", "贷款金额", "发放日期", "期限", "用途", "用途类别",
          "使用方式"]
RULES = LoanRules.from_settings(lambda s: s.default)


@pytest.fixture
def hub(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    header = ["街道", "姓名", "与户主关系", "身份证号", "贫困户属性", "状态日期"]
    rows = [["纺织城", "张三", "户主", make_id(1, "19800101"), "建档立卡", "2016-05-01"],
            ["纺织城", "张小三", "之子", make_id(2, "20010615"), "建档立卡", "2016-05-01"],
            ["狄寨", "李四", "户主", make_id(3, "19590615"), "建档立卡", "2016-05-01"],
            ["狄寨", "王五", "户主", make_id(4, "19800101"), "监测对象", "2021-03-01"],
            ["狄寨", "赵六", "户主", make_id(5, "19800101"), "建档立卡", "2020-03-01"],
            ["狄寨", "钱七", "户主", make_id(6, "19800101"), "已脱贫", "2019-12-01"]]
    assert import_households(store, build_workbook(tmp_path / "roster.xlsx", header, rows)).counts[
        "households"].added == 5
    return store


def _import(hub, tmp_path, rows, name="loans.xlsx"):
    return import_loans(hub, build_workbook(tmp_path / name, HEADER, rows))


def _row(contract, person, birth, amount=30_000, on="2020-06-01", months=24, purpose="养殖肉牛", category=None,
         mode=None):
    name = {1: "张三", 2: "张小三", 3: "李四", 4: "王五", 5: "赵六", 6: "钱七"}[person]
    return ["邮储银行", contract, name, make_id(person, birth), amount, on, months, purpose, category, mode]


# -- pure rules ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "use"), [
    ("建房", ProhibitedUse.HOUSING), ("翻修房屋三间", ProhibitedUse.HOUSING),
    ("购买理财产品", ProhibitedUse.WEALTH_MANAGEMENT), ("消费", ProhibitedUse.CONSUMPTION),
    ("子女上学", ProhibitedUse.CONSUMPTION), ("养老", ProhibitedUse.CONSUMPTION),
    ("借给亲友周转", ProhibitedUse.LENT_ON), ("养殖肉牛5头", None), ("开小超市", None), ("购买货车跑运输", None),
])
def test_prohibited_purposes_by_their_words(text, use):
    found = prohibited_use(text, RULES.prohibited)
    assert (found[0] if found else None) is use


def test_word_lists_and_the_industry_list_read_chinese_separators():
    assert word_list("建房、 盖房，修房;装修房屋") == ("建房", "盖房", "修房", "装修房屋")
    assert approved_categories("种植、畜牧养殖、transport、不是类别") == frozenset(
        {PurposeCategory.PLANTING, PurposeCategory.LIVESTOCK, PurposeCategory.TRANSPORT})
    assert approved_categories(settings.APPROVED_INDUSTRIES.default) == frozenset(PurposeCategory)


@pytest.mark.parametrize(("day", "expected"), [
    (D(2016, 4, 30), None), (D(2016, 5, 1), PovertyStatus.REGISTERED), (D(2020, 1, 1), PovertyStatus.REGISTERED)])
def test_the_status_on_the_day_a_loan_was_made(day, expected):
    assert status_on([(D(2016, 5, 1), PovertyStatus.REGISTERED)], PovertyStatus.REGISTERED, D(2016, 5, 1), day) \
        is expected
    # exited in 2019 with no earlier record: it was registered before it could exit
    assert status_on([(D(2019, 12, 1), PovertyStatus.EXITED)], PovertyStatus.EXITED, D(2019, 12, 1),
                     D(2018, 1, 1)) is PovertyStatus.REGISTERED
    # a roster without dates: the status as it is
    assert status_on([], PovertyStatus.REGISTERED, None, D(2010, 1, 1)) is PovertyStatus.REGISTERED


# -- through the import -------------------------------------------------------------------------------------------
def test_prohibited_purposes_are_refused_with_the_reason(hub, tmp_path):
    rows = [_row("P-1", 1, "19800101", purpose="建房"), _row("P-2", 3, "19590615", purpose="购买理财产品"),
            _row("P-3", 4, "19800101", on="2022-01-10", purpose="消费"),
            _row("P-4", 5, "19800101", on="2021-01-10", purpose="子女上学"),
            _row("P-5", 6, "19800101", purpose="养老")]
    report = _import(hub, tmp_path, rows)
    reasons = {r.number - 1: r.chinese() for r in report.refused}
    assert report.counts["loans"].added == 0 and sorted(reasons) == [1, 2, 3, 4, 5]
    assert "属于禁止用途（建房：建房）" in reasons[1] and "（理财：理财）" in reasons[2]
    assert "（消费：消费）" in reasons[3] and "（消费：子女上学）" in reasons[4] and "（消费：养老）" in reasons[5]
    assert "prohibited use (House building: 建房)" in report.refused[0].message()


def test_the_district_extends_the_word_list(hub, tmp_path):
    assert _import(hub, tmp_path, [_row("W-1", 1, "19800101", purpose="购买家电")]).counts["loans"].added == 1
    hub.set_setting(settings.PROHIBITED_CONSUMPTION_WORDS, settings.PROHIBITED_CONSUMPTION_WORDS.default + "、家电")
    report = _import(hub, tmp_path, [_row("W-2", 3, "19590615", purpose="购买家电")], "more.xlsx")
    assert report.counts["loans"].added == 0 and "（消费：家电）" in report.refused[0].chinese()


@pytest.mark.parametrize(("second_fen", "refused"), [(1_999_999, False), (2_000_000, False), (2_000_001, True)])
def test_the_household_cap_counts_every_loan_outstanding_that_day(hub, tmp_path, second_fen, refused):
    assert _import(hub, tmp_path, [_row("C-1", 1, "19800101", amount=30_000, on="2020-06-01")]).counts[
        "loans"].added == 1
    son = _row("C-2", 2, "20010615", amount=second_fen / 100, on="2021-01-10")  # same household, C-1 unpaid
    report = _import(hub, tmp_path, [son], "son.xlsx")
    assert bool(report.refused) is refused
    if refused:
        assert "超过每户上限50,000.00元" in report.refused[0].chinese()


def test_the_cap_does_not_count_a_loan_repaid_before(hub, tmp_path):
    from app.domain.loans import add_repayment

    _import(hub, tmp_path, [_row("R-1", 1, "19800101", amount=40_000, on="2020-06-01", months=12)])
    with hub.read() as session:
        loan_id = session.execute(sa.select(Loan.id).where(Loan.contract_no == "R-1")).scalar_one()
    add_repayment(hub, loan_id, D(2021, 5, 20), 4_000_000, today=D(2021, 6, 1))
    report = _import(hub, tmp_path, [_row("R-2", 2, "20010615", amount=40_000, on="2021-06-01")], "next.xlsx")
    assert report.counts["loans"].added == 1 and not report.refused
    before = _import(hub, tmp_path, [_row("R-3", 2, "20010615", amount=40_000, on="2021-05-19")], "early.xlsx")
    assert before.refused and "未结清扶贫小额信贷40,000.00元" in before.refused[0].chinese()


@pytest.mark.parametrize(("on", "outcome"), [("2019-06-14", "refused"), ("2019-06-15", "imported"),
                                             ("2019-06-16", "imported")])
def test_a_borrower_under_18_on_the_day_is_refused(hub, tmp_path, on, outcome):
    # the son was born on 2001-06-15: 18 on 2019-06-15
    report = _import(hub, tmp_path, [_row("A-1", 2, "20010615", on=on)])
    assert (report.counts["loans"].added == 1) is (outcome == "imported")
    if outcome == "refused":
        assert report.refused[0].chinese() == "放款时借款人17周岁，未满18周岁"


@pytest.mark.parametrize(("on", "warned"), [("2025-06-14", False), ("2025-06-15", True)])
def test_a_borrower_over_65_is_imported_with_a_warning(hub, tmp_path, on, warned):
    # 李四 was born on 1959-06-15: 65 until 2025-06-14, 66 from 2025-06-15
    report = _import(hub, tmp_path, [_row("O-1", 3, "19590615", on=on)])
    assert report.counts["loans"].added == 1 and not report.refused
    assert any("older than 65" in w.message() for w in report.warned) is warned


def test_the_households_status_on_the_day_is_warned_when_it_was_not_registered(hub, tmp_path):
    rows = [_row("S-1", 4, "19800101", on="2022-01-10"),  # 监测对象 since 2021
            _row("S-2", 5, "19800101", on="2020-02-29"),  # registered from 2020-03-01: not yet
            _row("S-3", 5, "19800101", on="2020-03-01", amount=10_000),
            _row("S-4", 6, "19800101", on="2018-05-01")]  # exited in 2019: registered before
    report = _import(hub, tmp_path, rows)
    assert report.counts["loans"].added == 4 and not report.refused  # warnings never keep a loan out
    warned = {w.number - 1: w.message() for w in report.warned}
    assert "monitored household" in warned[1] and "not yet registered" in warned[2] and sorted(warned) == [1, 2]


def test_an_industry_off_the_district_list_is_warned(hub, tmp_path):
    hub.set_setting(settings.APPROVED_INDUSTRIES, "种植、畜牧养殖")
    report = _import(hub, tmp_path, [_row("I-1", 1, "19800101", purpose="开小超市", category="商贸流通"),
                                     _row("I-2", 3, "19590615", purpose="种植樱桃")])
    assert report.counts["loans"].added == 2
    assert [w.number for w in report.warned] == [2] and "商贸流通" in report.warned[0].message()


def test_enterprise_use_after_the_cutoff_is_refused(hub, tmp_path):
    rows = [_row("E-1", 1, "19800101", on="2017-11-30", months=36, mode="户贷企用"),
            _row("E-2", 3, "19590615", on="2017-12-01", months=36, mode="户贷企用")]
    report = _import(hub, tmp_path, rows)
    assert report.counts["loans"].added == 1 and [r.number for r in report.refused] == [3]
    assert "户贷企用截止日2017-11-30之后" in report.refused[0].chinese()
