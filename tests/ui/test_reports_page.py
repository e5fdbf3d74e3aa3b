"""The Reports page: choose records → preview inside Fieldbook (QtPdf), save, the follow-up list, verify."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QDate, QItemSelectionModel, Qt

from app.domain import records as rec
from app.models.enums import RecordKind
from app.ui.pages.reports import ReportsPage
from tests.records_data import TODAY, make_household, make_loan
from tests.unit.test_records import visit_values


def _page(qtbot, store):
    household = make_household(store)
    loan = make_loan(store, household)
    ids = [rec.submit(store, RecordKind.VISIT, visit_values(visited_on=TODAY - dt.timedelta(days=i)),
                      household_id=household, loan_id=loan, today=TODAY).record_id for i in range(3)]
    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.date_from.setDate(QDate(2025, 1, 1))
    page.date_to.setDate(QDate(2025, 12, 31))
    qtbot.mouseClick(page.findChild(type(page.preview_button), "printRefresh"), Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 3
    return page, ids


def test_preview_one_record_within_a_second(qtbot, store):
    page, _ = _page(qtbot, store)
    page.table.selectRow(0)
    started = time.perf_counter()
    with qtbot.waitSignal(page.previewed, timeout=5000) as blocker:
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    elapsed = time.perf_counter() - started
    assert blocker.args == [1]
    assert elapsed < 1.0, elapsed
    assert page.preview.page_count() == 1
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    assert page.result is not None and page.result.records == 1


def test_batch_preview_save_and_verify(qtbot, store, tmp_path):
    page, _ = _page(qtbot, store)
    selection = page.table.selectionModel()
    for row in range(3):
        selection.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    with qtbot.waitSignal(page.previewed, timeout=10000) as blocker:
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]
    code = page.result.codes[0]

    out = tmp_path / "batch.pdf"
    page.save_to(out)
    qtbot.waitUntil(out.exists, timeout=10000)

    page.code.setText(code)
    qtbot.mouseClick(page.findChild(type(page.preview_button), "verifyButton"), Qt.MouseButton.LeftButton)
    assert "ok" in page.verify_result.text()
    page.code.setText("nonsense")
    page.verify_code()
    assert "characters" in page.verify_result.text()


def test_follow_up_preview(qtbot, store):
    page, _ = _page(qtbot, store)
    page.follow_from.setDate(QDate(2026, 1, 1))
    page.follow_to.setDate(QDate(2026, 12, 31))
    with qtbot.waitSignal(page.previewed, timeout=5000):
        qtbot.mouseClick(page.findChild(type(page.preview_button), "followPreview"), Qt.MouseButton.LeftButton)
    assert page.preview.page_count() == 1
    assert not page.save_button.isEnabled()
