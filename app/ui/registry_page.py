"""Pieces the Households and Loans pages share: the table view set-up, the empty state with its next step, the
street filter limited to the node's scope, and buttons disabled with the reason as tooltip."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.registry import scope_street
from app.i18n import translate
from app.models import Street
from app.ui.registry_models import PagedQueryModel
from app.ui.widgets import EmptyState

#: the filter runs this long after the last keystroke (typing "zs" quickly runs one query, not two)
DEBOUNCE_MS = 150


def action_button(text: str, name: str, problem: str = "") -> QPushButton:
    """A page button; disabled with the reason as its tooltip when the user may not use it."""
    button = QPushButton(text)
    button.setObjectName(name)
    if problem:
        button.setEnabled(False)
        button.setToolTip(problem)
    return button


def configure_view(view: QTableView, model: PagedQueryModel[Any, Any], sort_column: int,
                   widths: dict[int, int]) -> None:
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    header.setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)

    def keep_sortable(column: int, order: Qt.SortOrder) -> None:
        # Columns without a sort key in SQL (citizen ID) cannot sort; put the indicator back where the rows are.
        if column not in model.SORT_KEYS:
            current = next((c for c, key in model.SORT_KEYS.items() if key == model.query.sort), sort_column)
            header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if model.query.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_sortable)


class EmptyWithAction(QWidget):
    """The empty state of a list, with the button for the next step under the sentence."""

    def __init__(self, title: str, text: str, button: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button
        state = EmptyState(title, text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        column = state.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertSpacing(2, 12)  # EmptyState is [stretch, sentence, stretch]: the button goes right below
        column.insertLayout(3, row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(state)


def street_combo(store: Store) -> QComboBox:
    """Streets this node may see: all of them on the hub, only its own (fixed) on a field node."""
    combo = QComboBox()
    combo.setObjectName("streetFilter")
    scope = scope_street(store)
    with store.read() as session:
        streets = list(session.execute(sa.select(Street.code, Street.name).order_by(Street.code)))
    if scope:
        name = next((n for code, n in streets if code == scope), scope)
        combo.addItem(name, scope)
        combo.setEnabled(False)
        combo.setToolTip(translate("Registry", "This field node sees only its own street."))
    else:
        combo.addItem(translate("Registry", "All streets"), None)
        for code, name in streets:
            combo.addItem(name, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo
