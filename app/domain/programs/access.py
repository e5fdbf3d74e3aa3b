"""Who may do what in the programmes: district staff manage enterprises, dividends, the fund and campaigns; the
bank files subsidy claims and marks enterprise use; cadres record outreach.
"""

from __future__ import annotations

from app.domain.ownership import may_create, may_write
from app.domain.storelike import StoreLike

CONTEXT = "Programs"


def may_manage(store: StoreLike) -> bool:
    """Enterprises, dividends, the fund and campaigns: district staff (and admins), at the hub (the ownership
    table, app/models/ownership.py, as for every write below)."""
    return may_create(store, "enterprises")


def may_file_claims(store: StoreLike) -> bool:
    return may_create(store, "subsidy_claims")


def may_mark_use(store: StoreLike) -> bool:
    return may_write(store, "loans", "enterprise_id")


def may_record_outreach(store: StoreLike) -> bool:
    return may_create(store, "outreach_sessions")
