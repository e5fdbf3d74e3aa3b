"""Lists of records and a household's timeline (field records, loans disbursed and maturing, repayments); the
workbench's counts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from app.domain.loan_facts import LoanFacts
from app.domain.money import yuan
from app.domain.records.credit import reason_labels
from app.domain.records.reading import is_latest_version, model_for
from app.domain.storelike import StoreLike
from app.i18n import translate
from app.models import Household, Loan, Repayment
from app.models.enums import AnomalyStatus, RecordKind, UseConclusion
from app.models.records import Anomaly, FieldRecord, MaturityAssessment, PreloanReview, UseCheck, Visit


@dataclass(frozen=True)
class TimelineRow:
    """One line of a household's history: a field record (latest version) or a loan event."""

    on: dt.date
    kind: str  # a RecordKind value, or "loan_disbursed" / "repayment" / "loan_matures"
    title: str
    summary: str
    record_id: uuid.UUID | None = None
    root_id: uuid.UUID | None = None
    version: int = 1
    loan_id: uuid.UUID | None = None
    contract_no: str = ""
    author: str = ""
    status: str = ""
    signed_off_by: str = ""
    household_id: uuid.UUID | None = None
    head_name: str = ""
    created_at: dt.datetime | None = None

    @property
    def amended(self) -> bool:
        return self.version > 1


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def summarize(record: FieldRecord) -> tuple[str, str]:
    """(summary, status) of a record for lists, timelines and ledgers."""
    if isinstance(record, Visit):
        return (translate("Records", "{type}; business {business}. {findings}", type=record.visit_type.label,
                          business=record.business_status.label, findings=_short(record.findings)), "")
    if isinstance(record, UseCheck):
        text = record.conclusion.label
        if record.conclusion != UseConclusion.COMPLIANT:
            text = translate("Records", "{conclusion}: {use}, {amount} yuan", conclusion=text,
                             use=record.prohibited_use.label, amount=yuan(record.amount_misused_fen))
        return text, ""
    if isinstance(record, Anomaly):
        return (translate("Records", "{kind} ({severity}): {description}", kind=record.kind.label,
                          severity=record.severity.label, description=_short(record.description)),
                record.status.label)
    if isinstance(record, PreloanReview):
        verdict = (translate("Records", "eligible, line {line} yuan", line=yuan(record.proposed_line_fen))
                   if record.eligible else
                   translate("Records", "not eligible: {reasons}",
                             reasons="、".join(reason_labels(record.ineligible_reasons))))
        return (translate("Records", "Score {score}, grade {grade}; {verdict}", score=record.score,
                          grade=record.grade.label, verdict=verdict), "")
    if isinstance(record, MaturityAssessment):
        return (translate("Records", "{days} days before maturity: {ability}; proposed: {disposal}",
                          days=record.days_to_maturity, ability=record.ability.label,
                          disposal=record.proposed_disposal.label), "")
    return "", ""


def _record_row(record: FieldRecord, contract_no: str, head_name: str) -> TimelineRow:
    summary, status = summarize(record)
    return TimelineRow(on=record.record_date, kind=type(record).KIND.value, title=type(record).KIND.label,
                       summary=summary, record_id=record.id, root_id=record.root_id, version=record.version,
                       loan_id=record.loan_id, contract_no=contract_no, author=record.created_by, status=status,
                       signed_off_by=record.signed_off_by, household_id=record.household_id, head_name=head_name,
                       created_at=record.created_at)


def list_records(store: StoreLike, kinds: Iterable[RecordKind] | None = None, *,
                 household_id: uuid.UUID | None = None, open_anomalies_only: bool = False,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 street: str | None = None, limit: int = 2000) -> list[TimelineRow]:
    """Latest versions of field records, newest first (the field-records page, ledgers, the workbench,
    ``records list``); ``street`` keeps those of one street's households."""
    rows: list[TimelineRow] = []
    for kind in kinds or list(RecordKind):
        model = model_for(kind)
        date_col = getattr(model, model.DATE_FIELD)
        query = (sa.select(model, Loan.contract_no, Household.head_name)
                 .join(Household, Household.id == model.household_id)
                 .outerjoin(Loan, Loan.id == model.loan_id)
                 .where(is_latest_version(model), model.deleted.is_(False)).order_by(date_col.desc()).limit(limit))
        if household_id is not None:
            query = query.where(model.household_id == household_id)
        if date_from is not None:
            query = query.where(date_col >= date_from)
        if date_to is not None:
            query = query.where(date_col <= date_to)
        if street is not None:
            query = query.where(Household.street_code == street)
        if open_anomalies_only and model is Anomaly:
            query = query.where(Anomaly.status != AnomalyStatus.CLOSED)
        with store.read() as session:
            rows += [_record_row(rec, contract or "", head) for rec, contract, head in session.execute(query)]
    rows.sort(key=lambda r: (r.on, r.created_at or dt.datetime.min), reverse=True)
    return rows[:limit]


def household_timeline(store: StoreLike, household_id: uuid.UUID) -> list[TimelineRow]:
    """Every record of a household and its loans, oldest first: field records (latest versions), loans
    disbursed and maturing, repayments."""
    rows = list_records(store, household_id=household_id)
    with store.read() as session:
        household = session.get(Household, household_id)
        head = household.head_name if household else ""
        for loan in session.execute(sa.select(Loan).where(Loan.household_id == household_id,
                                                          Loan.deleted.is_(False))).scalars():
            rows.append(TimelineRow(
                on=loan.disbursed_on, kind="loan_disbursed", title=translate("Records", "Loan disbursed"),
                summary=translate("Records", "{amount} yuan for {months} months, {purpose}",
                                  amount=yuan(loan.amount_fen), months=loan.term_months,
                                  purpose=loan.purpose_category.label),
                loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head))
            rows.append(TimelineRow(
                on=loan.matures_on, kind="loan_matures", title=translate("Records", "Loan matures"),
                summary=translate("Records", "balance {balance} yuan", balance=yuan(loan.balance_fen)),
                loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head,
                status=loan.status.label))
            for repayment in session.execute(sa.select(Repayment).where(Repayment.loan_id == loan.id,
                                                                        Repayment.deleted.is_(False))).scalars():
                rows.append(TimelineRow(
                    on=repayment.paid_on, kind="repayment", title=translate("Records", "Repayment"),
                    summary=translate("Records", "principal {principal} yuan, interest {interest} yuan",
                                      principal=yuan(repayment.principal_fen),
                                      interest=yuan(repayment.interest_fen)),
                    loan_id=loan.id, contract_no=loan.contract_no, household_id=household_id, head_name=head))
    order = {"loan_disbursed": 0, "repayment": 1}
    rows.sort(key=lambda r: (r.on, order.get(r.kind, 2), r.created_at or dt.datetime.min))
    return rows


def open_anomaly_count(store: StoreLike) -> int:
    with store.read() as session:
        return int(session.execute(sa.select(sa.func.count()).select_from(Anomaly)
                                   .where(is_latest_version(Anomaly), Anomaly.status != AnomalyStatus.CLOSED,
                                          Anomaly.deleted.is_(False))).scalar() or 0)


def loans_due_for_assessment(store: StoreLike, today: dt.date | None = None) -> list[LoanFacts]:
    """Live loans maturing within the assessment window with no assessment for their current maturity: the rule of
    the warning ``maturity_unassessed``, which the workbench lists too. After an extension the loan is due again
    for its new maturity; an assessment of the earlier maturity does not count (issue 20)."""
    from app.domain.risk import Rule
    from app.domain.risk_query import LoanFilter, loan_facts, warnings
    from app.domain.scope import scope_street

    today = today or dt.date.today()
    due = {w.loan_id for w in warnings(store, today, rules=[Rule.MATURITY], street=scope_street(store))}
    if not due:
        return []
    with store.read() as session:
        facts = loan_facts(session, today, LoanFilter(loan_ids=frozenset(due)))
    return sorted(facts, key=lambda f: (f.matures_on, f.contract_no))
