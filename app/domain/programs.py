"""The district's programmes (DOMAIN.md tasks 3, 4, 7, 8): entrusted enterprises and enterprise-use loans,
dividends, interest subsidies, the risk compensation fund and outreach. Pure rules first, then the writes (each one
audited transaction, permission checked) and the queries the pages, ledgers, dashboards and the CLI share.

Decisions (documented here because other layers rely on them):

- **Enterprise use (户贷企用)**: a loan may be marked enterprise-use only if it was disbursed *before* the cutoff
  (setting ``loans.enterprise_use_cutoff``, 2017-11-30); marking a later loan is refused with a message naming the
  cutoff. Loans already marked that way are listed by the risk rule ``enterprise_use_after_cutoff``
  (:mod:`app.domain.risk`), which this module reuses rather than repeating.
- **Credit codes**: a malformed code (wrong length or characters) is refused; a code whose check character fails is
  saved with the warning kept in ``Enterprise.credit_code_note`` (some early codes fail it).
- **Dividends**: a scheduled dividend is *overdue* on ``as_of`` when ``as_of`` is later than its due date plus the
  grace days (setting ``dividends.grace_days``, 0) and the payments made on or before ``as_of`` do not cover it:
  due yesterday and unpaid is overdue, due today is not. Payments after ``as_of`` are ignored (replay).
- **Interest subsidies**: the subsidy stops once a loan is overdue, or on fraud or misuse (DOMAIN.md). A claim is
  refused by rule when, on the last day it covers — the earlier of the period's end and the claim date — the loan
  had fallen overdue (its first overdue day is on or before that day; "stops" means it does not resume), or a
  use check on or before that day found it misused or partly misused (latest version of the check), or an
  anomaly report of fraud or impersonation was found about it by then. A refused-by-rule claim is kept (status
  refused, ``refused_by_rule``) so the bank sees why. Approving re-applies the rule (a use check may have arrived).
- **One source of truth for Loan.subsidy_claimed_fen / subsidy_paid_fen**: they are the loan's running totals
  (the loan import may bring earlier totals), and every claim transition applies its delta in the same write
  transaction: filing a claim that stands adds its amount to ``claimed``; approving adjusts it to the approved
  amount; refusing removes it; paying adds the paid amount to ``paid``. So ``claimed − paid`` is what is
  outstanding, which is what the risk rule ``subsidy_on_overdue`` warns about. Claims are the itemised record.
- **Risk fund leverage**: the covered loans are the live loans on ``as_of`` (disbursed, with a balance on that day,
  not written off or compensated) whose amount is within the loan cap (top-ups beyond it are outside the cover).
  The limit holds while ``covered balance ≤ limit × fund balance`` (setting ``fund.leverage_max``, 10): exactly at
  the limit is within it; one fen over is warned. A fund with no money and loans outstanding is over the limit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app import settings
from app.domain.codes import credit_code_problem, mask_citizen_id, phone_error
from app.domain.loan_facts import LoanFacts, facts_of
from app.domain.loans import find_loan, loan_by_id
from app.domain.permissions import Permission, has_permission
from app.domain.risk import (
    RiskWarning,
    Rule,
    is_live,
    overdue_start,
    yuan,
)
from app.domain.scope import scope_street
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import (
    Bank,
    DividendPayment,
    DividendSchedule,
    Enterprise,
    EnterpriseHousehold,
    EnterpriseObservation,
    FundContribution,
    FundPayout,
    FundPayoutItem,
    Household,
    Loan,
    OutreachCampaign,
    OutreachPhoto,
    OutreachSession,
    Street,
    SubsidyClaim,
    Village,
)
from app.models.enums import AnomalyKind, BusinessStatus, Disposal, Labelled, Severity, UseConclusion, UseMode
from app.models.programs import BenefitLink, ClaimStatus
from app.models.records import Visit

CONTEXT = "Programs"


def _require_any(store: Any, *permissions: Permission) -> None:
    if not any(has_permission(store.user.role, p) for p in permissions):
        store.require(permissions[0])  # raises with the role and the first permission named


def may_manage(store: Any) -> bool:
    """Enterprises, dividends, the fund and campaigns: district staff (and admins)."""
    return has_permission(store.user.role, Permission.MANAGE_FUND)


def may_file_claims(store: Any) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS)


def may_mark_use(store: Any) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS) or may_manage(store)


def may_record_outreach(store: Any) -> bool:
    return has_permission(store.user.role, Permission.RECORD_FIELD_WORK) or may_manage(store)


# == pure rules =====================================================================================================
def enterprise_use_problem(disbursed_on: dt.date, cutoff: dt.date) -> str | None:
    """Why a loan made on ``disbursed_on`` may not be marked enterprise-use (None when it may)."""
    if disbursed_on < cutoff:
        return None
    return translate("Programs", "This loan was made on {date}; only loans made before {cutoff} may be used by an "
                                 "enterprise "
               "(户贷企用). After the cutoff every loan is borrowed, used and repaid by the household.",
               date=disbursed_on.isoformat(), cutoff=cutoff.isoformat())


def check_credit_code(value: str) -> tuple[str, str]:
    """(the normalised code, the warning to keep); raises ValidationError for a malformed code. Empty is allowed."""
    code = re.sub(r"\s+", "", value or "").upper()
    if not code:
        return "", ""
    severity, message = credit_code_problem(code)
    if severity == "error":
        raise ValidationError(message or "")
    return code, message or ""


class DividendState(Labelled):
    DUE = "due"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"due": QT_TRANSLATE_NOOP("Enums", "Not yet due"),
                "partly_paid": QT_TRANSLATE_NOOP("Enums", "Partly paid"),
                "paid": QT_TRANSLATE_NOOP("Enums", "Paid in full"),
                "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue")}


def dividend_state(due_on: dt.date, amount_fen: int, paid_fen: int, as_of: dt.date,
                   grace_days: int = 0) -> tuple[DividendState, int]:
    """(state, days overdue) of one dividend on ``as_of`` given what was paid by then."""
    if paid_fen >= amount_fen:
        return DividendState.PAID, 0
    late = (as_of - due_on).days - grace_days
    if late > 0:
        return DividendState.OVERDUE, (as_of - due_on).days
    return (DividendState.PARTLY_PAID if paid_fen > 0 else DividendState.DUE), 0


def leverage_exceeded(covered_fen: int, fund_fen: int, limit: int) -> bool:
    """Covered loans above ``limit`` × the fund (exactly at the limit is within it)."""
    if covered_fen <= 0:
        return False
    return fund_fen <= 0 or covered_fen > limit * fund_fen


_PERIOD = re.compile(r"^(\d{4})(?:(Q[1-4])|(H[12])|-(0[1-9]|1[0-2]))?$")


def parse_period(text: str) -> tuple[str, dt.date, dt.date]:
    """``2026Q3`` / ``2026H1`` / ``2026-07`` / ``2026`` → (label, first day, last day)."""
    label = (text or "").strip().upper()
    match = _PERIOD.match(label)
    if not match:
        raise ValidationError(translate("Programs", "{period} is not a subsidy period; write it as 2026Q3, 2026H1, "
                                                    "2026-07 or 2026.",
                                  period=text))
    year = int(match.group(1))
    if match.group(2):
        quarter = int(match.group(2)[1])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    elif match.group(3):
        half = int(match.group(3)[1])
        first_month, last_month = 6 * half - 5, 6 * half
    elif match.group(4):
        first_month = last_month = int(match.group(4))
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(year, last_month)[1]
    return label, dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


@dataclass(frozen=True)
class ClaimFacts:
    """What the subsidy rule needs to know about the loan of a claim."""

    loan: LoanFacts
    misuse_on: dt.date | None = None  # the first use check that found misuse (latest version), if any
    fraud_on: dt.date | None = None  # the first fraud / impersonation anomaly found, if any


def claim_refusal(facts: ClaimFacts, period_end: dt.date, claimed_on: dt.date) -> str | None:
    """Why the subsidy for a period ending ``period_end`` and claimed on ``claimed_on`` is refused, or None."""
    last = min(period_end, claimed_on)
    start = overdue_start(facts.loan)
    if start is not None and start <= last:
        return translate("Programs", "Refused: the loan {contract} has been overdue since {since}; the interest "
                                     "subsidy stops once a "
                   "loan is overdue.", contract=facts.loan.contract_no, since=start.isoformat())
    if facts.misuse_on is not None and facts.misuse_on <= last:
        return translate("Programs", "Refused: the loan-use check of {date} found the loan {contract} misused; the "
                                     "interest subsidy "
                   "stops on misuse.", date=facts.misuse_on.isoformat(), contract=facts.loan.contract_no)
    if facts.fraud_on is not None and facts.fraud_on <= last:
        return translate("Programs", "Refused: fraud or impersonation was reported on {date} for the loan "
                                     "{contract}; the interest "
                   "subsidy stops on fraud.", date=facts.fraud_on.isoformat(), contract=facts.loan.contract_no)
    return None


# == warnings of the programmes =====================================================================================
class ProgramRule(Labelled):
    DIVIDEND_OVERDUE = "dividend_overdue"
    FUND_LEVERAGE = "fund_leverage"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"dividend_overdue": QT_TRANSLATE_NOOP("Enums", "Dividend overdue"),
                "fund_leverage": QT_TRANSLATE_NOOP("Enums", "Risk fund leverage exceeded")}


class ProgramWarning(NamedTuple):
    """A warning about a dividend or the fund (not about one loan, so not a :class:`RiskWarning`); the reason is
    translated on reading, like the risk warnings'."""

    rule: ProgramRule
    severity: Severity
    as_of: dt.date
    due_on: dt.date
    days: int
    street_code: str
    street_name: str
    subject: str  # the household and enterprise, or the fund
    subject_id: uuid.UUID | None
    reason_source: str
    params: Mapping[str, Any]

    @property
    def reason(self) -> str:
        return translate(CONTEXT, self.reason_source).format(**self.params)


# == enterprises ====================================================================================================
@dataclass(frozen=True)
class EnterpriseInput:
    name: str
    credit_code: str = ""
    contact: str = ""
    phone: str = ""
    industry: str = ""
    address: str = ""
    benefit_link: BenefitLink = BenefitLink.DIVIDEND
    note: str = ""


def save_enterprise(store: Any, values: EnterpriseInput, enterprise_id: uuid.UUID | None = None
                    ) -> tuple[uuid.UUID, str]:
    """Create or update an enterprise; returns its id and the credit-code warning kept with it ('' if none)."""
    store.require(Permission.MANAGE_FUND)
    name = values.name.strip()
    if not name:
        raise ValidationError(translate("Programs", "The enterprise needs a name."))
    code, warning = check_credit_code(values.credit_code)
    phone = values.phone.strip()
    problem = phone_error(phone)
    if problem:
        raise ValidationError(problem)
    with store.write() as session:
        if enterprise_id is None:
            row = Enterprise(name=name)
            session.add(row)
        else:
            found = session.get(Enterprise, enterprise_id)
            if found is None or found.deleted:
                raise ValidationError(translate("Programs", "This enterprise no longer exists."))
            row = found
        row.name, row.credit_code, row.credit_code_note = name, code, warning
        row.contact, row.phone, row.industry = values.contact.strip(), phone, values.industry.strip()
        row.address, row.benefit_link, row.note = values.address.strip(), BenefitLink(values.benefit_link), \
            values.note.strip()
        session.flush()
        return row.id, warning


def record_observation(store: Any, enterprise_id: uuid.UUID, observed_on: dt.date, status: BusinessStatus | str,
                       note: str = "", visit_id: uuid.UUID | None = None) -> uuid.UUID:
    """A dated observation of the enterprise's operating status (on a visit, or by district staff)."""
    _require_any(store, Permission.RECORD_FIELD_WORK, Permission.MANAGE_FUND)
    if observed_on > dt.date.today():
        raise ValidationError(translate("Programs", "An observation cannot be dated in the future."))
    with store.write() as session:
        if session.get(Enterprise, enterprise_id) is None:
            raise ValidationError(translate("Programs", "This enterprise no longer exists."))
        row = EnterpriseObservation(enterprise_id=enterprise_id, observed_on=observed_on,
                                    status=BusinessStatus(status), note=note.strip(),
                                    observed_by=store.user.username, visit_id=visit_id)
        session.add(row)
        session.flush()
        return row.id


def link_household(store: Any, enterprise_id: uuid.UUID, household_id: uuid.UUID,
                   benefit_link: BenefitLink | str | None = None, linked_on: dt.date | None = None,
                   note: str = "") -> uuid.UUID:
    """Link a household to an enterprise (or update the link's mode); returns the link's id."""
    store.require(Permission.MANAGE_FUND)
    with store.write() as session:
        return _link(session, enterprise_id, household_id, benefit_link, linked_on, note)


def _link(session: Session, enterprise_id: uuid.UUID, household_id: uuid.UUID,
          benefit_link: BenefitLink | str | None, linked_on: dt.date | None, note: str) -> uuid.UUID:
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or enterprise.deleted:
        raise ValidationError(translate("Programs", "This enterprise no longer exists."))
    if session.get(Household, household_id) is None:
        raise ValidationError(translate("Programs", "This household no longer exists."))
    link = session.execute(sa.select(EnterpriseHousehold).where(
        EnterpriseHousehold.enterprise_id == enterprise_id,
        EnterpriseHousehold.household_id == household_id)).scalar_one_or_none()
    mode = BenefitLink(benefit_link) if benefit_link else enterprise.benefit_link
    if link is None:
        link = EnterpriseHousehold(enterprise_id=enterprise_id, household_id=household_id, benefit_link=mode,
                                   linked_on=linked_on, note=note)
        session.add(link)
    else:
        link.deleted = False
        if benefit_link:
            link.benefit_link = mode
        if linked_on:
            link.linked_on = linked_on
        if note:
            link.note = note
    session.flush()
    return link.id


def mark_enterprise_use(store: Any, loan_id: uuid.UUID, enterprise_id: uuid.UUID) -> None:
    """Mark a loan as used by an entrusted enterprise (户贷企用) and link its household to the enterprise.

    Refused for a loan made on or after the cutoff, naming the cutoff."""
    _require_any(store, Permission.EDIT_LOANS, Permission.MANAGE_FUND)
    cutoff = store.setting(settings.ENTERPRISE_USE_CUTOFF)
    with store.write() as session:
        loan = session.get(Loan, loan_id)
        if loan is None or loan.deleted:
            raise ValidationError(translate("Programs", "This loan no longer exists."))
        problem = enterprise_use_problem(loan.disbursed_on, cutoff)
        if problem:
            raise ValidationError(problem)
        _link(session, enterprise_id, loan.household_id, None, loan.disbursed_on, "")
        loan.use_mode, loan.enterprise_id = UseMode.ENTERPRISE, enterprise_id


def mark_household_use(store: Any, loan_id: uuid.UUID) -> None:
    """Back to household use (户贷户用): always allowed."""
    _require_any(store, Permission.EDIT_LOANS, Permission.MANAGE_FUND)
    with store.write() as session:
        loan = session.get(Loan, loan_id)
        if loan is None or loan.deleted:
            raise ValidationError(translate("Programs", "This loan no longer exists."))
        loan.use_mode, loan.enterprise_id = UseMode.HOUSEHOLD, None


def enterprise_use_violations(store: Any, as_of: dt.date | None = None) -> list[RiskWarning]:
    """Enterprise-use loans made on or after the cutoff: the risk rule's warnings (reused, not repeated)."""
    from app.domain.risk_query import warnings

    return warnings(store, as_of, rules=[Rule.ENTERPRISE], street=scope_street(store))


# -- enterprise queries ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnterpriseRow:
    id: uuid.UUID
    name: str
    credit_code: str
    credit_code_note: str
    contact: str
    phone: str
    industry: str
    address: str
    benefit_link: BenefitLink
    note: str
    status: BusinessStatus | None
    status_on: dt.date | None
    households: int
    loans: int
    balance_fen: int
    dividends_overdue_fen: int


def latest_observations(session: Session, as_of: dt.date) -> dict[uuid.UUID, EnterpriseObservation]:
    """The latest observation on or before ``as_of`` of every enterprise."""
    found: dict[uuid.UUID, EnterpriseObservation] = {}
    for row in session.execute(sa.select(EnterpriseObservation)
                               .where(EnterpriseObservation.deleted.is_(False),
                                      EnterpriseObservation.observed_on <= as_of)
                               .order_by(EnterpriseObservation.observed_on, EnterpriseObservation.created_at)
                               ).scalars():
        found[row.enterprise_id] = row
    return found


def list_enterprises(session: Session, as_of: dt.date, scope: str | None = None, grace_days: int = 0,
                     text: str = "") -> list[EnterpriseRow]:
    """Enterprises with their latest status, linked households and enterprise-use loans (of ``scope``'s street)."""
    query = sa.select(Enterprise).where(Enterprise.deleted.is_(False)).order_by(Enterprise.name)
    if text:
        query = query.where(sa.or_(Enterprise.name.contains(text), Enterprise.credit_code.contains(text.upper())))
    enterprises = list(session.execute(query).scalars())
    latest = latest_observations(session, as_of)
    link_q = (sa.select(EnterpriseHousehold.enterprise_id, sa.func.count())
              .join(Household, Household.id == EnterpriseHousehold.household_id)
              .where(EnterpriseHousehold.deleted.is_(False)).group_by(EnterpriseHousehold.enterprise_id))
    loan_q = (sa.select(Loan.enterprise_id, sa.func.count(), sa.func.sum(Loan.balance_fen))
              .where(Loan.deleted.is_(False), Loan.enterprise_id.is_not(None)).group_by(Loan.enterprise_id))
    if scope:
        link_q = link_q.where(Household.street_code == scope)
        loan_q = loan_q.where(Loan.street_code == scope)
    links = dict(session.execute(link_q).all())
    loans = {e: (int(n), int(b or 0)) for e, n, b in session.execute(loan_q)}
    overdue: dict[uuid.UUID, int] = defaultdict(int)
    for row in dividend_rows(session, as_of, scope, grace_days=grace_days):
        if row.state is DividendState.OVERDUE:
            overdue[row.enterprise_id] += row.unpaid_fen
    result = []
    for e in enterprises:
        seen = latest.get(e.id)
        count, balance = loans.get(e.id, (0, 0))
        result.append(EnterpriseRow(e.id, e.name, e.credit_code, e.credit_code_note, e.contact, e.phone, e.industry,
                                    e.address, e.benefit_link, e.note, seen.status if seen else None,
                                    seen.observed_on if seen else None, int(links.get(e.id, 0)), count, balance,
                                    overdue.get(e.id, 0)))
    return result


@dataclass(frozen=True)
class ObservationRow:
    id: uuid.UUID
    observed_on: dt.date
    status: BusinessStatus
    note: str
    observed_by: str
    visit_id: uuid.UUID | None


def observations(session: Session, enterprise_id: uuid.UUID) -> list[ObservationRow]:
    rows = session.execute(sa.select(EnterpriseObservation)
                           .where(EnterpriseObservation.enterprise_id == enterprise_id,
                                  EnterpriseObservation.deleted.is_(False))
                           .order_by(EnterpriseObservation.observed_on.desc())).scalars()
    return [ObservationRow(o.id, o.observed_on, o.status, o.note, o.observed_by, o.visit_id) for o in rows]


def enterprise_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the enterprises, by name, for choosing one."""
    return [(i, n) for i, n in session.execute(sa.select(Enterprise.id, Enterprise.name)
                                               .where(Enterprise.deleted.is_(False)).order_by(Enterprise.name))]


def linked_household_visits(session: Session, enterprise_id: uuid.UUID, limit: int = 50
                            ) -> list[tuple[uuid.UUID, dt.date, str]]:
    """(visit id, date, head's name) of the latest visits to the households linked to an enterprise, newest
    first: an observation of the enterprise may have been made on one of them."""
    rows = session.execute(
        sa.select(Visit.id, Visit.visited_on, Household.head_name)
        .join(Household, Household.id == Visit.household_id)
        .join(EnterpriseHousehold, EnterpriseHousehold.household_id == Visit.household_id)
        .where(EnterpriseHousehold.enterprise_id == enterprise_id, Visit.deleted.is_(False))
        .order_by(Visit.visited_on.desc()).limit(limit)).all()
    return [(visit_id, on, name) for visit_id, on, name in rows]


@dataclass(frozen=True)
class LinkedHouseholdRow:
    household_id: uuid.UUID
    street_name: str
    village_name: str
    head_name: str
    head_citizen_id: str
    benefit_link: BenefitLink
    linked_on: dt.date | None
    loans: int
    balance_fen: int


def linked_households(session: Session, enterprise_id: uuid.UUID, scope: str | None = None
                      ) -> list[LinkedHouseholdRow]:
    query = (sa.select(Household.id, Street.name, Village.name, Household.head_name, Household.head_citizen_id,
                       EnterpriseHousehold.benefit_link, EnterpriseHousehold.linked_on)
             .join(Household, Household.id == EnterpriseHousehold.household_id)
             .join(Street, Street.code == Household.street_code)
             .outerjoin(Village, Village.id == Household.village_id)
             .where(EnterpriseHousehold.enterprise_id == enterprise_id, EnterpriseHousehold.deleted.is_(False))
             .order_by(Household.street_code, Village.name, Household.head_initials))
    if scope:
        query = query.where(Household.street_code == scope)
    loans = {h: (int(n), int(b or 0)) for h, n, b in session.execute(
        sa.select(Loan.household_id, sa.func.count(), sa.func.sum(Loan.balance_fen))
        .where(Loan.enterprise_id == enterprise_id, Loan.deleted.is_(False)).group_by(Loan.household_id))}
    return [LinkedHouseholdRow(h, s, v or "", name, cid, mode, on, *loans.get(h, (0, 0)))
            for h, s, v, name, cid, mode, on in session.execute(query)]


@dataclass(frozen=True)
class EnterpriseUseRow:
    """One enterprise-use loan: a row of the 户贷企用 ledger and of the Enterprises page's loan list."""

    loan_id: uuid.UUID
    enterprise_id: uuid.UUID | None
    enterprise_name: str
    credit_code: str
    benefit_link: BenefitLink | None
    status: BusinessStatus | None
    street_name: str
    village_name: str
    head_name: str
    borrower_name: str
    borrower_citizen_id: str
    bank_name: str
    contract_no: str
    amount_fen: int
    disbursed_on: dt.date
    matures_on: dt.date
    balance_fen: int
    dividends_due_fen: int  # scheduled with a due date on or before as_of
    dividends_paid_fen: int  # paid on or before as_of
    after_cutoff: bool

    @property
    def masked_id(self) -> str:
        return mask_citizen_id(self.borrower_citizen_id)


def enterprise_use_rows(session: Session, as_of: dt.date, scope: str | None = None,
                        cutoff: dt.date | None = None, enterprise_id: uuid.UUID | None = None
                        ) -> list[EnterpriseUseRow]:
    cutoff = cutoff or settings.ENTERPRISE_USE_CUTOFF.default
    link = aliased(EnterpriseHousehold)
    query = (sa.select(Loan.id, Loan.enterprise_id, Enterprise.name, Enterprise.credit_code,
                       sa.func.coalesce(link.benefit_link, Enterprise.benefit_link), Street.name, Village.name,
                       Household.head_name, Loan.borrower_name, Loan.borrower_citizen_id, Bank.name,
                       Loan.contract_no, Loan.amount_fen, Loan.disbursed_on, Loan.matures_on, Loan.balance_fen,
                       Loan.household_id)
             .join(Household, Household.id == Loan.household_id)
             .join(Street, Street.code == Loan.street_code)
             .join(Bank, Bank.id == Loan.bank_id)
             .outerjoin(Village, Village.id == Household.village_id)
             .outerjoin(Enterprise, Enterprise.id == Loan.enterprise_id)
             .outerjoin(link, sa.and_(link.enterprise_id == Loan.enterprise_id,
                                      link.household_id == Loan.household_id, link.deleted.is_(False)))
             .where(Loan.deleted.is_(False), Loan.use_mode == UseMode.ENTERPRISE, Loan.disbursed_on <= as_of)
             .order_by(Enterprise.name, Loan.street_code, Village.name, Household.head_initials, Loan.contract_no))
    if scope:
        query = query.where(Loan.street_code == scope)
    if enterprise_id is not None:
        query = query.where(Loan.enterprise_id == enterprise_id)
    rows = session.execute(query).all()
    latest = latest_observations(session, as_of)
    due: dict[tuple[Any, Any], int] = defaultdict(int)
    paid: dict[tuple[Any, Any], int] = defaultdict(int)
    for e_id, h_id, amount in session.execute(
            sa.select(DividendSchedule.enterprise_id, DividendSchedule.household_id, DividendSchedule.amount_fen)
            .where(DividendSchedule.deleted.is_(False), DividendSchedule.due_on <= as_of)):
        due[(e_id, h_id)] += amount
    for e_id, h_id, amount in session.execute(
            sa.select(DividendSchedule.enterprise_id, DividendSchedule.household_id, DividendPayment.amount_fen)
            .join(DividendSchedule, DividendSchedule.id == DividendPayment.schedule_id)
            .where(DividendPayment.deleted.is_(False), DividendSchedule.deleted.is_(False),
                   DividendPayment.paid_on <= as_of)):
        paid[(e_id, h_id)] += amount
    seen_pairs: set[tuple[Any, Any]] = set()
    result = []
    for (loan_id, ent, name, code, mode, street, village, head, borrower, cid, bank, contract, amount, disbursed,
         matures, balance, household) in rows:
        pair = (ent, household)
        # a household's dividends are counted once even if it has two enterprise-use loans with the enterprise
        first = pair not in seen_pairs
        seen_pairs.add(pair)
        seen = latest.get(ent) if ent else None
        result.append(EnterpriseUseRow(
            loan_id, ent, name or "", code or "", BenefitLink(mode) if mode else None, seen.status if seen else None,
            street, village or "", head, borrower, cid, bank, contract, amount, disbursed, matures, balance,
            due.get(pair, 0) if first and ent else 0, paid.get(pair, 0) if first and ent else 0,
            disbursed >= cutoff))
    return result


# == dividends ======================================================================================================
def add_dividend(store: Any, enterprise_id: uuid.UUID, household_id: uuid.UUID, due_on: dt.date, amount_fen: int,
                 period: str = "", note: str = "") -> uuid.UUID:
    """Schedule a dividend the enterprise owes a household (the household is linked if it was not)."""
    store.require(Permission.MANAGE_FUND)
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A dividend needs an amount above zero."))
    with store.write() as session:
        _link(session, enterprise_id, household_id, None, None, "")
        row = DividendSchedule(enterprise_id=enterprise_id, household_id=household_id, due_on=due_on,
                               amount_fen=amount_fen, period=period.strip(), note=note.strip())
        session.add(row)
        session.flush()
        return row.id


def record_dividend_payment(store: Any, schedule_id: uuid.UUID, paid_on: dt.date, amount_fen: int,
                            note: str = "") -> uuid.UUID:
    """A (possibly partial) payment of a scheduled dividend; paying more than is left is refused."""
    store.require(Permission.MANAGE_FUND)
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A payment needs an amount above zero."))
    if paid_on > dt.date.today():
        raise ValidationError(translate("Programs", "A payment cannot be dated in the future."))
    with store.write() as session:
        schedule = session.get(DividendSchedule, schedule_id)
        if schedule is None or schedule.deleted:
            raise ValidationError(translate("Programs", "This dividend no longer exists."))
        paid = int(session.execute(sa.select(sa.func.coalesce(sa.func.sum(DividendPayment.amount_fen), 0))
                                   .where(DividendPayment.schedule_id == schedule_id,
                                          DividendPayment.deleted.is_(False))).scalar_one())
        left = schedule.amount_fen - paid
        if amount_fen > left:
            raise ValidationError(translate("Programs", "Only {left} yuan of this dividend is still unpaid; the "
                                                        "payment of {amount} "
                                      "yuan is more than that.", left=yuan(left), amount=yuan(amount_fen)))
        row = DividendPayment(schedule_id=schedule_id, household_id=schedule.household_id, paid_on=paid_on,
                              amount_fen=amount_fen, note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class DividendRow:
    """One scheduled dividend on ``as_of``: a row of the dividend ledger and of the Enterprises page."""

    schedule_id: uuid.UUID
    enterprise_id: uuid.UUID
    enterprise_name: str
    household_id: uuid.UUID
    street_code: str
    street_name: str
    village_name: str
    head_name: str
    head_citizen_id: str
    benefit_link: BenefitLink | None
    period: str
    due_on: dt.date
    amount_fen: int
    paid_fen: int
    last_paid_on: dt.date | None
    state: DividendState
    days_overdue: int
    note: str

    @property
    def unpaid_fen(self) -> int:
        return max(self.amount_fen - self.paid_fen, 0)


def dividend_rows(session: Session, as_of: dt.date, scope: str | None = None, *, grace_days: int = 0,
                  street: str | None = None, enterprise_id: uuid.UUID | None = None,
                  only_overdue: bool = False) -> list[DividendRow]:
    """Scheduled dividends (all due dates) with what was paid by ``as_of``, by street, village and household."""
    link = aliased(EnterpriseHousehold)
    query = (sa.select(DividendSchedule.id, DividendSchedule.enterprise_id, Enterprise.name, Household.id,
                       Household.street_code, Street.name, Village.name, Household.head_name,
                       Household.head_citizen_id, link.benefit_link, DividendSchedule.period, DividendSchedule.due_on,
                       DividendSchedule.amount_fen, DividendSchedule.note)
             .join(Enterprise, Enterprise.id == DividendSchedule.enterprise_id)
             .join(Household, Household.id == DividendSchedule.household_id)
             .join(Street, Street.code == Household.street_code)
             .outerjoin(Village, Village.id == Household.village_id)
             .outerjoin(link, sa.and_(link.enterprise_id == DividendSchedule.enterprise_id,
                                      link.household_id == DividendSchedule.household_id, link.deleted.is_(False)))
             .where(DividendSchedule.deleted.is_(False))
             .order_by(Household.street_code, Village.name, Household.head_initials, Enterprise.name,
                       DividendSchedule.due_on, DividendSchedule.id))
    for value in (scope, street):
        if value:
            query = query.where(Household.street_code == value)
    if enterprise_id is not None:
        query = query.where(DividendSchedule.enterprise_id == enterprise_id)
    paid: dict[uuid.UUID, int] = defaultdict(int)
    last: dict[uuid.UUID, dt.date] = {}
    for schedule_id, amount, on in session.execute(
            sa.select(DividendPayment.schedule_id, DividendPayment.amount_fen, DividendPayment.paid_on)
            .where(DividendPayment.deleted.is_(False), DividendPayment.paid_on <= as_of)):
        paid[schedule_id] += amount
        if schedule_id not in last or on > last[schedule_id]:
            last[schedule_id] = on
    result = []
    for (sid, ent, ent_name, hh, street_code, street_name, village, head, cid, mode, period, due_on, amount,
         note) in session.execute(query):
        state, days = dividend_state(due_on, amount, paid.get(sid, 0), as_of, grace_days)
        if only_overdue and state is not DividendState.OVERDUE:
            continue
        result.append(DividendRow(sid, ent, ent_name, hh, street_code, street_name, village or "", head, cid,
                                  BenefitLink(mode) if mode else None, period, due_on, amount, paid.get(sid, 0),
                                  last.get(sid), state, days, note))
    return result


@dataclass
class StreetDividends:
    street_code: str
    street_name: str
    scheduled: int = 0
    due_fen: int = 0  # due on or before as_of
    paid_fen: int = 0
    overdue_count: int = 0
    overdue_fen: int = 0


def dividends_by_street(rows: Iterable[DividendRow], as_of: dt.date) -> list[StreetDividends]:
    found: dict[str, StreetDividends] = {}
    for row in rows:
        item = found.setdefault(row.street_code, StreetDividends(row.street_code, row.street_name))
        item.scheduled += 1
        if row.due_on <= as_of:
            item.due_fen += row.amount_fen
        item.paid_fen += row.paid_fen
        if row.state is DividendState.OVERDUE:
            item.overdue_count += 1
            item.overdue_fen += row.unpaid_fen
    return [found[k] for k in sorted(found)]


def dividend_warnings(rows: Iterable[DividendRow], as_of: dt.date) -> list[ProgramWarning]:
    found = []
    for row in rows:
        if row.state is not DividendState.OVERDUE:
            continue
        severity = Severity.HIGH if row.days_overdue > 90 else Severity.MEDIUM
        found.append(ProgramWarning(
            ProgramRule.DIVIDEND_OVERDUE, severity, as_of, row.due_on, row.days_overdue, row.street_code,
            row.street_name, f"{row.head_name} / {row.enterprise_name}", row.schedule_id,
            QT_TRANSLATE_NOOP("Programs", "{enterprise} owes {household} a dividend of {amount} yuan due on {due}; "
                                          "{unpaid} yuan unpaid after {days} days"),
            {"enterprise": row.enterprise_name, "household": row.head_name, "amount": yuan(row.amount_fen),
             "due": row.due_on.isoformat(), "unpaid": yuan(row.unpaid_fen), "days": row.days_overdue}))
    return found


# == interest subsidies =============================================================================================
def _claim_facts(session: Session, loan: Loan, as_of: dt.date) -> ClaimFacts:
    from app.domain.risk_query import LoanFilter, loan_facts, records_model

    facts = loan_facts(session, as_of, LoanFilter(loan_ids=frozenset({loan.id})))
    # not live on that day (repaid, not yet made): its own row is all there is to know
    fact = facts[0] if facts else facts_of(loan)
    misuse_on = fraud_on = None
    UseCheck, Anomaly = records_model("UseCheck"), records_model("Anomaly")
    if UseCheck is not None:
        latest: dict[Any, tuple[int, dt.date, UseConclusion]] = {}
        for root, version, on, conclusion in session.execute(
                sa.select(sa.func.coalesce(UseCheck.original_id, UseCheck.id), UseCheck.version, UseCheck.checked_on,
                          UseCheck.conclusion)
                .where(UseCheck.loan_id == loan.id, UseCheck.deleted.is_(False))):
            if root not in latest or version > latest[root][0]:
                latest[root] = (version, on, conclusion)
        bad = [on for _, on, conclusion in latest.values() if conclusion is not UseConclusion.COMPLIANT]
        misuse_on = min(bad) if bad else None
    if Anomaly is not None:
        fraud_on = session.execute(
            sa.select(sa.func.min(Anomaly.found_on))
            .where(Anomaly.kind == AnomalyKind.FRAUD, Anomaly.deleted.is_(False),
                   sa.or_(Anomaly.loan_id == loan.id,
                          sa.and_(Anomaly.loan_id.is_(None), Anomaly.household_id == loan.household_id)))
        ).scalar()
    return ClaimFacts(fact, misuse_on, fraud_on)


@dataclass(frozen=True)
class ClaimResult:
    claim_id: uuid.UUID
    status: ClaimStatus
    reason: str  # why it was refused by rule ('' when it stands)


def file_claim(store: Any, loan: str | uuid.UUID, period: str, amount_fen: int, claimed_on: dt.date | None = None,
               bank: str | None = None, note: str = "") -> ClaimResult:
    """The bank files a subsidy claim for one loan and period. A claim the rules refuse is kept as refused."""
    store.require(Permission.EDIT_LOANS)
    label, start, end = parse_period(period)
    claimed_on = claimed_on or dt.date.today()
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A subsidy claim needs an amount above zero."))
    if claimed_on < start:
        raise ValidationError(translate("Programs", "A claim for {period} cannot be filed before the period begins "
                                                    "({start}).",
                                  period=label, start=start.isoformat()))
    with store.write() as session:
        scope = scope_street(store)
        row = loan_by_id(session, loan, scope) if isinstance(loan, uuid.UUID) else find_loan(session, loan, bank, scope)
        if row.disbursed_on > end:
            raise ValidationError(translate("Programs", "The loan {contract} was made on {date}, after the period "
                                                        "{period}.",
                                      contract=row.contract_no, date=row.disbursed_on.isoformat(), period=label))
        standing = session.execute(sa.select(sa.func.count()).select_from(SubsidyClaim).where(
            SubsidyClaim.loan_id == row.id, SubsidyClaim.period == label, SubsidyClaim.deleted.is_(False),
            SubsidyClaim.status != ClaimStatus.REFUSED)).scalar_one()
        if standing:
            raise ValidationError(translate("Programs", "The loan {contract} already has a claim for {period}.",
                                      contract=row.contract_no, period=label))
        reason = claim_refusal(_claim_facts(session, row, claimed_on), end, claimed_on) or ""
        claim = SubsidyClaim(loan_id=row.id, bank_id=row.bank_id, period=label, period_start=start, period_end=end,
                             claimed_on=claimed_on, claimed_by=store.user.username, amount_fen=amount_fen,
                             note=note.strip())
        if reason:
            claim.status, claim.refused_by_rule, claim.decision_note = ClaimStatus.REFUSED, True, reason
            claim.decided_on, claim.decided_by = claimed_on, "rule"
        else:
            row.subsidy_claimed_fen += amount_fen
        session.add(claim)
        session.flush()
        return ClaimResult(claim.id, claim.status, reason)


def decide_claim(store: Any, claim_id: uuid.UUID, approve: bool, note: str = "", approved_fen: int | None = None,
                 decided_on: dt.date | None = None) -> ClaimStatus:
    """District staff approve (possibly a smaller amount) or refuse (with a reason) a filed claim."""
    store.require(Permission.MANAGE_FUND)
    decided_on = decided_on or dt.date.today()
    with store.write() as session:
        claim = session.get(SubsidyClaim, claim_id)
        if claim is None or claim.deleted:
            raise ValidationError(translate("Programs", "This claim no longer exists."))
        if claim.status is not ClaimStatus.CLAIMED:
            raise ValidationError(translate("Programs", "This claim was decided already ({status}).",
                                            status=claim.status.label))
        loan = session.get(Loan, claim.loan_id)
        assert loan is not None
        if approve:
            reason = claim_refusal(_claim_facts(session, loan, claim.claimed_on), claim.period_end, claim.claimed_on)
            if reason:
                raise ValidationError(reason)
            amount = claim.amount_fen if approved_fen is None else approved_fen
            if not 0 < amount <= claim.amount_fen:
                raise ValidationError(translate("Programs", "The approved amount must be above zero and at most the "
                                                            "{amount} yuan "
                                          "claimed.", amount=yuan(claim.amount_fen)))
            loan.subsidy_claimed_fen += amount - claim.amount_fen
            claim.status, claim.approved_fen = ClaimStatus.APPROVED, amount
        else:
            if not note.strip():
                raise ValidationError(translate("Programs", "Give the reason for refusing the claim."))
            loan.subsidy_claimed_fen -= claim.amount_fen
            claim.status = ClaimStatus.REFUSED
        claim.decided_on, claim.decided_by, claim.decision_note = decided_on, store.user.username, note.strip()
        return ClaimStatus(claim.status)


def pay_claim(store: Any, claim_id: uuid.UUID, paid_on: dt.date | None = None) -> None:
    """Record that an approved claim was paid (its approved amount)."""
    store.require(Permission.MANAGE_FUND)
    paid_on = paid_on or dt.date.today()
    with store.write() as session:
        claim = session.get(SubsidyClaim, claim_id)
        if claim is None or claim.deleted:
            raise ValidationError(translate("Programs", "This claim no longer exists."))
        if claim.status is not ClaimStatus.APPROVED:
            raise ValidationError(translate("Programs", "Only an approved claim can be paid."))
        loan = session.get(Loan, claim.loan_id)
        assert loan is not None
        claim.status, claim.paid_on, claim.paid_fen = ClaimStatus.PAID, paid_on, claim.approved_fen or 0
        loan.subsidy_paid_fen += claim.paid_fen


@dataclass(frozen=True)
class ClaimRow:
    """One subsidy claim: a row of the subsidy ledger and of the Fund & subsidies page."""

    claim_id: uuid.UUID
    bank_name: str
    period: str
    street_name: str
    contract_no: str
    borrower_name: str
    borrower_citizen_id: str
    claimed_on: dt.date
    amount_fen: int
    status: ClaimStatus
    approved_fen: int | None
    decided_on: dt.date | None
    paid_on: dt.date | None
    paid_fen: int
    reason: str
    refused_by_rule: bool


def claim_rows(session: Session, scope: str | None = None, *, bank: str | None = None, period: str | None = None,
               status: ClaimStatus | None = None, as_of: dt.date | None = None) -> list[ClaimRow]:
    query = (sa.select(SubsidyClaim.id, Bank.name, SubsidyClaim.period, Street.name, Loan.contract_no,
                       Loan.borrower_name, Loan.borrower_citizen_id, SubsidyClaim.claimed_on, SubsidyClaim.amount_fen,
                       SubsidyClaim.status, SubsidyClaim.approved_fen, SubsidyClaim.decided_on, SubsidyClaim.paid_on,
                       SubsidyClaim.paid_fen, SubsidyClaim.decision_note, SubsidyClaim.refused_by_rule)
             .join(Loan, Loan.id == SubsidyClaim.loan_id)
             .join(Bank, Bank.id == SubsidyClaim.bank_id)
             .join(Street, Street.code == Loan.street_code)
             .where(SubsidyClaim.deleted.is_(False))
             .order_by(Bank.name, SubsidyClaim.period.desc(), Loan.street_code, Loan.contract_no, SubsidyClaim.id))
    if scope:
        query = query.where(Loan.street_code == scope)
    if bank:
        query = query.where(sa.or_(Bank.code == bank, Bank.name == bank))
    if period:
        query = query.where(SubsidyClaim.period == period.strip().upper())
    if status is not None:
        query = query.where(SubsidyClaim.status == status)
    if as_of is not None:
        query = query.where(SubsidyClaim.claimed_on <= as_of)
    return [ClaimRow(*row) for row in session.execute(query)]  # type: ignore[call-arg]


@dataclass
class SubsidyTotal:
    bank_name: str
    period: str
    claims: int = 0
    claimed_fen: int = 0
    pending_fen: int = 0
    approved_fen: int = 0
    refused_fen: int = 0
    paid_fen: int = 0


def subsidy_totals(rows: Iterable[ClaimRow]) -> list[SubsidyTotal]:
    """Totals by bank and period (most recent period first within a bank)."""
    found: dict[tuple[str, str], SubsidyTotal] = {}
    for row in rows:
        total = found.setdefault((row.bank_name, row.period), SubsidyTotal(row.bank_name, row.period))
        total.claims += 1
        total.claimed_fen += row.amount_fen
        if row.status is ClaimStatus.CLAIMED:
            total.pending_fen += row.amount_fen
        elif row.status is ClaimStatus.REFUSED:
            total.refused_fen += row.amount_fen
        else:
            total.approved_fen += row.approved_fen or 0
        total.paid_fen += row.paid_fen
    return sorted(found.values(), key=lambda t: (t.bank_name, _desc(t.period)))


def _desc(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


# == risk compensation fund =========================================================================================
def add_contribution(store: Any, contributed_on: dt.date, amount_fen: int, source: str, note: str = "") -> uuid.UUID:
    store.require(Permission.MANAGE_FUND)
    if amount_fen <= 0:
        raise ValidationError(translate("Programs", "A contribution needs an amount above zero."))
    if not source.strip():
        raise ValidationError(translate("Programs", "Name where the money came from (for example 区财政局)."))
    with store.write() as session:
        row = FundContribution(contributed_on=contributed_on, amount_fen=amount_fen, source=source.strip(),
                               note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class PayoutItem:
    loan_id: uuid.UUID
    amount_fen: int
    disposal_id: uuid.UUID | None = None


def fund_balance(session: Session, as_of: dt.date) -> tuple[int, int]:
    """(contributions, payouts) on or before ``as_of``."""
    inflow = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundContribution.amount_fen), 0)).where(
        FundContribution.deleted.is_(False), FundContribution.contributed_on <= as_of)).scalar_one()
    outflow = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundPayout.amount_fen), 0)).where(
        FundPayout.deleted.is_(False), FundPayout.paid_on <= as_of)).scalar_one()
    return int(inflow), int(outflow)


def add_payout(store: Any, paid_on: dt.date, items: Sequence[PayoutItem], note: str = "") -> uuid.UUID:
    """Compensation paid from the fund for one or more loans, each settling (optionally) a compensation-claim
    disposal of that loan. Refused when the fund does not hold enough on that day."""
    from app.models.risk import DisposalProposal, DisposalStatus

    store.require(Permission.MANAGE_FUND)
    if not items:
        raise ValidationError(translate("Programs", "A payout names at least one loan."))
    if any(item.amount_fen <= 0 for item in items):
        raise ValidationError(translate("Programs", "Each loan's compensation needs an amount above zero."))
    total = sum(item.amount_fen for item in items)
    with store.write() as session:
        inflow, outflow = fund_balance(session, paid_on)
        later = session.execute(sa.select(sa.func.coalesce(sa.func.sum(FundPayout.amount_fen), 0)).where(
            FundPayout.deleted.is_(False), FundPayout.paid_on > paid_on)).scalar_one()
        available = inflow - outflow - int(later)
        if total > available:
            raise ValidationError(translate("Programs", "The fund holds {balance} yuan on {date}; a payout of "
                                                        "{amount} yuan is more "
                                      "than that.", balance=yuan(available), date=paid_on.isoformat(),
                                      amount=yuan(total)))
        payout = FundPayout(paid_on=paid_on, amount_fen=total, note=note.strip())
        session.add(payout)
        session.flush()
        for item in items:
            loan = session.get(Loan, item.loan_id)
            if loan is None or loan.deleted:
                raise ValidationError(translate("Programs", "This loan no longer exists."))
            if item.disposal_id is not None:
                disposal = session.get(DisposalProposal, item.disposal_id)
                if disposal is None or disposal.loan_id != loan.id or disposal.kind is not Disposal.COMPENSATION_CLAIM:
                    raise ValidationError(translate("Programs", "The decision chosen for the loan {contract} is not "
                                                                "a compensation "
                                              "claim of that loan.", contract=loan.contract_no))
                if disposal.status not in (DisposalStatus.APPROVED, DisposalStatus.EXECUTED):
                    raise ValidationError(translate("Programs", "The compensation claim of the loan {contract} is "
                                                                "not approved yet.",
                                              contract=loan.contract_no))
            session.add(FundPayoutItem(payout_id=payout.id, loan_id=loan.id, disposal_id=item.disposal_id,
                                       amount_fen=item.amount_fen))
        return payout.id


@dataclass(frozen=True)
class CompensationCandidate:
    """An approved or executed compensation-claim disposal not yet (fully) paid from the fund."""

    disposal_id: uuid.UUID
    loan_id: uuid.UUID
    contract_no: str
    borrower_name: str
    street_name: str
    claim_fen: int
    paid_fen: int


def compensation_candidates(session: Session) -> list[CompensationCandidate]:
    from app.models.risk import DisposalProposal, DisposalStatus

    paid = dict(session.execute(sa.select(FundPayoutItem.disposal_id, sa.func.sum(FundPayoutItem.amount_fen))
                                .where(FundPayoutItem.deleted.is_(False), FundPayoutItem.disposal_id.is_not(None))
                                .group_by(FundPayoutItem.disposal_id)).all())
    rows = session.execute(
        sa.select(DisposalProposal.id, Loan.id, Loan.contract_no, Loan.borrower_name, Street.name,
                  sa.func.coalesce(DisposalProposal.claim_fen, DisposalProposal.balance_before_fen))
        .join(Loan, Loan.id == DisposalProposal.loan_id).join(Street, Street.code == Loan.street_code)
        .where(DisposalProposal.kind == Disposal.COMPENSATION_CLAIM, DisposalProposal.deleted.is_(False),
               DisposalProposal.status.in_([DisposalStatus.APPROVED, DisposalStatus.EXECUTED]))
        .order_by(DisposalProposal.proposed_on)).all()
    return [CompensationCandidate(d, loan, contract, borrower, street, int(claim or 0), int(paid.get(d) or 0))
            for d, loan, contract, borrower, street, claim in rows if int(paid.get(d) or 0) < int(claim or 0)]


@dataclass(frozen=True)
class FundPosition:
    as_of: dt.date
    contributions_fen: int
    payouts_fen: int
    covered_fen: int
    covered_count: int
    limit: int

    @property
    def balance_fen(self) -> int:
        return self.contributions_fen - self.payouts_fen

    @property
    def leverage(self) -> float | None:
        """Covered balance / fund balance (None when the fund is empty)."""
        return self.covered_fen / self.balance_fen if self.balance_fen > 0 else None

    @property
    def exceeded(self) -> bool:
        return leverage_exceeded(self.covered_fen, self.balance_fen, self.limit)

    @property
    def headroom_fen(self) -> int:
        """How much more covered balance the fund can carry (negative when over the limit)."""
        return self.limit * max(self.balance_fen, 0) - self.covered_fen


def covered_loans(facts: Iterable[LoanFacts], as_of: dt.date, cap_fen: int) -> list[LoanFacts]:
    return [f for f in facts if is_live(f, as_of) and f.amount_fen <= cap_fen]


def fund_position(store: Any, as_of: dt.date | None = None) -> FundPosition:
    from app.domain.risk_query import LoanFilter, loan_facts

    as_of = as_of or dt.date.today()
    cap = store.setting(settings.LOAN_CAP_YUAN) * 100
    with store.read() as session:
        inflow, outflow = fund_balance(session, as_of)
        covered = covered_loans(loan_facts(session, as_of, LoanFilter(street=scope_street(store))), as_of, cap)
    return FundPosition(as_of, inflow, outflow, sum(f.balance_fen for f in covered), len(covered),
                        store.setting(settings.FUND_LEVERAGE_MAX))


def fund_warnings(position: FundPosition) -> list[ProgramWarning]:
    if not position.exceeded:
        return []
    ratio = f"{position.leverage:.2f}" if position.leverage is not None else "∞"
    return [ProgramWarning(
        ProgramRule.FUND_LEVERAGE, Severity.HIGH, position.as_of, position.as_of, 0, "", "",
        translate("Programs", "Risk compensation fund"), None,
        QT_TRANSLATE_NOOP("Programs", "Covered loans of {covered} yuan are {ratio} times the fund's {fund} yuan; the "
                                      "limit is {limit} times"),
        {"covered": yuan(position.covered_fen), "ratio": ratio, "fund": yuan(position.balance_fen),
         "limit": position.limit})]


@dataclass(frozen=True)
class FundMovementRow:
    """A row of the fund ledger: a contribution or a payout, with the balance after it."""

    on: dt.date
    kind: str  # "in" / "out"
    counterpart: str  # the source, or the loans compensated
    note: str
    in_fen: int
    out_fen: int
    balance_fen: int


def fund_movements(session: Session, as_of: dt.date) -> list[FundMovementRow]:
    items: dict[uuid.UUID, list[str]] = defaultdict(list)
    for payout_id, contract, borrower in session.execute(
            sa.select(FundPayoutItem.payout_id, Loan.contract_no, Loan.borrower_name)
            .join(Loan, Loan.id == FundPayoutItem.loan_id).where(FundPayoutItem.deleted.is_(False))
            .order_by(Loan.contract_no)):
        items[payout_id].append(f"{contract} {borrower}")
    moves: list[tuple[dt.date, int, dt.datetime, str, str, int, int]] = []
    for c in session.execute(sa.select(FundContribution).where(FundContribution.deleted.is_(False),
                                                               FundContribution.contributed_on <= as_of)).scalars():
        moves.append((c.contributed_on, 0, c.created_at, c.source, c.note, c.amount_fen, 0))
    for p in session.execute(sa.select(FundPayout).where(FundPayout.deleted.is_(False),
                                                         FundPayout.paid_on <= as_of)).scalars():
        moves.append((p.paid_on, 1, p.created_at, "；".join(items.get(p.id, [])), p.note, 0, p.amount_fen))
    moves.sort(key=lambda m: (m[0], m[1], m[2]))
    balance = 0
    result = []
    for on, kind, _, counterpart, note, inflow, outflow in moves:
        balance += inflow - outflow
        result.append(FundMovementRow(on, "out" if kind else "in", counterpart, note, inflow, outflow, balance))
    return result


# == outreach =======================================================================================================
def add_campaign(store: Any, name: str, starts_on: dt.date, ends_on: dt.date | None = None, organiser: str = "",
                 note: str = "") -> uuid.UUID:
    store.require(Permission.MANAGE_FUND)
    if not name.strip():
        raise ValidationError(translate("Programs", "The campaign needs a name."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(translate("Programs", "A campaign cannot end before it starts."))
    with store.write() as session:
        row = OutreachCampaign(name=name.strip(), starts_on=starts_on, ends_on=ends_on, organiser=organiser.strip(),
                               note=note.strip())
        session.add(row)
        session.flush()
        return row.id


@dataclass(frozen=True)
class SessionInput:
    held_on: dt.date
    place: str
    topic: str
    organiser: str = ""
    people_reached: int = 0
    street_code: str | None = None
    campaign_id: uuid.UUID | None = None
    note: str = ""
    images: tuple[Any, ...] = field(default=())  # PreparedImage (app.domain.attachments)


def add_session(store: Any, values: SessionInput) -> uuid.UUID:
    """An outreach session with its photos (stored encrypted in the database as attachments)."""
    from app.domain.attachments import store_attachments

    _require_any(store, Permission.RECORD_FIELD_WORK, Permission.MANAGE_FUND)
    if not values.place.strip() or not values.topic.strip():
        raise ValidationError(translate("Programs", "A session needs a place and a topic."))
    if values.people_reached < 0:
        raise ValidationError(translate("Programs", "The number of people reached cannot be negative."))
    if values.held_on > dt.date.today():
        raise ValidationError(translate("Programs", "A session cannot be recorded before it is held."))
    street = values.street_code or scope_street(store)
    scope = scope_street(store)
    if scope and street != scope:
        raise ValidationError(translate("Programs", "A field node records sessions of its own street only."))
    with store.write() as session:
        row = OutreachSession(campaign_id=values.campaign_id, held_on=values.held_on, street_code=street,
                              place=values.place.strip(), topic=values.topic.strip(),
                              organiser=values.organiser.strip(), people_reached=values.people_reached,
                              note=values.note.strip())
        session.add(row)
        session.flush()
        for position, attachment in enumerate(store_attachments(session, values.images)):
            session.add(OutreachPhoto(session_id=row.id, street_code=street, attachment_id=attachment.id,
                                      position=position))
        return row.id


@dataclass(frozen=True)
class SessionRow:
    """An outreach session: a row of the outreach ledger and of the Fund & subsidies page."""

    session_id: uuid.UUID
    held_on: dt.date
    campaign_name: str
    street_name: str
    place: str
    topic: str
    organiser: str
    people_reached: int
    photos: int
    note: str


def session_rows(session: Session, scope: str | None = None, as_of: dt.date | None = None) -> list[SessionRow]:
    photos = dict(session.execute(sa.select(OutreachPhoto.session_id, sa.func.count())
                                  .where(OutreachPhoto.deleted.is_(False))
                                  .group_by(OutreachPhoto.session_id)).all())
    query = (sa.select(OutreachSession.id, OutreachSession.held_on, OutreachCampaign.name, Street.name,
                       OutreachSession.place, OutreachSession.topic, OutreachSession.organiser,
                       OutreachSession.people_reached, OutreachSession.note)
             .outerjoin(OutreachCampaign, OutreachCampaign.id == OutreachSession.campaign_id)
             .outerjoin(Street, Street.code == OutreachSession.street_code)
             .where(OutreachSession.deleted.is_(False))
             .order_by(OutreachSession.held_on.desc(), OutreachSession.id))
    if scope:
        query = query.where(sa.or_(OutreachSession.street_code == scope, OutreachSession.street_code.is_(None)))
    if as_of is not None:
        query = query.where(OutreachSession.held_on <= as_of)
    return [SessionRow(sid, held, campaign or "", street or "", place, topic, organiser, reached,
                       int(photos.get(sid, 0)), note)
            for sid, held, campaign, street, place, topic, organiser, reached, note in session.execute(query)]


def session_photos(session: Session, session_id: uuid.UUID) -> list[tuple[uuid.UUID, bytes, str]]:
    """(attachment id, thumbnail, name) of a session's photos present on this node."""
    from app.models import Attachment

    return [(a, bytes(t or b""), n) for a, t, n in session.execute(
        sa.select(Attachment.id, Attachment.thumbnail, Attachment.original_name)
        .join(OutreachPhoto, OutreachPhoto.attachment_id == Attachment.id)
        .where(OutreachPhoto.session_id == session_id, OutreachPhoto.deleted.is_(False))
        .order_by(OutreachPhoto.position))]


def campaigns(session: Session) -> list[tuple[uuid.UUID, str]]:
    return [(i, n) for i, n in session.execute(sa.select(OutreachCampaign.id, OutreachCampaign.name)
                                                .where(OutreachCampaign.deleted.is_(False))
                                                .order_by(OutreachCampaign.starts_on.desc()))]


# == warnings and dashboards ========================================================================================
def program_warnings(store: Any, as_of: dt.date | None = None) -> list[ProgramWarning]:
    """Overdue dividends and the fund's leverage on ``as_of``, most urgent first (for the warnings list and CLI).

    The loan-level programme warnings (enterprise use after the cutoff, subsidy on an overdue loan) are the risk
    rules' own (:func:`app.domain.risk_query.warnings`)."""
    as_of = as_of or dt.date.today()
    grace = store.setting(settings.DIVIDEND_GRACE_DAYS)
    with store.read() as session:
        rows = dividend_rows(session, as_of, scope_street(store), grace_days=grace, only_overdue=True)
    found = fund_warnings(fund_position(store, as_of)) + dividend_warnings(rows, as_of)
    rank = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
    return sorted(found, key=lambda w: (rank[w.severity], w.due_on, w.subject))


@dataclass(frozen=True)
class Series:
    """One chart's data: a title, a value unit and (label, value) pairs."""

    key: str
    title: str
    unit: str  # "yuan" or "count" or "times"
    points: tuple[tuple[str, float], ...]
    #: labels whose bars call for attention (drawn in red; the value is still written beside each bar)
    highlight: tuple[str, ...] = ()


def dashboard(store: Any, as_of: dt.date | None = None) -> list[Series]:
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
