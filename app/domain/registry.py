"""Queries behind the Households and Loans pages (no Qt): filter as the user types, sort, page in SQL.

Every query is scoped like the node: a field node sees only its street's households and loans, and tombstoned
records are never listed. Numbers derived from dates (days to maturity, days past due, "maturing soon") are
computed in :func:`loan_state` only, from the stored dates, with the conventions of :mod:`app.domain.risk`
(``overdue_since`` is the first overdue day; a loan past maturity with a balance is overdue from the next day).

Typing in the filter box (:class:`HouseholdQuery.text`):
- letters only (``zs``) → pinyin initials of the head's name, as a prefix (``Household.head_initials``);
- digits (and X) → a fragment of the head's citizen ID, or the start of the phone number;
- anything else (``张``) → start of the head's name, or part of the village name.
Each branch uses an index (households: head_initials, head_name, phone, head_citizen_id), so a filter over
100,000 households stays within a few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.sqltext import day_after
from app.domain import risk
from app.domain.codes import mask_citizen_id, normalize_code
from app.domain.loan_history import LaterHistory
from app.domain.permissions import Permission
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.models import Bank, Household, Loan, Member, PovertyStatusChange, Street, Village
from app.models.enums import LoanStatus, PovertyStatus, RiskClass

T = TypeVar("T")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MATURING_WINDOW_DAYS = 30
#: loans nobody has to watch any more
CLOSED_STATUSES = frozenset({LoanStatus.REPAID, LoanStatus.WRITTEN_OFF, LoanStatus.COMPENSATED})


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows and how many rows the filter matches in all."""

    rows: list[T]
    total: int
    offset: int
    limit: int


# -- derived loan state --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoanState:
    days_to_maturity: int  # negative once past maturity
    days_past_due: int  # 0 when not overdue
    overdue_start: dt.date | None
    maturing_soon: bool  # live and matures within the window (default 30 days, the plan's own number)
    closed: bool
    #: the overdue amount beside days_past_due, from the same function (risk.overdue_position)
    overdue_amount_fen: int = 0
    #: the status on the day (risk.status_on): settled, overdue, extended... as the facts of that day say
    status: LoanStatus = LoanStatus.ACTIVE


@dataclass(frozen=True)
class _Dates:
    matures_on: dt.date
    overdue_since: dt.date | None
    balance_fen: int
    overdue_fen: int
    status: LoanStatus


def loan_state(matures_on: dt.date, overdue_since: dt.date | None, balance_fen: int, status: LoanStatus,
               as_of: dt.date, window_days: int = MATURING_WINDOW_DAYS, overdue_fen: int = 0) -> LoanState:
    """The one place where days to maturity, days past due, the overdue amount and "maturing soon" are worked out
    (with the rules of :mod:`app.domain.risk`)."""
    status = LoanStatus(status)
    facts = cast(Any, _Dates(matures_on, overdue_since, balance_fen, overdue_fen, status))
    shown = risk.status_on(facts, as_of)
    to_maturity = (matures_on - as_of).days
    if shown in CLOSED_STATUSES:
        return LoanState(to_maturity, 0, None, False, True, 0, shown)
    days, amount = risk.overdue_position(facts, as_of)
    return LoanState(to_maturity, days, risk.overdue_start(facts) if days else None,
                     0 <= to_maturity <= window_days, False, amount, shown)


# -- households ------------------------------------------------------------------------------------------------
HOUSEHOLD_SORTS: dict[str, tuple[Any, ...]] = {
    "name": (Household.head_initials, Household.head_name),
    "street": (Household.street_code, Household.head_initials),
    "village": (Village.name, Household.group_name, Household.head_initials),
    "group": (Household.group_name, Household.head_initials),
    "size": (Household.size, Household.head_initials),
    "status": (Household.poverty_status, Household.head_initials),
    "phone": (Household.phone,),
    "updated": (Household.updated_at,),
}


@dataclass(frozen=True)
class HouseholdQuery:
    text: str = ""
    street_code: str | None = None
    village_id: uuid.UUID | None = None
    poverty_status: PovertyStatus | None = None
    sort: str = "name"  # a key of HOUSEHOLD_SORTS
    descending: bool = False
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True)
class HouseholdRow:
    id: uuid.UUID
    street_code: str
    street_name: str
    village_id: uuid.UUID | None
    village_name: str
    group_name: str
    household_no: str
    head_name: str
    head_citizen_id: str
    phone: str
    size: int
    poverty_status: PovertyStatus
    address: str

    @property
    def masked_id(self) -> str:
        return mask_citizen_id(self.head_citizen_id)


def _prefix(column: Any, text: str) -> Any:
    """``column`` starts with ``text``, as a range an index can serve (LIKE cannot, case rules aside)."""
    return sa.and_(column >= text, column < text[:-1] + chr(ord(text[-1]) + 1))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_text(text: str) -> str:
    """What the user typed, read like a code where it looks like one: full-width digits from a Chinese input
    method and spaces between digit groups are the ID or phone the user means (:func:`normalize_code`)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    code = normalize_code(text)
    return code if re.fullmatch(r"[0-9]+X?", code) else text


def household_text_condition(text: str, sqlite: bool = True) -> Any | None:
    text = _search_text(text)
    if not text:
        return None
    if re.fullmatch(r"[A-Za-z]+", text):
        return _prefix(Household.head_initials, text.lower())
    if re.fullmatch(r"[0-9]+[Xx]?", text):
        # One or two digits match nearly every phone (all start with 1) and every ID: show everyone until the
        # cadre has typed enough to mean something. An ID prefix means something only past the 6-digit address
        # code every household of a district shares; a fragment anywhere is looked for after it, where the
        # birth date and the last digits read out on the phone are.
        text = text.upper()
        if len(text) < 3:
            return None
        conditions = [_prefix(Household.phone, text)]
        if len(text) >= 7:
            conditions.append(_prefix(Household.head_citizen_id, text))
        if len(text) >= 4:
            fragment = sa.func.substr(Household.head_citizen_id, 7).like(f"%{_like_escape(text)}%", escape="\\")
            if sqlite:  # scan the small unique index of IDs (it holds the rowid), not the whole table
                rowid: Any = sa.literal_column("households.rowid")
                fragment = rowid.in_(sa.select(sa.literal_column("rowid")).select_from(Household.__table__)
                                     .where(fragment))
            conditions.append(fragment)
        return sa.or_(*conditions)
    villages = sa.select(Village.id).where(Village.name.like(f"%{_like_escape(text)}%", escape="\\"))
    return sa.or_(_prefix(Household.head_name, text), Household.village_id.in_(villages))


def _household_conditions(query: HouseholdQuery, scope: str | None, sqlite: bool = True) -> list[Any]:
    conditions: list[Any] = [Household.deleted.is_(False)]
    if scope:
        conditions.append(Household.street_code == scope)
    if query.street_code:
        conditions.append(Household.street_code == query.street_code)
    if query.village_id:
        conditions.append(Household.village_id == query.village_id)
    if query.poverty_status:
        conditions.append(Household.poverty_status == PovertyStatus(query.poverty_status))
    text = household_text_condition(query.text, sqlite)
    if text is not None:
        conditions.append(text)
    return conditions


def find_households(session: Session, query: HouseholdQuery, scope: str | None = None) -> Page[HouseholdRow]:
    """One page of households matching ``query`` (within ``scope``, a street code or None for all)."""
    conditions = _household_conditions(query, scope, session.get_bind().dialect.name == "sqlite")
    total = session.execute(sa.select(sa.func.count()).select_from(Household).where(*conditions)).scalar_one()
    order = HOUSEHOLD_SORTS.get(query.sort, HOUSEHOLD_SORTS["name"])
    order_by = [c.desc() if query.descending else c.asc() for c in order] + [Household.id]
    limit = max(1, min(query.limit, MAX_LIMIT))
    stmt = (sa.select(Household.id, Household.street_code, Street.name, Household.village_id, Village.name,
                      Household.group_name, Household.household_no, Household.head_name, Household.head_citizen_id,
                      Household.phone, Household.size, Household.poverty_status, Household.address)
            .join(Street, Street.code == Household.street_code)
            .outerjoin(Village, Village.id == Household.village_id)
            .where(*conditions).order_by(*order_by).limit(limit).offset(max(0, query.offset)))
    rows = [HouseholdRow(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12])
            for r in session.execute(stmt)]
    return Page(rows, total, max(0, query.offset), limit)


def search_households(store: StoreLike, query: HouseholdQuery) -> Page[HouseholdRow]:
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        return find_households(session, query, scope_street(store))


# -- loans -----------------------------------------------------------------------------------------------------
LOAN_SORTS: dict[str, tuple[Any, ...]] = {
    "matures": (Loan.matures_on, Loan.contract_no),
    "disbursed": (Loan.disbursed_on, Loan.contract_no),
    "contract": (Loan.contract_no,),
    "borrower": (Loan.borrower_name, Loan.contract_no),
    "amount": (Loan.amount_fen, Loan.contract_no),
    "balance": (Loan.balance_fen, Loan.contract_no),
    "overdue": (sa.func.coalesce(Loan.overdue_since, day_after(Loan.matures_on)), Loan.contract_no),
    "risk": (Loan.risk_class, Loan.contract_no),
    "status": (Loan.status, Loan.contract_no),
}


@dataclass(frozen=True)
class LoanQuery:
    text: str = ""  # contract number, borrower name (start), citizen ID fragment
    bank_id: uuid.UUID | None = None
    street_code: str | None = None
    household_id: uuid.UUID | None = None
    statuses: Sequence[LoanStatus] = ()
    risk_classes: Sequence[RiskClass] = ()
    matures_within_days: int | None = None  # maturity between as_of and as_of + N days (live loans)
    overdue_min_days: int | None = None  # at least N days past due on as_of (live loans)
    overdue_max_days: int | None = None
    as_of: dt.date | None = None  # default today
    include_closed: bool = True
    sort: str = "matures"
    descending: bool = False
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True)
class LoanRow:
    id: uuid.UUID
    bank_id: uuid.UUID
    bank_name: str
    contract_no: str
    household_id: uuid.UUID
    borrower_name: str
    borrower_citizen_id: str
    street_code: str
    street_name: str
    village_name: str
    head_name: str
    amount_fen: int
    balance_fen: int
    disbursed_on: dt.date
    term_months: int
    matures_on: dt.date
    rate_bp: int
    purpose_category: Any
    purpose_text: str
    use_mode: Any
    overdue_fen: int
    overdue_since: dt.date | None
    risk_class: RiskClass
    status: LoanStatus
    state: LoanState = field(compare=False)

    @property
    def masked_id(self) -> str:
        return mask_citizen_id(self.borrower_citizen_id)


LOAN_COLUMNS = (Loan.id, Loan.bank_id, Bank.name, Loan.contract_no, Loan.household_id, Loan.borrower_name,
                Loan.borrower_citizen_id, Loan.street_code, Street.name, Village.name, Household.head_name,
                Loan.amount_fen, Loan.balance_fen, Loan.disbursed_on, Loan.term_months, Loan.matures_on, Loan.rate_bp,
                Loan.purpose_category, Loan.purpose_text, Loan.use_mode, Loan.overdue_fen, Loan.overdue_since,
                Loan.risk_class, Loan.status, Loan.risk_class_on)


def loan_select(*columns: Any) -> Any:
    """Loans joined with what their rows show (bank, street, household, village)."""
    return (sa.select(*(columns or LOAN_COLUMNS))
            .join(Bank, Bank.id == Loan.bank_id)
            .join(Street, Street.code == Loan.street_code)
            .join(Household, Household.id == Loan.household_id)
            .outerjoin(Village, Village.id == Household.village_id))


def loan_row(r: Sequence[Any], as_of: dt.date, history: LaterHistory | None = None) -> LoanRow:
    """A row of :data:`LOAN_COLUMNS` as it stood on ``as_of``: with ``history`` (the repayments and events dated
    after ``as_of``, app/domain/loan_history.py) its state is rewound to that day; a risk class the bank recorded
    only later gives way to the class the days past due suggest."""
    amount, balance, matures, overdue, since, risk_class, status = r[11], r[12], r[15], r[20], r[21], r[22], r[23]
    class_on = r[24]
    if history is not None and r[0].hex in history.loans:
        state = history.rewind(r[0].hex, {"amount_fen": amount, "balance_fen": balance, "matures_on": matures,
                                          "overdue_fen": overdue, "overdue_since": since, "risk_class": risk_class,
                                          "status": status, "risk_class_on": class_on})
        amount, balance, matures, overdue, since = (state["amount_fen"], state["balance_fen"], state["matures_on"],
                                                    state["overdue_fen"], state["overdue_since"])
        risk_class, status, class_on = state["risk_class"], state["status"], state["risk_class_on"]
    derived = loan_state(matures, since, balance, status, as_of, overdue_fen=overdue)
    if class_on is not None and class_on > as_of:
        risk_class = _class_for_days(derived.days_past_due)
    return LoanRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or "", r[10], amount, balance, r[13],
                   r[14], matures, r[16], r[17], r[18], r[19], overdue, since, risk_class, status, derived)


def _class_for_days(days: int) -> RiskClass:
    return risk.class_for_days(days, risk.RiskPolicy())


def _loan_conditions(query: LoanQuery, scope: str | None, as_of: dt.date) -> list[Any]:
    conditions: list[Any] = [Loan.deleted.is_(False)]
    if as_of < dt.date.today():  # a past day lists the loans made by then (their rows are replayed: loan_rows)
        conditions.append(Loan.disbursed_on <= as_of)
    live = [Loan.status.not_in(list(CLOSED_STATUSES)), Loan.balance_fen > 0]
    if scope:
        conditions.append(Loan.street_code == scope)
    if query.street_code:
        conditions.append(Loan.street_code == query.street_code)
    if query.bank_id:
        conditions.append(Loan.bank_id == query.bank_id)
    if query.household_id:
        conditions.append(Loan.household_id == query.household_id)
    if query.statuses:
        conditions.append(Loan.status.in_([LoanStatus(s) for s in query.statuses]))
    elif not query.include_closed:
        conditions.extend(live)
    if query.risk_classes:
        conditions.append(Loan.risk_class.in_([RiskClass(c) for c in query.risk_classes]))
    if query.matures_within_days is not None:
        conditions += [Loan.matures_on >= as_of,
                       Loan.matures_on <= as_of + dt.timedelta(days=query.matures_within_days), *live]
    if query.overdue_min_days is not None or query.overdue_max_days is not None:
        # days past due = as_of - first overdue day + 1 (app/domain/risk.py); the first overdue day is
        # overdue_since, else the day after maturity
        start = sa.func.coalesce(Loan.overdue_since, day_after(Loan.matures_on), type_=sa.Date)
        conditions += live
        if query.overdue_min_days is not None:
            conditions.append(start <= as_of - dt.timedelta(days=max(1, query.overdue_min_days) - 1))
        if query.overdue_max_days is not None:
            conditions.append(start >= as_of - dt.timedelta(days=query.overdue_max_days - 1))
    text = _search_text(query.text or "")
    if text:
        escaped = _like_escape(text)
        if re.fullmatch(r"[0-9]{4,}[Xx]?", text):
            conditions.append(sa.or_(Loan.borrower_citizen_id.like(f"%{escaped.upper()}%", escape="\\"),
                                     Loan.contract_no.ilike(f"%{escaped}%", escape="\\")))
        elif re.fullmatch(r"[A-Za-z]+", text):
            conditions.append(sa.or_(_prefix(Household.head_initials, text.lower()),
                                     Loan.contract_no.ilike(f"%{escaped}%", escape="\\")))
        else:
            conditions.append(sa.or_(_prefix(Loan.borrower_name, text),
                                     Loan.contract_no.ilike(f"%{escaped}%", escape="\\")))
    return conditions


def find_loans(session: Session, query: LoanQuery, scope: str | None = None) -> Page[LoanRow]:
    as_of = query.as_of or dt.date.today()
    conditions = _loan_conditions(query, scope, as_of)
    total = session.execute(loan_select(sa.func.count(Loan.id)).where(*conditions)).scalar_one()
    order = LOAN_SORTS.get(query.sort, LOAN_SORTS["matures"])
    order_by = [c.desc() if query.descending else c.asc() for c in order] + [Loan.id]
    limit = max(1, min(query.limit, MAX_LIMIT))
    stmt = loan_select().where(*conditions).order_by(*order_by).limit(limit).offset(max(0, query.offset))
    return Page(loan_rows(session, session.execute(stmt).all(), as_of), total, max(0, query.offset), limit)


def loan_rows(session: Session, rows: Sequence[Sequence[Any]], as_of: dt.date) -> list[LoanRow]:
    """Rows of :data:`LOAN_COLUMNS` as they stood on ``as_of``: on a past day the repayments and events dated
    later are rewound (one read for all the rows; nothing is read for today or a later day)."""
    history = LaterHistory(session, as_of, [r[0] for r in rows]) if rows and as_of < dt.date.today() else None
    return [loan_row(r, as_of, history) for r in rows]


def search_loans(store: StoreLike, query: LoanQuery) -> Page[LoanRow]:
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        return find_loans(session, query, scope_street(store))


# -- household detail --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberRow:
    id: uuid.UUID
    position: int
    name: str
    relation: str
    citizen_id: str | None
    sex: Any
    birth_date: dt.date | None
    phone: str
    labour_capacity: Any
    is_head: bool


@dataclass(frozen=True)
class StatusRow:
    status: PovertyStatus
    effective_on: dt.date
    note: str


@dataclass(frozen=True)
class HouseholdDetail:
    household: HouseholdRow
    poverty_status_since: dt.date | None
    note: str
    members: list[MemberRow]
    status_history: list[StatusRow]
    loans: list[LoanRow]


def household_detail(session: Session, household_id: uuid.UUID, scope: str | None = None,
                     as_of: dt.date | None = None) -> HouseholdDetail | None:
    """Everything the household page shows; None if it does not exist, is deleted or is outside ``scope``."""
    as_of = as_of or dt.date.today()
    household = session.get(Household, household_id)
    if household is None or household.deleted or (scope and household.street_code != scope):
        return None
    street = session.get(Street, household.street_code)
    village = session.get(Village, household.village_id) if household.village_id else None
    row = HouseholdRow(household.id, household.street_code, street.name if street else "", household.village_id,
                       village.name if village else "", household.group_name, household.household_no,
                       household.head_name, household.head_citizen_id, household.phone, household.size,
                       household.poverty_status, household.address)
    members = [MemberRow(m.id, m.position, m.name, m.relation, m.citizen_id, m.sex, m.birth_date, m.phone,
                         m.labour_capacity, m.is_head)
               for m in session.execute(sa.select(Member).where(Member.household_id == household_id,
                                                                Member.deleted.is_(False))
                                        .order_by(Member.position, Member.name)).scalars()]
    history = [StatusRow(c.status, c.effective_on, c.note)
               for c in session.execute(sa.select(PovertyStatusChange)
                                        .where(PovertyStatusChange.household_id == household_id,
                                               PovertyStatusChange.deleted.is_(False))
                                        .order_by(PovertyStatusChange.effective_on)).scalars()]
    loans = find_loans(session, LoanQuery(household_id=household_id, as_of=as_of, sort="disbursed",
                                          limit=MAX_LIMIT), scope).rows
    return HouseholdDetail(row, household.poverty_status_since, household.note, members, history, loans)


def get_household_detail(store: StoreLike, household_id: uuid.UUID, as_of: dt.date | None = None
                         ) -> HouseholdDetail | None:
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        return household_detail(session, household_id, scope_street(store), as_of)


def banks(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the banks, for the bank filter."""
    return [(bid, name) for bid, name in session.execute(sa.select(Bank.id, Bank.name)
                                                          .where(Bank.deleted.is_(False)).order_by(Bank.name))]


def villages(session: Session, street_code: str | None = None) -> list[tuple[uuid.UUID, str, str]]:
    """(id, street code, name) of the villages, for the village filter."""
    stmt = sa.select(Village.id, Village.street_code, Village.name).where(Village.deleted.is_(False))
    if street_code:
        stmt = stmt.where(Village.street_code == street_code)
    return [(village_id, street, name)
            for village_id, street, name in session.execute(stmt.order_by(Village.street_code, Village.name))]
