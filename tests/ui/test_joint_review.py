"""Joint reviews (会商研判) on the Warnings page: fill the dialog, save, the review is listed, stored and shown."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.risk_disposal import ReviewDecision, record_joint_review, split_participants
from app.errors import PermissionDenied
from app.models.enums import Disposal
from app.models.risk import JointReview, JointReviewDecision
from app.ui.joint_review import JointReviewDialog
from app.ui.operations import wait_for_all
from app.ui.pages.warnings import WarningsPage
from tests.records_data import TODAY, make_household, make_loan

D = dt.date


@pytest.fixture
def store(make_node, request):
    """A field node; ``"hub"`` as an indirect parameter: the hub, where joint reviews are held and recorded (issue 16:
    a field node's screens do not offer them and its bundles cannot carry them)."""
    if getattr(request, "param", "field") == "hub":
        return make_node(role="hub", street=None)[0]
    return make_node()[0]


@pytest.fixture
def loans(store):
    household = make_household(store)
    maturing = make_loan(store, household, amount_yuan=30_000, disbursed=D(2023, 7, 10), matures=D(2025, 7, 10))
    other = make_household(store, head="李四", citizen_id="11010519491231002X")
    overdue = make_loan(store, other, disbursed=D(2024, 3, 1), months=12, matures=D(2025, 3, 2), contract="BQ-2")
    return {"maturing": maturing, "overdue": overdue}


@pytest.fixture
def page(qtbot, store, loans):
    page = WarningsPage(store, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    wait_for_all()
    return page


def _row(dialog: JointReviewDialog, contract: str) -> int:
    return next(r for r in range(dialog.loans.rowCount()) if dialog.loans.item(r, 0).text() == contract)


def test_split_participants():
    assert split_participants("张三（区扶贫办），李四、王五\n赵六; ") == ["张三（区扶贫办）", "李四", "王五", "赵六"]


@pytest.mark.parametrize("store", ["hub"], indirect=True)
def test_record_a_joint_review(qtbot, store, loans, page):
    page.tabs.setCurrentWidget(page.joint_reviews)
    panel = page.joint_reviews
    assert panel.record_button.isVisible() and panel.table.rowCount() == 0
    page.table.selectionModel().select(page.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    dialog = panel.record()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    contracts = {dialog.loans.item(r, 0).text(): dialog.loans.item(r, 1).text()
                 for r in range(dialog.loans.rowCount())}
    assert contracts == {"BQ-2023-0001": "王建国", "BQ-2": "李四"}  # contract and borrower, no internal id
    assert len(dialog.decisions()) == 1  # the loan selected on the Warnings tab is ticked
    assert dialog.held_on.maximumDate() == QDate(2025, 6, 10)  # not in the future
    assert not save.isEnabled() and dialog.problem.text() == "Give the place of the meeting."
    dialog.place.setText("区扶贫办三楼会议室")
    dialog.participants.setPlainText("张三（区扶贫办）")
    assert dialog.problem.text() == "A joint review needs at least two participants."
    dialog.participants.setPlainText("张三（区扶贫办）\n李四（区财政局），王五（邮储银行）")
    assert dialog.problem.text().startswith("Write the meeting's decision on")
    dialog.set_reviewed(_row(dialog, "BQ-2"), True, "继续催收，下月再议", Disposal.LEGAL_ACTION)
    dialog.set_reviewed(_row(dialog, "BQ-2023-0001"), True, "同意展期6个月")
    dialog.note.setPlainText("两笔贷款研判")
    dialog.held_on.setDate(QDate(2025, 6, 5))
    assert save.isEnabled() and dialog.problem.text() == ""
    save.click()
    assert dialog.result() == dialog.DialogCode.Accepted

    with store.read() as session:
        [review] = session.execute(sa.select(JointReview)).scalars()
        assert (review.held_on, review.place, review.summary) == (D(2025, 6, 5), "区扶贫办三楼会议室", "两笔贷款研判")
        assert review.participants.splitlines() == ["张三（区扶贫办）", "李四（区财政局）", "王五（邮储银行）"]
        decisions = {(d.loan_id, d.decision, d.note) for d in session.execute(sa.select(JointReviewDecision))
                     .scalars()}
    assert decisions == {(loans["overdue"], Disposal.LEGAL_ACTION, "继续催收，下月再议"),
                         (loans["maturing"], None, "同意展期6个月")}

    assert panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in range(3)] == ["2025-06-05", "区扶贫办三楼会议室", "2"]
    panel.table.selectRow(0)
    assert panel.detail_button.isEnabled()
    detail = panel.show_selected()
    assert detail.decisions.rowCount() == 2
    assert {detail.decisions.item(r, 0).text() for r in range(2)} == {"BQ-2", "BQ-2023-0001"}
    assert "王五（邮储银行）" in detail.findChild(type(dialog.problem), "reviewPeople").text()
    detail.close()


def test_future_date_and_no_loans(qtbot, store, loans):
    dialog = JointReviewDialog(store, [], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.place.setText("会议室")
    dialog.participants.setPlainText("甲,乙")
    assert dialog.problem.text() == "Tick at least one loan the meeting reviewed."
    dialog.today = TODAY - dt.timedelta(days=1)  # the dialog stayed open past midnight the other way round
    dialog._check()
    assert dialog.problem.text() == "The meeting date cannot be in the future."
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_field_cadre_cannot_record(qtbot, store, loans, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    store.add_user("cadre", "field", "cadre password", kdf=FAST_KDF)
    cadre = Store.open(node_dir, "cadre", "cadre password")
    try:
        page = WarningsPage(cadre, today=TODAY)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
        wait_for_all()
        assert not page.joint_reviews.record_button.isVisibleTo(page)
    finally:
        cadre.engine.dispose()


def test_a_field_node_does_not_offer_it(qtbot, store, loans, page):
    """Even its administrator (every permission) records no joint review on a field node: that is the hub's."""
    assert not page.joint_reviews.record_button.isVisibleTo(page)
    with pytest.raises(PermissionDenied, match="at the hub"):
        record_joint_review(store, TODAY, "会议室", ["甲", "乙"], [ReviewDecision(loans["overdue"], None)], today=TODAY)
    with store.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(JointReview)).scalar() == 0


@pytest.mark.parametrize("store", ["hub"], indirect=True)
def test_screenshot_in_chinese(qtbot, page, tmp_path):
    """The dialog over the page at 1366x768, in Chinese, saved as jr.png for a look."""
    from PySide6.QtGui import QPainter

    from app import i18n

    i18n.install("zh_CN")
    dialog = page.joint_reviews.record()
    assert dialog.windowTitle() != "Record a joint review"
    dialog.place.setText("区扶贫办三楼会议室")
    dialog.participants.setPlainText("张三（区扶贫办）\n李四（区财政局）\n王五（邮储银行）")
    dialog.set_reviewed(0, True, "同意展期6个月", Disposal.EXTENSION)
    qtbot.waitExposed(dialog)
    shot = page.grab()
    assert (shot.width(), shot.height()) == (1366, 768)
    painter = QPainter(shot)
    painter.drawPixmap((shot.width() - dialog.width()) // 2, (shot.height() - dialog.height()) // 2, dialog.grab())
    painter.end()
    assert shot.save(str(tmp_path / "jr.png"))
    dialog.reject()
