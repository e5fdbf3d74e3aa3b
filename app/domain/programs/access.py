"""Who may do what in the programmes: district staff manage enterprises, dividends, the fund and campaigns; the
bank files subsidy claims and marks enterprise use; cadres record outreach.
"""

from __future__ import annotations

from typing import Any

from app.domain.permissions import Permission, has_permission

CONTEXT = "Programs"


def require_any(store: Any, *permissions: Permission) -> None:
    if not any(has_permission(store.user.role, p) for p in permissions):
        store.require(permissions[0])  # raises with the role and the first permission named


def may_manage(store: Any) -> bool:
    """Enterprises, dividends, the fund and campaigns: district staff (and admins)."""
    return has_permission(store.user.role, Permission.MANAGE_FUND)


def may_file_claims(store: Any) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS)


def may_mark_use(store: Any) -> bool:
    return has_permission(store.user.role, Permission.EDIT_LOANS) or may_manage(store)


def may_record_outreach(store: Any) -> bool:
    return has_permission(store.user.role, Permission.RECORD_FIELD_WORK) or may_manage(store)
