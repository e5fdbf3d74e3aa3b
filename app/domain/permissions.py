"""Roles of DOMAIN.md and what each may do.

The enum and the table are plain data kept below storage (:mod:`app.models.permissions`, :class:`Role` in
:mod:`app.models.enums`) so that the store checks the signed-in user against the same table without importing the
domain; the domain and the screens keep importing them from here.
"""

from __future__ import annotations

from app.models.enums import Role
from app.models.permissions import ROLE_LABELS, ROLE_PERMISSIONS, Permission, has_permission, require, role_label

__all__ = ["ROLE_LABELS", "ROLE_PERMISSIONS", "Permission", "Role", "has_permission", "require", "role_label"]
