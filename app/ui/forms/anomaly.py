"""异常情况报告 and its lifecycle: reported → acknowledged → measures taken → resolved → closed.

Once submitted the report shows its steps (who, when, note) and a button for the next step; closing is for
supervisors and needs a note.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain import records as rec
from app.domain.records.validation import field_label as L
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import AnomalyKind, AnomalyStatus, RecordKind, Severity
from app.models.records import Anomaly
from app.ui.forms.base import LOCKED, RecordForm, Section
from app.ui.forms.fields import ChoiceField, DateField, NoteField, TextField
from app.ui.widgets import FieldMessage


class AnomalyForm(RecordForm):
    KIND = RecordKind.ANOMALY

    def build(self) -> list[Section]:
        return [
            Section(translate("Forms", "Report"), [
                DateField("found_on", L("found_on")),
                ChoiceField("kind", L("kind"), AnomalyKind, optional=True),
                ChoiceField("severity", L("severity"), Severity),
                TextField("assigned_to", L("assigned_to"), max_length=64),
            ]),
            Section(translate("Forms", "What happened"), [
                NoteField("description", L("description"), lines=5),
                NoteField("measures", L("measures"), translate("Forms", "what is planned or already done"), lines=3),
            ], column=1),
        ]

    def rules(self) -> dict[str, str]:
        return {
            "found_on": translate("Forms", "Required; today or earlier, not in the future."),
            "kind": translate("Forms", "What kind of problem; \"—\" if none fits yet."),
            "severity": translate("Forms", "High: act at once and tell the street office today."),
            "description": translate("Forms", "Required: what happened, when, who told you."),
        }

    def _extra_frame(self, outer: QVBoxLayout) -> None:
        self.lifecycle = QGroupBox(translate("Forms", "Lifecycle"))
        self.lifecycle.setObjectName("lifecycle")
        layout = QVBoxLayout(self.lifecycle)
        self.steps = QTableWidget(0, 4)
        self.steps.setObjectName("steps")
        self.steps.setHorizontalHeaderLabels([translate("Forms", "Status"), translate("Forms", "By"),
                                              translate("Forms", "When"), translate("Forms", "Note")])
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.steps.verticalHeader().setVisible(False)
        self.steps.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.steps.setMaximumHeight(130)
        layout.addWidget(self.steps)
        row = QHBoxLayout()
        self.step_note = QLineEdit()
        self.step_note.setObjectName("stepNote")
        self.step_note.setPlaceholderText(translate("Forms", "note for this step (needed for measures and closing)"))
        self.advance_button = QPushButton()
        self.advance_button.setObjectName("advance")
        self.advance_button.clicked.connect(self.advance)
        row.addWidget(self.step_note, 1)
        row.addWidget(self.advance_button)
        layout.addLayout(row)
        self.step_message = FieldMessage()
        self.step_message.setObjectName("stepMessage")
        layout.addWidget(self.step_message)
        outer.insertWidget(outer.count() - 2, self.lifecycle)
        self._refresh_lifecycle()

    def _lock(self) -> None:
        super()._lock()
        if hasattr(self, "steps"):
            self._refresh_lifecycle()

    def start_amendment(self) -> None:
        super().start_amendment()
        self._refresh_lifecycle()

    def _refresh_lifecycle(self) -> None:
        record = self.record
        self.lifecycle.setVisible(record is not None)
        if record is None:
            return
        steps = rec.anomaly_steps(self.store, record.id)
        self.steps.setRowCount(len(steps))
        for row, step in enumerate(steps):
            when = step.at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
            for column, text in enumerate((step.to_status.label, step.actor, when, step.note)):
                self.steps.setItem(row, column, QTableWidgetItem(text))
        self.steps.resizeColumnsToContents()
        status = AnomalyStatus(steps[-1].to_status) if steps else AnomalyStatus.REPORTED
        following = rec.next_status(status)
        allowed = following is not None and self.mode == LOCKED and self._is_latest() and \
            rec.may_advance(self.store, following)
        self.advance_button.setVisible(following is not None)
        self.step_note.setVisible(allowed)
        self.advance_button.setEnabled(allowed)
        if following is not None:
            self.advance_button.setText(translate("Forms", "Mark as \"{status}\"", status=following.label))

    def advance(self) -> None:
        if self.record is None:
            return
        current = rec.get_record(self.store, self.KIND, self.record.id)
        assert isinstance(current, Anomaly)
        following = rec.next_status(current.status)
        if following is None:
            return
        try:
            rec.advance_anomaly(self.store, self.record.id, following, self.step_note.text())
        except FieldbookError as exc:
            self.step_message.show_error(exc.message)
            return
        self.step_message.clear_message()
        self.step_note.clear()
        self.record = rec.get_record(self.store, self.KIND, self.record.id)
        self._refresh_lifecycle()
