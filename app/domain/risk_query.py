"""Facts for the risk rules, built from a node's database in a few set-based queries (never one per loan).

:func:`loan_facts` reads the loans live on a day with what the rules need about their households: the last visit,
maturity assessments, anomaly reports with their status steps and poverty-status changes. Field records come from
:mod:`app.models.records` when that module is installed; without it every loan simply has no visits, assessments
or anomalies. Past days are replayed: the balance on ``as_of`` adds back principal repaid later, and records and
steps dated after ``as_of`` are left out (the rules check the dates again).

:func:`warnings` and :func:`portfolio_view` are what the pages, ledgers and the CLI call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.db.sqltext import raw_text
from app.domain.loan_facts import AnomalyFacts, AssessmentFacts, LoanFacts, PovertyChange
from app.domain.loan_history import LaterHistory
from app.domain.risk import (
    OFF_BOOK,
    SEVERITY_RANK,
    Portfolio,
    RiskPolicy,
    RiskWarning,
    Rule,
    class_for_days,
    days_past_due,
    portfolio,
    suggested_class,
    warnings_for,
)
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.memory import cyclic_gc_paused
from app.models import Bank, Household, Loan, PovertyStatusChange, SettingValue, Street
from app.models.enums import AnomalyStatus, LoanStatus, PovertyStatus, RiskClass, Severity, UseMode, Willingness
from app.settings import Setting


def records_model(name: str) -> Any:
    """A model of the field records (visits, anomalies, maturity assessments), or None in an installation
    without them: every loan then simply has no visits, assessments or anomalies."""
    try:
        module = importlib.import_module("app.models.records")
    except ImportError:  # pragma: no cover - the records module is part of the build
        return None
    return getattr(module, name, None)


Anomaly: Any = records_model("Anomaly")
AnomalyStep: Any = records_model("AnomalyStep")
MaturityAssessment: Any = records_model("MaturityAssessment")
Visit: Any = records_model("Visit")


def policy_of(store: StoreLike) -> RiskPolicy:
    return RiskPolicy.from_settings(store.setting)


def policy_in(session: Session) -> RiskPolicy:
    """The node's policy read through an open session (for code that has no store, such as ledger rows)."""
    stored = dict(session.execute(sa.select(SettingValue.key, SettingValue.value)).all())
    return RiskPolicy.from_settings(lambda definition: _stored_value(stored, definition))


def setting_in(session: Session, definition: Setting[Any]) -> Any:
    """One setting of the node read through an open session (its default when unset or unreadable)."""
    raw = session.execute(sa.select(SettingValue.value).where(SettingValue.key == definition.key)).scalar()
    return _stored_value({definition.key: raw} if raw is not None else {}, definition)


def _stored_value(stored: dict[str, str], definition: Setting[Any]) -> Any:
    raw = stored.get(definition.key)
    if raw is None:
        return definition.default
    try:
        return definition.load(raw)
    except (ValueError, ValidationError):
        return definition.default


@dataclass(frozen=True)
class LoanFilter:
    """Narrow the loans looked at (all optional): a street code, a bank (id, code or name), some loan ids."""

    street: str | None = None
    bank: str | None = None
    loan_ids: frozenset[uuid.UUID] | None = None


def _bank_ids(session: Session, bank: str) -> list[uuid.UUID]:
    conditions = [Bank.code == bank, Bank.name == bank]
    with contextlib.suppress(ValueError):
        conditions.append(Bank.id == uuid.UUID(bank))
    return list(session.execute(sa.select(Bank.id).where(sa.or_(*conditions))).scalars())


def _raw(column: Any) -> Any:
    """The column as SQLite stores it (text), skipping SQLAlchemy's per-row conversion: dates and UUIDs are turned
    into Python values below with the fast C constructors, enums through a dict (the same text on PostgreSQL:
    app/db/sqltext.py)."""
    return raw_text(column)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Ids:
    """UUIDs from the 32 hex digits SQLite stores, each made once (for ids that repeat: banks, anomalies)."""

    def __init__(self) -> None:
        self.known: dict[str, uuid.UUID] = {}

    def __call__(self, text: str) -> uuid.UUID:
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = uuid.UUID(hex=text)
        return found


def _local_day(at: dt.datetime) -> dt.date:
    """The local calendar day of a naive UTC timestamp (a step taken at 07:00 in Xi'an is 23:00 UTC the day
    before)."""
    return at.replace(tzinfo=dt.UTC).astimezone().date()


def _chunks(items: list[Any], size: int = 5000) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def loan_facts(session: Session, as_of: dt.date, where: LoanFilter | None = None, *, live_only: bool = True,
               policy: RiskPolicy | None = None) -> list[LoanFacts]:
    """The facts of every loan as it was on ``as_of``: its state rewound from today's row through the repayments and
    events dated later (app/domain/loan_history.py). ``live_only`` (the default) keeps the loans live that day —
    disbursed by then, with a balance, not written off or compensated; otherwise every loan disbursed by then."""
    with cyclic_gc_paused():
        return _loan_facts(session, as_of, where, live_only, policy or policy_in(session))


def _loan_facts(session: Session, as_of: dt.date, where: LoanFilter | None, live_only: bool,
                policy: RiskPolicy) -> list[LoanFacts]:
    where = where or LoanFilter()
    conn = session.connection()
    history = LaterHistory(session, as_of, where.loan_ids)
    changed = [uuid.UUID(hex=key) for key in history.loans]

    conditions: list[Any] = [Loan.deleted.is_(False), Loan.disbursed_on <= as_of]
    if where.street:
        conditions.append(Loan.street_code == where.street)
    if where.bank:
        conditions.append(Loan.bank_id.in_(_bank_ids(session, where.bank)))
    if where.loan_ids is not None:
        conditions.append(Loan.id.in_(where.loan_ids))
    if live_only:
        live_now = sa.and_(Loan.balance_fen > 0, Loan.status.not_in(list(OFF_BOOK)))
        conditions.append(sa.or_(live_now, Loan.id.in_(changed)) if changed else live_now)
    rows = conn.execute(
        sa.select(_raw(Loan.id), Loan.contract_no, _raw(Loan.household_id), _raw(Loan.bank_id), Loan.borrower_name,
                  Loan.street_code, _raw(Loan.disbursed_on), _raw(Loan.matures_on), Loan.term_months, Loan.amount_fen,
                  Loan.balance_fen, Loan.overdue_fen, _raw(Loan.overdue_since), Loan.extended_months,
                  _raw(Loan.status), _raw(Loan.risk_class), _raw(Loan.use_mode), Loan.subsidy_claimed_fen,
                  Loan.subsidy_paid_fen, Household.head_name, _raw(Household.poverty_status),
                  _raw(Household.poverty_status_since), Loan.interest_arrears_fen, _raw(Loan.risk_class_on),
                  Loan.rate_bp)
        .join(Household, Household.id == Loan.household_id)
        .where(*conditions)
    ).all()
    if not rows:
        return []
    ids = _Ids()
    households = {row[2] for row in rows}
    everything = len(households) > 2000  # for a big set, reading the whole table beats long IN lists
    visits = _last_visits(conn, as_of, ids, None if everything else households)
    unwilling = _unwilling(conn, as_of, visits, None if everything else households)
    assessments = _assessments(conn, as_of, None if everything else {row[0] for row in rows})
    anomalies = _anomalies(conn, as_of, ids, None if everything else households)
    changes = _poverty_changes(conn, as_of, rows)
    banks = {bank_id.hex: name for bank_id, name in conn.execute(sa.select(Bank.id, Bank.name))}
    streets = dict(conn.execute(sa.select(Street.code, Street.name)).all())
    statuses = {s.value: s for s in LoanStatus}
    classes = {c.value: c for c in RiskClass}
    modes = {m.value: m for m in UseMode}
    rewound = history.loans

    facts = []
    empty: tuple[Any, ...] = ()
    for (loan_id, contract_no, household_id, bank_id, borrower, street, disbursed, matures, term, amount, balance,
         overdue, overdue_since, extended, status, risk_class, use_mode, claimed, paid, head, _, _, arrears,
         class_on, rate) in rows:
        state = {"matures_on": dt.date.fromisoformat(matures), "overdue_since": _date(overdue_since),
                 "overdue_fen": overdue, "status": statuses[status], "risk_class": classes[risk_class],
                 "risk_class_on": _date(class_on), "extended_months": extended, "amount_fen": amount,
                 "balance_fen": balance, "interest_arrears_fen": arrears}
        if loan_id in rewound:
            state = history.rewind(loan_id, state)
            if live_only and (state["balance_fen"] <= 0 or state["status"] in OFF_BOOK):
                continue
        fact = LoanFacts(
            contract_no, dt.date.fromisoformat(disbursed), state["matures_on"], term, state["amount_fen"],
            state["balance_fen"], uuid.UUID(hex=loan_id), uuid.UUID(hex=household_id), ids(bank_id),
            borrower, head, street, streets.get(street, street), banks.get(bank_id, ""), state["overdue_fen"],
            state["overdue_since"], state["extended_months"], state["status"], state["risk_class"], modes[use_mode],
            claimed, paid, visits.get(household_id, empty), assessments.get(loan_id, empty),
            anomalies.get(household_id, empty), changes.get(household_id, empty),
            interest_arrears_fen=state["interest_arrears_fen"] or 0, rate_bp=rate,
            willingness=Willingness.UNWILLING if household_id in unwilling else None)
        class_on = state["risk_class_on"]
        if class_on is not None and class_on > as_of:  # the bank classified it only later: what the days say
            fact = dataclasses.replace(fact, risk_class=class_for_days(days_past_due(fact, as_of), policy))
        facts.append(fact)
    return facts


def last_visit_dates(session: Session, as_of: dt.date) -> dict[uuid.UUID, dt.date]:
    """Household id → its last visit on or before ``as_of`` (for ledgers that show it beside each loan)."""
    return {uuid.UUID(hex=household): days[0]
            for household, days in _last_visits(session.connection(), as_of, _Ids(), None).items()}


def _last_visits(conn: Connection, as_of: dt.date, ids: _Ids,
                 households: set[str] | None) -> dict[str, tuple[dt.date, ...]]:
    """The last visit on or before ``as_of`` per household (enough: the rules need only the latest)."""
    if Visit is None:
        return {}
    query = (sa.select(_raw(Visit.household_id), _raw(sa.func.max(Visit.visited_on)))
             .where(Visit.visited_on <= as_of, Visit.deleted.is_(False)).group_by(Visit.household_id))
    result: dict[str, tuple[dt.date, ...]] = {}
    for part in _chunks(sorted(households)) if households is not None else [None]:
        chosen = query if part is None else query.where(_raw(Visit.household_id).in_(part))
        for household_id, last in conn.execute(chosen):
            result[household_id] = (dt.date.fromisoformat(last),)
    return result


def _unwilling(conn: Connection, as_of: dt.date, last_visits: dict[str, tuple[dt.date, ...]],
               households: set[str] | None) -> set[str]:
    """Households whose latest visit on or before ``as_of`` (its latest version) found them unwilling to repay.
    Such visits are rare, so they are read on their own and compared with each household's last visit."""
    if Visit is None:
        return set()
    found: dict[str, tuple[dt.date, str, int]] = {}
    query = (sa.select(_raw(Visit.household_id), _raw(Visit.visited_on),
                       _raw(sa.func.coalesce(Visit.original_id, Visit.id)), Visit.version)
             .where(Visit.visited_on <= as_of, Visit.deleted.is_(False), Visit.willingness == Willingness.UNWILLING))
    for part in _chunks(sorted(households)) if households is not None else [None]:
        chosen = query if part is None else query.where(_raw(Visit.household_id).in_(part))
        for household_id, visited_on, root, version in conn.execute(chosen):
            day = dt.date.fromisoformat(visited_on)
            if last_visits.get(household_id, (None,))[0] == day:
                found[household_id] = (day, root, version)
    if not found:
        return set()
    newer = {root: int(version) for root, version in conn.execute(
        sa.select(_raw(sa.func.coalesce(Visit.original_id, Visit.id)), sa.func.max(Visit.version))
        .where(_raw(sa.func.coalesce(Visit.original_id, Visit.id)).in_([r for _, r, _ in found.values()]),
               Visit.deleted.is_(False))
        .group_by(sa.func.coalesce(Visit.original_id, Visit.id)))}
    return {household for household, (_, root, version) in found.items() if newer.get(root, version) <= version}


def _assessments(conn: Connection, as_of: dt.date,
                 loans: set[str] | None) -> dict[str, tuple[AssessmentFacts, ...]]:
    if MaturityAssessment is None:
        return {}
    query = (sa.select(_raw(MaturityAssessment.loan_id), MaturityAssessment.assessed_on,
                       MaturityAssessment.matures_on, MaturityAssessment.ability)
             .where(MaturityAssessment.assessed_on <= as_of, MaturityAssessment.deleted.is_(False),
                    MaturityAssessment.loan_id.is_not(None)))
    found: dict[str, list[AssessmentFacts]] = defaultdict(list)
    for part in _chunks(sorted(loans)) if loans is not None else [None]:
        chosen = query if part is None else query.where(_raw(MaturityAssessment.loan_id).in_(part))
        for loan_id, assessed_on, matures_on, ability in conn.execute(chosen):
            found[loan_id].append(AssessmentFacts(assessed_on, matures_on, ability))
    return {loan_id: tuple(items) for loan_id, items in found.items()}


def _anomalies(conn: Connection, as_of: dt.date, ids: _Ids,
               households: set[str] | None) -> dict[str, tuple[AnomalyFacts, ...]]:
    """Anomaly reports found by ``as_of``, one per report (its latest version), with their status steps.

    Amendments are new rows pointing at the first version; the steps are keyed by the first version's id.
    """
    if Anomaly is None:
        return {}
    query = (sa.select(_raw(sa.func.coalesce(Anomaly.original_id, Anomaly.id)), Anomaly.version,
                       _raw(Anomaly.household_id), Anomaly.loan_id, Anomaly.kind, Anomaly.severity, Anomaly.found_on,
                       Anomaly.status)
             .where(Anomaly.found_on <= as_of, Anomaly.deleted.is_(False)))
    latest: dict[str, tuple[Any, ...]] = {}
    for part in _chunks(sorted(households)) if households is not None else [None]:
        chosen = query if part is None else query.where(_raw(Anomaly.household_id).in_(part))
        for row in conn.execute(chosen):
            if row[0] not in latest or row[1] > latest[row[0]][1]:
                latest[row[0]] = tuple(row)
    if not latest:
        return {}
    steps: dict[str, list[tuple[dt.date, AnomalyStatus]]] = defaultdict(list)
    next_day = dt.datetime.combine(as_of + dt.timedelta(days=2), dt.time())  # UTC; local days are checked later
    for anomaly_id, status, at in conn.execute(
            sa.select(_raw(AnomalyStep.anomaly_id), AnomalyStep.to_status, AnomalyStep.at)
            .where(AnomalyStep.deleted.is_(False), AnomalyStep.at < next_day)):
        if anomaly_id in latest:
            steps[anomaly_id].append((_local_day(at), status))
    by_household: dict[str, list[AnomalyFacts]] = defaultdict(list)
    for root, (_, _, household_id, loan_id, kind, severity, found_on, status) in latest.items():
        by_household[household_id].append(AnomalyFacts(ids(root), kind, severity, found_on, status, loan_id,
                                                       tuple(steps.get(root, ()))))
    return {household: tuple(items) for household, items in by_household.items()}


def _poverty_changes(conn: Connection, as_of: dt.date,
                     rows: Sequence[Any]) -> dict[str, tuple[PovertyChange, ...]]:
    """The latest poverty-status change on or before ``as_of`` of each household whose status changed after one of
    its loans was made.

    The household row carries its latest change (``poverty_status`` since ``poverty_status_since``); that is the
    answer unless the change came after ``as_of`` (a replayed day), and only for those households is the dated
    history read.
    """
    statuses = {s.value: s for s in PovertyStatus}
    found: dict[str, tuple[PovertyChange, ...]] = {}
    replay: dict[str, dt.date] = {}
    for row in rows:
        household_id, disbursed, status, since = row[2], row[6], row[20], row[21]
        if not since or since <= disbursed:  # ISO dates compare as text
            continue
        if since <= as_of.isoformat():
            found[household_id] = (PovertyChange(dt.date.fromisoformat(since), statuses[status]),)
        else:
            earliest = replay.get(household_id)
            replay[household_id] = min(earliest, disbursed) if earliest else disbursed
    for part in _chunks(sorted(replay)):
        latest: dict[str, tuple[str, str]] = {}
        for household_id, status, effective_on in conn.execute(
                sa.select(_raw(PovertyStatusChange.household_id), _raw(PovertyStatusChange.status),
                          _raw(PovertyStatusChange.effective_on))
                .where(_raw(PovertyStatusChange.household_id).in_(part), PovertyStatusChange.effective_on <= as_of,
                       PovertyStatusChange.deleted.is_(False))):
            if effective_on > replay[household_id] and effective_on > latest.get(household_id, ("", ""))[1]:
                latest[household_id] = (status, effective_on)
        for household_id, (status, effective_on) in latest.items():
            found[household_id] = (PovertyChange(dt.date.fromisoformat(effective_on), statuses[status]),)
    return found


# -- what callers use ----------------------------------------------------------------------------------------
def warnings(store: StoreLike, as_of: dt.date | None = None, rules: Iterable[Rule | str] | None = None,
             street: str | None = None, bank: str | None = None,
             risk_class: RiskClass | str | None = None, loan_ids: Iterable[uuid.UUID] | None = None,
             policy: RiskPolicy | None = None, min_severity: Severity | str | None = None) -> list[RiskWarning]:
    """Every warning on ``as_of`` (today by default), most urgent first, optionally filtered.

    ``risk_class`` keeps loans whose class suggested on that day is the given one; ``min_severity`` keeps warnings
    at least that severe.
    """
    as_of = as_of or dt.date.today()
    policy = policy or policy_of(store)
    where = LoanFilter(street, bank, frozenset(loan_ids) if loan_ids is not None else None)
    with store.read() as session:
        facts = loan_facts(session, as_of, where, policy=policy)
    if risk_class is not None:
        wanted = RiskClass(risk_class)
        facts = [loan for loan in facts if suggested_class(loan, as_of, policy) is wanted]
    found = warnings_for(facts, as_of, policy, rules)
    if min_severity is not None:
        floor = SEVERITY_RANK[Severity(min_severity)]
        found = [w for w in found if SEVERITY_RANK[w.severity] >= floor]
    return found


def portfolio_view(store: StoreLike, as_of: dt.date | None = None, street: str | None = None,
                   bank: str | None = None, policy: RiskPolicy | None = None) -> Portfolio:
    as_of = as_of or dt.date.today()
    policy = policy or policy_of(store)
    with store.read() as session:
        facts = loan_facts(session, as_of, LoanFilter(street, bank), policy=policy)
    return portfolio(facts, as_of, policy)
