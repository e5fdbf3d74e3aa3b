"""Who may write what (ARCHITECTURE.md "Records and ownership"), as enforced on every imported change; a violation
refuses the whole bundle, naming the record.

- ``BANK_OWNED`` (loans, repayments, loan events, banks, subsidy claims, overdue reports to the fund): applied
  from the hub; from a field node the bundle is refused.
- ``HUB_OWNED`` (households, members, poverty status, villages; enterprises, dividends, the fund, campaigns):
  applied from the hub. From a field node a new record is applied (a household found in the field); a change to an
  existing one is kept at the hub as a :class:`~app.models.Proposal` for review and is not applied on arrival: the
  owner's value stands until someone accepts it (:func:`app.sync.merge.review.decide_proposal`, which writes a new
  hub change either way, so the field node converges).
- every other synced table (field records, photos, anomaly steps, disposals, reviews...): applied from the hub;
  from a field node a new record must be the sender's own, and only its creating node (or the hub) changes it.

A *submitted field record* (a :class:`~app.models.records.FieldRecord`: visit, use check, anomaly, pre-loan
review, maturity assessment) is never overwritten by anyone: after its insert only ``MUTABLE_FIELDS`` (sign-off,
an anomaly's status) and, from its creator or the hub, the tombstone may change.

Ownership is decided per table and per change here (:func:`check_change`); the street a change must lie in is
app/sync/merge/scope.py; both are applied to a bundle by the ``authorize`` step (app/sync/merge/authorize.py).
"""

from __future__ import annotations

from typing import Literal

from app.sync.merge.context import Change, forbidden, record_key
from app.sync.tables import synced_models

HUB_OWNED = frozenset({"households", "members", "poverty_status_changes", "villages",
                       # app/models/programs.py: enterprises, dividends, the fund, campaigns
                       "enterprises", "enterprise_households", "dividend_schedules", "dividend_payments",
                       "fund_contributions", "fund_payouts", "fund_payout_items", "outreach_campaigns"})
BANK_OWNED = frozenset({"loans", "repayments", "banks", "subsidy_claims",
                        # issue 20: a loan's dated history and the overdue reports to the risk fund
                        "loan_events", "overdue_reports"})
SIGN_OFF_FIELDS = frozenset({"signed_off_by", "signed_off_at", "sign_off_note"})
#: fields of a submitted field record that still change in place (app/models/records.py)
MUTABLE_FIELDS: dict[str, frozenset[str]] = {"anomalies": SIGN_OFF_FIELDS | {"status"}}
#: written with every change; never a conflict of their own
BOOKKEEPING = frozenset({"updated_at", "updated_by", "hlc"})
#: fixed at creation
IMMUTABLE = frozenset({"id", "created_at", "created_by", "origin_node"})
#: tables whose id is derived from the content, so the same row may be created on two nodes
CONTENT_ADDRESSED = frozenset({"attachments"})

#: what :func:`check_change` decides for a change it does not refuse
Verdict = Literal["apply", "proposal"]


def is_field_record(table: str) -> bool:
    model = synced_models().get(table)
    if model is None:
        return False
    try:
        from app.models.records import FieldRecord
    except ImportError:  # pragma: no cover - the records module is part of the build
        return False
    return issubclass(model, FieldRecord)


def mutable_fields(table: str) -> frozenset[str]:
    return MUTABLE_FIELDS.get(table, SIGN_OFF_FIELDS)


def check_change(change: Change, *, hub_id: str, at_hub: bool, row_origin: str | None,
                 sender_name: str) -> Verdict:
    """``"apply"`` or ``"proposal"`` for one change, or raise ChangeRefused naming the record.

    ``row_origin`` is the creating node of the record as this node holds it (or as an earlier change of the same
    bundle creates it), None when the record is new.
    """
    table, record, origin = change["table"], change["record"], change["origin"]
    key, names = record_key(change), {"sender": sender_name, "table": table, "record": record}
    from_hub = origin == hub_id
    exists = row_origin is not None
    changed = set(change["data"].get("new") or {}) - BOOKKEEPING
    if table in BANK_OWNED:
        if not from_hub:
            raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which only the bank "
                               "at the hub may write; the whole bundle was refused.", **names)
        return "apply"
    if table in HUB_OWNED:
        if from_hub or not exists:
            return "apply"
        if at_hub:
            return "proposal"
        raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which only the hub may "
                           "write; the whole bundle was refused.", **names)
    # field-owned records
    if not exists:
        new_origin = (change["data"].get("new") or {}).get("origin_node")
        if change["action"] != "insert" or (new_origin != origin and not from_hub):
            raise forbidden(key, "The bundle from {sender} writes {table} record {record} in the name of another "
                               "node; the whole bundle was refused.", **names)
        return "apply"
    if change["action"] == "insert" and table in CONTENT_ADDRESSED:
        return "apply"
    owner = from_hub or origin == row_origin
    if is_field_record(table):
        allowed = set(mutable_fields(table)) | ({"deleted"} if owner else set())
        if change["action"] == "insert" or not changed <= allowed:
            raise forbidden(key, "The bundle from {sender} overwrites the submitted record {table} {record}; a "
                               "submitted record is amended by a new version, never overwritten. The whole "
                               "bundle was refused.", **names)
        return "apply"
    if not owner:
        raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which was made by another "
                           "node; the whole bundle was refused.", **names)
    return "apply"
