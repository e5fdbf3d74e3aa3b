"""The street a record belongs to (a field node's certificate scope), following *every* link of the row: its
``street_code`` and each column that points at another synced record (a household, a loan, an anomaly, a
dividend schedule, a session...). Used twice: the hub refuses a field node's change outside its street, or
linking a record of another street (the ``authorize`` step, app/sync/merge/authorize.py), and relays to a field
node only the changes of its street (app/sync/export.py).

A row whose links lead to no street goes where its table says (:data:`WITHOUT_STREET`): everywhere (reference
data: banks, enterprises, the fund, campaigns), to the street of the field node that made it (an outreach session
recorded on a laptop), or, for a joint review, to the streets of the loans it decided on.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

import sqlalchemy as sa

from app.sync.tables import synced_models

GLOBAL = ""  # records every node sees (banks, reference data)
MIXED = "*"  # a row linking records of different streets: it belongs to none
#: how rows whose links lead to no street are scoped: "global" (every node), "origin" (the street of the field
#: node that made it; every node when the hub made it), "reviews" (the streets of the meeting's loans)
WITHOUT_STREET: dict[str, str] = {"outreach_sessions": "origin", "outreach_photos": "origin",
                                  "joint_reviews": "reviews"}
#: link columns that point at a synced record without a foreign key (see app/models/programs.py)
BARE_LINKS: dict[tuple[str, str], str] = {("enterprise_observations", "visit_id"): "visits",
                                          ("outreach_photos", "attachment_id"): "attachments",
                                          ("loans", "enterprise_id"): "enterprises"}
#: links checked at the hub like every other, but that do not decide where a row goes (an enterprise's status
#: seen on a visit is news for every street; the visit itself stays in its street)
UNSCOPED: frozenset[tuple[str, str]] = frozenset({("enterprise_observations", "visit_id")})
#: a record named by kind and id (photo links): the kind's table
KIND_LINKS = {"record_attachments": ("record_kind", "record_id")}


def link_columns(table: str) -> list[tuple[str, str | None]]:
    """(column, linked table) for every link of ``table``; ``None`` as the table: the column is a street code."""
    model = synced_models().get(table)
    if model is None:
        return []
    synced = set(synced_models())
    links: list[tuple[str, str | None]] = []
    for column in cast(sa.Table, sa.inspect(model).local_table).c:
        if column.name == "street_code":
            links.append((column.name, None))
            continue
        parents = {fk.column.table.name for fk in column.foreign_keys} & synced
        parent = next(iter(parents), None) or BARE_LINKS.get((table, column.name))
        if parent is not None:
            links.append((column.name, parent))
    return links


_LINKS: dict[str, list[tuple[str, str | None]]] = {}


def links_of(table: str) -> list[tuple[str, str | None]]:
    if table not in _LINKS:
        _LINKS[table] = link_columns(table)
    return _LINKS[table]


class ScopeResolver:
    """The street a record belongs to, looking at rows about to be written (``pending``, plain values) before the
    database; ``origin_streets`` gives the street of each field node's origins (for rows scoped by their maker).
    Lookups are cached and can be prefetched per table in batches."""

    def __init__(self, conn: sa.Connection, pending: dict[tuple[str, str], dict[str, Any]] | None = None,
                 origin_streets: dict[str, str] | None = None) -> None:
        self.conn = conn
        self.pending = pending if pending is not None else {}
        self.origin_streets = origin_streets or {}
        self.models = synced_models()
        self._rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._streets: dict[tuple[str, str], str | None] = {}
        self._kind_tables = self._record_kinds()

    @staticmethod
    def _record_kinds() -> dict[str, str]:
        from app.models.records import RECORD_MODELS

        return {str(kind.value): str(sa.inspect(model).local_table.name) for kind, model in RECORD_MODELS.items()}

    def _columns(self, table: str) -> list[str]:
        wanted = [c for c, _ in links_of(table)] + ["origin_node"] + list(KIND_LINKS.get(table, ()))
        return list(dict.fromkeys(wanted))

    def prefetch(self, table: str, ids: Iterable[str]) -> None:
        model = self.models.get(table)
        todo = [i for i in ids if (table, i) not in self._rows and (table, i) not in self.pending]
        if model is None or not todo:
            return
        t = cast(sa.Table, sa.inspect(model).local_table)
        columns = self._columns(table)
        for start in range(0, len(todo), 500):
            part = todo[start:start + 500]
            for i in part:
                self._rows[(table, i)] = None
            keys = [uuid.UUID(i) for i in part if _is_uuid(i)]
            for row in self.conn.execute(sa.select(t.c.id, *[t.c[c] for c in columns]).where(t.c.id.in_(keys))):
                values = dict(row._mapping)
                self._rows[(table, str(values.pop("id")))] = {k: _plain_id(v) for k, v in values.items()}

    def prefetch_links(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Prefetch, in batches, the records that ``rows`` ((table, values) pairs) link to, and theirs in turn."""
        todo = list(rows)
        for _ in range(4):  # households ← loans ← disposals ← decisions: a few levels are enough to batch
            wanted: dict[str, set[str]] = {}
            for table, values in todo:
                for column, parent in links_of(table):
                    value = values.get(column) if values else None
                    if parent is not None and isinstance(value, str):
                        wanted.setdefault(parent, set()).add(value)
            if not wanted:
                return
            for parent, ids in wanted.items():
                self.prefetch(parent, sorted(ids))
            todo = [(parent, self._rows.get((parent, i)) or {}) for parent, ids in wanted.items() for i in ids]

    def row(self, table: str, record: str) -> dict[str, Any] | None:
        if (table, record) in self.pending:
            return self.pending[(table, record)]
        if (table, record) not in self._rows:
            self.prefetch(table, [record])
        return self._rows.get((table, record))

    def link_streets(self, table: str, values: dict[str, Any], scoping_only: bool = True
                     ) -> list[tuple[str, str | None]]:
        """(column, street) for each link of a row that is set: the street of the record it points at (GLOBAL
        for a record of no street, None when that record is not held here)."""
        found: list[tuple[str, str | None]] = []
        for column, parent in links_of(table):
            value = values.get(column)
            if value is None or (scoping_only and (table, column) in UNSCOPED):
                continue
            found.append((column, str(value) if parent is None else self.street(parent, str(value))))
        if table in KIND_LINKS:
            kind_column, id_column = KIND_LINKS[table]
            kind_table = self._kind_tables.get(str(values.get(kind_column)))
            if kind_table is not None and values.get(id_column) is not None:
                found.append((id_column, self.street(kind_table, str(values[id_column]))))
        return found

    def street(self, table: str, record: str, values: dict[str, Any] | None = None) -> str | None:
        """The record's street; GLOBAL for records every node sees; MIXED for a row linking different streets;
        None when it cannot be told (the record, or one it links to, is not held here)."""
        key = (table, record)
        if values is None and key in self._streets:
            return self._streets[key]
        if values is None:
            self._streets[key] = None  # a cycle of links ends here
        row = values if values is not None else self.row(table, record)
        result: str | None
        if row is None:
            result = None
        elif table == "attachments":
            result = GLOBAL  # photos follow the records that link them (see streets_of_attachment)
        else:
            result = self._combine(table, row)
        if values is None:
            self._streets[key] = result
        return result

    def _combine(self, table: str, row: dict[str, Any]) -> str | None:
        streets = set()
        for _, street in self.link_streets(table, row):
            if street is None:
                return None
            if street == MIXED:
                return MIXED
            if street != GLOBAL:
                streets.add(street)
        if len(streets) > 1:
            return MIXED
        if streets:
            return streets.pop()
        if WITHOUT_STREET.get(table) == "origin":
            return self.origin_streets.get(str(row.get("origin_node") or ""), GLOBAL)
        return GLOBAL

    def streets_of_attachment(self, attachment_id: str) -> set[str | None]:
        model = self.models.get("record_attachments")
        if model is None:
            return {GLOBAL}
        t = cast(sa.Table, sa.inspect(model).local_table)
        rows = self.conn.execute(sa.select(t.c.id, t.c.record_kind, t.c.record_id)
                                 .where(t.c.attachment_id == uuid.UUID(attachment_id))).all()
        return {self.street("record_attachments", str(r.id)) for r in rows}

    def streets_of_review(self, review_id: str) -> set[str | None]:
        """The streets of the loans a joint review decided on or led to a disposal for."""
        found: set[str | None] = set()
        for table, column in (("joint_review_decisions", "review_id"), ("disposals", "joint_review_id")):
            model = self.models.get(table)
            if model is None:
                continue
            t = cast(sa.Table, sa.inspect(model).local_table)
            for (loan_id,) in self.conn.execute(sa.select(t.c.loan_id).where(t.c[column] == uuid.UUID(review_id))):
                found.add(self.street("loans", str(loan_id)))
        return found


def origin_streets(conn: sa.Connection, node_of: dict[str, str]) -> dict[str, str]:
    """{origin: street} of every enrolled field node's origins (its node id and its later epochs)."""
    from app.models import Peer
    from app.models.enums import NodeRole

    streets = {str(node): str(street) for node, street in conn.execute(
        sa.select(Peer.node_id, Peer.street_code).where(Peer.role == NodeRole.FIELD)) if street}
    result = dict(streets)
    result.update({origin: streets[node] for origin, node in node_of.items() if node in streets})
    return result


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _plain_id(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "value"):
        return value.value
    return value
