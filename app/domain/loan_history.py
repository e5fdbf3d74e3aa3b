"""A loan's state as events, and any past day replayed from them (issue 20: "history, not overwrite").

The loan row (:class:`app.models.Loan`) holds the loan as it stands after everything recorded so far. What changed
it is history: its repayments (principal lowers the balance) and its :class:`app.models.LoanEvent` rows, each saying
which state fields went from what to what on which day — the bank's list stating new facts, a loan falling overdue,
an extension, a renewal, a top-up, a compensation, a settlement, interest arrears on a statement. Every write of a
state field goes through :func:`change_loan`, which sets the fields and records the event in the same audited write.

A past day is the row rewound: principal repaid after the day is added back, and each field takes the *before*
value of the first later event that changed it (``balance_fen`` and ``amount_fen`` subtract each later event's
change instead, because repayments move the balance too). A disposal therefore never erases overdue history:
renewing an overdue loan records ``overdue_since: [2025-06-01, None]`` on its day, and any earlier day still shows
the loan overdue since 2025-06-01.

Events are read per query in one pass (:class:`LaterHistory`, only those after the day: none for today), so a
warnings list of 100,000 loans costs nothing more today and a few thousand rows for a replayed quarter.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Loan, LoanEvent, Repayment
from app.models.enums import LoanEventKind, LoanStatus, RiskClass

#: the loan's state fields, which only change through events (everything else is contract data)
STATE_FIELDS: dict[str, type] = {
    "matures_on": dt.date, "overdue_since": dt.date, "overdue_fen": int, "status": LoanStatus,
    "risk_class": RiskClass, "risk_class_on": dt.date, "extended_months": int, "amount_fen": int,
    "balance_fen": int, "interest_arrears_fen": int,
}
#: fields that repayments move too: an event is undone by its change, not by its before value
DELTA_FIELDS = frozenset({"balance_fen", "amount_fen"})


def encode(value: Any) -> Any:
    """A state value as the event's JSON holds it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, LoanStatus | RiskClass):
        return value.value
    return value


def decode(name: str, raw: Any) -> Any:
    """A state value from the event's JSON."""
    if raw is None:
        return None
    kind = STATE_FIELDS[name]
    if kind is dt.date:
        return dt.date.fromisoformat(raw)
    if kind is int:
        return int(raw)
    return kind(raw)


def change_loan(session: Session, loan: Loan, kind: LoanEventKind, on: dt.date, values: Mapping[str, Any], *,
                disposal_id: uuid.UUID | None = None, source: str = "", note: str = "",
                always: bool = False) -> LoanEvent | None:
    """Set the loan's state fields to ``values`` and record what changed as one event dated ``on`` (nothing is
    recorded when nothing changed, unless ``always``). Other fields in ``values`` are refused: they are contract
    data, not state."""
    unknown = set(values) - set(STATE_FIELDS)
    if unknown:
        raise ValueError(f"not state fields: {sorted(unknown)}")
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        before = getattr(loan, name)
        if before != value:
            changes[name] = [encode(before), encode(value)]
            setattr(loan, name, value)
    if not changes and not always:
        return None
    event = LoanEvent(id=uuid.uuid4(), loan_id=loan.id, happened_on=on, kind=kind,
                      changes=json.dumps(changes, ensure_ascii=False, sort_keys=True), disposal_id=disposal_id,
                      source=source, note=note)
    session.add(event)
    return event


def event_changes(event: LoanEvent | str) -> dict[str, tuple[Any, Any]]:
    """{field: (before, after)} of an event, decoded."""
    raw = json.loads(event if isinstance(event, str) else event.changes or "{}")
    return {name: (decode(name, pair[0]), decode(name, pair[1])) for name, pair in raw.items()
            if name in STATE_FIELDS}


def state_of(loan: Loan) -> dict[str, Any]:
    """The loan's state fields as they stand."""
    return {name: getattr(loan, name) for name in STATE_FIELDS}


def rewind(current: Mapping[str, Any], later: Iterable[Mapping[str, tuple[Any, Any]]],
           principal_later: int = 0) -> dict[str, Any]:
    """The state on a past day: ``current`` with the principal repaid later added back and the ``later`` events'
    changes (oldest first) undone."""
    values = dict(current)
    values["balance_fen"] = values.get("balance_fen", 0) + principal_later
    seen: set[str] = set()
    for changes in later:
        for name, (before, after) in changes.items():
            if name in DELTA_FIELDS:
                values[name] = values.get(name, 0) - ((after or 0) - (before or 0))
            elif name not in seen:
                seen.add(name)
                values[name] = before
    return values


def _event_order(happened_on: dt.date, created_at: dt.datetime | None, event_id: Any) -> tuple[Any, ...]:
    return (happened_on, created_at or dt.datetime.min, str(event_id))


class LaterHistory:
    """What happened to loans after ``day``: principal repaid later and events dated later, read once for the loans
    asked about (all loans when ``loan_ids`` is None). Keys are the loans' 32-digit hex ids."""

    def __init__(self, session: Session, day: dt.date, loan_ids: Iterable[uuid.UUID] | None = None) -> None:
        self.day = day
        wanted = sorted(set(loan_ids)) if loan_ids is not None else None
        self.principal: dict[str, int] = {}
        events: dict[str, list[tuple[tuple[Any, ...], dict[str, tuple[Any, Any]]]]] = defaultdict(list)
        for part in _parts(wanted):
            query = (sa.select(Repayment.loan_id, sa.func.sum(Repayment.principal_fen))
                     .where(Repayment.paid_on > day, Repayment.principal_fen != 0, Repayment.deleted.is_(False))
                     .group_by(Repayment.loan_id))
            if part is not None:
                query = query.where(Repayment.loan_id.in_(part))
            for loan_id, amount in session.execute(query):
                self.principal[loan_id.hex] = self.principal.get(loan_id.hex, 0) + int(amount or 0)
            event_query = (sa.select(LoanEvent.loan_id, LoanEvent.happened_on, LoanEvent.created_at, LoanEvent.id,
                                     LoanEvent.changes)
                           .where(LoanEvent.happened_on > day, LoanEvent.deleted.is_(False)))
            if part is not None:
                event_query = event_query.where(LoanEvent.loan_id.in_(part))
            for loan_id, happened_on, created_at, event_id, changes in session.execute(event_query):
                events[loan_id.hex].append((_event_order(happened_on, created_at, event_id), event_changes(changes)))
        self.events = {key: [changes for _, changes in sorted(items, key=lambda item: item[0])]
                       for key, items in events.items()}

    @property
    def loans(self) -> set[str]:
        """The loans (hex ids) whose state on the day differs from today's row."""
        return set(self.principal) | set(self.events)

    def rewind(self, loan_hex: str, current: Mapping[str, Any]) -> dict[str, Any]:
        return rewind(current, self.events.get(loan_hex, ()), self.principal.get(loan_hex, 0))


def _parts(ids: list[uuid.UUID] | None, size: int = 2000) -> Iterable[list[uuid.UUID] | None]:
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


# -- one loan's whole timeline -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineEvent:
    happened_on: dt.date
    kind: LoanEventKind
    changes: dict[str, tuple[Any, Any]]
    disposal_id: uuid.UUID | None
    source: str
    note: str
    created_by: str


class LoanTimeline:
    """One loan with all its repayments and events: its state on any day, and when it was first overdue."""

    def __init__(self, session: Session, loan: Loan) -> None:
        self.loan = loan
        self.current = state_of(loan)
        rows = session.execute(sa.select(LoanEvent).where(LoanEvent.loan_id == loan.id,
                                                          LoanEvent.deleted.is_(False))).scalars().all()
        ordered = sorted(rows, key=lambda e: _event_order(e.happened_on, e.created_at, e.id))
        self.events = [TimelineEvent(e.happened_on, e.kind, event_changes(e), e.disposal_id, e.source, e.note,
                                     e.created_by) for e in ordered]
        self.repayments = [(on, int(principal)) for on, principal in session.execute(
            sa.select(Repayment.paid_on, Repayment.principal_fen)
            .where(Repayment.loan_id == loan.id, Repayment.deleted.is_(False)))]

    def on(self, day: dt.date) -> dict[str, Any]:
        """The state fields on ``day`` (events and repayments dated that day have happened)."""
        later = [e.changes for e in self.events if e.happened_on > day]
        principal = sum(amount for paid_on, amount in self.repayments if paid_on > day)
        return rewind(self.current, later, principal)

    def first_overdue_on(self, up_to: dt.date) -> dt.date | None:
        """The first day, on or before ``up_to``, on which the loan was overdue as the state of that time said
        (its ``overdue_since``, or the day after a maturity left unpaid), whatever was disposed of later."""
        disbursed = self.loan.disbursed_on
        days = sorted({disbursed, *(e.happened_on for e in self.events if disbursed < e.happened_on <= up_to)})
        found: list[dt.date] = []
        for index, start in enumerate(days):
            end = days[index + 1] - dt.timedelta(days=1) if index + 1 < len(days) else up_to
            state = self.on(start)
            if state["status"] in (LoanStatus.WRITTEN_OFF, LoanStatus.COMPENSATED):
                continue
            first = state["overdue_since"]
            if first is None and state["balance_fen"] > 0:
                first = state["matures_on"] + dt.timedelta(days=1)
            if first is not None and max(first, start) <= end:
                found.append(max(first, start))
        return min(found) if found else None


# -- the bank's list stating facts ----------------------------------------------------------------------------------
def without_derived(loan: Loan, values: Mapping[str, Any], on: dt.date) -> dict[str, Any]:
    """``values`` without the stated facts that equal what the loan's own facts give on ``on``: a status of
    逾期 for a loan past its maturity, an overdue amount equal to the one derived (app/domain/risk.py
    ``overdue_position``). Re-importing an exported ledger therefore changes nothing."""
    from app.domain.loan_facts import facts_of
    from app.domain.risk import overdue_position, status_on

    result = dict(values)
    facts = facts_of(loan)
    if "status" in result and result["status"] != loan.status and result["status"] == status_on(facts, on):
        del result["status"]
    if "overdue_fen" in result and result["overdue_fen"] != loan.overdue_fen:
        days, amount = overdue_position(facts, on)
        if result["overdue_fen"] == amount and days > 0:
            del result["overdue_fen"]
    return result


def apply_stated(session: Session, loan: Loan, values: Mapping[str, Any], on: dt.date,
                 source: str = "import") -> LoanEvent | None:
    """Write what the bank's list states about a known loan: contract data in place, state fields through one
    ``stated`` event dated ``on`` (a new risk class is recorded as of ``on`` unless its date is stated)."""
    state = {name: value for name, value in values.items() if name in STATE_FIELDS}
    for name, value in values.items():
        if name not in STATE_FIELDS:
            setattr(loan, name, value)
    if "risk_class" in state and state["risk_class"] != loan.risk_class and "risk_class_on" not in state:
        state["risk_class_on"] = on
    return change_loan(session, loan, LoanEventKind.STATED, on, state, source=source)


# -- repayments ---------------------------------------------------------------------------------------------------
def record_repayment(session: Session, loan: Loan, paid_on: dt.date, principal_fen: int, interest_fen: int = 0,
                     arrears_fen: int | None = None, note: str = "", source: str = "statement") -> Repayment:
    """A repayment of the loan: the repayment itself is the history of its principal (the balance drops by it, no
    event); what it changes besides is one event of the day — settled (balance nothing: status 已结清, overdue
    cleared), a cured instalment (the overdue amount paid before maturity) or the interest arrears the statement
    gives (``arrears_fen``, 欠息)."""
    repayment = Repayment(loan_id=loan.id, paid_on=paid_on, principal_fen=principal_fen, interest_fen=interest_fen,
                          note=note, interest_arrears_fen=arrears_fen)
    session.add(repayment)
    loan.balance_fen = loan.balance_fen - principal_fen
    values: dict[str, Any] = {}
    if arrears_fen is not None:
        values["interest_arrears_fen"] = arrears_fen
    kind = LoanEventKind.ARREARS
    if loan.balance_fen <= 0 and loan.status not in (LoanStatus.WRITTEN_OFF, LoanStatus.COMPENSATED):
        kind = LoanEventKind.SETTLED
        values.update(status=LoanStatus.REPAID, overdue_fen=0, overdue_since=None)
    elif loan.overdue_fen > 0 and principal_fen > 0:
        left = max(0, loan.overdue_fen - principal_fen)
        values["overdue_fen"] = left
        if left == 0 and paid_on <= loan.matures_on:  # the missed instalment is paid: current again
            kind = LoanEventKind.STATED
            values["overdue_since"] = None
            if loan.status is LoanStatus.OVERDUE:
                values["status"] = LoanStatus.ACTIVE
    change_loan(session, loan, kind, paid_on, values, source=source)
    return repayment
