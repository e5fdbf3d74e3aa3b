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
#: kinds that are about one loan and cannot be made without it
NEEDS_LOAN = frozenset({RecordKind.USE_CHECK, RecordKind.MATURITY_ASSESSMENT})
