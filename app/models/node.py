"""This node and the nodes it knows, settings, and small local state."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced, enum_column, utcnow
from app.models.enums import NodeRole


class Node(Base):
    """A node known here: this installation (``is_self``) and, once enrolment lands, its peers."""

    __tablename__ = "nodes"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    role: Mapped[NodeRole] = enum_column(NodeRole)
    street_code: Mapped[str | None] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"))
    is_self: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked: Mapped[bool] = mapped_column(default=False)


class SettingValue(Base):
    """A value of the settings registry (app/settings.py) stored as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(sa.String(64), default="")


class Meta(Base):
    """Local bookkeeping (last clock stamp, last backup); not user data, so not audited."""

    __tablename__ = "meta"
    __audited__ = False

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)


class NodeEpoch(Synced, Base):
    """One epoch of a node's change log (docs/architecture-notes.md "Epochs").

    A node writes its changes under an *origin* id with sequence numbers 1, 2, 3...; its first origin is its node
    id (epoch 0, no row here). A restore from a backup starts a new epoch: a fresh origin id (this row's ``id``),
    so nothing written after the restore can reuse a sequence number written before it. The row is the first
    change of the new origin (sequence 1), travels like any synced record inside the node's signed bundles, and
    tells every node which node the origin belongs to (ownership follows the node, not the origin).
    ``previous_origin`` and ``previous_seq`` say where the restored log ended.
    """

    __tablename__ = "node_epochs"

    node_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    #: one more than the highest epoch of the node known where it started (for ordering, not unique: a node
    #: restored twice from the same backup can start two epochs of the same number)
    number: Mapped[int]
    previous_origin: Mapped[str] = mapped_column(sa.String(36))
    previous_seq: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(sa.String(20), default="restore")
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
