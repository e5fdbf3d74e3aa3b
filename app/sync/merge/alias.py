"""The ``alias`` step: a record created on two nodes is one record. Two cadres import the same small roster on two
laptops before either syncs: each laptop makes its own household (and village, members, status entry) under its own
id. The second one to arrive is not a new record and not an error: it is an *alias* of the record held here, found
by its natural key (below). From then on every change to the alias, or referring to it, is applied to the record
held here (its *canonical* id); the aliases are kept in ``sync_aliases`` (:class:`~app.models.Alias`), per node.

What happens to the aliased insert itself:

- its fields that equal the held record's are nothing new; the fields that differ travel on as an update of the
  held record, with the insert's own stamp and identity (origin, sequence). At the hub that update of a hub-owned
  record from a field node becomes a proposal for a supervisor (``authorize``); at a field node the hub's insert
  merges field by field like any change (``merge``), the losing values listed as conflicts. Nothing is lost.
- the alias row names the insert's (origin, sequence), so the ``deduplicate`` step counts it as received.

Natural keys (:data:`NATURAL_KEYS`), for every unique constraint of a synced table and for the records people
create twice in practice: a household by its head's citizen ID; a village by street and name; a member by household
and citizen ID (or name, when the member has no ID); a poverty-status entry by household, status and date; a bank
by code and by name; a loan by bank and contract number; an enterprise by its unified social credit code; an
enterprise's link to a household by both; a report of an overdue loan to the risk fund by its loan and the episode's
first overdue day (a photo needs none: its id is its SHA-256). Keys the schema enforces are aliased whoever made
the held record; keys it does not enforce (``enforced=False``) only across nodes, since one node never makes the same
record twice (two members of one household with the same name and no ID are two people).

The step runs before ``scope``: the aliased inserts are checked for ownership and street like any change, in their
rewritten form. It changes no change in place: it returns rewritten copies (the originals are what quarantine
keeps, so a retry aliases again from scratch).
"""

from __future__ import annotations

import copy
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.audit import _plain
from app.models import Alias, Base
from app.sync.merge.context import Change, MergeContext, record_key
from app.sync.merge.ownership import BOOKKEEPING, IMMUTABLE
from app.sync.merge.values import to_python
from app.sync.tables import synced_models, table_of


@dataclass(frozen=True)
class NaturalKey:
    """The columns that name a record outside its id. ``lookup`` is the most selective of them (the database is
    searched by it); ``blank`` a column that must be empty for the key to apply (a member's name counts only when
    the member has no citizen ID); ``enforced``: a unique constraint of the schema."""

    columns: tuple[str, ...]
    lookup: str
    enforced: bool = True
    blank: str = ""

    @property
    def name(self) -> str:
        return "+".join(self.columns)


NATURAL_KEYS: dict[str, tuple[NaturalKey, ...]] = {
    "villages": (NaturalKey(("street_code", "name"), "name"),),
    "households": (NaturalKey(("head_citizen_id",), "head_citizen_id"),),
    "members": (NaturalKey(("household_id", "citizen_id"), "household_id", enforced=False),
                NaturalKey(("household_id", "name"), "household_id", enforced=False, blank="citizen_id")),
    "poverty_status_changes": (NaturalKey(("household_id", "status", "effective_on"), "household_id",
                                          enforced=False),),
    "banks": (NaturalKey(("code",), "code"), NaturalKey(("name",), "name")),
    "loans": (NaturalKey(("bank_id", "contract_no"), "contract_no"),),
    "enterprises": (NaturalKey(("credit_code",), "credit_code", enforced=False),),
    "enterprise_households": (NaturalKey(("enterprise_id", "household_id"), "household_id"),),
    "overdue_reports": (NaturalKey(("loan_id", "overdue_since"), "loan_id"),),
}
#: unique keys deliberately not aliased: a photo's id is derived from its SHA-256, so the same picture from two nodes
#: is the same row already; the same bytes under another id are a broken sender's, refused into quarantine by the
#: ``integrity`` step
NOT_ALIASED: dict[str, tuple[tuple[str, ...], ...]] = {"attachments": (("sha256",),)}
#: links that are bare UUIDs rather than foreign keys (app/models/programs.py says why), to tables with natural keys
BARE_LINKS: dict[tuple[str, str], str] = {("loans", "enterprise_id"): "enterprises"}
#: what an aliased insert never carries over to the held record
NOT_COMPARED = IMMUTABLE | BOOKKEEPING
#: the key an aliased insert, turned into an update of the held record, carries: the id it came with. It is checked
#: by ``authorize`` as the insert it was (app/sync/merge/authorize.py) and never logged or sent.
ALIAS_OF = "alias_of"


@functools.cache
def links() -> dict[str, dict[str, str]]:
    """{table: {column: referred table}} for every column of a synced table that refers to a table with natural
    keys (so it must follow an alias)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for name, model in synced_models().items():
        for column in table_of(model).c:
            for foreign in column.foreign_keys:
                target = foreign.column.table.name
                if target in NATURAL_KEYS:
                    found[name][column.name] = target
    for (name, column_name), target in BARE_LINKS.items():
        found[name][column_name] = target
    return dict(found)


@functools.cache
def table_order() -> dict[str, int]:
    """Parents before children (a village before its households before their members)."""
    return {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def key_value(key: NaturalKey, values: dict[str, Any]) -> tuple[Any, ...] | None:
    """The key of a row (plain values), or None when one of its columns is empty (or ``blank`` is not)."""
    if key.blank and values.get(key.blank) not in (None, ""):
        return None
    found = tuple(values.get(c) for c in key.columns)
    return None if any(v is None or v == "" for v in found) else found


@dataclass
class Held:
    """A record held here (or inserted earlier in the same bundle) that carries a natural key."""

    record: str
    origin: str
    values: dict[str, Any]


@dataclass
class Aliasing:
    """The step's result: the changes to go on with (rewritten to canonical ids; an aliased insert replaced by the
    update of what differs, or dropped), the aliases found, and how many inserts were aliased."""

    changes: list[Change]
    aliases: list[dict[str, Any]] = field(default_factory=list)
    known: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def aliased(self) -> int:
        return len(self.aliases)


def load_aliases(conn: sa.Connection, changes: Iterable[Change]) -> dict[tuple[str, str], str]:
    """The aliases held here for the records ``changes`` name or refer to: {(table, alias id): canonical id}."""
    if conn.execute(sa.select(Alias.id).limit(1)).first() is None:
        return {}
    wanted: dict[str, set[str]] = defaultdict(set)
    all_links = links()
    for change in changes:
        if change["table"] in NATURAL_KEYS:
            wanted[change["table"]].add(change["record"])
        columns = all_links.get(change["table"], {})
        for part in ("new", "old"):
            for column, value in (change["data"].get(part) or {}).items():
                target = columns.get(column)
                if target is not None and isinstance(value, str):
                    wanted[target].add(value)
    known: dict[tuple[str, str], str] = {}
    for table, ids in wanted.items():
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            for alias_id, canonical in conn.execute(
                    sa.select(Alias.alias_id, Alias.canonical_id).where(
                        Alias.table_name == table, Alias.alias_id.in_(id_list[start:start + 500]))):
                known[(table, alias_id)] = canonical
    return known


def rewrite(change: Change, known: dict[tuple[str, str], str]) -> Change:
    """``change`` with its record id and its links to aliased records replaced by the canonical ids (a copy when
    anything changes, else the change itself)."""
    if not known:
        return change
    table = change["table"]
    record = known.get((table, change["record"]), change["record"])
    columns = links().get(table, {})
    parts: dict[str, dict[str, Any]] = {}
    for part in ("new", "old"):
        values = change["data"].get(part)
        if not isinstance(values, dict):
            continue
        for column, target in columns.items():
            value = values.get(column)
            if isinstance(value, str) and (target, value) in known:
                parts.setdefault(part, dict(values))[column] = known[(target, value)]
    if record == change["record"] and not parts:
        return change
    result = dict(change, record=record, data={**change["data"], **parts})
    return result


def _held_rows(conn: sa.Connection, table: str, keys: tuple[NaturalKey, ...], inserts: list[Change]
               ) -> dict[tuple[str, tuple[Any, ...]], Held]:
    """The rows held here whose natural keys equal those of ``inserts``: {(key name, key value): row}."""
    model = synced_models()[table]
    t = table_of(model)
    found: dict[tuple[str, tuple[Any, ...]], Held] = {}
    for key in keys:
        lookups = sorted({str(c["data"]["new"].get(key.lookup)) for c in inserts
                          if key_value(key, c["data"]["new"]) is not None})
        column = t.c[key.lookup]
        for start in range(0, len(lookups), 500):
            try:
                chunk = [to_python(column, v, {}) for v in lookups[start:start + 500]]
            except (ValueError, TypeError):
                continue  # a value that does not fit its column is refused later, by the write step
            for row in conn.execute(sa.select(t).where(column.in_(chunk))):
                values = {k: _plain(v) for k, v in row._mapping.items()}
                if values.get("deleted") and not key.enforced:
                    continue
                value = key_value(key, values)
                if value is not None:
                    found.setdefault((key.name, value), Held(str(values["id"]), str(values.get("origin_node")),
                                                             values))
    return found


def differences(insert: Change, held: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields of an aliased insert that differ from the held record's: (new values, held values)."""
    new: dict[str, Any] = {}
    old: dict[str, Any] = {}
    for name, value in insert["data"]["new"].items():
        if name in NOT_COMPARED or name not in held:
            continue
        if value != held[name]:
            new[name], old[name] = value, held[name]
    return new, old


def alias_changes(ctx: MergeContext, fresh: list[Change]) -> Aliasing:
    """The step: find the inserts of ``fresh`` that are records held here (or inserted earlier in this bundle) by
    a natural key, and rewrite every change to the canonical ids (module docstring)."""
    known = load_aliases(ctx.conn, fresh)
    result = Aliasing([], known=known)
    inserts: dict[str, list[Change]] = defaultdict(list)
    for change in fresh:
        if change["action"] == "insert" and change["table"] in NATURAL_KEYS:
            inserts[change["table"]].append(change)
    replaced: dict[tuple[str, int], Change | None] = {}  # (origin, seq) of an aliased insert → what goes on
    order = table_order()
    for table in sorted(inserts, key=lambda t: order.get(t, 0)):
        keys = NATURAL_KEYS[table]
        candidates = [rewrite(c, known) for c in sorted(inserts[table], key=lambda c: (c["origin"], c["seq"]))]
        held = _held_rows(ctx.conn, table, keys, candidates)
        for change in candidates:
            new = change["data"]["new"]
            match: Held | None = None
            matched_key: NaturalKey | None = None
            for key in keys:
                value = key_value(key, new)
                if value is None:
                    continue
                found = held.get((key.name, value))
                if found is not None and found.record != change["record"] and (
                        key.enforced or found.origin != str(new.get("origin_node") or change["origin"])) and (
                        found.values.get("street_code", new.get("street_code")) == new.get("street_code")):
                    # (a household of another street with the same citizen ID is not this one: the write is
                    # refused by the integrity step and waits in quarantine for a person to look at it)
                    match, matched_key = found, key
                    break
            if match is None or matched_key is None:
                for key in keys:  # a later insert of this bundle with the same key is aliased to this one
                    value = key_value(key, new)
                    if value is not None:
                        held.setdefault((key.name, value), Held(change["record"],
                                                                str(new.get("origin_node") or change["origin"]),
                                                                dict(new, id=change["record"])))
                continue
            known[(table, change["record"])] = match.record
            result.aliases.append({"table_name": table, "alias_id": change["record"], "canonical_id": match.record,
                                   "natural_key": matched_key.name, "origin_node": change["origin"],
                                   "origin_seq": change["seq"], "bundle_id": ctx.bundle_id})
            diff_new, diff_old = differences(rewrite(change, known), match.values)
            replaced[(change["origin"], change["seq"])] = (
                {**change, "action": "update", "record": match.record, "data": {"new": diff_new, "old": diff_old},
                 ALIAS_OF: change["record"]} if diff_new else None)
    for change in fresh:
        identity = (change["origin"], change["seq"])
        if identity in replaced:
            going_on = replaced[identity]
            if going_on is not None:
                result.changes.append(copy.deepcopy(going_on))
            continue
        result.changes.append(rewrite(change, known))
    return result


def store_aliases(session: Session, aliases: list[dict[str, Any]]) -> None:
    """Keep the aliases found (the ``log`` step; local state, audited like every write)."""
    session.add_all([Alias(**alias) for alias in aliases])


def canonical_id(conn: sa.Connection, table: str, record: str) -> str:
    """The id under which this node holds ``record`` of ``table`` (itself unless it was aliased)."""
    found = conn.execute(sa.select(Alias.canonical_id).where(Alias.table_name == table,
                                                             Alias.alias_id == record)).scalar()
    return str(found) if found else record


__all__ = ["ALIAS_OF", "NATURAL_KEYS", "Aliasing", "NaturalKey", "alias_changes", "canonical_id", "links", "record_key",
           "rewrite", "store_aliases"]
