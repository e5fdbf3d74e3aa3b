"""Editing a household's facts, and picking a household by name: the rules the edit dialog, the CLI and tests share.

:func:`household_problems` is what the edit dialog shows under each field as the user types; :func:`save_household`
checks it all again inside its write (permission, values, the node's street scope, a head's citizen ID no other
household has), keeps the head's member record in step with the head's name and ID, and refreshes the pinyin
initials the list filters on. Nothing is written when anything is wrong.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.codes import citizen_id_error, mask_citizen_id, normalize_citizen_id, phone_error
from app.domain.names import pinyin_initials
from app.domain.permissions import Permission
from app.domain.registry import HouseholdRow, get_household_detail
from app.domain.scope import in_scope, scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import Household, Member

#: the facts of a household the edit dialog changes (street, village, members and status have their own ways)
EDITABLE = ("head_name", "head_citizen_id", "phone", "group_name", "address", "note")


def household_problems(values: Mapping[str, str], keep_blank_id: bool = False) -> dict[str, str]:
    """Field → translated problem, for what the edit dialog would save (empty when all is well).

    ``keep_blank_id``: a blank citizen ID means "unchanged" (the user sees the number masked)."""
    problems: dict[str, str] = {}
    if not values.get("head_name", "").strip():
        problems["head_name"] = translate("Registry", "The head of household needs a name.")
    typed_id = values.get("head_citizen_id", "")
    id_problem = None if keep_blank_id and not typed_id.strip() else citizen_id_error(typed_id)
    if id_problem:
        problems["head_citizen_id"] = id_problem
    phone_problem = phone_error(values.get("phone", ""))
    if phone_problem:
        problems["phone"] = phone_problem
    return problems


def clean_household_values(values: Mapping[str, str]) -> dict[str, str]:
    """The editable values as stored: trimmed, the citizen ID normalised (X upper case), no spaces in the phone."""
    clean = {key: values.get(key, "").strip() for key in EDITABLE}
    clean["head_citizen_id"] = normalize_citizen_id(clean["head_citizen_id"])
    clean["phone"] = re.sub(r"\s", "", unicodedata.normalize("NFKC", clean["phone"]))
    return clean


def _editable_household(session: Session, household_id: uuid.UUID, scope: str | None) -> Household:
    household = session.get(Household, household_id)
    if household is None or household.deleted or not in_scope(household.street_code, scope):
        raise ValidationError(translate("Registry", "This household no longer exists on this node."))
    return household


def _check_head_id_unique(session: Session, household: Household, citizen_id: str) -> None:
    if citizen_id != household.head_citizen_id and session.execute(
            sa.select(Household.id).where(Household.head_citizen_id == citizen_id,
                                          Household.id != household.id)).first():
        raise ValidationError(translate("Registry", "Another household already has the head's citizen ID {id}.",
                                        id=mask_citizen_id(citizen_id)))


def _head_member(session: Session, household_id: uuid.UUID) -> Member | None:
    return session.execute(sa.select(Member).where(Member.household_id == household_id, Member.is_head.is_(True),
                                                   Member.deleted.is_(False))).scalars().first()


def _sync_head_member(head: Member | None, name: str, citizen_id: str) -> None:
    """The head's member record follows the head's name and citizen ID (only what changed is written)."""
    if head is None:
        return
    if head.name != name:
        head.name = name
    if head.citizen_id != citizen_id:
        head.citizen_id = citizen_id


def save_household(store: StoreLike, household_id: uuid.UUID, values: Mapping[str, str]) -> HouseholdRow:
    """Write the changed facts of one household (audited) and return its row as the list shows it.

    A blank head's citizen ID keeps the recorded one. Raises ValidationError for a bad value, a household outside
    the node's street or a citizen ID another household already has; PermissionDenied without EDIT_HOUSEHOLDS."""
    store.require(Permission.EDIT_HOUSEHOLDS)
    problems = household_problems(values, keep_blank_id=True)
    if problems:
        raise ValidationError(" ".join(problems.values()))
    clean = clean_household_values(values)
    with store.write() as session:
        household = _editable_household(session, household_id, scope_street(store))
        if not clean["head_citizen_id"]:  # left blank: unchanged
            clean["head_citizen_id"] = household.head_citizen_id
        _check_head_id_unique(session, household, clean["head_citizen_id"])
        head = _head_member(session, household_id)  # read before changing anything: one flush at commit
        for key, value in clean.items():
            if getattr(household, key) != value:
                setattr(household, key, value)
        initials = pinyin_initials(clean["head_name"])
        if household.head_initials != initials:
            household.head_initials = initials
        _sync_head_member(head, clean["head_name"], clean["head_citizen_id"])
    detail = get_household_detail(store, household_id)
    assert detail is not None
    return detail.household


def household_choices(store: StoreLike, text: str, limit: int = 50) -> list[tuple[uuid.UUID, str, str]]:
    """(id, head's name, address) of the households whose head's name contains ``text`` or whose pinyin initials
    start like it, within the node's street, by initials: for picking the household a new record is about."""
    store.require(Permission.VIEW_RECORDS)
    query = sa.select(Household.id, Household.head_name, Household.address).where(Household.deleted.is_(False))
    scope = scope_street(store)
    if scope:
        query = query.where(Household.street_code == scope)
    text = text.strip()
    if text:
        query = query.where(sa.or_(Household.head_name.contains(text),
                                   Household.head_initials.startswith(pinyin_initials(text) or text.lower())))
    with store.read() as session:
        return [(hid, name, address)
                for hid, name, address in session.execute(query.order_by(Household.head_initials).limit(limit))]
