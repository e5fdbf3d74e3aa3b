"""Warnings: the risk warnings of a day with filters (street, bank, class, rule), the portfolio by street, bank and
days past due, classified disposal (propose, approve or reject, execute) and joint reviews (会商研判,
app/ui/joint_review.py).

Warnings are computed off the GUI thread (a hub may hold 100,000 loans); the table fetches rows lazily. Severity is
a word in its own column as well as a colour, so colour never carries the meaning alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import risk_disposal as rd
from app.domain import risk_query
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission, role_label
from app.domain.registry import banks
from app.domain.risk import CLASS_ORDER, DpdBucket, Portfolio, RiskWarning, Rule, Segment
from app.domain.scope import scope_street, visible_streets
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import RiskClass, Role, Severity
from app.models.risk import DisposalProposal, DisposalStatus
from app.ui.changes import ALL_DATA, DataKind, on_data_changed
from app.ui.disposal_dialogs import DecisionDialog, ProposeDisposalDialog
from app.ui.joint_review import JointReviewsPanel, ReviewLoan
from app.ui.operations import run_in_background
from app.ui.partials.editors import date_edit, pydate
from app.ui.widgets import MUTED_COLOR, page_header

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
#: pale backgrounds by severity (the severity word is always in its own column too)
SEVERITY_COLORS = {Severity.HIGH: "#f9dedc", Severity.MEDIUM: "#fff4ce", Severity.LOW: "#e8f0fe"}
FETCH_BATCH = 500


class WarningsModel(QAbstractTableModel):
    """Risk warnings, most urgent first; rows are fetched into the view in batches."""

    SEVERITY, RULE, STREET, BANK, CONTRACT, BORROWER, CLASS, DAYS_PAST_DUE, DUE, REASON = range(10)
    HEADERS = (QT_TRANSLATE_NOOP("Warnings", "Severity"), QT_TRANSLATE_NOOP("Warnings", "Warning"),
               QT_TRANSLATE_NOOP("Warnings", "Street"), QT_TRANSLATE_NOOP("Warnings", "Bank"),
               QT_TRANSLATE_NOOP("Warnings", "Contract"), QT_TRANSLATE_NOOP("Warnings", "Borrower"),
               QT_TRANSLATE_NOOP("Warnings", "Suggested class"), QT_TRANSLATE_NOOP("Warnings", "Days overdue"),
               QT_TRANSLATE_NOOP("Warnings", "Due"), QT_TRANSLATE_NOOP("Warnings", "Reason"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RiskWarning] = []
        self.shown = 0

    def set_rows(self, rows: list[RiskWarning]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.shown = min(len(rows), FETCH_BATCH)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.shown < len(self.rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = min(FETCH_BATCH, len(self.rows) - self.shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.REASON:
            # the reason column is wide and stretches: a centred heading sat beyond the right edge, unseen
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return translate("Warnings", self.HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        warning = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return warning
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(SEVERITY_COLORS[warning.severity]))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return warning.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS_PAST_DUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.SEVERITY:
            return warning.severity.label
        if column == self.RULE:
            return warning.rule.label
        if column == self.STREET:
            return warning.street_name
        if column == self.BANK:
            return warning.bank_name
        if column == self.CONTRACT:
            return warning.contract_no
        if column == self.BORROWER:
            return warning.borrower_name
        if column == self.CLASS:
            return warning.risk_class.label
        if column == self.DAYS_PAST_DUE:
            # the loan's days overdue belong to the overdue and classification rows; beside a visit's "3443 days
            # late" they read as a contradiction
            shown = warning.rule in (Rule.OVERDUE, Rule.CLASSIFICATION) and warning.days_past_due
            return str(warning.days_past_due) if shown else ""
        if column == self.DUE:
            return warning.due_on.isoformat()
        return warning.reason


class PortfolioModel(QAbstractTableModel):
    """Segments (streets or banks, then the total): count, balance, balance by suggested class, PAR30, PAR90."""

    NAME, COUNT, BALANCE = range(3)
    FIRST_CLASS = 3
    PAR30, PAR90 = FIRST_CLASS + len(CLASS_ORDER), FIRST_CLASS + len(CLASS_ORDER) + 1

    def __init__(self, title: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.title = title
        self.segments: list[Segment] = []

    def set_segments(self, segments: list[Segment], overall: Segment | None) -> None:
        self.beginResetModel()
        self.segments = [*segments, *([overall] if overall is not None else [])]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.PAR90 + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section in (self.PAR30, self.PAR90):  # the term explained
            return translate("Warnings", "Portfolio at risk: the share of the balance of loans more than {days} days "
                                         "overdue.", days=30 if section == self.PAR30 else 90)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.NAME:
            return self.title
        if section == self.COUNT:
            return translate("Warnings", "Loans")
        if section == self.BALANCE:
            return translate("Warnings", "Balance (yuan)")
        if section == self.PAR30:
            return "PAR30"
        if section == self.PAR90:
            return "PAR90"
        return CLASS_ORDER[section - self.FIRST_CLASS].label

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        segment = self.segments[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.NAME:
            return segment.name if segment.key or index.row() < len(self.segments) - 1 else \
                translate("Warnings", "Total")
        if column == self.COUNT:
            return str(segment.total.count)
        if column == self.BALANCE:
            return yuan(segment.total.balance_fen)
        if column == self.PAR30:
            return f"{segment.par30 * 100:.2f}%"
        if column == self.PAR90:
            return f"{segment.par90 * 100:.2f}%"
        return yuan(segment.by_class[CLASS_ORDER[column - self.FIRST_CLASS]].balance_fen)


class BucketModel(QAbstractTableModel):
    BUCKET, COUNT, BALANCE, SHARE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.overall: Segment | None = None

    def set_overall(self, overall: Segment) -> None:
        self.beginResetModel()
        self.overall = overall
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.overall is None else len(DpdBucket)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("Warnings", "Days past due"), translate("Warnings", "Loans"),
                translate("Warnings", "Balance (yuan)"), translate("Warnings", "Share of balance"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.overall is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        bucket = list(DpdBucket)[index.row()]
        cell = self.overall.by_bucket[bucket]
        total = self.overall.total.balance_fen
        return (bucket.label, str(cell.count), yuan(cell.balance_fen),
                f"{(cell.balance_fen / total if total else 0) * 100:.2f}%")[index.column()]


class DisposalsModel(QAbstractTableModel):
    """Disposal proposals with their steps."""

    (PROPOSED_ON, CONTRACT, KIND, TERMS, STATUS, PROPOSED_BY, DECIDED_BY, DISTRICT, EXECUTED_BY, REPORTED,
     REASON) = range(11)
    HEADERS = (QT_TRANSLATE_NOOP("Warnings", "Proposed on"), QT_TRANSLATE_NOOP("Warnings", "Contract"),
               QT_TRANSLATE_NOOP("Warnings", "Disposal"), QT_TRANSLATE_NOOP("Warnings", "Terms"),
               QT_TRANSLATE_NOOP("Warnings", "Status"), QT_TRANSLATE_NOOP("Warnings", "Proposed by"),
               QT_TRANSLATE_NOOP("Warnings", "Decided by"), QT_TRANSLATE_NOOP("Warnings", "District approval"),
               QT_TRANSLATE_NOOP("Warnings", "Executed by"), QT_TRANSLATE_NOOP("Warnings", "Reported"),
               QT_TRANSLATE_NOOP("Warnings", "Proposer's reason"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[DisposalProposal, str]] = []

    def set_rows(self, rows: list[tuple[DisposalProposal, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.REASON:
            # the reason column is wide and stretches: a centred heading sat beyond the right edge, unseen
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return translate("Warnings", self.HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        proposal, contract = self.rows[index.row()]
        if role == ROW_ROLE:
            return proposal
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        reported = (translate("Warnings", "{date}, {report}", date=proposal.reported_to_finance_on.isoformat(),
                              report=proposal.finance_report) if proposal.reported_to_finance_on else "")
        return (proposal.proposed_on.isoformat(), contract, proposal.kind.label, rd.describe_terms(proposal),
                proposal.status.label, proposal.proposed_by, proposal.decided_by, proposal.district_approved_by,
                proposal.executed_by, reported, proposal.reason)[index.column()]


def fit_columns_to_names(view: QTableView, columns: tuple[int, ...] = (WarningsModel.BANK, WarningsModel.CONTRACT,
                                                                      WarningsModel.BORROWER)) -> None:
    """Bank names and contract numbers whole ("西安农商银行灞桥…" and "PSB-…" were cut), each time rows arrive."""
    model = view.model()

    def fit() -> None:
        for column in columns:
            if not view.isColumnHidden(column):
                view.resizeColumnToContents(column)

    model.modelReset.connect(fit)
    model.rowsInserted.connect(lambda *_: fit())


def configure_table(view: QTableView, stretch_last: bool = True) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(stretch_last)


# -- the page ------------------------------------------------------------------------------------------------------
class WarningsPage(QWidget):
    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.all_warnings: list[RiskWarning] = []
        self.portfolio: Portfolio | None = None
        self.loading = False
        self.as_of = date_edit(self.today, "asOf")
        self.street = QComboBox()
        self.street.setObjectName("streetFilter")
        self.bank = QComboBox()
        self.bank.setObjectName("bankFilter")
        self.risk_class = QComboBox()
        self.risk_class.setObjectName("classFilter")
        self.rule = QComboBox()
        self.rule.setObjectName("ruleFilter")
        self._fill_filters()
        self.count = QLabel()
        self.count.setObjectName("warningCount")
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")

        self.model = WarningsModel(self)
        self.table = QTableView()
        self.table.setObjectName("warningsTable")
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setColumnWidth(WarningsModel.REASON, 520)
        fit_columns_to_names(self.table)
        self.propose_button = QPushButton(translate("Warnings", "Propose disposal…"))
        self.propose_button.setObjectName("proposeDisposal")
        self.propose_button.setVisible(self._may_propose())
        self.propose_button.clicked.connect(self.propose_for_selected)

        self.streets_model = PortfolioModel(translate("Warnings", "Street"), self)
        self.banks_model = PortfolioModel(translate("Warnings", "Bank"), self)
        self.buckets_model = BucketModel(self)
        self.portfolio_summary = QLabel()
        self.portfolio_summary.setObjectName("portfolioSummary")
        self.portfolio_summary.setWordWrap(True)
        portfolio = QWidget()
        portfolio_layout = QVBoxLayout(portfolio)
        portfolio_layout.addWidget(self.portfolio_summary)
        for model, name in ((self.streets_model, "streetsTable"), (self.banks_model, "banksTable"),
                            (self.buckets_model, "bucketsTable")):
            view = QTableView()
            view.setObjectName(name)
            view.setModel(model)
            configure_table(view, stretch_last=False)
            portfolio_layout.addWidget(view, 1)

        self.disposals_model = DisposalsModel(self)
        self.disposals = QTableView()
        self.disposals.setObjectName("disposalsTable")
        self.disposals.setModel(self.disposals_model)
        configure_table(self.disposals)
        self.approve_button = QPushButton(translate("Warnings", "Approve…"))
        self.reject_button = QPushButton(translate("Warnings", "Reject…"))
        self.execute_button = QPushButton(translate("Warnings", "Execute…"))
        self.report_button = QPushButton(translate("Warnings", "Reported to the finance office…"))
        self.disposal_hint = QLabel()
        self.disposal_hint.setObjectName("disposalHint")
        self.disposal_hint.setWordWrap(True)
        self.disposal_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        disposal_box = QWidget()
        disposal_layout = QVBoxLayout(disposal_box)
        buttons = QHBoxLayout()
        for button, name in ((self.approve_button, "approveDisposal"), (self.reject_button, "rejectDisposal"),
                             (self.execute_button, "executeDisposal"), (self.report_button, "reportDisposal")):
            button.setObjectName(name)
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addWidget(self.disposal_hint, 1)
        disposal_layout.addLayout(buttons)
        disposal_layout.addWidget(self.disposals, 1)
        self.approve_button.clicked.connect(lambda: self.decide_selected(approve=True))
        self.reject_button.clicked.connect(lambda: self.decide_selected(approve=False))
        self.execute_button.clicked.connect(self.execute_selected)
        self.report_button.clicked.connect(self.report_selected)
        self.disposals.selectionModel().selectionChanged.connect(self._update_disposal_buttons)
        # a row is about a loan: double-click (or Enter) opens it
        self.table.doubleClicked.connect(lambda index: self.open_loan_of(self.model.data(index, ROW_ROLE)))
        self.disposals.doubleClicked.connect(
            lambda index: self.open_loan_of(self.disposals_model.data(index, ROW_ROLE)))
        self._update_disposal_buttons()

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.propose_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("warningTabs")
        self.tabs.addTab(list_box, translate("Warnings", "Warnings"))
        self.tabs.addTab(portfolio, translate("Warnings", "Portfolio"))
        self.tabs.addTab(disposal_box, translate("Warnings", "Disposals"))
        self.joint_reviews = JointReviewsPanel(store, self.review_candidates, self.review_preselected, self.today)
        self.joint_reviews.setObjectName("jointReviews")
        self.tabs.addTab(self.joint_reviews, translate("Warnings", "Joint reviews"))

        filters = QHBoxLayout()
        for label, widget in ((translate("Warnings", "As of:"), self.as_of),
                              (translate("Warnings", "Street:"), self.street),
                              (translate("Warnings", "Bank:"), self.bank),
                              (translate("Warnings", "Class:"), self.risk_class),
                              (translate("Warnings", "Warning:"), self.rule)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_header(translate("Pages", "Warnings"), translate(
            "Warnings", "Loans that need attention on the chosen day, the portfolio at risk, and classified "
                        "disposal.")))
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)

        self.as_of.dateChanged.connect(self.refresh)
        for combo in (self.street, self.bank, self.risk_class, self.rule):
            combo.currentIndexChanged.connect(self.apply_filters)
        on_data_changed(self, ALL_DATA - {DataKind.EXCHANGE}, self.refresh)
        self.refresh()

    # -- data ----------------------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        everything = translate("Warnings", "All")
        for combo in (self.street, self.bank, self.risk_class, self.rule):
            combo.addItem(everything, None)
        with self.store.read() as session:
            for code, name in visible_streets(session, scope_street(self.store)):
                self.street.addItem(name, code)
            for bank_id, name in banks(session):
                self.bank.addItem(name, bank_id)
        for risk_class in RiskClass:
            self.risk_class.addItem(risk_class.label, risk_class.value)
        for rule in Rule:
            self.rule.addItem(rule.label, rule.value)

    def as_of_date(self) -> dt.date:
        return pydate(self.as_of)

    def refresh(self) -> None:
        """Compute the warnings and the portfolio of the chosen day in the background."""
        as_of = self.as_of_date()
        store = self.store
        self.loading = True
        self.count.setText(translate("Warnings", "Computing…"))

        def job(token: Any) -> tuple[list[RiskWarning], Portfolio, list[tuple[DisposalProposal, str]]]:
            from app.domain.risk import portfolio as make_portfolio
            from app.domain.risk import warnings_for

            policy = risk_query.policy_of(store)
            with store.read() as session:
                facts = risk_query.loan_facts(session, as_of)
            token.raise_if_cancelled()
            rows = rd.proposals_with_contracts(store)
            return warnings_for(facts, as_of, policy), make_portfolio(facts, as_of, policy), rows

        run_in_background(self, job, on_success=self._loaded, on_finished=self._finished,
                          title=translate("Warnings", "Computing warnings"))

    def _finished(self) -> None:
        self.loading = False

    def _loaded(self, result: tuple[list[RiskWarning], Portfolio, list[tuple[DisposalProposal, str]]]) -> None:
        self.all_warnings, self.portfolio, proposals = result
        overall = self.portfolio.overall
        self.streets_model.set_segments(list(self.portfolio.by_street.values()), overall)
        self.banks_model.set_segments(list(self.portfolio.by_bank.values()), overall)
        self.buckets_model.set_overall(overall)
        self.portfolio_summary.setText(translate(
            "Warnings", "{count} loans outstanding, {balance} yuan; non-performing {npl} yuan; PAR30 {par30}, "
                        "PAR90 {par90} (classes suggested from days past due on {date})",
            count=overall.total.count, balance=yuan(overall.total.balance_fen), npl=yuan(overall.non_performing_fen),
            par30=f"{overall.par30 * 100:.2f}%", par90=f"{overall.par90 * 100:.2f}%",
            date=self.as_of_date().isoformat()))
        self.disposals_model.set_rows(proposals)
        self._update_disposal_buttons()
        self.apply_filters()

    def filtered(self) -> list[RiskWarning]:
        street, bank = self.street.currentData(), self.bank.currentData()
        risk_class, rule = self.risk_class.currentData(), self.rule.currentData()
        return [w for w in self.all_warnings
                if (street is None or w.street_code == street) and (bank is None or w.bank_id == bank)
                and (risk_class is None or w.risk_class == risk_class) and (rule is None or w.rule == rule)]

    def apply_filters(self) -> None:
        rows = self.filtered()
        self.model.set_rows(rows)
        self.count.setText(translate("Warnings", "{n} warnings", n=len(rows)))

    # -- disposal ------------------------------------------------------------------------------------------
    def _may_propose(self) -> bool:
        role = self.store.user.role
        return has_permission(role, Permission.APPROVE_DISPOSAL) or has_permission(role, Permission.EXECUTE_DISPOSAL)

    def selected_warning(self) -> RiskWarning | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.data(indexes[0], ROW_ROLE) if indexes else None

    def propose_for_selected(self) -> ProposeDisposalDialog | None:
        warning = self.selected_warning()
        if warning is None:
            return None
        dialog = ProposeDisposalDialog(self.store, warning.loan_id, self.today, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def review_candidates(self) -> list[ReviewLoan]:
        """The loans the Warnings tab lists now (after the filters), each once, for a joint review."""
        seen: dict[uuid.UUID, ReviewLoan] = {}
        for warning in self.model.rows:
            if warning.loan_id is not None and warning.loan_id not in seen:
                seen[warning.loan_id] = ReviewLoan(warning.loan_id, warning.contract_no, warning.borrower_name)
        return list(seen.values())

    def review_preselected(self) -> set[uuid.UUID]:
        warning = self.selected_warning()
        return {warning.loan_id} if warning is not None and warning.loan_id is not None else set()

    def selected_proposal(self) -> DisposalProposal | None:
        indexes = self.disposals.selectionModel().selectedRows()
        return self.disposals_model.data(indexes[0], ROW_ROLE) if indexes else None

    def open_loan_of(self, row: Any) -> QWidget | None:
        """The loan a warning or a disposal proposal is about, in its own window."""
        loan_id = getattr(row, "loan_id", None)
        if not isinstance(loan_id, uuid.UUID):
            return None
        from app.ui.loan_detail import LoanDetailDialog

        dialog = LoanDetailDialog(self.store, loan_id, as_of=self.today, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        return dialog

    def _update_disposal_buttons(self) -> None:
        proposal = self.selected_proposal()
        role, me = self.store.user.role, self.store.user.username
        proposed = proposal is not None and proposal.status is DisposalStatus.PROPOSED
        own = proposal is not None and proposal.proposed_by == me
        may_approve = has_permission(role, Permission.APPROVE_DISPOSAL)
        may_execute = has_permission(role, Permission.EXECUTE_DISPOSAL)
        # issue 20: an approved disposal may still wait for the district's step, which a district user takes
        awaiting = (proposal is not None and proposal.status is DisposalStatus.APPROVED
                    and proposal.district_approved_on is None and Role(role) is Role.DISTRICT)
        may_decide = (proposed or awaiting) and not own and may_approve
        self.approve_button.setEnabled(may_decide)
        self.reject_button.setEnabled(may_decide)
        self.execute_button.setEnabled(proposal is not None and proposal.status is DisposalStatus.APPROVED
                                       and may_execute)
        self.report_button.setEnabled(proposal is not None and proposal.status in rd.REPORTABLE
                                      and proposal.reported_to_finance_on is None and self._may_propose())
        # every greyed-out button says why, here beside the buttons (not only on hover)
        if not may_approve and not may_execute:
            hint = translate("Warnings", "Your role ({role}) may propose disposals but not approve or execute them: "
                                         "the district approves, the bank executes.", role=role_label(role))
        elif proposal is None:
            hint = translate("Warnings", "Select a proposal to approve, reject or execute it.")
        elif (proposed or awaiting) and own:
            hint = translate("Warnings", "You proposed this one; someone else approves it.")
        elif proposed and not may_approve:
            hint = translate("Warnings", "Your role ({role}) may not approve disposals.", role=role_label(role))
        elif proposal.status is DisposalStatus.APPROVED and not may_execute and not awaiting:
            hint = translate("Warnings", "Approved; the bank executes it.")
        elif not proposed and proposal.status is not DisposalStatus.APPROVED:
            hint = translate("Warnings", "This proposal is {status}: nothing more to decide.",
                             status=proposal.status.label)
        else:
            hint = ""
        self.disposal_hint.setText(hint)

    def decide_selected(self, approve: bool) -> DecisionDialog | None:
        proposal = self.selected_proposal()
        if proposal is None:
            return None
        dialog = DecisionDialog(translate("Warnings", "Approve the disposal") if approve
                                else translate("Warnings", "Reject the disposal"), need_note=not approve, parent=self)
        dialog.accepted.connect(lambda: self._write(lambda: rd.decide(self.store, proposal.id, approve,
                                                                      dialog.note.text(), on=self.today)))
        dialog.open()
        return dialog

    def execute_selected(self) -> DecisionDialog | None:
        proposal = self.selected_proposal()
        if proposal is None:
            return None
        dialog = DecisionDialog(translate("Warnings", "Execute the disposal"), need_note=False, parent=self)
        dialog.accepted.connect(lambda: self._write(lambda: rd.execute(self.store, proposal.id, dialog.note.text(),
                                                                       on=self.today)))
        dialog.open()
        return dialog

    def report_selected(self) -> DecisionDialog | None:
        """Record that the selected decided disposal went to 区财政局(金融办) in a named report, today."""
        proposal = self.selected_proposal()
        if proposal is None:
            return None
        dialog = DecisionDialog(translate("Warnings", "Reported to the finance office"), need_note=True, parent=self,
                                label=translate("Warnings", "Report (title or number):"),
                                explanation=translate("Warnings", "Records that this disposal was reported to "
                                                                  "区财政局(金融办) today, by you, in this report."))
        dialog.accepted.connect(lambda: self._write(lambda: rd.report_to_finance(
            self.store, [proposal.id], dialog.note.text(), on=self.today)))
        dialog.open()
        return dialog

    def _write(self, action: Any) -> None:
        run_in_background(self, lambda token: action(), on_success=lambda _: self.refresh(),
                          title=translate("Warnings", "Saving"), changes={DataKind.WARNINGS, DataKind.LOANS})


def create(store: Store) -> QWidget:
    return WarningsPage(store)
