"""Who may write what, as enforced on every imported change (the table itself is app/models/ownership.py, which
the domain and the screens read too). A violation is a security refusal (:class:`~app.sync.merge.context.
ChangeForbidden`): the whole bundle is refused, naming the record, never set aside in quarantine.

A change made at the hub is the hub's users' work, checked by its domain: it is applied (but a photo never
changes, whoever sends it). A change made at a field node may exercise only what a user of a field node may
(:data:`app.models.ownership.FIELD_NODE`: nothing of the hub's permissions, whatever accounts the laptop has):

- a new row: its table must let a field user insert; fields only others may set must keep their default; each
  state field must start in a state a field user may start it in; and the row must be made under the change's
  own origin (never in the name of another node);
- a change to a row: by the row's kind (:class:`~app.models.ownership.Kind`): a hub-kept row becomes a proposal at
  the hub (when a field user may touch the table at all); a submitted field record changes only in its listed
  fields and states (sign-off never from a field node); a row written once changes only its tombstone, by its
  node; an owned row only by its node; a photo never;
- a re-sent photo (content-addressed: its id is its hash) must be the photo held here: the same content is
  skipped, other bytes are refused and reported, never applied or relayed.

Ownership follows the node, not the origin: a node restored from a backup writes under a new origin of the same
node (app/db/epochs.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

import sqlalchemy as sa

from app.i18n import translate
from app.models.ownership import BOOKKEEPING, FIELD_NODE, IMMUTABLE, OWNERSHIP, Kind, may_insert, may_move, may_set
from app.models.ownership import roles_for as _roles_for
from app.models.permissions import role_label
from app.sync.merge.context import Change, forbidden, record_key
from app.sync.merge.epochs import Epochs
from app.sync.tables import synced_models

__all__ = ["BOOKKEEPING", "IMMUTABLE", "Verdict", "Writer", "check_change", "defaults_of"]

#: what :func:`check_change` decides for a change it does not refuse
Verdict = Literal["apply", "proposal", "skip"]
#: the fields that name a photo's content (app/models/records.py Attachment); other fields are its label
PHOTO_CONTENT = ("sha256", "data", "size", "mime")


@dataclass(frozen=True)
class Writer:
    """Who wrote a change, as the merge can tell: at the hub or at a field node, and its origin."""

    at_hub: bool  # this node is the hub (where a field node's change to a hub-kept row is kept as a proposal)
    from_hub: bool  # the change was made at the hub
    epochs: Epochs
    sender_name: str

    def owns(self, change: Change, row: dict[str, Any] | None) -> bool:
        """Whether the change's node made the row (or the change comes from the hub)."""
        return self.from_hub or (row is not None and self.epochs.same_node(change["origin"], row.get("origin_node")))


_DEFAULTS: dict[str, dict[str, Any]] = {}


def defaults_of(table: str) -> dict[str, Any]:
    """{column: the value a new row has when the insert does not give it} (log form; None when nullable)."""
    if table not in _DEFAULTS:
        from app.db.audit import _plain

        found: dict[str, Any] = {}
        model = synced_models()[table]
        for column in cast(sa.Table, sa.inspect(model).local_table).c:
            default = column.default
            if default is not None and getattr(default, "is_scalar", False):
                found[column.name] = _plain(getattr(default, "arg", None))
            elif default is None and column.nullable:
                found[column.name] = None
        _DEFAULTS[table] = found
    return _DEFAULTS[table]


def roles_text(permissions: frozenset[Any]) -> str:
    """The roles holding any of ``permissions``, as the refusal names them (those of the hub marked so)."""
    names = [role_label(role) if works_in_field else translate("Sync", "{role} at the hub", role=role_label(role))
             for role, works_in_field in _roles_for(permissions) if str(role) != "admin"]
    return " / ".join(names) or translate("Sync", "nobody")


def check_change(change: Change, row: dict[str, Any] | None, writer: Writer) -> Verdict:
    """``"apply"``, ``"proposal"`` or ``"skip"`` for one change, or raise ChangeRefused naming the record.

    ``row`` is the record as held here (or as an earlier change of the same bundle creates it), None when new."""
    table = change["table"]
    rule = OWNERSHIP[table]
    key, names = record_key(change), {"sender": writer.sender_name, "table": table, "record": change["record"]}
    new = change["data"].get("new") or {}
    if rule.kind is Kind.CONTENT and row is not None:
        return _same_photo(change, row, names)
    if rule.kind is Kind.CONTENT and change["action"] != "insert":
        raise forbidden(key, "The bundle from {sender} changes the photo {record}, which is not held here; the "
                             "whole bundle was refused.", **names)
    if writer.from_hub or rule.kind is Kind.EPOCH:
        return "apply"
    if row is None:
        _check_insert(change, new, names)
        return "apply"
    changed = {name for name in new if name not in BOOKKEEPING and new[name] != row.get(name)}
    if rule.kind is Kind.HUB:
        if not may_insert(FIELD_NODE, table):
            raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which only {roles} may "
                                 "write; the whole bundle was refused.", roles=roles_text(rule.insert), **names)
        if writer.at_hub:
            return "proposal"
        raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which only the hub may "
                             "write; the whole bundle was refused.", **names)
    owner = writer.owns(change, row)
    if rule.kind is Kind.OWNED and not owner:
        raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which was made by another "
                             "node; the whole bundle was refused.", **names)
    for name in sorted(changed):
        _check_field(change, row, name, owner, names)
    return "apply"


def _check_insert(change: Change, new: dict[str, Any], names: dict[str, Any]) -> None:
    table, key = change["table"], record_key(change)
    rule = OWNERSHIP[table]
    if change["action"] != "insert":
        return  # a change to a record not held here: kept as a "missing record" conflict by the merge
    if not may_insert(FIELD_NODE, table):
        raise forbidden(key, "The bundle from {sender} creates {table} record {record}, which only {roles} may "
                             "create; the whole bundle was refused.", roles=roles_text(rule.insert), **names)
    if new.get("origin_node") != change["origin"]:
        raise forbidden(key, "The bundle from {sender} writes {table} record {record} in the name of another node; "
                             "the whole bundle was refused.", **names)
    defaults = defaults_of(table)
    for name, needed in rule.fields.items():
        if name in new and new[name] != defaults.get(name) and not may_set(FIELD_NODE, table, name):
            raise forbidden(key, "The bundle from {sender} sets {field} of {table} record {record}, which only "
                                 "{roles} may set; the whole bundle was refused.", field=name,
                            roles=roles_text(needed), **names)
    for name in rule.states:
        state = new.get(name, defaults.get(name))
        if not may_move(FIELD_NODE, table, name, None, str(state)):
            raise forbidden(key, "The bundle from {sender} creates {table} record {record} in the state \"{state}\", "
                                 "which a field node may not give it; the whole bundle was refused.",
                            state=state, **names)


def _check_field(change: Change, row: dict[str, Any], name: str, owner: bool, names: dict[str, Any]) -> None:
    table, key = change["table"], record_key(change)
    rule = OWNERSHIP[table]
    if name in IMMUTABLE:
        return  # never written by the merge
    if name == "deleted":
        if owner:
            return
        raise forbidden(key, "The bundle from {sender} deletes {table} record {record}, which was made by another "
                             "node; the whole bundle was refused.", **names)
    if name in rule.fields:
        if not may_set(FIELD_NODE, table, name):
            raise forbidden(key, "The bundle from {sender} sets {field} of {table} record {record}, which only "
                                 "{roles} may set; the whole bundle was refused.", field=name,
                            roles=roles_text(rule.fields[name]), **names)
        return
    if name in rule.states:
        old = change["data"].get("old") or {}
        before = old.get(name, row.get(name))
        after = (change["data"].get("new") or {}).get(name)
        if not may_move(FIELD_NODE, table, name, None if before is None else str(before), str(after)):
            raise forbidden(key, "The bundle from {sender} moves {table} record {record} from \"{before}\" to "
                                 "\"{after}\", which a field node may not do; the whole bundle was refused.",
                            before=before, after=after, **names)
        return
    if rule.kind is Kind.OWNED and owner:
        return
    if rule.kind is Kind.RECORD:
        raise forbidden(key, "The bundle from {sender} overwrites the submitted record {table} {record}; a "
                             "submitted record is amended by a new version, never overwritten. The whole "
                             "bundle was refused.", **names)
    raise forbidden(key, "The bundle from {sender} changes {table} record {record}, which is written once and never "
                         "changed; the whole bundle was refused.", **names)


def _same_photo(change: Change, row: dict[str, Any], names: dict[str, Any]) -> Verdict:
    """A photo held here arrives again: the same content is skipped (labels stay as first written); anything else
    is refused, so a photo can never be replaced."""
    new = change["data"].get("new") or {}
    if change["action"] == "insert" and all(new.get(name, row.get(name)) == row.get(name) for name in PHOTO_CONTENT):
        return "skip"
    raise forbidden(record_key(change), "The bundle from {sender} carries the photo {record} with other content than "
                                        "the one held here; a photo is never replaced. The whole bundle was refused.",
                    **names)
