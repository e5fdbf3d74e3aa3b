"""贷前审查: home verification, eligibility and the 100-point credit rating sheet, with the score, grade and
largest line worked out as the cadre fills it in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from app.domain import records as rec
from app.domain.money import yuan
from app.domain.records.validation import field_label as L
from app.i18n import translate
from app.models.enums import OverallAssessment, PurposeCategory, RecordKind
from app.ui.forms.base import RecordForm, Section
from app.ui.forms.fields import (
    BoolField,
    ChoiceField,
    DateField,
    IntField,
    MoneyField,
    NoteField,
    OptionField,
    TextField,
)


class PreloanForm(RecordForm):
    KIND = RecordKind.PRELOAN_REVIEW
    PHOTOS_COLUMN = 0

    def build(self) -> list[Section]:
        sheet = self.ctx.credit_sheet or rec.CREDIT_SHEET
        members = []
        for member in self.ctx.household.members:
            birth = rec.birth_date_of(member)
            age = rec.age_on(birth, self.today) if birth else None
            text = member.name if age is None else translate("Forms", "{name} ({relation}, {age} years)",
                                                             name=member.name, relation=member.relation or "-",
                                                             age=age)
            members.append((member.id, text))
        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("creditOutcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setStyleSheet("font-weight: 600;")
        return [
            Section(translate("Forms", "Applicant and home verification"), [
                DateField("reviewed_on", L("reviewed_on")),
                TextField("reviewers", L("reviewers")),
                OptionField("applicant_id", L("applicant_id"), [(None, "—"), *members]),
                BoolField("home_verified", translate("Forms", "Home verified on the spot (入户核实)")),
                NoteField("verification_note", L("verification_note"), lines=2),
            ]),
            Section(translate("Forms", "Eligibility"), [
                BoolField("registered_poor", L("registered_poor")),
                BoolField("credit_good", L("credit_good")),
                BoolField("willing", L("willing")),
                BoolField("has_skills", L("has_skills")),
                BoolField("can_repay", L("can_repay")),
                BoolField("gambling_or_drugs", L("gambling_or_drugs")),
                BoolField("unsettled_poverty_loan", L("unsettled_poverty_loan")),
                IntField("debt_ratio_pct", L("debt_ratio_pct"), 0, 1000, " %"),
            ]),
            Section(translate("Forms", "Credit rating sheet (100 points)"), [
                IntField("household_size", L("household_size"), 0, 30),
                IntField("labour_force", L("labour_force"), 0, 30),
                IntField("total_assets_score", L("total_assets_score"), 0, sheet.total_assets_max),
                IntField("net_assets_score", L("net_assets_score"), 0, sheet.net_assets_max),
                IntField("share_capital_score", L("share_capital_score"), 0, sheet.share_capital_max),
                IntField("net_income_score", L("net_income_score"), 0, sheet.net_income_max),
                ChoiceField("overall", L("overall"), OverallAssessment),
                IntField("repayment_record_score", L("repayment_record_score"), 0, sheet.repayment_record_max),
            ], column=1, extra=self.outcome_label),
            Section(translate("Forms", "Outcome"), [
                ChoiceField("purpose_category", L("purpose_category"), PurposeCategory, optional=True),
                TextField("purpose_text", L("purpose_text")),
                MoneyField("requested_fen", L("requested_fen")),
                MoneyField("proposed_line_fen", L("proposed_line_fen")),
                NoteField("policy_explanation", L("policy_explanation"),
                          translate("Forms", "the policy explained to an ineligible household"), lines=2),
                TextField("explained_to", L("explained_to"), max_length=100),
            ], column=1),
        ]

    def rules(self) -> dict[str, str]:
        sheet = self.ctx.credit_sheet or rec.CREDIT_SHEET
        cap = yuan(self.ctx.loan_cap_fen)
        score = translate("Forms", "A number from 0 to {top} on the credit-rating sheet.")  # {top} filled below
        return {
            "reviewed_on": translate("Forms", "Required; today or earlier, not in the future."),
            "reviewers": translate("Forms", "Required: who made the review."),
            "applicant_id": translate("Forms", "Required: a member of this household, aged {low} to {high} on the day "
                                               "of the review.", low=self.ctx.age_min, high=self.ctx.age_max),
            "verification_note": translate("Forms", "Required when the home was verified on the spot."),
            "debt_ratio_pct": translate("Forms", "Above 60 % the household is not eligible."),
            "household_size": translate("Forms", "At least 1 person."),
            "total_assets_score": score.format(top=sheet.total_assets_max),
            "net_assets_score": score.format(top=sheet.net_assets_max),
            "share_capital_score": score.format(top=sheet.share_capital_max),
            "net_income_score": score.format(top=sheet.net_income_max),
            "repayment_record_score": score.format(top=sheet.repayment_record_max),
            "purpose_category": translate("Forms", "Required for an eligible household: a production project "
                                                   "from the district's list."),
            "requested_fen": translate("Forms", "In yuan; at most {cap} yuan per household.", cap=cap),
            "proposed_line_fen": translate("Forms", "Required for an eligible household; at most what the grade "
                                                    "allows (shown under the score). Empty when not eligible."),
            "policy_explanation": translate("Forms", "Required when the household is not eligible: the policy "
                                                     "explained to it."),
            "explained_to": translate("Forms", "Required when the household is not eligible."),
        }

    def values_changed(self, values: dict[str, Any]) -> None:
        outcome = rec.preloan_outcome(values, self.ctx)
        text = translate("Forms", "Score {score} · grade {grade}", score=outcome.score, grade=outcome.grade.label)
        if outcome.eligible:
            text += " · " + translate("Forms", "eligible, line at most {line} yuan",
                                      line=yuan(outcome.max_line_fen))
            self.outcome_label.setStyleSheet("font-weight: 600; color: #1e6b34;")
        else:
            text += " · " + translate("Forms", "not eligible: {reasons}",
                                      reasons="、".join(rec.reason_labels(outcome.reasons)))
            self.outcome_label.setStyleSheet("font-weight: 600; color: #8a5a00;")
        self.outcome_label.setText(text)
