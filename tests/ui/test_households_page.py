"""The Households page: its table model without a view, filtering as the user types, the detail window, editing
with validation as the user types (saved, audited, one row updated), the empty state, scope, roster export."""

from __future__ import annotations

import json
import threading

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from app.db.store import Store
from app.domain.registry import HouseholdQuery
from app.models import AuditEntry, Household, Member
from app.ui import operations
from app.ui.household_detail import HouseholdDetailDialog
from app.ui.pages import PAGES
from app.ui.pages.households import HouseholdsPage
from app.ui.registry_models import H_CITIZEN_ID, H_NAME, H_PHONE, H_STATUS, H_VILLAGE, HouseholdTableModel
from tests.conftest import FAST_KDF
from tests.unit.test_import_workbooks import make_id
from tests.unit.test_registry import AS_OF, fill

OTHER_PASSWORD = "another horse"


@pytest.fixture
def hub(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    fill(store, tmp_path)
    return store


def login_as(store: Store, node_dir, username: str, role: str) -> Store:
    store.add_user(username, role, OTHER_PASSWORD, kdf=FAST_KDF)
    other = Store.open(node_dir, username, OTHER_PASSWORD)
    return other


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def audit_count(store) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()


def test_page_registered():
    assert [p.module for p in PAGES if p.key == "households"] == ["households"]


# -- the model, without a view ---------------------------------------------------------------------------------
def test_household_model_without_view(hub, node_dir, qapp):
    model = HouseholdTableModel(hub)
    model.set_query(HouseholdQuery())
    assert model.rowCount() == 4 and model.total == 4 and model.columnCount() == 9
    assert texts(model, H_NAME) == ["李四", "张三", "张三丰", "赵五"]  # pinyin order: ls, zs, zsf, zw
    assert model.headerData(H_NAME, Qt.Orientation.Horizontal) == "Head of household"
    assert texts(model, H_VILLAGE)[:2] == ["西村", "东村"]
    assert texts(model, H_STATUS)[0] == "Registered poor household"
    ids = texts(model, H_CITIZEN_ID)
    assert ids[1] == make_id(1)[:4] + "*" * 10 + make_id(1)[-4:]
    model.set_full_ids(True)  # the administrator may see full numbers
    assert texts(model, H_CITIZEN_ID)[1] == make_id(1)

    cadre = HouseholdTableModel(login_as(hub, node_dir, "cadre", "field"))
    cadre.set_query(HouseholdQuery())
    cadre.set_full_ids(True)  # a field cadre may not: the IDs stay masked
    assert all("*" in text for text in texts(cadre, H_CITIZEN_ID))

    model.set_query(HouseholdQuery(text="zs"))
    assert texts(model, H_NAME) == ["张三", "张三丰"]
    model.sort(H_NAME, Qt.SortOrder.DescendingOrder)
    assert texts(model, H_NAME) == ["张三丰", "张三"] and model.query.text == "zs"
    model.sort(H_CITIZEN_ID, Qt.SortOrder.AscendingOrder)  # no SQL sort for IDs: nothing changes
    assert texts(model, H_NAME) == ["张三丰", "张三"]


def test_household_model_pages_in_sql(hub, qapp):
    model = HouseholdTableModel(hub, page_size=3)
    model.set_query(HouseholdQuery())
    assert model.rowCount() == 3 and model.total == 4 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 4 and not model.canFetchMore()
    assert texts(model, H_NAME) == ["李四", "张三", "张三丰", "赵五"]


# -- the page ----------------------------------------------------------------------------------------------------
def test_typing_zs_finds_zhang_san_and_opens_his_household(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 4 and page.count_label.text() == "4 households"
    assert page.stack.currentWidget() is page.table
    qtbot.keyClicks(page.filter, "zs")
    assert page.model.rowCount() == 4, "the filter waits for the typing to pause"
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)
    assert texts(page.model, H_NAME) == ["张三", "张三丰"] and page.count_label.text() == "2 households"

    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    detail = page.windows[-1]
    assert isinstance(detail, HouseholdDetailDialog) and detail.isVisible()
    assert detail.heading.text() == "张三"
    members = [[detail.members.item(r, c).text() for c in range(detail.members.columnCount())]
               for r in range(detail.members.rowCount())]
    assert members[0][0] == "张三" and members[0][1] == "户主" and "*" in members[0][2]
    assert members[0][3] == "Male" and members[0][4] == "1980-01-01"
    loans = [[detail.loans.item(r, c).text() for c in range(detail.loans.columnCount())]
             for r in range(detail.loans.rowCount())]
    assert len(loans) == 1 and loans[0][0] == "L1" and loans[0][3] == "50,000.00"
    assert loans[0][7] == "in 23 days"  # matures 2026-12-20, seen on 2026-11-27
    assert detail.history.rowCount() >= 1

    page.filter.setText("东村")
    page.apply_filter()
    assert texts(page.model, H_NAME) == ["张三", "张三丰"]
    page.filter.setText("nobody")
    page.apply_filter()
    assert page.model.rowCount() == 0 and page.count_label.text() == "No household matches the filter."
    assert page.stack.currentWidget() is page.table


def test_filter_combos(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    assert page.village.count() == 1 and not page.village.isEnabled()
    page.street.setCurrentIndex(page.street.findData("610111001"))
    assert page.model.total == 3 and page.village.isEnabled()
    page.village.setCurrentIndex(page.village.findText("西村"))
    assert texts(page.model, H_NAME) == ["李四"]
    page.village.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("exited_poverty"))
    assert texts(page.model, H_NAME) == ["张三丰"]


def open_edit(qtbot, page, name="张三"):
    page.filter.setText(name)
    page.apply_filter()
    detail = page.open_detail(page.model.index(0, 0))
    edit = detail.edit()
    assert edit is not None and edit.isVisible()
    return detail, edit


def test_bad_phone_shows_the_message_and_saves_nothing(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    page.show()
    _detail, edit = open_edit(qtbot, page)
    before = audit_count(hub)
    edit.fields["phone"].clear()
    qtbot.keyClicks(edit.fields["phone"], "12345")
    assert edit.messages["phone"].has_message()
    assert "mobile number of 11 digits" in edit.messages["phone"].text()
    assert not edit.save_button.isEnabled()
    edit.fields["head_name"].clear()
    assert edit.messages["head_name"].text() == "The head of household needs a name."
    edit.fields["head_citizen_id"].setText(make_id(1)[:-1] + ("0" if make_id(1)[-1] != "0" else "1"))
    assert "check character" in edit.messages["head_citizen_id"].text()
    edit.save()  # even if asked: nothing is written
    operations.wait_for_all()
    qtbot.wait(10)
    assert audit_count(hub) == before
    with hub.read() as session:
        household = session.execute(sa.select(Household).where(Household.head_citizen_id == make_id(1))).scalar_one()
        assert household.phone == "13800000001" and household.head_name == "张三"


def test_good_edit_lands_in_the_database_and_the_audit_log(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    page.show()
    page.filter.setText("")
    page.apply_filter()
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    row = page.model.row_of(page.model.rows[1].id)
    assert page.model.index(row, H_NAME).data() == "张三"
    detail = page.open_detail(page.model.index(row, 0))
    edit = detail.edit()
    edit.fields["phone"].clear()
    qtbot.keyClicks(edit.fields["phone"], "137 1111 2222")
    edit.fields["address"].setText("纺织城街道东村1组8号")
    assert not edit.messages["phone"].has_message() and edit.save_button.isEnabled()
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=5000)
    assert page.model.index(row, H_PHONE).data() == "13711112222"
    assert resets == [], "a save updates its row, not the whole list"
    assert detail.fact_labels["phone"].text() == "13711112222"
    with hub.read() as session:
        household = session.execute(sa.select(Household).where(Household.head_citizen_id == make_id(1))).scalar_one()
        assert household.phone == "13711112222" and household.address == "纺织城街道东村1组8号"
        entry = session.execute(sa.select(AuditEntry).where(AuditEntry.table_name == "households",
                                                            AuditEntry.record_id == str(household.id),
                                                            AuditEntry.action == "update")).scalar_one()
        data = json.loads(entry.data)
        assert entry.actor == "admin"
        assert data["old"]["phone"] == "13800000001" and data["new"]["phone"] == "13711112222"
    assert hub.check() == []


def test_renaming_the_head_updates_initials_and_the_head_member(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    _detail, edit = open_edit(qtbot, page, "李四")
    edit.fields["head_name"].setText("李思")
    edit.save()
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=5000)
    with hub.read() as session:
        household = session.execute(sa.select(Household).where(Household.head_name == "李思")).scalar_one()
        assert household.head_initials == "ls"
        head = session.execute(sa.select(Member).where(Member.household_id == household.id,
                                                       Member.is_head.is_(True))).scalar_one()
        assert head.name == "李思"


def test_cadre_edits_without_seeing_the_full_id(qtbot, hub, node_dir):
    cadre = login_as(hub, node_dir, "cadre", "field")
    page = HouseholdsPage(cadre, as_of=AS_OF)
    qtbot.addWidget(page)
    detail, edit = open_edit(qtbot, page, "张三")
    assert make_id(1) not in detail.fact_labels["citizen_id"].text()
    id_field = edit.fields["head_citizen_id"]
    assert id_field.text() == "" and make_id(1)[-4:] in id_field.placeholderText()
    assert make_id(1) not in id_field.placeholderText()
    edit.fields["phone"].setText("029-83512345")
    assert edit.save_button.isEnabled()
    edit.save()
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=5000)
    with hub.read() as session:
        household = session.execute(sa.select(Household).where(Household.head_name == "张三")).scalar_one()
        assert household.phone == "029-83512345" and household.head_citizen_id == make_id(1)


def test_duplicate_citizen_id_is_refused_with_a_message(qtbot, hub):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    _detail, edit = open_edit(qtbot, page, "李四")
    edit.fields["head_citizen_id"].setText(make_id(1))  # 张三's
    before = audit_count(hub)
    edit.save()
    qtbot.waitUntil(lambda: edit.error.has_message(), timeout=5000)
    assert "Another household already has" in edit.error.text() and edit.isVisible()
    assert audit_count(hub) == before


def test_empty_register_says_what_to_do(qtbot, make_node):
    store = make_node(role="hub", street=None)[0]
    page = HouseholdsPage(store)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.empty
    text = page.empty.findChild(type(page.count_label), "emptyStateText").text()
    assert text == "No households yet: import the roster (建档立卡花名册) from Excel."
    assert page.empty.button.isEnabled() and page.empty.button.text() == "Import roster…"
    page.empty.button.click()
    assert page.windows[-1].windowTitle() == "Import household roster"


def test_field_node_sees_only_its_street(qtbot, make_node, node_dir, tmp_path):
    store = make_node(role="field", street="610111001")[0]
    fill_field_node(store, tmp_path)
    cadre = login_as(store, node_dir, "cadre", "field")
    page = HouseholdsPage(cadre, as_of=AS_OF)
    qtbot.addWidget(page)
    assert page.street.count() == 1 and not page.street.isEnabled() and page.street.currentData() == "610111001"
    assert page.model.total == 3 and "赵五" not in texts(page.model, H_NAME)
    assert not page.show_full_ids.isVisibleTo(page)
    assert not page.export_button.isEnabled() and "may not export" in page.export_button.toolTip()
    assert page.import_button.isEnabled()  # a cadre may import (and correct) the roster of the street


def fill_field_node(store, tmp_path):
    from app.reports.import_households import import_households
    from tests.unit.test_import_workbooks import build_workbook

    header = ["街道", "村", "组", "户主姓名", "身份证号", "联系电话", "贫困户属性"]
    rows = [["纺织城", "东村", "1组", "张三", make_id(1), "13800000001", "建档立卡"],
            ["纺织城", "东村", "1组", "张三丰", make_id(2), "13900000002", "已脱贫"],
            ["纺织城", "西村", "2组", "李四", make_id(3, "19851231"), "13800000003", "建档立卡"]]
    import_households(store, build_workbook(tmp_path / "r.xlsx", header, rows))


# -- export ----------------------------------------------------------------------------------------------------------
def test_export_roster_writes_a_workbook(qtbot, hub, tmp_path):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    dialog = page.open_export()
    assert dialog.full_ids.isVisibleTo(dialog)  # the administrator may export full IDs
    out = tmp_path / "roster.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert dialog.outcome.rows == 4 and out.exists()
    sheet = openpyxl.load_workbook(out).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "张三" in values and not any(make_id(1) == v for v in values), "IDs are masked unless asked"
    assert "Exported 4 rows" in dialog.status.text()


def test_cancelled_export_leaves_no_file(qtbot, hub, tmp_path):
    page = HouseholdsPage(hub, as_of=AS_OF)
    qtbot.addWidget(page)
    dialog = page.open_export()
    out = tmp_path / "exports" / "roster.xlsx"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    release = threading.Event()
    operations.run_in_background(None, lambda token: release.wait(10))  # the worker is busy: the export waits
    dialog.start()
    assert dialog.cancel_button.isVisible()
    dialog.cancel()
    release.set()
    qtbot.waitUntil(lambda: dialog.cancelled, timeout=10_000)
    assert dialog.status.text() == "Export cancelled; no file was written."
    assert list(out.parent.iterdir()) == []
