"""A cadre's day on a netbook (issue 21): windows that fit 1024×600, forms that do not jump, dates taken as typed,
no silent guesses, the selected record printed, no dead ends."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QScrollArea

from app.domain import records as rec
from app.models.enums import RecordKind, RepaymentAbility, Willingness
from app.reports.pdf.forms import print_records
from app.ui import window_sizes
from app.ui.forms import RecordWindow, create_form
from app.ui.household_detail import HouseholdDetailDialog
from app.ui.loan_detail import LoanDetailDialog
from app.ui.operations import wait_for_all
from app.ui.pages.reports import ReportsPage
from app.ui.pages.warnings import ROW_ROLE, WarningsPage
from app.ui.partials.date_entry import DateEdit
from app.ui.partials.loan_picker import LoanPickerDialog
from tests.records_data import TODAY, make_household, make_loan
from tests.ui.conftest import visible_windows
from tests.ui.test_risk_pages import loans, people  # noqa: F401  (fixtures)
from tests.unit.test_records import visit_values

#: a 1024×600 netbook less a 40-pixel taskbar
NETBOOK = QRect(0, 0, 1024, 560)


@pytest.fixture
def netbook(monkeypatch, qapp):
    """Windows fitted as on a 1024×600 netbook (the offscreen screen is larger), sizes remembered in memory."""
    monkeypatch.setattr(window_sizes, "available_area", lambda window=None: QRect(NETBOOK))
    window_sizes.set_state_file(None)
    window_sizes.install(qapp)
    yield NETBOOK
    window_sizes.uninstall(qapp)
    window_sizes.set_state_file(None)


def _inside(widget, area: QRect) -> bool:
    """``widget`` is shown whole within ``area`` (screen coordinates)."""
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return widget.isVisible() and area.contains(QRect(top_left, widget.size()))


# -- item 3: windows fit the screen ------------------------------------------------------------------------------
def test_a_form_opens_within_a_netbook_screen_with_submit_visible(qtbot, store, netbook):
    household = make_household(store)
    make_loan(store, household)
    form = create_form(store, RecordKind.VISIT, household_id=household, today=TODAY)
    window = RecordWindow(form)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= netbook.width() and window.height() <= netbook.height()  # not 1280×720
    assert _inside(window, netbook)
    assert _inside(form.submit_button, window.geometry())


def test_main_window_opens_maximised_and_remembers_it(qtbot, netbook):
    first = QMainWindow()
    first.setObjectName("mainWindowTest")
    qtbot.addWidget(first)
    window_sizes.show_main(first)
    assert first.isMaximized()
    first.showNormal()
    first.resize(900, 500)
    first.hide()  # remembered: not maximised, 900×500
    second = QMainWindow()
    second.setObjectName("mainWindowTest")
    qtbot.addWidget(second)
    window_sizes.show_main(second)
    assert not second.isMaximized() and second.size() == QSize(900, 500)
    second.showMaximized()
    second.hide()
    third = QMainWindow()
    third.setObjectName("mainWindowTest")
    qtbot.addWidget(third)
    window_sizes.show_main(third)
    assert third.isMaximized()


def test_the_household_window_keeps_its_close_button_on_a_netbook(qtbot, store, netbook):
    household = make_household(store)
    dialog = HouseholdDetailDialog(store, household, as_of=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= netbook.height() and _inside(dialog, netbook)


# -- item 4: forms do not jump ----------------------------------------------------------------------------------
def test_fields_stay_put_when_a_message_appears(qtbot, store, netbook):
    household = make_household(store)
    make_loan(store, household)
    form = create_form(store, RecordKind.VISIT, household_id=household, today=TODAY)
    window = RecordWindow(form)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    income = form.fields["income_estimate_fen"]
    below = form.fields["willingness"].widget  # a field in the other column
    size, where = window.size(), below.mapTo(window, QPoint(0, 0))
    income.widget.setFocus()
    qtbot.keyClicks(income.widget, "12,0x")
    QApplication.processEvents()
    assert income.message.text()  # the message is shown...
    assert window.size() == size and below.mapTo(window, QPoint(0, 0)) == where  # ...and nothing moved
    income.widget.clear()
    qtbot.keyClicks(income.widget, "30000")
    QApplication.processEvents()
    assert not income.message.text() and below.mapTo(window, QPoint(0, 0)) == where


def test_text_fields_count_towards_their_limit(qtbot, store):
    household = make_household(store)
    form = create_form(store, RecordKind.VISIT, household_id=household, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    note = form.fields["business_seen"]
    assert note.max_length is not None and not note.counter.isVisible()
    note.edit.setFocus()
    qtbot.keyClicks(note.edit, "cattle")
    assert note.counter.isVisible() and note.counter.text() == f"6/{note.max_length:,}"
    line = form.fields["visitors"]  # a one-line field counts once it is half full
    assert line.max_length is not None and not line.counter.isVisible()
    line.set_value("x" * (line.max_length // 2))
    assert line.counter.isVisible()


# -- item 5: dates a cadre can trust ----------------------------------------------------------------------------
def test_dates_are_taken_as_typed_or_refused(qtbot):
    edit = DateEdit(dt.date(2025, 6, 10), "due")
    qtbot.addWidget(edit)
    edit.show()
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, "2027-03-01")  # a future date stays that date (QDateEdit made it last year's)
    assert edit.day() == dt.date(2027, 3, 1) and edit.message.text() == ""
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, "2025-02-30")
    assert "not a day of the calendar" in edit.message.text()
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, "2025/6/1")
    qtbot.keyClick(edit.line, Qt.Key.Key_Return)
    assert edit.day() == dt.date(2025, 6, 1) and edit.text() == "2025-06-01"
    edit.setMaximumDate(QDate(2025, 6, 10))
    edit.setText("2025-07-01")
    assert "after 2025-06-10" in edit.message.text()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform has no popups to raise
def test_an_empty_date_opens_the_calendar_on_today_not_2000(qtbot):
    edit = DateEdit(None, "next", optional=True)
    qtbot.addWidget(edit)
    edit.show()
    popup = edit.open_calendar()
    assert popup is not None
    today = dt.date.today()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (today.year, today.month)
    popup.hide()
    edit.calendar_default = dt.date(2025, 9, 10)
    edit.open_calendar()
    assert popup.calendar.selectedDate() == QDate(2025, 9, 10)


# -- item 6: no silent guesses ----------------------------------------------------------------------------------
def test_two_loans_ask_which_one(qtbot, store):
    household = make_household(store)
    make_loan(store, household)
    make_loan(store, household, contract="BQ-2024-0002", disbursed=dt.date(2024, 3, 1))
    dialog = HouseholdDetailDialog(store, household, as_of=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start_record(RecordKind.VISIT) is None  # no form yet: the cadre is asked
    picker = dialog.loan_picker
    assert isinstance(picker, LoanPickerDialog) and picker.isVisible()
    assert picker.list.count() == 3  # two loans and "no particular loan"
    assert not picker.ok.isEnabled() and picker.why.isVisible()
    picker.list.setCurrentRow(1)
    picker.ok.click()
    [window] = visible_windows(RecordWindow)
    assert window.form.ctx.loan is not None and window.form.ctx.loan.contract_no == picker.list.item(1).text()[:12]


def test_a_loan_in_trouble_leaves_the_judgement_to_the_cadre(qtbot, store):
    household = make_household(store)
    overdue = make_loan(store, household, disbursed=dt.date(2023, 9, 1), months=12, matures=dt.date(2024, 9, 1))
    form = create_form(store, RecordKind.VISIT, household_id=household, loan_id=overdue, today=TODAY)
    qtbot.addWidget(form)
    for name in ("willingness", "ability", "business_status"):
        assert form.fields[name].value() is None, name
    other = make_household(store, head="李四", citizen_id="11010519491231002X")
    fine = make_loan(store, other, contract="BQ-3")  # matures 2025-07-10, nothing overdue
    form = create_form(store, RecordKind.VISIT, household_id=other, loan_id=fine, today=TODAY)
    qtbot.addWidget(form)
    assert form.fields["willingness"].value() is Willingness.WILLING
    assert form.fields["ability"].value() is RepaymentAbility.ABLE


# -- item 2: the selected record is printed ---------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_save_writes_the_selected_record_not_the_last_previewed(qtbot, store, tmp_path):
    first, second = make_household(store), make_household(store, head="李四", citizen_id="11010519491231002X")
    ids = {}
    for household, day in ((first, TODAY), (second, TODAY - dt.timedelta(days=1))):
        loan = make_loan(store, household, contract=f"BQ-{household.hex[:6]}")
        ids[household] = rec.submit(store, RecordKind.VISIT, visit_values(visited_on=day), household_id=household,
                                    loan_id=loan, today=TODAY).record_id
    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    page.date_from.setDate(QDate(2025, 1, 1))
    page.date_to.setDate(QDate(2025, 12, 31))
    page.refresh()
    assert page.model.rowCount() == 2
    rows = {page.model.data(page.model.index(i, 0), ROW_ROLE).record_id: i for i in range(2)}

    def select(record_id):
        page.table.selectionModel().select(page.model.index(rows[record_id], 0),
                                           QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)

    select(ids[first])
    select(ids[second])
    with qtbot.waitSignal(page.previewed, timeout=10_000):
        page.preview_selected()  # the second household's visit is previewed...
    select(ids[first])  # ...then the first is selected again and saved
    out = tmp_path / "chosen.pdf"
    page.save_to(out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    wait_for_all()
    wanted = print_records(store, RecordKind.VISIT, [ids[first]], audit=False).codes[0]
    other = print_records(store, RecordKind.VISIT, [ids[second]], audit=False).codes[0]
    text = _pdf_text(out).replace(" ", "")
    assert wanted in text and other not in text
    assert page.save_button.isEnabled()
    page.table.clearSelection()
    assert not page.save_button.isEnabled() and page.actions_why.text()  # greyed out, and it says why


# -- item 7: no dead ends ---------------------------------------------------------------------------------------
def test_a_cadre_sees_why_disposal_buttons_are_grey_and_double_click_opens_the_loan(qtbot, store, loans,  # noqa: F811
                                                                                      people):  # noqa: F811
    page = WarningsPage(people["cadre"], today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    wait_for_all()
    page.tabs.setCurrentWidget(page.disposal_hint.parentWidget())  # the Disposals tab
    assert not page.approve_button.isEnabled() and not page.execute_button.isEnabled()
    assert "may propose disposals but not approve" in page.disposal_hint.text()
    assert page.disposal_hint.isVisibleTo(page)
    assert page.model.rowCount() > 0
    page.table.doubleClicked.emit(page.model.index(0, 1))
    assert visible_windows(LoanDetailDialog)


def test_every_ledger_is_known_to_the_export_buttons_whichever_page_opens_first():
    """The fund page, opened before the enterprises page, crashed with KeyError: 'fund' (a fresh interpreter)."""
    import sys

    code = "import app.ui.ledger_export as e; print(sorted(e.LEDGERS))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    assert all(f"'{key}'" in out for key in ("fund", "subsidies", "outreach", "visits"))


def test_a_greyed_out_write_button_says_why_beside_it(qtbot, make_node, tmp_path):
    from app.ui.exchange.page import ExchangePage

    hub = make_node(role="hub", folder=tmp_path / "hub", name="银行枢纽")[0]
    page = ExchangePage(hub)
    qtbot.addWidget(page)
    page.resize(834, 520)  # the page's share of a 1024×600 screen
    page.show()
    page.stick.refresh_drives([])  # no stick plugged in
    qtbot.waitUntil(lambda: not page.busy and not page.loading, timeout=15_000)
    bar = page.transfer
    assert not bar.write_button.isEnabled()
    assert bar.why.isVisible() and "USB stick" in bar.why.text()  # on the page, not only in a tooltip
    # the summary and the buttons do not overlap
    summary = bar.unsent_label.geometry()
    assert not summary.intersects(bar.write_button.geometry())


def test_fund_figures_are_not_clipped_on_a_netbook(qtbot, store):
    from app.ui.pages.fund import FundPage

    page = FundPage(store)
    qtbot.addWidget(page)
    page.resize(834, 520)
    page.show()
    QApplication.processEvents()
    for key, label in page.figures.items():
        label.setText("16,716,500.00")
        QApplication.processEvents()
        assert label.width() >= label.sizeHint().width(), key


# -- item 8: words ----------------------------------------------------------------------------------------------
def test_words_a_cadre_reads(qapp):
    from app import i18n
    from app.ui.pages.fund import MOVE_COLUMNS
    from app.ui.pages.warnings import PortfolioModel

    zh = i18n.translate_in
    assert zh("zh_CN", "Pages", "Dashboards") == zh("zh_CN", "ProgramPages", "Dashboards")  # menu = page title
    assert MOVE_COLUMNS[-2].header == "Fund balance (yuan)"  # the fund's balance, not a loan's
    assert zh("zh_CN", "ProgramPages", "Fund balance (yuan)") == "补偿金余额（元）"
    model = PortfolioModel("Street")
    tip = model.headerData(model.PAR30, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "30 days" in tip


def test_a_loan_due_today_is_not_said_to_be_overdue(qtbot, store):
    household = make_household(store)
    loan = make_loan(store, household, disbursed=dt.date(2024, 6, 10), months=12, matures=TODAY)
    dialog = LoanDetailDialog(store, loan, as_of=TODAY)
    qtbot.addWidget(dialog)
    assert "overdue since" not in dialog.state_label.text()
    later = LoanDetailDialog(store, loan, as_of=TODAY + dt.timedelta(days=3))
    qtbot.addWidget(later)
    assert "overdue since 2025-06-11" in later.state_label.text()


# -- item 5: Qt's own words ---------------------------------------------------------------------------------------
def test_qt_calendar_and_file_dialog_words_follow_the_interface_language(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale

    from app.ui.application import setup_application

    try:
        setup_application(qapp, "zh_CN")
        assert QLocale().language() == QLocale.Language.Chinese  # the calendar's month and day names
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
    finally:
        setup_application(qapp, "en")
        window_sizes.uninstall(qapp)
    assert QLocale().language() == QLocale.Language.English


def test_the_household_window_fits_a_netbook_at_150_percent_text(qtbot, store, netbook):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.ui import theme

    household = make_household(store)
    theme.apply(QApplication.instance(), theme.Preferences(text_scale=150))
    try:
        dialog = HouseholdDetailDialog(store, household, as_of=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert dialog.height() <= netbook.height() and _inside(close, dialog.geometry())
        assert dialog.findChild(QScrollArea, "factsScroll") is not None  # the facts scroll rather than grow
    finally:
        theme.apply(QApplication.instance(), theme.Preferences())


def test_a_window_is_placed_with_room_for_its_title_bar(qtbot, netbook):
    """Placed before the window manager framed it: the title bar pushed the bottom edge off a 600-pixel screen."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(960, 640)
    window_sizes.fit(dialog)
    assert dialog.height() + window_sizes.FRAME_ALLOWANCE.height() <= netbook.height()
    assert dialog.y() + dialog.height() + window_sizes.FRAME_ALLOWANCE.height() <= netbook.bottom() + 1


def test_task_list_shows_bank_names_whole_and_the_reason_heading(qtbot, store, loans):  # noqa: F811
    from app.ui.pages.warnings import WarningsModel
    from app.ui.pages.workbench import WorkbenchPage

    page = WorkbenchPage(store, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=10_000)
    wait_for_all()
    for column in (WarningsModel.BANK, WarningsModel.CONTRACT):
        assert page.table.columnWidth(column) >= page.table.sizeHintForColumn(column), column
    align = page.model.headerData(WarningsModel.REASON, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignLeft


def test_a_visit_row_does_not_show_the_loans_days_overdue(qapp):
    import dataclasses

    from app.domain.loan_facts import LoanFacts
    from app.domain.risk import Rule, warnings_for
    from app.ui.pages.warnings import WarningsModel

    base = LoanFacts("C-0", dt.date(2018, 1, 1), dt.date(2019, 1, 1), 12, 100, 100, street_name="纺织城街道",
                     bank_name="邮储", borrower_name="王", overdue_since=dt.date(2019, 1, 2))
    rows = warnings_for([dataclasses.replace(base)], dt.date(2025, 6, 1), rules=[Rule.VISIT, Rule.OVERDUE])
    model = WarningsModel()
    model.set_rows(rows)
    shown = {model.data(model.index(i, 0), ROW_ROLE).rule: model.index(i, WarningsModel.DAYS_PAST_DUE).data()
             for i in range(model.rowCount())}
    assert shown[Rule.OVERDUE] and shown[Rule.VISIT] == ""


def test_the_status_bar_shortens_the_node_with_an_ellipsis_not_mid_character(qtbot):
    """At 150 % text on a 1024-pixel screen the status bar had no room for the node's street: it was cut off in the
    middle of a character. The node's label now ends in "…" and says the whole text on hover."""
    from app.ui.partials.controls import ElidingLabel

    whole = "灞桥区演示节点 · 外业节点 · 纺织城街道"
    label = ElidingLabel(whole)
    qtbot.addWidget(label)
    assert label.minimumSizeHint().width() < label.sizeHint().width()  # the status bar may squeeze it
    label.resize(90, label.sizeHint().height())
    label.show()
    qtbot.waitExposed(label)
    assert label.shown_text().endswith("…") and label.text() == whole and label.toolTip() == whole
    label.resize(label.sizeHint().width() + 20, label.height())
    assert label.shown_text() == whole and label.toolTip() == ""
    label.setToolTip("数据：PostgreSQL 服务器")  # a tooltip of its own (a desk on a server) is kept
    label.resize(90, label.height())
    assert label.toolTip() == "数据：PostgreSQL 服务器"
