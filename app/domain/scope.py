"""The street-scope rule, in one place: a field node sees and writes only its own street; the hub sees all.

Every query of households, loans and the records hanging off them narrows itself with :func:`scope_street`;
lists of streets offered to the user come from :func:`visible_streets`.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.storelike import StoreLike
from app.models import Street
from app.models.enums import NodeRole


def scope_street(store: StoreLike) -> str | None:
    """The street a node may see: its own on a field node, None (all) on the hub."""
    return store.info.street_code if store.info.role == NodeRole.FIELD.value else None


def in_scope(street_code: str | None, scope: str | None) -> bool:
    """Whether a record of ``street_code`` lies within ``scope`` (a street code, or None for all)."""
    return not scope or street_code == scope


def visible_streets(session: Session, scope: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the streets within ``scope``, by code."""
    stmt = sa.select(Street.code, Street.name).order_by(Street.code)
    if scope:
        stmt = stmt.where(Street.code == scope)
    return [(code, name) for code, name in session.execute(stmt)]
