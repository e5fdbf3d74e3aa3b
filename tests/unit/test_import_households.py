"""Importing the household roster: messy layouts, refused rows and the error workbook, idempotence, updates."""

from __future__ import annotations

import json

import openpyxl
import pytest
import sqlalchemy as sa

from app.db.store import Store
from app.errors import PermissionDenied
from app.models import AuditEntry, Household, Member, PovertyStatusChange, Village
from app.models.enums import PovertyStatus
from app.reports.import_households import import_households
from tests.conftest import FAST_KDF
from tests.unit.test_import_workbooks import audit_count, build_workbook, household_count, make_id

HEADER = ["序号", "公民身份\n号码", "户主", "村（社区）", "组别", "镇街", "手机号", "家庭人口", "贫困户属性",
          "家庭住址"]


def messy_rows():
    return [
        [1, make_id(1), "张三", "东村", "1组", "纺织城街道", "13800000001", 3, "建档立卡贫困户", "东村1组"],
        [2, float(make_id(2)[:17] + "0"), "李四", "东村", "2组", "纺织城", "13800000002", 2, "一般贫困户", ""],
        [3, "6.10111E+17", "王五", "西村", "1组", "纺织城街道", "13800000003", 4, "已脱贫", ""],
        [4, make_id(4)[:-1] + ("1" if make_id(4)[-1] != "1" else "2"), "赵六", "西村", "1组", "纺织城街道", "", 1,
         "监测对象", ""],
        [5, "610111198002300055", "钱七", "西村", "3组", "纺织城街道", "", 1, "返贫户", ""],
        [6, make_id(6), "孙八", "北村", "1组", "610111001", "029-83512345", 5, "脱贫不稳定户", ""],
        [7, make_id(7), "周九", "北村", "1组", "纺织城街道", "12345", "五口", "外星户", ""],
        [8, make_id(8), "吴十", "南村", "2组", "纺织城街道", "", 2, "建档立卡", ""],
        [9, make_id(8), "吴十", "南村", "2组", "纺织城街道", "", 2, "建档立卡", ""],
        [10, make_id(10), "郑一", "南村", "2组", "火星街道", "", 2, "建档立卡", ""],
        [11, make_id(11), "", "南村", "2组", "纺织城街道", "", 2, "建档立卡", ""],
    ]


NOTES = [["合计", "", "", "", "", "", "", 23], ["制表人：王科员", "", "审核人：李主任"],
         ["备注：本表数据截至2026年11月"]]


def shuffled(header, rows, order):
    return [header[i] for i in order], [[row[i] for i in order] for row in rows]


def test_messy_roster(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    order = [0, 4, 2, 1, 9, 3, 5, 8, 7, 6]
    header, rows = shuffled(HEADER, messy_rows(), order)
    path = build_workbook(tmp_path / "花名册.xlsx", header, rows, title="纺织城街道建档立卡贫困户花名册", title_rows=2,
                          notes=NOTES)
    errors = tmp_path / "errors.xlsx"
    report = import_households(store, path, errors_out=errors)
    counts = report.counts["households"]
    assert (counts.added, counts.updated, counts.unchanged, counts.refused) == (2, 0, 0, 9)  # 张三 and 孙八
    refused = {r.number: r.chinese() for r in report.refused}
    first_data_row = 4  # two title rows and the header
    by_seq = {seq: first_data_row + seq - 1 for seq in range(1, 12)}
    assert "转成了数字" in refused[by_seq[2]] and "转成了数字" in refused[by_seq[3]]
    assert "校验位" in refused[by_seq[4]]
    assert "出生日期19800230不存在" in refused[by_seq[5]]
    assert "联系电话" in refused[by_seq[7]] and "家庭人口" in refused[by_seq[7]] and "外星户" in refused[by_seq[7]]
    assert "重复" in refused[by_seq[8]] and "重复" in refused[by_seq[9]]
    assert "火星街道" in refused[by_seq[10]]
    assert "缺少姓名" in refused[by_seq[11]]
    assert len(report.refused) == 9 and report.notes_skipped >= 3
    with store.read() as session:
        households = {h.head_name: h for h in session.execute(sa.select(Household)).scalars()}
        assert set(households) == {"张三", "孙八"}
        zhang = households["张三"]
        assert zhang.street_code == "610111001" and zhang.size == 3 and zhang.phone == "13800000001"
        assert zhang.head_initials == "zs" and zhang.poverty_status is PovertyStatus.REGISTERED
        assert households["孙八"].poverty_status is PovertyStatus.MONITORED
        villages = set(session.execute(sa.select(Village.name)).scalars())
        assert {"东村", "北村"} <= villages
        head = session.execute(sa.select(Member).where(Member.household_id == zhang.id)).scalar_one()
        assert head.is_head and head.citizen_id == make_id(1) and head.birth_date.year == 1980
    # the error workbook repeats each refused row with its reasons, IDs as text, header first
    sheet = openpyxl.load_workbook(errors).active
    header_row = [c.value for c in sheet[1]]
    assert header_row[-2:] == ["错误原因", "原表行号"]
    assert header_row[0] == "序号" and "公民身份\n号码" in header_row  # the source's own header cells, as typed
    id_col = header_row.index("公民身份\n号码")
    values = {row[-1].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(values) == 9
    numeric_id = values[by_seq[2]][id_col]
    assert isinstance(numeric_id.value, str) and numeric_id.number_format == "@"
    assert values[by_seq[3]][id_col].value == "6.10111E+17"
    assert "出生日期" in values[by_seq[5]][len(header_row) - 2].value


def test_member_layout_and_sequential_groups(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    header = ["街道", "村", "组", "姓名", "与户主关系", "身份证号码", "性别", "劳动能力", "联系电话"]
    rows = [
        ["狄寨街道", "北村", "8组", "赖金花", "户主", make_id(21, "19661028"), "女", "普通劳动力", "18846885253"],
        ["狄寨街道", "北村", "8组", "赖小明", "之子", make_id(23, "19901010"), "男", "无劳动力", ""],
        ["狄寨街道", "北村", "8组", "赖小红", "之女", None, "女", "弱劳动力", ""],
        ["狄寨街道", "北村", "5组", "董宝山", "户主", make_id(25, "19720816"), "男", "", ""],
        ["狄寨街道", "北村", "5组", "董二", "之子", "6.10111E+17", "男", "", ""],
    ]
    path = build_workbook(tmp_path / "members.xlsx", header, rows, title="狄寨街道家庭成员名单")
    report = import_households(store, path)
    assert report.counts["households"].added == 1 and report.counts["members"].added == 3
    assert [r.number for r in report.refused] == [6, 7]  # 董宝山's household is refused whole
    assert "同户其他行有错误" in report.refused[0].chinese()
    with store.read() as session:
        household = session.execute(sa.select(Household)).scalar_one()
        members = session.execute(sa.select(Member).where(Member.household_id == household.id)
                                  .order_by(Member.position)).scalars().all()
    assert household.size == 3 and household.phone == "18846885253"
    assert [m.name for m in members] == ["赖金花", "赖小明", "赖小红"]
    assert members[1].labour_capacity.value == "none" and members[2].labour_capacity.value == "partial"
    assert members[2].citizen_id is None and members[2].sex.value == "female"
    # the same file again changes nothing, a corrected one adds the fixed household
    before = audit_count(store)
    again = import_households(store, path)
    assert not again.changed and audit_count(store) == before
    rows[4][5] = make_id(27, "20000101")
    fixed = import_households(store, build_workbook(tmp_path / "fixed.xlsx", header, rows))
    assert fixed.counts["households"].added == 1 and fixed.counts["households"].unchanged == 1
    assert not fixed.refused


def test_reimport_changes_nothing_and_correction_updates_only_changed_fields(store, tmp_path):
    header = ["户主姓名", "身份证号", "街道", "村", "组", "联系电话", "家庭人口", "户类型"]
    rows = [["张三", make_id(1), "纺织城街道", "东村", "1组", "13800000001", 3, "建档立卡贫困户"],
            ["李四", make_id(2), "纺织城街道", "东村", "2组", "13800000002", 2, "建档立卡贫困户"]]
    path = build_workbook(tmp_path / "a.xlsx", header, rows)
    assert import_households(store, path).counts["households"].added == 2
    before = audit_count(store)
    report = import_households(store, path)
    assert report.counts["households"].unchanged == 2 and not report.changed
    assert audit_count(store) == before, "re-importing writes no audit entry at all"
    rows[0][5] = "13900000009"
    rows[1][7] = "已脱贫"
    corrected = build_workbook(tmp_path / "b.xlsx", header, rows)
    dry = import_households(store, corrected, dry_run=True)
    assert dry.counts["households"].updated == 2 and audit_count(store) == before
    report = import_households(store, corrected)
    assert report.counts["households"].updated == 2 and report.counts["status_changes"].added == 1
    with store.read() as session:
        entries = session.execute(sa.select(AuditEntry).where(AuditEntry.seq > before,
                                                              AuditEntry.action == "update",
                                                              AuditEntry.table_name == "households")).scalars().all()
        changes = [json.loads(e.data) for e in entries]
        phone_change = next(c for c in changes if "phone" in c["new"])
        bookkeeping = {"hlc", "updated_at", "updated_by"}
        assert set(phone_change["new"]) - bookkeeping == {"phone"}, "only the changed field is written"
        assert phone_change["old"]["phone"] == "13800000001" and phone_change["new"]["phone"] == "13900000009"
        li = session.execute(sa.select(Household).where(Household.head_name == "李四")).scalar_one()
        assert li.poverty_status is PovertyStatus.EXITED
        history = session.execute(sa.select(PovertyStatusChange.status)
                                  .where(PovertyStatusChange.household_id == li.id)).scalars().all()
        assert set(history) == {PovertyStatus.REGISTERED, PovertyStatus.EXITED}
    assert store.check() == []


def test_dry_run_writes_nothing(store, tmp_path):
    path = build_workbook(tmp_path / "a.xlsx", ["户主姓名", "身份证号", "街道"], [["张三", make_id(1), "纺织城"]])
    before = audit_count(store)
    report = import_households(store, path, dry_run=True)
    assert report.dry_run and report.counts["households"].added == 1
    assert household_count(store) == 0 and audit_count(store) == before


def test_field_node_refuses_other_streets_and_uses_its_own_by_default(store, tmp_path):
    header = ["户主姓名", "身份证号", "街道", "村"]
    rows = [["张三", make_id(1), "纺织城街道", "东村"], ["李四", make_id(2), "狄寨街道", "北村"]]
    report = import_households(store, build_workbook(tmp_path / "a.xlsx", header, rows))
    assert report.counts["households"].added == 1
    assert "本节点只管理纺织城街道" in report.refused[0].chinese()
    # no street column: the field node's own street
    report = import_households(store, build_workbook(tmp_path / "b.xlsx", ["户主姓名", "身份证号"],
                                                     [["王五", make_id(3)]]))
    assert report.counts["households"].added == 1


def test_duplicates_against_the_database(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    header = ["街道", "姓名", "与户主关系", "身份证号"]
    first = [["纺织城", "张三", "户主", make_id(1)], ["纺织城", "张小三", "之子", make_id(2, "20000101")]]
    import_households(store, build_workbook(tmp_path / "a.xlsx", header, first))
    # 张小三 turns up as the head of a new household: already registered elsewhere
    report = import_households(store, build_workbook(tmp_path / "b.xlsx", header,
                                                     [["纺织城", "张小三", "户主", make_id(2, "20000101")]]))
    assert report.counts["households"].added == 0
    assert "已登记在另一户" in report.refused[0].chinese()


def test_permission(make_node, tmp_path, node_dir):
    store = make_node(role="hub", street=None)[0]
    store.add_user("banker", "bank", "bank pass 12", kdf=FAST_KDF)
    banker = Store.open(node_dir, "banker", "bank pass 12")
    try:
        path = build_workbook(tmp_path / "a.xlsx", ["户主姓名", "身份证号", "街道"], [["张三", make_id(1), "纺织城"]])
        with pytest.raises(PermissionDenied):
            import_households(banker, path)
    finally:
        banker.engine.dispose()
