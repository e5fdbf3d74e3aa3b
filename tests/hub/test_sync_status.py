"""The background syncer of the main window: rounds through the operations worker, backoff while the hub does
not answer, the status-bar line, and the setting that turns it off."""

from __future__ import annotations

import pytest

from app.settings import SYNC_ENABLED, SYNC_HUB_URL, SYNC_INTERVAL_SECONDS
from app.ui.changes import DataKind, changes
from app.ui.exchange.background_sync import SyncStatus
from app.ui.operations import wait_for_all
from tests.hub.conftest import free_port
from tests.sync.conftest import add_households, table_state

pytestmark = pytest.mark.slow


def test_background_rounds_sync_and_show_the_state(qtbot, sqlite_mesh):
    from app.models import Household

    net = sqlite_mesh(fields=1)
    server = net.serve()
    (a,) = net.fields
    add_households(a, 3)
    add_households(net.hub, 1)
    a.set_setting(SYNC_HUB_URL, server.url)
    status = SyncStatus(a)
    heard: list[frozenset[DataKind]] = []
    changes().data_changed.connect(listen := lambda kinds, _origin: heard.append(kinds))
    try:
        status.start(first_delay_ms=0)
        with qtbot.waitSignal(status.round_finished, timeout=20_000) as finished:
            pass
        assert finished.args == [True]
        wait_for_all()
        assert heard == [frozenset({DataKind.HOUSEHOLDS, DataKind.EXCHANGE})], "the hub's household arrived"
        assert status.failures == 0 and status.error == ""
        assert status.timer.isActive() and status.next_delay_ms == 300_000
        assert "Last sync:" in status.label.text() and "not yet" not in status.label.text()
        assert len(table_state(net.hub, Household)) == 4 and len(table_state(a, Household)) == 4
        status.sync_now()  # a second round brings the hub's acknowledgement: nothing pending
        qtbot.waitUntil(lambda: not status.running, timeout=20_000)
        assert status.pending == 0 and "0 pending" in status.label.text()
    finally:
        changes().data_changed.disconnect(listen)
        status.stop()


def test_backoff_doubles_while_the_hub_does_not_answer(qtbot, sqlite_mesh):
    net = sqlite_mesh(fields=1)
    (a,) = net.fields
    add_households(a, 2)
    a.set_setting(SYNC_HUB_URL, f"http://127.0.0.1:{free_port()}")
    a.set_setting(SYNC_INTERVAL_SECONDS, 60)
    status = SyncStatus(a)
    try:
        delays = []
        for _ in range(3):
            with qtbot.waitSignal(status.round_finished, timeout=20_000) as finished:
                status.sync_now()
            assert finished.args == [False]
            qtbot.waitUntil(lambda: not status.running, timeout=5000)
            delays.append(status.next_delay_ms)
        assert delays == [60_000, 120_000, 240_000]
        assert "does not answer" in status.error and status.label.toolTip() == status.error
        assert "2 pending" in status.label.text() and "retry in 4 min" in status.label.text()
        status.failures = 20
        assert status.backoff_ms() == 3600 * 1000
        assert status.backoff_ms(retry_after=7200) == 7200 * 1000
    finally:
        status.stop()


def test_nothing_runs_when_turned_off_or_on_a_hub(qtbot, sqlite_mesh):
    net = sqlite_mesh(fields=1)
    (a,) = net.fields
    status = SyncStatus(a)
    try:
        status.start()
        assert not status.active() and status.label.isHidden() and not status.timer.isActive()  # no address
        a.set_setting(SYNC_HUB_URL, "http://127.0.0.1:9")
        status.start()
        assert status.active() and status.timer.isActive()
        a.set_setting(SYNC_ENABLED, False)
        status.start()
        assert not status.active() and not status.timer.isActive()
    finally:
        status.stop()
    hub_status = SyncStatus(net.hub)
    try:
        net.hub.set_setting(SYNC_HUB_URL, "http://127.0.0.1:9")
        hub_status.start()
        assert not hub_status.active()
    finally:
        hub_status.stop()
