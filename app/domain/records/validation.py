"""The rules each form checks as it is typed, and every other path (CLI, import, tests) checks again:
``validate(kind, values, ctx)`` returns ``{field: translated message}``; the field labels they name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from app.domain.money import yuan
from app.domain.records.context import RecordContext
from app.domain.records.credit import CREDIT_SHEET, CreditSheet, preloan_outcome
from app.domain.records.kinds import NEEDS_LOAN, TEXT_LIMITS, Problems
from app.domain.scope import in_scope
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import (
    AnomalyKind,
    BusinessStatus,
    Disposal,
    Labelled,
    OverallAssessment,
    ProhibitedUse,
    PurposeCategory,
    RecordKind,
    RepaymentAbility,
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)


def _date_rules(problems: Problems, values: Mapping[str, Any], name: str, ctx: RecordContext,
                required: bool = True, not_before: dt.date | None = None, not_before_text: str = "") -> None:
    value = values.get(name)
    if value is None:
        if required:
            problems[name] = translate("Records", "Enter the date.")
        return
    if not isinstance(value, dt.date):
        problems[name] = translate("Records", "Not a date.")
    elif value > ctx.today:
        problems[name] = translate("Records", "The date {date} is in the future.", date=value.isoformat())
    elif not_before is not None and value < not_before:
        problems[name] = not_before_text


def _required_text(problems: Problems, values: Mapping[str, Any], name: str, message: str) -> None:
    if not str(values.get(name) or "").strip():
        problems[name] = message


def _enum_rule(problems: Problems, values: Mapping[str, Any], name: str, enum: type[Labelled],
               required: bool = True) -> None:
    value = values.get(name)
    if value in (None, ""):
        if required:
            problems[name] = translate("Records", "Choose one.")
        return
    try:
        enum(value)
    except ValueError:
        problems[name] = translate("Records", "Not one of the choices.")


def _common_rules(kind: RecordKind, values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems: Problems = {}
    if not in_scope(ctx.household.street_code, ctx.node_street):
        problems["household_id"] = translate(
            "Records", "This household belongs to another street ({street}); this node records only its own "
                       "street's households.", street=ctx.household.street_code)
    if kind in NEEDS_LOAN and ctx.loan is None:
        problems["loan_id"] = translate("Records", "Choose the loan this record is about.")
    if ctx.loan is not None and ctx.loan.household_id != ctx.household.id:
        problems["loan_id"] = translate("Records", "This loan does not belong to the household.")
    return problems


def validate_visit(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.VISIT, values, ctx)
    _date_rules(problems, values, "visited_on", ctx)
    _enum_rule(problems, values, "visit_type", VisitType)
    _enum_rule(problems, values, "business_status", BusinessStatus)
    _enum_rule(problems, values, "willingness", Willingness)
    _enum_rule(problems, values, "ability", RepaymentAbility)
    _required_text(problems, values, "visitors", translate("Records", "Who made the visit?"))
    _required_text(problems, values, "people_met", translate("Records", "Whom did you meet?"))
    _required_text(problems, values, "findings", translate("Records", "Write down what you found."))
    if values.get("business_status") in (BusinessStatus.DIFFICULT, BusinessStatus.STOPPED) \
            and not str(values.get("business_seen") or "").strip():
        problems["business_seen"] = translate("Records", "Describe what you saw of the business.")
    if values.get("visit_type") == VisitType.PRE_MATURITY and ctx.loan is None:
        problems["loan_id"] = translate("Records", "A pre-maturity visit is about a loan; choose it.")
    income = values.get("income_estimate_fen")
    if income is not None and income < 0:
        problems["income_estimate_fen"] = translate("Records", "An amount cannot be negative.")
    follow_up_on = values.get("next_visit_on")
    visited_on = values.get("visited_on")
    if follow_up_on is not None and isinstance(visited_on, dt.date) and follow_up_on <= visited_on:
        problems["next_visit_on"] = translate("Records", "The next visit comes after this one.")
    return problems


def validate_use_check(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.USE_CHECK, values, ctx)
    loan = ctx.loan
    _date_rules(problems, values, "checked_on", ctx, not_before=loan.disbursed_on if loan else None,
                not_before_text=translate("Records", "The loan was disbursed on {date}; a use check comes after.",
                                          date=loan.disbursed_on.isoformat()) if loan else "")
    _required_text(problems, values, "checked_by", translate("Records", "Who made the check?"))
    _required_text(problems, values, "observed_use", translate("Records", "Describe how the money was used."))
    _enum_rule(problems, values, "prohibited_use", ProhibitedUse)
    _enum_rule(problems, values, "conclusion", UseConclusion)
    amount = values.get("amount_misused_fen") or 0
    prohibited = values.get("prohibited_use") or ProhibitedUse.NONE
    conclusion = values.get("conclusion")
    if amount < 0:
        problems["amount_misused_fen"] = translate("Records", "An amount cannot be negative.")
    elif loan is not None and amount > loan.amount_fen:
        problems["amount_misused_fen"] = translate(
            "Records", "The amount misused ({amount} yuan) is larger than the loan ({loan} yuan).",
            amount=yuan(amount), loan=yuan(loan.amount_fen))
    if conclusion == UseConclusion.COMPLIANT:
        if prohibited != ProhibitedUse.NONE:
            problems["conclusion"] = translate("Records", "A prohibited use was found; the loan was not used as "
                                                          "declared.")
        elif amount:
            problems["conclusion"] = translate("Records", "An amount was misused; the loan was not used as "
                                                          "declared.")
    elif conclusion in (UseConclusion.PARTLY, UseConclusion.MISUSED):
        if prohibited == ProhibitedUse.NONE:
            problems.setdefault("prohibited_use", translate("Records", "Name the prohibited use that was found."))
        if not amount:
            problems.setdefault("amount_misused_fen", translate("Records", "Enter the amount misused."))
        elif conclusion == UseConclusion.PARTLY and loan is not None and amount >= loan.amount_fen:
            problems.setdefault("amount_misused_fen", translate(
                "Records", "The whole loan was misused; conclude \"misused\" rather than \"partly\"."))
    return problems


def validate_anomaly(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.ANOMALY, values, ctx)
    _date_rules(problems, values, "found_on", ctx)
    _enum_rule(problems, values, "kind", AnomalyKind)
    _enum_rule(problems, values, "severity", Severity)
    _required_text(problems, values, "description", translate("Records", "Describe what happened."))
    return problems


def validate_preloan_review(values: Mapping[str, Any], ctx: RecordContext,
                            sheet: CreditSheet | None = None) -> Problems:
    sheet = sheet or ctx.credit_sheet or CREDIT_SHEET
    problems = _common_rules(RecordKind.PRELOAN_REVIEW, values, ctx)
    _date_rules(problems, values, "reviewed_on", ctx)
    _required_text(problems, values, "reviewers", translate("Records", "Who made the review?"))
    if values.get("applicant_id") is None:
        problems["applicant_id"] = translate("Records", "Choose the applicant among the household's members.")
    elif not any(m.id == values.get("applicant_id") for m in ctx.household.members):
        problems["applicant_id"] = translate("Records", "The applicant is not a member of this household.")
    if values.get("home_verified") and not str(values.get("verification_note") or "").strip():
        problems["verification_note"] = translate("Records", "Note what the home verification found.")
    for name, top in (("household_size", 30), ("labour_force", 30), ("debt_ratio_pct", 1000),
                      ("total_assets_score", sheet.total_assets_max), ("net_assets_score", sheet.net_assets_max),
                      ("share_capital_score", sheet.share_capital_max),
                      ("net_income_score", sheet.net_income_max),
                      ("repayment_record_score", sheet.repayment_record_max)):
        value = values.get(name)
        if value is None or not 0 <= int(value) <= top:
            problems[name] = translate("Records", "Enter a number from 0 to {top}.", top=top)
    if not values.get("household_size"):
        problems["household_size"] = translate("Records", "A household has at least one person.")
    _enum_rule(problems, values, "overall", OverallAssessment)
    _enum_rule(problems, values, "purpose_category", PurposeCategory, required=False)
    requested = values.get("requested_fen") or 0
    line = values.get("proposed_line_fen") or 0
    if requested > ctx.loan_cap_fen:
        problems["requested_fen"] = translate("Records", "At most {cap} yuan per household.",
                                              cap=yuan(ctx.loan_cap_fen))
    outcome = preloan_outcome(values, ctx, sheet)
    if line and not outcome.eligible:
        problems["proposed_line_fen"] = translate("Records", "An ineligible household gets no credit line.")
    elif line > outcome.max_line_fen:
        problems["proposed_line_fen"] = translate("Records", "Grade {grade} allows at most {line} yuan.",
                                                  grade=outcome.grade.label, line=yuan(outcome.max_line_fen))
    elif outcome.eligible and not line:
        problems["proposed_line_fen"] = translate("Records", "Propose a credit line (at most {line} yuan).",
                                                  line=yuan(outcome.max_line_fen))
    if outcome.eligible and not values.get("purpose_category"):
        problems["purpose_category"] = translate("Records", "Choose the project the loan is for.")
    if not outcome.eligible:
        _required_text(problems, values, "policy_explanation", translate(
            "Records", "Record the policy explanation given to the household (it is not eligible)."))
        _required_text(problems, values, "explained_to", translate("Records", "To whom was it explained?"))
    return problems


def maturity_window_problem(assessed_on: dt.date, matures_on: dt.date, window_days: int) -> str | None:
    days = (matures_on - assessed_on).days
    if days < 0:
        return translate("Records", "The loan matured on {date}; the assessment is made before maturity.",
                         date=matures_on.isoformat())
    if days > window_days:
        return translate("Records", "The assessment is made at most {n} days before maturity; this loan matures "
                                    "on {date}, {days} days later.", n=window_days, date=matures_on.isoformat(),
                         days=days)
    return None


def validate_maturity_assessment(values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    problems = _common_rules(RecordKind.MATURITY_ASSESSMENT, values, ctx)
    _date_rules(problems, values, "assessed_on", ctx)
    assessed_on = values.get("assessed_on")
    if ctx.loan is not None and isinstance(assessed_on, dt.date) and "assessed_on" not in problems:
        window = maturity_window_problem(assessed_on, ctx.loan.matures_on, ctx.maturity_days)
        if window:
            problems["assessed_on"] = window
    _required_text(problems, values, "assessors", translate("Records", "Who made the assessment?"))
    _enum_rule(problems, values, "ability", RepaymentAbility)
    _enum_rule(problems, values, "proposed_disposal", Disposal)
    if (values.get("ability") not in (None, RepaymentAbility.ABLE)
            or values.get("proposed_disposal") not in (None, Disposal.REPAY)):
        _required_text(problems, values, "reason", translate("Records", "Give the reason."))
    if values.get("ability") == RepaymentAbility.UNABLE and values.get("proposed_disposal") == Disposal.REPAY:
        problems["proposed_disposal"] = translate("Records", "The household cannot repay; propose a disposal.")
    for name in ("decided_on", "reported_to_finance_on"):
        _date_rules(problems, values, name, ctx, required=False,
                    not_before=assessed_on if isinstance(assessed_on, dt.date) else None,
                    not_before_text=translate("Records", "This comes after the assessment."))
    if str(values.get("decision") or "").strip() and not str(values.get("decided_by") or "").strip():
        problems["decided_by"] = translate("Records", "Who decided?")
    if values.get("decided_on") and not str(values.get("decision") or "").strip():
        problems["decision"] = translate("Records", "Write down the decision.")
    return problems


VALIDATORS: dict[RecordKind, Callable[[Mapping[str, Any], RecordContext], Problems]] = {
    RecordKind.VISIT: validate_visit,
    RecordKind.USE_CHECK: validate_use_check,
    RecordKind.ANOMALY: validate_anomaly,
    RecordKind.PRELOAN_REVIEW: validate_preloan_review,
    RecordKind.MATURITY_ASSESSMENT: validate_maturity_assessment,
}


def too_long(text: Any, limit: int) -> str | None:
    """The message for a text longer than ``limit`` characters, or None."""
    length = len(str(text or "").strip())
    if length <= limit:
        return None
    return translate("Records", "At most {limit} characters; this text has {length}.", limit=limit, length=length)


def validate(kind: RecordKind, values: Mapping[str, Any], ctx: RecordContext) -> Problems:
    kind = RecordKind(kind)
    problems = VALIDATORS[kind](values, ctx)
    for name, limit in TEXT_LIMITS[kind].items():
        message = too_long(values.get(name), limit)
        if message:
            problems.setdefault(name, message)
    return problems


def raise_problems(problems: Problems) -> None:
    if problems:
        lines = [f"{field_label(name)}：{text}" for name, text in problems.items()]
        raise ValidationError("\n".join(lines))


#: field labels shown in forms, ledgers and error summaries ("Records" context)
FIELD_LABELS: dict[str, str] = {
    "household_id": QT_TRANSLATE_NOOP("Records", "Household"),
    "loan_id": QT_TRANSLATE_NOOP("Records", "Loan"),
    "visited_on": QT_TRANSLATE_NOOP("Records", "Visited on"),
    "visit_type": QT_TRANSLATE_NOOP("Records", "Visit type"),
    "visitors": QT_TRANSLATE_NOOP("Records", "Visitors"),
    "people_met": QT_TRANSLATE_NOOP("Records", "People met"),
    "business_status": QT_TRANSLATE_NOOP("Records", "Business status"),
    "business_seen": QT_TRANSLATE_NOOP("Records", "What was seen"),
    "family_changes": QT_TRANSLATE_NOOP("Records", "Family changes"),
    "income_estimate_fen": QT_TRANSLATE_NOOP("Records", "Income estimate (yuan/year)"),
    "willingness": QT_TRANSLATE_NOOP("Records", "Willingness to repay"),
    "ability": QT_TRANSLATE_NOOP("Records", "Ability to repay"),
    "used_as_declared": QT_TRANSLATE_NOOP("Records", "Loan used as declared"),
    "findings": QT_TRANSLATE_NOOP("Records", "Findings"),
    "follow_up": QT_TRANSLATE_NOOP("Records", "Follow-up actions"),
    "next_visit_on": QT_TRANSLATE_NOOP("Records", "Next visit by"),
    "household_confirmed": QT_TRANSLATE_NOOP("Records", "Household confirmed"),
    "checked_on": QT_TRANSLATE_NOOP("Records", "Checked on"),
    "checked_by": QT_TRANSLATE_NOOP("Records", "Checked by"),
    "declared_purpose": QT_TRANSLATE_NOOP("Records", "Declared purpose"),
    "observed_use": QT_TRANSLATE_NOOP("Records", "Observed use"),
    "prohibited_use": QT_TRANSLATE_NOOP("Records", "Prohibited use found"),
    "amount_misused_fen": QT_TRANSLATE_NOOP("Records", "Amount misused (yuan)"),
    "conclusion": QT_TRANSLATE_NOOP("Records", "Conclusion"),
    "note": QT_TRANSLATE_NOOP("Records", "Note"),
    "found_on": QT_TRANSLATE_NOOP("Records", "Found on"),
    "kind": QT_TRANSLATE_NOOP("Records", "Kind"),
    "severity": QT_TRANSLATE_NOOP("Records", "Severity"),
    "description": QT_TRANSLATE_NOOP("Records", "Description"),
    "measures": QT_TRANSLATE_NOOP("Records", "Measures"),
    "assigned_to": QT_TRANSLATE_NOOP("Records", "Assigned to"),
    "reviewed_on": QT_TRANSLATE_NOOP("Records", "Reviewed on"),
    "reviewers": QT_TRANSLATE_NOOP("Records", "Reviewers"),
    "applicant_id": QT_TRANSLATE_NOOP("Records", "Applicant"),
    "applicant_name": QT_TRANSLATE_NOOP("Records", "Applicant"),
    "home_verified": QT_TRANSLATE_NOOP("Records", "Home verified"),
    "verification_note": QT_TRANSLATE_NOOP("Records", "Home verification findings"),
    "registered_poor": QT_TRANSLATE_NOOP("Records", "Registered poor household"),
    "credit_good": QT_TRANSLATE_NOOP("Records", "Credit good"),
    "willing": QT_TRANSLATE_NOOP("Records", "Willing to borrow"),
    "has_skills": QT_TRANSLATE_NOOP("Records", "Has skills for the project"),
    "can_repay": QT_TRANSLATE_NOOP("Records", "Able to repay"),
    "gambling_or_drugs": QT_TRANSLATE_NOOP("Records", "Gambling or drugs"),
    "debt_ratio_pct": QT_TRANSLATE_NOOP("Records", "Debt ratio (%)"),
    "unsettled_poverty_loan": QT_TRANSLATE_NOOP("Records", "Unsettled poverty loan"),
    "household_size": QT_TRANSLATE_NOOP("Records", "Household size"),
    "labour_force": QT_TRANSLATE_NOOP("Records", "Labour force"),
    "total_assets_score": QT_TRANSLATE_NOOP("Records", "Total assets (0–13)"),
    "net_assets_score": QT_TRANSLATE_NOOP("Records", "Net assets (0–13)"),
    "share_capital_score": QT_TRANSLATE_NOOP("Records", "Share capital (0–4)"),
    "net_income_score": QT_TRANSLATE_NOOP("Records", "Net income (0–14)"),
    "overall": QT_TRANSLATE_NOOP("Records", "Overall assessment"),
    "repayment_record_score": QT_TRANSLATE_NOOP("Records", "Repayment record (0–10)"),
    "purpose_category": QT_TRANSLATE_NOOP("Records", "Project"),
    "purpose_text": QT_TRANSLATE_NOOP("Records", "Project description"),
    "requested_fen": QT_TRANSLATE_NOOP("Records", "Amount requested (yuan)"),
    "proposed_line_fen": QT_TRANSLATE_NOOP("Records", "Proposed credit line (yuan)"),
    "policy_explanation": QT_TRANSLATE_NOOP("Records", "Policy explanation"),
    "explained_to": QT_TRANSLATE_NOOP("Records", "Explained to"),
    "assessed_on": QT_TRANSLATE_NOOP("Records", "Assessed on"),
    "assessors": QT_TRANSLATE_NOOP("Records", "Assessors"),
    "reason": QT_TRANSLATE_NOOP("Records", "Reason"),
    "proposed_disposal": QT_TRANSLATE_NOOP("Records", "Proposed disposal"),
    "decision": QT_TRANSLATE_NOOP("Records", "Decision"),
    "decided_by": QT_TRANSLATE_NOOP("Records", "Decided by"),
    "decided_on": QT_TRANSLATE_NOOP("Records", "Decided on"),
    "reported_to_finance_on": QT_TRANSLATE_NOOP("Records", "Reported to the finance office on"),
    "amendment_reason": QT_TRANSLATE_NOOP("Records", "Reason for the amendment"),
}


def field_label(name: str) -> str:
    return translate("Records", FIELD_LABELS.get(name, name))
