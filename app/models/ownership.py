"""Who may write what in the synced records: one declarative table, read by the merge (what a bundle from a field
node may carry: app/sync/merge/ownership.py), the domain (app/domain/ownership.py: the action refuses) and the
screens (the same questions decide whether a button is offered).

For each synced table, :data:`OWNERSHIP` says

- **insert**: which permissions let a user create a row;
- **fields**: fields only some permissions may set (to anything but their default when the row is created, or
  later): the sign-off of a field record, the decision and execution of a disposal, a claim's approval...;
- **states**: for a state field, which permissions may take a row from one state to another (``None`` as the
  "from" state: the states a new row may start in);
- **kind**: how its rows change once written (:class:`Kind`).

Permissions become roles through :data:`app.models.permissions.ROLE_PERMISSIONS`, and :data:`HUB_ONLY` says which
are exercised only at the hub, where the users holding them work (supervisors, the bank, district staff): a field
node's bundle can never carry them, whatever user accounts the laptop has. ``roles_for`` turns a rule back into
roles (docs/architecture-notes.md shows the table that way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.models.enums import NodeRole, Role
from app.models.permissions import ROLE_PERMISSIONS, Permission

P = Permission

#: permissions exercised only at the hub: their users work there, and a field node's bundle never carries them
HUB_ONLY = frozenset({P.SIGN_OFF, P.CLOSE_ANOMALIES, P.APPROVE_DISPOSAL, P.EXECUTE_DISPOSAL, P.MANAGE_FUND,
                      P.EDIT_LOANS, P.IMPORT_LOANS})
#: what any user of a field node may exercise, at most (a field node may hold an administrator)
FIELD_NODE = frozenset(Permission) - HUB_ONLY


class Kind(StrEnum):
    """How the rows of a table change after their insert."""

    #: a submitted field record: never overwritten; only its ``fields`` and ``states`` change in place, and its
    #: node (or the hub) sets the tombstone
    RECORD = "record"
    #: written once (anomaly steps, photo links, payments, meetings...): only the tombstone changes, by its node
    #: or the hub
    ONCE = "once"
    #: its node (or the hub) changes it, within ``fields`` and ``states``
    OWNED = "owned"
    #: kept by the hub (registry, bank, programmes): a field node's change of a row is a proposal at the hub
    HUB = "hub"
    #: named by its content (photos): the same row may come from several nodes; it never changes
    CONTENT = "content"
    #: an epoch announcement (app/db/epochs.py): written once by the node itself
    EPOCH = "epoch"


Transitions = Mapping[tuple[str | None, str], frozenset[Permission]]


@dataclass(frozen=True)
class TableRule:
    kind: Kind
    insert: frozenset[Permission]
    fields: Mapping[str, frozenset[Permission]] = field(default_factory=dict)
    states: Mapping[str, Transitions] = field(default_factory=dict)


def _any(*permissions: Permission) -> frozenset[Permission]:
    return frozenset(permissions)


SIGN_OFF_FIELDS = ("signed_off_by", "signed_off_at", "sign_off_note")
_SIGN_OFF = {name: _any(P.SIGN_OFF) for name in SIGN_OFF_FIELDS}
_FIELD_WORK = _any(P.RECORD_FIELD_WORK)
_FIELD_RECORD = TableRule(Kind.RECORD, _FIELD_WORK, _SIGN_OFF)
_REGISTRY = _any(P.EDIT_HOUSEHOLDS, P.IMPORT_HOUSEHOLDS)
_BANK = _any(P.EDIT_LOANS, P.IMPORT_LOANS)
_DISTRICT = _any(P.MANAGE_FUND)
_DECIDERS = _any(P.APPROVE_DISPOSAL)
_OPEN_STEPS = _any(P.RECORD_FIELD_WORK, P.SIGN_OFF)

_ANOMALY_STATES: Transitions = {
    # a report starts reported; an amendment carries the state of the version it amends
    (None, "reported"): _FIELD_WORK, (None, "acknowledged"): _FIELD_WORK, (None, "measures_taken"): _FIELD_WORK,
    (None, "resolved"): _FIELD_WORK, (None, "closed"): _any(P.CLOSE_ANOMALIES),
    ("reported", "acknowledged"): _OPEN_STEPS, ("acknowledged", "measures_taken"): _OPEN_STEPS,
    ("measures_taken", "resolved"): _OPEN_STEPS, ("resolved", "closed"): _any(P.CLOSE_ANOMALIES),
}
#: a step row names the state it moves an anomaly to
_STEP_STATES: dict[tuple[str | None, str], frozenset[Permission]] = {
    (None, "reported"): _FIELD_WORK, (None, "closed"): _any(P.CLOSE_ANOMALIES)}
_STEP_STATES.update({(None, s): _OPEN_STEPS for s in ("acknowledged", "measures_taken", "resolved")})
_PROPOSERS = _any(P.APPROVE_DISPOSAL, P.EXECUTE_DISPOSAL)
_DISPOSAL_STATES: Transitions = {
    (None, "proposed"): _PROPOSERS,
    ("proposed", "approved"): _DECIDERS, ("proposed", "rejected"): _DECIDERS,
    ("proposed", "withdrawn"): _PROPOSERS,
    ("approved", "executed"): _any(P.EXECUTE_DISPOSAL),
    ("approved", "rejected"): _DISTRICT,  # the district declines its step (issue 20)
}
_CLAIM_STATES: Transitions = {
    (None, "claimed"): _any(P.EDIT_LOANS), (None, "refused"): _any(P.EDIT_LOANS),  # refused by rule when filed
    ("claimed", "approved"): _DISTRICT, ("claimed", "refused"): _DISTRICT, ("approved", "paid"): _DISTRICT,
}

OWNERSHIP: dict[str, TableRule] = {
    # registry: the street office and the district keep it; a cadre adds a household found in the field and
    # proposes corrections
    "households": TableRule(Kind.HUB, _REGISTRY),
    "members": TableRule(Kind.HUB, _REGISTRY),
    "poverty_status_changes": TableRule(Kind.HUB, _REGISTRY),
    "villages": TableRule(Kind.HUB, _REGISTRY),
    # the bank's
    "banks": TableRule(Kind.HUB, _BANK),
    "loans": TableRule(Kind.HUB, _BANK, {"use_mode": _BANK | _DISTRICT, "enterprise_id": _BANK | _DISTRICT}),
    "repayments": TableRule(Kind.HUB, _BANK),
    # issue 20: a loan's dated history (written by the bank's import and statements, disposals, the fund) and the
    # bank's reports of overdue loans to the risk fund
    "loan_events": TableRule(Kind.HUB, _BANK | _DISTRICT | _any(P.EXECUTE_DISPOSAL)),
    "overdue_reports": TableRule(Kind.HUB, _any(P.EDIT_LOANS)),
    "subsidy_claims": TableRule(Kind.HUB, _any(P.EDIT_LOANS), {
        name: _DISTRICT for name in ("approved_fen", "decided_on", "decided_by", "decision_note", "paid_on",
                                     "paid_fen")}, {"status": _CLAIM_STATES}),
    # field records and what hangs on them
    "visits": _FIELD_RECORD,
    "use_checks": _FIELD_RECORD,
    "preloan_reviews": _FIELD_RECORD,
    # the pre-maturity assessment: the cadres' field work and the lending bank's own job (issue 20)
    "maturity_assessments": TableRule(Kind.RECORD, _any(P.RECORD_ASSESSMENTS), _SIGN_OFF),
    "anomalies": TableRule(Kind.RECORD, _FIELD_WORK, _SIGN_OFF, {"status": _ANOMALY_STATES}),
    "anomaly_steps": TableRule(Kind.ONCE, _OPEN_STEPS | _any(P.CLOSE_ANOMALIES), {},
                               {"to_status": _STEP_STATES}),
    "attachments": TableRule(Kind.CONTENT, _any(P.RECORD_FIELD_WORK, P.MANAGE_FUND)),
    "record_attachments": TableRule(Kind.ONCE, _FIELD_WORK),
    # classified disposal and joint review meetings: decided at the hub (maker-checker), executed by the bank
    "disposals": TableRule(Kind.OWNED, _PROPOSERS, {
        "decided_on": _DECIDERS | _PROPOSERS, "decided_by": _DECIDERS | _PROPOSERS,
        "decision_note": _DECIDERS | _PROPOSERS, "executed_on": _any(P.EXECUTE_DISPOSAL),
        "executed_by": _any(P.EXECUTE_DISPOSAL), "execution_note": _any(P.EXECUTE_DISPOSAL),
        "reported_to_finance_on": _PROPOSERS, "reported_to_finance_by": _PROPOSERS, "finance_report": _PROPOSERS,
        # issue 20: the district's step above the threshold, taken by a district user at the hub
        "district_approved_on": _DECIDERS, "district_approved_by": _DECIDERS, "district_note": _DECIDERS},
        {"status": _DISPOSAL_STATES}),
    "joint_reviews": TableRule(Kind.ONCE, _DECIDERS),
    "joint_review_decisions": TableRule(Kind.ONCE, _DECIDERS, {"disposal_id": _DECIDERS}),
    # the programmes: district staff keep them; whoever sees an enterprise or holds a session records it
    "enterprises": TableRule(Kind.HUB, _DISTRICT),
    "enterprise_households": TableRule(Kind.HUB, _DISTRICT | _BANK),
    "enterprise_observations": TableRule(Kind.ONCE, _any(P.RECORD_FIELD_WORK, P.MANAGE_FUND)),
    "dividend_schedules": TableRule(Kind.HUB, _DISTRICT),
    "dividend_payments": TableRule(Kind.HUB, _DISTRICT),
    "fund_contributions": TableRule(Kind.HUB, _DISTRICT),
    "fund_payouts": TableRule(Kind.HUB, _DISTRICT),
    "fund_payout_items": TableRule(Kind.HUB, _DISTRICT),
    "outreach_campaigns": TableRule(Kind.HUB, _DISTRICT),
    "outreach_sessions": TableRule(Kind.OWNED, _any(P.RECORD_FIELD_WORK, P.MANAGE_FUND)),
    "outreach_photos": TableRule(Kind.ONCE, _any(P.RECORD_FIELD_WORK, P.MANAGE_FUND)),
    # the change log's own bookkeeping
    "node_epochs": TableRule(Kind.EPOCH, frozenset(Permission)),
}

#: written with every change; never a permission question of their own
BOOKKEEPING = frozenset({"updated_at", "updated_by", "hlc"})
#: fixed at creation
IMMUTABLE = frozenset({"id", "created_at", "created_by", "origin_node"})


def usable(permissions: frozenset[Permission], node_role: NodeRole | str) -> frozenset[Permission]:
    """Of ``permissions``, those exercised at a node of ``node_role`` (a field node: none of :data:`HUB_ONLY`)."""
    return permissions if NodeRole(node_role) == NodeRole.HUB else permissions - HUB_ONLY


def held(role: Role | str, node_role: NodeRole | str) -> frozenset[Permission]:
    """What a user of ``role`` may exercise on synced records at a node of ``node_role``."""
    return usable(ROLE_PERMISSIONS[Role(role)], node_role)


def may_insert(permissions: frozenset[Permission], table: str) -> bool:
    return bool(permissions & OWNERSHIP[table].insert)


def may_set(permissions: frozenset[Permission], table: str, name: str) -> bool:
    """Whether ``name`` of ``table`` may be set (beyond what inserting or owning the row allows)."""
    needed = OWNERSHIP[table].fields.get(name)
    return needed is None or bool(permissions & needed)


def may_move(permissions: frozenset[Permission], table: str, name: str, before: str | None, after: str) -> bool:
    """Whether the state field ``name`` may go from ``before`` to ``after`` (``before`` None: a new row)."""
    needed = OWNERSHIP[table].states.get(name, {}).get((before, after))
    return needed is not None and bool(permissions & needed)


def roles_for(permissions: frozenset[Permission]) -> list[tuple[Role, bool]]:
    """The roles holding any of ``permissions``, each with whether it works at field nodes too (else hub only)."""
    return [(role, bool(held(role, NodeRole.FIELD) & permissions)) for role in Role
            if ROLE_PERMISSIONS[role] & permissions]
