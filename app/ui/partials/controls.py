"""Page controls the screens share: buttons disabled with their reason, button and filter rows, the street filter
limited to the node's scope, the bank chooser of a loan named by contract number, the "Export ledger…" button
with its dialog, and a label that shortens its text with "…" where it has no room (the status bar of a netbook)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.db.store import Store
from app.domain.registry import banks
from app.domain.scope import scope_street, visible_streets
from app.i18n import translate
from app.ui.ledger_export import LedgerExportDialog, export_permission_problem

#: the gap between a row of filters and the summary at its end
SUMMARY_GAP = 16


class ElidingLabel(QLabel):
    """A one-line label that may be squeezed: where its text has no room it shows the start of it and "…", with the
    whole text as its tooltip (unless the label has a tooltip of its own). ``text()`` stays the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._own_tip = ""

    def setToolTip(self, text: str) -> None:
        self._own_tip = text
        super().setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("…") * 6), hint.height())

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._own_tip:
            QLabel.setToolTip(self, self.text() if self.shown_text() != self.text() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
        painter.end()


def action_button(text: str, name: str, problem: str = "") -> QPushButton:
    """A page button; disabled with the reason as its tooltip when the user may not use it."""
    button = QPushButton(text)
    button.setObjectName(name)
    if problem:
        button.setEnabled(False)
        button.setToolTip(problem)
    return button


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side from the left, the rest of the row empty."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def filter_bar(*items: QWidget | tuple[str, QWidget], summary: QWidget | None = None) -> QHBoxLayout:
    """Filters in a row: a ``(label, widget)`` pair puts the label before its widget. ``summary`` (a count, a
    total) takes the rest of the row after a gap; without one the row ends empty."""
    row = QHBoxLayout()
    for item in items:
        if isinstance(item, tuple):
            text, item = item
            row.addWidget(QLabel(text))
        row.addWidget(item)
    if summary is None:
        row.addStretch(1)
    else:
        row.addSpacing(SUMMARY_GAP)
        row.addWidget(summary, 1)
    return row


def street_combo(store: Store) -> QComboBox:
    """Streets this node may see: all of them on the hub, only its own (fixed) on a field node."""
    combo = QComboBox()
    combo.setObjectName("streetFilter")
    scope = scope_street(store)
    with store.read() as session:
        known = visible_streets(session, scope)
    if scope:
        name = next((n for code, n in known if code == scope), scope)
        combo.addItem(name, scope)
        combo.setEnabled(False)
        combo.setToolTip(translate("Registry", "This field node sees only its own street."))
    else:
        combo.addItem(translate("Registry", "All streets"), None)
        for code, name in known:
            combo.addItem(name, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def bank_combo(store: Store, name: str) -> QComboBox:
    """"Any bank" and each bank by name, for dialogs that find a loan by contract number (two banks may share
    one; :func:`app.domain.loans.find_loan` then asks for the bank). The data is the bank's name or None."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(translate("Registry", "Any bank"), None)
    with store.read() as session:
        for _bank_id, bank_name in banks(session):
            combo.addItem(bank_name, bank_name)
    return combo


def export_button(store: Store, kind: str, name: str, text: str = "") -> QPushButton:
    """"Export ledger…" (or ``text``) for the ledger ``kind``; disabled with the reason when the role may not."""
    return action_button(text or translate("Ledgers", "Export ledger…"), name, export_permission_problem(store, kind))


def open_ledger_export(parent: QWidget, store: Store, kind: str) -> LedgerExportDialog:
    """The export dialog of the ledger ``kind``, modal to ``parent``'s window."""
    dialog = LedgerExportDialog(store, kind, parent=parent)
    dialog.setModal(True)
    dialog.open()
    return dialog
