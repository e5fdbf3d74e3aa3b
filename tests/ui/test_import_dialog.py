"""The import dialog: dry-run preview (counts, refused rows with reasons), commit, error workbook, unreadable files,
cancel, permissions; opened from the Households and Loans pages."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QFileDialog

from app.models import Household, Loan
from app.ui import operations
from app.ui.import_dialog import ImportDialog
from app.ui.pages.households import HouseholdsPage
from app.ui.pages.loans import LoansPage
from app.ui.registry_models import H_NAME, L_CONTRACT
from tests.ui.test_households_page import login_as, texts
from tests.unit.test_import_workbooks import build_workbook, household_count, make_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "office"
HEADER = ["序号", "街道", "村", "组", "户主姓名", "身份证号", "联系电话", "贫困户属性"]


def roster(tmp_path, name="花名册.xlsx"):
    wrong_check = make_id(3)[:-1] + ("1" if make_id(3)[-1] != "1" else "2")
    rows = [[1, "纺织城", "东村", "1组", "张三", make_id(1), "13800000001", "建档立卡"],
            [2, "纺织城", "东村", "2组", "李四", make_id(2), "13800000002", "已脱贫"],
            [3, "纺织城", "西村", "1组", "王五", wrong_check, "", "建档立卡"],
            [4, "纺织城", "西村", "1组", "赵六", make_id(4), "12345", "建档立卡"]]
    return build_workbook(tmp_path / name, HEADER, rows, title="纺织城街道建档立卡贫困户花名册")


def table_rows(table):
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_preview_then_import_from_the_households_page(qtbot, make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    page = HouseholdsPage(store)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.empty
    dialog = page.open_import()
    assert isinstance(dialog, ImportDialog) and not dialog.import_button.isEnabled()
    assert "Choose a file first" in dialog.import_button.toolTip()

    dialog.open_file(roster(tmp_path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert household_count(store) == 0, "a preview writes nothing"
    counts = table_rows(dialog.counts)
    assert counts[0] == ["Households", "2", "0", "0", "2"]
    refused = table_rows(dialog.refused)
    assert [r[0] for r in refused] == ["5", "6"]  # title row, header, then rows 3.. in the file
    assert "check character" in refused[0][1] and "phone" in refused[1][1].lower()
    assert "press Import" in dialog.status.text()
    assert dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert dialog.report is not None and not dialog.report.dry_run
    assert "Imported 花名册.xlsx." in dialog.status.text()
    assert not dialog.import_button.isEnabled() and dialog.import_button.toolTip() == "This file has been imported."
    with store.read() as session:
        assert set(session.execute(sa.select(Household.head_name)).scalars()) == {"张三", "李四"}
    # the page heard about it and lists the new households
    assert page.stack.currentWidget() is page.table and texts(page.model, H_NAME) == ["李四", "张三"]


def test_error_workbook(qtbot, make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    dialog = ImportDialog(store, "households")
    qtbot.addWidget(dialog)
    dialog.open_file(roster(tmp_path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    out = tmp_path / "errors.xlsx"
    dialog.save_errors(out)
    qtbot.waitUntil(lambda: dialog.errors_path is not None, timeout=10_000)
    assert out.exists() and "Saved 2 refused rows" in dialog.status.text()
    sheet = openpyxl.load_workbook(out).active
    values = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "王五" in values and "赵六" in values and "张三" not in values
    assert household_count(store) == 0


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_old_excel_and_libreoffice_files(qtbot, make_node, monkeypatch, suffix):
    """The file dialog offers .xls and .ods, and the preview says how the file was read: which of two ID
    columns was used, the hidden row not read, the row imported without its unreadable date."""
    store = make_node(role="hub", street=None)[0]
    dialog = ImportDialog(store, "households")
    qtbot.addWidget(dialog)
    dialog.show()
    offered = {}

    def choose(_parent, _title, _folder, filters):
        offered["filters"] = filters
        return str(FIXTURES / f"roster.{suffix}"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    dialog.choose_button.click()
    assert "*.xlsx *.xlsm *.xls *.ods" in offered["filters"]
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    notes = dialog.reading_notes.text()
    assert dialog.reading_notes.isVisible()
    assert "Column F “身份证号” is read for 身份证号; column E “身份证号码” (hidden) is not." in notes
    assert "1 hidden rows were not read (rows 5)" in notes and "Row 8 is imported without" in notes
    assert table_rows(dialog.counts)[0] == ["Households", "3", "0", "0", "3"]
    assert [r[0] for r in table_rows(dialog.refused)] == ["6", "7", "9"]


def test_unreadable_file_gets_one_clear_message(qtbot, make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    dialog = ImportDialog(store, "households")
    qtbot.addWidget(dialog)
    bad = tmp_path / "花名册.xlsx"
    bad.write_text("序号,户主姓名,身份证号\n1,张三,610111198001010011\n", encoding="utf-8")
    dialog.open_file(bad)
    qtbot.waitUntil(lambda: dialog.operation is None, timeout=10_000)
    assert dialog.preview is None and "CSV" in dialog.status.text()
    assert not dialog.import_button.isEnabled() and not dialog.results.isVisible()


def test_cancelled_preview(qtbot, make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    dialog = ImportDialog(store, "households")
    qtbot.addWidget(dialog)
    dialog.show()
    release = threading.Event()
    operations.run_in_background(None, lambda token: release.wait(10))
    dialog.open_file(roster(tmp_path))
    assert dialog.cancel_button.isVisible() and not dialog.choose_button.isEnabled()
    dialog.cancel()
    release.set()
    qtbot.waitUntil(lambda: dialog.operation is None, timeout=10_000)
    assert dialog.status.text() == "Cancelled; nothing was written."
    assert dialog.preview is None and dialog.choose_button.isEnabled() and not dialog.cancel_button.isVisible()


def test_permissions(qtbot, make_node, node_dir):
    store = make_node(role="hub", street=None)[0]
    banker = login_as(store, node_dir, "banker", "bank")
    dialog = ImportDialog(banker, "households")
    qtbot.addWidget(dialog)
    assert not dialog.choose_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.import_button.toolTip() == "Your role may not import the household roster."
    page = HouseholdsPage(banker)
    qtbot.addWidget(page)
    assert not page.import_button.isEnabled() and not page.empty.button.isEnabled()
    assert page.import_button.toolTip() == "Your role may not import the household roster."
    district = login_as(store, node_dir, "district", "district")
    loans = ImportDialog(district, "loans")
    qtbot.addWidget(loans)
    assert not loans.choose_button.isEnabled() and "bank officer" in loans.import_button.toolTip()


def test_loan_list_import_from_the_loans_page(qtbot, make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    from app.reports.import_households import import_households

    import_households(store, roster(tmp_path))
    page = LoansPage(store)
    qtbot.addWidget(page)
    assert page.stack.currentWidget() is page.empty
    dialog = page.open_import()
    assert dialog.windowTitle() == "Import loan list"
    header = ["经办银行", "合同编号", "借款人", "身份证号", "贷款金额", "放款日期", "到期日期", "余额", "状态"]
    rows = [["灞桥农商银行", "HT-1", "张三", make_id(1), 50000, "2024-01-01", "2026-12-20", 50000, "正常"],
            ["灞桥农商银行", "HT-2", "路人甲", make_id(300, "19700101"), 50000, "2024-01-01", "2026-12-20", 50000,
             "正常"]]
    dialog.open_file(build_workbook(tmp_path / "贷款.xlsx", header, rows))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    counts = {r[0]: r[1:] for r in table_rows(dialog.counts)}
    assert counts["Loans"] == ["1", "0", "0", "1"]
    assert table_rows(dialog.refused)[0][0] == "3"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.commit()
    with store.read() as session:
        assert list(session.execute(sa.select(Loan.contract_no)).scalars()) == ["HT-1"]
    assert texts(page.model, L_CONTRACT) == ["HT-1"] and page.bank.count() == 2
