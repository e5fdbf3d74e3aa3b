"""The ``scope`` step (ownership and street): may the sender write each change, and where does it go? Each fresh
change is checked against the ownership table (app/sync/merge/ownership.py), and at the hub a field node's change
must lie in its street, every link of the row included (app/sync/merge/scope.py: a maturity assessment of the
sender's household may not name another street's loan). A change breaking either refuses the whole bundle, naming
the record; a field node's change to a hub-kept record becomes a proposal; a photo held here already is skipped;
everything else is to be applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.models.ownership import OWNERSHIP, Kind
from app.sync.merge.context import Change, MergeContext, RecordKey, Row, record_key, refused
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
            raise refused(record_key(change), "The bundle from {sender} links {table} record {record} through "
                                              "{column} to a record of another street; the whole bundle was "
                                              "refused.", column=column, **names)
    where = resolver.street(table, record, values)
    unscoped_ok = OWNERSHIP[table].kind is not Kind.HUB or table in WITHOUT_STREET
    if where == MIXED or where not in (GLOBAL, street) or (where == GLOBAL and not unscoped_ok):
        raise refused(record_key(change), "The bundle from {sender} writes {table} record {record}, which is "
                                          "outside its street; the whole bundle was refused.", **names)


def authorize(ctx: MergeContext, fresh: list[Change], current: dict[RecordKey, Row]) -> Authorized:
    """Check every fresh change, in (origin, sequence) order, against ownership and (at the hub) the sender's
    street; return those to apply, those kept as proposals and the photos skipped, or raise ChangeRefused."""
    resolver = scope_resolver(ctx, current, fresh)
    result = Authorized(rows={k: dict(v.values) for k, v in current.items()}, resolver=resolver)
    for change in sorted(fresh, key=lambda c: (c["origin"], c["seq"])):
        key = record_key(change)
        row = result.rows.get(key)
        from_hub = ctx.epochs.node(change["origin"]) == ctx.hub_id
        writer = Writer(ctx.at_hub, from_hub, ctx.epochs, ctx.sender_name)
        verdict = check_change(change, row, writer)
        new = change["data"].get("new") or {}
        if ctx.at_hub and ctx.epochs.node(change["origin"]) == ctx.sender.node_id and verdict != "skip":
            check_scope(resolver, change, {**(row or {}), **new}, ctx.sender.street_code, ctx.sender_name)
        if verdict == "skip":
            result.skipped.append(change)
        elif verdict == "proposal":
            result.proposals.append(change)
        else:
            result.to_apply.append(change)
            if row is None and change["action"] == "insert":
                result.rows[key] = {**new, "id": change["record"]}
            elif row is not None:
                row.update(new)
    return result
