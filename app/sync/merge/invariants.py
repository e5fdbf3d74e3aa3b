"""The ``invariants`` step: the domain's rules about how records hang together, checked again on import for every
change a field node made (the hub's own changes passed its domain when they were written). The loan of a field
record belongs to its household, an amendment stays with the household of the record it amends, a dividend payment
is paid to the household of its schedule, a photo's id is its hash... A change breaking one refuses the whole
bundle, naming the record (a security refusal, :class:`~app.sync.merge.context.ChangeForbidden`); only a photo
linked to a record not held here is a missing parent, set aside in quarantine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.models.records import RECORD_MODELS
from app.sync.merge.context import Change, RecordKey, forbidden, record_key, refused
from app.sync.merge.scope import ScopeResolver

_RECORDS = tuple(str(model.__tablename__) for model in RECORD_MODELS.values())

#: (table, link column, linked table (None: the same table), column that must agree): the record the link names
#: must have the same value in that column as the row itself
AGREE: tuple[tuple[str, str, str | None, str], ...] = (
    *((table, "loan_id", "loans", "household_id") for table in _RECORDS),
    *((table, "original_id", None, "household_id") for table in _RECORDS),
    *((table, "original_id", None, "loan_id") for table in _RECORDS),
    ("anomalies", "use_check_id", "use_checks", "household_id"),
    ("preloan_reviews", "applicant_id", "members", "household_id"),
    ("disposals", "loan_id", "loans", "household_id"),
    ("dividend_payments", "schedule_id", "dividend_schedules", "household_id"),
    ("joint_review_decisions", "disposal_id", "disposals", "loan_id"),
    ("fund_payout_items", "disposal_id", "disposals", "loan_id"),
    ("loans", "borrower_id", "members", "household_id"),
    ("loans", "household_id", "households", "street_code"),
    ("subsidy_claims", "loan_id", "loans", "bank_id"),
    ("outreach_photos", "session_id", "outreach_sessions", "street_code"),
    ("households", "village_id", "villages", "street_code"),
)


def check_invariants(changes: list[Change], rows: dict[RecordKey, dict[str, Any]], resolver: ScopeResolver,
                     from_field: Any, sender_name: str) -> None:
    """Refuse the bundle if a change a field node made (``from_field(change)``) leaves its record breaking a rule;
    ``rows`` are the records as the bundle leaves them, ``resolver`` finds the records they link to."""
    kind_tables = {str(kind.value): str(model.__tablename__) for kind, model in RECORD_MODELS.items()}
    for change in changes:
        if not from_field(change):
            continue
        key = record_key(change)
        row = rows.get(key)
        if row is None:
            continue
        names = {"sender": sender_name, "table": key[0], "record": key[1]}
        for table, column, linked, agreed in AGREE:
            if table != key[0] or row.get(column) is None:
                continue
            other = resolver.row(linked or table, str(row[column]))
            if other is not None and agreed in other and other.get(agreed) != row.get(agreed):
                raise forbidden(key, "The bundle from {sender} writes {table} record {record}, whose {column} names a "
                                     "record with another {field}; the whole bundle was refused.",
                                column=column, field=agreed, **names)
        if key[0] == "record_attachments" and (
                resolver.row(kind_tables.get(str(row.get("record_kind")), ""), str(row.get("record_id"))) is None):
            # a missing parent, not a broken rule: set aside in quarantine like any link to a record not held
            raise refused(key, "{table} record {record} links a photo to a record that this node does not hold; the "
                               "change was set aside in quarantine.", table=key[0], record=key[1])
        _values(change, key, row, names)


def _values(change: Change, key: RecordKey, row: dict[str, Any], names: dict[str, Any]) -> None:
    table = key[0]
    negative = sorted(c for c, v in row.items() if c.endswith("_fen") and isinstance(v, int) and v < 0)
    if negative:
        raise forbidden(key, "The bundle from {sender} writes {table} record {record} with a negative amount "
                             "({column}); the whole bundle was refused.", column=negative[0], **names)
    if table == "attachments":
        from app.models.records import attachment_id_for

        data: dict[str, Any] = row["data"] if isinstance(row.get("data"), dict) else {}
        sha = row.get("sha256")
        if (not isinstance(sha, str) or data.get("sha256") != sha or key[1] != str(attachment_id_for(sha))
                or row.get("size") != data.get("size")):
            raise forbidden(key, "The bundle from {sender} carries the photo {record} under a name that is not its "
                                 "content's; the whole bundle was refused.", **names)
    if table == "maturity_assessments" and change["action"] == "insert":
        try:
            days = (dt.date.fromisoformat(str(row["matures_on"]))
                    - dt.date.fromisoformat(str(row["assessed_on"]))).days
        except (KeyError, ValueError):
            return  # the write step refuses a value that does not fit its column
        if days != row.get("days_to_maturity"):
            raise forbidden(key, "The bundle from {sender} writes {table} record {record} whose days to maturity do "
                                 "not match its dates; the whole bundle was refused.", **names)
