"""The field-records page, the start dialog and the household timeline widget."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox

from app.domain import records as rec
from app.models.enums import RecordKind
from app.ui.forms.timeline import DATE, KIND, ROW_ROLE, SUMMARY, VERSION, TimelineWidget
from app.ui.pages import PAGES
from app.ui.pages.records import RecordsPage, StartRecordDialog
from tests.records_data import TODAY, make_household, make_loan

VISIT = {"visited_on": dt.date(2024, 5, 1), "visit_type": "routine", "visitors": "张", "people_met": "王",
         "business_status": "normal", "business_seen": "", "family_changes": "", "income_estimate_fen": None,
         "willingness": "willing", "ability": "able", "used_as_declared": None, "findings": "正常", "follow_up": "",
         "next_visit_on": None, "household_confirmed": True}


def test_page_registered():
    assert [p.module for p in PAGES if p.key == "field_records"] == ["records"]


def test_page_lists_records_and_drafts(qtbot, store):
    household = make_household(store)
    done = rec.submit(store, RecordKind.VISIT, VISIT, household_id=household, today=TODAY)
    rec.amend(store, RecordKind.VISIT, done.record_id, dict(VISIT, findings="正常，已更正"), "更正", today=TODAY)
    rec.submit(store, RecordKind.ANOMALY, {"found_on": TODAY, "kind": "unreachable", "severity": "low",
                                           "description": "电话无人接听", "measures": "", "assigned_to": ""},
               household_id=household, today=TODAY)
    rec.save_draft(store, RecordKind.VISIT, {"fields": {"findings": "半截"}}, household_id=household)
    page = RecordsPage(store)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 2
    assert page.drafts.count() == 1 and "王建国" in page.drafts.item(0).text()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("visit"))
    assert page.model.rowCount() == 1
    assert page.model.index(0, VERSION).data() == "v2 (amended)"
    page.kind_filter.setCurrentIndex(0)
    page.open_only.setChecked(True)
    assert [page.model.data(page.model.index(r, 0), ROW_ROLE).kind for r in range(page.model.rowCount())] == [
        "anomaly"]
    page._open_draft(page.drafts.item(0))
    form = page.windows[-1].form
    assert form.fields["findings"].value() == "半截"


def test_start_dialog_finds_household_and_requires_a_loan(qtbot, store):
    household = make_household(store)
    make_household(store, head="赵四", citizen_id="610111197001010011")
    dialog = StartRecordDialog(store, RecordKind.USE_CHECK)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.search.setText("wjg")
    assert dialog.households.count() == 1 and dialog.household_id() == household
    assert not ok.isEnabled(), "a use check needs a loan and this household has none"
    loan = make_loan(store, household)
    dialog.search.setText("王")
    assert dialog.loan_id() == loan and ok.isEnabled()


def test_timeline_widget(qtbot, store):
    household = make_household(store)
    make_loan(store, household)
    done = rec.submit(store, RecordKind.VISIT, VISIT, household_id=household, today=TODAY)
    widget = TimelineWidget(store, household)
    qtbot.addWidget(widget)
    model = widget.model
    assert [model.index(r, KIND).data() for r in range(model.rowCount())] == [
        "Loan disbursed", "Visit record", "Loan matures"]
    assert model.index(1, DATE).data() == "2024-05-01" and "正常" in model.index(1, SUMMARY).data()
    with qtbot.waitSignal(widget.record_activated) as blocker:
        widget.view.doubleClicked.emit(model.index(1, 0))
    assert blocker.args == ["visit", done.record_id]


def test_a_record_opens_by_id_prefix_or_the_code_on_the_paper(qtbot, store, tmp_path):
    from app.reports.pdf.forms import print_records

    household = make_household(store)
    done = rec.submit(store, RecordKind.VISIT, VISIT, household_id=household, today=TODAY)
    code = print_records(store, RecordKind.VISIT, [done.record_id], tmp_path / "v.pdf").codes[0]
    page = RecordsPage(store)
    qtbot.addWidget(page)
    page.show()
    for typed in (str(done.record_id)[:8], code.lower()):
        qtbot.keyClicks(page.find_box, typed)
        window = page.open_reference()
        assert window is not None and window.form.record.id == done.record_id
        assert page.find_box.text() == "" and page.find_message.text() == ""
        window.close()
    qtbot.keyClicks(page.find_box, "1234")
    assert page.open_reference() is None
    assert page.find_message.isVisible() and "at least 8 characters" in page.find_message.text()
    page.find_box.clear()
    qtbot.keyClicks(page.find_box, "ffffffff")
    assert page.open_reference() is None and "No field record matches ffffffff" in page.find_message.text()
