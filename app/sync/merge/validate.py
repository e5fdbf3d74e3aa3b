"""The ``validate`` step: is the bundle's content what its sender may send, and can Fieldbook read it? Each check
refuses the whole bundle (nothing is written: the transaction rolls back).

- the sender is still enrolled here, not revoked, its certificate not expired (:func:`enrolled_sender`; checked
  once before decrypting and again inside the import's transaction);
- every change has the expected shape, names a synced table, a canonical record id and a stamp of its own origin
  (:func:`valid_change`), lies inside the range the signed header declares, and appears once; a field node's
  bundle holds only its own changes (:func:`validate_changes`);
- each origin's stamps rise with its sequence (:func:`check_clocks`; a stamp a little ahead of this computer's
  clock is applied and listed for review, one far ahead is set aside in quarantine).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.hlc import Stamp
from app.db.store import Store
from app.models import AuditEntry, Peer
from app.models.base import utcnow
from app.models.enums import NodeRole
from app.sync.bundle import BundleRefused, Limits, refusal
from app.sync.merge.context import CHANGE_KEYS, Change, ChangeRefused, RecordKey, record_key, refused
from app.sync.merge.values import CANONICAL_UUID


def _refuse(text: str, **params: object) -> BundleRefused:
    return refusal(text, **params)


# -- the sender --------------------------------------------------------------------------------------------------
def check_peer(store: Store, peer: Peer) -> None:
    """Refuse bundles from ``peer`` if it was revoked, is not the right kind of node (the hub takes bundles from
    field nodes, a field node from its hub), or its certificate has expired (at the hub)."""
    if peer.revoked_at is not None:
        raise _refuse("The bundle comes from the node {node}, which was revoked; it was not imported.",
                      node=peer.node_id)
    if store.info.role == NodeRole.HUB:
        if peer.role != NodeRole.FIELD:
            raise _refuse("The bundle comes from the node {node}, which is not enrolled here; it was not "
                          "imported.", node=peer.node_id)
        if peer.expires_at is not None and peer.expires_at < utcnow():
            raise _refuse("The certificate of node {node} has expired; enroll it again before importing its "
                          "bundles.", node=peer.node_id)
    elif peer.role != NodeRole.HUB:
        raise _refuse("A field node imports bundles from its hub only; {node} is not its hub.", node=peer.node_id)


def enrolled_sender(session: Session, store: Store, node_id: str) -> Peer:
    """The enrolled peer ``node_id`` that may send bundles here, or BundleRefused."""
    peer = session.get(Peer, node_id)
    if peer is None:
        raise _refuse("The bundle comes from the node {node}, which is not enrolled here; it was not imported.",
                      node=node_id)
    check_peer(store, peer)
    return peer


# -- the changes -------------------------------------------------------------------------------------------------
def valid_change(change: Any, tables: set[str]) -> bool:
    """Whether ``change`` has exactly the shape of a logged change, names one of ``tables`` and a canonical record
    id, and carries a stamp made by its origin node."""
    if not isinstance(change, dict) or set(change) != set(CHANGE_KEYS):
        return False
    ok = (isinstance(change["origin"], str) and len(change["origin"]) == 36
          and isinstance(change["seq"], int) and not isinstance(change["seq"], bool) and change["seq"] > 0
          and isinstance(change["hlc"], str) and len(change["hlc"]) <= 64
          and change["action"] in ("insert", "update") and change["table"] in tables
          and isinstance(change["record"], str) and isinstance(change["actor"], str) and len(change["actor"]) <= 64
          and isinstance(change["data"], dict) and isinstance(change["data"].get("new"), dict)
          and isinstance(change["data"].get("old", {}), dict))
    if not ok:
        return False
    try:
        stamp = Stamp.parse(change["hlc"])
    except (ValueError, TypeError):
        return False
    return stamp.node == change["origin"] and bool(CANONICAL_UUID.match(change["record"]))


def validate_changes(changes: list[Change], ranges: dict[str, list[int]], *, sender: str, at_hub: bool,
                     tables: set[str]) -> None:
    """Refuse the bundle unless every change is readable, inside its declared range and there once, and (at the
    hub) every change and every declared range is the sender's own."""
    if at_hub and set(ranges) - {sender}:
        raise _refuse("The bundle from {sender} carries changes made on another node; a field node sends "
                      "only its own. It was not imported.", sender=sender)
    seen: set[tuple[str, int]] = set()
    for change in changes:
        if not valid_change(change, tables):
            raise _refuse("The bundle holds a change that Fieldbook cannot read; it was not imported.")
        low, high = ranges.get(change["origin"], (0, 0))
        if not low < change["seq"] <= high:
            raise _refuse("The bundle holds a change outside the ranges its header declares; it was not "
                          "imported.")
        if at_hub and change["origin"] != sender:
            raise _refuse("The bundle from {sender} carries changes made on another node; a field node sends "
                          "only its own. It was not imported.", sender=sender)
        key = (change["origin"], change["seq"])
        if key in seen:
            raise _refuse("The bundle holds the same change twice; it was not imported.")
        seen.add(key)


def check_clocks(conn: sa.Connection, fresh: list[Change], now_ms: int, limits: Limits, seen_ms: int = 0
                 ) -> tuple[list[RecordKey], list[tuple[Change, ChangeRefused]]]:
    """Refuse the bundle if an origin's stamps do not rise with its sequence (also against what the log holds
    before them). Return the records whose stamps are more than ``limits.clock_flag_ahead_ms`` ahead of this
    node's time (applied, and listed for review), and the changes more than ``limits.clock_refuse_ahead_ms`` ahead
    of ``now_ms`` with their refusal (set aside in quarantine: a laptop whose date is wrong by weeks).

    This node's time for flagging is the later of ``now_ms`` and ``seen_ms``, the newest stamp this node's clock
    has seen: once one laptop three days ahead has been listed, every later change stamped after it is not news
    (found by the simulator: without it every change of every node was flagged from then on)."""
    flagged: list[RecordKey] = []
    too_far: list[tuple[Change, ChangeRefused]] = []
    by_origin: dict[str, list[Change]] = defaultdict(list)
    for change in fresh:
        by_origin[change["origin"]].append(change)
    for origin, items in by_origin.items():
        items.sort(key=lambda c: c["seq"])
        before = conn.execute(sa.select(AuditEntry.hlc).where(AuditEntry.origin_node == origin,
                                                              AuditEntry.origin_seq < items[0]["seq"])
                              .order_by(AuditEntry.origin_seq.desc()).limit(1)).scalar()
        for change in items:
            if before is not None and change["hlc"] <= before:
                raise refused(record_key(change), "The clock of node {node} ran backwards (change {seq}); the "
                                                  "bundle was not imported. Check that computer's date and time.",
                              node=origin, seq=change["seq"])
            before = change["hlc"]
            stamp_ms = Stamp.parse(change["hlc"]).millis
            ahead = stamp_ms - now_ms
            if ahead > limits.clock_refuse_ahead_ms:
                too_far.append((change, refused(
                    record_key(change), "The clock of node {node} is {days} days ahead of this computer's; the "
                                        "change was set aside in quarantine. Correct the date on the computer that "
                                        "is wrong.", node=origin[:8], days=ahead // 86_400_000)))
            elif stamp_ms - max(now_ms, seen_ms) > limits.clock_flag_ahead_ms:
                flagged.append(record_key(change))
    return flagged, too_far
