"""Two cadres register the same household on two laptops before either has synced (issue 17, the case that stalled
sync for good): each imports a small roster with the same new household and so the same new village. The hub makes
the second one the same record (an alias), keeps what differs as a proposal, and every later bundle of both laptops
applies; the laptops end up holding the hub's records."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.domain.records import submit
from app.models import Alias, Household, Member, PovertyStatusChange, Proposal, Village, Visit
from app.models.enums import RecordKind
from app.reports.import_households import import_households
from tests.unit.test_import_workbooks import build_workbook
from tests.unit.test_records import visit_values

from .conftest import citizen_id

HEADER = ["身份证号", "户主姓名", "村", "组", "街道", "手机号", "家庭人口"]


def roster(path, phone: str, cid: str):
    return build_workbook(path, HEADER, [[cid, "重复户", "新建村", "3组", "纺织城街道", phone, 3]])


def count(store, model, *where) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(model).where(*where)).scalar()


def test_the_same_new_household_and_village_from_two_laptops_become_one_record(net, tmp_path):
    n = net(fields=2)
    hub, first, second = n.hub, n.fields[0], n.fields[1]
    cid = citizen_id(424242)
    import_households(first, roster(tmp_path / "a.xlsx", "13800000001", cid))
    import_households(second, roster(tmp_path / "b.xlsx", "13900000002", cid))  # the same, but another phone
    with second.read() as session:
        second_household = session.execute(sa.select(Household.id)).scalar()
    visit = submit(second, RecordKind.VISIT, visit_values(visited_on=dt.date(2024, 5, 2)),
                   household_id=second_household, today=dt.date(2024, 5, 2)).record_id

    assert n.send(first, hub).applied > 0
    report = n.send(second, hub)  # today: refused whole ("UNIQUE constraint failed: villages.street_code, ...")
    assert report.aliased == 4 and report.quarantined == 0  # village, household, head member, status entry
    assert report.proposals == 2  # the phone that differs, of the household and of its head
    for model in (Household, Village, Member, PovertyStatusChange):
        assert count(hub, model) == 1, model
    with hub.read() as session:
        kept = session.execute(sa.select(Household)).scalar_one()
        assert kept.phone == "13800000001"  # the hub's (first laptop's) value stands until someone decides
        assert session.get(Visit, visit).household_id == kept.id  # the visit follows the alias
        proposal = session.execute(sa.select(Proposal).where(Proposal.table_name == "households")).scalar_one()
        assert proposal.record_id == str(kept.id) and '"13900000002"' in proposal.data
        assert session.execute(sa.select(sa.func.count()).select_from(Alias)).scalar() == 4
    assert hub.check() == []

    # both laptops take the hub's records; the second keeps its own ids, aliased to the hub's
    for laptop in (first, second):
        n.send(hub, laptop)
        for model in (Household, Village, Member, PovertyStatusChange):
            assert count(laptop, model) == 1, (laptop.info.name, model)
        assert laptop.check() == []
    assert count(first, Visit) == 1  # the second laptop's visit, relayed under the hub's household id

    # later work on the aliased household, from the laptop that made the alias, keeps applying
    submit(second, RecordKind.VISIT, visit_values(visited_on=dt.date(2024, 6, 2), findings="复访"),
           household_id=second_household, today=dt.date(2024, 6, 2))
    later = n.send(second, hub)
    assert later.applied == 1 and later.quarantined == 0
    with hub.read() as session:
        assert {v.household_id for v in session.execute(sa.select(Visit)).scalars()} == {kept.id}
    assert hub.check() == []


def test_a_duplicate_sent_twice_changes_nothing_more(net, tmp_path):
    n = net(fields=2)
    hub, first, second = n.hub, n.fields[0], n.fields[1]
    cid = citizen_id(515151)
    for laptop, name in ((first, "a"), (second, "b")):
        import_households(laptop, roster(tmp_path / f"{name}.xlsx", "13800000001", cid))
    n.send(first, hub)
    path = n.export(second, hub)
    from app.sync.importer import import_bundle

    first_time = import_bundle(hub, path)
    assert first_time.aliased == 4 and first_time.proposals == 0  # identical: nothing to propose
    renamed = n.export(second, hub)  # a new bundle carrying the same changes
    again = import_bundle(hub, renamed)
    assert again.skipped == again.changes and again.aliased == 0
    assert count(hub, Household) == 1 and count(hub, Proposal) == 0
