"""Which tables travel between nodes: the models marked ``__synced__`` (app/models), by table name."""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa

from app.models import Base


def synced_models() -> dict[str, type[Base]]:
    """{table name: model} of every synced record."""
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers
            if getattr(m.class_, "__synced__", False)}


def table_of(model: type[Base]) -> sa.Table:
    """The Core table of ``model`` (for executemany and plain selects)."""
    return cast(sa.Table, sa.inspect(model).local_table)
