"""The change-notice board: writers say what they changed, pages on screen refresh at once, hidden pages when shown
again; an import job refreshes the Households page without anyone asking."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.errors import StoreError
from app.sync.tables import synced_models
from app.ui import operations
from app.ui.changes import ALL_DATA, TABLE_KINDS, DataKind, changes, kinds_of_tables, notify, on_data_changed
from app.ui.import_dialog import ImportDialog
from app.ui.main_window import MainWindow
from app.ui.pages.households import HouseholdsPage
from app.ui.pages.loans import LoansPage
from app.ui.registry_models import H_NAME
from tests.ui.test_households_page import texts
from tests.ui.test_import_dialog import roster


@pytest.fixture
def heard(qapp):
    seen: list[tuple[frozenset[DataKind], object]] = []

    def listen(kinds, origin):
        seen.append((kinds, origin))

    changes().data_changed.connect(listen)
    yield seen
    changes().data_changed.disconnect(listen)


def test_notify_flattens_kinds_and_sends_nothing_for_none(heard) -> None:
    notify(DataKind.LOANS, {DataKind.RECORDS, DataKind.LOANS})
    notify()
    notify(frozenset())
    assert heard == [(frozenset({DataKind.LOANS, DataKind.RECORDS}), None)]


def test_every_synced_table_has_its_kind_and_a_bundle_notifies_the_kinds_it_touched() -> None:
    assert set(TABLE_KINDS) == set(synced_models()), "a new synced table needs its kind in app/ui/changes.py"
    assert kinds_of_tables(["visits", "households", "members"]) == {DataKind.RECORDS, DataKind.HOUSEHOLDS,
                                                                    DataKind.EXCHANGE}
    assert kinds_of_tables([]) == {DataKind.EXCHANGE}
    assert kinds_of_tables(["loans", "a_table_nobody_mapped"]) == ALL_DATA


def test_a_page_on_screen_refreshes_at_once_a_hidden_one_when_shown(qtbot) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    shown, hidden = QWidget(), QWidget()
    stack.addWidget(shown)
    stack.addWidget(hidden)
    stack.show()
    calls: list[str] = []
    on_data_changed(shown, {DataKind.LOANS}, lambda: calls.append("shown"))
    on_data_changed(hidden, {DataKind.LOANS, DataKind.HOUSEHOLDS}, lambda: calls.append("hidden"))

    notify(DataKind.RECORDS)  # neither page shows records
    assert calls == []
    notify(DataKind.LOANS)
    notify(DataKind.HOUSEHOLDS)
    assert calls == ["shown"], "the hidden page only notes that it is stale"
    stack.setCurrentWidget(hidden)
    assert calls == ["shown", "hidden"], "once shown, it refreshes once for both notices"
    stack.setCurrentWidget(shown)
    stack.setCurrentWidget(hidden)
    assert calls == ["shown", "hidden"], "and not again without news"


def test_a_page_may_skip_what_its_own_windows_wrote(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    window = QWidget(page)  # a window the page opened (a detail dialog), which updates the page's row itself
    calls: list[str] = []
    on_data_changed(page, {DataKind.HOUSEHOLDS}, lambda: calls.append("page"), skip_own=True)
    notify(DataKind.HOUSEHOLDS, origin=window)
    assert calls == []
    notify(DataKind.HOUSEHOLDS, origin=QWidget())  # somebody else's window
    notify(DataKind.HOUSEHOLDS)
    assert calls == ["page", "page"]


def test_a_subscription_ends_with_its_page(qtbot) -> None:
    page = QWidget()
    calls: list[str] = []
    subscription = on_data_changed(page, ALL_DATA, lambda: calls.append("page"))
    page.show()
    notify(DataKind.LOANS)
    shiboken6.delete(page)
    assert not shiboken6.isValid(subscription)
    notify(DataKind.LOANS)
    assert calls == ["page"]


@pytest.mark.parametrize("outcome", ["success", "known error", "cancelled"])
def test_a_write_job_tells_the_board_whatever_its_outcome(qtbot, heard, outcome) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def job(token) -> int:
        if outcome == "known error":
            raise StoreError("disk full")
        if outcome == "cancelled":
            token.cancel()
            token.raise_if_cancelled()
        return 1

    notices_when_finished: list[int] = []
    operations.run_in_background(parent, job, changes={DataKind.LOANS}, on_error=lambda exc: None,
                                 on_finished=lambda: notices_when_finished.append(len(heard)))
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [(frozenset({DataKind.LOANS}), None)]
    assert notices_when_finished == [0], "the caller's own callbacks first, then the pages"


def test_a_read_job_tells_nobody(qtbot, heard) -> None:
    done: list[int] = []
    operations.run_in_background(None, lambda token: 1, on_success=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert heard == []


def test_after_an_import_job_the_households_page_shows_the_new_rows(qtbot, make_node, tmp_path) -> None:
    store = make_node(role="hub", street=None)[0]
    page = HouseholdsPage(store)
    qtbot.addWidget(page)
    page.show()
    loans = LoansPage(store)  # a page that shows no households: it is not asked to refresh
    qtbot.addWidget(loans)
    loans.show()
    loan_refreshes: list[int] = []
    loans.model.modelReset.connect(lambda: loan_refreshes.append(1))
    assert page.stack.currentWidget() is page.empty

    dialog = ImportDialog(store, "households")  # not opened from the page: nobody tells the page but the board
    qtbot.addWidget(dialog)
    dialog.open_file(roster(tmp_path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert page.stack.currentWidget() is page.empty, "a preview changes nothing"
    dialog.commit()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy, timeout=10_000)
    assert page.stack.currentWidget() is page.table and texts(page.model, H_NAME) == ["李四", "张三"]
    assert "2 households" in page.count_label.text()
    assert loan_refreshes == []


def test_a_hidden_page_catches_up_when_shown(qtbot, make_node, tmp_path) -> None:
    store = make_node(role="hub", street=None)[0]
    window = MainWindow(store, idle_interval_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    households = window.show_page("households")
    assert isinstance(households, HouseholdsPage) and households.model.total == 0
    window.show_page("loans")
    dialog = ImportDialog(store, "households")
    qtbot.addWidget(dialog)
    dialog.open_file(roster(tmp_path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.commit()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy, timeout=10_000)
    assert households.model.total == 0, "not on screen: it waits"
    window.show_page("households")
    assert households.model.total == 2 and households.stack.currentWidget() is households.table


def test_the_page_that_opened_the_import_refreshes_once(qtbot, make_node, tmp_path) -> None:
    store = make_node(role="hub", street=None)[0]
    page = HouseholdsPage(store)
    qtbot.addWidget(page)
    page.show()
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    dialog = page.open_import()
    dialog.open_file(roster(tmp_path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.commit()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy, timeout=10_000)
    assert texts(page.model, H_NAME) == ["李四", "张三"] and resets == [1]
