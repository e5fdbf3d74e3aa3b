"""What the steps of the merge pipeline (app/sync/merge/pipeline.py) share: the shape of a change, the bundle's
context, the current rows being merged, and the refusal a step raises for one change."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.db.audit import _plain
from app.i18n import translate
from app.models import Base, Peer
from app.sync.bundle import BundleRefused
from app.sync.tables import table_of

#: one change as the log exports it and a bundle carries it: {origin, seq, hlc, action, table, record, actor,
#: data: {"new": {...}, "old": {...}}}, JSON values throughout (checked by the ``validate`` step)
Change = dict[str, Any]
CHANGE_KEYS = ("origin", "seq", "hlc", "action", "table", "record", "actor", "data")
#: (table name, record id): one synced row
RecordKey = tuple[str, str]


def record_key(change: Change) -> RecordKey:
    return str(change["table"]), str(change["record"])


class ChangeRefused(BundleRefused):
    """One change cannot be applied (``key`` names its record). The merge pipeline sets such a change aside in
    quarantine (app/sync/merge/quarantine.py) and applies the rest of the bundle; a refusal for a security reason
    is a :class:`ChangeForbidden` instead and refuses the whole bundle."""

    def __init__(self, message: str, key: RecordKey | None = None) -> None:
        super().__init__(message)
        self.key = key


class ChangeForbidden(ChangeRefused):
    """A change the sender may not make at all (another node's or the bank's record, another street, a submitted
    record overwritten, tampering): the whole bundle is refused, loudly, and nothing of it is applied. Every
    refusal of the ``authorize`` step is one (app/sync/merge/pipeline.py)."""


def refused(key: RecordKey | None, text: str, **params: object) -> ChangeRefused:
    """The refusal of a change to the record ``key``, its message translated (context "Sync")."""
    exc = ChangeRefused(translate("Sync", text, **params), key)
    exc.keep_source(text, params)
    return exc


def forbidden(key: RecordKey | None, text: str, **params: object) -> ChangeForbidden:
    """A security refusal of a change to ``key``: the whole bundle is refused (context "Sync")."""
    exc = ChangeForbidden(translate("Sync", text, **params), key)
    exc.keep_source(text, params)
    return exc


@dataclass(frozen=True)
class MergeContext:
    """The bundle being applied: in which transaction (``conn``), at which node (``me``), from which enrolled
    peer (``sender``, checked inside the transaction), and the synced tables by name."""

    conn: sa.Connection
    me: str
    sender: Peer
    at_hub: bool
    bundle_id: str
    models: dict[str, type[Base]]

    @property
    def hub_id(self) -> str:
        """The hub of this exchange: this node at the hub, the sender at a field node."""
        return self.me if self.at_hub else self.sender.node_id

    @property
    def sender_name(self) -> str:
        """How refusals name the sender (its short id)."""
        return self.sender.node_id[:8]

    def table(self, name: str) -> sa.Table:
        return table_of(self.models[name])


@dataclass
class Row:
    """A record as the merge sees it: its values in plain (log) form, whether the bundle creates it, and the
    fields the merge changed (what the ``write`` step writes)."""

    values: dict[str, Any]
    is_new: bool
    dirty: set[str] = field(default_factory=set)


@dataclass
class MergeOutcome:
    """What applying one bundle did: nothing (``already``: the bundle was imported before), or how many of its
    changes were skipped as held here, applied, kept as proposals, set aside in quarantine, found to be records
    held here under another id (aliased), and how many conflicts it left for review;
    ``flagged`` names the records ("table id") whose stamps were far ahead of this computer's clock."""

    already: bool = False
    skipped: int = 0
    applied: int = 0
    proposals: int = 0
    conflicts: int = 0
    flagged: list[str] = field(default_factory=list)
    #: changes set aside in quarantine (app/sync/merge/quarantine.py), and inserts found to be records held here
    #: already under another id (app/sync/merge/alias.py)
    quarantined: int = 0
    aliased: int = 0
    #: the reasons of the changes set aside, translated, one per record (at most a few dozen)
    reasons: list[str] = field(default_factory=list)


def load_rows(conn: sa.Connection, models: dict[str, type[Base]], changes: list[Change]) -> dict[RecordKey, Row]:
    """The rows ``changes`` touch that this node holds now, in plain form, read in batches of 500 per table."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        wanted[change["table"]].add(change["record"])
    current: dict[RecordKey, Row] = {}
    for name, ids in wanted.items():
        table = table_of(models[name])
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            keys = [uuid.UUID(i) for i in id_list[start:start + 500]]
            for row in conn.execute(sa.select(table).where(table.c.id.in_(keys))):
                values = {k: _plain(v) for k, v in row._mapping.items()}
                current[(name, str(values["id"]))] = Row(values, is_new=False)
    return current
