"""Tables the screens share: the plain-rows model, the view set-up, and read-only ``QTableWidget`` helpers.

:class:`RowsModel` shows a list of domain rows (loaded off the GUI thread) either through :class:`Column` objects
(``value``, right alignment, a background ``tint`` and a ``tip`` per row) or, in a subclass, through ``HEADERS``
and the ``text`` / ``tooltip`` / ``color`` hooks. ``ROW_ROLE`` gives the row itself, so a model is tested without a
view. With ``batch`` set, the view is fed that many rows at a time through ``canFetchMore`` / ``fetchMore``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem

from app.i18n import translate

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: row backgrounds: something to watch, something wrong (never the only carrier of meaning)
WARN_BACKGROUND = "#fff4ce"
ALERT_BACKGROUND = "#f9dedc"


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str  # English source, marked with QT_TRANSLATE_NOOP in the model's context
    value: Callable[[R], str]
    right: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """Plain rows through named columns; see the module docstring. ``context`` translates the headers."""

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()  # for subclasses that say how a cell reads instead of passing columns
    NUMERIC: ClassVar[frozenset[int]] = frozenset()
    BATCH: int | None = None  # rows handed to the view per fetch; None: all at once

    def __init__(self, columns: Sequence[Column[R]] = (), *, context: str = "",
                 tint: Callable[[R], str | None] | None = None, tip: Callable[[R, int], str | None] | None = None,
                 batch: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.context = context or self.CONTEXT
        self.tint = tint
        self.tip = tip
        self.batch = batch if batch is not None else self.BATCH
        self.rows: list[R] = []
        self.shown = 0

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.shown = len(self.rows) if self.batch is None else min(len(self.rows), self.batch)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self.rows[row]

    # -- what a cell says (subclasses may override) ---------------------------------------------------------
    def headers(self) -> list[str]:
        return [c.header for c in self.columns] if self.columns else list(self.HEADERS)

    def text(self, row: R, column: int) -> str:
        return self.columns[column].value(row)

    def tooltip(self, row: R, column: int) -> str | None:
        return self.tip(row, column) if self.tip is not None else None

    def color(self, row: R, column: int) -> str | None:
        """Foreground colour of a cell."""
        return None

    def background(self, row: R) -> str | None:
        return self.tint(row) if self.tint is not None else None

    def is_numeric(self, column: int) -> bool:
        return self.columns[column].right if self.columns else column in self.NUMERIC

    def display_rows(self) -> list[list[str]]:
        """What the view shows, row by row (for tests and for copying)."""
        count = len(self.headers())
        return [[self.text(r, c) for c in range(count)] for r in self.rows]

    # -- QAbstractTableModel ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.shown < len(self.rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = min(self.batch or len(self.rows), len(self.rows) - self.shown)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return translate(self.context, self.headers()[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_numeric(column):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(row, column)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.background(row)
            return QBrush(QColor(color)) if color else None
        return None


def make_table(model: QAbstractTableModel, name: str, widths: Sequence[int] = ()) -> QTableView:
    """A read-only, single-row-selection view of ``model``; a column is never narrower than its header."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    metrics = view.horizontalHeader().fontMetrics()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        given = widths[column] if column < len(widths) else 0
        view.setColumnWidth(column, max(given, metrics.horizontalAdvance(title) + 24))
    return view


def selected_row(view: QTableView) -> Any:
    """The row (``ROW_ROLE``) selected in ``view``, or None."""
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    return indexes[0].data(ROW_ROLE) if indexes else None


# -- small read-only QTableWidgets (detail windows, import results) -------------------------------------------------
def read_only_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table


def fill_table(table: QTableWidget, headers: list[str], rows: list[list[str]],
               colors: list[str | None] | None = None, stretch: int = -1) -> None:
    """Replace the contents of ``table``; ``colors`` gives a row's text colour, ``stretch`` the column that takes
    the spare width (else the last)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if colors and colors[r]:
                item.setForeground(QBrush(QColor(colors[r])))
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
