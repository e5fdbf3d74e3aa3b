"""Field records: the list of visits, use checks, anomaly reports, pre-loan reviews and maturity assessments,
unfinished drafts to continue (after a crash too), and "New record" started from a household or a loan.

Forms open in their own windows (``app.ui.forms``); a submitted form updates the list.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import records as rec
from app.domain.households import household_choices
from app.domain.permissions import Permission, has_permission
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import RecordKind
from app.ui.changes import DataKind, on_data_changed
from app.ui.forms import RecordForm, RecordWindow, create_form
from app.ui.forms.timeline import ROW_ROLE, RecordsModel, configure_table
from app.ui.partials.loan_picker import loan_line
from app.ui.widgets import MUTED_COLOR, FieldMessage, page_header

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the loan combo's first entry when the household has several loans: nothing chosen yet
CHOOSE = "choose"


class StartRecordDialog(QDialog):
    """Choose the kind of record, the household and (if it is about one) the loan."""

    def __init__(self, store: Store, kind: RecordKind | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(translate("Forms", "New field record"))
        self.kind = QComboBox()
        self.kind.setObjectName("newKind")
        for item in RecordKind:  # a bank officer records only the pre-maturity assessment
            if has_permission(store.user.role, rec.permission_to_record(item)):
                self.kind.addItem(item.label, item.value)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(translate("Forms", "head's name or pinyin initials, e.g. wjg"))
        self.households = QListWidget()
        self.households.setObjectName("householdList")
        self.loan = QComboBox()
        self.loan.setObjectName("newLoan")
        self.loan.currentIndexChanged.connect(lambda _i: self._update())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(translate("Forms", "Record:"), self.kind)
        form.addRow(translate("Forms", "Household:"), self.search)
        form.addRow("", self.households)
        form.addRow(translate("Forms", "Loan:"), self.loan)
        self.why = QLabel()  # the reason OK is greyed out, beside it rather than on hover
        self.why.setObjectName("newRecordWhy")
        self.why.setWordWrap(True)
        self.why.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addRow(self.why)
        form.addRow(self.buttons)
        self.search.textChanged.connect(self._search)
        self.households.currentItemChanged.connect(self._household_chosen)
        self.kind.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 480)
        self._search("")

    def _search(self, text: str) -> None:
        self.households.clear()
        for hid, name, address in household_choices(self.store, text):
            item = QListWidgetItem(f"{name}  {address}")
            item.setData(ID_ROLE, hid)
            self.households.addItem(item)
        if self.households.count():
            self.households.setCurrentRow(0)
        self._update()

    def _household_chosen(self, *args: object) -> None:
        self.loan.clear()
        household_id = self.household_id()
        if household_id is not None:
            with self.store.read() as session:
                facts = rec.household_facts(session, household_id)
            if len(facts.loans) > 1:  # never a silent guess: the cadre says which loan
                self.loan.addItem(translate("Forms", "— choose the loan ({n}) —", n=len(facts.loans)), CHOOSE)
            self.loan.addItem(translate("Forms", "(no loan)"), None)
            for loan in facts.loans:
                self.loan.addItem(loan_line(loan), loan.loan_id)
            if len(facts.loans) == 1:
                self.loan.setCurrentIndex(1)
        self._update()

    def household_id(self) -> uuid.UUID | None:
        item = self.households.currentItem()
        if item is None:
            return None
        household_id: uuid.UUID = item.data(ID_ROLE)
        return household_id

    def chosen_kind(self) -> RecordKind:
        return RecordKind(self.kind.currentData())

    def loan_id(self) -> uuid.UUID | None:
        data = self.loan.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def problem(self) -> str:
        """Why OK cannot be pressed yet ("" when it can)."""
        if self.household_id() is None:
            return translate("Forms", "Find and choose the household first.")
        if self.loan.currentData() == CHOOSE:
            return translate("Forms", "Choose which of the household's loans the record is about.")
        if self.chosen_kind() in rec.NEEDS_LOAN and not self.loan_id():
            return translate("Forms", "A {kind} is about one loan: choose it.", kind=self.chosen_kind().label)
        return ""

    def _update(self) -> None:
        problem = self.problem()
        self.why.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


class RecordsPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.windows: list[RecordWindow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_header(translate("Pages", "Field records"),
                                     translate("Forms", "Visits, loan-use checks, anomaly reports, pre-loan reviews "
                                                        "and maturity assessments. Double-click a record to open it.")))
        bar = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem(translate("Forms", "All records"), None)
        for kind in RecordKind:
            self.kind_filter.addItem(kind.label, kind.value)
        self.open_only = QCheckBox(translate("Forms", "Open anomalies only"))
        self.open_only.setObjectName("openOnly")
        self.new_button = QPushButton(translate("Forms", "New record…"))
        self.new_button.setObjectName("newRecord")
        self.new_button.setVisible(has_permission(store.user.role, Permission.RECORD_FIELD_WORK)
                                   or has_permission(store.user.role, Permission.RECORD_ASSESSMENTS))
        self.find_box = QLineEdit()
        self.find_box.setObjectName("findRecord")
        self.find_box.setPlaceholderText(translate("Forms", "Open by id (8+ characters) or the code on the paper"))
        self.find_box.setMinimumWidth(300)
        self.find_message = FieldMessage()
        self.find_message.setObjectName("findMessage")
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        bar.addWidget(self.find_box)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        layout.addWidget(self.find_message)

        self.model = RecordsModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("records")
        configure_table(self.table, self.model)
        self.drafts = QListWidget()
        self.drafts.setObjectName("drafts")
        self.drafts_box = drafts_box = QWidget()
        drafts_layout = QVBoxLayout(drafts_box)
        drafts_layout.setContentsMargins(0, 0, 0, 0)
        drafts_title = QLabel(translate("Forms", "Unfinished drafts (double-click to continue)"))
        drafts_title.setStyleSheet(f"color: {MUTED_COLOR};")
        drafts_layout.addWidget(drafts_title)
        drafts_layout.addWidget(self.drafts)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(drafts_box)
        splitter.setSizes([500, 140])
        layout.addWidget(splitter, 1)

        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.open_only.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self.new_record)
        self.table.doubleClicked.connect(self._open_row)
        self.find_box.returnPressed.connect(self.open_reference)
        self.find_box.textEdited.connect(lambda _text: self.find_message.clear_message())
        self.drafts.itemDoubleClicked.connect(self._open_draft)
        on_data_changed(self, {DataKind.RECORDS, DataKind.HOUSEHOLDS}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        kind = self.kind_filter.currentData()
        kinds = [RecordKind(kind)] if kind else None
        rows = rec.list_records(self.store, kinds, open_anomalies_only=self.open_only.isChecked())
        if self.open_only.isChecked():
            rows = [r for r in rows if r.kind == RecordKind.ANOMALY.value]
        self.model.set_rows(rows)
        self.drafts.clear()
        for draft in rec.find_drafts(self.store):
            when = draft.updated_at.strftime("%Y-%m-%d %H:%M")
            label = translate("Forms", "{kind} — {head} (saved {time} UTC)", kind=draft.kind.label,
                              head=draft.head_name or "-", time=when)
            if draft.amends_id:
                label += translate("Forms", " — amendment")
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, draft.id)
            self.drafts.addItem(item)
        self.drafts_box.setVisible(self.drafts.count() > 0)

    def open_window(self, form: RecordForm) -> RecordWindow:
        window = RecordWindow(form, self)
        form.draft_saved.connect(lambda: self.refresh())
        window.finished.connect(lambda *_: self.refresh())
        self.windows = [w for w in self.windows if w.isVisible()] + [window]
        window.show()
        return window

    def new_record(self) -> RecordWindow | None:
        dialog = StartRecordDialog(self.store, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.open_window(create_form(self.store, dialog.chosen_kind(), household_id=dialog.household_id(),
                                            loan_id=dialog.loan_id()))

    def open_reference(self) -> RecordWindow | None:
        """Open the record typed in the find box: its id, 8+ characters of it, or the verification code on the
        paper (:func:`app.domain.records.lookup.resolve_record`); a refusal is one line under the bar."""
        from app.domain.records.lookup import resolve_record

        text = self.find_box.text().strip()
        if not text:
            return None
        try:
            kind, record_id = resolve_record(self.store, text)
        except FieldbookError as exc:
            self.find_message.show_error(exc.message)
            return None
        self.find_message.clear_message()
        self.find_box.clear()
        return self.open_window(create_form(self.store, kind, record_id=record_id))

    def _open_row(self, index: QModelIndex) -> None:
        row: rec.TimelineRow = self.model.data(index, ROW_ROLE)
        if row.record_id is not None:
            self.open_window(create_form(self.store, RecordKind(row.kind), record_id=row.record_id))

    def _open_draft(self, item: QListWidgetItem) -> None:
        draft = rec.load_draft(self.store, item.data(ID_ROLE))
        if draft.amends_id is not None:
            form = create_form(self.store, draft.kind, record_id=draft.amends_id)
            self.open_window(form)
            form.start_amendment()
        else:
            form = create_form(self.store, draft.kind, household_id=draft.household_id, loan_id=draft.loan_id)
            self.open_window(form)
            form.restore_draft(draft)


def create(store: Store) -> QWidget:
    return RecordsPage(store)
