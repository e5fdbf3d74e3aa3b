"""Helpers for the unit tests of the merge pipeline's steps: real encrypted stores, changes as a bundle carries
them (taken from a real log, or written by hand), and an enrolled-looking peer."""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.db.hlc import Stamp
from app.models import AuditEntry, Household, Peer
from app.models.enums import NodeRole
from app.sync.merge.context import MergeContext
from app.sync.tables import synced_models
from tests.sync.conftest import STREET, citizen_id

#: a field node's id (no store behind it: changes "from" it are written by hand)
FIELD = "f1e1d000-0000-4000-8000-000000000001"
OTHER_FIELD = "f1e1d000-0000-4000-8000-000000000002"
NOW_MS = 1_714_521_600_000  # 2024-05-01


@pytest.fixture
def hub(make_node, tmp_path):
    return make_node(role="hub", folder=tmp_path / "hub", name="枢纽")[0]


@contextmanager
def rolled_back(store):
    """A connection in a transaction that is rolled back at the end (the steps write nothing lasting)."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            yield conn
        finally:
            transaction.rollback()


def stamp(millis: int, node: str, counter: int = 0) -> str:
    return str(Stamp(millis, counter, node))


def change(origin: str = FIELD, seq: int = 1, table: str = "visits", record: str | None = None,
           new: dict | None = None, old: dict | None = None, action: str = "update", millis: int = NOW_MS,
           actor: str = "cadre") -> dict:
    """One change as a bundle carries it."""
    return {"origin": origin, "seq": seq, "hlc": stamp(millis, origin), "action": action, "table": table,
            "record": record or str(uuid.uuid4()), "actor": actor,
            "data": {"new": dict(new or {}), **({"old": old} if old is not None else {})}}


def logged(store) -> list[dict]:
    """The store's own synced changes, in the shape a bundle carries them."""
    with store.read() as session:
        rows = session.execute(sa.select(AuditEntry).where(AuditEntry.local.is_(False))
                               .order_by(AuditEntry.seq)).scalars()
        return [{"origin": e.origin_node, "seq": e.origin_seq, "hlc": e.hlc, "action": e.action,
                 "table": e.table_name, "record": e.record_id, "actor": e.actor, "data": json.loads(e.data)}
                for e in rows]


def add_household(store, street: str = STREET, n: int = 1) -> uuid.UUID:
    with store.write() as session:
        household = Household(street_code=street, head_name=f"户主{n}", head_citizen_id=citizen_id(n * 7919))
        session.add(household)
        session.flush()
        return household.id


def field_peer(node_id: str = FIELD, street: str = STREET) -> Peer:
    return Peer(node_id=node_id, role=NodeRole.FIELD, street_code=street, sign_public=b"", box_public=b"",
                fingerprint="", acked="{}", acked_bundle_seq=0)


def context(conn, store, sender: Peer, bundle_id: str = "b1") -> MergeContext:
    return MergeContext(conn, store.info.node_id, sender, store.info.role == NodeRole.HUB, bundle_id,
                        synced_models())
