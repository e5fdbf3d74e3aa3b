"""Who may do what in the programmes: district staff manage enterprises, dividends, the fund and campaigns; the
bank files subsidy claims and marks enterprise use; cadres record outreach.
"""

from __future__ import annotations

from app.domain.permissions import Permission, has_permission
from app.domain.storelike import StoreLike

CONTEXT = "Programs"


def require_any(store: StoreLike, *permissions: Permission) -> None:
    if not any(has_permission(store.user.role, p) for p in permissions):
        store.require(permissions[0])  # raises with the role and the first permission named


def may_manage(store: StoreLike) -> bool:
    """Enterprises, dividends, the fund and campaigns: district staff (and admins)."""
    return has_permission(store.user.role, Permission.MANAGE_FUND)


def may_file_claims(store: StoreLike) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS)


def may_mark_use(store: StoreLike) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS) or may_manage(store)


def may_record_outreach(store: StoreLike) -> bool:
    return has_permission(store.user.role, Permission.RECORD_FIELD_WORK) or may_manage(store)
