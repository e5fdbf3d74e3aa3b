"""The street a record belongs to (a field node's certificate scope), following its links: a household's street,
a loan's or an anomaly's household, a photo link's record. Used twice: the hub refuses a field node's change outside
its street (the ``authorize`` step, app/sync/merge/authorize.py), and relays to a field node only the changes of its
street (app/sync/export.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

import sqlalchemy as sa

from app.sync.tables import synced_models

GLOBAL = ""  # records every node sees (banks, reference data)


class ScopeResolver:
    """The street a record belongs to, following its links (household, loan, anomaly, linked record), looking at
    rows about to be written (``pending``, plain values) before the database. Lookups are cached and can be
    prefetched per table in batches."""

    LINKS = (("street_code", None), ("household_id", "households"), ("loan_id", "loans"),
             ("anomaly_id", "anomalies"))

    def __init__(self, conn: sa.Connection, pending: dict[tuple[str, str], dict[str, Any]] | None = None) -> None:
        self.conn = conn
        self.pending = pending if pending is not None else {}
        self.models = synced_models()
        self._rows: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._streets: dict[tuple[str, str], str | None] = {}
        self._kind_tables = self._record_kinds()

    @staticmethod
    def _record_kinds() -> dict[str, str]:
        try:
            from app.models.records import RECORD_MODELS
        except ImportError:  # pragma: no cover
            return {}
        return {str(kind.value): str(sa.inspect(model).local_table.name) for kind, model in RECORD_MODELS.items()}

    def _link_columns(self, table: str) -> list[str]:
        model = self.models.get(table)
        if model is None:
            return []
        names = set(cast(sa.Table, sa.inspect(model).local_table).c.keys())
        wanted = [c for c, _ in self.LINKS] + ["record_kind", "record_id"]
        return [c for c in wanted if c in names]

    def prefetch(self, table: str, ids: Iterable[str]) -> None:
        model = self.models.get(table)
        columns = self._link_columns(table)
        todo = [i for i in ids if (table, i) not in self._rows and (table, i) not in self.pending]
        if model is None or not todo:
            return
        if not columns:  # nothing links this table to a street: every node sees it
            self._rows.update({(table, i): {} for i in todo})
            return
        t = cast(sa.Table, sa.inspect(model).local_table)
        for start in range(0, len(todo), 500):
            part = todo[start:start + 500]
            for i in part:
                self._rows[(table, i)] = None
            keys = [uuid.UUID(i) for i in part if _is_uuid(i)]
            for row in self.conn.execute(sa.select(t.c.id, *[t.c[c] for c in columns]).where(t.c.id.in_(keys))):
                values = dict(row._mapping)
                self._rows[(table, str(values.pop("id")))] = {k: _plain_id(v) for k, v in values.items()}

    def prefetch_links(self, rows: Iterable[dict[str, Any]]) -> None:
        """Prefetch the parents (households, loans, anomalies) that ``rows`` link to, in batches."""
        wanted: dict[str, set[str]] = {}
        for row in rows:
            for column, parent in self.LINKS:
                value = row.get(column)
                if parent is not None and isinstance(value, str):
                    wanted.setdefault(parent, set()).add(value)
        for parent in ("anomalies", "loans", "households"):
            self.prefetch(parent, sorted(wanted.get(parent, ())))
        extra = {str(r.get("household_id")) for (t, _), r in self._rows.items()
                 if t in ("anomalies", "loans") and r and r.get("household_id")}
        self.prefetch("households", sorted(extra))

    def _row(self, table: str, record: str) -> dict[str, Any] | None:
        if (table, record) in self.pending:
            return self.pending[(table, record)]
        if (table, record) not in self._rows:
            self.prefetch(table, [record])
        return self._rows.get((table, record))

    def street(self, table: str, record: str, values: dict[str, Any] | None = None) -> str | None:
        """The record's street; GLOBAL for records with no street; None when it cannot be told (missing)."""
        key = (table, record)
        if values is None and key in self._streets:
            return self._streets[key]
        row = values if values is not None else self._row(table, record)
        result: str | None
        if row is None:
            result = None
        elif table == "attachments":
            result = GLOBAL  # photos follow the records that link them (see streets_of_attachment)
        elif table == "record_attachments" and row.get("record_kind") in self._kind_tables:
            result = self.street(self._kind_tables[str(row["record_kind"])], str(row.get("record_id")))
        else:
            result = GLOBAL
            for column, parent in self.LINKS:
                value = row.get(column)
                if value is None:
                    continue
                result = str(value) if parent is None else self.street(parent, str(value))
                break
        if values is None:
            self._streets[key] = result
        return result

    def streets_of_attachment(self, attachment_id: str) -> set[str | None]:
        model = self.models.get("record_attachments")
        if model is None:
            return {GLOBAL}
        t = cast(sa.Table, sa.inspect(model).local_table)
        rows = self.conn.execute(sa.select(t.c.id, t.c.record_kind, t.c.record_id)
                                 .where(t.c.attachment_id == uuid.UUID(attachment_id))).all()
        return {self.street("record_attachments", str(r.id)) for r in rows}


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
