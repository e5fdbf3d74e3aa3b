"""到期前评估: repayment ability within the configured days before maturity, and the proposed disposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel

from app.domain.records.validation import field_label as L
from app.i18n import translate
from app.models.enums import Disposal, RecordKind, RepaymentAbility
from app.ui.forms.base import RecordForm, Section
from app.ui.forms.fields import ChoiceField, DateField, NoteField, TextField
from app.ui.widgets import MUTED_COLOR


class MaturityForm(RecordForm):
    KIND = RecordKind.MATURITY_ASSESSMENT

    def build(self) -> list[Section]:
        self.days_label = QLabel()
        self.days_label.setObjectName("daysToMaturity")
        self.days_label.setStyleSheet(f"color: {MUTED_COLOR};")
        return [
            Section(translate("Forms", "Assessment"), [
                DateField("assessed_on", L("assessed_on")),
                TextField("assessors", L("assessors")),
                ChoiceField("ability", L("ability"), RepaymentAbility, must_choose=True),
                NoteField("reason", L("reason"), translate("Forms", "why the household can or cannot repay"),
                          lines=4),
            ], extra=self.days_label),
            Section(translate("Forms", "Disposal"), [
                ChoiceField("proposed_disposal", L("proposed_disposal"), Disposal, must_choose=True),
                NoteField("decision", L("decision"), lines=2),
                TextField("decided_by", L("decided_by")),
                DateField("decided_on", L("decided_on"), optional=True),
                DateField("reported_to_finance_on", L("reported_to_finance_on"), optional=True),
            ], column=1),
        ]

    def rules(self) -> dict[str, str]:
        loan, window = self.ctx.loan, self.ctx.maturity_days
        assessed = (translate("Forms", "Within {n} days before maturity: from {first} to {last}, and not in the "
                                       "future.", n=window, first=(loan.matures_on - dt.timedelta(days=window))
                              .isoformat(), last=loan.matures_on.isoformat()) if loan is not None
                    else translate("Forms", "Within {n} days before maturity, not in the future.", n=window))
        return {
            "assessed_on": assessed,
            "assessors": translate("Forms", "Required: who made the assessment."),
            "reason": translate("Forms", "Required unless the household is able to repay and repays."),
            "proposed_disposal": translate("Forms", "A household unable to repay needs a disposal other than "
                                                    "\"repay\"."),
            "decision": translate("Forms", "Required once a decision date is entered."),
            "decided_by": translate("Forms", "Required once a decision is written."),
            "decided_on": translate("Forms", "Optional; not before the assessment, not in the future."),
            "reported_to_finance_on": translate("Forms", "Optional; not before the assessment, not in the future."),
        }

    def values_changed(self, values: dict[str, Any]) -> None:
        loan, day = self.ctx.loan, values.get("assessed_on")
        if loan is None or day is None:
            self.days_label.setText("")
            return
        self.days_label.setText(translate("Forms", "Matures on {date}: {days} days after the assessment "
                                                   "(allowed: 0 to {window}).", date=loan.matures_on.isoformat(),
                                          days=(loan.matures_on - day).days, window=self.ctx.maturity_days))
