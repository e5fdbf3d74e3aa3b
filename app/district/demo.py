"""A lived-in synthetic district for demonstrations, tests, benchmarks and the manual (``python main.py demo``).

:mod:`app.district.generator` makes the households, people and loans; :mod:`app.district.fieldwork` the field records
since the plan began (pre-loan reviews, use checks, visits on the rules' schedule, pre-maturity assessments,
anomaly reports with their steps); :mod:`app.district.disposals` the disposal proposals in every status and the
quarterly joint reviews; :mod:`app.district.programs` (once at the end) the enterprises and dividends, subsidy
claims, the risk fund with its payouts and the outreach sessions. A field node gets its own street only, with the
district's fund and campaigns as the hub would send them: what only the hub makes (the bank's loans, disposal
decisions and joint reviews, sign-offs, the district's programmes) is written under the hub's origin, as the merge
records what the hub sent (app/district/hub_origin.py).

Deterministic for a seed on a given node content: the random generator is seeded with the seed *and* the
number of households already present, so a second run adds different households, and citizen IDs and
contract numbers are checked against what the node already holds, so no unique constraint is ever hit.

Rows are generated as plain dicts and written through :meth:`AuditLog.bulk_insert` (the one bulk path that
keeps the audit chain) in one write transaction per batch, never through per-row ORM objects; generating the
next batch overlaps writing the previous one (docs/performance.md has the figures for 50,000 households).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from app import i18n, settings
from app.db.audit import AuditLog, PreparedRows
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.district.disposals import Disposals
from app.district.fieldwork import FieldWork
from app.district.generator import Generator, LoanPlan
from app.district.hub_origin import hub_origin, insert, split
from app.district.reference import BANKS, SHOWCASE, VILLAGES
from app.domain.names import pinyin_initials
from app.domain.permissions import Permission, Role, has_permission
from app.domain.risk import RiskPolicy
from app.i18n import translate
from app.memory import cyclic_gc_paused
from app.models import (
    Anomaly,
    AnomalyStep,
    AuditEntry,
    Bank,
    DisposalProposal,
    Household,
    JointReview,
    JointReviewDecision,
    Loan,
    LoanEvent,
    MaturityAssessment,
    Member,
    PovertyStatusChange,
    PreloanReview,
    Repayment,
    UseCheck,
    User,
    Village,
    Visit,
)
from app.models.enums import NodeRole, Sex
from app.models.places import BAQIAO_STREETS, DISTRICT_NAME

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

#: households written per transaction (≈ 15,000 rows with members, history, loans, repayments and records)
BATCH_HOUSEHOLDS = 1_000
#: share of borrowing households with an earlier, settled loan as well
EARLIER_LOANS = 0.4
#: demo accounts created next to the calling admin (same password; demo nodes only)
DEMO_USERS: tuple[tuple[str, Role], ...] = (
    ("cadre", Role.FIELD), ("supervisor", Role.SUPERVISOR), ("banker", Role.BANK), ("district", Role.DISTRICT),
)
#: the names the demo's people sign with (回访人, 记录人, 打印人): a person's name, never the login name
DEMO_DISPLAY_NAMES = {"cadre": "王晓燕", "supervisor": "刘建华", "banker": "陈志刚", "district": "赵敏"}
#: the rows of a batch by kind, in the order they are written (a row's parents first)
KINDS: tuple[tuple[str, type[Any]], ...] = (
    ("household", Household), ("member", Member), ("history", PovertyStatusChange), ("loan", Loan),
    ("repayment", Repayment), ("preloan", PreloanReview), ("use_check", UseCheck), ("anomaly", Anomaly),
    ("anomaly_step", AnomalyStep), ("visit", Visit), ("maturity", MaturityAssessment),
    ("joint_review", JointReview), ("disposal", DisposalProposal), ("review_decision", JointReviewDecision),
    ("loan_event", LoanEvent),
)


class Rows:
    """The rows of one batch, by kind (:data:`KINDS`)."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind, _ in KINDS}

    def add(self, kind: str, row: dict[str, Any]) -> None:
        self.by_kind[kind].append(row)

    @property
    def households(self) -> list[dict[str, Any]]:
        return self.by_kind["household"]

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.by_kind.values())


@dataclass
class DemoCounts:
    """What a run added: rows by kind (:data:`KINDS`) and the places, banks and accounts."""

    rows: Counter[str] = field(default_factory=Counter)
    villages: int = 0
    banks: int = 0
    programs: dict[str, int] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)

    @property
    def households(self) -> int:
        return self.rows["household"]

    @property
    def members(self) -> int:
        return self.rows["member"]

    @property
    def status_changes(self) -> int:
        return self.rows["history"]

    @property
    def loans(self) -> int:
        return self.rows["loan"]

    @property
    def repayments(self) -> int:
        return self.rows["repayment"]


def fill_demo(store: Any, households: int = 500, seed: int = 1, show_login: bool = False, password: str = "",
              progress: Progress | None = None, as_of: dt.date | None = None,
              kdf: KdfParams = DEFAULT_KDF) -> str:
    """Add ``households`` synthetic households with every kind of record and return a summary.

    A field node gets households of its own street only. ``password`` (the calling admin's) is given to the
    demo accounts cadre/supervisor/banker/district that do not exist yet; ``show_login`` publishes them on the
    login screen. ``progress(done, total)`` is called after each batch. ``kdf`` is for tests.
    """
    counts = run_demo(store, households, seed=seed, progress=progress, as_of=as_of)
    if password:
        counts.users = _demo_users(store, password, kdf)
        if show_login:
            _publish_login(store, counts.users, password)
    return summary(counts)


def run_demo(store: Any, households: int, seed: int = 1, progress: Progress | None = None,
             as_of: dt.date | None = None) -> DemoCounts:
    """The records of :func:`fill_demo` without the accounts; returns what was added."""
    as_of = as_of or dt.date.today()
    counts = generate(store, households, seed=seed, progress=progress, as_of=as_of)
    from app.district.programs import fill_programs  # enterprises, dividends, subsidies, the fund, outreach

    counts.programs = fill_programs(store, as_of, seed)
    return counts


def summary(counts: DemoCounts) -> str:
    rows, programs = counts.rows, counts.programs
    return translate(
        "Demo", "{households} households with {members} members, {loans} loans, {repayments} repayments, "
                "{reviews} pre-loan reviews, {checks} use checks, {visits} visits, {assessments} maturity "
                "assessments, {anomalies} anomaly reports, {disposals} disposal proposals, {meetings} joint "
                "reviews, {enterprises} enterprises, {dividends} dividends, {claims} subsidy claims, {fund} fund "
                "movements, {sessions} outreach sessions; {villages} new villages, {banks} new banks, {users} new "
                "accounts",
        households=rows["household"], members=rows["member"], loans=rows["loan"], repayments=rows["repayment"],
        reviews=rows["preloan"], checks=rows["use_check"], visits=rows["visit"], assessments=rows["maturity"],
        anomalies=rows["anomaly"], disposals=rows["disposal"], meetings=rows["joint_review"],
        enterprises=programs.get("enterprises", 0), dividends=programs.get("dividends", 0),
        claims=programs.get("subsidy_claims", 0),
        fund=programs.get("fund_contributions", 0) + programs.get("fund_payouts", 0),
        sessions=programs.get("outreach_sessions", 0), villages=counts.villages, banks=counts.banks,
        users=len(counts.users))


def generate(store: Any, households: int, seed: int = 1, progress: Progress | None = None,
             as_of: dt.date | None = None, batch: int = BATCH_HOUSEHOLDS,
             earlier_loans: float = EARLIER_LOANS, processes: bool | None = None) -> DemoCounts:
    """Write the households, loans and field records (no programmes, no accounts); returns what was added.

    ``earlier_loans`` is the share of borrowing households that also had an earlier, settled loan (about 1.15
    loans per household by default; the benchmark's city scale raises it to reach 1.5). ``processes``: make the
    rows in a second process while this one writes them (default: for :data:`PROCESS_FROM` households or more
    on an SQLite node, outside a frozen build); the rows are the same either way.
    """
    as_of = as_of or dt.date.today()
    plan, counts = _prepare(store, households, seed, as_of, batch, earlier_loans)
    chosen = os.environ.get("FIELDBOOK_DEMO_PROCESSES", "")  # "p" or "t" to measure one way against the other
    if processes is None and chosen in ("p", "t"):
        processes = chosen == "p"
    if processes is None:  # a frozen build has no interpreter to start the maker with
        processes = (households >= PROCESS_FROM and store.engine.dialect.name == "sqlite"
                     and not getattr(sys, "frozen", False))
    processes = processes and store.engine.dialect.name == "sqlite"

    def written(added: dict[str, int]) -> None:
        counts.rows.update(added)
        if progress is not None:
            progress(counts.households, households)

    with cyclic_gc_paused():  # each batch's rows live until they are written (app/memory.py)
        if processes:
            last = _write_from_process(store, plan, written)
            if last:
                store.clock.observe(last)  # the other process stamped with this node's clock; stay after it
        else:
            _write_from_thread(store, plan, written)
    log.info("demo: added %s", dict(counts.rows))
    return counts


#: from this many households the rows are made in a second process (spawning one costs about a second)
PROCESS_FROM = 5_000


@dataclass
class _Plan:
    """Everything that decides the rows of a run (plain data: a second process makes the rows from it)."""

    seed: str
    as_of: dt.date
    households: int
    batch: int
    serial: int
    earlier_loans: float
    used_ids: set[str]
    used_contracts: set[tuple[str, str]]
    village_list: list[tuple[str, str, list[tuple[str, uuid.UUID]]]]
    banks: dict[str, uuid.UUID]
    policy: RiskPolicy
    age_limits: tuple[int, int]
    street: str | None
    language: str
    node_id: str
    actor: str
    clock: str | None
    #: a field node: the origin the hub's rows carry (:func:`app.district.hub_origin.hub_origin`)
    hub: str | None = None


def _prepare(store: Any, households: int, seed: int, as_of: dt.date, batch: int,
             earlier_loans: float) -> tuple[_Plan, DemoCounts]:
    """Read what the node holds (for unique IDs and contract numbers), add the banks and villages; the plan."""
    field_node = store.info.role == NodeRole.FIELD.value
    streets = [(code, name) for code, name in BAQIAO_STREETS if not field_node or code == store.info.street_code]
    counts = DemoCounts()
    with store.read() as session:
        existing = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar_one()
        used_ids = set(session.execute(sa.select(Household.head_citizen_id)).scalars())
        used_ids.update(i for i in session.execute(sa.select(Member.citizen_id)).scalars() if i)
        banks = {code: bank_id for code, bank_id in session.execute(sa.select(Bank.code, Bank.id))}
        bank_names = set(session.execute(sa.select(Bank.name)).scalars())
        bank_code_of = {v: k for k, v in banks.items()}
        used_contracts = {(bank_code_of.get(b, ""), no)
                          for b, no in session.execute(sa.select(Loan.bank_id, Loan.contract_no))}
        villages: dict[tuple[str, str], uuid.UUID] = {
            (s, n): i for s, n, i in session.execute(sa.select(Village.street_code, Village.name, Village.id))}
        last_stamp = session.execute(sa.select(AuditEntry.hlc).order_by(AuditEntry.seq.desc()).limit(1)).scalar()
    new_banks = [{"id": uuid.uuid4(), "code": b.code, "name": b.name} for b in BANKS
                 if b.code not in banks and b.name not in bank_names]
    new_villages: list[dict[str, Any]] = []
    for code, _name in streets:
        for number, village in enumerate(VILLAGES[code], start=1):
            if (code, village) not in villages:
                village_id = uuid.uuid4()
                new_villages.append({"id": village_id, "street_code": code, "code": f"{code}{200 + number:03d}",
                                     "name": village})
                villages[(code, village)] = village_id
    hub = hub_origin(store)
    with store.write() as session:
        insert(store, session, Bank, new_banks, hub)
        insert(store, session, Village, new_villages, hub)
    banks.update({row["code"]: row["id"] for row in new_banks})
    missing = [b.code for b in BANKS if b.code not in banks]
    if missing:  # a bank of the same name exists under another code: lend through it
        with store.read() as session:
            by_name = {name: i for name, i in session.execute(sa.select(Bank.name, Bank.id))}
        banks.update({b.code: by_name[b.name] for b in BANKS if b.code in missing})
    counts.banks, counts.villages = len(new_banks), len(new_villages)
    plan = _Plan(
        seed=f"fieldbook-demo:{seed}:{existing}", as_of=as_of, households=households, batch=batch, serial=existing,
        earlier_loans=earlier_loans, used_ids=used_ids, used_contracts=used_contracts,
        village_list=[(code, street, [(v, villages[(code, v)]) for v in VILLAGES[code]]) for code, street in streets],
        banks=banks, policy=RiskPolicy.from_settings(store.setting),
        age_limits=(store.setting(settings.BORROWER_AGE_MIN), store.setting(settings.BORROWER_AGE_MAX)),
        street=store.info.street_code if field_node else None, language=i18n.current_language(),
        node_id=store.info.node_id, actor=store.user.username, clock=last_stamp or None, hub=hub)
    return plan, counts


def _batches(plan: _Plan) -> Iterator[Rows]:
    """The rows of the run, one batch of households at a time (deterministic for the plan)."""
    policy = plan.policy
    risk_days = (policy.special_mention_days, policy.substandard_days, policy.doubtful_days, policy.loss_days)
    gen = Generator(random.Random(plan.seed), plan.as_of, plan.used_ids, plan.used_contracts, risk_days,
                    policy=policy, age_limits=plan.age_limits)
    district = _District(gen, plan.village_list, plan.banks, plan.earlier_loans, policy, plan.street)
    generated, serial = 0, plan.serial
    while generated < plan.households:
        rows = district.start(Rows())
        for _ in range(min(plan.batch, plan.households - generated)):
            serial += 1
            district.household(serial)
        generated += len(rows.households)
        yield rows


def _write_from_thread(store: Any, plan: _Plan, written: Callable[[dict[str, int]], None]) -> None:
    """Make each batch here while a writer thread writes the previous one.

    Generating (Python, holds the GIL) overlaps SQLCipher's encryption, the B-tree work and the commit's fsync,
    which release it; on two cores this hides part of the generation time."""

    def write(rows: Rows) -> dict[str, int]:
        with store.write() as session:
            for kind, model in KINDS:
                insert(store, session, model, rows.by_kind[kind], plan.hub)
        return {kind: len(chunk) for kind, chunk in rows.by_kind.items()}

    pending: Future[dict[str, int]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer") as writer:
        try:
            for rows in _batches(plan):
                if pending is not None:
                    written(pending.result())
                pending = writer.submit(write, rows)
            if pending is not None:
                written(pending.result())
                pending = None
        finally:
            if pending is not None:  # cancelled or failed while a batch was being written: let it finish
                pending.exception()


#: the kinds whose rows the writer prepares itself (:class:`Unprepared`) when a second process makes the rows: at
#: 50,000 households the maker was the slower side (the writer waited 19 s of 52 for it) and preparing a row
#: costs about what writing it does, so the members (a quarter of the rows) move to the writer
WRITER_PREPARES = frozenset({"member"})


@dataclass
class Unprepared:
    """Rows the maker stamped (:meth:`AuditLog.stamp`) for the writer to prepare (:data:`WRITER_PREPARES`)."""

    kind: str
    rows: list[dict[str, Any]]
    #: the origin they are written under (:attr:`PreparedRows.origin`); None: the node's own
    origin: str | None = None


def make_rows(plan: _Plan, send: Callable[[tuple[str, Any, Any]], None]) -> None:
    """The second process's work (:mod:`app.district.maker`): make the rows of each batch and everything about them
    that needs no database (their values as SQLite takes them, clock stamps, the JSON of their log entries) and
    ``send`` them; then ``("done", last clock stamp, None)``. The rows of :data:`WRITER_PREPARES` go only
    stamped (:class:`Unprepared`): the writer prepares those, so the two processes share the work."""
    from sqlalchemy.dialects import sqlite

    from app.db.hlc import HybridClock

    i18n.install(plan.language)
    clock = HybridClock(plan.node_id, plan.clock)
    audit = AuditLog(plan.node_id, clock)
    hub = AuditLog(plan.node_id, clock, origin=plan.hub) if plan.hub else None  # a field node: the hub's rows
    dialect = sqlite.dialect()
    last = plan.clock
    with cyclic_gc_paused():
        _make_rows(plan, send, audit, hub, dialect, last)


def _make_rows(plan: _Plan, send: Callable[[tuple[str, Any, Any]], None], audit: AuditLog, hub: AuditLog | None,
               dialect: Dialect, last: str | None) -> None:
    for rows in _batches(plan):
        prepared: list[PreparedRows | Unprepared] = []
        for kind, model in KINDS:
            own, hubs = split(model, rows.by_kind[kind], plan.hub)
            if kind in WRITER_PREPARES:
                prepared.append(Unprepared(kind, audit.stamp(model, own)))
                if hub is not None and hubs:
                    prepared.append(Unprepared(kind, hub.stamp(model, hubs), plan.hub))
                continue
            prepared.append(audit.prepare(model, own, plan.actor, dialect))
            if hub is not None and hubs:
                prepared.append(replace(hub.prepare(model, hubs, plan.actor, dialect), origin=plan.hub))
        for part in prepared:
            if isinstance(part, Unprepared):
                if part.rows and part.rows[-1].get("hlc"):
                    last = part.rows[-1]["hlc"]
            elif part.entries:
                last = part.entries[-1].hlc or last
        send(("batch", prepared, {kind: len(chunk) for kind, chunk in rows.by_kind.items()}))
    send(("done", last, None))


def _write_from_process(store: Any, plan: _Plan, written: Callable[[dict[str, int]], None]) -> str | None:
    """Write the batches a second process makes (two cores work: one makes rows, the other writes, hashes the
    log and encrypts); returns the last clock stamp the other process used."""
    from app.district import maker

    with maker.start(plan) as batches:
        for what, payload, extra in batches:
            if what == "done":
                return str(payload) if payload else None
            with store.write() as session:
                for part in payload:
                    if isinstance(part, Unprepared):
                        model = dict(KINDS)[part.kind]
                        part = replace(store.audit.prepare(model, part.rows, plan.actor, session.connection().dialect,
                                                           stamped=True), origin=part.origin)
                    store.audit.insert_prepared(session, part)
            written(extra)
    raise RuntimeError("the demo's row maker ended without finishing")


class _District:
    """Makes one household after another, with its loans and records, into the current batch's :class:`Rows`."""

    def __init__(self, gen: Generator, village_list: list[tuple[str, str, list[tuple[str, uuid.UUID]]]],
                 bank_ids: dict[str, uuid.UUID], earlier_loans: float, policy: RiskPolicy,
                 street: str | None) -> None:
        self.gen, self.village_list, self.bank_ids, self.earlier_loans = gen, village_list, bank_ids, earlier_loans
        self.rows = Rows()
        self.fieldwork = FieldWork(gen, self._add, policy)
        self.disposals = Disposals(gen, self._add, policy, street)

    def _add(self, kind: str, row: dict[str, Any]) -> None:
        self.rows.add(kind, row)

    def start(self, rows: Rows) -> Rows:
        self.rows = rows
        return rows

    def household(self, serial: int) -> None:
        gen = self.gen
        rng = gen.rng
        street_code, street_name, villages = self.village_list[int(rng.random() * len(self.village_list))]
        village_name, village_id = villages[int(rng.random() * len(villages))]
        people = gen.family()
        head = people[0]
        if not head.phone:
            head.phone = gen.phone()
        history = gen.poverty_history()
        group = rng.randint(1, 9)
        household_id = gen.new_id()
        household = {
            "id": household_id, "street_code": street_code, "village_id": village_id, "group_name": f"{group}组",
            "household_no": f"{street_code}{serial:07d}", "head_name": head.name,
            "head_initials": pinyin_initials(head.name), "head_citizen_id": head.citizen_id, "phone": head.phone,
            "address": f"{DISTRICT_NAME}{street_name}{village_name}{group}组{rng.randint(1, 160)}号",
            "size": len(people), "poverty_status": history[-1][0], "poverty_status_since": history[-1][1],
            "note": "",
        }
        add = self.rows.add
        add("household", household)
        for position, person in enumerate(people):
            add("member", {
                "id": person.id, "household_id": household_id, "position": position, "name": person.name,
                "relation": person.relation, "citizen_id": person.citizen_id,
                "sex": Sex.MALE if person.male else Sex.FEMALE, "birth_date": person.birth, "phone": person.phone,
                "labour_capacity": person.labour, "is_head": position == 0,
            })
        for status, on, note in history:
            add("history", {"id": gen.new_id(), "household_id": household_id, "status": status,
                            "effective_on": on, "note": note})
        plans = self._loans(household, people)
        for plan in plans:
            add("loan", plan.row)
            for repayment in plan.repayments:
                add("repayment", repayment)
            for event in plan.events:
                add("loan_event", event)
        self.fieldwork.household(household, people, plans, history)
        for plan in plans:
            self.disposals.loan(household, plan, plan.assessed_on)

    def _loans(self, household: dict[str, Any], people: list[Any]) -> list[LoanPlan]:
        gen, rng = self.gen, self.gen.rng
        if rng.random() >= 0.88 and gen.loan_index >= len(SHOWCASE):  # about one household in eight has no loan
            return []
        adults = [p for p in people if 20 <= (gen.as_of - p.birth).days // 365 <= 62]
        if not adults:
            return []
        borrower = adults[0] if rng.random() < 0.8 else adults[int(rng.random() * len(adults))]
        stage, days = gen.stage()
        plan = gen.loan(household, borrower, stage, days, self.bank_ids)
        if plan is None:
            return []
        gen.loan_index += 1
        plans = [plan]
        if rng.random() < self.earlier_loans:  # an earlier loan, repaid (or a stock enterprise-use loan) before
            kind = "enterprise" if rng.random() < 0.15 else "repaid"
            earlier = gen.loan(household, borrower, kind, 0, self.bank_ids, before=plan.row["disbursed_on"])
            if earlier is not None:
                plans.append(earlier)
        return plans


def _demo_users(store: Any, password: str, kdf: KdfParams) -> list[str]:
    if not has_permission(store.user.role, Permission.MANAGE_USERS):
        return []
    with store.read() as session:
        present = set(session.execute(sa.select(User.username)).scalars())
    created = []
    for username, role in DEMO_USERS:
        if username not in present:
            store.add_user(username, role, password, display_name=DEMO_DISPLAY_NAMES.get(username, username), kdf=kdf)
            created.append(username)
    return created


def _publish_login(store: Any, created: list[str], password: str) -> None:
    with store.read() as session:
        roles = {name: role for name, role in session.execute(sa.select(User.username, User.role))}
    names = [store.user.username] + [u for u, _ in DEMO_USERS if u in roles and u != store.user.username]
    store.info.extra["demo_login"] = {
        "users": [{"username": name, "role": str(Role(roles[name]).value)} for name in names],
        "password": password,
    }
    store.info.save(store.paths)

