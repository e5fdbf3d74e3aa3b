"""Roles of DOMAIN.md and what each may do: a table of enums and two checks.

Kept below storage so that the store, which knows who is signed in (:meth:`app.db.store.Store.require`), checks
the same table as the domain without importing it; :mod:`app.domain.permissions` re-exports these names.
:class:`~app.models.enums.Role` is stored in the users table, so it sits with the other enums.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import Role

ROLE_LABELS = {
    Role.FIELD: QT_TRANSLATE_NOOP("Roles", "Field cadre"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    Role.BANK: QT_TRANSLATE_NOOP("Roles", "Bank officer"),
    Role.DISTRICT: QT_TRANSLATE_NOOP("Roles", "District staff"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator"),
}


def role_label(role: Role | str) -> str:
    return translate("Roles", ROLE_LABELS[Role(role)])


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    EDIT_SETTINGS = "edit_settings"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW_RECORDS = "view_records"
    VIEW_FULL_IDS = "view_full_ids"
    EDIT_HOUSEHOLDS = "edit_households"
    IMPORT_HOUSEHOLDS = "import_households"
    EDIT_LOANS = "edit_loans"
    IMPORT_LOANS = "import_loans"
    RECORD_FIELD_WORK = "record_field_work"
    #: the pre-maturity assessment (到期前评估): the cadres' field work, and the lending bank's own job (issue 20)
    RECORD_ASSESSMENTS = "record_assessments"
    SIGN_OFF = "sign_off"
    CLOSE_ANOMALIES = "close_anomalies"
    EXPORT_LEDGERS = "export_ledgers"
    PRINT = "print"
    APPROVE_DISPOSAL = "approve_disposal"
    EXECUTE_DISPOSAL = "execute_disposal"
    MANAGE_FUND = "manage_fund"
    EXCHANGE_DATA = "exchange_data"
    ENROLL_NODES = "enroll_nodes"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FIELD: frozenset({_P.VIEW_RECORDS, _P.RECORD_FIELD_WORK, _P.RECORD_ASSESSMENTS, _P.EDIT_HOUSEHOLDS, _P.PRINT,
                           _P.EXCHANGE_DATA, _P.BACKUP}),
    Role.SUPERVISOR: frozenset({_P.VIEW_RECORDS, _P.VIEW_FULL_IDS, _P.RECORD_FIELD_WORK, _P.RECORD_ASSESSMENTS,
                                _P.EDIT_HOUSEHOLDS,
                                _P.IMPORT_HOUSEHOLDS, _P.SIGN_OFF, _P.CLOSE_ANOMALIES, _P.EXPORT_LEDGERS,
                                _P.PRINT, _P.APPROVE_DISPOSAL, _P.EXCHANGE_DATA, _P.BACKUP}),
    Role.BANK: frozenset({_P.VIEW_RECORDS, _P.VIEW_FULL_IDS, _P.EDIT_LOANS, _P.IMPORT_LOANS, _P.EXPORT_LEDGERS,
                          _P.PRINT, _P.APPROVE_DISPOSAL, _P.EXECUTE_DISPOSAL, _P.EXCHANGE_DATA, _P.BACKUP,
                          _P.RECORD_ASSESSMENTS}),
    Role.DISTRICT: frozenset({_P.VIEW_RECORDS, _P.VIEW_FULL_IDS, _P.EXPORT_LEDGERS, _P.PRINT, _P.MANAGE_FUND,
                              _P.APPROVE_DISPOSAL, _P.IMPORT_HOUSEHOLDS, _P.BACKUP}),
    Role.ADMIN: frozenset(Permission),
}


def has_permission(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role | str, permission: Permission) -> None:
    from app.errors import PermissionDenied

    if not has_permission(role, permission):
        raise PermissionDenied(translate("Roles", "The role {role} may not do this ({permission}).",
                                         role=role_label(role), permission=permission.value))
