"""Editing a household through the domain, without Qt: permission, validation, street scope, the head's citizen ID
unique, the head's member record and pinyin initials kept in step, audited, nothing written when refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.domain.households import household_choices, household_problems, save_household
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, Household, Member
from tests.conftest import FAST_KDF
from tests.records_data import make_household
from tests.unit.test_import_workbooks import make_id

VALUES = {"head_name": "王建国", "head_citizen_id": "", "phone": "13912345678", "group_name": "3组",
          "address": "东村3组", "note": ""}


def _stored(store, household_id):
    with store.read() as session:
        household = session.get(Household, household_id)
        head = session.execute(sa.select(Member).where(Member.household_id == household_id,
                                                       Member.is_head.is_(True))).scalar_one()
        return household, head


def _audit_count(store):
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()


def test_save_changes_the_facts_the_head_member_and_the_initials(store):
    household_id = make_household(store)
    new_id = make_id(7).lower()
    row = save_household(store, household_id, {**VALUES, "head_name": " 张三丰 ", "head_citizen_id": new_id,
                                               "phone": "139 1234 5678", "note": "迁入新址"})
    household, head = _stored(store, household_id)
    assert row.head_name == household.head_name == head.name == "张三丰"
    assert household.head_citizen_id == head.citizen_id == new_id.upper() == row.head_citizen_id
    assert household.head_initials == "zsf" and household.phone == "13912345678" and household.note == "迁入新址"
    with store.read() as session:
        changed = {e.table_name for e in session.execute(sa.select(AuditEntry).where(AuditEntry.action == "update"))
                   .scalars()}
    assert {"households", "members"} <= changed


def test_a_blank_citizen_id_keeps_the_recorded_one(store):
    household_id = make_household(store)
    save_household(store, household_id, {**VALUES, "address": "西村1组"})
    household, head = _stored(store, household_id)
    assert household.head_citizen_id == head.citizen_id == "610111197503080016"
    assert household.address == "西村1组"


def test_bad_values_are_refused_and_nothing_is_written(store):
    household_id = make_household(store)
    before = _audit_count(store)
    problems = household_problems({**VALUES, "head_name": " ", "phone": "12"})
    assert set(problems) == {"head_name", "head_citizen_id", "phone"}
    assert set(household_problems({**VALUES, "phone": "12"}, keep_blank_id=True)) == {"phone"}
    with pytest.raises(ValidationError, match="needs a name"):
        save_household(store, household_id, {**VALUES, "head_name": ""})
    with pytest.raises(ValidationError):
        save_household(store, household_id, {**VALUES, "head_citizen_id": "610111"})
    assert _audit_count(store) == before


def test_the_head_citizen_id_stays_unique(store):
    household_id = make_household(store)
    make_household(store, head="李四", citizen_id=make_id(3))
    with pytest.raises(ValidationError, match="Another household already has") as refused:
        save_household(store, household_id, {**VALUES, "head_citizen_id": make_id(3)})
    assert make_id(3) not in refused.value.message  # masked in the message
    assert _stored(store, household_id)[0].head_citizen_id == "610111197503080016"


def test_a_household_of_another_street_cannot_be_saved_on_a_field_node(store):
    # the field node of 610111001 holds (say, from an old import) a household of another street
    foreign = make_household(store, street="610111002", head="赵五", citizen_id=make_id(4))
    with pytest.raises(ValidationError, match="no longer exists on this node"):
        save_household(store, foreign, {**VALUES, "head_name": "赵五"})
    assert [name for _id, name, _address in household_choices(store, "")] == []
    own = make_household(store)
    assert [hid for hid, _name, _address in household_choices(store, "wjg")] == [own]


def test_saving_needs_the_permission(store, node_dir):
    from app.db.store import Store

    household_id = make_household(store)
    store.add_user("banker", "bank", "banker password", kdf=FAST_KDF)
    banker = Store.open(node_dir, "banker", "banker password")
    try:
        with pytest.raises(PermissionDenied):
            save_household(banker, household_id, {**VALUES, "head_name": "改名"})
    finally:
        banker.engine.dispose()
    assert _stored(store, household_id)[0].head_name == "王建国"


def test_a_deleted_household_is_gone(store):
    household_id = make_household(store)
    with store.write() as session:
        session.get(Household, household_id).deleted = True
    with pytest.raises(ValidationError, match="no longer exists"):
        save_household(store, household_id, VALUES)
