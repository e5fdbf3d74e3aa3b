"""What the demo of a field node holds of the hub's work: as if the hub had sent it.

A field node never makes the hub's records (app/models/ownership.py: the bank's loans, disposal decisions, the
district's fund and programmes...); it receives them. So the demo writes those rows on a field node under a hub's
origin (:data:`DEMO_HUB`), with that origin's own sequence numbers, as the merge records what a hub sent: the
node's own change log holds only what a field node may make, its bundles never carry the hub's work (the hub would
refuse them), and the domain's rule for real users stays as it is. On a hub every row is the node's own.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.models.enums import NodeRole
from app.models.ownership import FIELD_NODE, OWNERSHIP, may_insert, may_move, may_set

#: the origin of the hub's records on a demo field node: a name of no real node, never the id of a hub it may be
#: enrolled with (its version vector would then claim that hub's changes it never received)
DEMO_HUB = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://fieldbook.invalid/demo-hub"))


def hub_origin(store: Any) -> str | None:
    """The origin the hub's records carry on ``store``: None on a hub (its own), :data:`DEMO_HUB` on a field node."""
    return DEMO_HUB if store.info.role == NodeRole.FIELD.value else None


def made_at_hub(table: str, row: dict[str, Any] | None = None) -> bool:
    """Whether no user of a field node could have made ``table``'s rows (or this ``row``: one with a hub-only
    field set, a sign-off for instance, or in a state only the hub starts it in)."""
    if not may_insert(FIELD_NODE, table):
        return True
    if row is None:
        return False
    rule = OWNERSHIP[table]
    if any(row.get(name) not in (None, "", False) and not may_set(FIELD_NODE, table, name) for name in rule.fields):
        return True
    return any(name in row and not may_move(FIELD_NODE, table, name, None, str(getattr(row[name], "value",
                                                                                       row[name])))
               for name in rule.states)


@contextmanager
def from_hub(store: Any, origin: str | None) -> Iterator[None]:
    """Changes written in the block carry ``origin`` (:func:`hub_origin`; None: the node's own)."""
    with store.audit.writing_as(origin):
        yield


def split(model: type[Any], rows: list[dict[str, Any]], origin: str | None
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the node's own rows, the hub's rows) of ``rows``: all the node's own on a hub (``origin`` None)."""
    if origin is None or not rows:
        return rows, []
    table = str(model.__tablename__)
    made = [made_at_hub(table, row) for row in rows]
    return [r for r, m in zip(rows, made, strict=True) if not m], [r for r, m in zip(rows, made, strict=True) if m]


def insert(store: Any, session: Any, model: type[Any], rows: list[dict[str, Any]], origin: str | None) -> None:
    """``bulk_insert`` the rows, those the hub makes (:func:`made_at_hub`) under ``origin`` on a field node."""
    own, hubs = split(model, rows, origin)
    store.audit.bulk_insert(session, model, own)
    with from_hub(store, origin):
        store.audit.bulk_insert(session, model, hubs)


class AtHub:
    """``store`` as the hub's staff work on it, for the domain functions the demo runs to make the hub's records
    on a field node (within :func:`from_hub`): the same checks and workflow, made at the hub."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.info = dataclasses.replace(store.info, role=NodeRole.HUB.value, street_code=None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)
