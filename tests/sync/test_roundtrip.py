"""Enrolment and a basic exchange: field → hub → field, acknowledgements, idempotence."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import Household, Visit
from app.sync.importer import import_bundle

from .conftest import add_households, add_visits, audit_len, table_state


def test_field_to_hub_and_relay(net):
    n = net(fields=2)
    hub, a, b = n.hub, *n.fields
    households = add_households(hub, 3)
    report = n.send(hub, a)
    assert report.applied == 3
    n.send(hub, b)
    visits = add_visits(a, households, 2)
    report = n.send(a, hub)
    assert report.applied == 6 and report.skipped == 0
    n.send(hub, b)
    assert table_state(b, Visit) == table_state(a, Visit) == table_state(hub, Visit)
    assert set(table_state(b, Visit)) == set(visits)
    for store in (hub, a, b):
        assert store.check() == []


def test_same_bundle_twice_is_a_no_op(net):
    n = net(fields=1)
    hub, a = n.hub, n.fields[0]
    add_households(hub, 2)
    path = n.export(hub, a)
    first = import_bundle(a, path)
    length = audit_len(a)
    second = import_bundle(a, path)
    assert first.applied == 2 and second.already and audit_len(a) == length
    assert a.check() == []


def test_acknowledgement_stops_resending(net):
    n = net(fields=1)
    hub, a = n.hub, n.fields[0]
    ids = add_households(hub, 2)
    n.send(hub, a)
    add_visits(a, ids, 1)
    n.send(a, hub)          # carries a's ack of the hub's households
    report = n.send(hub, a)  # the hub now knows a holds them
    assert report.changes == 0
    with a.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)).scalar() == 2
