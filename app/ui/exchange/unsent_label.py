"""The unsent count in the main window's status bar.

It looks again after every notice of the change board (app/ui/changes.py): a record written here adds to the count,
a bundle written or read or a sync round with the hub takes from it. It also looks every ``POLL_MS``, for a write
that sends no notice; the query reads only the unconfirmed tail of this node's log (an index range), so it is
cheap. Where background sync with the hub shows its own line with the same count
(app/ui/exchange/background_sync.py), this label steps aside (``defer_to``) and, hidden, looks again when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import NodeRole
from app.sync.status import unsent, unsent_text
from app.ui.changes import ALL_DATA, on_data_changed

POLL_MS = 15_000
WAITING_COLOR = "#a15c00"
DONE_COLOR = "#1e7a34"


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
        self._listening = True
        on_data_changed(self, ALL_DATA, self.refresh)
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
        self._listening = False

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
