"""The ``merge`` step: field by field, last writer wins by hybrid-logical-clock stamp (whose string order is time,
counter, node id: the tie-break is built in). Changes are merged in stamp order into the current rows, in memory;
nothing is written here (that is the ``write`` step).

- A change to a record not held here is an insert (the row is new) or, for an update, kept as a
  ``missing_record`` conflict.
- A change newer than the row writes every field it carries; when its author had not seen the value it replaces
  (its ``old`` differs from what is here), the overwritten value is kept as a ``field`` conflict.
- A change older than the row writes only the fields that no newer logged change touched; a value that loses to a
  newer one is kept as a ``field`` conflict.
- Bookkeeping fields (who and when) are never a conflict of their own; fixed fields (id, creation) never change.

Conflicts are plain dicts of :class:`~app.models.Conflict` columns (the ``log`` step stores them).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from app.db.hlc import Stamp
from app.models import AuditEntry
from app.sync.merge.context import Change, RecordKey, Row, record_key
from app.sync.merge.ownership import BOOKKEEPING, IMMUTABLE

#: a Conflict row to be stored, as keyword arguments
ConflictRow = dict[str, Any]


def merge_changes(conn: sa.Connection, current: dict[RecordKey, Row], to_apply: list[Change],
                  bundle_id: str) -> list[ConflictRow]:
    """Merge ``to_apply`` into ``current`` (new rows are added, changed fields marked dirty), oldest stamp first;
    return the conflicts found."""
    conflicts: list[ConflictRow] = []
    for change in sorted(to_apply, key=lambda c: c["hlc"]):
        merge_change(conn, current, change, conflicts, bundle_id)
    return conflicts


def merge_change(conn: sa.Connection, current: dict[RecordKey, Row], change: Change, conflicts: list[ConflictRow],
                 bundle_id: str) -> None:
    """Merge one change into ``current``, appending what lost to ``conflicts``."""
    key = record_key(change)
    new, old = change["data"].get("new") or {}, change["data"].get("old") or {}
    row = current.get(key)
    if row is None:
        if change["action"] == "insert":
            values = dict(new)
            values["id"], values["hlc"] = change["record"], change["hlc"]
            current[key] = Row(values, is_new=True, dirty=set(values))
        else:
            conflicts.append({"kind": "missing_record", "table_name": key[0], "record_id": key[1],
                              "loser_value": json.dumps(new, ensure_ascii=False, sort_keys=True),
                              "loser_hlc": change["hlc"], "loser_node": change["origin"], "bundle_id": bundle_id})
        return
    fields = [f for f in new if f not in IMMUTABLE and f != "hlc"]
    row_hlc = str(row.values.get("hlc") or "")
    if change["hlc"] > row_hlc:
        for name in fields:
            here = row.values.get(name)
            if new[name] == here:
                continue
            if name not in BOOKKEEPING and name in old and old[name] != here:
                conflicts.append(field_conflict(key, name, new[name], change["hlc"], here, row_hlc, bundle_id))
            row.values[name] = new[name]
            row.dirty.add(name)
        row.values["hlc"] = change["hlc"]
        row.dirty.add("hlc")
        return
    newer = newer_fields(conn, key, change["hlc"])
    for name in fields:
        if name in BOOKKEEPING or new[name] == row.values.get(name):
            continue
        if name in newer:
            conflicts.append(field_conflict(key, name, row.values.get(name), row_hlc, new[name], change["hlc"],
                                            bundle_id))
        else:
            row.values[name] = new[name]
            row.dirty.add(name)


def field_conflict(key: RecordKey, name: str, winner: Any, winner_hlc: str, loser: Any, loser_hlc: str,
                   bundle_id: str) -> ConflictRow:
    """A value of field ``name`` that lost to ``winner`` (the losing node is told by the loser's stamp)."""
    loser_node = Stamp.parse(loser_hlc).node if loser_hlc else ""
    return {"kind": "field", "table_name": key[0], "record_id": key[1], "field": name,
            "winner_value": json.dumps(winner, ensure_ascii=False), "winner_hlc": winner_hlc,
            "loser_value": json.dumps(loser, ensure_ascii=False), "loser_hlc": loser_hlc,
            "loser_node": loser_node, "bundle_id": bundle_id}


def newer_fields(conn: sa.Connection, key: RecordKey, hlc: str) -> set[str]:
    """The fields of ``key`` that logged changes newer than ``hlc`` wrote."""
    names: set[str] = set()
    for (data,) in conn.execute(sa.select(AuditEntry.data).where(
            AuditEntry.table_name == key[0], AuditEntry.record_id == key[1], AuditEntry.local.is_(False),
            AuditEntry.hlc > hlc)):
        names.update((json.loads(data).get("new") or {}).keys())
    return names


def clock_conflicts(flagged: list[RecordKey], bundle_id: str) -> list[ConflictRow]:
    """One ``clock_ahead`` conflict for each record whose stamp was far ahead of this computer's clock."""
    return [{"kind": "clock_ahead", "table_name": table, "record_id": record, "bundle_id": bundle_id}
            for table, record in flagged]
