"""The programmes' warnings together, and the series the dashboards draw."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from app import settings
from app.domain.money import yuan
from app.domain.programs.dividends import dividend_rows, dividend_warnings
from app.domain.programs.fund import fund_position, fund_warnings
from app.domain.programs.overdue_reports import OverdueReportRow, ReportState, overdue_report_rows
from app.domain.programs.rules import DividendState, ProgramRule, ProgramWarning
from app.domain.programs.subsidies import claim_rows
from app.domain.risk import is_live
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import Severity
from app.models.programs import ClaimStatus


def program_warnings(store: StoreLike, as_of: dt.date | None = None) -> list[ProgramWarning]:
    """Overdue dividends, the fund's leverage and overdue loans not reported to the fund in time on ``as_of``,
    most urgent first (for the warnings list and CLI).

    The loan-level programme warnings (enterprise use after the cutoff, subsidy on an overdue loan) are the risk
    rules' own (:func:`app.domain.risk_query.warnings`)."""
    as_of = as_of or dt.date.today()
    grace = store.setting(settings.DIVIDEND_GRACE_DAYS)
    with store.read() as session:
        rows = dividend_rows(session, as_of, scope_street(store), grace_days=grace, only_overdue=True)
        reports = overdue_report_rows(session, as_of, scope_street(store))
    found = (fund_warnings(fund_position(store, as_of)) + dividend_warnings(rows, as_of)
             + report_warnings(reports, as_of))
    rank = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
    return sorted(found, key=lambda w: (rank[w.severity], w.due_on, w.subject))


def report_warnings(rows: list[OverdueReportRow], as_of: dt.date) -> list[ProgramWarning]:
    """Overdue loans whose report to the fund is due today (medium) or late (high)."""
    found = []
    for row in rows:
        if row.state not in (ReportState.DUE_TODAY, ReportState.LATE):
            continue
        found.append(ProgramWarning(
            ProgramRule.OVERDUE_REPORT, Severity.HIGH if row.state is ReportState.LATE else Severity.MEDIUM, as_of,
            row.due_on, (as_of - row.due_on).days, "", row.street_name, f"{row.contract_no} {row.borrower_name}",
            row.loan_id, QT_TRANSLATE_NOOP("Programs", "Overdue since {since} ({days} days, {amount} yuan); the "
                                                       "report to the fund was due by {due}"),
            {"since": row.overdue_since.isoformat(), "days": row.days_past_due, "amount": yuan(row.overdue_fen),
             "due": row.due_on.isoformat()}))
    return found


@dataclass(frozen=True)
class Series:
    """One chart's data: a title, a value unit and (label, value) pairs."""

    key: str
    title: str
    unit: str  # "yuan" or "count" or "times"
    points: tuple[tuple[str, float], ...]
    #: labels whose bars call for attention (drawn in red; the value is still written beside each bar)
    highlight: tuple[str, ...] = ()


def dashboard(store: StoreLike, as_of: dt.date | None = None) -> list[Series]:
    """The series of the dashboards (district and supervisors): portfolio by class, bucket, street, bank and month
    of disbursement; dividend and subsidy status; the fund's leverage."""
    from app.domain.risk import CLASS_ORDER, DpdBucket, bucket_for, days_past_due, suggested_class
    from app.domain.risk_query import LoanFilter, loan_facts, policy_of

    as_of = as_of or dt.date.today()
    policy = policy_of(store)
    scope = scope_street(store)
    grace = store.setting(settings.DIVIDEND_GRACE_DAYS)
    with store.read() as session:
        facts = [f for f in loan_facts(session, as_of, LoanFilter(street=scope)) if is_live(f, as_of)]
        dividends = dividend_rows(session, as_of, scope, grace_days=grace)
        claims = claim_rows(session, scope, as_of=as_of)
    by_class: dict[Any, list[int]] = {c: [0, 0] for c in CLASS_ORDER}
    by_bucket: dict[Any, list[int]] = {b: [0, 0] for b in DpdBucket}
    by_street: dict[tuple[str, str], int] = defaultdict(int)
    by_bank: dict[str, int] = defaultdict(int)
    by_month: dict[str, int] = defaultdict(int)
    first_month = dt.date(as_of.year - 1, as_of.month, 1)
    for f in facts:
        days = days_past_due(f, as_of)
        cls = suggested_class(f, as_of, policy)
        by_class[cls][0] += f.balance_fen
        by_class[cls][1] += 1
        by_bucket[bucket_for(days)][0] += f.balance_fen
        by_bucket[bucket_for(days)][1] += 1
        by_street[(f.street_code, f.street_name or f.street_code)] += f.balance_fen
        by_bank[f.bank_name] += f.balance_fen
        if f.disbursed_on >= first_month:
            by_month[f.disbursed_on.strftime("%Y-%m")] += f.amount_fen
    months = []
    day = first_month
    while day <= as_of:
        months.append(day.strftime("%Y-%m"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    state_fen: dict[DividendState, int] = {s: 0 for s in DividendState}
    for row in dividends:
        state_fen[row.state] += row.unpaid_fen if row.state is not DividendState.PAID else row.amount_fen
    claim_fen: dict[ClaimStatus, int] = {s: 0 for s in ClaimStatus}
    for claim in claims:
        claim_fen[claim.status] += claim.paid_fen if claim.status is ClaimStatus.PAID else \
            (claim.approved_fen or 0) if claim.status is ClaimStatus.APPROVED else claim.amount_fen
    position = fund_position(store, as_of)

    def yuan_value(fen: int) -> float:
        return fen / 100

    bad_classes = tuple(c.label for c in CLASS_ORDER[2:])
    late_buckets = tuple(b.label for b in (DpdBucket.D91_180, DpdBucket.D181_360, DpdBucket.D361_PLUS))

    return [
        Series("class_balance", translate("Programs", "Balance by risk class"), "yuan",
               tuple((c.label, yuan_value(v[0])) for c, v in by_class.items()), bad_classes),
        Series("class_count", translate("Programs", "Loans by risk class"), "count",
               tuple((c.label, float(v[1])) for c, v in by_class.items()), bad_classes),
        Series("bucket_balance", translate("Programs", "Balance by days overdue"), "yuan",
               tuple((b.label, yuan_value(v[0])) for b, v in by_bucket.items()), late_buckets),
        Series("street_balance", translate("Programs", "Balance by street"), "yuan",
               tuple((name, yuan_value(v)) for (_, name), v in sorted(by_street.items()))),
        Series("bank_balance", translate("Programs", "Balance by bank"), "yuan",
               tuple((name, yuan_value(v)) for name, v in sorted(by_bank.items()))),
        Series("month_disbursed", translate("Programs", "Disbursed by month (last 12 months)"), "yuan",
               tuple((m, yuan_value(by_month.get(m, 0))) for m in months)),
        Series("dividend_status", translate("Programs", "Dividends by status"), "yuan",
               tuple((s.label, yuan_value(v)) for s, v in state_fen.items()), (DividendState.OVERDUE.label,)),
        Series("subsidy_status", translate("Programs", "Subsidy claims by status"), "yuan",
               tuple((s.label, yuan_value(v)) for s, v in claim_fen.items()), (ClaimStatus.REFUSED.label,)),
        Series("fund_leverage", translate("Programs", "Risk fund: covered loans against the limit"), "yuan",
               ((translate("Programs", "Fund balance"), yuan_value(position.balance_fen)),
                (translate("Programs", "Covered loans"), yuan_value(position.covered_fen)),
                (translate("Programs", "Limit ({n}× fund)", n=position.limit),
                 yuan_value(position.limit * max(position.balance_fen, 0)))),
               (translate("Programs", "Covered loans"),) if position.exceeded else ()),
    ]
