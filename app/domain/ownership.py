"""The ownership table (app/models/ownership.py) as the domain and the screens ask it: may the user logged in here
create this record, set this field, move this record to that state? The same table decides what the merge
accepts from a field node, so an action refused here would be refused at the hub too, and an action the hub's
users take is one a field node's bundle can never carry. The ``require_*`` functions raise PermissionDenied with
the roles that may, the ``may_*`` ones answer for the screens (to offer or hide a button).
"""

from __future__ import annotations

from app.domain.storelike import StoreLike
from app.errors import PermissionDenied
from app.i18n import translate
from app.models.enums import NodeRole, Role
from app.models.ownership import OWNERSHIP, held, may_insert, may_move, may_set, roles_for
from app.models.permissions import ROLE_PERMISSIONS, Permission, role_label


def _held(store: StoreLike) -> frozenset[Permission]:
    return held(store.user.role, NodeRole(store.info.role))


def may_create(store: StoreLike, table: str) -> bool:
    return may_insert(_held(store), table)


def may_write(store: StoreLike, table: str, name: str) -> bool:
    return may_set(_held(store), table, name)


def may_change_state(store: StoreLike, table: str, name: str, before: str | None, after: str) -> bool:
    return may_move(_held(store), table, name, before, after)


def _refuse(store: StoreLike, needed: frozenset[Permission]) -> PermissionDenied:
    """Why the user may not: their role lacks the permission (the store's own words), or it is exercised only at
    the hub, where the users who hold it work."""
    if not needed & ROLE_PERMISSIONS[Role(store.user.role)]:
        store.require(next(p for p in Permission if p in needed) if needed else Permission.MANAGE_USERS)
    roles = " / ".join(role_label(role) for role, _ in roles_for(needed) if role.value != "admin")
    return PermissionDenied(translate("Ownership", "This is done at the hub, by {roles}; this field node cannot do "
                                                   "it, and its bundles cannot carry it.", roles=roles))


def require_create(store: StoreLike, table: str) -> None:
    if not may_create(store, table):
        raise _refuse(store, OWNERSHIP[table].insert)


def require_write(store: StoreLike, table: str, name: str) -> None:
    if not may_write(store, table, name):
        raise _refuse(store, OWNERSHIP[table].fields[name])


def require_state(store: StoreLike, table: str, name: str, before: str | None, after: str) -> None:
    if not may_change_state(store, table, name, before, after):
        needed = OWNERSHIP[table].states.get(name, {}).get((before, after))
        if needed is None:
            raise PermissionDenied(translate("Ownership", "No one may take these records ({table}) from \"{before}\" "
                                                          "to \"{after}\".", table=table, before=before or "-",
                                             after=after))
        raise _refuse(store, needed)
