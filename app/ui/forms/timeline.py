"""Record lists as table models, and the household timeline widget for the household detail page.

``RecordsModel`` holds :class:`app.domain.records.TimelineRow` rows (the field-records page and the timeline use
the same rows); columns are named constants and ``ROW_ROLE`` gives the row itself, so it is tested without a view.

Signals (of :class:`TimelineWidget`): record_activated(kind: str, record_id: object).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.db.store import Store
from app.domain import records as rec
from app.i18n import translate
from app.models.enums import RecordKind
from app.ui.qtcompat import emit

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
DATE, KIND, HOUSEHOLD, LOAN, SUMMARY, STATUS, AUTHOR, VERSION = range(8)
RECORD_KINDS = {k.value for k in RecordKind}
Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    def __init__(self, rows: list[rec.TimelineRow] | None = None, show_household: bool = True,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = rows or []
        self.show_household = show_household

    def set_rows(self, rows: list[rec.TimelineRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("Forms", "Date"), translate("Forms", "Record"), translate("Forms", "Household"),
                translate("Forms", "Loan"), translate("Forms", "Summary"), translate("Forms", "Status"),
                translate("Forms", "By"), translate("Forms", "Version"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == DATE:
                return row.on.isoformat()
            if column == KIND:
                return row.title
            if column == HOUSEHOLD:
                return row.head_name
            if column == LOAN:
                return row.contract_no
            if column == SUMMARY:
                return row.summary
            if column == STATUS:
                signed = translate("Forms", "signed off by {user}", user=row.signed_off_by) if row.signed_off_by else ""
                return "；".join(p for p in (row.status, signed) if p)
            if column == AUTHOR:
                return row.author
            if column == VERSION:
                return "" if row.record_id is None else (translate("Forms", "v{n} (amended)", n=row.version)
                                                          if row.amended else "v1")
        if role == Qt.ItemDataRole.ForegroundRole and row.kind not in RECORD_KINDS:
            return QBrush(QColor("#5f6368"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SUMMARY:
            return row.summary
        return None


def configure_table(view: QTableView, model: RecordsModel) -> None:
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
    view.setColumnHidden(HOUSEHOLD, not model.show_household)


class TimelineWidget(QWidget):
    """Every record of a household and its loans in date order; double-click opens a field record."""

    record_activated = Signal(str, object)

    def __init__(self, store: Store, household_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.household_id: uuid.UUID | None = None
        self.model = RecordsModel(show_household=False, parent=self)
        self.view = QTableView()
        self.view.setObjectName("timeline")
        configure_table(self.view, self.model)
        self.view.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        if household_id is not None:
            self.set_household(household_id)

    def set_household(self, household_id: uuid.UUID) -> None:
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        if self.household_id is not None:
            self.model.set_rows(rec.household_timeline(self.store, self.household_id))

    def _activated(self, index: QModelIndex) -> None:
        row: rec.TimelineRow = self.model.data(index, ROW_ROLE)
        if row.record_id is not None and row.kind in RECORD_KINDS:
            emit(self.record_activated, row.kind, row.record_id)
