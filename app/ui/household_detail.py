"""The household detail window (facts, members, poverty-status history, loans, field records) and the edit dialog.

The dialog collects the values and shows the problems :func:`app.domain.households.household_problems` finds as
the user types; saving goes through :func:`app.domain.households.save_household` (one audited write, on the
operations worker); the page that opened the window hears ``saved(row)`` and updates that one row.

Signals (of :class:`HouseholdDetailDialog` and :class:`HouseholdEditDialog`): saved(HouseholdRow).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.codes import mask_citizen_id
from app.domain.dates import day_text
from app.domain.households import EDITABLE, household_problems, save_household
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.domain.records import household_facts
from app.domain.registry import HouseholdDetail, HouseholdRow, get_household_detail
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.ui.changes import DataKind
from app.ui.forms.timeline import TimelineWidget
from app.ui.messages import show_error
from app.ui.operations import run_in_background
from app.ui.partials.table import fill_table, read_only_table
from app.ui.qtcompat import emit
from app.ui.registry_models import CLOSED_COLOR, OVERDUE_COLOR, SOON_COLOR, maturity_text
from app.ui.widgets import MUTED_COLOR, FieldMessage, with_message


def _value_label(text: str = "", wrap: bool = False) -> QLabel:
    # Only long free text wraps: a wrapped label in a form row is sized from a guess and cuts short values off.
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    return label


# -- the detail window ----------------------------------------------------------------------------------------
class HouseholdDetailDialog(QDialog):
    saved = Signal(object)

    def __init__(self, store: Store, household_id: uuid.UUID, full_ids: bool = False, as_of: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.household_id = household_id
        self.as_of = as_of or dt.date.today()
        self.full_ids = full_ids and has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        self.detail: HouseholdDetail | None = None
        self.edit_dialog: HouseholdEditDialog | None = None
        self.loan_picker: QDialog | None = None
        self.setWindowTitle(translate("Registry", "Household"))
        self.resize(980, 620)

        self.heading = QLabel()
        self.heading.setObjectName("householdHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.subheading = QLabel()
        self.subheading.setStyleSheet(f"color: {MUTED_COLOR};")
        self.subheading.setWordWrap(True)
        self.edit_button = QPushButton(translate("Registry", "Edit household…"))
        self.edit_button.setObjectName("editHousehold")
        if not has_permission(store.user.role, Permission.EDIT_HOUSEHOLDS):
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip(translate("Registry", "Your role may not edit households."))
        self.edit_button.clicked.connect(self.edit)
        # start a field record right here (a cadre opens the household and records the visit)
        from app.models.enums import RecordKind

        self.record_windows: list[QWidget] = []
        self.record_buttons: dict[RecordKind, QPushButton] = {}
        may_record = has_permission(store.user.role, Permission.RECORD_FIELD_WORK)
        for kind, text, name in ((RecordKind.VISIT, translate("Registry", "&Visit…"), "newVisit"),
                                 (RecordKind.USE_CHECK, translate("Registry", "Loan-&use check…"), "newUseCheck"),
                                 (RecordKind.ANOMALY, translate("Registry", "Report an &anomaly…"), "newAnomaly")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setVisible(may_record)
            button.setToolTip(translate("Registry", "For the loan selected on the Loans tab; with several loans "
                                                    "and none selected, you are asked which one."))
            button.clicked.connect(lambda _checked=False, k=kind: self.start_record(k))
            self.record_buttons[kind] = button
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        for button in self.record_buttons.values():
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        self.facts = QWidget()
        self.fact_labels: dict[str, QLabel] = {}
        facts_form = QFormLayout(self.facts)
        facts_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, label in (("street", translate("Registry", "Street:")), ("village", translate("Registry", "Village:")),
                           ("group", translate("Registry", "Group:")),
                           ("household_no", translate("Registry", "Household no.:")),
                           ("head", translate("Registry", "Head of household:")),
                           ("citizen_id", translate("Registry", "Head's citizen ID:")),
                           ("phone", translate("Registry", "Phone:")), ("address", translate("Registry", "Address:")),
                           ("size", translate("Registry", "Household size:")),
                           ("status", translate("Registry", "Poverty status:")),
                           ("note", translate("Registry", "Note:"))):
            self.fact_labels[key] = _value_label(wrap=key == "note")
            facts_form.addRow(label, self.fact_labels[key])
        self.members = read_only_table("members")
        self.history = read_only_table("statusHistory")
        self.loans = read_only_table("householdLoans")
        self.tabs = QTabWidget()
        facts_scroll = QScrollArea()  # large text on a netbook: the facts scroll, 关闭 stays on the screen
        facts_scroll.setObjectName("factsScroll")
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        facts_scroll.setWidget(self.facts)
        self.tabs.addTab(facts_scroll, translate("Registry", "Facts"))
        self.tabs.addTab(self.members, translate("Registry", "Members"))
        self.tabs.addTab(self.history, translate("Registry", "Poverty status history"))
        self.tabs.addTab(self.loans, translate("Registry", "Loans"))
        self.timeline = TimelineWidget(store, household_id)
        self.tabs.addTab(self.timeline, translate("Registry", "Field records"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Registry", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        detail = get_household_detail(self.store, self.household_id, self.as_of)
        if detail is None:
            self.heading.setText(translate("Registry", "This household no longer exists on this node."))
            self.edit_button.setEnabled(False)
            return
        self.detail = detail
        h = detail.household
        self.setWindowTitle(translate("Registry", "Household of {name}", name=h.head_name))
        self.heading.setText(h.head_name)
        since = (translate("Registry", " since {date}", date=detail.poverty_status_since.isoformat())
                 if detail.poverty_status_since else "")
        self.subheading.setText(translate("Registry", "{street} {village} {group} · {status}{since} · {n} members, "
                                                      "{loans} loans",
                                          street=h.street_name, village=h.village_name, group=h.group_name,
                                          status=h.poverty_status.label, since=since, n=len(detail.members),
                                          loans=len(detail.loans)))
        values = {"street": h.street_name, "village": h.village_name, "group": h.group_name,
                  "household_no": h.household_no, "head": h.head_name, "citizen_id": self.citizen_id(h.head_citizen_id),
                  "phone": h.phone, "address": h.address, "size": str(h.size),
                  "status": h.poverty_status.label + since, "note": detail.note}
        for key, label in self.fact_labels.items():
            label.setText(values[key] or "—")
        fill_table(self.members,
                   [translate("Registry", "Name"), translate("Registry", "Relation"),
                    translate("Registry", "Citizen ID"), translate("Registry", "Sex"),
                    translate("Registry", "Birth date"), translate("Registry", "Phone"),
                    translate("Registry", "Labour capacity")],
                   [[m.name, m.relation, self.citizen_id(m.citizen_id), m.sex.label if m.sex else "",
                     day_text(m.birth_date), m.phone, m.labour_capacity.label if m.labour_capacity else ""]
                    for m in detail.members])
        fill_table(self.history,
                   [translate("Registry", "Since"), translate("Registry", "Poverty status"),
                    translate("Registry", "Note")],
                   [[s.effective_on.isoformat(), s.status.label, s.note] for s in detail.status_history])
        colors: list[str | None] = []
        for loan in detail.loans:
            state = loan.state
            colors.append(CLOSED_COLOR if state.closed else OVERDUE_COLOR if state.days_past_due
                          else SOON_COLOR if state.maturing_soon else None)
        fill_table(self.loans,
                   [translate("Registry", "Contract no."), translate("Registry", "Borrower"),
                    translate("Registry", "Bank"), translate("Registry", "Amount (yuan)"),
                    translate("Registry", "Balance (yuan)"), translate("Registry", "Disbursed"),
                    translate("Registry", "Matures"), translate("Registry", "Maturity"),
                    translate("Registry", "Risk class"), translate("Registry", "Status")],
                   [[loan.contract_no, loan.borrower_name, loan.bank_name, yuan(loan.amount_fen),
                     yuan(loan.balance_fen), loan.disbursed_on.isoformat(), loan.matures_on.isoformat(),
                     maturity_text(loan), loan.risk_class.label, loan.status.label] for loan in detail.loans],
                   colors)

    def chosen_loan(self) -> uuid.UUID | None:
        """The loan selected on the Loans tab, else the household's only loan, else none (then ask)."""
        if self.detail is None or not self.detail.loans:
            return None
        rows = self.loans.selectionModel().selectedRows() if self.loans.selectionModel() else []
        if rows and rows[0].row() < len(self.detail.loans):
            return self.detail.loans[rows[0].row()].id
        return self.detail.loans[0].id if len(self.detail.loans) == 1 else None

    def start_record(self, kind: Any) -> QWidget | None:
        """Open a new field record of ``kind`` for this household in its own window; with more than one loan and
        none selected on the Loans tab, first ask which loan it is about (returns None then: the picker is open)."""
        from app.domain.records.kinds import NEEDS_LOAN
        from app.ui.partials.loan_picker import NO_LOAN, LoanPickerDialog

        loan_id = self.chosen_loan()
        if kind in NEEDS_LOAN and self.detail is not None and not self.detail.loans:
            show_error(self, translate("Registry", "This household has no loan; a loan-use check needs one."))
            return None
        if loan_id is None and self.detail is not None and len(self.detail.loans) > 1:
            with self.store.read() as session:
                facts = household_facts(session, self.household_id)
            picker = LoanPickerDialog(facts.loans, kind in NEEDS_LOAN, kind.label, self)
            self.loan_picker = picker

            def chosen() -> None:
                choice = picker.choice()
                if choice is not None:
                    self.open_record(kind, None if choice == NO_LOAN else choice)  # type: ignore[arg-type]

            picker.accepted.connect(chosen)
            picker.open()
            return None
        return self.open_record(kind, loan_id)

    def open_record(self, kind: Any, loan_id: uuid.UUID | None) -> QWidget:
        from app.ui.forms import RecordWindow, create_form

        form = create_form(self.store, kind, household_id=self.household_id, loan_id=loan_id, today=self.as_of)
        window = RecordWindow(form, self)
        form.submitted.connect(lambda *_: self.timeline.refresh())
        self.record_windows = [w for w in self.record_windows if w.isVisible()] + [window]
        window.show()
        return window

    def citizen_id(self, value: str | None) -> str:
        return (value or "") if self.full_ids else mask_citizen_id(value)

    def edit(self) -> HouseholdEditDialog | None:
        if self.detail is None or not has_permission(self.store.user.role, Permission.EDIT_HOUSEHOLDS):
            return None
        dialog = HouseholdEditDialog(self.store, self.detail, self)
        dialog.saved.connect(self._saved)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, row: HouseholdRow) -> None:
        self.reload()
        emit(self.saved, row)


# -- the edit dialog ----------------------------------------------------------------------------------------------
class HouseholdEditDialog(QDialog):
    saved = Signal(object)

    def __init__(self, store: Store, detail: HouseholdDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.household_id = detail.household.id
        self.saving = False
        #: a role that may not see full citizen IDs edits everything else and may type a new ID, never sees the old
        self.id_masked = not has_permission(store.user.role, Permission.VIEW_FULL_IDS)
        h = detail.household
        self.setWindowTitle(translate("Registry", "Edit household of {name}", name=h.head_name))
        self.setMinimumWidth(520)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        initial = {"head_name": h.head_name, "head_citizen_id": "" if self.id_masked else h.head_citizen_id,
                   "phone": h.phone,
                   "group_name": h.group_name, "address": h.address, "note": detail.note}
        labels = {"head_name": translate("Registry", "Head of household:"),
                  "head_citizen_id": translate("Registry", "Head's citizen ID:"),
                  "phone": translate("Registry", "Phone:"), "group_name": translate("Registry", "Group:"),
                  "address": translate("Registry", "Address:"), "note": translate("Registry", "Note:")}
        for key in EDITABLE:
            field: QLineEdit | QPlainTextEdit
            if key == "note":
                field = QPlainTextEdit(initial[key])
                field.setFixedHeight(72)
                field.textChanged.connect(self._check)
            else:
                field = QLineEdit(initial[key])
                field.textChanged.connect(self._check)
            field.setObjectName(key)
            self.fields[key] = field
            self.messages[key] = FieldMessage()
            form.addRow(labels[key], with_message(field, self.messages[key]))
        id_field = self.fields["head_citizen_id"]
        assert isinstance(id_field, QLineEdit)
        id_field.setMaxLength(30)  # room for an ID typed in groups with spaces; stored as 18 (normalize_code)
        if self.id_masked:
            id_field.setPlaceholderText(translate(
                "Registry", "{masked} (type the full number only to change it)", masked=mask_citizen_id(
                    h.head_citizen_id)))
        self.fields["phone"].setPlaceholderText(translate("Registry", "13912345678 or 029-83512345"))
        self.error = FieldMessage()
        self.error.setObjectName("saveError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("Registry", "Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Registry", "Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._check()

    def values(self) -> dict[str, str]:
        return {key: (f.toPlainText() if isinstance(f, QPlainTextEdit) else f.text()) for key, f in self.fields.items()}

    def _check(self) -> bool:
        problems = household_problems(self.values(), keep_blank_id=self.id_masked)
        for key, message in self.messages.items():
            message.show_error(problems.get(key, ""))
        self.save_button.setEnabled(not problems and not self.saving)
        return not problems

    def save(self) -> None:
        if self.saving or not self._check():
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.error.clear_message()
        values = self.values()
        run_in_background(self, lambda token: save_household(self.store, self.household_id, values),
                          on_success=self._done, on_error=self._failed, on_finished=self._finished,
                          title=translate("Registry", "Saving the household…"), cancellable=False,
                          changes={DataKind.HOUSEHOLDS}, origin=self)

    def _done(self, row: HouseholdRow) -> None:
        emit(self.saved, row)
        self.accept()

    def _failed(self, exc: FieldbookError) -> None:
        if isinstance(exc, ValidationError):
            self.error.show_error(exc.message)
        else:
            show_error(self, exc.message)

    def _finished(self) -> None:
        self.saving = False
        self._check()
