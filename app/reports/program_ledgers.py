"""Ledgers of the programmes, registered in :mod:`app.reports.ledgers` (which writes them: title row, frozen header,
widths, formats, masked IDs, temporary file and rename, local "export" audit event):

- ``enterprise-use``: the 户贷企用 stock-loan ledger (enterprise, credit code, benefit link, operating status,
  household, loan, dividends due and paid, after-cutoff flag);
- ``dividends``: dividend payment status by street, village and household (for feedback to each street office);
- ``subsidies``: interest-subsidy claims by bank and period with their decision and payment;
- ``fund``: the risk compensation fund's contributions and payouts with the running balance;
- ``outreach``: outreach sessions held.

Each ledger's cells come from the same domain rows the pages show (:mod:`app.domain.programs`), through the
``*_cells`` functions below, so a page and its ledger cannot disagree. Ledgers stay Chinese whatever the interface
language (an exchange format between offices).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import settings
from app.domain import programs as pg
from app.domain.money import to_yuan
from app.domain.programs.overdue_reports import OverdueReportRow, overdue_report_rows
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import SettingValue
from app.models.enums import BusinessStatus
from app.models.programs import BenefitLink, ClaimStatus
from app.reports.ledgers import DATE, ID, INT, MONEY, TEXT, LedgerColumn, LedgerContext, LedgerKind, register_ledger

BENEFIT_WORDS = {BenefitLink.DIVIDEND: "分红", BenefitLink.EMPLOYMENT: "务工就业", BenefitLink.PURCHASE: "收购农产品",
                 BenefitLink.LAND_LEASE: "土地流转", BenefitLink.OTHER: "其他"}
BUSINESS_WORDS = {BusinessStatus.NORMAL: "正常经营", BusinessStatus.DIFFICULT: "经营困难",
                  BusinessStatus.STOPPED: "停产停业"}
DIVIDEND_WORDS = {pg.DividendState.DUE: "未到期", pg.DividendState.PARTLY_PAID: "部分支付",
                  pg.DividendState.PAID: "已支付", pg.DividendState.OVERDUE: "逾期未付"}
CLAIM_WORDS = {ClaimStatus.CLAIMED: "已申请", ClaimStatus.APPROVED: "已审核", ClaimStatus.REFUSED: "不予贴息",
               ClaimStatus.PAID: "已拨付"}
MOVE_WORDS = {"in": "注入", "out": "代偿支出"}


def setting_in(session: Session, definition: settings.Setting[Any]) -> Any:
    """A node setting read through an open session (ledger rows have no store)."""
    raw = session.execute(sa.select(SettingValue.value).where(SettingValue.key == definition.key)).scalar()
    if raw is None:
        return definition.default
    try:
        return definition.load(raw)
    except (ValueError, ValidationError):
        return definition.default


# -- enterprise use (户贷企用台账) -----------------------------------------------------------------------------
def enterprise_use_cells(row: pg.EnterpriseUseRow, citizen_id: str) -> tuple[Any, ...]:
    return (row.enterprise_name, row.credit_code, BENEFIT_WORDS.get(row.benefit_link, "") if row.benefit_link else "",
            BUSINESS_WORDS[row.status] if row.status else "", row.street_name, row.village_name, row.head_name,
            row.borrower_name, citizen_id, row.bank_name, row.contract_no, row.amount_fen / 100, row.disbursed_on,
            row.matures_on, row.balance_fen / 100, row.dividends_due_fen / 100, row.dividends_paid_fen / 100,
            "是" if row.after_cutoff else "")


def _enterprise_use(session: Session, ctx: LedgerContext) -> list[pg.EnterpriseUseRow]:
    return pg.enterprise_use_rows(session, ctx.as_of, ctx.scope, setting_in(session, settings.ENTERPRISE_USE_CUTOFF))


def _enterprise_use_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(_enterprise_use(session, ctx), start=1):
        yield (number, *enterprise_use_cells(row, ctx.citizen_id(row.borrower_citizen_id)))


ENTERPRISE_USE = register_ledger(LedgerKind(
    key="enterprise-use",
    label=QT_TRANSLATE_NOOP("Ledgers", "Enterprise-use loan ledger"),
    title="{place}户贷企用存量贷款台账（截至{as_of}）",
    sheet="户贷企用台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("委托经营企业", TEXT, 26),
             LedgerColumn("统一社会信用代码", ID, 21), LedgerColumn("利益联结方式", TEXT, 12),
             LedgerColumn("经营状况", TEXT, 10), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("借款人", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("经办银行", TEXT, 22), LedgerColumn("贷款合同编号", TEXT, 20),
             LedgerColumn("贷款金额(元)", MONEY, 13), LedgerColumn("放款日期", DATE, 12),
             LedgerColumn("到期日期", DATE, 12), LedgerColumn("贷款余额(元)", MONEY, 13),
             LedgerColumn("应付分红(元)", MONEY, 13), LedgerColumn("已付分红(元)", MONEY, 13),
             LedgerColumn("截止日后发放", TEXT, 12)),
    count=lambda session, ctx: len(_enterprise_use(session, ctx)),
    rows=_enterprise_use_rows,
    totals=("贷款金额(元)", "贷款余额(元)", "应付分红(元)", "已付分红(元)"),
))


# -- dividends (分红支付情况台账) ---------------------------------------------------------------------------------
def dividend_cells(row: pg.DividendRow, citizen_id: str) -> tuple[Any, ...]:
    return (row.street_name, row.village_name, row.head_name, citizen_id, row.enterprise_name,
            BENEFIT_WORDS.get(row.benefit_link, "") if row.benefit_link else "", row.period, row.due_on,
            row.amount_fen / 100, row.paid_fen / 100, row.unpaid_fen / 100, row.last_paid_on,
            DIVIDEND_WORDS[row.state], row.days_overdue or None, row.note)


def _dividends(session: Session, ctx: LedgerContext) -> list[pg.DividendRow]:
    return pg.dividend_rows(session, ctx.as_of, ctx.scope, grace_days=setting_in(session, settings.DIVIDEND_GRACE_DAYS))


def _dividend_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(_dividends(session, ctx), start=1):
        yield (number, *dividend_cells(row, ctx.citizen_id(row.head_citizen_id)))


DIVIDENDS = register_ledger(LedgerKind(
    key="dividends",
    label=QT_TRANSLATE_NOOP("Ledgers", "Dividend payment ledger"),
    title="{place}委托经营企业分红支付情况台账（截至{as_of}）",
    sheet="分红台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("委托经营企业", TEXT, 26), LedgerColumn("利益联结方式", TEXT, 12),
             LedgerColumn("分红期间", TEXT, 10), LedgerColumn("应付日期", DATE, 12),
             LedgerColumn("应付金额(元)", MONEY, 13), LedgerColumn("已付金额(元)", MONEY, 13),
             LedgerColumn("未付金额(元)", MONEY, 13), LedgerColumn("最近支付日期", DATE, 13),
             LedgerColumn("支付状态", TEXT, 10), LedgerColumn("逾期天数", INT, 9), LedgerColumn("备注", TEXT, 20)),
    count=lambda session, ctx: len(_dividends(session, ctx)),
    rows=_dividend_rows,
    totals=("应付金额(元)", "已付金额(元)", "未付金额(元)"),
))


# -- interest subsidies (贴息申请及拨付台账) ----------------------------------------------------------------------
def claim_cells(row: pg.ClaimRow, citizen_id: str) -> tuple[Any, ...]:
    return (row.bank_name, row.period, row.street_name, row.contract_no, row.borrower_name, citizen_id,
            row.claimed_on, row.amount_fen / 100, CLAIM_WORDS[row.status], to_yuan(row.approved_fen), row.decided_on,
            row.paid_on, row.paid_fen / 100 if row.paid_fen else None, row.reason)


def _claims(session: Session, ctx: LedgerContext) -> list[pg.ClaimRow]:
    return pg.claim_rows(session, ctx.scope, as_of=ctx.as_of)


def _claim_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(_claims(session, ctx), start=1):
        yield (number, *claim_cells(row, ctx.citizen_id(row.borrower_citizen_id)))


SUBSIDIES = register_ledger(LedgerKind(
    key="subsidies",
    label=QT_TRANSLATE_NOOP("Ledgers", "Interest subsidy ledger"),
    title="{place}扶贫小额信贷贴息申请及拨付台账（截至{as_of}）",
    sheet="贴息台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("经办银行", TEXT, 22), LedgerColumn("贴息期间", TEXT, 10),
             LedgerColumn("街道", TEXT, 12), LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("借款人", TEXT, 10),
             LedgerColumn("身份证号", ID, 21), LedgerColumn("申请日期", DATE, 12),
             LedgerColumn("申请金额(元)", MONEY, 13), LedgerColumn("审核状态", TEXT, 10),
             LedgerColumn("核定金额(元)", MONEY, 13), LedgerColumn("审核日期", DATE, 12),
             LedgerColumn("拨付日期", DATE, 12), LedgerColumn("拨付金额(元)", MONEY, 13),
             LedgerColumn("审核意见", TEXT, 40)),
    count=lambda session, ctx: len(_claims(session, ctx)),
    rows=_claim_rows,
    totals=("申请金额(元)", "核定金额(元)", "拨付金额(元)"),
))


# -- risk compensation fund (风险补偿金台账) ----------------------------------------------------------------------
def fund_cells(row: pg.FundMovementRow) -> tuple[Any, ...]:
    return (row.on, MOVE_WORDS[row.kind], row.counterpart, row.in_fen / 100 if row.in_fen else None,
            row.out_fen / 100 if row.out_fen else None, row.balance_fen / 100, row.note)


def _fund_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(pg.fund_movements(session, ctx.as_of), start=1):
        yield (number, *fund_cells(row))


FUND = register_ledger(LedgerKind(
    key="fund",
    label=QT_TRANSLATE_NOOP("Ledgers", "Risk compensation fund ledger"),
    title="{place}扶贫小额信贷风险补偿金台账（截至{as_of}）",
    sheet="风险补偿金台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("日期", DATE, 12), LedgerColumn("类别", TEXT, 10),
             LedgerColumn("资金来源/代偿贷款", TEXT, 40), LedgerColumn("注入金额(元)", MONEY, 14),
             LedgerColumn("代偿金额(元)", MONEY, 14), LedgerColumn("余额(元)", MONEY, 14),
             LedgerColumn("备注", TEXT, 24)),
    count=lambda session, ctx: len(pg.fund_movements(session, ctx.as_of)),
    rows=_fund_rows,
    totals=("注入金额(元)", "代偿金额(元)"),
))


# -- outreach (金融知识宣传教育台账) ------------------------------------------------------------------------------
def session_cells(row: pg.SessionRow) -> tuple[Any, ...]:
    return (row.held_on, row.campaign_name, row.street_name, row.place, row.topic, row.organiser,
            row.people_reached, row.photos, row.note)


def _sessions(session: Session, ctx: LedgerContext) -> list[pg.SessionRow]:
    return pg.session_rows(session, ctx.scope, as_of=ctx.as_of)


def _session_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(_sessions(session, ctx), start=1):
        yield (number, *session_cells(row))


OUTREACH = register_ledger(LedgerKind(
    key="outreach",
    label=QT_TRANSLATE_NOOP("Ledgers", "Outreach ledger"),
    title="{place}金融知识普及和诚信教育活动台账（截至{as_of}）",
    sheet="宣传教育台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("活动日期", DATE, 12), LedgerColumn("所属活动", TEXT, 20),
             LedgerColumn("街道", TEXT, 12), LedgerColumn("地点", TEXT, 22), LedgerColumn("主题", TEXT, 28),
             LedgerColumn("组织单位", TEXT, 16), LedgerColumn("覆盖人数", INT, 9), LedgerColumn("照片数", INT, 8),
             LedgerColumn("备注", TEXT, 20)),
    count=lambda session, ctx: len(_sessions(session, ctx)),
    rows=_session_rows,
    totals=("覆盖人数",),
))



# -- overdue loans reported to the fund (逾期贷款报告风险补偿金台账) --------------------------------------------
REPORT_WORDS = {"not_due": "待报告", "due_today": "今日须报告", "late": "逾期未报告", "on_time": "按时报告",
                "reported_late": "超期报告"}


def _overdue_reports(session: Session, ctx: LedgerContext) -> list[OverdueReportRow]:
    key = ("overdue_reports", ctx.as_of, ctx.scope)
    cached = session.info.get("overdue_report_cache")
    if cached is None or cached[0] != key:
        cached = session.info["overdue_report_cache"] = (key, overdue_report_rows(session, ctx.as_of, ctx.scope))
    found: list[OverdueReportRow] = cached[1]
    return found


def _overdue_report_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, row in enumerate(_overdue_reports(session, ctx), start=1):
        yield (number, row.street_name, row.bank_name, row.contract_no, row.borrower_name, row.overdue_since,
               row.days_past_due or None, row.overdue_fen / 100, row.due_on, REPORT_WORDS[row.state.value],
               row.reported_on, row.reported_by, row.report_ref)


OVERDUE_REPORTS = register_ledger(LedgerKind(
    key="overdue-reports",
    label=QT_TRANSLATE_NOOP("Ledgers", "Overdue loans reported to the risk fund"),
    title="{place}扶贫小额信贷逾期贷款报告风险补偿金台账（截至{as_of}）",
    sheet="逾期报告台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("经办银行", TEXT, 22),
             LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("借款人", TEXT, 10),
             LedgerColumn("逾期起始日", DATE, 12),
             LedgerColumn("逾期天数", INT, 9), LedgerColumn("逾期金额(元)", MONEY, 13),
             LedgerColumn("应报告日期", DATE, 12), LedgerColumn("报告情况", TEXT, 12),
             LedgerColumn("报告日期", DATE, 12), LedgerColumn("报告人", TEXT, 10), LedgerColumn("报告文件", TEXT, 24)),
    count=lambda session, ctx: len(_overdue_reports(session, ctx)),
    rows=_overdue_report_rows,
    totals=("逾期金额(元)",),
))
