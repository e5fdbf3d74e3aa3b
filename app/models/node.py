"""This node and the nodes it knows, settings, and small local state."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column, utcnow
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
