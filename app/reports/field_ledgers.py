"""Ledgers of field records for ``export ledger visits|use-checks|anomalies``, registered in the ledger registry
of ``app/reports/ledgers.py`` (title row, frozen header, widths, formats, masked IDs, temp file + rename and the
local "export" event all come from there).

Rows are the latest version of each record up to ``--as-of``, in the node's street on a field node. Values are in
Chinese whatever the interface language: the ledgers are an exchange format between offices.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.money import to_yuan
from app.domain.records.reading import is_latest_version
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Household, Loan, Street, Village
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    BusinessStatus,
    ProhibitedUse,
    RepaymentAbility,
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)
from app.models.records import Anomaly, AnomalyStep, FieldRecord, UseCheck, Visit
from app.reports.ledgers import (
    BATCH,
    DATE,
    ID,
    INT,
    MONEY,
    TEXT,
    LedgerColumn,
    LedgerContext,
    LedgerKind,
    register_ledger,
)

VISIT_TYPE_WORDS = {VisitType.ROUTINE: "日常回访", VisitType.PRE_MATURITY: "到期前回访",
                    VisitType.ANOMALY_FOLLOW_UP: "异常跟进", VisitType.PRELOAN_VERIFICATION: "贷前入户核实"}
BUSINESS_WORDS = {BusinessStatus.NORMAL: "正常", BusinessStatus.DIFFICULT: "困难", BusinessStatus.STOPPED: "停产"}
WILLINGNESS_WORDS = {Willingness.WILLING: "愿意", Willingness.HESITANT: "犹豫", Willingness.UNWILLING: "不愿意"}
ABILITY_WORDS = {RepaymentAbility.ABLE: "有能力", RepaymentAbility.PARTLY: "部分有能力",
                 RepaymentAbility.UNABLE: "无能力"}
PROHIBITED_WORDS = {ProhibitedUse.NONE: "无", ProhibitedUse.HOUSING: "建房", ProhibitedUse.WEALTH_MANAGEMENT: "理财",
                    ProhibitedUse.CONSUMPTION: "消费", ProhibitedUse.LENT_ON: "转借他人",
                    ProhibitedUse.ENTERPRISE_AFTER_CUTOFF: "截止日后交企业使用", ProhibitedUse.OTHER: "其他"}
CONCLUSION_WORDS = {UseConclusion.COMPLIANT: "按申报用途使用", UseConclusion.PARTLY: "部分挪用",
                    UseConclusion.MISUSED: "挪用"}
ANOMALY_KIND_WORDS = {AnomalyKind.BUSINESS_FAILURE: "经营失败", AnomalyKind.FAMILY_EVENT: "家庭重大变故",
                      AnomalyKind.FRAUD: "欺诈或冒名顶替", AnomalyKind.CHANGED_USE: "改变贷款用途",
                      AnomalyKind.OVERDUE: "逾期", AnomalyKind.UNREACHABLE: "失联", AnomalyKind.OTHER: "其他"}
SEVERITY_WORDS = {Severity.LOW: "一般", Severity.MEDIUM: "较重", Severity.HIGH: "严重"}
STATUS_WORDS = {AnomalyStatus.REPORTED: "已报告", AnomalyStatus.ACKNOWLEDGED: "已受理",
                AnomalyStatus.MEASURES_TAKEN: "已采取措施", AnomalyStatus.RESOLVED: "已化解",
                AnomalyStatus.CLOSED: "已结案"}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _where(model: type[FieldRecord], ctx: LedgerContext) -> list[Any]:
    where: list[Any] = [is_latest_version(model), model.deleted.is_(False),
                        getattr(model, model.DATE_FIELD) <= ctx.as_of]
    if ctx.scope:
        where.append(Household.street_code == ctx.scope)
    return where


def _counter(model: type[FieldRecord]) -> Any:
    def count(session: Session, ctx: LedgerContext) -> int:
        return int(session.execute(sa.select(sa.func.count()).select_from(model)
                                   .join(Household, Household.id == model.household_id)
                                   .where(*_where(model, ctx))).scalar_one())
    return count


def _select(model: type[FieldRecord], ctx: LedgerContext, *extra: Any) -> Any:
    return (sa.select(model, Street.name, Village.name, Household.head_name, Household.head_citizen_id,
                      Loan.contract_no, Loan.amount_fen, *extra)
            .join(Household, Household.id == model.household_id)
            .join(Street, Street.code == Household.street_code)
            .outerjoin(Village, Village.id == Household.village_id)
            .outerjoin(Loan, Loan.id == model.loan_id)
            .where(*_where(model, ctx))
            .order_by(getattr(model, model.DATE_FIELD), Household.street_code, Household.head_initials, model.id)
            .execution_options(yield_per=BATCH))


# -- 回访记录台账 ----------------------------------------------------------------------------------------------------
def _visit_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, (v, street, village, head, cid, contract, _amount) in enumerate(
            session.execute(_select(Visit, ctx)), start=1):
        yield (number, v.visited_on, street, village, head, ctx.citizen_id(cid), contract,
               VISIT_TYPE_WORDS[v.visit_type], v.visitors, v.people_met, BUSINESS_WORDS[v.business_status],
               v.business_seen, v.family_changes, to_yuan(v.income_estimate_fen), WILLINGNESS_WORDS[v.willingness],
               ABILITY_WORDS[v.ability], _yes_no(v.used_as_declared), v.findings, v.follow_up, v.next_visit_on,
               _yes_no(v.household_confirmed), v.version, v.created_by, v.signed_off_by)


VISITS = register_ledger(LedgerKind(
    key="visits",
    label=QT_TRANSLATE_NOOP("Ledgers", "Visit records ledger"),
    title="{place}扶贫小额信贷回访记录台账（截至{as_of}）",
    sheet="回访记录",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("回访日期", DATE, 12), LedgerColumn("街道", TEXT, 12),
             LedgerColumn("村", TEXT, 12), LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("回访类型", TEXT, 12),
             LedgerColumn("回访人", TEXT, 14), LedgerColumn("接待人", TEXT, 10), LedgerColumn("经营状况", TEXT, 9),
             LedgerColumn("现场所见", TEXT, 28), LedgerColumn("家庭变化", TEXT, 20),
             LedgerColumn("收入估计(元/年)", MONEY, 14), LedgerColumn("还款意愿", TEXT, 9),
             LedgerColumn("还款能力", TEXT, 10), LedgerColumn("按申报用途使用", TEXT, 9),
             LedgerColumn("发现问题", TEXT, 30), LedgerColumn("后续措施", TEXT, 24),
             LedgerColumn("下次回访", DATE, 12), LedgerColumn("农户确认", TEXT, 9), LedgerColumn("版本", INT, 6),
             LedgerColumn("录入人", TEXT, 10), LedgerColumn("审核人", TEXT, 10)),
    count=_counter(Visit),
    rows=_visit_rows,
))


# -- 贷款用途核查台账 ------------------------------------------------------------------------------------------------
def _use_check_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    for number, (c, street, village, head, cid, contract, amount) in enumerate(
            session.execute(_select(UseCheck, ctx)), start=1):
        yield (number, c.checked_on, street, village, head, ctx.citizen_id(cid), contract, to_yuan(amount),
               c.declared_purpose, c.observed_use, PROHIBITED_WORDS[c.prohibited_use], to_yuan(c.amount_misused_fen),
               CONCLUSION_WORDS[c.conclusion], c.checked_by, c.note, c.version, c.created_by, c.signed_off_by)


USE_CHECKS = register_ledger(LedgerKind(
    key="use-checks",
    label=QT_TRANSLATE_NOOP("Ledgers", "Loan-use checks ledger"),
    title="{place}扶贫小额信贷贷款用途核查台账（截至{as_of}）",
    sheet="用途核查",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("核查日期", DATE, 12), LedgerColumn("街道", TEXT, 12),
             LedgerColumn("村", TEXT, 12), LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("贷款金额(元)", MONEY, 13),
             LedgerColumn("申报用途", TEXT, 18), LedgerColumn("实际用途", TEXT, 28),
             LedgerColumn("违规用途", TEXT, 12), LedgerColumn("挪用金额(元)", MONEY, 13),
             LedgerColumn("核查结论", TEXT, 12), LedgerColumn("核查人", TEXT, 12), LedgerColumn("备注", TEXT, 20),
             LedgerColumn("版本", INT, 6), LedgerColumn("录入人", TEXT, 10), LedgerColumn("审核人", TEXT, 10)),
    count=_counter(UseCheck),
    rows=_use_check_rows,
    totals=("挪用金额(元)",),
))


# -- 异常情况台账 ----------------------------------------------------------------------------------------------------
def _anomaly_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    last = (sa.select(AnomalyStep.actor, AnomalyStep.at, AnomalyStep.note)
            .where(AnomalyStep.anomaly_id == sa.func.coalesce(Anomaly.original_id, Anomaly.id))
            .order_by(AnomalyStep.at.desc()).limit(1))
    actor = last.with_only_columns(AnomalyStep.actor).scalar_subquery()
    at = last.with_only_columns(AnomalyStep.at).scalar_subquery()
    note = last.with_only_columns(AnomalyStep.note).scalar_subquery()
    for number, (a, street, village, head, cid, contract, _amount, step_by, step_at, step_note) in enumerate(
            session.execute(_select(Anomaly, ctx, actor, at, note)), start=1):
        yield (number, a.found_on, street, village, head, ctx.citizen_id(cid), contract, ANOMALY_KIND_WORDS[a.kind],
               SEVERITY_WORDS[a.severity], a.description, a.measures, a.assigned_to, STATUS_WORDS[a.status],
               step_by, step_at.date() if step_at else None, step_note if a.status is AnomalyStatus.CLOSED else "",
               "是" if a.use_check_id else "否", a.version, a.created_by)


ANOMALIES = register_ledger(LedgerKind(
    key="anomalies",
    label=QT_TRANSLATE_NOOP("Ledgers", "Anomaly reports ledger"),
    title="{place}扶贫小额信贷异常情况台账（截至{as_of}）",
    sheet="异常情况",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("发现日期", DATE, 12), LedgerColumn("街道", TEXT, 12),
             LedgerColumn("村", TEXT, 12), LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("贷款合同编号", TEXT, 20), LedgerColumn("异常类型", TEXT, 14),
             LedgerColumn("严重程度", TEXT, 9), LedgerColumn("情况描述", TEXT, 30), LedgerColumn("处置措施", TEXT, 24),
             LedgerColumn("责任人", TEXT, 10), LedgerColumn("状态", TEXT, 11), LedgerColumn("最近处理人", TEXT, 10),
             LedgerColumn("最近处理日期", DATE, 13), LedgerColumn("结案说明", TEXT, 24),
             LedgerColumn("用途核查发现", TEXT, 10), LedgerColumn("版本", INT, 6), LedgerColumn("录入人", TEXT, 10)),
    count=_counter(Anomaly),
    rows=_anomaly_rows,
))
