"""Risk warnings, five-class classification and the portfolio view (DOMAIN.md task 6): pure rules.

Nothing here touches the database or Qt widgets. Inputs are frozen dataclasses
(:class:`app.domain.loan_facts.LoanFacts` with the field facts of its household attached);
:mod:`app.domain.risk_query` builds them from a node in a few set-based queries. Every rule takes an ``as_of``
date and looks only at what was known on that day (visits, assessments, anomaly steps and status changes dated
later are ignored), so any past day can be replayed.

Conventions shared with :mod:`app.district.demo` and the loan import:
- ``overdue_since`` is the first day a loan is overdue (the day after a missed maturity), so on that day it is
  1 day past due; a loan past its maturity with a balance and no ``overdue_since`` is overdue from the day after
  ``matures_on``;
- the five-class thresholds are "from days" (settings ``risk.*_from_days``: 1 / 91 / 181 / 361 by default, i.e.
  any overdue ≥ special mention, 91–180 substandard, 181–360 doubtful, > 360 loss);
- days-past-due buckets are fixed: 0, 1–30, 31–90, 91–180, 181–360, > 360; PAR30 / PAR90 are the balance shares of
  loans more than 30 / 90 days past due.

Reasons are stored as an English source text plus parameters and translated when read (``RiskWarning.reason``),
so computing 100,000 loans' warnings does not pay for 100,000 translations nobody looks at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from app import settings
from app.domain.loan_facts import AssessmentFacts, LoanFacts
from app.domain.money import yuan
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.memory import cyclic_gc_paused
from app.models.enums import (
    AnomalyStatus,
    Labelled,
    LoanStatus,
    PovertyStatus,
    RepaymentAbility,
    RiskClass,
    Severity,
    UseMode,
    Willingness,
)

CONTEXT = "RiskRules"


# -- calendar ------------------------------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:
        return dt.date(year, month, day.day)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    return dt.date(year, month, min(day.day, last))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


ONE_DAY = dt.timedelta(days=1)


# -- codes ---------------------------------------------------------------------------------------------------
class Rule(Labelled):
    """The warning rules; codes are stable (filters, ledgers and the CLI use them)."""

    MATURITY = "maturity_unassessed"
    OVERDUE = "overdue"
    CLASSIFICATION = "class_understated"
    VISIT = "visit_overdue"
    ANOMALY = "open_anomaly"
    POVERTY = "poverty_status_changed"
    SUBSIDY = "subsidy_on_overdue"
    ENTERPRISE = "enterprise_use_after_cutoff"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "maturity_unassessed": QT_TRANSLATE_NOOP("Enums", "Maturing without assessment"),
            "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue"),
            "class_understated": QT_TRANSLATE_NOOP("Enums", "Risk class understated"),
            "visit_overdue": QT_TRANSLATE_NOOP("Enums", "Visit overdue"),
            "open_anomaly": QT_TRANSLATE_NOOP("Enums", "Open anomaly"),
            "poverty_status_changed": QT_TRANSLATE_NOOP("Enums", "Poverty status changed"),
            "subsidy_on_overdue": QT_TRANSLATE_NOOP("Enums", "Subsidy on an overdue loan"),
            "enterprise_use_after_cutoff": QT_TRANSLATE_NOOP("Enums", "Enterprise use after the cutoff"),
        }


class DpdBucket(Labelled):
    """Days-past-due buckets (fixed: they are how overdue portfolios are reported everywhere)."""

    CURRENT = "dpd_0"
    D1_30 = "dpd_1_30"
    D31_90 = "dpd_31_90"
    D91_180 = "dpd_91_180"
    D181_360 = "dpd_181_360"
    D361_PLUS = "dpd_361_plus"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "dpd_0": QT_TRANSLATE_NOOP("Enums", "Not overdue"),
            "dpd_1_30": QT_TRANSLATE_NOOP("Enums", "1–30 days overdue"),
            "dpd_31_90": QT_TRANSLATE_NOOP("Enums", "31–90 days overdue"),
            "dpd_91_180": QT_TRANSLATE_NOOP("Enums", "91–180 days overdue"),
            "dpd_181_360": QT_TRANSLATE_NOOP("Enums", "181–360 days overdue"),
            "dpd_361_plus": QT_TRANSLATE_NOOP("Enums", "More than 360 days overdue"),
        }


#: (bucket, highest days past due in it); the last bucket is open-ended
BUCKET_LIMITS: tuple[tuple[DpdBucket, int], ...] = (
    (DpdBucket.CURRENT, 0), (DpdBucket.D1_30, 30), (DpdBucket.D31_90, 90), (DpdBucket.D91_180, 180),
    (DpdBucket.D181_360, 360),
)
CLASS_ORDER: tuple[RiskClass, ...] = (RiskClass.NORMAL, RiskClass.SPECIAL_MENTION, RiskClass.SUBSTANDARD,
                                      RiskClass.DOUBTFUL, RiskClass.LOSS)
CLASS_RANK = {cls: rank for rank, cls in enumerate(CLASS_ORDER)}
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}
RULE_ORDER = {rule: rank for rank, rule in enumerate(Rule)}
#: statuses whose loans have left the portfolio whatever their balance says
OFF_BOOK = frozenset({LoanStatus.WRITTEN_OFF, LoanStatus.COMPENSATED})
OPEN_ANOMALY = frozenset({AnomalyStatus.REPORTED, AnomalyStatus.ACKNOWLEDGED, AnomalyStatus.MEASURES_TAKEN})


# -- policy --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RiskPolicy:
    """The configurable numbers the rules use (defaults from :mod:`app.settings`)."""

    special_mention_days: int = settings.SPECIAL_MENTION_DAYS.default
    substandard_days: int = settings.SUBSTANDARD_DAYS.default
    doubtful_days: int = settings.DOUBTFUL_DAYS.default
    loss_days: int = settings.LOSS_DAYS.default
    maturity_assessment_days: int = settings.MATURITY_ASSESSMENT_DAYS.default
    first_visit_months: int = settings.FIRST_VISIT_MONTHS.default
    visit_interval_months: int = settings.VISIT_INTERVAL_MONTHS.default
    enterprise_use_cutoff: dt.date = settings.ENTERPRISE_USE_CUTOFF.default
    loan_cap_yuan: int = settings.LOAN_CAP_YUAN.default
    term_max_months: int = settings.LOAN_TERM_MAX_MONTHS.default
    extension_short_term_months: int = settings.EXTENSION_SHORT_TERM_MONTHS.default
    extension_short_limit_percent: int = settings.EXTENSION_SHORT_LIMIT_PERCENT.default
    extension_medium_term_months: int = settings.EXTENSION_MEDIUM_TERM_MONTHS.default
    extension_medium_limit_percent: int = settings.EXTENSION_MEDIUM_LIMIT_PERCENT.default
    extend_overdue_with_district: bool = settings.EXTEND_OVERDUE_WITH_DISTRICT.default
    district_approval_above_yuan: int = settings.DISTRICT_APPROVAL_ABOVE_YUAN.default
    claim_min_days: int = settings.FUND_CLAIM_MIN_DAYS.default
    claim_needs_recovery: bool = settings.FUND_CLAIM_NEEDS_RECOVERY.default
    claim_needs_loss: bool = settings.FUND_CLAIM_NEEDS_LOSS.default

    #: which setting each field comes from
    SOURCES: ClassVar[dict[str, settings.Setting[Any]]] = {
        "special_mention_days": settings.SPECIAL_MENTION_DAYS, "substandard_days": settings.SUBSTANDARD_DAYS,
        "doubtful_days": settings.DOUBTFUL_DAYS, "loss_days": settings.LOSS_DAYS,
        "maturity_assessment_days": settings.MATURITY_ASSESSMENT_DAYS,
        "first_visit_months": settings.FIRST_VISIT_MONTHS, "visit_interval_months": settings.VISIT_INTERVAL_MONTHS,
        "enterprise_use_cutoff": settings.ENTERPRISE_USE_CUTOFF, "loan_cap_yuan": settings.LOAN_CAP_YUAN,
        "term_max_months": settings.LOAN_TERM_MAX_MONTHS,
        "extension_short_term_months": settings.EXTENSION_SHORT_TERM_MONTHS,
        "extension_short_limit_percent": settings.EXTENSION_SHORT_LIMIT_PERCENT,
        "extension_medium_term_months": settings.EXTENSION_MEDIUM_TERM_MONTHS,
        "extension_medium_limit_percent": settings.EXTENSION_MEDIUM_LIMIT_PERCENT,
        "extend_overdue_with_district": settings.EXTEND_OVERDUE_WITH_DISTRICT,
        "district_approval_above_yuan": settings.DISTRICT_APPROVAL_ABOVE_YUAN,
        "claim_min_days": settings.FUND_CLAIM_MIN_DAYS, "claim_needs_recovery": settings.FUND_CLAIM_NEEDS_RECOVERY,
        "claim_needs_loss": settings.FUND_CLAIM_NEEDS_LOSS,
    }

    @classmethod
    def from_settings(cls, get: Callable[[settings.Setting[Any]], Any]) -> RiskPolicy:
        """The policy of a node: ``RiskPolicy.from_settings(store.setting)``."""
        return cls(**{name: get(definition) for name, definition in cls.SOURCES.items()})

    @property
    def loan_cap_fen(self) -> int:
        return self.loan_cap_yuan * 100


# -- warnings ------------------------------------------------------------------------------------------------
class RiskWarning(NamedTuple):
    """One warning: which rule, how serious, about which loan and household, and why (translated on reading).

    ``due_on`` is when the matter fell or falls due (maturity, first overdue day, visit due, anomaly found, status
    changed): within a severity, the earlier the more urgent. ``days`` is the rule's headline number (days to
    maturity, days past due, days a visit is late, days an anomaly is open...). ``subject_id`` names the record the
    warning is about when it is not the loan (the anomaly report).

    A named tuple rather than a frozen dataclass: a large node makes tens of thousands of these per evaluation and a
    tuple is several times cheaper to build (measured), while being just as immutable.
    """

    rule: Rule
    severity: Severity
    loan_id: uuid.UUID
    household_id: uuid.UUID
    contract_no: str
    borrower_name: str
    street_code: str
    street_name: str
    bank_id: uuid.UUID | None
    bank_name: str
    as_of: dt.date
    due_on: dt.date
    days: int
    reason_source: str
    params: Mapping[str, Any]
    subject_id: uuid.UUID | None = None
    #: the loan's class suggested on ``as_of`` and the one the bank recorded; its days past due on ``as_of``
    risk_class: RiskClass = RiskClass.NORMAL
    recorded_class: RiskClass = RiskClass.NORMAL
    days_past_due: int = 0

    @property
    def reason(self) -> str:
        """The reason in the user's language, with the numbers filled in."""
        return self.reason_in(_installed)

    def reason_in(self, tr: Callable[[str, str], str]) -> str:
        """The reason through ``tr(context, source)``: a ledger that is always Chinese passes its own translator."""
        return tr(CONTEXT, self.reason_source).format(**{k: _shown(v, tr) for k, v in self.params.items()})

    def sort_key(self) -> tuple[int, dt.date, int, str]:
        return (-SEVERITY_RANK[self.severity], self.due_on, RULE_ORDER[self.rule], self.contract_no)


def _installed(context: str, text: str) -> str:
    return translate(context, text)


def _shown(value: Any, tr: Callable[[str, str], str]) -> Any:
    if isinstance(value, Labelled):
        return tr("Enums", type(value).labels().get(value.value, value.value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- derived numbers -----------------------------------------------------------------------------------------
def overdue_start(loan: LoanFacts) -> dt.date | None:
    """The first overdue day: the bank's ``overdue_since``, else the day after a maturity left unpaid."""
    if loan.overdue_since is not None:
        return loan.overdue_since
    if loan.balance_fen > 0:
        return loan.matures_on + ONE_DAY
    return None


def days_past_due(loan: LoanFacts, as_of: dt.date) -> int:
    if loan.balance_fen <= 0:  # settled: nothing is past due, whatever overdue_since said before
        return 0
    start = loan.overdue_since
    if start is None:
        start = loan.matures_on + ONE_DAY  # as overdue_start(), inlined: called for every loan and warning
    if as_of < start:
        return 0
    return (as_of - start).days + 1


def overdue_position(loan: LoanFacts, as_of: dt.date) -> tuple[int, int]:
    """(days past due, overdue amount in fen) on ``as_of``: the one answer every ledger, list and warning shows, so
    the two never disagree whatever the loan's source. Not overdue: (0, 0). Overdue: the amount the bank stated
    overdue (never more than the balance), or the whole balance when it stated none — an imported loan past its
    maturity with no 逾期金额 column owes all of it."""
    days = days_past_due(loan, as_of)
    if days <= 0:
        return 0, 0
    balance = loan.balance_fen
    return days, min(loan.overdue_fen, balance) if loan.overdue_fen > 0 else balance


def status_on(loan: LoanFacts, as_of: dt.date) -> LoanStatus:
    """The loan's status on ``as_of`` from its replayed facts: written off and compensated as recorded, settled
    when nothing is outstanding, overdue when days are past due, else extended / renewed as recorded, or active."""
    if loan.status in OFF_BOOK:
        return loan.status
    if loan.balance_fen <= 0:
        return LoanStatus.REPAID
    if days_past_due(loan, as_of) > 0:
        return LoanStatus.OVERDUE
    if loan.status in (LoanStatus.EXTENDED, LoanStatus.RENEWED):
        return loan.status
    return LoanStatus.ACTIVE


def bucket_for(days: int) -> DpdBucket:
    for bucket, highest in BUCKET_LIMITS:
        if days <= highest:
            return bucket
    return DpdBucket.D361_PLUS


def class_for_days(days: int, policy: RiskPolicy) -> RiskClass:
    """The five-class risk class that ``days`` past due suggest under the policy's thresholds."""
    if days >= policy.loss_days:
        return RiskClass.LOSS
    if days >= policy.doubtful_days:
        return RiskClass.DOUBTFUL
    if days >= policy.substandard_days:
        return RiskClass.SUBSTANDARD
    if days >= policy.special_mention_days:
        return RiskClass.SPECIAL_MENTION
    return RiskClass.NORMAL


def suggested_class(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> RiskClass:
    """From days past due; a current loan is at least special mention when the latest pre-maturity assessment found
    the borrower unable to repay, or the latest visit found the household unwilling to repay (the plan classifies
    on repayment willingness and ability as well as on the repayment record)."""
    by_days = class_for_days(days_past_due(loan, as_of), policy)
    if by_days is not RiskClass.NORMAL:
        return by_days
    if loan.willingness is Willingness.UNWILLING:
        return RiskClass.SPECIAL_MENTION
    if not loan.assessments:
        return by_days
    latest = latest_assessment(loan, as_of)
    if latest is not None and latest.ability is RepaymentAbility.UNABLE:
        return RiskClass.SPECIAL_MENTION
    return by_days


def latest_assessment(loan: LoanFacts, as_of: dt.date) -> AssessmentFacts | None:
    if not loan.assessments:
        return None
    known = [a for a in loan.assessments if a.assessed_on <= as_of]
    return max(known, key=lambda a: a.assessed_on) if known else None


def is_live(loan: LoanFacts, as_of: dt.date) -> bool:
    """Disbursed by ``as_of``, with a balance, and not written off or compensated."""
    return loan.disbursed_on <= as_of and loan.balance_fen > 0 and loan.status not in OFF_BOOK


def after_enterprise_cutoff(disbursed_on: dt.date, cutoff: dt.date) -> bool:
    """A loan made after the enterprise-use cutoff: the stock of 户贷企用 loans is "2017年11月底之前", so a loan made
    on the cutoff day itself (2017-11-30) is still stock; from the next day every loan is household-used."""
    return disbursed_on > cutoff


def last_visit_on(visits: Iterable[dt.date], disbursed_on: dt.date, as_of: dt.date) -> dt.date | None:
    """The household's last visit on or before ``as_of`` since the loan was made (None: not visited since)."""
    return max((day for day in visits if disbursed_on <= day <= as_of), default=None)


def visit_due_on(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> tuple[dt.date, dt.date | None]:
    """(when the next visit is due, the last visit on or before ``as_of`` since disbursement)."""
    last = last_visit_on(loan.visits, loan.disbursed_on, as_of)
    if last is None:
        return add_months(loan.disbursed_on, policy.first_visit_months), None
    return add_months(last, policy.visit_interval_months), last


# -- the rules -----------------------------------------------------------------------------------------------
RuleFunction = Callable[[LoanFacts, dt.date, RiskPolicy], Iterable[RiskWarning]]
NONE: tuple[RiskWarning, ...] = ()


def _warning(loan: LoanFacts, policy: RiskPolicy, rule: Rule, severity: Severity, as_of: dt.date, due_on: dt.date,
             days: int, source: str, /, subject_id: uuid.UUID | None = None, **params: Any) -> RiskWarning:
    return RiskWarning(rule, severity, loan.loan_id, loan.household_id, loan.contract_no, loan.borrower_name,
                       loan.street_code, loan.street_name, loan.bank_id, loan.bank_name, as_of, due_on, days,
                       source, params, subject_id, suggested_class(loan, as_of, policy), loan.risk_class,
                       days_past_due(loan, as_of))


def maturity_severity(loan: LoanFacts, as_of: dt.date, left: int) -> Severity:
    """Ranked by the days left and the loan's risk, so that severity tells the tasks apart (issue 21: every
    maturity task was 严重): high for a loan in trouble within 15 days or any loan within 3; medium for a loan in
    trouble, or within 10 days; low otherwise. In trouble: overdue, classed special mention or worse, or found
    unwilling to repay at the latest visit."""
    trouble = (days_past_due(loan, as_of) > 0 or CLASS_RANK[loan.risk_class] >= CLASS_RANK[RiskClass.SPECIAL_MENTION]
               or loan.willingness is Willingness.UNWILLING)
    if left <= 3 or (trouble and left <= 15):
        return Severity.HIGH
    if trouble or left <= 10:
        return Severity.MEDIUM
    return Severity.LOW


def rule_maturity(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """Maturing within the assessment window (≤ 30 days by default) and no assessment for this maturity."""
    left = (loan.matures_on - as_of).days
    if not 0 <= left <= policy.maturity_assessment_days:
        return NONE
    window_start = loan.matures_on - dt.timedelta(days=policy.maturity_assessment_days)
    for assessment in loan.assessments:
        if assessment.assessed_on <= as_of and (assessment.matures_on == loan.matures_on
                                                or assessment.assessed_on >= window_start):
            return NONE
    severity = maturity_severity(loan, as_of, left)
    if left == 0:
        return (_warning(loan, policy, Rule.MATURITY, severity, as_of, loan.matures_on, left,
                       QT_TRANSLATE_NOOP("RiskRules", "Matures today ({date}); no pre-maturity assessment yet"),
                       date=loan.matures_on),)
    else:
        return (_warning(loan, policy, Rule.MATURITY, severity, as_of, loan.matures_on, left,
                       QT_TRANSLATE_NOOP("RiskRules", "Matures in {days} days ({date}); no pre-maturity assessment "
                                                  "yet"),
                       days=left, date=loan.matures_on),)


def rule_overdue(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """Overdue, by days-past-due bucket: 1–30 medium, anything longer high."""
    days, amount = overdue_position(loan, as_of)
    if days <= 0:
        return NONE
    start = overdue_start(loan)
    assert start is not None
    bucket = bucket_for(days)
    severity = Severity.MEDIUM if bucket is DpdBucket.D1_30 else Severity.HIGH
    return (_warning(loan, policy, Rule.OVERDUE, severity, as_of, start, days,
                   QT_TRANSLATE_NOOP("RiskRules", "Overdue {days} days since {since} ({bucket}); {amount} yuan "
                                              "overdue; suggested class: {suggested}"),
                   days=days, since=start, bucket=bucket, amount=yuan(amount),
                   suggested=class_for_days(days, policy)),)


def rule_classification(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """The recorded five-class class is milder than the one the days past due (or an assessment) suggest."""
    suggested = suggested_class(loan, as_of, policy)
    if CLASS_RANK[loan.risk_class] >= CLASS_RANK[suggested]:
        return NONE
    days = days_past_due(loan, as_of)
    severity = Severity.HIGH if CLASS_RANK[suggested] >= CLASS_RANK[RiskClass.SUBSTANDARD] else Severity.MEDIUM
    start = overdue_start(loan) if days else None
    if days:
        return (_warning(loan, policy, Rule.CLASSIFICATION, severity, as_of, start or as_of, days,
                       QT_TRANSLATE_NOOP("RiskRules", "Recorded as {recorded}, but {days} days overdue suggests "
                                                  "{suggested}"),
                       recorded=loan.risk_class, days=days, suggested=suggested),)
    if loan.willingness is Willingness.UNWILLING:
        visited = max((day for day in loan.visits if day <= as_of), default=as_of)
        return (_warning(loan, policy, Rule.CLASSIFICATION, severity, as_of, visited, 0,
                       QT_TRANSLATE_NOOP("RiskRules", "Recorded as {recorded}, but the visit of {date} found the "
                                                      "household unwilling to repay; suggested class: {suggested}"),
                       recorded=loan.risk_class, date=visited, suggested=suggested),)
    else:
        latest = latest_assessment(loan, as_of)
        assert latest is not None
        return (_warning(loan, policy, Rule.CLASSIFICATION, severity, as_of, latest.assessed_on, 0,
                       QT_TRANSLATE_NOOP("RiskRules", "Recorded as {recorded}, but the assessment of {date} found the "
                                                  "borrower unable to repay; suggested class: {suggested}"),
                       recorded=loan.risk_class, date=latest.assessed_on, suggested=suggested),)


def rule_visit(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """No visit within the configured interval: first within N months of disbursement, then every M months."""
    due, last = visit_due_on(loan, as_of, policy)
    if as_of <= due:
        return NONE
    late = (as_of - due).days
    severity = Severity.MEDIUM if late > 60 else Severity.LOW
    if last is None:
        return (_warning(loan, policy, Rule.VISIT, severity, as_of, due, late,
                       QT_TRANSLATE_NOOP("RiskRules", "No visit since the loan was made on {disbursed}; the first "
                                                      "visit was due by {due} ({days} days late)"),
                       disbursed=loan.disbursed_on, due=due, days=late),)
    else:
        return (_warning(loan, policy, Rule.VISIT, severity, as_of, due, late,
                       QT_TRANSLATE_NOOP("RiskRules", "Last visit on {last}; the next was due by {due} ({days} days "
                                                  "late)"),
                       last=last, due=due, days=late),)


def rule_anomaly(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """Each anomaly report about the household (or this loan) still open on ``as_of``, at its own severity."""
    if not loan.anomalies:
        return NONE
    found = []
    for anomaly in loan.anomalies:
        if anomaly.loan_id is not None and anomaly.loan_id != loan.loan_id:
            continue
        status = anomaly.status_on(as_of)
        if status is None or status not in OPEN_ANOMALY:
            continue
        days = (as_of - anomaly.found_on).days
        found.append(_warning(loan, policy, Rule.ANOMALY, anomaly.severity, as_of, anomaly.found_on, days,
                              QT_TRANSLATE_NOOP("RiskRules", "Open anomaly report ({kind}, {severity}) found on "
                                                             "{date}, {status} for {days} days"),
                              subject_id=anomaly.anomaly_id, kind=anomaly.kind, severity=anomaly.severity,
                              date=anomaly.found_on, status=status, days=days))
    return found


_POVERTY_SEVERITY = {PovertyStatus.RETURNED: Severity.HIGH, PovertyStatus.MONITORED: Severity.MEDIUM,
                     PovertyStatus.REGISTERED: Severity.MEDIUM, PovertyStatus.EXITED: Severity.LOW}


def rule_poverty(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """The household's poverty status changed after the loan was made (dynamic management)."""
    if not loan.poverty_changes:
        return NONE
    changes = [c for c in loan.poverty_changes if loan.disbursed_on < c.effective_on <= as_of]
    if not changes:
        return NONE
    latest = max(changes, key=lambda c: c.effective_on)
    return (_warning(loan, policy, Rule.POVERTY, _POVERTY_SEVERITY[latest.status], as_of, latest.effective_on,
                   (as_of - latest.effective_on).days,
                   QT_TRANSLATE_NOOP("RiskRules", "Poverty status changed to {status} on {date}, after the loan was "
                                              "made on {disbursed}"),
                   status=latest.status, date=latest.effective_on, disbursed=loan.disbursed_on),)


def rule_subsidy(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """Interest subsidy claimed and not yet paid on an overdue loan: the subsidy stops once a loan is overdue.

    Claims are kept per loan without dates, so what was claimed for the time before the loan fell overdue cannot be
    told apart from what was claimed after; the part still unpaid is what the bank must withdraw.
    """
    pending = loan.subsidy_claimed_fen - loan.subsidy_paid_fen
    if pending <= 0:
        return NONE
    days = days_past_due(loan, as_of)
    if days <= 0:
        return NONE
    start = overdue_start(loan)
    assert start is not None
    return (_warning(loan, policy, Rule.SUBSIDY, Severity.MEDIUM, as_of, start, days,
                   QT_TRANSLATE_NOOP("RiskRules", "Overdue {days} days, yet {amount} yuan of interest subsidy is "
                                                  "claimed and unpaid; the subsidy stops once a loan is overdue"),
                   days=days, amount=yuan(pending)),)


def rule_enterprise(loan: LoanFacts, as_of: dt.date, policy: RiskPolicy) -> Iterable[RiskWarning]:
    """An enterprise-use (户贷企用) loan made after the cutoff (the cutoff day itself is still stock)."""
    if loan.use_mode is not UseMode.ENTERPRISE or not after_enterprise_cutoff(loan.disbursed_on,
                                                                               policy.enterprise_use_cutoff):
        return NONE
    return (_warning(loan, policy, Rule.ENTERPRISE, Severity.HIGH, as_of, loan.disbursed_on,
                   (loan.disbursed_on - policy.enterprise_use_cutoff).days,
                   QT_TRANSLATE_NOOP("RiskRules", "Used by an enterprise, but made on {date}, after the cutoff "
                                              "{cutoff}: it must be borrowed, used and repaid by the household"),
                   date=loan.disbursed_on, cutoff=policy.enterprise_use_cutoff),)


RULES: dict[Rule, RuleFunction] = {
    Rule.MATURITY: rule_maturity, Rule.OVERDUE: rule_overdue, Rule.CLASSIFICATION: rule_classification,
    Rule.VISIT: rule_visit, Rule.ANOMALY: rule_anomaly, Rule.POVERTY: rule_poverty, Rule.SUBSIDY: rule_subsidy,
    Rule.ENTERPRISE: rule_enterprise,
}


def warnings_for(loans: Iterable[LoanFacts], as_of: dt.date, policy: RiskPolicy | None = None,
                 rules: Iterable[Rule | str] | None = None) -> list[RiskWarning]:
    """Every warning on ``as_of`` for the live loans among ``loans``, most urgent first."""
    policy = policy or RiskPolicy()
    chosen = [RULES[Rule(r)] for r in rules] if rules is not None else list(RULES.values())
    found: list[RiskWarning] = []
    extend = found.extend
    with cyclic_gc_paused():
        for loan in loans:
            if not is_live(loan, as_of):
                continue
            for function in chosen:
                extend(function(loan, as_of, policy))
        found.sort(key=RiskWarning.sort_key)
    return found


# -- portfolio -----------------------------------------------------------------------------------------------
@dataclass
class Cell:
    count: int = 0
    balance_fen: int = 0

    def add(self, balance_fen: int) -> None:
        self.count += 1
        self.balance_fen += balance_fen


@dataclass
class Segment:
    """Count and balance of the live loans of one street, one bank or the whole portfolio."""

    key: str
    name: str
    total: Cell = field(default_factory=Cell)
    #: by the class suggested from days past due on the date (replayable)
    by_class: dict[RiskClass, Cell] = field(default_factory=lambda: {c: Cell() for c in CLASS_ORDER})
    #: by the class the bank recorded (today's record)
    by_recorded_class: dict[RiskClass, Cell] = field(default_factory=lambda: {c: Cell() for c in CLASS_ORDER})
    by_bucket: dict[DpdBucket, Cell] = field(default_factory=lambda: {b: Cell() for b in DpdBucket})
    par30_fen: int = 0
    par90_fen: int = 0

    def add(self, loan: LoanFacts, days: int, suggested: RiskClass) -> None:
        balance = loan.balance_fen
        self.total.add(balance)
        self.by_class[suggested].add(balance)
        self.by_recorded_class[loan.risk_class].add(balance)
        self.by_bucket[bucket_for(days)].add(balance)
        if days > 30:
            self.par30_fen += balance
        if days > 90:
            self.par90_fen += balance

    @property
    def par30(self) -> float:
        """Share of the balance more than 30 days past due (0.0 for an empty segment)."""
        return self.par30_fen / self.total.balance_fen if self.total.balance_fen else 0.0

    @property
    def par90(self) -> float:
        return self.par90_fen / self.total.balance_fen if self.total.balance_fen else 0.0

    @property
    def non_performing_fen(self) -> int:
        """Substandard, doubtful and loss (不良) by the suggested class."""
        return sum(self.by_class[c].balance_fen for c in CLASS_ORDER[2:])


@dataclass
class Portfolio:
    as_of: dt.date
    overall: Segment
    by_street: dict[str, Segment]
    by_bank: dict[str, Segment]


def portfolio(loans: Iterable[LoanFacts], as_of: dt.date, policy: RiskPolicy | None = None) -> Portfolio:
    """Balance and count of the live loans on ``as_of`` by class and bucket, per street and per bank, with PAR."""
    policy = policy or RiskPolicy()
    overall = Segment("", translate("RiskRules", "All loans"))
    streets: dict[str, Segment] = {}
    banks: dict[str, Segment] = {}
    for loan in loans:
        if not is_live(loan, as_of):
            continue
        days = days_past_due(loan, as_of)
        suggested = suggested_class(loan, as_of, policy)
        overall.add(loan, days, suggested)
        street = streets.get(loan.street_code)
        if street is None:
            street = streets[loan.street_code] = Segment(loan.street_code, loan.street_name or loan.street_code)
        street.add(loan, days, suggested)
        bank_key = str(loan.bank_id or "")
        bank = banks.get(bank_key)
        if bank is None:
            bank = banks[bank_key] = Segment(bank_key, loan.bank_name or bank_key)
        bank.add(loan, days, suggested)
    return Portfolio(as_of, overall, dict(sorted(streets.items())),
                     dict(sorted(banks.items(), key=lambda item: item[1].name)))

