"""The unsent count in the main window's status bar, and the notice the Data exchange page gives after it wrote
or read a stick.

There is no change notice for ordinary record saves (app/ui/changes.py has none yet), so the label also looks
again every ``POLL_MS``; the query reads only the unconfirmed tail of this node's log (an index range), so it is
cheap. Where background sync with the hub shows its own line with the same count
(app/ui/exchange/background_sync.py), this label steps aside (``defer_to``). Signals (of
:class:`ExchangeNotices`): exchanged() after any export, import, enrolment or review.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import NodeRole
from app.sync.status import unsent, unsent_text
from app.ui.qtcompat import disconnect, emit

POLL_MS = 15_000
WAITING_COLOR = "#a15c00"
DONE_COLOR = "#1e7a34"


class ExchangeNotices(QObject):
    exchanged = Signal()


_notices: ExchangeNotices | None = None


def notices() -> ExchangeNotices:
    """The one notice board for exchanges (created on first use, on the GUI thread)."""
    global _notices
    if _notices is None:
        _notices = ExchangeNotices()
    return _notices


def notify_exchanged() -> None:
    emit(notices().exchanged)


class UnsentLabel(QLabel):
    """"12 records not yet confirmed by the hub" (field node) or "2 field laptops not yet up to date" (hub)."""

    def __init__(self, store: Store, poll_ms: int = POLL_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("statusUnsent")
        if store.info.role == NodeRole.FIELD:
            self.setToolTip(translate("Exchange", "Write a bundle to the stick on the Data exchange page to send "
                                                  "them."))
        else:
            self.setToolTip(translate("Exchange", "Write bundles for the field laptops on the Data exchange page."))
        #: the "|" before the label in the status bar; hidden with it
        self.separator = QLabel("|")
        self._twin: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        notices().exchanged.connect(self.refresh)
        self._listening = True
        self.refresh()

    def defer_to(self, twin: QWidget, changed: SignalInstance) -> None:
        """Stay hidden while ``twin`` (the background-sync line, which shows the same count) is shown."""
        self._twin = twin
        changed.connect(self._follow_twin)
        self._follow_twin()

    def _follow_twin(self, *_args: object) -> None:
        shown = self._twin is None or self._twin.isHidden()
        self.setVisible(shown)
        self.separator.setVisible(shown)

    def stop(self) -> None:
        """No more looking (the window is shutting down and its store is about to close)."""
        self.timer.stop()
        if self._listening:
            self._listening = False
            disconnect(notices().exchanged, self.refresh)

    def refresh(self) -> None:
        if not self._listening:
            return
        try:
            counts = unsent(self.store)
        except FieldbookError:  # the store is closing (logout); the next window makes its own label
            self.stop()
            return
        self.setText(unsent_text(counts))
        pending = counts.records if counts.role == NodeRole.FIELD else counts.nodes
        color = WAITING_COLOR if pending or not counts.enrolled else DONE_COLOR
        self.setStyleSheet(f"color: {color};")
