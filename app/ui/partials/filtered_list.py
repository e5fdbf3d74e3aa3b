"""The filtered-list page Households and Loans are made of.

A header with Import and Export buttons; a filter box that filters as the user types, debounced so a quick "zs"
runs one query; the page's own filters (combos, a "Show full IDs" box for roles that may see them); a count line;
and a table paged in SQL (:class:`app.ui.registry_models.PagedQueryModel`) that sorts by the clicked column and
gives way to an empty state with the next step when there is nothing at all. Enter or a double-click opens a row.

A page subclasses :class:`FilteredListPage`, sets the class attributes, and implements :meth:`texts`,
:meth:`make_model`, :meth:`make_filters`, :meth:`query`, :meth:`count_text` and :meth:`open_row`; it may fill its
filter choices in :meth:`fill_choices` (run again after an import).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.ui.changes import DataKind, on_data_changed
from app.ui.import_dialog import ImportDialog, import_permission_problem
from app.ui.ledger_export import LedgerExportDialog, export_permission_problem
from app.ui.partials.controls import action_button
from app.ui.registry_models import PagedQueryModel
from app.ui.widgets import MUTED_COLOR, EmptyState, page_header

#: the filter runs this long after the last keystroke (typing "zs" quickly runs one query, not two)
DEBOUNCE_MS = 150


@dataclass(frozen=True)
class ListTexts:
    """The words of one filtered-list page, already translated."""

    title: str
    subtitle: str
    placeholder: str  # in the filter box
    import_button: str
    export_button: str
    empty_title: str
    empty_text: str


def configure_view(view: QTableView, model: PagedQueryModel[Any, Any], sort_column: int,
                   widths: dict[int, int]) -> None:
    """Read-only rows, one selected at a time, sorted in SQL by the clicked column."""
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


class FilteredListPage(QWidget):
    """See the module docstring. Object names come from ``NAME`` ("household" → ``householdFilter``,
    ``householdCount``) and the ``*_NAME`` attributes the tests and the manual's screenshots know."""

    IMPORT_KIND = ""  # app.ui.import_dialog kind
    EXPORT_KIND = ""  # ledger kind
    NAME = ""  # prefix of the object names
    TABLE_NAME = ""
    EMPTY_NAME = ""
    IMPORT_NAME = ""  # the header's import button; the empty state's is "empty" + IMPORT_NAME capitalised
    EXPORT_NAME = ""
    DATA_KINDS: ClassVar[frozenset[DataKind]] = frozenset()  # what the list shows, for the change board
    SORT_COLUMN = 0
    COLUMN_WIDTHS: ClassVar[dict[int, int]] = {}

    def __init__(self, store: Store, as_of: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.as_of = as_of
        self.windows: list[QWidget] = []
        self.may_full_ids = has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        texts = self.texts()

        import_problem = import_permission_problem(store, self.IMPORT_KIND)
        self.import_button = action_button(texts.import_button, self.IMPORT_NAME, import_problem)
        self.export_button = action_button(texts.export_button, self.EXPORT_NAME,
                                           export_permission_problem(store, self.EXPORT_KIND))
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.open_export)
        top = QHBoxLayout()
        top.addWidget(page_header(texts.title, texts.subtitle), 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        for button in self.extra_buttons():
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)

        self.filter = QLineEdit()
        self.filter.setObjectName(f"{self.NAME}Filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(texts.placeholder)
        self.show_full_ids = QCheckBox(translate("Registry", "Show full IDs"))
        self.show_full_ids.setObjectName("showFullIds")
        self.show_full_ids.setVisible(self.may_full_ids)
        filter_rows = self.make_filters()

        self.count_label = QLabel()
        self.count_label.setObjectName(f"{self.NAME}Count")
        self.count_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.model = self.make_model()
        self.table = QTableView()
        self.table.setObjectName(self.TABLE_NAME)
        configure_view(self.table, self.model, self.SORT_COLUMN, self.COLUMN_WIDTHS)
        self.table.activated.connect(self.open_detail)
        empty_button = action_button(texts.import_button, "empty" + self.IMPORT_NAME[:1].upper()
                                     + self.IMPORT_NAME[1:], import_problem)
        empty_button.clicked.connect(self.open_import)
        self.empty = EmptyWithAction(texts.empty_title, texts.empty_text, empty_button)
        self.empty.setObjectName(self.EMPTY_NAME)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        for row in filter_rows:
            layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._typed)
        self.filter.returnPressed.connect(self.filter_entered)
        self.show_full_ids.toggled.connect(self.model.set_full_ids)
        on_data_changed(self, self.DATA_KINDS, self.refresh, skip_own=True)
        self.fill_choices()
        self.apply_filter()

    # -- what a page says and does ------------------------------------------------------------------------------
    def texts(self) -> ListTexts:  # pragma: no cover - overridden
        raise NotImplementedError

    def make_model(self) -> PagedQueryModel[Any, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def make_filters(self) -> list[QLayout]:  # pragma: no cover - overridden
        """The rows of filters, ``self.filter`` and ``self.show_full_ids`` among them; connect each to
        :meth:`apply_filter`."""
        raise NotImplementedError

    def query(self) -> Any:  # pragma: no cover - overridden
        """The model's query with the filters as they are now."""
        raise NotImplementedError

    def count_text(self, total: int, shown: int) -> str:  # pragma: no cover - overridden
        """The count line when rows exist (``total`` 0: none matches the filter)."""
        raise NotImplementedError

    def open_row(self, row_id: uuid.UUID) -> QWidget:  # pragma: no cover - overridden
        raise NotImplementedError

    def fill_choices(self) -> None:
        """(Re)fill filter choices that come from the data (villages, banks)."""

    def filter_entered(self) -> None:
        """Enter in the filter box: filter now."""
        self.apply_filter()

    # -- filtering ----------------------------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.timer.start()

    def focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_query(self.query())
        self._update_count()

    def refresh(self) -> None:
        """Fill the choices and the list again (after an import, or a change elsewhere; a change made in a window
        this page opened updates that window's row instead)."""
        self.fill_choices()
        self.apply_filter()

    def _update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0 and self.model.register_is_empty():
            self.stack.setCurrentWidget(self.empty)
            self.count_label.setText("")
            return
        self.stack.setCurrentWidget(self.table)
        self.count_label.setText(self.count_text(total, shown))

    # -- windows ------------------------------------------------------------------------------------------------
    def open_detail(self, index: QModelIndex) -> QWidget | None:
        if not index.isValid():
            return None
        return self.open_row(self.model.row_at(index.row()).id)

    def keep(self, window: QWidget) -> QWidget:
        """Keep a non-modal window alive while it is open, and show it."""
        self.windows = [w for w in self.windows if w.isVisible()] + [window]
        window.show()
        return window

    def extra_buttons(self) -> list[QWidget]:
        """More header buttons after the import button (none by default)."""
        return []

    def open_import(self) -> ImportDialog:
        """The import dialog; the list refreshes after an import that changed something (the other pages hear of
        it through the change board)."""
        dialog = ImportDialog(self.store, self.IMPORT_KIND, self)
        dialog.imported.connect(self._imported)
        self.keep(dialog)
        return dialog

    def _imported(self, _report: object) -> None:
        self.refresh()

    def open_export(self) -> LedgerExportDialog:
        dialog = LedgerExportDialog(self.store, self.EXPORT_KIND, parent=self)
        self.keep(dialog)
        return dialog
