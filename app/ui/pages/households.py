"""Households: the register of households and their members.

The filter box filters as the user types (name, pinyin initials — "zs" finds 张三 —, citizen-ID digits, village,
phone), debounced so a quick "zs" runs one query; street, village and poverty status narrow it further (a field
node sees only its own street). The table pages in SQL as it scrolls and sorts by the clicked column. Enter or a
double-click opens the household; a saved edit updates that one row. Import roster and Export roster open their
dialogs; an empty register says how to fill it. The skeleton is :class:`app.ui.partials.filtered_list.
FilteredListPage`.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLayout, QWidget

from app.db.store import Store
from app.domain.registry import HouseholdQuery, HouseholdRow, villages
from app.i18n import translate
from app.models.enums import PovertyStatus
from app.ui.changes import DataKind
from app.ui.household_detail import HouseholdDetailDialog
from app.ui.import_dialog import HOUSEHOLDS
from app.ui.partials.controls import street_combo
from app.ui.partials.filtered_list import FilteredListPage, ListTexts
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

COLUMN_WIDTHS = {H_NAME: 130, H_CITIZEN_ID: 170, H_STREET: 100, H_VILLAGE: 110, H_GROUP: 70, H_SIZE: 50,
                 H_STATUS: 150, H_PHONE: 120, H_ADDRESS: 200}


class HouseholdsPage(FilteredListPage):
    IMPORT_KIND = HOUSEHOLDS
    DATA_KINDS = frozenset({DataKind.HOUSEHOLDS})
    EXPORT_KIND = "households"
    NAME = "household"
    TABLE_NAME = "households"
    EMPTY_NAME = "householdsEmpty"
    IMPORT_NAME = "importRoster"
    EXPORT_NAME = "exportRoster"
    SORT_COLUMN = H_NAME
    COLUMN_WIDTHS: ClassVar[dict[int, int]] = COLUMN_WIDTHS
    model: HouseholdTableModel

    def texts(self) -> ListTexts:
        return ListTexts(
            title=translate("Pages", "Households"),
            subtitle=translate("Registry", "Type to filter; double-click or press Enter to open a household."),
            placeholder=translate("Registry", "Name, pinyin initials (zs), ID digits, village or phone"),
            import_button=translate("Registry", "Import roster…"),
            export_button=translate("Registry", "Export roster…"),
            empty_title=translate("Registry", "No households yet"),
            empty_text=translate("Registry", "No households yet: import the roster (建档立卡花名册) from Excel."))

    def make_model(self) -> HouseholdTableModel:
        return HouseholdTableModel(self.store, HouseholdQuery(street_code=self.street.currentData()), parent=self)

    def make_filters(self) -> list[QLayout]:
        self.street = street_combo(self.store)
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
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        for widget in (self.street, self.village, self.status, self.show_full_ids):
            filters.addWidget(widget)
        # keyboard only: Down goes from the filter box into the list (Enter there opens the household)
        to_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.filter)
        to_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_list.activated.connect(self.focus_list)
        self.street.currentIndexChanged.connect(self._street_changed)
        self.village.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        return [filters]

    # -- filtering ------------------------------------------------------------------------------------------
    def query(self) -> HouseholdQuery:
        status = self.status.currentData()
        return dataclasses.replace(self.model.query, text=self.filter.text().strip(),
                                   street_code=self.street.currentData(), village_id=self.village.currentData(),
                                   poverty_status=PovertyStatus(status) if status else None)

    def count_text(self, total: int, shown: int) -> str:
        if total == 0:
            return translate("Registry", "No household matches the filter.")
        if shown < total:
            return translate("Registry", "{total} households (first {shown} shown; scroll for more)", total=total,
                             shown=shown)
        return translate("Registry", "{total} households", total=total)

    def filter_entered(self) -> None:
        """Enter in the filter box: filter now; a single match opens at once, several go to the list."""
        self.apply_filter()
        if self.model.total == 1:
            self.open_detail(self.model.index(0, 0))
        elif self.model.rowCount():
            self.focus_list()

    def _street_changed(self) -> None:
        self._fill_villages()
        self.apply_filter()

    def fill_choices(self) -> None:
        self._fill_villages()

    def _fill_villages(self) -> None:
        street = self.street.currentData()
        current = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(translate("Registry", "All villages"), None)
        if street:
            with self.store.read() as session:
                for village_id, _code, name in villages(session, street):
                    self.village.addItem(name, village_id)
        self.village.setCurrentIndex(max(self.village.findData(current), 0))
        self.village.setEnabled(bool(street))
        self.village.setToolTip("" if street else translate("Registry", "Choose a street to filter by village."))
        self.village.blockSignals(False)

    # -- detail and edit ----------------------------------------------------------------------------------------
    def open_row(self, row_id: uuid.UUID) -> HouseholdDetailDialog:
        return self.open_household(row_id)

    def open_household(self, household_id: uuid.UUID) -> HouseholdDetailDialog:
        dialog = HouseholdDetailDialog(self.store, household_id, full_ids=self.model.full_ids, as_of=self.as_of,
                                       parent=self)
        dialog.saved.connect(self.row_saved)
        self.keep(dialog)
        return dialog

    def row_saved(self, row: HouseholdRow) -> None:
        """Update the one row a save changed (not the whole list)."""
        self.model.replace_row(row)


def create(store: Store) -> QWidget:
    return HouseholdsPage(store)
