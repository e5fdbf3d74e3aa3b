"""Importing loans: every written form of amounts, dates and rates; borrowers from the roster; idempotence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from app.models import Bank, Loan
from app.models.enums import LoanStatus, PurposeCategory, RiskClass
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from tests.unit.test_import_workbooks import audit_count, build_workbook, make_id

SAMPLES = Path("/work/shared/samples")


@pytest.fixture
def hub(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    header = ["街道", "姓名", "与户主关系", "身份证号"]
    rows = [["纺织城", f"户主{i}", "户主", make_id(i)] for i in range(1, 13)]
    rows.insert(1, ["纺织城", "户主1之子", "之子", make_id(500, "20000101")])
    report = import_households(store, build_workbook(tmp_path / "roster.xlsx", header, rows))
    assert report.counts["households"].added == 12
    return store


HEADER = ["序号", "借款人姓名", "身份证号码", "承贷\n银行", "借款合同号", "金额（元）", "发放日期", "到期日",
          "期限（月）", "执行利率", "用途", "贷款余额", "五级分类", "贷款状态"]


def loan_rows():
    return [
        [1, "户主1", make_id(1), "灞桥农商银行", "HT-001", 50000, dt.datetime(2019, 3, 1), "2022/3/1", 36, "4.75%",
         "养殖肉牛", 50000, "正常", "正常"],
        [2, "户主2", make_id(2), "灞桥农商银行", "HT-002", "50,000.00", 43525, None, 36, 4.75, "种植樱桃", "3万",
         "关注", "逾期"],
        [3, "户主3", make_id(3), "邮储银行灞桥支行", "HT-003", "5万", "2019年3月1日", "20200301", None, 0.0435,
         "开小超市", "￥10,000", "", ""],
        [4, "户主4", make_id(4), "邮储银行灞桥支行", "HT-004", "4.5万元", "2019.03.01", None, "3年", "4.75",
         "农家乐", None, None, "已结清"],
        [5, "户主5", make_id(5), "灞桥农商银行", "HT-005", 60000, "2019-03-01", "2022-03-01", 36, "4.75%", "养殖",
         60000, "", ""],
        [6, "户主6", make_id(6), "灞桥农商银行", "HT-006", 50000, "2019-03-01", "2021-03-01", 36, "4.75%", "养殖",
         50000, "", ""],
        [7, "路人甲", make_id(300, "19700101"), "灞桥农商银行", "HT-007", 50000, "2019-03-01", None, 36, "4.75%",
         "养殖", 50000, "", ""],
        [8, "户主九", make_id(9), "灞桥农商银行", "HT-008", 50000, "2019-03-01", None, 36, "4.75%", "养殖", 50000,
         "", ""],
        [9, "户主10", make_id(10), "灞桥农商银行", "HT-009", 50000, "2019-03-01", None, 36, "4.75%", "养殖", 50000,
         "", ""],
        [10, "户主11", make_id(11), "灞桥农商银行", "HT-009", 50000, "2019-03-01", None, 36, "4.75%", "养殖", 50000,
         "", ""],
        [11, "户主12", 6.10111198001011e17, "灞桥农商银行", "HT-011", 50000, "2019-03-01", None, None, "四厘",
         "养殖", 70000, "", ""],
        [12, "户主1之子", make_id(500, "20000101"), "灞桥农商银行", "HT-012", 30000, "2020-01-31", None, 1, "4.35%",
         "养鱼", 30000, "", ""],
    ]


def test_loans_in_every_form(hub, tmp_path):
    order = [0, 3, 4, 1, 2, 5, 7, 6, 8, 9, 10, 11, 12, 13]
    header = [HEADER[i] for i in order]
    rows = [[row[i] for i in order] for row in loan_rows()]
    path = build_workbook(tmp_path / "loans.xlsx", header, rows, title="扶贫小额信贷发放明细表",
                          notes=[["合计", "", "", "", "", 455000], ["制表人:", "", "日期:"]])
    errors = tmp_path / "loan-errors.xlsx"
    report = import_loans(hub, path, errors_out=errors)
    assert report.counts["loans"].added == 4 and report.counts["banks"].added == 2
    refused = {r.number - 2: r.chinese() for r in report.refused}  # title and header rows
    assert "超过上限50,000.00元" in refused[5]
    assert "应为2022-03-01" in refused[6] and "不一致" in refused[6]
    assert refused[7] == "借款人不在户籍名册中（请先导入该户）"
    assert "姓名与户籍名册不一致" in refused[8]
    assert "合同编号重复" in refused[9] and "合同编号重复" in refused[10]
    assert "转成了数字" in refused[11] and "利率" in refused[11] and "至少要填两项" not in refused[11]
    # issue 20: the son's 30,000 yuan in 2020 joins the 50,000 his household (户主1) still owed: above the cap
    assert "超过每户上限50,000.00元" in refused[12] and "未结清扶贫小额信贷50,000.00元" in refused[12]
    assert sorted(refused) == [5, 6, 7, 8, 9, 10, 11, 12]
    with hub.read() as session:
        loans = {loan.contract_no: loan for loan in session.execute(sa.select(Loan)).scalars()}
        banks = set(session.execute(sa.select(Bank.name)).scalars())
    assert banks == {"灞桥农商银行", "邮储银行灞桥支行"}
    one, two, three, four = (loans[k] for k in ("HT-001", "HT-002", "HT-003", "HT-004"))
    assert "HT-012" not in loans
    assert (one.amount_fen, one.disbursed_on, one.matures_on, one.term_months, one.rate_bp) == (
        5_000_000, dt.date(2019, 3, 1), dt.date(2022, 3, 1), 36, 475)
    assert one.purpose_category is PurposeCategory.LIVESTOCK and one.balance_fen == 5_000_000
    assert (two.matures_on, two.balance_fen, two.risk_class, two.status) == (
        dt.date(2022, 3, 1), 3_000_000, RiskClass.SPECIAL_MENTION, LoanStatus.OVERDUE)
    assert (three.term_months, three.rate_bp, three.balance_fen, three.purpose_category) == (
        12, 435, 1_000_000, PurposeCategory.COMMERCE)
    assert (four.amount_fen, four.matures_on, four.status, four.balance_fen) == (
        4_500_000, dt.date(2022, 3, 1), LoanStatus.REPAID, 0)
    sheet = openpyxl.load_workbook(errors).active
    assert sheet.max_row == 9 and sheet.cell(1, sheet.max_column - 1).value == "错误原因"


def test_a_member_borrows_when_the_household_owes_nothing(hub, tmp_path):
    """The son of the roster borrows for a month from the end of January (maturity clamped to Feb 29)."""
    rows = [row for row in loan_rows() if row[4] == "HT-012"]
    report = import_loans(hub, build_workbook(tmp_path / "son.xlsx", HEADER, rows))
    assert report.counts["loans"].added == 1, report.refused
    with hub.read() as session:
        son = session.execute(sa.select(Loan).where(Loan.contract_no == "HT-012")).scalar_one()
    assert son.borrower_name == "户主1之子" and son.borrower_id is not None
    assert son.matures_on == dt.date(2020, 2, 29) and son.purpose_category is PurposeCategory.AQUACULTURE


def test_reimport_and_correction(hub, tmp_path):
    rows = loan_rows()[:4]
    path = build_workbook(tmp_path / "a.xlsx", HEADER, rows)
    assert import_loans(hub, path).counts["loans"].added == 4
    before = audit_count(hub)
    again = import_loans(hub, path)
    assert again.counts["loans"].unchanged == 4 and not again.changed and audit_count(hub) == before
    rows[0][11] = 40000  # a repayment lowered the balance
    dry = import_loans(hub, build_workbook(tmp_path / "b.xlsx", HEADER, rows), dry_run=True)
    assert dry.counts["loans"].updated == 1 and audit_count(hub) == before
    report = import_loans(hub, build_workbook(tmp_path / "c.xlsx", HEADER, rows))
    assert report.counts["loans"].updated == 1 and report.counts["loans"].unchanged == 3
    with hub.read() as session:
        assert session.execute(sa.select(Loan.balance_fen).where(Loan.contract_no == "HT-001")).scalar_one() \
            == 4_000_000
    # the contract now names someone else: refused, not silently reassigned
    rows[1][1], rows[1][2] = "户主7", make_id(7)
    report = import_loans(hub, build_workbook(tmp_path / "d.xlsx", HEADER, rows))
    assert "另一位借款人" in report.refused[0].chinese()


def test_sample_workbooks(make_node, tmp_path):
    if not (SAMPLES / "loans-sample.xlsx").exists():
        pytest.skip("shared samples not present")
    store = make_node(role="hub", street=None)[0]
    roster = shutil.copy(SAMPLES / "roster-sample.xlsx", tmp_path / "roster.xlsx")
    loans = shutil.copy(SAMPLES / "loans-sample.xlsx", tmp_path / "loans.xlsx")
    assert import_households(store, roster).counts["households"].added == 30
    report = import_loans(store, loans)
    assert report.counts["loans"].added == 15 and not report.refused
    assert not import_loans(store, loans).changed
