"""The kinds of field record: the fields each form edits, which kinds need a loan, and the shapes of values
and problems that the rest of the package passes around.
"""

from __future__ import annotations

from typing import Any, TypeVar

from app.models.enums import RecordKind
from app.models.records import FieldRecord

R = TypeVar("R", bound=FieldRecord)
Problems = dict[str, str]
Values = dict[str, Any]

#: the fields a form edits, per kind (everything else is derived or belongs to the version chain)
FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.VISIT: (
        "visited_on", "visit_type", "visitors", "people_met", "business_status", "business_seen",
        "family_changes", "income_estimate_fen", "willingness", "ability", "used_as_declared", "findings",
        "follow_up", "next_visit_on", "household_confirmed"),
    RecordKind.USE_CHECK: (
        "checked_on", "checked_by", "declared_purpose", "observed_use", "prohibited_use", "amount_misused_fen",
        "conclusion", "note"),
    RecordKind.ANOMALY: (
        "found_on", "kind", "severity", "description", "measures", "assigned_to"),
    RecordKind.PRELOAN_REVIEW: (
        "reviewed_on", "reviewers", "applicant_id", "home_verified", "verification_note",
        "registered_poor", "credit_good", "willing", "has_skills", "can_repay", "gambling_or_drugs",
        "debt_ratio_pct", "unsettled_poverty_loan", "household_size", "labour_force", "total_assets_score",
        "net_assets_score", "share_capital_score", "net_income_score", "overall", "repayment_record_score",
        "purpose_category", "purpose_text", "requested_fen", "proposed_line_fen", "policy_explanation",
        "explained_to"),
    RecordKind.MATURITY_ASSESSMENT: (
        "assessed_on", "assessors", "ability", "reason", "proposed_disposal", "decision", "decided_by",
        "decided_on", "reported_to_finance_on"),
}
#: the longest text each text field takes, in characters (what the form's counter shows, the domain refuses
#: beyond, and the printed form lays out: a long text flows onto continuation pages). Names and lists of names
#: stay within their columns' sizes; a description fits about two printed pages.
TEXT_LIMITS: dict[RecordKind, dict[str, int]] = {
    RecordKind.VISIT: {"visitors": 100, "people_met": 100, "business_seen": 1000, "family_changes": 1000,
                       "findings": 2000, "follow_up": 1000},
    RecordKind.USE_CHECK: {"checked_by": 100, "declared_purpose": 300, "observed_use": 2000, "note": 1000},
    RecordKind.ANOMALY: {"description": 2000, "measures": 1000, "assigned_to": 64},
    RecordKind.PRELOAN_REVIEW: {"reviewers": 100, "verification_note": 1000, "purpose_text": 200,
                                "policy_explanation": 1000, "explained_to": 100},
    RecordKind.MATURITY_ASSESSMENT: {"assessors": 100, "reason": 1000, "decision": 1000, "decided_by": 100},
}
#: the texts every kind has besides its form's fields: the reason of an amendment, a supervisor's note
COMMON_TEXT_LIMITS: dict[str, int] = {"amendment_reason": 500, "sign_off_note": 500}


def text_limit(kind: RecordKind, name: str) -> int | None:
    """The longest text the field ``name`` of ``kind`` takes (None: not a text field)."""
    return TEXT_LIMITS[RecordKind(kind)].get(name) or COMMON_TEXT_LIMITS.get(name)


#: kinds that are about one loan and cannot be made without it
NEEDS_LOAN = frozenset({RecordKind.USE_CHECK, RecordKind.MATURITY_ASSESSMENT})
