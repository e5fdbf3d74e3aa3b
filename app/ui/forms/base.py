"""The shared record form: fields in sections, messages as the cadre types, drafts saved every few seconds,
submit into a locked record, amendments with their history, photos, and the supervisor's sign-off.

A form is started from a household or a loan (everything known is filled in) or opened on a submitted record
(locked; "Amend" starts a new version). Each kind adds its fields in ``build()``; the rules are the domain's
(``app.domain.records.validate``), so the form, the CLI and the tests refuse the same things with the same words.

Drafts: every change restarts a short timer and a periodic one saves anything unsaved, into the encrypted
database (``app.domain.records.save_draft``); a power cut loses at most the last couple of seconds. Opening a
form for the same household (or loan, or amended record) offers the draft back. Draft saves and submits are
small single transactions run directly; decoding photos, the slow part, runs through ``app.ui.operations``.

Signals: submitted(kind: str, record_id: object), draft_saved().
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import records as rec
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.models.enums import RecordKind
from app.models.records import FieldRecord
from app.ui.changes import DataKind, notify
from app.ui.forms.attachments import AttachmentsWidget
from app.ui.forms.fields import BoolField, Field, TextField
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR, FieldMessage

#: a pause in typing this long saves the draft
DEBOUNCE_MS = 800
#: and whatever is unsaved is saved at least this often
AUTOSAVE_MS = 4000

NEW, LOCKED, AMENDING = "new", "locked", "amending"


class Section:
    """A titled group of fields in the left or right column."""

    def __init__(self, title: str, fields: Sequence[Field], column: int = 0, extra: QWidget | None = None) -> None:
        self.title, self.fields, self.column, self.extra = title, list(fields), column, extra


class RecordForm(QWidget):
    submitted = Signal(str, object)
    draft_saved = Signal()

    KIND: RecordKind
    #: the column (0 left, 1 right) the photos go in: the shorter one
    PHOTOS_COLUMN = 1

    def __init__(self, store: Store, *, household_id: uuid.UUID | None = None, loan_id: uuid.UUID | None = None,
                 record_id: uuid.UUID | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.setObjectName(f"form_{self.KIND.value}")
        self.record: FieldRecord | None = None
        self.draft_id: uuid.UUID | None = None
        self.mode = NEW
        self._dirty = False
        self._show_all = False
        self._loading = False
        self.problems: rec.Problems = {}
        if record_id is not None:
            self.record = rec.get_record(store, self.KIND, record_id)
            household_id, loan_id = self.record.household_id, self.record.loan_id
            self.mode = LOCKED
        self.ctx = rec.load_context(store, household_id, loan_id, self.today)
        self.fields: dict[str, Field] = {}

        self._build_frame()
        if self.record is not None:
            self._show_record(self.record)
            self._lock()
        else:
            self._fill(rec.defaults(self.KIND, self.ctx, self._author()))
            self._offer_draft()
        self._update_buttons()
        self.revalidate()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.save_draft)
        self._periodic = QTimer(self)
        self._periodic.setInterval(AUTOSAVE_MS)
        self._periodic.timeout.connect(self.save_draft)
        self._periodic.start()

    # -- what each kind provides -------------------------------------------------------------------------
    def build(self) -> list[Section]:
        raise NotImplementedError

    def values_changed(self, values: dict[str, Any]) -> None:
        """Hook for computed panels (credit score, days to maturity)."""

    def rules(self) -> dict[str, str]:
        """Field name → the rule it follows, in words; shown as the field's tooltip (same rules as the domain's)."""
        return {}

    def extra_problems(self, values: dict[str, Any]) -> rec.Problems:
        return {}

    # -- layout -------------------------------------------------------------------------------------------
    def _author(self) -> str:
        return self.store.user.display_name or self.store.user.username

    def _build_frame(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        title = QLabel(self._title_text())
        title.setObjectName("formTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        outer.addWidget(title)
        self.context_label = QLabel(self._context_text())
        self.context_label.setObjectName("formContext")
        self.context_label.setWordWrap(True)
        self.context_label.setStyleSheet(f"color: {MUTED_COLOR};")
        outer.addWidget(self.context_label)

        self.banner = QFrame()
        self.banner.setObjectName("draftBanner")
        self.banner.setStyleSheet("#draftBanner { background: #fff4ce; border: 1px solid #e0c060; "
                                  "border-radius: 4px; }")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.restore_button = QPushButton(translate("Forms", "Restore the draft"))
        self.restore_button.setObjectName("restoreDraft")
        self.discard_banner_button = QPushButton(translate("Forms", "Discard it"))
        self.discard_banner_button.setObjectName("discardOfferedDraft")
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.restore_button)
        banner_layout.addWidget(self.discard_banner_button)
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        self.form_message = FieldMessage()
        self.form_message.setObjectName("formMessage")
        outer.addWidget(self.form_message)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.sections = self.build()
        self.attachments = AttachmentsWidget(self.store, self)
        self.attachments.changed.connect(self._photos_changed)
        self.attachments.needs_draft.connect(self._ensure_draft)
        self.sections.append(Section(translate("Forms", "Photos"), [], column=self.PHOTOS_COLUMN,
                                     extra=self.attachments))
        order: list[QWidget] = []
        for section in self.sections:
            box = QGroupBox(section.title)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(4)
            for item in section.fields:
                self.fields[item.name] = item
                limit = rec.text_limit(self.KIND, item.name)
                if limit is not None:
                    if isinstance(item, TextField):
                        item.set_max_length(limit)  # a line cannot take more; a note is refused beyond it
                    item.max_length = limit
                cell = QWidget()
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(item.widget)
                under = QHBoxLayout()  # the message's fixed line, and the length counter at its end
                under.setContentsMargins(0, 0, 0, 0)
                under.addWidget(item.message, 1)
                under.addWidget(item.counter, 0, Qt.AlignmentFlag.AlignTop)
                cell_layout.addLayout(under)
                item.update_counter()
                if isinstance(item, BoolField):
                    form.addRow("", cell)
                else:
                    label = QLabel(item.label + translate("Forms", ":"))
                    label.setBuddy(item.widget)
                    form.addRow(label, cell)
                item.changed.connect(self._field_changed)
                order.append(item.widget)
            if section.extra is not None:
                form.addRow(section.extra)
            (left if section.column == 0 else right).addWidget(box)
        for name, rule in self.rules().items():
            if name in self.fields:
                self.fields[name].widget.setToolTip(rule)
        left.addStretch(1)
        right.addStretch(1)
        body = QWidget()
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setObjectName("formScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # always there: a scroll bar appearing when a message wraps would move every field sideways
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # footer: amendment reason, sign-off, history, status and the buttons
        self.reason = TextField("amendment_reason", rec.field_label("amendment_reason"),
                                translate("Forms", "why the submitted record is changed"))
        self.reason.set_max_length(rec.COMMON_TEXT_LIMITS["amendment_reason"])
        self.reason.changed.connect(self._field_changed)
        self.reason_row = QWidget()
        reason_layout = QHBoxLayout(self.reason_row)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(QLabel(self.reason.label + translate("Forms", ":")))
        reason_cell = QVBoxLayout()
        reason_cell.addWidget(self.reason.widget)
        reason_under = QHBoxLayout()
        reason_under.addWidget(self.reason.message, 1)
        reason_under.addWidget(self.reason.counter)
        reason_cell.addLayout(reason_under)
        reason_layout.addLayout(reason_cell, 1)
        self.reason_row.setVisible(False)
        outer.addWidget(self.reason_row)

        footer = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("formStatus")
        self.status_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.status_label.setWordWrap(True)
        footer.addWidget(self.status_label, 1)
        self.history = QComboBox()
        self.history.setObjectName("history")
        self.history.setMinimumWidth(260)
        self.history.activated.connect(self._show_version)
        footer.addWidget(self.history)
        self.sign_off_note = QLineEdit()
        self.sign_off_note.setObjectName("signOffNote")
        self.sign_off_note.setPlaceholderText(translate("Forms", "sign-off note"))
        self.sign_off_button = QPushButton(translate("Forms", "Sign off"))
        self.sign_off_button.setObjectName("signOff")
        self.sign_off_button.clicked.connect(self.sign_off)
        footer.addWidget(self.sign_off_note)
        footer.addWidget(self.sign_off_button)
        self.discard_button = QPushButton(translate("Forms", "Discard draft"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.clicked.connect(self.discard_draft)
        self.amend_button = QPushButton(translate("Forms", "Amend…"))
        self.amend_button.setObjectName("amend")
        self.amend_button.clicked.connect(self.start_amendment)
        self.submit_button = QPushButton(translate("Forms", "Submit"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setDefault(True)
        self.submit_button.setToolTip(translate("Forms", "Submit and lock the record (Ctrl+Enter). Drafts are saved "
                                                         "by themselves; Ctrl+S saves one at once."))
        self.submit_button.clicked.connect(self.submit)
        for button in (self.discard_button, self.amend_button, self.submit_button):
            footer.addWidget(button)
        outer.addLayout(footer)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self._shortcut_submit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save_now)

        self.restore_button.clicked.connect(self._restore_offered)
        self.discard_banner_button.clicked.connect(self._discard_offered)
        order += [self.attachments.add_button, self.reason.widget, self.submit_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._extra_frame(outer)

    def _extra_frame(self, outer: QVBoxLayout) -> None:
        """Hook for kinds that add a panel below the fields (the anomaly lifecycle)."""

    def _title_text(self) -> str:
        loan, head = self.ctx.loan, self.ctx.household.head_name
        if loan is not None and loan.borrower_name and loan.borrower_name != head:
            # the task named the borrower: the title names them too, with the household they belong to
            return translate("Forms", "{kind} — borrower {borrower} (household of {head})", kind=self.KIND.label,
                             borrower=loan.borrower_name, head=head)
        return translate("Forms", "{kind} — {head}", kind=self.KIND.label, head=head)

    def _context_text(self) -> str:
        household = self.ctx.household
        parts = [household.address or "", household.poverty_status.label,
                 translate("Forms", "{n} members", n=len(household.members))]
        loan = self.ctx.loan
        if loan is not None:
            parts.append(translate("Forms", "Loan {contract} at {bank}: {amount} yuan, disbursed {disbursed}, "
                                            "matures {matures}, balance {balance} yuan",
                                   contract=loan.contract_no, bank=loan.bank_name,
                                   amount=yuan(loan.amount_fen),
                                   disbursed=loan.disbursed_on.isoformat(), matures=loan.matures_on.isoformat(),
                                   balance=yuan(loan.balance_fen)))
        return " · ".join(p for p in parts if p)

    # -- values and validation ------------------------------------------------------------------------------
    def _fill(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.fields:
                    self.fields[name].set_value(value)
        finally:
            self._loading = False

    def values(self) -> tuple[dict[str, Any], rec.Problems]:
        """The typed values of the editable fields, and the fields whose text cannot be read."""
        values: dict[str, Any] = {}
        problems: rec.Problems = {}
        for name in rec.FIELDS[self.KIND]:
            field = self.fields.get(name)
            if field is None:
                continue
            try:
                values[name] = field.value()
            except ValidationError as exc:
                problems[name] = exc.message
                values[name] = None
        return values, problems

    def revalidate(self) -> rec.Problems:
        values, problems = self.values()
        if self.mode != LOCKED:
            found = rec.validate(self.KIND, values, self.ctx)
            found.update(self.extra_problems(values))
            found.update(problems)
            if self.mode == AMENDING and not self.reason.value():
                found["amendment_reason"] = translate("Records", "Give the reason for the amendment.")
            problems = found
        self.problems = problems
        for name, field in [*self.fields.items(), ("amendment_reason", self.reason)]:
            # an empty field stays quiet until it is touched or a submit is tried; a filled one that conflicts
            # with another (a conclusion against a finding, a date outside its window) speaks at once
            shown = self._show_all or field.touched or field.raw() not in (None, "", 0, False)
            text = problems.get(name, "") if shown else ""
            field.message.show_error(text)
        general = [problems[k] for k in ("household_id", "loan_id") if k in problems]
        self.form_message.show_error("\n".join(general))
        self.values_changed(values)
        return problems

    def _field_changed(self) -> None:
        if self._loading or self.mode == LOCKED:
            return
        self._dirty = True
        self._debounce.start()
        self.revalidate()

    def _photos_changed(self) -> None:
        self._dirty = True
        self._debounce.start()

    # -- drafts ----------------------------------------------------------------------------------------------
    def _draft_target(self) -> dict[str, uuid.UUID | None]:
        amends = self.record.id if (self.mode == AMENDING and self.record is not None) else None
        return {"household_id": self.ctx.household.id, "loan_id": self.ctx.loan.loan_id if self.ctx.loan else None,
                "amends_id": amends}

    def draft_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"fields": {name: f.raw() for name, f in self.fields.items()},
                                "touched": sorted(name for name, f in self.fields.items() if f.touched)}
        if self.mode == AMENDING:
            data["amendment_reason"] = self.reason.raw()
            data["keep_attachments"] = [str(a) for a in self.attachments.kept_ids()]
        return data

    def save_draft(self) -> None:
        """Save what is typed (only when something changed since the last save)."""
        if not self._dirty or self.mode == LOCKED:
            return
        try:
            self.draft_id = rec.save_draft(self.store, self.KIND, self.draft_data(), draft_id=self.draft_id,
                                           **self._draft_target())
        except FieldbookError as exc:
            self.status_label.setText(translate("Forms", "The draft could not be saved: {reason}", reason=exc.message))
            return
        self._dirty = False
        self.attachments.set_draft(self.draft_id)
        self.status_label.setText(translate("Forms", "Draft saved at {time}.",
                                            time=dt.datetime.now().strftime("%H:%M:%S")))
        self._update_buttons()
        emit(self.draft_saved)

    def save_now(self) -> None:
        """Ctrl+S: save the draft now, even if nothing changed since the last automatic save."""
        if self.mode == LOCKED:
            return
        self._dirty = True
        self.save_draft()

    def _ensure_draft(self) -> None:
        self._dirty = True
        self.save_draft()

    def _offer_draft(self) -> None:
        drafts = rec.find_drafts(self.store, self.KIND, any_target=False, **self._draft_target())
        if not drafts:
            self.banner.setVisible(False)
            return
        self._offered = drafts[0]
        when = self._offered.updated_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        self.banner_label.setText(translate("Forms", "An unfinished draft of this record from {time} was kept "
                                                     "(for example after a power cut). Restore it?", time=when))
        self.banner.setVisible(True)

    def restore_draft(self, draft: rec.DraftInfo) -> None:
        data = draft.data
        self._loading = True
        try:
            for name, raw in data.get("fields", {}).items():
                if name in self.fields:
                    self.fields[name].set_raw(raw)
            for name in data.get("touched", []):
                if name in self.fields:
                    self.fields[name].touched = True
            if self.mode == AMENDING:
                self.reason.set_raw(data.get("amendment_reason", ""))
        finally:
            self._loading = False
        self.draft_id = draft.id
        self.attachments.set_draft(draft.id)
        if self.mode == AMENDING and "keep_attachments" in data:
            self.attachments.keep_only([uuid.UUID(a) for a in data["keep_attachments"]])
        self.banner.setVisible(False)
        self.status_label.setText(translate("Forms", "Draft restored."))
        self._update_buttons()
        self.revalidate()

    def _restore_offered(self) -> None:
        self.restore_draft(self._offered)

    def _discard_offered(self) -> None:
        rec.discard_draft(self.store, self._offered.id)
        self.banner.setVisible(False)

    def discard_draft(self) -> None:
        if self.draft_id is not None:
            rec.discard_draft(self.store, self.draft_id)
        self.draft_id = None
        self._dirty = False
        if self.mode == AMENDING and self.record is not None:
            self._show_record(self.record)
            self._lock()
        else:
            for field in self.fields.values():
                field.touched = False
            self._show_all = False
            self._fill(rec.defaults(self.KIND, self.ctx, self._author()))
            self.attachments.set_draft(None)
        self.status_label.setText(translate("Forms", "Draft discarded."))
        self._update_buttons()
        self.revalidate()

    # -- submitting -------------------------------------------------------------------------------------------
    def _shortcut_submit(self) -> None:
        if self.submit_button.isVisible() and self.submit_button.isEnabled():
            self.submit()

    def submit(self) -> bool:
        """Submit (or submit the amendment); shows every problem next to its field when refused."""
        self._show_all = True
        problems = self.revalidate()
        if problems:
            first = next((self.fields[n] for n in rec.FIELDS[self.KIND] if n in problems and n in self.fields), None)
            if first is not None:
                first.widget.setFocus()
            self.status_label.setText(translate("Forms", "Not submitted: correct the fields marked in red."))
            return False
        values, _ = self.values()
        self.save_draft()
        try:
            if self.mode == AMENDING and self.record is not None:
                result = rec.amend(self.store, self.KIND, self.record.id, values, self.reason.value(),
                                   keep_attachments=self.attachments.kept_ids(), draft_id=self.draft_id,
                                   today=self.today)
            else:
                result = rec.submit(self.store, self.KIND, values, household_id=self.ctx.household.id,
                                    loan_id=self.ctx.loan.loan_id if self.ctx.loan else None, draft_id=self.draft_id,
                                    today=self.today)
        except FieldbookError as exc:
            self.form_message.show_error(exc.message)
            return False
        self.draft_id = None
        self._dirty = False
        self.record = rec.get_record(self.store, self.KIND, result.record_id)
        self._show_record(self.record)
        self._lock()
        if result.anomaly_id is not None:
            self.status_label.setText(self.status_label.text() + " " + translate(
                "Forms", "An anomaly report was opened for the misuse."))
        emit(self.submitted, self.KIND.value, result.record_id)
        notify(DataKind.RECORDS)
        return True

    # -- locked records, amendments, history, sign-off ------------------------------------------------------
    def _show_record(self, record: FieldRecord) -> None:
        self._fill(rec.record_values(record))
        self.attachments.show_record(self.KIND, record.id)
        self.history.clear()
        for version in rec.history(self.store, self.KIND, record.id):
            text = translate("Forms", "Version {n}: {date} {user}", n=version.version,
                             date=version.created_at.strftime("%Y-%m-%d"), user=version.created_by)
            if version.amendment_reason:
                text += translate("Forms", " — {reason}", reason=version.amendment_reason)
            self.history.addItem(text, version.id)
        ids = [self.history.itemData(i) for i in range(self.history.count())]
        self.history.setCurrentIndex(ids.index(record.id) if record.id in ids else self.history.count() - 1)

    def _status_text(self, record: FieldRecord) -> str:
        text = translate("Forms", "Submitted by {user} at {time} (version {n}); locked.", user=record.created_by,
                         time=record.created_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
                         n=record.version)
        if record.signed_off_by:
            text += " " + translate("Forms", "Signed off by {user}.", user=record.signed_off_by)
        return text

    def _lock(self) -> None:
        self.mode = LOCKED
        self._show_all = False
        for field in self.fields.values():
            field.set_read_only(True)
            field.touched = False
        self.reason.set_value("")
        self.reason_row.setVisible(False)
        self.attachments.set_editable(False)
        if self.record is not None:
            self.status_label.setText(self._status_text(self.record))
        self._update_buttons()
        self.revalidate()

    def _is_latest(self) -> bool:
        return self.record is not None and self.history.count() > 0 and \
            self.history.itemData(self.history.count() - 1) == self.record.id

    def _show_version(self, index: int) -> None:
        version_id = self.history.itemData(index)
        if self.mode != LOCKED or version_id is None:
            return
        self.record = rec.get_record(self.store, self.KIND, version_id)
        self._fill(rec.record_values(self.record))
        self.attachments.show_record(self.KIND, self.record.id)
        self.status_label.setText(self._status_text(self.record))
        self._update_buttons()
        self.revalidate()

    def start_amendment(self) -> None:
        if self.record is None:
            return
        if not self._is_latest():
            self._show_version(self.history.count() - 1)
        self.mode = AMENDING
        for field in self.fields.values():
            field.set_read_only(False)
        self.reason_row.setVisible(True)
        self.attachments.start_amending()
        self.reason.widget.setFocus()
        self.status_label.setText(translate("Forms", "Amending version {n}: the submitted version stays as it was.",
                                            n=self.record.version))
        drafts = rec.find_drafts(self.store, self.KIND, any_target=False, **self._draft_target())
        if drafts:
            self.restore_draft(drafts[0])
        self._update_buttons()
        self.revalidate()

    def sign_off(self) -> None:
        if self.record is None:
            return
        try:
            rec.sign_off(self.store, self.KIND, self.record.id, self.sign_off_note.text())
        except FieldbookError as exc:
            self.form_message.show_error(exc.message)
            return
        notify(DataKind.RECORDS)
        self.record = rec.get_record(self.store, self.KIND, self.record.id)
        self.sign_off_note.clear()
        self.status_label.setText(self._status_text(self.record))
        self._update_buttons()

    def _update_buttons(self) -> None:
        role = self.store.user.role
        locked = self.mode == LOCKED
        self.submit_button.setVisible(not locked)
        self.submit_button.setText(translate("Forms", "Submit amendment") if self.mode == AMENDING
                                   else translate("Forms", "Submit"))
        self.discard_button.setVisible(not locked and self.draft_id is not None)
        self.amend_button.setVisible(locked and has_permission(role, rec.permission_to_record(self.KIND)))
        self.history.setVisible(self.record is not None)
        can_sign = (locked and self.record is not None and not self.record.signed_off_by and self._is_latest()
                    and has_permission(role, Permission.SIGN_OFF) and self.KIND is not RecordKind.ANOMALY)
        self.sign_off_button.setVisible(can_sign)
        self.sign_off_note.setVisible(can_sign)

    # -- closing -------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        super().closeEvent(event)


class RecordWindow(QDialog):
    """A form in its own window (from the field-records page, the workbench or a household's timeline).

    Closing the window keeps the draft; nothing typed is lost.
    """

    def __init__(self, form: RecordForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setWindowTitle(form.KIND.label)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.resize(1280, 720)

    def done(self, result: int) -> None:
        self.form.save_draft()
        super().done(result)
