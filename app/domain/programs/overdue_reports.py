"""The report of an overdue loan to the risk compensation fund (DOMAIN.md: "overdue report to fund: within 15 days of
becoming overdue", setting ``risk.overdue_report_days``).

Each overdue episode of a loan — its first overdue day, as the loan's facts say on the day looked at — is reported
once (:class:`app.models.OverdueReport`, by the bank). The report is due by the day the loan is N days past due (N
the setting): a loan overdue from 2025-06-01 is due to be reported by 2025-06-15 with N = 15; reported that day it is
on time, a day later it is late. :func:`overdue_report_rows` is the generated list (what is due, late or reported
on a day), which the CLI prints, the Fund page shows and the ledger ``overdue-reports`` writes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import settings
from app.domain.permissions import Permission
from app.domain.risk import overdue_position, overdue_start
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Bank, Loan, OverdueReport, Street
from app.models.enums import Labelled


class ReportState(Labelled):
    NOT_DUE = "not_due"
    DUE_TODAY = "due_today"
    LATE = "late"
    ON_TIME = "on_time"
    REPORTED_LATE = "reported_late"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"not_due": QT_TRANSLATE_NOOP("Enums", "To report"),
                "due_today": QT_TRANSLATE_NOOP("Enums", "To report today"),
                "late": QT_TRANSLATE_NOOP("Enums", "Report overdue"),
                "on_time": QT_TRANSLATE_NOOP("Enums", "Reported on time"),
                "reported_late": QT_TRANSLATE_NOOP("Enums", "Reported late")}


def report_due_on(overdue_since: dt.date, days: int) -> dt.date:
    """The last day to report an episode that began on ``overdue_since`` (the day it is ``days`` days past due)."""
    return overdue_since + dt.timedelta(days=days - 1)


def report_state(due_on: dt.date, reported_on: dt.date | None, as_of: dt.date) -> ReportState:
    if reported_on is not None and reported_on <= as_of:
        return ReportState.ON_TIME if reported_on <= due_on else ReportState.REPORTED_LATE
    if as_of < due_on:
        return ReportState.NOT_DUE
    return ReportState.DUE_TODAY if as_of == due_on else ReportState.LATE


@dataclass(frozen=True)
class OverdueReportRow:
    loan_id: uuid.UUID
    contract_no: str
    borrower_name: str
    street_name: str
    bank_name: str
    overdue_since: dt.date
    days_past_due: int
    overdue_fen: int
    balance_fen: int
    due_on: dt.date
    state: ReportState
    reported_on: dt.date | None = None
    reported_by: str = ""
    report_ref: str = ""

    @property
    def to_report(self) -> bool:
        return self.state in (ReportState.NOT_DUE, ReportState.DUE_TODAY, ReportState.LATE)


def _reports(session: Session, loan_ids: Iterable[uuid.UUID] | None = None
             ) -> dict[tuple[uuid.UUID, dt.date], OverdueReport]:
    query = sa.select(OverdueReport).where(OverdueReport.deleted.is_(False))
    if loan_ids is not None:
        query = query.where(OverdueReport.loan_id.in_(list(loan_ids)))
    return {(r.loan_id, r.overdue_since): r for r in session.execute(query).scalars()}


def overdue_report_rows(session: Session, as_of: dt.date, scope: str | None = None,
                        report_days: int | None = None) -> list[OverdueReportRow]:
    """Every loan overdue on ``as_of`` with its report to the fund (due, late, or made on time or late), the most
    urgent first; episodes reported by then that are no longer overdue are listed after them."""
    from app.domain.risk_query import LoanFilter, loan_facts, setting_in

    days_allowed = report_days if report_days is not None else setting_in(session, settings.OVERDUE_REPORT_DAYS)
    facts = [f for f in loan_facts(session, as_of, LoanFilter(street=scope)) if overdue_position(f, as_of)[0] > 0]
    reports = _reports(session)
    rows = []
    seen = set()
    for fact in facts:
        since = overdue_start(fact)
        assert since is not None
        days, amount = overdue_position(fact, as_of)
        report = reports.get((fact.loan_id, since))
        if report is not None and report.reported_on > as_of:  # reported later than the day looked at
            report = None
        reported_on = report.reported_on if report is not None else None
        due_on = report_due_on(since, days_allowed)
        seen.add((fact.loan_id, since))
        rows.append(OverdueReportRow(fact.loan_id, fact.contract_no, fact.borrower_name, fact.street_name,
                                     fact.bank_name, since, days, amount, fact.balance_fen, due_on,
                                     report_state(due_on, reported_on, as_of), reported_on,
                                     report.reported_by if report is not None else "",
                                     report.report_ref if report is not None else ""))
    rows.sort(key=lambda r: (not r.to_report, r.due_on, r.contract_no))
    earlier = [r for key, r in reports.items() if key not in seen and r.reported_on <= as_of]
    if earlier:
        loans = {loan.id: loan for loan in session.execute(
            sa.select(Loan).where(Loan.id.in_([r.loan_id for r in earlier]))).scalars()}

        banks = dict(session.execute(sa.select(Bank.id, Bank.name)).all())
        streets = dict(session.execute(sa.select(Street.code, Street.name)).all())
        for report in sorted(earlier, key=lambda r: (r.reported_on, r.overdue_since)):
            loan = loans.get(report.loan_id)
            if loan is None or (scope and loan.street_code != scope):
                continue
            due_on = report_due_on(report.overdue_since, days_allowed)
            rows.append(OverdueReportRow(loan.id, loan.contract_no, loan.borrower_name,
                                         streets.get(loan.street_code, loan.street_code), banks.get(loan.bank_id, ""),
                                         report.overdue_since, 0, report.overdue_fen, 0, due_on,
                                         report_state(due_on, report.reported_on, as_of), report.reported_on,
                                         report.reported_by, report.report_ref))
    return rows


def record_overdue_reports(store: StoreLike, loan_ids: Sequence[uuid.UUID], report_ref: str,
                           on: dt.date | None = None) -> int:
    """The bank records that it reported these overdue loans (their current overdue episode) to the fund on ``on``
    in ``report_ref``; returns how many. A loan not overdue that day, or whose episode was reported, is refused."""
    store.require(Permission.EDIT_LOANS)
    on = on or dt.date.today()
    report_ref = report_ref.strip()
    if not report_ref:
        raise ValidationError(translate("Programs", "Name the report to the fund (its title or number)."))
    if not loan_ids:
        raise ValidationError(translate("Programs", "Choose the overdue loans the report covers."))
    with store.write() as session:
        rows = {row.loan_id: row for row in overdue_report_rows(session, on, scope_street(store))
                if row.days_past_due > 0}
        for loan_id in loan_ids:
            row = rows.get(loan_id)
            if row is None:
                loan = session.get(Loan, loan_id)
                raise ValidationError(translate("Programs", "The loan {contract} is not overdue on {date}; there is "
                                                            "nothing to report.", date=on.isoformat(),
                                                contract=loan.contract_no if loan else str(loan_id)))
            if not row.to_report:
                raise ValidationError(translate("Programs", "The overdue loan {contract} (overdue since {since}) was "
                                                            "reported on {date}.", contract=row.contract_no,
                                                since=row.overdue_since.isoformat(),
                                                date=row.reported_on.isoformat() if row.reported_on else ""))
            session.add(OverdueReport(loan_id=loan_id, overdue_since=row.overdue_since, overdue_fen=row.overdue_fen,
                                      reported_on=on, reported_by=store.user.username, report_ref=report_ref))
    return len(loan_ids)
