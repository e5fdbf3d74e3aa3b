"""Issues 16 and 17: a stolen laptop's replacement, restored from the last backup with ``--new-identity``, becomes
a new node (new id and keys, enrolled afresh) and loses nothing: the work in the backup that the hub never
received travels again as the new node's own, exactly once; the revoked identity stays refused."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.db.backup import create_backup, restore_backup
from app.db.store import Store
from app.errors import FieldbookError
from app.models import Peer, Visit
from app.sync import enroll, status
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
from app.sync.keys import node_keys
from tests.conftest import ADMIN, PASSWORD
from tests.sync.conftest import add_households, add_visits, enroll_field


def _visits(store) -> list:
    with store.read() as session:
        return list(session.execute(sa.select(Visit.id).where(Visit.deleted.is_(False))).scalars())


def test_a_replacement_restored_as_a_new_node_delivers_the_unsent_work_once(net, tmp_path):
    network = net(1)
    hub, stolen = network.hub, network.fields[0]
    households = add_households(stolen, 2)
    synced = set(add_visits(stolen, households))
    network.send(stolen, hub)
    network.send(hub, stolen)  # the laptop learns what the hub holds
    unsent = set(add_visits(stolen, households, n=2))  # after the last sync, before the backup
    backup = create_backup(stolen, tmp_path / "usb")
    thief_bundle = network.export(stolen, hub)  # what a thief could still send under the stolen identity
    old_id, old_keys = stolen.info.node_id, node_keys(stolen).public.fingerprint

    enroll.revoke(hub, old_id)
    folder = tmp_path / "replacement"
    report = restore_backup(backup, folder, ADMIN, PASSWORD, new_identity=True)
    assert report.new_identity and report.node_id != old_id and report.recorded_again >= len(unsent)
    replacement = Store.open(folder, ADMIN, PASSWORD)
    try:
        assert replacement.info.node_id == report.node_id
        assert node_keys(replacement).public.fingerprint != old_keys
        assert set(_visits(replacement)) == synced | unsent  # the data is kept
        with replacement.read() as session:
            assert all(not p.certificate for p in session.execute(sa.select(Peer)).scalars())
        enroll_field(hub, replacement, tmp_path / "enrol-again")

        network.send(replacement, hub)
        later = set(add_visits(replacement, households))
        network.send(replacement, hub)
        network.send(hub, replacement)
        at_hub = _visits(hub)
        assert sorted(at_hub) == sorted(synced | unsent | later)  # everything, each exactly once
        assert set(_visits(replacement)) == set(at_hub)
        # and the replacement knows it: the hub's acknowledgement counts, though the hub numbers its bundles to the
        # new node from 1 again (the stolen identity's numbers came back with the backup)
        assert status.unsent(replacement).records == 0
        assert replacement.check(full=True) == [] and hub.check(full=True) == []
        # nothing more to send, nothing doubled by a second round
        again = network.export(replacement, hub)
        assert again is None or import_bundle(hub, again).applied == 0

        # the revoked identity stays refused, with what it had and with anything new
        assert thief_bundle is not None
        with pytest.raises(FieldbookError):
            import_bundle(hub, thief_bundle)
        add_visits(stolen, households)
        with pytest.raises(FieldbookError):
            import_bundle(hub, export_bundles(stolen, tmp_path / "thief", to=hub.info.node_id)[0].path)
        assert sorted(_visits(hub)) == sorted(at_hub)
    finally:
        replacement.close()


def test_only_a_field_node_is_restored_as_a_new_node(net, tmp_path):
    hub = net(1).hub
    backup = create_backup(hub, tmp_path / "usb")
    with pytest.raises(FieldbookError, match="field node"):
        restore_backup(backup, tmp_path / "other-hub", ADMIN, PASSWORD, new_identity=True)


@pytest.mark.slow
def test_restore_new_identity_from_the_command_line(tmp_path):
    from tests.sync.test_cli import ok, run

    hub, field, spare = tmp_path / "hub", tmp_path / "field", tmp_path / "spare"
    ok(run(hub, "init", "--role", "hub", "--name", "枢纽", "--admin", "admin"))
    ok(run(field, "init", "--role", "field", "--name", "外业", "--street", "610111001", "--admin", "admin"))
    ok(run(field, "enroll", "request", "--out", str(tmp_path / "req.json")))
    ok(run(hub, "enroll", "approve", str(tmp_path / "req.json"), "--out", str(tmp_path / "cert.json")))
    ok(run(field, "enroll", "accept", str(tmp_path / "cert.json")))
    ok(run(field, "backup", "--out", str(tmp_path / "usb")))
    stolen_id = json.loads((field / "node.json").read_text())["node_id"]
    ok(run(hub, "enroll", "revoke", stolen_id))
    restored = ok(run(spare, "restore", str(next((tmp_path / "usb").glob("*.fbk"))), "--new-identity"))
    assert "new node" in restored
    assert json.loads((spare / "node.json").read_text())["node_id"] != stolen_id
    ok(run(spare, "check", "--full"))
    ok(run(spare, "enroll", "request", "--out", str(tmp_path / "req2.json")))
    ok(run(hub, "enroll", "approve", str(tmp_path / "req2.json"), "--out", str(tmp_path / "cert2.json")))
    ok(run(spare, "enroll", "accept", str(tmp_path / "cert2.json")))
    ok(run(spare, "bundle", "export", "--out", str(tmp_path / "stick")))
    assert "changes applied" in ok(run(hub, "bundle", "import", str(tmp_path / "stick")))
