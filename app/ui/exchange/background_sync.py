"""Background sync of a field node with its hub, and its line in the main window's status bar.

Every ``SYNC_INTERVAL_SECONDS`` a push-and-pull round (:func:`app.sync.http_client.sync_round`) runs through the
one background-operation helper (app/ui/operations.py), so its database writes queue with the window's own. While
the hub does not answer, the wait doubles after each failure (up to an hour; a busy hub's Retry-After is
honoured), and returns to the interval after the next success. The status bar shows the last successful sync, the
records not yet acknowledged by the hub, and the last error. ``SYNC_ENABLED`` off, an empty ``SYNC_HUB_URL``, a hub
node or a node not enrolled yet: nothing runs and the label is hidden. A round that moved bundles tells the change
board (app/ui/changes.py) the kinds of the tables the pulled bundles touched, and ``EXCHANGE``, so the pages and the
unsent count show what arrived.

Signals: status_changed(text) after every change of the label; round_finished(ok) after every round.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import NodeRole
from app.settings import SYNC_ENABLED, SYNC_HUB_URL, SYNC_INTERVAL_SECONDS
from app.ui.changes import changes, kinds_of_tables, notify
from app.ui.operations import CancelToken, run_in_background
from app.ui.qtcompat import disconnect, emit

if TYPE_CHECKING:
    from app.sync.http_client import RoundReport

log = logging.getLogger(__name__)
#: the longest wait between two attempts while the hub does not answer
MAX_BACKOFF_SECONDS = 3600
#: the first round after the window opens
FIRST_ROUND_MS = 3000
#: one request waits this long for the hub in the background (the worker is shared with the window's jobs)
REQUEST_TIMEOUT_SECONDS = 10.0
_KEYS = {SYNC_ENABLED.key, SYNC_HUB_URL.key, SYNC_INTERVAL_SECONDS.key}


class SyncStatus(QObject):
    """Runs sync rounds in the background and keeps ``label`` (a status-bar widget) up to date."""

    status_changed = Signal(str)
    round_finished = Signal(bool)

    def __init__(self, store: Any, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.setVisible(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self.failures = 0
        self.last_success: float | None = None
        self.error = ""
        self.pending = 0
        self.next_delay_ms = 0
        self.running = False
        self._stopped = False
        changes().setting_changed.connect(self._setting_changed)

    # -- settings -----------------------------------------------------------------------------------------------
    def hub_url(self) -> str:
        return str(self.store.setting(SYNC_HUB_URL)).strip()

    def active(self) -> bool:
        return (not self._stopped and self.store.info.role == NodeRole.FIELD
                and bool(self.store.setting(SYNC_ENABLED)) and bool(self.hub_url()))

    def interval_ms(self) -> int:
        return int(self.store.setting(SYNC_INTERVAL_SECONDS)) * 1000

    def backoff_ms(self, retry_after: int = 0) -> int:
        """The wait after ``failures`` failed rounds in a row: the interval, doubled for every failure."""
        base = self.interval_ms() // 1000
        seconds = int(min(MAX_BACKOFF_SECONDS, base * 2 ** min(max(self.failures - 1, 0), 12)))
        return max(seconds, retry_after) * 1000

    def _setting_changed(self, key: str) -> None:
        if key in _KEYS:
            self.start()

    # -- rounds -------------------------------------------------------------------------------------------------
    def start(self, first_delay_ms: int = FIRST_ROUND_MS) -> None:
        self.timer.stop()
        if self.active():
            self._schedule(first_delay_ms)
        self._show()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        disconnect(changes().setting_changed, self._setting_changed)

    def _schedule(self, delay_ms: int) -> None:
        self.next_delay_ms = delay_ms
        self.timer.start(delay_ms)

    def sync_now(self) -> None:
        if self.running or not self.active():
            return
        self.running = True
        self.timer.stop()
        url, store = self.hub_url(), self.store

        def job(token: CancelToken) -> tuple[RoundReport, int]:
            from app.sync.http_client import HubClient, pending_records, sync_round
            from app.sync.keys import node_keys

            client = HubClient(url, node_keys(store), timeout=REQUEST_TIMEOUT_SECONDS, busy_wait=0)
            report = sync_round(store, url, client=client)
            return report, pending_records(store)

        run_in_background(None, job, on_success=self._succeeded, on_error=self._failed,
                          on_finished=self._finished, title=translate("Sync", "Syncing with the hub…"),
                          cancellable=False, progress_delay_ms=2**31 - 1)

    def _succeeded(self, result: tuple[RoundReport, int]) -> None:
        report, self.pending = result
        self.failures, self.error = 0, ""
        self.last_success = self.clock()
        if self.active():
            self._schedule(self.interval_ms())
        if report.pushed_bundles or report.pulled_bundles:
            notify(kinds_of_tables(report.tables))
        emit(self.round_finished, True)

    def _failed(self, exc: FieldbookError) -> None:
        self.failures += 1
        self.error = str(exc)
        log.info("background sync failed (%d in a row): %s", self.failures, type(exc).__name__)
        try:
            from app.sync.http_client import pending_records

            self.pending = pending_records(self.store)
        except FieldbookError:
            pass
        if self.active():
            self._schedule(self.backoff_ms(int(getattr(exc, "retry_after", 0) or 0)))
        emit(self.round_finished, False)

    def _finished(self) -> None:
        self.running = False
        self._show()

    # -- the label ----------------------------------------------------------------------------------------------
    def text(self) -> str:
        if self.last_success is None:
            when = translate("Sync", "not yet")
        else:
            when = dt.datetime.fromtimestamp(self.last_success).strftime("%m-%d %H:%M")
        text = translate("Sync", "Last sync: {when} · {n} pending", when=when, n=self.pending)
        if self.error:
            text += " · " + translate("Sync", "hub not reachable, retry in {minutes} min",
                                      minutes=max(1, round(self.next_delay_ms / 60_000)))
        return text

    def _show(self) -> None:
        visible = self.active()
        self.label.setVisible(visible)
        if not visible:
            return
        text = self.text()
        self.label.setText(text)
        self.label.setToolTip(self.error)
        self.label.setStyleSheet("color: #a15c00;" if self.error else "")
        emit(self.status_changed, text)
