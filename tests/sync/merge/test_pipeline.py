"""The pipeline as a whole, without a bundle file: the steps in their order over one bundle's content, inside the
import's single transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import Household, Peer, Visit
from app.sync.bundle import LIMITS, Header, Opened
from app.sync.export import collect
from app.sync.merge.context import ChangeRefused
from app.sync.merge.pipeline import apply_bundle
from app.sync.vector import version_vector
from tests.sync.conftest import OTHER_STREET, add_households, add_visits, audit_len


def opened_from(sender, recipient, bundle_seq: int = 1) -> Opened:
    """What a verified bundle from ``sender`` to ``recipient`` would hold."""
    with sender.engine.connect() as conn, sender.read() as session:
        changes, ranges, _ = collect(conn, sender, session.get(Peer, recipient.info.node_id))
        ack = version_vector(conn, sender.info.node_id)
    header = Header(1, 1, {"bundle_id": f"{sender.info.node_id[:8]}-{bundle_seq}", "sender": sender.info.node_id,
                           "bundle_seq": bundle_seq, "ranges": ranges, "ack": ack}, b"")
    return Opened(header, {}, changes, {}, "0" * 64)


def apply(store, opened):
    with store.write() as session:
        return apply_bundle(session, store, opened, LIMITS, lambda: store.clock._wall())


def test_a_bundle_is_applied_once(net):
    n = net(fields=1)
    hub, field = n.hub, n.fields[0]
    households = add_households(hub, 2)
    n.send(hub, field)
    add_visits(field, households, 2)
    with field.write() as session:
        session.get(Household, households[0]).phone = "13900000000"  # a correction: a proposal at the hub
    opened = opened_from(field, hub)
    outcome = apply(hub, opened)
    assert (outcome.already, outcome.applied, outcome.proposals, outcome.skipped, outcome.conflicts) == (
        False, 4, 1, 0, 0)
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Visit)).scalar() == 4
    assert hub.check() == []
    again = apply(hub, opened)
    assert again.already and again.skipped == 5
    renamed = Opened(Header(1, 1, dict(opened.header.fields, bundle_id="another", bundle_seq=2), b""), {},
                     opened.changes, {}, "1" * 64)
    assert apply(hub, renamed).skipped == 5  # another bundle with the same changes: all held already


def test_a_refusal_in_any_step_leaves_nothing_behind(net):
    n = net(fields=1)
    hub, field = n.hub, n.fields[0]
    add_households(field, 1)
    add_households(field, 1, street=OTHER_STREET)  # outside the laptop's street: refused in the scope step
    before = audit_len(hub)
    with pytest.raises(ChangeRefused, match="outside its street"):
        apply(hub, opened_from(field, hub))
    assert audit_len(hub) == before
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)).scalar() == 0
