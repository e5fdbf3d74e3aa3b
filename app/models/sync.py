"""Data exchange state (app/sync): this node's key pairs, the peers it is enrolled with, what it has seen of each
origin's change log, the bundles it imported, and what merging left for a person to look at.

None of these tables travel. ``node_keys`` holds private keys: it lives only inside the encrypted database and is
not audited (its values must never be copied into the log); the others are audited as local state.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column, utcnow
from app.models.enums import NodeRole


class NodeKey(Base):
    """This node's Ed25519 signing key and X25519 encryption key (raw private bytes; one row, id 1), and the other
    bundle suites' keys."""

    __tablename__ = "node_keys"
    __audited__ = False  # secret: the log would keep a copy (even hashed values tell nothing useful)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sign_private: Mapped[bytes] = mapped_column(sa.LargeBinary)
    box_private: Mapped[bytes] = mapped_column(sa.LargeBinary)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: the other bundle suites' private keys (SM2, ML-KEM-768, ML-DSA-65; app/sync/suite_keys.py), JSON
    suite_private: Mapped[bytes | None] = mapped_column(sa.LargeBinary, default=None)


class Peer(Base):
    """A node this one exchanges bundles with: at a field node its hub; at the hub every enrolled field node.

    ``roster_version`` is the hub's roster counter when this entry last changed (enrolment or revocation); it only
    increases. ``acked`` is the peer's version vector as carried by its newest bundle (highest ``acked_bundle_seq``);
    ``sent_ack`` is the vector we last sent it, so an export knows whether an acknowledgement alone is worth a file.
    """

    __tablename__ = "sync_peers"

    node_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("nodes.id"), primary_key=True)
    role: Mapped[NodeRole] = enum_column(NodeRole)
    street_code: Mapped[str | None] = mapped_column(sa.String(9), default=None)
    sign_public: Mapped[bytes] = mapped_column(sa.LargeBinary)
    box_public: Mapped[bytes] = mapped_column(sa.LargeBinary)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    #: the signed node certificate (JSON text): issued by the hub for a field node, or this node's own at the field
    certificate: Mapped[str] = mapped_column(sa.Text, default="")
    expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    roster_version: Mapped[int] = mapped_column(default=0)
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    acked: Mapped[str] = mapped_column(sa.Text, default="{}")
    acked_bundle_seq: Mapped[int] = mapped_column(default=0)
    sent_bundle_seq: Mapped[int] = mapped_column(default=0)
    sent_ack: Mapped[str] = mapped_column(sa.Text, default="{}")


class VersionVector(Base):
    """Highest sequence number of each origin's change log that this node holds (or knowingly does not need).

    Bookkeeping derived from imports (like ``meta``), so not audited; the log itself stays the truth.
    """

    __tablename__ = "sync_vector"
    __audited__ = False

    origin_node: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)


class ReceivedBundle(Base):
    """A bundle imported here; its id makes a second import of the same file a no-op."""

    __tablename__ = "sync_received"

    bundle_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    sender: Mapped[str] = mapped_column(sa.String(36), index=True)
    bundle_seq: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(sa.String(64), default="")
    entries: Mapped[int] = mapped_column(default=0)
    applied: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    proposals: Mapped[int] = mapped_column(default=0)
    conflicts: Mapped[int] = mapped_column(default=0)
    quarantined: Mapped[int] = mapped_column(default=0, server_default="0")
    aliased: Mapped[int] = mapped_column(default=0, server_default="0")


class Conflict(Base):
    """Something merging decided that a supervisor should see: a value that lost to a concurrent edit
    (``kind = "field"``), a stamp far ahead of this node's clock (``"clock_ahead"``), or a change to a record
    this node does not hold (``"missing_record"``). Nothing is lost: the losing value is kept here."""

    __tablename__ = "sync_conflicts"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(sa.String(20), index=True)
    table_name: Mapped[str] = mapped_column(sa.String(64))
    record_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    field: Mapped[str] = mapped_column(sa.String(64), default="")
    winner_value: Mapped[str] = mapped_column(sa.Text, default="null")
    winner_hlc: Mapped[str] = mapped_column(sa.String(64), default="")
    loser_value: Mapped[str] = mapped_column(sa.Text, default="null")
    loser_hlc: Mapped[str] = mapped_column(sa.String(64), default="")
    loser_node: Mapped[str] = mapped_column(sa.String(36), default="")
    bundle_id: Mapped[str] = mapped_column(sa.String(36), default="")
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_by: Mapped[str] = mapped_column(sa.String(64), default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Proposal(Base):
    """A field node's change to a hub-owned record (household, member, poverty status, village), kept at the hub
    for review instead of being applied: the owner's value stands until someone accepts the proposal."""

    __tablename__ = "sync_proposals"
    __table_args__ = (sa.UniqueConstraint("origin_node", "origin_seq"),)

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    origin_node: Mapped[str] = mapped_column(sa.String(36))
    origin_seq: Mapped[int]
    hlc: Mapped[str] = mapped_column(sa.String(64))
    actor: Mapped[str] = mapped_column(sa.String(64), default="")
    action: Mapped[str] = mapped_column(sa.String(32))
    table_name: Mapped[str] = mapped_column(sa.String(64))
    record_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    data: Mapped[str] = mapped_column(sa.Text)
    bundle_id: Mapped[str] = mapped_column(sa.String(36), default="")
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_by: Mapped[str] = mapped_column(sa.String(64), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Alias(Base):
    """A record created on another node that this node already held under another id, found by its natural key
    (a household's head citizen ID, a village's street and name, ...: app/sync/merge/alias.py). Every change that
    arrives later for ``alias_id``, or refers to it, is applied to ``canonical_id`` instead. ``origin_node`` and
    ``origin_seq`` name the insert that was aliased (so it counts as received)."""

    __tablename__ = "sync_aliases"
    __table_args__ = (sa.UniqueConstraint("table_name", "alias_id"),)

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    table_name: Mapped[str] = mapped_column(sa.String(64))
    alias_id: Mapped[str] = mapped_column(sa.String(36))
    canonical_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    #: which natural key matched (column names joined by "+")
    natural_key: Mapped[str] = mapped_column(sa.String(100), default="")
    origin_node: Mapped[str] = mapped_column(sa.String(36))
    origin_seq: Mapped[int] = mapped_column(index=True)
    bundle_id: Mapped[str] = mapped_column(sa.String(36), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class QuarantinedChange(Base):
    """A change of an imported bundle that could not be applied (``reason``: the untranslated message and its
    parameters as JSON, shown in the reader's language), kept aside while the rest of the bundle and every later
    bundle apply. A person applies it after fixing the cause, or discards it with a note (app/sync/merge/
    quarantine.py). ``status``: pending → applied | discarded."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (sa.UniqueConstraint("origin_node", "origin_seq"),)

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    origin_node: Mapped[str] = mapped_column(sa.String(36))
    origin_seq: Mapped[int]
    hlc: Mapped[str] = mapped_column(sa.String(64))
    actor: Mapped[str] = mapped_column(sa.String(64), default="")
    action: Mapped[str] = mapped_column(sa.String(32))
    table_name: Mapped[str] = mapped_column(sa.String(64))
    record_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    data: Mapped[str] = mapped_column(sa.Text)
    sender: Mapped[str] = mapped_column(sa.String(36), default="")
    bundle_id: Mapped[str] = mapped_column(sa.String(36), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="{}")
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=1)
    decided_by: Mapped[str] = mapped_column(sa.String(64), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")


class RefusedBundle(Base):
    """A bundle file that was refused as a whole (damaged, forged, from a revoked node, breaking a security rule):
    nothing of it was applied, but the exchange history keeps it with its reason (the untranslated message and its
    parameters as JSON). The same bundle may be refused more than once; each attempt is a row."""

    __tablename__ = "sync_refused"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    bundle_id: Mapped[str] = mapped_column(sa.String(36), default="", index=True)
    sender: Mapped[str] = mapped_column(sa.String(36), default="")
    file_name: Mapped[str] = mapped_column(sa.String(255), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="{}")
    refused_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    refused_by: Mapped[str] = mapped_column(sa.String(64), default="")
