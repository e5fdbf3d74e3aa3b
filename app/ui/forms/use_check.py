"""用途核查: declared purpose against what was seen; a misuse finding opens an anomaly report on submit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from app.domain.records.validation import field_label as L
from app.i18n import translate
from app.models.enums import ProhibitedUse, RecordKind, UseConclusion
from app.ui.forms.base import LOCKED, RecordForm, Section
from app.ui.forms.fields import ChoiceField, DateField, MoneyField, NoteField, TextField


class UseCheckForm(RecordForm):
    KIND = RecordKind.USE_CHECK

    def build(self) -> list[Section]:
        self.misuse_note = QLabel(translate("Forms", "Submitting this finding opens an anomaly report "
                                                     "automatically."))
        self.misuse_note.setObjectName("misuseNote")
        self.misuse_note.setWordWrap(True)
        self.misuse_note.setStyleSheet("color: #8a5a00;")
        return [
            Section(translate("Forms", "Check"), [
                DateField("checked_on", L("checked_on")),
                TextField("checked_by", L("checked_by")),
                TextField("declared_purpose", L("declared_purpose"), max_length=300),
                NoteField("observed_use", L("observed_use"),
                          translate("Forms", "what the money bought, where it is, receipts seen"), lines=4),
            ]),
            Section(translate("Forms", "Finding"), [
                ChoiceField("prohibited_use", L("prohibited_use"), ProhibitedUse),
                MoneyField("amount_misused_fen", L("amount_misused_fen")),
                ChoiceField("conclusion", L("conclusion"), UseConclusion),
                NoteField("note", L("note"), lines=2),
            ], column=1, extra=self.misuse_note),
        ]

    def rules(self) -> dict[str, str]:
        loan = self.ctx.loan
        checked_on = (translate("Forms", "Required; not in the future and not before the loan was disbursed "
                                         "({date}).", date=loan.disbursed_on.isoformat()) if loan is not None
                      else translate("Forms", "Required; not in the future."))
        return {
            "checked_on": checked_on,
            "checked_by": translate("Forms", "Required: who made the check."),
            "observed_use": translate("Forms", "Required: what the money bought, where it is, receipts seen."),
            "prohibited_use": translate("Forms", "Loans are for production only: house building, wealth "
                                                 "management and consumption are prohibited. Name the use found "
                                                 "when the conclusion is \"partly\" or \"misused\"."),
            "amount_misused_fen": translate("Forms", "In yuan; required when the conclusion is \"partly\" or "
                                                     "\"misused\"; at most the loan amount, and less than the "
                                                     "whole loan for \"partly\"."),
            "conclusion": translate("Forms", "\"Compliant\" only with no prohibited use and nothing misused. "
                                             "\"Partly\" or \"misused\" opens an anomaly report when "
                                             "submitted."),
        }

    def values_changed(self, values: dict[str, Any]) -> None:
        conclusion = values.get("conclusion")
        self.misuse_note.setVisible(self.mode != LOCKED and conclusion not in (None, UseConclusion.COMPLIANT))
