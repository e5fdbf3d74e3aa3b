"""Households: the register of households and their members.

The filter box filters as the user types (name, pinyin initials — "zs" finds 张三 —, citizen-ID digits, village,
phone), debounced so a quick "zs" runs one query; street, village and poverty status narrow it further (a field
node sees only its own street). The table pages in SQL as it scrolls and sorts by the clicked column. Enter or a
double-click opens the household; a saved edit updates that one row. Import roster and Export roster open their
dialogs; an empty register says how to fill it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.domain.registry import HouseholdQuery, HouseholdRow, search_households, villages
from app.i18n import translate
from app.models.enums import PovertyStatus
from app.ui.household_detail import HouseholdDetailDialog
from app.ui.import_dialog import HOUSEHOLDS, ImportDialog, import_permission_problem
from app.ui.ledger_export import LedgerExportDialog, export_permission_problem
from app.ui.registry_models import (
    H_ADDRESS,
    H_CITIZEN_ID,
    H_GROUP,
    H_NAME,
    H_PHONE,
    H_SIZE,
    H_STATUS,
    H_STREET,
    H_VILLAGE,
    HouseholdTableModel,
)
from app.ui.registry_page import DEBOUNCE_MS, EmptyWithAction, action_button, configure_view, street_combo
from app.ui.widgets import MUTED_COLOR, page_header

COLUMN_WIDTHS = {H_NAME: 130, H_CITIZEN_ID: 170, H_STREET: 100, H_VILLAGE: 110, H_GROUP: 70, H_SIZE: 50,
                 H_STATUS: 150, H_PHONE: 120, H_ADDRESS: 200}


class HouseholdsPage(QWidget):
    def __init__(self, store: Store, as_of: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.as_of = as_of
        self.windows: list[QWidget] = []
        self.may_full_ids = has_permission(store.user.role, Permission.VIEW_FULL_IDS)

        import_problem = import_permission_problem(store, HOUSEHOLDS)
        export_problem = export_permission_problem(store, "households")
        self.import_button = action_button(translate("Registry", "Import roster…"), "importRoster", import_problem)
        self.export_button = action_button(translate("Registry", "Export roster…"), "exportRoster", export_problem)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.open_export)
        top = QHBoxLayout()
        top.addWidget(page_header(translate("Pages", "Households"),
                                  translate("Registry", "Type to filter; double-click or press Enter to open a "
                                                        "household.")), 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)

        self.filter = QLineEdit()
        self.filter.setObjectName("householdFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(translate("Registry", "Name, pinyin initials (zs), ID digits, village or "
                                                             "phone"))
        self.street = street_combo(store)
        self.village = QComboBox()
        self.village.setObjectName("villageFilter")
        self.village.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.village.setMinimumContentsLength(8)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(translate("Registry", "All statuses"), None)
        for status in PovertyStatus:
            self.status.addItem(status.label, status.value)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_full_ids = QCheckBox(translate("Registry", "Show full IDs"))
        self.show_full_ids.setObjectName("showFullIds")
        self.show_full_ids.setVisible(self.may_full_ids)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.street)
        filters.addWidget(self.village)
        filters.addWidget(self.status)
        filters.addWidget(self.show_full_ids)

        self.count_label = QLabel()
        self.count_label.setObjectName("householdCount")
        self.count_label.setStyleSheet(f"color: {MUTED_COLOR};")

        self.model = HouseholdTableModel(store, HouseholdQuery(street_code=self.street.currentData()), parent=self)
        self.table = QTableView()
        self.table.setObjectName("households")
        configure_view(self.table, self.model, H_NAME, COLUMN_WIDTHS)
        self.table.activated.connect(self.open_detail)

        empty_button = action_button(translate("Registry", "Import roster…"), "emptyImportRoster", import_problem)
        empty_button.clicked.connect(self.open_import)
        self.empty = EmptyWithAction(translate("Registry", "No households yet"),
                                     translate("Registry", "No households yet: import the roster (建档立卡花名册) "
                                                           "from Excel."), empty_button)
        self.empty.setObjectName("householdsEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._typed)
        self.filter.returnPressed.connect(self._filter_entered)
        # keyboard only: Down goes from the filter box into the list (Enter there opens the household)
        to_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.filter)
        to_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_list.activated.connect(self.focus_list)
        self.street.currentIndexChanged.connect(self._street_changed)
        self.village.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.show_full_ids.toggled.connect(self.model.set_full_ids)
        self._fill_villages()
        self.apply_filter()

    # -- filtering ------------------------------------------------------------------------------------------
    def query(self) -> HouseholdQuery:
        status = self.status.currentData()
        return dataclasses.replace(self.model.query, text=self.filter.text().strip(),
                                   street_code=self.street.currentData(), village_id=self.village.currentData(),
                                   poverty_status=PovertyStatus(status) if status else None)

    def _filter_entered(self) -> None:
        """Enter in the filter box: filter now; a single match opens at once, several go to the list."""
        self.apply_filter()
        if self.model.total == 1:
            self.open_detail(self.model.index(0, 0))
        elif self.model.rowCount():
            self.focus_list()

    def focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def _street_changed(self) -> None:
        self._fill_villages()
        self.apply_filter()

    def _fill_villages(self) -> None:
        street = self.street.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(translate("Registry", "All villages"), None)
        if street:
            with self.store.read() as session:
                for village_id, _code, name in villages(session, street):
                    self.village.addItem(name, village_id)
        self.village.setEnabled(bool(street))
        self.village.setToolTip("" if street else translate("Registry", "Choose a street to filter by village."))
        self.village.blockSignals(False)

    def no_households_at_all(self) -> bool:
        return search_households(self.store, HouseholdQuery(limit=1)).total == 0

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_query(self.query())
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0 and self.no_households_at_all():
            self.stack.setCurrentWidget(self.empty)
            self.count_label.setText("")
            return
        self.stack.setCurrentWidget(self.table)
        if total == 0:
            self.count_label.setText(translate("Registry", "No household matches the filter."))
        elif shown < total:
            self.count_label.setText(translate("Registry", "{total} households (first {shown} shown; scroll for "
                                                           "more)", total=total, shown=shown))
        else:
            self.count_label.setText(translate("Registry", "{total} households", total=total))

    # -- detail and edit ----------------------------------------------------------------------------------------
    def open_detail(self, index: QModelIndex) -> HouseholdDetailDialog | None:
        if not index.isValid():
            return None
        return self.open_household(self.model.row_at(index.row()).id)

    def open_household(self, household_id: uuid.UUID) -> HouseholdDetailDialog:
        dialog = HouseholdDetailDialog(self.store, household_id, full_ids=self.model.full_ids, as_of=self.as_of,
                                       parent=self)
        dialog.saved.connect(self.row_saved)
        self._keep(dialog)
        dialog.show()
        return dialog

    def row_saved(self, row: HouseholdRow) -> None:
        """Update the one row a save changed (not the whole list)."""
        self.model.replace_row(row)

    def _keep(self, window: QWidget) -> None:
        self.windows = [w for w in self.windows if w.isVisible()] + [window]

    # -- import and export ----------------------------------------------------------------------------------------
    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.store, HOUSEHOLDS, self)
        dialog.imported.connect(self._imported)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _imported(self, _report: object) -> None:
        self._fill_villages()
        self.apply_filter()

    def open_export(self) -> LedgerExportDialog:
        dialog = LedgerExportDialog(self.store, "households", parent=self)
        self._keep(dialog)
        dialog.show()
        return dialog


def create(store: Store) -> QWidget:
    return HouseholdsPage(store)
