"""Several desk users on one hub whose data is in a server database (PostgreSQL) see each other's work.

Writes in this window notify the change board (app/ui/changes.py) themselves; writes in another desk session, or
bundles imported by ``hub serve``, happen in other processes. :class:`ServerWatch` asks the server every few
seconds which tables were written since the last audit entry it saw (``server_link.changes_since``, one indexed
query) and notifies their kinds: pages on screen refresh at once, hidden ones when next shown. A server that does
not answer is asked again at the next tick; the window's own operations report the error.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.cancel import CancelToken
from app.db.engine import is_sqlite
from app.db.server_link import changes_since
from app.db.store import Store
from app.errors import FieldbookError
from app.ui.changes import TABLE_KINDS, DataKind, notify
from app.ui.operations import run_in_background

log = logging.getLogger(__name__)
WATCH_INTERVAL_MS = 4_000


def kinds_written(tables: set[str]) -> set[DataKind]:
    """The kinds whose pages show ``tables``; a table no page lists (peers, bundles, conflicts) is ``EXCHANGE``."""
    return {TABLE_KINDS.get(table, DataKind.EXCHANGE) for table in tables}


class ServerWatch(QObject):
    def __init__(self, store: Store, window: QWidget, interval_ms: int = WATCH_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.last: int | None = None
        self.busy = False
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    @staticmethod
    def wanted(store: Store) -> bool:
        return not is_sqlite(store.engine)

    def start(self) -> None:
        self.running = True
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.running = False
        self.timer.stop()

    def poll(self) -> None:
        if self.busy:
            return
        self.busy = True
        store, after = self.store, self.last

        def job(_token: CancelToken) -> tuple[int, set[str]]:
            with store.read() as session:
                return changes_since(session.connection(), after)

        run_in_background(self.window, job, on_success=self._seen, on_error=self._failed, on_finished=self._finished,
                          cancellable=False, progress_delay_ms=24 * 3_600_000)

    def _seen(self, result: tuple[int, set[str]]) -> None:
        self.last, tables = result
        if tables and self.running:
            notify(kinds_written(tables))

    def _failed(self, exc: FieldbookError) -> None:
        log.info("the server database did not answer: %s", type(exc).__name__)

    def _finished(self) -> None:
        self.busy = False
