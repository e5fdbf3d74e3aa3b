"""The invariants of a simulated district (issue 17), each true or false with its evidence, checked at the end of
a run and (those that hold at any moment) after every fault:

- ``records_reach_hub_once``: every record made on a laptop reaches the hub exactly once: as itself, or as an alias
  of the same record made elsewhere (never both), and no natural key is held twice at the hub;
- ``laptops_hold_their_street_share``: every laptop holds exactly its street's share of the hub's data (the same
  records with the same values, ids followed through the laptop's aliases);
- ``nothing_unsent_after_two_clean_rounds``: no node's unsent count stays above zero after two clean rounds;
- ``every_check_passes``: ``check`` passes on every node (database, encryption, audit chain, rows against the log);
- ``conflicts_and_proposals_listed``: every conflict, proposal and quarantined change is listed for review, and no
  change a laptop made is missing at the hub (applied, proposed, aliased or in quarantine: none silently dropped);
- ``hub_ledgers_count_submissions``: the hub's ledgers count the visits, use checks and anomalies submitted, its
  record list the maturity assessments; the bank's side too: the repayments its statements gave are recorded once,
  and every loan's balance at the hub (moved by repayments and loan events only) is the bank's books';
- ``no_foreign_street_on_laptops``: no record of another street ever reaches a laptop.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.db.audit import _plain
from app.district.sim_world import Hub, Laptop
from app.models import Alias, AuditEntry, Conflict, Proposal, QuarantinedChange
from app.models.enums import RecordKind
from app.sync import status
from app.sync.merge.scope import GLOBAL, WITHOUT_STREET, ScopeResolver
from app.sync.tables import synced_models, table_of
from app.sync.vector import version_vector

NAMES = ("records_reach_hub_once", "laptops_hold_their_street_share", "nothing_unsent_after_two_clean_rounds",
         "every_check_passes", "conflicts_and_proposals_listed", "hub_ledgers_count_submissions",
         "no_foreign_street_on_laptops")
#: columns that say who wrote a row where and when: they differ between a record and its alias
BOOKKEEPING = ("id", "created_at", "created_by", "updated_at", "updated_by", "origin_node", "hlc")
SHOWN = 5
#: rows that go to every street of the records linking them (app/sync/export.py ``in_street``): a photo to the
#: streets of the records it is attached to, a joint review to the streets of the loans it decided on
SEVERAL_STREETS = frozenset({"attachments", *(t for t, rule in WITHOUT_STREET.items() if rule == "reviews")})


@dataclass
class Result:
    ok: bool
    evidence: str


@dataclass
class BankBooks:
    """What the bank's core system holds (the simulator's books): each loan's balance by contract number (in fen),
    and how many repayments its statements gave."""

    balances: dict[str, int]
    repayments: int


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def held_ids(conn: sa.Connection, table: sa.Table, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(str(r) for r in conn.execute(sa.select(table.c.id).where(
            table.c.id.in_([uuid.UUID(i) for i in chunk]))).scalars())
    return found


# -- 1 ------------------------------------------------------------------------------------------------------------
def records_reach_hub_once(hub: Hub, laptops: list[Laptop]) -> Result:
    made = arrived = aliased = 0
    missing: list[str] = []
    doubled: list[str] = []
    with hub.store.engine.connect() as hub_conn:
        for laptop in laptops:
            with laptop.store.engine.connect() as conn:
                for name, model in synced_models().items():
                    table = table_of(model)
                    ids = [str(i) for i in conn.execute(sa.select(table.c.id).where(
                        table.c.origin_node == laptop.node_id)).scalars()]
                    if not ids:
                        continue
                    made += len(ids)
                    rows = held_ids(hub_conn, table, ids)
                    aliases: set[str] = set()
                    for chunk in _chunks(ids):
                        aliases.update(hub_conn.execute(sa.select(Alias.alias_id).where(
                            Alias.table_name == name, Alias.alias_id.in_(chunk))).scalars())
                    arrived += len(rows)
                    aliased += len(aliases)
                    missing += [f"{name} {i} ({laptop.name})" for i in ids if i not in rows and i not in aliases]
                    doubled += [f"{name} {i}" for i in rows & aliases]
        duplicates = natural_key_duplicates(hub_conn)
    ok = not missing and not doubled and not duplicates
    evidence = (f"{made} records made on {len(laptops)} laptops: {arrived} held at the hub as themselves, {aliased} "
                f"as aliases of the same record made elsewhere; missing {len(missing)} {missing[:SHOWN]}, held twice "
                f"{len(doubled)} {doubled[:SHOWN]}, natural keys held twice {len(duplicates)} {duplicates[:SHOWN]}")
    return Result(ok, evidence)


def natural_key_duplicates(conn: sa.Connection) -> list[str]:
    """Natural keys the schema does not enforce, held by records of two nodes at the hub (app/sync/merge/alias.py)."""
    from app.sync.merge.alias import NATURAL_KEYS

    found: list[str] = []
    for name, keys in NATURAL_KEYS.items():
        table = table_of(synced_models()[name])
        for key in keys:
            if key.enforced:
                continue
            columns = [table.c[c] for c in key.columns]
            where = [c.isnot(None) for c in columns] + [c != "" for c in columns if isinstance(c.type, sa.String)
                                                         and not isinstance(c.type, sa.Enum)]
            where.append(table.c.deleted.is_(False))
            if key.blank:
                where.append(sa.or_(table.c[key.blank].is_(None), table.c[key.blank] == ""))
            query = (sa.select(*columns, sa.func.count(sa.distinct(table.c.origin_node))).where(*where)
                     .group_by(*columns).having(sa.func.count(sa.distinct(table.c.origin_node)) > 1))
            found += [f"{name} {key.name}={tuple(_plain(v) for v in row[:-1])}" for row in conn.execute(query)]
    return found


# -- 2 and 7: streets -----------------------------------------------------------------------------------------------
def rows_with_streets(conn: sa.Connection) -> dict[str, dict[str, tuple[str | None, dict[str, Any]]]]:
    """{table: {id: (street, plain values)}} of every synced row of the node behind ``conn``."""
    resolver = ScopeResolver(conn)
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for name, model in synced_models().items():
        rows[name] = {str(r.id): {k: _plain(v) for k, v in r._mapping.items()}
                      for r in conn.execute(sa.select(table_of(model)))}
    for name in ("households", "loans", "anomalies", *rows):
        resolver.prefetch(name, list(rows.get(name, {})))
    result: dict[str, dict[str, tuple[str | None, dict[str, Any]]]] = {}
    for name, by_id in rows.items():
        placed: dict[str, tuple[str | None, dict[str, Any]]] = {}
        for record, values in by_id.items():
            if name in SEVERAL_STREETS:
                streets = (resolver.streets_of_attachment(record) if name == "attachments"
                           else resolver.streets_of_review(record))
                street: str | None = ",".join(sorted(map(str, streets)))
                if GLOBAL in streets or (not streets and name == "attachments"):
                    street = GLOBAL  # a photo of a record every node sees (or of none yet) is everyone's
                elif not streets:
                    street = None  # a meeting on no loan held here: sent to no street
            else:
                street = resolver.street(name, record)
            placed[record] = (street, values)
        result[name] = placed
    return result


def no_foreign_street(laptop: Laptop) -> Result:
    with laptop.store.engine.connect() as conn:
        placed = rows_with_streets(conn)
    foreign: list[str] = []
    total = 0
    for name, rows in placed.items():
        for record, (street, _) in rows.items():
            total += 1
            if name in SEVERAL_STREETS:
                if street not in (GLOBAL, laptop.street) and laptop.street not in str(street).split(","):
                    foreign.append(f"{name} {record} ({street})")
            elif street not in (GLOBAL, laptop.street):
                foreign.append(f"{name} {record} ({street})")
    return Result(not foreign, f"{laptop.name}: {total} records, {len(foreign)} of another street or of none "
                               f"{foreign[:SHOWN]}")


def street_share(hub_rows: dict[str, dict[str, tuple[str | None, dict[str, Any]]]], laptop: Laptop) -> Result:
    """The laptop holds exactly the hub's rows of its street (and those of no street), with the same values."""
    from app.sync.merge.alias import links

    with laptop.store.engine.connect() as conn:
        aliases = {(t, a): c for t, a, c in conn.execute(sa.select(Alias.table_name, Alias.alias_id,
                                                                   Alias.canonical_id))}
        mine = {name: {str(r.id): {k: _plain(v) for k, v in r._mapping.items()}
                       for r in conn.execute(sa.select(table_of(model)))}
                for name, model in synced_models().items()}
    extra: list[str] = []
    absent: list[str] = []
    different: list[str] = []
    compared = 0
    for name, rows in hub_rows.items():
        columns = links().get(name, {})
        for record, (street, values) in rows.items():
            if name in SEVERAL_STREETS:
                wanted = street == GLOBAL or laptop.street in str(street).split(",")
            else:
                wanted = street in (GLOBAL, laptop.street)
            if not wanted:
                continue
            here = aliases.get((name, record), record)
            held = mine[name].pop(here, None)
            if held is None:
                absent.append(f"{name} {record}")
                continue
            compared += 1
            for column, value in values.items():
                if column in BOOKKEEPING:
                    continue
                if column in columns and isinstance(value, str):
                    value = aliases.get((columns[column], value), value)
                if held.get(column) != value:
                    different.append(f"{name} {record} {column}: hub {value!r}, laptop {held.get(column)!r}")
                    break
        extra += [f"{name} {record}" for record in mine[name]]
    ok = not (extra or absent or different)
    return Result(ok, f"{laptop.name}: {compared} records as at the hub; not at the laptop {len(absent)} "
                      f"{absent[:SHOWN]}; at the laptop only {len(extra)} {extra[:SHOWN]}; different {len(different)} "
                      f"{different[:SHOWN]}")


# -- 3, 4, 5 -----------------------------------------------------------------------------------------------------
def nothing_unsent(hub: Hub, laptops: list[Laptop]) -> Result:
    waiting = {laptop.name: status.unsent(laptop.store).records for laptop in laptops}
    hub_waiting = status.unsent(hub.store).nodes
    ok = not any(waiting.values()) and hub_waiting == 0
    return Result(ok, f"records not confirmed by the hub per laptop: "
                      f"{ {k: v for k, v in waiting.items() if v} or 'none'}; laptops not up to date at the hub: "
                      f"{hub_waiting}")


def every_check(hub: Hub, laptops: list[Laptop]) -> Result:
    problems: dict[str, list[str]] = {}
    for name, store in [("hub", hub.store)] + [(laptop.name, laptop.store) for laptop in laptops]:
        found = store.check()
        if found:
            problems[name] = found[:SHOWN]
    return Result(not problems, f"{1 + len(laptops)} nodes checked; problems: {problems or 'none'}")


def listed_for_review(hub: Hub, laptops: list[Laptop]) -> Result:
    parts: list[str] = []
    ok = True
    for name, store in [("hub", hub.store)] + [(laptop.name, laptop.store) for laptop in laptops]:
        with store.read() as session:
            conflicts = int(session.execute(sa.select(sa.func.count()).select_from(Conflict)
                                            .where(Conflict.resolved_at.is_(None))).scalar() or 0)
            pending = int(session.execute(sa.select(sa.func.count()).select_from(Proposal)
                                          .where(Proposal.status == "pending")).scalar() or 0)
            waiting = int(session.execute(sa.select(sa.func.count()).select_from(QuarantinedChange)
                                          .where(QuarantinedChange.status == "pending")).scalar() or 0)
        shown_conflicts = status.open_conflicts(store, limit=1)[1]
        shown_proposals = status.open_proposals(store, limit=1)[1] if store is hub.store else pending
        shown_waiting = status.open_quarantine(store, limit=1)[1]
        same = (shown_conflicts, shown_proposals, shown_waiting) == (conflicts, pending, waiting)
        ok &= same
        if conflicts or pending or waiting or not same:
            parts.append(f"{name}: {conflicts} conflicts, {pending} proposals, {waiting} in quarantine"
                         + ("" if same else " (not all listed)"))
    dropped: list[str] = []
    with hub.store.engine.connect() as hub_conn:
        vector = version_vector(hub_conn, hub.node_id)
        for laptop in laptops:
            with laptop.store.engine.connect() as conn:  # what the hub says it has (a stick may be on its way)
                own = set(conn.execute(sa.select(AuditEntry.origin_seq).where(
                    AuditEntry.origin_node == laptop.node_id, AuditEntry.local.is_(False),
                    AuditEntry.origin_seq <= vector.get(laptop.node_id, 0))).scalars())
            held: set[int | None] = set()
            for kept in (AuditEntry, Proposal, QuarantinedChange, Alias):
                held.update(hub_conn.execute(sa.select(kept.origin_seq).where(
                    kept.origin_node == laptop.node_id)).scalars())
            lost = sorted(seq for seq in own - held if seq is not None)
            if lost:
                dropped.append(f"{laptop.name}: changes {lost[:SHOWN]} ({len(lost)})")
    ok &= not dropped
    return Result(ok, ("; ".join(parts) or "nothing waits for review") + f"; changes made on laptops and not held "
                                                                         f"at the hub: {dropped or 'none'}")


# -- 6 --------------------------------------------------------------------------------------------------------------
def ledgers_count(hub: Hub, submitted: Callable[[str], int], folder: Path, as_of: dt.date,
                  bank: BankBooks | None = None) -> Result:
    import app.reports.field_ledgers  # noqa: F401 - registers the ledgers
    from app.domain.records.timeline import list_records
    from app.reports.ledgers import export_ledger

    store = hub.user("supervisor")
    found: dict[str, tuple[int, int]] = {}
    for kind in ("visits", "use-checks", "anomalies"):
        result = export_ledger(store, kind, folder / f"ledger-{kind}.xlsx", as_of=as_of)
        found[kind] = (result.rows, submitted(kind.replace("-", "_")))
    assessments = len(list_records(store, [RecordKind.MATURITY_ASSESSMENT], date_to=as_of, limit=10**7))
    found["maturity assessments"] = (assessments, submitted("maturities"))
    wrong: list[str] = []
    if bank is not None:
        from app.models import Loan, Repayment

        with store.read() as session:
            held = session.scalar(sa.select(sa.func.count(Repayment.id)).where(Repayment.deleted.is_(False)))
            balances = {contract: balance for contract, balance in session.execute(
                sa.select(Loan.contract_no, Loan.balance_fen).where(Loan.deleted.is_(False)))}
        found["repayments"] = (int(held or 0), bank.repayments)
        wrong = [f"{c}: hub {balances.get(c)}, bank {b}" for c, b in sorted(bank.balances.items())
                 if balances.get(c) != b]
    ok = all(a == b for a, b in found.values()) and not wrong
    evidence = "; ".join(f"{kind}: ledger {a}, submitted {b}" for kind, (a, b) in found.items())
    if bank is not None:
        evidence += (f"; loans whose balance at the hub is not the bank's: {len(wrong)} of {len(bank.balances)} "
                     f"{wrong[:SHOWN]}")
    return Result(ok, evidence)


def at_any_moment(hub: Hub, laptops: list[Laptop]) -> dict[str, Result]:
    """The invariants that hold at any moment (checked after every fault)."""
    results = {"every_check_passes": every_check(hub, laptops),
               "conflicts_and_proposals_listed": listed_for_review(hub, laptops)}
    foreign = [no_foreign_street(laptop) for laptop in laptops]
    results["no_foreign_street_on_laptops"] = Result(all(r.ok for r in foreign),
                                                     "; ".join(r.evidence for r in foreign))
    return results


def at_the_end(hub: Hub, laptops: list[Laptop], submitted: Callable[[str], int], folder: Path,
               as_of: dt.date, unsent: Result, bank: BankBooks | None = None) -> dict[str, Result]:
    results = {"records_reach_hub_once": records_reach_hub_once(hub, laptops)}
    with hub.store.engine.connect() as conn:
        hub_rows = rows_with_streets(conn)
    shares = [street_share(hub_rows, laptop) for laptop in laptops]
    results["laptops_hold_their_street_share"] = Result(all(r.ok for r in shares),
                                                        "; ".join(r.evidence for r in shares))
    results["nothing_unsent_after_two_clean_rounds"] = unsent
    results.update(at_any_moment(hub, laptops))
    results["hub_ledgers_count_submissions"] = ledgers_count(hub, submitted, folder, as_of, bank)
    return {name: results[name] for name in NAMES}



