"""Declarative base, the columns every synced record carries, and enum columns with stable string codes."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: ``info`` of a column holding a code people type (citizen ID, credit code): every way in normalises it
#: (app.domain.codes.normalize_code), values arriving in a bundle too (app/sync/merge/values.py)
CODE: dict[str, Any] = {"code": True}


def utcnow() -> dt.datetime:
    """Naive UTC; every timestamp in the database is UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)

    #: records that write audit/change-log entries when changed (every table but the log itself)
    __audited__: ClassVar[bool] = True
    #: records that travel between nodes (ARCHITECTURE.md "Records and ownership")
    __synced__: ClassVar[bool] = False


def enum_column(enum: type[StrEnum], **kwargs: Any) -> Any:
    return mapped_column(
        sa.Enum(enum, native_enum=False, values_callable=lambda e: [m.value for m in e], length=32,
                validate_strings=True, create_constraint=False),
        **kwargs,
    )


class Synced:
    """Columns of every synced record: UUID key made where it was created, authorship, clock, tombstone."""

    __synced__: ClassVar[bool] = True

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(sa.String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(sa.String(64), default="")
    origin_node: Mapped[str] = mapped_column(sa.String(36), default="")
    #: hybrid-logical-clock stamp of the last change (app/db/hlc.py)
    hlc: Mapped[str] = mapped_column(sa.String(64), default="")
    deleted: Mapped[bool] = mapped_column(default=False)
