"""Issue 16.1: a field laptop restored from an older backup loses nothing. Before issue 16 its next changes reused
``(origin, seq)`` pairs the hub already held: the hub said "0 new", ``sync`` exited 0, and the work recorded after
the restore never reached the hub, nor what was recorded after the backup came back to the laptop."""

from __future__ import annotations

import sqlalchemy as sa

from app.db.backup import create_backup, restore_backup
from app.db.store import Store
from app.models import NodeEpoch, Visit
from app.sync.importer import import_bundle
from tests.conftest import ADMIN, PASSWORD
from tests.sync.conftest import add_households, add_visits


def _visits(store) -> set:
    with store.read() as session:
        return set(session.execute(sa.select(Visit.id).where(Visit.deleted.is_(False))).scalars())


def _restore(net, field, backup):
    folder = field.paths.root
    field.close()
    field.engine.dispose()
    restore_backup(backup, folder, ADMIN, PASSWORD)
    restored = Store.open(folder, ADMIN, PASSWORD)
    net.fields[0] = restored
    return restored


def test_a_restored_laptop_sends_its_new_work_and_gets_back_what_it_had_sent(net, tmp_path):
    network = net(1)
    hub, field = network.hub, network.fields[0]
    households = add_households(field, 2)
    before = set(add_visits(field, households))
    network.send(field, hub)
    backup = create_backup(field, tmp_path / "usb")
    after_backup = set(add_visits(field, households))  # recorded after the backup, sent, then lost by the restore
    network.send(field, hub)
    assert after_backup <= _visits(hub)

    field = _restore(network, field, backup)
    assert _visits(field) == before
    with field.read() as session:
        epoch = session.execute(sa.select(NodeEpoch)).scalar_one()
    assert epoch.node_id == field.info.node_id and epoch.reason == "restore"
    assert field.audit.origin == str(epoch.id) != field.info.node_id
    after_restore = set(add_visits(field, households))

    report = network.send(field, hub)
    assert report.applied >= len(after_restore) + 1  # the new visits and the epoch announcement
    assert after_restore <= _visits(hub)
    network.send(hub, field)
    assert _visits(field) == before | after_backup | after_restore == _visits(hub)
    assert field.check() == [] and hub.check() == []

    # and the laptop goes on as any other: a later change travels, nothing is sent twice
    later = set(add_visits(field, households))
    network.send(field, hub)
    assert later <= _visits(hub)
    again = network.export(field, hub)
    assert again is None or import_bundle(hub, again).applied == 0


def test_a_second_restore_starts_another_epoch(net, tmp_path):
    network = net(1)
    hub, field = network.hub, network.fields[0]
    households = add_households(field, 1)
    backup = create_backup(field, tmp_path / "usb")
    first = set(add_visits(field, households))
    network.send(field, hub)
    field = _restore(network, field, backup)
    second = set(add_visits(field, households))
    network.send(field, hub)
    field = _restore(network, field, backup)  # the same old backup again: a third origin
    third = set(add_visits(field, households))
    network.send(field, hub)
    network.send(hub, field)
    with field.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(NodeEpoch)).scalar() == 2
    assert first | second | third <= _visits(hub)
    assert _visits(field) == _visits(hub)
