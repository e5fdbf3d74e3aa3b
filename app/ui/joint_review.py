"""Joint review meetings (会商研判) on the Warnings page: record a meeting and its decision on each loan it looked
at, list past meetings and show one in detail.

The loans offered are those the Warnings tab lists (contract number and borrower, never an internal id); the
meeting is saved through :func:`app.domain.risk_disposal.record_joint_review`, which checks the permission.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import risk_disposal as rd
from app.domain.ownership import may_create
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import Disposal
from app.ui.changes import DataKind, notify
from app.ui.partials.editors import date_edit, pydate, qdate
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ReviewLoan:
    """A loan the meeting may review, as the user knows it."""

    loan_id: uuid.UUID
    contract_no: str
    borrower_name: str


def _decision_label(decision: Disposal | None) -> str:
    return decision.label if decision is not None else translate("Disposal", "keep monitoring")


def _read_only_table(table: QTableWidget) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)


class JointReviewDialog(QDialog):
    """Record a joint review: date, place, participants, the loans reviewed with a decision on each, a note."""

    REVIEWED, BORROWER, DECISION, TEXT = range(4)

    def __init__(self, store: Store, loans: list[ReviewLoan], today: dt.date | None = None,
                 preselected: set[uuid.UUID] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.review_id: uuid.UUID | None = None
        self.setWindowTitle(translate("JointReview", "Record a joint review"))
        self.resize(820, 600)
        self.held_on = date_edit(self.today, "reviewDate")
        self.held_on.setMaximumDate(qdate(self.today))
        self.place = QLineEdit()
        self.place.setObjectName("reviewPlace")
        self.place.setPlaceholderText(translate("JointReview", "e.g. district poverty alleviation office, room 3"))
        self.participants = QPlainTextEdit()
        self.participants.setObjectName("reviewParticipants")
        self.participants.setFixedHeight(80)
        self.participants.setPlaceholderText(translate(
            "JointReview", "One per line or separated by commas: name and unit"))
        self.loans = QTableWidget(len(loans), 4)
        self.loans.setObjectName("reviewLoans")
        self.loans.setHorizontalHeaderLabels([
            translate("JointReview", "Contract"), translate("JointReview", "Borrower"),
            translate("JointReview", "Decision"), translate("JointReview", "Decision text")])
        self.loans.verticalHeader().setVisible(False)
        self.loans.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.loans.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)
        preselected = preselected or set()
        for row, loan in enumerate(loans):
            check = QTableWidgetItem(loan.contract_no)
            check.setData(ID_ROLE, loan.loan_id)
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if loan.loan_id in preselected else Qt.CheckState.Unchecked)
            self.loans.setItem(row, self.REVIEWED, check)
            borrower = QTableWidgetItem(loan.borrower_name)
            borrower.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.loans.setItem(row, self.BORROWER, borrower)
            kind = QComboBox()
            kind.addItem(_decision_label(None), None)
            for disposal in Disposal:
                kind.addItem(disposal.label, disposal.value)
            self.loans.setCellWidget(row, self.DECISION, kind)
            self.loans.setItem(row, self.TEXT, QTableWidgetItem(""))
        self.note = QPlainTextEdit()
        self.note.setObjectName("reviewNote")
        self.note.setFixedHeight(60)
        self.problem = QLabel()
        self.problem.setObjectName("reviewProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(translate("JointReview", "Meeting date:"), self.held_on)
        form.addRow(translate("JointReview", "Place:"), self.place)
        form.addRow(translate("JointReview", "Participants:"), self.participants)
        hint = QLabel(translate("JointReview", "Tick the loans the meeting reviewed and write its decision on each "
                                               "(double-click the cell):") if loans else
                      translate("JointReview", "No loans are listed; list them on the Warnings tab first."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addRow(hint)
        form.addRow(self.loans)
        form.addRow(translate("JointReview", "Note:"), self.note)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.held_on.dateChanged.connect(self._check)
        self.place.textChanged.connect(self._check)
        self.participants.textChanged.connect(self._check)
        self.loans.itemChanged.connect(self._check)
        self._check()

    # -- values ----------------------------------------------------------------------------------------------
    def date(self) -> dt.date:
        return pydate(self.held_on)

    def set_reviewed(self, row: int, reviewed: bool, text: str = "", kind: Disposal | None = None) -> None:
        """Tick (or untick) a loan and give the decision on it (what the user does in the table)."""
        combo = self.loans.cellWidget(row, self.DECISION)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(kind.value if kind else None))
        self._item(row, self.TEXT).setText(text)
        self._item(row, self.REVIEWED).setCheckState(Qt.CheckState.Checked if reviewed else Qt.CheckState.Unchecked)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        """The cell's item (every cell of the text and tick columns has one from the start)."""
        item = self.loans.item(row, column)
        assert item is not None
        return item

    def decisions(self) -> list[tuple[str, rd.ReviewDecision]]:
        """(contract, decision) of each ticked loan, in table order."""
        found = []
        for row in range(self.loans.rowCount()):
            item = self._item(row, self.REVIEWED)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            combo = self.loans.cellWidget(row, self.DECISION)
            assert isinstance(combo, QComboBox)
            kind = Disposal(combo.currentData()) if combo.currentData() else None
            found.append((item.text(), rd.ReviewDecision(item.data(ID_ROLE), kind,
                                                         self._item(row, self.TEXT).text().strip())))
        return found

    def problem_text(self) -> str:
        if self.date() > self.today:
            return translate("JointReview", "The meeting date cannot be in the future.")
        if not self.place.text().strip():
            return translate("JointReview", "Give the place of the meeting.")
        if len(rd.split_participants(self.participants.toPlainText())) < 2:
            return translate("Disposal", "A joint review needs at least two participants.")
        decisions = self.decisions()
        if not decisions:
            return translate("JointReview", "Tick at least one loan the meeting reviewed.")
        for contract, decision in decisions:
            if not decision.note:
                return translate("JointReview", "Write the meeting's decision on {contract}.", contract=contract)
        return ""

    def _check(self, *_: Any) -> None:
        text = self.problem_text()
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not text)

    def accept(self) -> None:
        if self.problem_text():
            self._check()
            return
        try:
            self.review_id = rd.record_joint_review(
                self.store, self.date(), self.place.text(), rd.split_participants(self.participants.toPlainText()),
                [decision for _, decision in self.decisions()], summary=self.note.toPlainText(), today=self.today)
        except FieldbookError as exc:
            self.problem.setText(str(exc))
            return
        notify(DataKind.WARNINGS)
        super().accept()


class JointReviewDetailDialog(QDialog):
    """One recorded meeting: when, where, who, the note and the decision on each loan."""

    def __init__(self, store: Store, review_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("JointReview", "Joint review"))
        self.resize(720, 480)
        review = rd.review_detail(store, review_id)
        self.decisions = QTableWidget(len(review.decisions), 4)
        self.decisions.setObjectName("reviewDecisions")
        self.decisions.setHorizontalHeaderLabels([
            translate("JointReview", "Contract"), translate("JointReview", "Borrower"),
            translate("JointReview", "Decision"), translate("JointReview", "Decision text")])
        _read_only_table(self.decisions)
        for row, loan in enumerate(review.decisions):
            for column, text in enumerate((loan.contract_no, loan.borrower_name, _decision_label(loan.decision),
                                           loan.note)):
                self.decisions.setItem(row, column, QTableWidgetItem(text))
        self.decisions.resizeColumnsToContents()
        self.decisions.horizontalHeader().setStretchLastSection(True)
        form = QFormLayout(self)
        form.addRow(translate("JointReview", "Meeting date:"), QLabel(review.held_on.isoformat()))
        form.addRow(translate("JointReview", "Place:"), QLabel(review.place))
        people = QLabel("\n".join(review.participants))
        people.setObjectName("reviewPeople")
        form.addRow(translate("JointReview", "Participants:"), people)
        if review.summary:
            note = QLabel(review.summary)
            note.setWordWrap(True)
            form.addRow(translate("JointReview", "Note:"), note)
        form.addRow(translate("JointReview", "Recorded by:"), QLabel(review.recorded_by))
        form.addRow(self.decisions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class JointReviewsPanel(QWidget):
    """Past joint reviews (date, place, number of loans) with a detail view, and the button to record one.

    ``candidates()`` gives the loans the Warnings tab lists now and ``selected()`` those selected there.
    """

    DATE, PLACE, LOANS, RECORDED_BY = range(4)

    def __init__(self, store: Store, candidates: Callable[[], list[ReviewLoan]],
                 selected: Callable[[], set[uuid.UUID]], today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.candidates = candidates
        self.selected = selected
        self.reviews: list[rd.ReviewSummary] = []
        self.record_button = QPushButton(translate("JointReview", "Record joint review…"))
        self.record_button.setObjectName("recordJointReview")
        self.record_button.setVisible(may_create(store, "joint_reviews"))
        self.record_button.clicked.connect(self.record)
        self.detail_button = QPushButton(translate("JointReview", "Details…"))
        self.detail_button.setObjectName("jointReviewDetails")
        self.detail_button.setEnabled(False)
        self.detail_button.clicked.connect(self.show_selected)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("jointReviewsTable")
        self.table.setHorizontalHeaderLabels([
            translate("JointReview", "Meeting date"), translate("JointReview", "Place"),
            translate("JointReview", "Loans"), translate("JointReview", "Recorded by")])
        _read_only_table(self.table)
        self.table.itemSelectionChanged.connect(
            lambda: self.detail_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.table.doubleClicked.connect(lambda index: self.show_review(self.reviews[index.row()].review_id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.detail_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.reviews = rd.past_reviews(self.store)
        self.table.setRowCount(len(self.reviews))
        for row, review in enumerate(self.reviews):
            for column, text in enumerate((review.held_on.isoformat(), review.place, str(review.loans),
                                           review.recorded_by)):
                item = QTableWidgetItem(text)
                if column == self.LOANS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.detail_button.setEnabled(False)

    def record(self) -> JointReviewDialog:
        dialog = JointReviewDialog(self.store, self.candidates(), self.today, self.selected(), self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def show_selected(self) -> JointReviewDetailDialog | None:
        rows = self.table.selectionModel().selectedRows()
        return self.show_review(self.reviews[rows[0].row()].review_id) if rows else None

    def show_review(self, review_id: uuid.UUID) -> JointReviewDetailDialog:
        dialog = JointReviewDetailDialog(self.store, review_id, self)
        dialog.open()
        return dialog
