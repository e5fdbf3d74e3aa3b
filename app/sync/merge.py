"""Who may write what (ARCHITECTURE.md "Records and ownership"), which street a record belongs to, and how two
versions of one record become one.

Ownership, as enforced on every imported change (a violation refuses the whole bundle, naming the record):

- ``BANK_OWNED`` (loans, repayments, banks, subsidy claims): applied from the hub; from a field node the bundle
  is refused.
- ``HUB_OWNED`` (households, members, poverty status, villages; enterprises, dividends, the fund, campaigns):
  applied from the hub. From a field node a new record is applied (a household found in the field); a change to an
  existing one is kept at the hub as a :class:`~app.models.Proposal` for review and is not applied on arrival: the
  owner's value stands until someone accepts it (:func:`decide_proposal`, which writes a new hub change either
  way, so the field node converges).
- every other synced table (field records, photos, anomaly steps, disposals, reviews...): applied from the hub;
  from a field node a new record must be the sender's own, and only its creating node (or the hub) changes it.

A *submitted field record* (a :class:`~app.models.records.FieldRecord`: visit, use check, anomaly, pre-loan
review, maturity assessment) is never overwritten by anyone: after its insert only ``MUTABLE_FIELDS`` (sign-off,
an anomaly's status) and, from its creator or the hub, the tombstone may change. A field node's changes must also
lie in its own street (the scope of its certificate).

Merging is per field, last writer wins by hybrid-logical-clock stamp (whose string order is time, counter, node
id: the tie-break is built in). When a change overwrites a value its author had not seen (its ``old`` differs
from what is here), or loses to a newer value, the losing value is kept in ``sync_conflicts``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes

from app.db.store import Store
from app.domain.permissions import Permission
from app.errors import ValidationError
from app.i18n import translate
from app.models import Base, Proposal
from app.models.base import utcnow
from app.sync.bundle import BundleRefused

HUB_OWNED = frozenset({"households", "members", "poverty_status_changes", "villages",
                       # app/models/programs.py: enterprises, dividends, the fund, campaigns
                       "enterprises", "enterprise_households", "dividend_schedules", "dividend_payments",
                       "fund_contributions", "fund_payouts", "fund_payout_items", "outreach_campaigns"})
BANK_OWNED = frozenset({"loans", "repayments", "banks", "subsidy_claims"})
SIGN_OFF_FIELDS = frozenset({"signed_off_by", "signed_off_at", "sign_off_note"})
#: fields of a submitted field record that still change in place (app/models/records.py)
MUTABLE_FIELDS: dict[str, frozenset[str]] = {"anomalies": SIGN_OFF_FIELDS | {"status"}}
#: written with every change; never a conflict of their own
BOOKKEEPING = frozenset({"updated_at", "updated_by", "hlc"})
#: fixed at creation
IMMUTABLE = frozenset({"id", "created_at", "created_by", "origin_node"})
#: tables whose id is derived from the content, so the same row may be created on two nodes
CONTENT_ADDRESSED = frozenset({"attachments"})


def synced_models() -> dict[str, type[Base]]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers  # type: ignore[attr-defined]
            if getattr(m.class_, "__synced__", False)}


def is_field_record(table: str) -> bool:
    model = synced_models().get(table)
    if model is None:
        return False
    try:
        from app.models.records import FieldRecord
    except ImportError:  # pragma: no cover - the records module is part of the build
        return False
    return issubclass(model, FieldRecord)


def mutable_fields(table: str) -> frozenset[str]:
    return MUTABLE_FIELDS.get(table, SIGN_OFF_FIELDS)


def _refuse(text: str, **params: object) -> BundleRefused:
    return BundleRefused(translate("Sync", text, **params))


def check_change(change: dict[str, Any], *, hub_id: str, at_hub: bool, row_origin: str | None,
                 sender_name: str) -> str:
    """``"apply"`` or ``"proposal"`` for one change, or raise BundleRefused naming the record."""
    table, record, origin = change["table"], change["record"], change["origin"]
    from_hub = origin == hub_id
    exists = row_origin is not None
    changed = set(change["data"].get("new") or {}) - BOOKKEEPING
    if table in BANK_OWNED:
        if not from_hub:
            raise _refuse("The bundle from {sender} changes {table} record {record}, which only the bank at the "
                          "hub may write; the whole bundle was refused.", sender=sender_name, table=table,
                          record=record)
        return "apply"
    if table in HUB_OWNED:
        if from_hub or not exists:
            return "apply"
        if at_hub:
            return "proposal"
        raise _refuse("The bundle from {sender} changes {table} record {record}, which only the hub may write; "
                      "the whole bundle was refused.", sender=sender_name, table=table, record=record)
    # field-owned records
    if not exists:
        new_origin = (change["data"].get("new") or {}).get("origin_node")
        if change["action"] != "insert" or (new_origin != origin and not from_hub):
            raise _refuse("The bundle from {sender} writes {table} record {record} in the name of another node; "
                          "the whole bundle was refused.", sender=sender_name, table=table, record=record)
        return "apply"
    if change["action"] == "insert" and table in CONTENT_ADDRESSED:
        return "apply"
    owner = from_hub or origin == row_origin
    if is_field_record(table):
        allowed = set(mutable_fields(table)) | ({"deleted"} if owner else set())
        if change["action"] == "insert" or not changed <= allowed:
            raise _refuse("The bundle from {sender} overwrites the submitted record {table} {record}; a submitted "
                          "record is amended by a new version, never overwritten. The whole bundle was refused.",
                          sender=sender_name, table=table, record=record)
        return "apply"
    if not owner:
        raise _refuse("The bundle from {sender} changes {table} record {record}, which was made by another node; "
                      "the whole bundle was refused.", sender=sender_name, table=table, record=record)
    return "apply"


# -- scope -------------------------------------------------------------------------------------------------------
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


# -- proposals ---------------------------------------------------------------------------------------------------
def pending_proposals(store: Store) -> list[Proposal]:
    with store.read() as session:
        return list(session.execute(sa.select(Proposal).where(Proposal.status == "pending")
                                    .order_by(Proposal.hlc)).scalars())


def decide_proposal(store: Store, proposal_id: uuid.UUID, accept: bool) -> None:
    """Accept (the hub writes the proposed values as its own change) or reject (the hub writes its current values
    again, so the proposing node takes them back). Either way a new hub change travels to the field nodes."""
    store.require(Permission.EDIT_HOUSEHOLDS)
    with store.write() as session:
        proposal = session.get(Proposal, proposal_id)
        if proposal is None or proposal.status != "pending":
            raise ValidationError(translate("Sync", "This proposal was decided already."))
        model = synced_models()[proposal.table_name]
        row = session.get(model, uuid.UUID(proposal.record_id))
        if row is None:
            raise ValidationError(translate("Sync", "The record of this proposal no longer exists."))
        new = json.loads(proposal.data).get("new") or {}
        table = cast(sa.Table, sa.inspect(model).local_table)
        for name, value in new.items():
            if name in BOOKKEEPING or name in IMMUTABLE or name not in table.c:
                continue
            if accept:
                setattr(row, name, to_python(table.c[name], value, {}))
            attributes.flag_modified(row, name)
        proposal.status = "accepted" if accept else "rejected"
        proposal.decided_by, proposal.decided_at = store.user.username, utcnow()


def to_python(column: sa.Column[Any], value: Any, blobs: dict[str, bytes]) -> Any:
    """A value as the change log holds it (JSON) → the Python value for the column; ValueError if it does not fit."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, sa.DateTime):
        if not isinstance(value, str):
            raise ValueError(column.name)
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        if not isinstance(value, str):
            raise ValueError(column.name)
        return dt.date.fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        if not isinstance(value, dict) or str(value.get("sha256")) not in blobs:
            raise KeyError(str(value.get("sha256")) if isinstance(value, dict) else column.name)
        return blobs[str(value["sha256"])]
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool | int):
            raise ValueError(column.name)
        return bool(value)
    if isinstance(kind, sa.Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(column.name)
        return value
    if isinstance(kind, sa.String | sa.Text | sa.Enum):
        if not isinstance(value, str):
            raise ValueError(column.name)
        return value
    return value


def conflicts(session: Session, unresolved_only: bool = True) -> list[Any]:
    from app.models import Conflict

    query = sa.select(Conflict).order_by(Conflict.detected_at)
    if unresolved_only:
        query = query.where(Conflict.resolved_at.is_(None))
    return list(session.execute(query).scalars())


def mark_conflict_reviewed(store: Store, conflict_id: uuid.UUID) -> None:
    """A supervisor has looked at a listed conflict: it leaves the review list (the row and its losing value stay,
    with who reviewed it and when). Nothing else changes: the winning value stands."""
    from app.models import Conflict

    store.require(Permission.SIGN_OFF)
    with store.write() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None:
            raise ValidationError(translate("Sync", "This conflict no longer exists."))
        if conflict.resolved_at is not None:
            raise ValidationError(translate("Sync", "This conflict was marked reviewed already."))
        conflict.resolved_by, conflict.resolved_at = store.user.username, utcnow()
