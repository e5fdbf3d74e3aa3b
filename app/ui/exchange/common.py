"""What the sections of the Data exchange page share: the page seen from a section (:class:`Host`: the store, the
chosen stick, background jobs, the result box, dialogs), table and tab builders, the result box itself, colours."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.db.store import Store
from app.ui.changes import DataKind
from app.ui.exchange.drives import Drive
from app.ui.operations import CancelToken
from app.ui.partials.table import RowsModel, make_table
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR

BUNDLE_FILTER = "Fieldbook (*.fbb)"
ENROLL_FILTER = "Fieldbook (*.json)"
WAITING_COLOR = "#a15c00"
DONE_COLOR = "#1e7a34"

T = TypeVar("T")


class Host(Protocol):
    """The page as its sections use it. ``run`` starts a background job (the page is busy until it ends, then
    reloads; an error is shown in the result box and a message box); ``save_decision`` runs a short write that
    cannot be cancelled. When either has ended the change board hears ``EXCHANGE`` and what the job said it
    ``changed`` (every kind after an error). ``pick_file``/``pick_files`` are the file dialogs (tests replace
    them)."""

    store: Store
    busy: bool
    pick_file: Callable[..., tuple[str, str]]
    pick_files: Callable[..., tuple[list[str], str]]

    def target(self) -> Drive | None: ...

    def start_dir(self) -> str: ...

    def run(self, job: Callable[[CancelToken], T], *, title: str, on_success: Callable[[T], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, cancellable: bool = True) -> None: ...

    def save_decision(self, action: Callable[[], None], changes: Iterable[DataKind] = ()) -> None: ...

    def changed(self, kinds: Iterable[DataKind]) -> None: ...

    def show_result(self, lines: list[tuple[str, bool]]) -> None: ...

    def open_dialog(self, dialog: QWidget) -> None: ...


def table_view(model: RowsModel[Any], name: str, widths: dict[int, int]) -> QTableView:
    """A read-only, single-row-selection view (:func:`app.ui.partials.table.make_table`) with these column widths."""
    return make_table(model, name, [widths.get(column, 0) for column in range(model.columnCount())])


def lay_out_tab(box: QWidget, view: QTableView, *buttons: QPushButton, hint: str = "") -> None:
    """Lay out a tab page in ``box``: the table, then a row of buttons and a hint."""
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.addWidget(view, 1)
    if buttons or hint:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {MUTED_COLOR};")
            row.addWidget(label, 1)
        else:
            row.addStretch(1)
        layout.addLayout(row)


def button(text: str, name: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    return widget


class ResultBox(QFrame):
    """What the last exchange did, in plain words; lines about a refusal in the error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBox")
        self.setStyleSheet("#resultBox { background: #fbfcfe; border: 1px solid #dde3eb; "
                           "border-left: 4px solid #3b5a80; border-radius: 4px; }")
        self.label = QLabel()
        self.label.setObjectName("exchangeResult")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label)
        self.setVisible(False)

    def show_lines(self, lines: list[tuple[str, bool]]) -> None:
        parts = []
        for text, bad in lines:
            escaped = html.escape(text).replace("\n", "<br>")
            parts.append(f'<span style="color:{ERROR_COLOR};">{escaped}</span>' if bad else escaped)
        self.label.setText("<br>".join(parts))
        self.setVisible(bool(parts))

    def text(self) -> str:
        """The summary shown, as plain text (for tests and the log)."""
        doc = self.label.text().replace("<br>", "\n")
        return html.unescape(re.sub(r"<[^>]+>", "", doc))
