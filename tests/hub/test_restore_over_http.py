"""Issue 16.1 over HTTP: after a restore the laptop's ``sync`` pushes its new work under its new epoch, the hub's
acknowledgement names that epoch, and the laptop pulls back what it had sent after the backup."""

from __future__ import annotations

import pytest

from app.db.backup import create_backup, restore_backup
from app.db.store import Store
from app.sync.http_client import pending_records, sync_round
from tests.conftest import ADMIN, PASSWORD
from tests.sync.conftest import add_households, add_visits
from tests.sync.test_restore_epoch import _visits

pytestmark = pytest.mark.slow


def test_sync_after_a_restore_loses_nothing(sqlite_mesh, tmp_path):
    net = sqlite_mesh(fields=1)
    server = net.serve()
    field = net.fields[0]
    households = add_households(field, 2)
    before = set(add_visits(field, households))
    sync_round(field, server.url)
    backup = create_backup(field, tmp_path / "usb")
    after_backup = set(add_visits(field, households))
    sync_round(field, server.url)

    folder = field.paths.root
    field.close()
    field.engine.dispose()
    restore_backup(backup, folder, ADMIN, PASSWORD)
    field = Store.open(folder, ADMIN, PASSWORD)
    net.fields[0] = field
    after_restore = set(add_visits(field, households))
    report = sync_round(field, server.url)
    assert report.applied_at_hub >= len(after_restore)
    sync_round(field, server.url)
    assert _visits(net.hub) == _visits(field) == before | after_backup | after_restore
    assert pending_records(field) == 0
    try:
        assert field.check() == [] and net.hub.check() == []
    finally:
        field.engine.dispose()
