"""回访记录: a post-loan visit."""

from __future__ import annotations

from app.domain.records.validation import field_label as L
from app.i18n import translate
from app.models.enums import BusinessStatus, RecordKind, RepaymentAbility, VisitType, Willingness
from app.ui.forms.base import RecordForm, Section
from app.ui.forms.fields import BoolField, ChoiceField, DateField, MoneyField, NoteField, TextField, yes_no_unknown


class VisitForm(RecordForm):
    KIND = RecordKind.VISIT

    def build(self) -> list[Section]:
        return [
            Section(translate("Forms", "Visit"), [
                DateField("visited_on", L("visited_on")),
                ChoiceField("visit_type", L("visit_type"), VisitType),
                TextField("visitors", L("visitors"), translate("Forms", "names, separated by commas")),
                TextField("people_met", L("people_met")),
            ]),
            Section(translate("Forms", "Business and family"), [
                ChoiceField("business_status", L("business_status"), BusinessStatus, must_choose=True),
                NoteField("business_seen", L("business_seen"),
                          translate("Forms", "livestock, crops, shop, stock seen on the spot")),
                NoteField("family_changes", L("family_changes"),
                          translate("Forms", "illness, death, disaster, members moving away"), lines=2),
                MoneyField("income_estimate_fen", L("income_estimate_fen")),
            ]),
            Section(translate("Forms", "Repayment"), [
                ChoiceField("willingness", L("willingness"), Willingness, must_choose=True),
                ChoiceField("ability", L("ability"), RepaymentAbility, must_choose=True),
                yes_no_unknown("used_as_declared", L("used_as_declared")),
            ], column=1),
            Section(translate("Forms", "Conclusion"), [
                NoteField("findings", L("findings")),
                NoteField("follow_up", L("follow_up"), lines=2),
                DateField("next_visit_on", L("next_visit_on"), optional=True),
                BoolField("household_confirmed", translate("Forms", "The household confirmed the record "
                                                                    "(signs the printed copy)")),
            ], column=1),
        ]

    def rules(self) -> dict[str, str]:
        return {
            "visited_on": translate("Forms", "Required; today or earlier, not in the future."),
            "visit_type": translate("Forms", "A pre-maturity visit must be started from a loan."),
            "visitors": translate("Forms", "Required: who made the visit, names separated by commas."),
            "people_met": translate("Forms", "Required: whom you met (the head of household is filled in)."),
            "business_seen": translate("Forms", "Required when the business is difficult or stopped."),
            "income_estimate_fen": translate("Forms", "Optional; in yuan, not negative, e.g. 30,000."),
            "used_as_declared": translate("Forms", "\"No\" means the money went elsewhere: do a loan-use check "
                                                   "as well."),
            "findings": translate("Forms", "Required: what you found."),
            "next_visit_on": translate("Forms", "Optional; must be after the date of this visit."),
            "household_confirmed": translate("Forms", "Tick when the household has read the record; it signs the "
                                                      "printed copy."),
        }
