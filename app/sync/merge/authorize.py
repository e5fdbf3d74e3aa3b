"""The ``scope`` step (ownership and street): may the sender write each change, and where does it go? Each fresh
change is checked against the ownership rules (app/sync/merge/ownership.py), and at the hub a field node's change
must lie in its street (app/sync/merge/scope.py). A change breaking either refuses the whole bundle, naming the
record; a field node's change to a hub-owned record becomes a proposal; everything else is to be applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.sync.merge.alias import ALIAS_OF
from app.sync.merge.context import Change, MergeContext, RecordKey, Row, forbidden, record_key
from app.sync.merge.ownership import HUB_OWNED, check_change
from app.sync.merge.scope import GLOBAL, ScopeResolver


@dataclass
class Authorized:
    """The fresh changes sorted by what happens to them (each list in the order it was checked)."""

    to_apply: list[Change] = field(default_factory=list)
    proposals: list[Change] = field(default_factory=list)


def scope_resolver(ctx: MergeContext, current: dict[RecordKey, Row], fresh: list[Change]) -> ScopeResolver:
    """A resolver that sees the rows as they will be: those held here, and those the bundle inserts."""
    pending: dict[RecordKey, dict[str, Any]] = {k: v.values for k, v in current.items()}
    for change in fresh:
        if change["action"] == "insert":
            pending.setdefault(record_key(change), change["data"]["new"])
    resolver = ScopeResolver(ctx.conn, pending)
    if ctx.at_hub:
        resolver.prefetch_links(pending.values())
    return resolver


def check_scope(resolver: ScopeResolver, change: Change, row: Row | None, street: str | None,
                sender_name: str) -> None:
    """Refuse a change outside ``street`` (the sender's certificate), or a street-less write of a hub-owned
    record. Photos are not checked here: they go where the records that link them go."""
    if change["table"] in ("attachments",):
        return
    values = dict(row.values) if row is not None else {}
    values.update(change["data"].get("new") or {})
    where = resolver.street(change["table"], change["record"], values)
    if where not in (GLOBAL, street) or (where == GLOBAL and change["table"] in HUB_OWNED):
        raise forbidden(record_key(change), "The bundle from {sender} writes {table} record {record}, which is "
                                          "outside its street; the whole bundle was refused.",
                      sender=sender_name, table=change["table"], record=change["record"])


def authorize(ctx: MergeContext, fresh: list[Change], current: dict[RecordKey, Row]) -> Authorized:
    """Check every fresh change, in (origin, sequence) order, against ownership and (at the hub) the sender's
    street; return those to apply and those kept as proposals, or raise ChangeRefused."""
    resolver = scope_resolver(ctx, current, fresh)
    result = Authorized()
    # records this bundle inserts: their origin, and which change creates them. A change of another origin may
    # come before the insert in (origin, sequence) order (the hub signs off a visit it relays in the same bundle),
    # so every change but the creating insert sees the record as existing.
    created_here: dict[RecordKey, tuple[str, tuple[str, int]]] = {}
    for change in sorted(fresh, key=lambda c: (c["origin"], c["seq"])):
        key = record_key(change)
        if key not in current and key not in created_here and change["action"] == "insert":
            created_here[key] = (str(change["data"]["new"].get("origin_node") or change["origin"]),
                                 (change["origin"], change["seq"]))
    for change in sorted(fresh, key=lambda c: (c["origin"], c["seq"])):
        key = record_key(change)
        row = current.get(key)
        created = created_here.get(key)
        row_origin = row.values.get("origin_node") if row is not None else (
            created[0] if created is not None and created[1] != (change["origin"], change["seq"]) else None)
        if ALIAS_OF in change and not ctx.at_hub:
            # an insert the hub relays that this node holds under another id (app/sync/merge/alias.py): it is
            # checked as the insert it was; at the hub the same change from a field node is a proposal
            verdict = check_change(dict(change, action="insert"), hub_id=ctx.hub_id, at_hub=False, row_origin=None,
                                   sender_name=ctx.sender_name)
        else:
            verdict = check_change(change, hub_id=ctx.hub_id, at_hub=ctx.at_hub, row_origin=row_origin,
                                   sender_name=ctx.sender_name)
        if ctx.at_hub and change["origin"] == ctx.sender.node_id:
            check_scope(resolver, change, row, ctx.sender.street_code, ctx.sender_name)
        (result.proposals if verdict == "proposal" else result.to_apply).append(change)
    return result
