"""The ``scope`` step (ownership and street): may the sender write each change, and where does it go? Each fresh
change is checked against the ownership table (app/sync/merge/ownership.py), and at the hub a field node's change
must lie in its street, every link of the row included (app/sync/merge/scope.py: a maturity assessment of the
sender's household may not name another street's loan). A change breaking either is a security refusal
(:class:`~app.sync.merge.context.ChangeForbidden`): the whole bundle is refused, naming the record, and nothing is
set aside in quarantine. A field node's change to a hub-kept record becomes a proposal; a photo held here already
is skipped; everything else is to be applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.models.ownership import OWNERSHIP, Kind
from app.sync.merge.alias import ALIAS_OF
from app.sync.merge.context import Change, MergeContext, RecordKey, Row, forbidden, record_key
from app.sync.merge.ownership import Writer, check_change
from app.sync.merge.scope import GLOBAL, MIXED, WITHOUT_STREET, ScopeResolver, origin_streets


@dataclass
class Authorized:
    """The fresh changes sorted by what happens to them (each list in the order it was checked)."""

    to_apply: list[Change] = field(default_factory=list)
    proposals: list[Change] = field(default_factory=list)
    skipped: list[Change] = field(default_factory=list)
    #: the records as they will be once the changes to apply are merged (plain values; for the invariants)
    rows: dict[RecordKey, dict[str, Any]] = field(default_factory=dict)
    #: the streets and linked records seen while checking (the invariants look at the same records)
    resolver: ScopeResolver | None = None


def scope_resolver(ctx: MergeContext, current: dict[RecordKey, Row], fresh: list[Change]) -> ScopeResolver:
    """A resolver that sees the rows as they will be: those held here, and those the bundle inserts."""
    pending: dict[RecordKey, dict[str, Any]] = {k: v.values for k, v in current.items()}
    for change in fresh:
        if change["action"] == "insert":
            pending.setdefault(record_key(change), change["data"]["new"])
    resolver = ScopeResolver(ctx.conn, pending, origin_streets(ctx.conn, ctx.epochs.node_of))
    if ctx.at_hub:
        resolver.prefetch_links([(table, values) for (table, _), values in pending.items()])
    return resolver


def check_scope(resolver: ScopeResolver, change: Change, values: dict[str, Any], street: str | None,
                sender_name: str) -> None:
    """Refuse a change outside ``street`` (the sender's certificate): the row, and every record it links to, must
    be of that street or of none; a row of no street is accepted only where its table lets a field node write
    one (it then goes where its table says: app/sync/merge/scope.py). Photos go where the records linking them go."""
    table, record = change["table"], change["record"]
    if table == "attachments":
        return
    names = {"sender": sender_name, "table": table, "record": record}
    for column, linked in resolver.link_streets(table, values, scoping_only=False):
        if column != "street_code" and linked is not None and linked not in (GLOBAL, street):
            raise forbidden(record_key(change), "The bundle from {sender} links {table} record {record} through "
                                                "{column} to a record of another street; the whole bundle was "
                                                "refused.", column=column, **names)
    where = resolver.street(table, record, values)
    unscoped_ok = OWNERSHIP[table].kind is not Kind.HUB or table in WITHOUT_STREET
    if where == MIXED or where not in (GLOBAL, street) or (where == GLOBAL and not unscoped_ok):
        raise forbidden(record_key(change), "The bundle from {sender} writes {table} record {record}, which is "
                                            "outside its street; the whole bundle was refused.", **names)


def authorize(ctx: MergeContext, fresh: list[Change], current: dict[RecordKey, Row]) -> Authorized:
    """Check every fresh change, in (origin, sequence) order, against ownership and (at the hub) the sender's
    street; return those to apply, those kept as proposals and the photos skipped, or raise ChangeRefused."""
    resolver = scope_resolver(ctx, current, fresh)
    result = Authorized(rows={k: dict(v.values) for k, v in current.items()}, resolver=resolver)
    ordered = sorted(fresh, key=lambda c: (c["origin"], c["seq"]))
    # records this bundle inserts, and which change creates each. A change of another origin may come before the
    # insert in (origin, sequence) order (the hub signs off a visit it relays in the same bundle; a restored node's
    # new epoch edits a record its old one created): every change but the creating insert sees the record as the
    # insert makes it, and the creating insert is always checked as an insert.
    creating: dict[RecordKey, Change] = {}
    for change in ordered:
        key = record_key(change)
        if key not in current and key not in creating and change["action"] == "insert":
            creating[key] = change
    for change in ordered:
        key = record_key(change)
        new = change["data"].get("new") or {}
        insert = creating.get(key)
        if insert is change:
            row = None
        else:
            row = result.rows.get(key)
            if row is None and insert is not None:
                row = result.rows[key] = {**(insert["data"].get("new") or {}), "id": change["record"]}
        from_hub = ctx.epochs.node(change["origin"]) == ctx.hub_id
        writer = Writer(ctx.at_hub, from_hub, ctx.epochs, ctx.sender_name)
        if ALIAS_OF in change and not ctx.at_hub:
            # an insert the hub relays that this node holds under another id (app/sync/merge/alias.py): it is
            # checked as the insert it was (what differs, in the name of its node); at the hub the same change
            # from a field node is checked as a change of the held record (a proposal)
            as_insert = dict(change, action="insert", data={"new": {**new, "origin_node": change["origin"]}})
            verdict = check_change(as_insert, None, writer)
        else:
            verdict = check_change(change, row, writer)
        if ctx.at_hub and ctx.epochs.node(change["origin"]) == ctx.sender.node_id and verdict != "skip":
            check_scope(resolver, change, {**(row or {}), **new}, ctx.sender.street_code, ctx.sender_name)
        if verdict == "skip":
            result.skipped.append(change)
        elif verdict == "proposal":
            result.proposals.append(change)
        else:
            result.to_apply.append(change)
            if row is None and change["action"] == "insert":
                result.rows.setdefault(key, {**new, "id": change["record"]})
            elif row is not None:
                row.update(new)
    return result
