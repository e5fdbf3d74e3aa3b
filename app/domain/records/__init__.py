"""Field records without Qt: the rules each form checks as it is typed, submitting and amending, drafts, sign-off,
the anomaly workflow, the credit rating sheet and a household's timeline.

The same validators serve the forms (messages next to each field) and every other path (CLI, import, tests):
``validate(kind, values, ctx)`` returns ``{field: translated message}``; ``submit`` and ``amend`` run it again
inside their write and raise :class:`ValidationError` when anything is left.

A record is locked once submitted. ``amend`` writes a new version (``original_id`` → the first version,
``version`` + 1, a reason) and leaves every earlier version as it was; lists and timelines show the latest.

One module per concern (import from them; this package re-exports their public names for ``records.X`` callers):
- :mod:`.kinds`: the fields of each kind of record, which kinds need a loan, the value and problem shapes;
- :mod:`.context`: what a form's rules know (household, members, loan, node street, settings) and its defaults;
- :mod:`.credit`: the credit rating sheet (评级授信) of a pre-loan review;
- :mod:`.validation`: the rules of each form and the field labels;
- :mod:`.reading`: records, their versions and attachments;
- :mod:`.submitting`: submitting, amending and signing off;
- :mod:`.anomalies`: the anomaly workflow;
- :mod:`.drafts`: drafts and their photos;
- :mod:`.timeline`: lists of records, a household's timeline and the workbench's counts.
"""

from __future__ import annotations

from app.domain.money import parse_yuan
from app.domain.money import yuan as yuan_text  # the records' name for it
from app.domain.records.anomalies import (
    ANOMALY_ORDER,
    StepRow,
    advance_anomaly,
    anomaly_steps,
    may_advance,
    next_status,
)
from app.domain.records.context import (
    HouseholdFacts,
    MemberFacts,
    RecordContext,
    age_on,
    birth_date_of,
    defaults,
    household_facts,
    load_context,
)
from app.domain.records.credit import (
    CREDIT_SHEET,
    INELIGIBILITY,
    MAX_DEBT_RATIO_PCT,
    CreditSheet,
    PreloanOutcome,
    preloan_outcome,
    reason_labels,
)
from app.domain.records.drafts import (
    DraftInfo,
    add_draft_photo,
    discard_draft,
    draft_photo_bytes,
    draft_photos,
    dump_draft,
    find_drafts,
    load_draft,
    load_draft_data,
    remove_draft_photo,
    save_draft,
)
from app.domain.records.kinds import (
    COMMON_TEXT_LIMITS,
    FIELDS,
    NEEDS_LOAN,
    TEXT_LIMITS,
    Problems,
    Values,
    text_limit,
)
from app.domain.records.reading import (
    AttachmentInfo,
    get_record,
    history,
    is_latest_version,
    latest_version,
    model_for,
    record_attachments,
    record_values,
)
from app.domain.records.submitting import (
    Submitted,
    amend,
    derived_values,
    misuse_anomaly_values,
    permission_to_record,
    sign_off,
    submit,
)
from app.domain.records.timeline import (
    TimelineRow,
    household_timeline,
    list_records,
    loans_due_for_assessment,
    open_anomaly_count,
    summarize,
)
from app.domain.records.validation import (
    FIELD_LABELS,
    VALIDATORS,
    field_label,
    maturity_window_problem,
    raise_problems,
    validate,
    validate_anomaly,
    validate_maturity_assessment,
    validate_preloan_review,
    validate_use_check,
    validate_visit,
)

__all__ = [
    "ANOMALY_ORDER", "COMMON_TEXT_LIMITS", "CREDIT_SHEET", "FIELDS", "FIELD_LABELS", "INELIGIBILITY",
    "MAX_DEBT_RATIO_PCT", "NEEDS_LOAN", "TEXT_LIMITS", "VALIDATORS", "AttachmentInfo", "CreditSheet", "DraftInfo",
    "HouseholdFacts", "MemberFacts", "PreloanOutcome", "Problems", "RecordContext", "StepRow", "Submitted",
    "TimelineRow", "Values", "add_draft_photo", "advance_anomaly", "age_on", "amend", "anomaly_steps",
    "birth_date_of", "defaults", "derived_values", "discard_draft", "draft_photo_bytes", "draft_photos",
    "dump_draft", "field_label", "find_drafts", "get_record", "history", "household_facts", "household_timeline",
    "is_latest_version", "latest_version", "list_records", "load_context", "load_draft", "load_draft_data",
    "loans_due_for_assessment", "maturity_window_problem", "may_advance", "misuse_anomaly_values", "model_for",
    "next_status", "open_anomaly_count", "parse_yuan", "permission_to_record", "preloan_outcome", "raise_problems",
    "reason_labels", "record_attachments", "record_values", "remove_draft_photo", "save_draft", "sign_off",
    "submit", "summarize", "text_limit", "validate", "validate_anomaly", "validate_maturity_assessment",
    "validate_preloan_review", "validate_use_check", "validate_visit", "yuan_text"
]
