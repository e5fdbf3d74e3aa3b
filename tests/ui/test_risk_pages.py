"""The Warnings and Workbench pages, driven as a user would; table models tested without a view."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app import i18n
from app.domain import risk_disposal as rd
from app.domain.loan_facts import LoanFacts
from app.domain.risk import Rule, warnings_for
from app.models.enums import Disposal, RiskClass, Severity
from app.models.risk import DisposalStatus
from app.ui.operations import wait_for_all
from app.ui.pages import PAGES
from app.ui.pages.warnings import FETCH_BATCH, ROW_ROLE, PortfolioModel, WarningsModel, WarningsPage
from app.ui.pages.workbench import WorkbenchPage
from tests.records_data import TODAY, make_household, make_loan

D = dt.date


@pytest.fixture
def store(make_node, request):
    """A field node; ``"hub"`` as an indirect parameter: the hub, where the bank and supervisors propose, decide and
    execute disposals (issue 16: a field node's bundle may not carry them, and its screens do not offer them)."""
    if getattr(request, "param", "field") == "hub":
        return make_node(role="hub", street=None)[0]
    return make_node()[0]


@pytest.fixture
def people(store, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    opened = {}
    for name, role in {"banker": "bank", "boss": "supervisor", "cadre": "field"}.items():
        store.add_user(name, role, f"{name} password", kdf=FAST_KDF)
        opened[name] = Store.open(node_dir, name, f"{name} password")
    yield opened
    for other in opened.values():
        other.engine.dispose()


@pytest.fixture
def loans(store):
    """One loan maturing in 30 days (TODAY = 2025-06-10) and one 100 days overdue."""
    household = make_household(store)
    maturing = make_loan(store, household, amount_yuan=30_000, disbursed=D(2023, 7, 10), matures=D(2025, 7, 10))
    other = make_household(store, head="李四", citizen_id="11010519491231002X")
    overdue = make_loan(store, other, disbursed=D(2024, 3, 1), months=12, matures=D(2025, 3, 2), contract="BQ-2")
    return {"maturing": maturing, "overdue": overdue}


def _wait(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    wait_for_all()


def _select(view, row):
    view.selectionModel().select(view.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)


def test_pages_registered():
    assert {p.key: p.module for p in PAGES if p.key in {"workbench", "warnings"}} == {
        "workbench": "workbench", "warnings": "warnings"}


def test_warnings_model_without_a_view():
    base = LoanFacts("C-0", D(2024, 1, 1), D(2025, 1, 1), 12, 100, 100, street_name="纺织城街道", bank_name="邮储",
                     borrower_name="王", overdue_since=D(2025, 1, 2))
    rows = warnings_for([dataclasses.replace(base, contract_no=f"C-{i}") for i in range(FETCH_BATCH + 20)],
                        D(2025, 6, 1), rules=[Rule.OVERDUE])
    model = WarningsModel()
    model.set_rows(rows)
    assert model.rowCount() == FETCH_BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == FETCH_BATCH + 20 and not model.canFetchMore()
    first = model.index(0, WarningsModel.SEVERITY)
    assert first.data() == "High" and model.data(first, ROW_ROLE) is rows[0]
    assert model.index(0, WarningsModel.CLASS).data() == "Substandard"
    assert model.index(0, WarningsModel.DAYS_PAST_DUE).data() == "151"
    assert model.index(0, WarningsModel.REASON).data().startswith("Overdue 151 days since 2025-01-02")
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) is not None  # colour, and the word in its column
    assert model.headerData(WarningsModel.REASON, Qt.Orientation.Horizontal) == "Reason"
    assert PortfolioModel("Street").columnCount() == 10


def test_warnings_page_lists_filters_and_shows_the_portfolio(qtbot, store, loans):
    page = WarningsPage(store, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    rules = {page.model.data(page.model.index(r, 0), ROW_ROLE).rule for r in range(page.model.rowCount())}
    assert {Rule.MATURITY, Rule.OVERDUE} <= rules
    assert page.count.text() == f"{page.model.rowCount()} warnings"
    page.rule.setCurrentIndex(page.rule.findData(Rule.MATURITY.value))
    assert page.model.rowCount() == 1
    assert page.model.index(0, WarningsModel.REASON).data() == \
        "Matures in 30 days (2025-07-10); no pre-maturity assessment yet"
    page.rule.setCurrentIndex(0)
    page.risk_class.setCurrentIndex(page.risk_class.findData(RiskClass.SUBSTANDARD.value))
    assert {page.model.data(page.model.index(r, 0), ROW_ROLE).contract_no
            for r in range(page.model.rowCount())} == {"BQ-2"}
    page.risk_class.setCurrentIndex(0)
    assert page.street.findData("610111002") == -1  # a field node offers only its own street
    everything = page.model.rowCount()
    page.street.setCurrentIndex(page.street.findData("610111001"))
    assert page.model.rowCount() == everything
    page.street.setCurrentIndex(0)
    assert page.streets_model.rowCount() == 2  # the street and the total
    assert page.streets_model.index(1, PortfolioModel.COUNT).data() == "2"
    assert page.buckets_model.rowCount() == 6
    assert "PAR30" in page.portfolio_summary.text()
    page.as_of.setDate(QDate(2025, 1, 1))  # replay a past day
    _wait(qtbot, page)
    assert all(page.model.data(page.model.index(r, 0), ROW_ROLE).rule is not Rule.OVERDUE
               for r in range(page.model.rowCount()))


def test_reasons_are_shown_in_chinese(qtbot, store, loans):
    i18n.install("zh_CN")
    page = WarningsPage(store, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    page.rule.setCurrentIndex(page.rule.findData(Rule.MATURITY.value))
    assert page.model.index(0, WarningsModel.REASON).data() == "还有30天到期（2025-07-10），尚未做到期前评估"
    assert page.model.index(0, WarningsModel.SEVERITY).data() != "Medium"


@pytest.mark.parametrize("store", ["hub"], indirect=True)
def test_propose_approve_execute_through_the_dialogs(qtbot, store, loans, people):
    banker, boss = people["banker"], people["boss"]
    page = WarningsPage(banker, today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    page.rule.setCurrentIndex(page.rule.findData(Rule.MATURITY.value))
    _select(page.table, 0)
    dialog = page.propose_for_selected()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.kind.setCurrentIndex(dialog.kind.findData(Disposal.EXTENSION.value))
    dialog.months.setValue(13)
    assert not ok.isEnabled()
    assert "extension limit" in dialog.problem.text() and "limit of 12 months" in dialog.problem.text()
    dialog.months.setValue(6)
    assert "reason" in dialog.problem.text()
    dialog.reason.setPlainText("养殖周期延长")
    assert ok.isEnabled() and dialog.problem.text() == ""
    ok.click()
    _wait(qtbot, page)
    [proposal] = rd.proposals(store)
    assert (proposal.kind, proposal.extension_months, proposal.proposed_by) == (Disposal.EXTENSION, 6, "banker")
    _select(page.disposals, 0)
    assert not page.approve_button.isEnabled() and "someone else" in page.disposal_hint.text()

    checker = WarningsPage(boss, today=TODAY)
    qtbot.addWidget(checker)
    _wait(qtbot, checker)
    _select(checker.disposals, 0)
    assert checker.approve_button.isEnabled() and not checker.execute_button.isEnabled()
    reject = checker.decide_selected(approve=False)
    assert not reject.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # a rejection needs a note
    reject.reject()
    approve = checker.decide_selected(approve=True)
    approve.note.setText("同意")
    approve.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _wait(qtbot, checker)
    assert rd.proposals(store)[0].status is DisposalStatus.APPROVED

    page.refresh()
    _wait(qtbot, page)
    _select(page.disposals, 0)
    assert page.execute_button.isEnabled()
    execute = page.execute_selected()
    execute.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _wait(qtbot, page)
    assert rd.proposals(store)[0].status is DisposalStatus.EXECUTED
    assert [e.kind for e in rd.loan_history(store, loans["maturing"])][-1] == "loan_changed"


@pytest.mark.parametrize("store", ["hub"], indirect=True)
def test_workbench_lists_tasks_and_opens_the_form(qtbot, store, loans, people):
    page = WorkbenchPage(people["cadre"], today=TODAY)
    qtbot.addWidget(page)
    _wait(qtbot, page)
    tasks = [page.model.data(page.model.index(r, 0), ROW_ROLE) for r in range(page.model.rowCount())]
    assert tasks[0].severity is Severity.HIGH and tasks[0].rule is Rule.OVERDUE  # most urgent first
    assert {t.rule for t in tasks} == {Rule.MATURITY, Rule.OVERDUE, Rule.VISIT}
    assert "1 loans maturing without an assessment" in page.summary.text()
    page.kind.setCurrentIndex(page.kind.findData(Rule.MATURITY.value))
    assert page.model.rowCount() == 1
    _select(page.table, 0)
    window = page.open_selected()
    assert window.form.KIND.value == "maturity_assessment" and window.form.ctx.loan.loan_id == loans["maturing"]
    window.close()
    page.kind.setCurrentIndex(page.kind.findData(Rule.OVERDUE.value))
    window = page.open_task(page.model.index(0, 0))
    assert window.form.KIND.value == "visit"  # a field cadre follows an overdue loan up with a visit
    window.close()

    banker = WorkbenchPage(people["banker"], today=TODAY)
    qtbot.addWidget(banker)
    _wait(qtbot, banker)
    banker.kind.setCurrentIndex(banker.kind.findData(Rule.OVERDUE.value))
    dialog = banker.open_task(banker.model.index(0, 0))
    assert dialog.facts.contract_no == "BQ-2"  # the bank proposes a disposal instead
    dialog.reject()
