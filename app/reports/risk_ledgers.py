"""Ledgers for the finance office (区财政局/金融办): maturities with their pre-maturity assessments, risk warnings,
and classified disposals — registered in the ledger registry of :mod:`app.reports.ledgers` (which writes them: title
row, frozen header, widths, formats, masked IDs, temporary file and rename, local "export" audit event).

Ledgers are an exchange format between offices and stay Chinese whatever the interface language: enum words come
from the tables below and warning reasons from the Chinese catalogue (:func:`app.i18n.translate_in`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import i18n
from app.domain.loan_history import LaterHistory
from app.domain.registry import LOAN_COLUMNS, LoanRow, loan_row, loan_select
from app.domain.risk import RiskWarning, Rule, warnings_for
from app.domain.risk_disposal import describe_terms
from app.domain.risk_query import LoanFilter, loan_facts, policy_in, records_model
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Household, Loan, Village
from app.models.enums import Disposal, RepaymentAbility, Severity
from app.models.risk import DisposalProposal, DisposalStatus, JointReview
from app.reports.ledgers import DATE, ID, INT, MONEY, TEXT, LedgerColumn, LedgerContext, LedgerKind, register_ledger
from app.reports.parsing import RISK_WORDS, word_of

MaturityAssessment: Any = records_model("MaturityAssessment")

RULE_WORDS = {
    Rule.MATURITY: "到期未评估", Rule.OVERDUE: "逾期", Rule.CLASSIFICATION: "分类偏低", Rule.VISIT: "回访逾期",
    Rule.ANOMALY: "异常未结", Rule.POVERTY: "贫困状态变化", Rule.SUBSIDY: "逾期仍有贴息申请",
    Rule.ENTERPRISE: "截止日后户贷企用",
}
SEVERITY_WORDS = {Severity.HIGH: "高", Severity.MEDIUM: "中", Severity.LOW: "低"}
DISPOSAL_WORDS = {
    Disposal.REPAY: "到期还款", Disposal.RESCHEDULE: "调整还款计划", Disposal.RENEWAL_WITHOUT_PRINCIPAL: "无还本续贷",
    Disposal.EXTENSION: "展期", Disposal.TOP_UP: "追加贷款", Disposal.COMPENSATION_CLAIM: "风险补偿金代偿",
    Disposal.LEGAL_ACTION: "依法清收",
}
STATUS_WORDS = {DisposalStatus.PROPOSED: "已提议", DisposalStatus.APPROVED: "已批准", DisposalStatus.REJECTED: "未批准",
                DisposalStatus.EXECUTED: "已执行", DisposalStatus.WITHDRAWN: "已撤回"}
ABILITY_WORDS = {RepaymentAbility.ABLE: "能按期还款", RepaymentAbility.PARTLY: "部分还款",
                 RepaymentAbility.UNABLE: "无力还款"}


def chinese(context: str, text: str, **params: object) -> str:
    return i18n.translate_in("zh_CN", context, text, **params)


def chinese_reason(warning: RiskWarning) -> str:
    return warning.reason_in(chinese)


# -- maturities (到期贷款及到期前评估台账) -----------------------------------------------------------------------------
def _window(session: Session, ctx: LedgerContext) -> tuple[dt.date, dt.date]:
    return ctx.as_of, ctx.as_of + dt.timedelta(days=policy_in(session).maturity_assessment_days)


def _maturing(session: Session, ctx: LedgerContext) -> list[LoanRow]:
    """The loans maturing within the window after the ledger's day, as they stood that day (computed once per
    export): the maturity and the balance are replayed (app/domain/loan_history.py), so a loan extended or repaid
    later is listed as it was then, and one whose maturity an earlier disposal moved out of the window is not."""
    key = ("maturities", ctx.as_of, ctx.scope)
    cached = session.info.get("maturity_ledger_cache")
    if cached is not None and cached[0] == key:
        found: list[LoanRow] = cached[1]
        return found
    first, last = _window(session, ctx)
    history = LaterHistory(session, ctx.as_of)
    where: list[Any] = [Loan.deleted.is_(False), Loan.disbursed_on <= ctx.as_of]
    if ctx.scope:
        where.append(Loan.street_code == ctx.scope)
    rows = list(session.execute(loan_select().where(*where, Loan.balance_fen > 0, Loan.matures_on >= first,
                                                    Loan.matures_on <= last)))
    seen = {r[0] for r in rows}
    changed = sorted(uuid.UUID(hex=h) for h in history.loans)
    for start in range(0, len(changed), 2000):  # loans whose maturity or balance was different on the day
        rows += [r for r in session.execute(loan_select().where(*where, Loan.id.in_(changed[start:start + 2000])))
                 if r[0] not in seen]
    loans = [loan_row(r, ctx.as_of, history) for r in rows]
    found = sorted((loan for loan in loans if loan.balance_fen > 0 and first <= loan.matures_on <= last),
                   key=lambda loan: (loan.matures_on, loan.street_code, loan.village_name, loan.contract_no))
    session.info["maturity_ledger_cache"] = (key, found)
    return found


def _count_maturities(session: Session, ctx: LedgerContext) -> int:
    return len(_maturing(session, ctx))


def _maturity_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    window = policy_in(session).maturity_assessment_days
    loans = _maturing(session, ctx)
    assessments: dict[uuid.UUID, Any] = {}
    ids = [loan.id for loan in loans] if MaturityAssessment is not None else []
    for start in range(0, len(ids), 2000):
        for assessment in session.execute(sa.select(MaturityAssessment).where(
                MaturityAssessment.loan_id.in_(ids[start:start + 2000]), MaturityAssessment.deleted.is_(False),
                MaturityAssessment.assessed_on <= ctx.as_of).order_by(MaturityAssessment.assessed_on,
                                                                      MaturityAssessment.version)).scalars():
            if assessment.loan_id is not None:
                assessments[assessment.loan_id] = assessment  # the latest wins
    for number, loan in enumerate(loans, start=1):
        found = assessments.get(loan.id)
        if found is not None and found.assessed_on < loan.matures_on - dt.timedelta(days=window) \
                and found.matures_on != loan.matures_on:
            found = None  # an assessment of an earlier maturity
        yield (number, loan.street_name, loan.village_name, loan.head_name, loan.borrower_name,
               ctx.citizen_id(loan.borrower_citizen_id), loan.bank_name, loan.contract_no, loan.amount_fen / 100,
               loan.balance_fen / 100, loan.disbursed_on, loan.matures_on, (loan.matures_on - ctx.as_of).days,
               "已评估" if found else "未评估", found.assessed_on if found else None,
               ABILITY_WORDS[found.ability] if found else "",
               DISPOSAL_WORDS[found.proposed_disposal] if found else "", found.decision if found else "",
               found.reported_to_finance_on if found else None)


MATURITIES = register_ledger(LedgerKind(
    key="maturities",
    label=QT_TRANSLATE_NOOP("Ledgers", "Maturing loans and pre-maturity assessments"),
    title="{place}扶贫小额信贷到期贷款及到期前评估台账（截至{as_of}）",
    sheet="到期前评估台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("借款人", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("经办银行", TEXT, 22), LedgerColumn("贷款合同编号", TEXT, 20),
             LedgerColumn("贷款金额(元)", MONEY, 13), LedgerColumn("贷款余额(元)", MONEY, 13),
             LedgerColumn("放款日期", DATE, 12), LedgerColumn("到期日期", DATE, 12),
             LedgerColumn("距到期天数", INT, 10), LedgerColumn("评估情况", TEXT, 10),
             LedgerColumn("评估日期", DATE, 12), LedgerColumn("还款能力", TEXT, 12),
             LedgerColumn("拟处置方式", TEXT, 14), LedgerColumn("处置决定", TEXT, 24),
             LedgerColumn("报送金融办日期", DATE, 14)),
    count=_count_maturities,
    rows=_maturity_rows,
    totals=("贷款金额(元)", "贷款余额(元)"),
))


# -- risk warnings (风险预警台账) ---------------------------------------------------------------------------------
def _warnings(session: Session, ctx: LedgerContext) -> list[RiskWarning]:
    """Computed once per export (count and rows share the session)."""
    key = ("risk_warnings", ctx.as_of, ctx.scope)
    cached = session.info.get("risk_ledger_cache")
    if cached is None or cached[0] != key:
        policy = policy_in(session)
        found = warnings_for(loan_facts(session, ctx.as_of, LoanFilter(street=ctx.scope)), ctx.as_of, policy)
        cached = session.info["risk_ledger_cache"] = (key, found)
    result: list[RiskWarning] = cached[1]
    return result


def _warning_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    found = _warnings(session, ctx)
    details = _loan_details(session, {w.loan_id for w in found})
    for number, warning in enumerate(found, start=1):
        village, head, citizen_id = details.get(warning.loan_id, ("", "", ""))
        yield (number, RULE_WORDS[warning.rule], SEVERITY_WORDS[warning.severity], warning.street_name, village,
               head, warning.borrower_name, ctx.citizen_id(citizen_id), warning.bank_name, warning.contract_no,
               word_of(RISK_WORDS, warning.risk_class), word_of(RISK_WORDS, warning.recorded_class),
               warning.days_past_due, warning.due_on, chinese_reason(warning))


def _loan_details(session: Session, loan_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str, str]]:
    result: dict[uuid.UUID, tuple[str, str, str]] = {}
    ids = sorted(loan_ids)
    for start in range(0, len(ids), 5000):
        for loan_id, village, head, citizen_id in session.execute(
                sa.select(Loan.id, Village.name, Household.head_name, Loan.borrower_citizen_id)
                .join(Household, Household.id == Loan.household_id)
                .outerjoin(Village, Village.id == Household.village_id)
                .where(Loan.id.in_(ids[start:start + 5000]))):
            result[loan_id] = (village or "", head, citizen_id)
    return result


WARNINGS = register_ledger(LedgerKind(
    key="warnings",
    label=QT_TRANSLATE_NOOP("Ledgers", "Risk warnings"),
    title="{place}扶贫小额信贷风险预警台账（截至{as_of}）",
    sheet="风险预警台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("预警类型", TEXT, 14), LedgerColumn("严重程度", TEXT, 8),
             LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12), LedgerColumn("户主姓名", TEXT, 10),
             LedgerColumn("借款人", TEXT, 10), LedgerColumn("身份证号", ID, 21), LedgerColumn("经办银行", TEXT, 22),
             LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("建议分类", TEXT, 9),
             LedgerColumn("登记分类", TEXT, 9), LedgerColumn("逾期天数", INT, 9), LedgerColumn("应办日期", DATE, 12),
             LedgerColumn("预警原因", TEXT, 60)),
    count=lambda session, ctx: len(_warnings(session, ctx)),
    rows=_warning_rows,
))


# -- classified disposals (分类处置台账) ------------------------------------------------------------------------------
def status_on(proposal: DisposalProposal, day: dt.date) -> DisposalStatus:
    """The proposal's status on ``day`` (a replayed ledger shows what was known then)."""
    if proposal.executed_on is not None and proposal.executed_on <= day:
        return DisposalStatus.EXECUTED
    if proposal.decided_on is not None and proposal.decided_on <= day:
        return DisposalStatus.APPROVED if proposal.status is DisposalStatus.EXECUTED else proposal.status
    return DisposalStatus.PROPOSED


def _disposal_where(ctx: LedgerContext) -> list[Any]:
    where: list[Any] = [DisposalProposal.deleted.is_(False), DisposalProposal.proposed_on <= ctx.as_of]
    if ctx.scope:
        where.append(Loan.street_code == ctx.scope)
    return where


def _count_disposals(session: Session, ctx: LedgerContext) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(DisposalProposal)
                               .join(Loan, Loan.id == DisposalProposal.loan_id)
                               .where(*_disposal_where(ctx))).scalar_one())


def _disposal_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    stmt = (loan_select(*LOAN_COLUMNS, DisposalProposal, JointReview.held_on)
            .join(DisposalProposal, DisposalProposal.loan_id == Loan.id)
            .outerjoin(JointReview, JointReview.id == DisposalProposal.joint_review_id)
            .where(*_disposal_where(ctx))
            .order_by(DisposalProposal.proposed_on, Loan.street_code, Loan.contract_no))
    day = ctx.as_of
    for number, r in enumerate(session.execute(stmt), start=1):
        loan = loan_row(r, day)
        proposal: DisposalProposal = r[-2]
        status = status_on(proposal, day)
        decided = proposal.decided_on is not None and proposal.decided_on <= day
        executed = proposal.executed_on is not None and proposal.executed_on <= day
        district = proposal.district_approved_on is not None and proposal.district_approved_on <= day
        reported = proposal.reported_to_finance_on is not None and proposal.reported_to_finance_on <= day
        yield (number, loan.street_name, loan.village_name, loan.head_name, loan.borrower_name,
               ctx.citizen_id(loan.borrower_citizen_id), loan.bank_name, loan.contract_no,
               proposal.balance_before_fen / 100, proposal.matures_on_before, DISPOSAL_WORDS[proposal.kind],
               _zh_terms(proposal), proposal.reason, proposal.proposed_by, proposal.proposed_on, STATUS_WORDS[status],
               proposal.decided_by if decided else "", proposal.decided_on if decided else None,
               proposal.decision_note if decided else "", proposal.district_approved_by if district else "",
               proposal.district_approved_on if district else None, proposal.executed_by if executed else "",
               proposal.executed_on if executed else None, proposal.execution_note if executed else "", r[-1],
               proposal.reported_to_finance_on if reported else None,
               proposal.reported_to_finance_by if reported else "", proposal.finance_report if reported else "")


def _zh_terms(proposal: DisposalProposal) -> str:
    return describe_terms(proposal, chinese)


DISPOSALS = register_ledger(LedgerKind(
    key="disposals",
    label=QT_TRANSLATE_NOOP("Ledgers", "Classified disposals"),
    title="{place}扶贫小额信贷风险分类处置台账（截至{as_of}）",
    sheet="分类处置台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("借款人", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("经办银行", TEXT, 22), LedgerColumn("贷款合同编号", TEXT, 20),
             LedgerColumn("提议时余额(元)", MONEY, 14), LedgerColumn("原到期日期", DATE, 12),
             LedgerColumn("处置方式", TEXT, 14), LedgerColumn("处置条件", TEXT, 24), LedgerColumn("事由", TEXT, 30),
             LedgerColumn("提议人", TEXT, 10), LedgerColumn("提议日期", DATE, 12), LedgerColumn("状态", TEXT, 8),
             LedgerColumn("审批人", TEXT, 10), LedgerColumn("审批日期", DATE, 12), LedgerColumn("审批意见", TEXT, 24),
             LedgerColumn("区级审批人", TEXT, 10), LedgerColumn("区级审批日期", DATE, 12),
             LedgerColumn("执行人", TEXT, 10), LedgerColumn("执行日期", DATE, 12), LedgerColumn("执行说明", TEXT, 24),
             LedgerColumn("会商研判日期", DATE, 13), LedgerColumn("报送金融办日期", DATE, 14),
             LedgerColumn("报送人", TEXT, 10), LedgerColumn("报送文件", TEXT, 28)),
    count=_count_disposals,
    rows=_disposal_rows,
    totals=("提议时余额(元)",),
))
