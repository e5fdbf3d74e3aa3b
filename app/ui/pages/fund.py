"""Fund & subsidies: the risk compensation fund (风险补偿金) against its leverage limit with contributions and
compensation payouts; interest-subsidy claims (贴息) by bank and period with their decisions; outreach (宣传教育)
campaigns and sessions with photos.

Lists load off the GUI thread (``loading`` is true meanwhile); the dialogs write directly, as on the other pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import programs as pg
from app.domain.dates import day_text
from app.domain.money import yuan
from app.domain.scope import scope_street, visible_streets
from app.errors import FieldbookError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.programs import ClaimStatus
from app.ui.changes import DataKind, notify, on_data_changed
from app.ui.charts import ChartCard
from app.ui.ledger_export import LedgerExportDialog
from app.ui.operations import run_in_background
from app.ui.overdue_reports import OverdueReportsDialog
from app.ui.partials.controls import (
    action_button,
    bank_combo,
    button_row,
    export_button,
    filter_bar,
    open_ledger_export,
)
from app.ui.partials.dialogs import WriteDialog, open_modal
from app.ui.partials.editors import date_edit, fen_of, pydate, qdate, set_fen, yuan_edit
from app.ui.partials.table import ALERT_BACKGROUND, WARN_BACKGROUND, Column, RowsModel, make_table, selected_row
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR, page_header

CONTEXT = "ProgramPages"


MOVE_COLUMNS: list[Column[pg.FundMovementRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Date"), lambda r: day_text(r.on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Kind"),
           lambda r: translate("ProgramPages", "Contribution") if r.kind == "in"
           else translate("ProgramPages", "Compensation payout")),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Source or loans compensated"), lambda r: r.counterpart),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "In (yuan)"), lambda r: yuan(r.in_fen or None), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Out (yuan)"), lambda r: yuan(r.out_fen or None), True),
    # the fund's running balance, not a loan's (issue 21: "贷款余额（元）" here misled)
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Fund balance (yuan)"), lambda r: yuan(r.balance_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Note"), lambda r: r.note),
]

CLAIM_COLUMNS: list[Column[pg.ClaimRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Bank"), lambda r: r.bank_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Contract"), lambda r: r.contract_no),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Borrower"), lambda r: r.borrower_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Claimed on"), lambda r: day_text(r.claimed_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Claimed (yuan)"), lambda r: yuan(r.amount_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Status"),
           lambda r: translate("ProgramPages", "Refused by rule") if r.refused_by_rule else r.status.label),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Approved (yuan)"), lambda r: yuan(r.approved_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Decided on"), lambda r: day_text(r.decided_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Paid on"), lambda r: day_text(r.paid_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Paid (yuan)"), lambda r: yuan(r.paid_fen or None), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Reason"), lambda r: r.reason),
]

TOTAL_COLUMNS: list[Column[pg.SubsidyTotal]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Bank"), lambda r: r.bank_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Claims"), lambda r: str(r.claims), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Claimed (yuan)"), lambda r: yuan(r.claimed_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Pending (yuan)"), lambda r: yuan(r.pending_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Approved (yuan)"), lambda r: yuan(r.approved_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Refused (yuan)"), lambda r: yuan(r.refused_fen), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Paid (yuan)"), lambda r: yuan(r.paid_fen), True),
]

SESSION_COLUMNS: list[Column[pg.SessionRow]] = [
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Held on"), lambda r: day_text(r.held_on)),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Campaign"), lambda r: r.campaign_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Street"), lambda r: r.street_name),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Place"), lambda r: r.place),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Topic"), lambda r: r.topic),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Organiser"), lambda r: r.organiser),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "People reached"), lambda r: str(r.people_reached), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Photos"), lambda r: str(r.photos), True),
    Column(QT_TRANSLATE_NOOP("ProgramPages", "Note"), lambda r: r.note),
]

_CLAIM_TINT = {ClaimStatus.REFUSED: ALERT_BACKGROUND, ClaimStatus.CLAIMED: WARN_BACKGROUND}


def last_quarter(day: dt.date) -> str:
    quarter = (day.month - 1) // 3
    return f"{day.year}Q{quarter}" if quarter else f"{day.year - 1}Q4"


# == dialogs ==========================================================================================================
class ContributionDialog(WriteDialog):
    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Money paid into the fund"), parent)
        self.store = store
        self.on = date_edit(today, "contributionDate")
        self.amount = yuan_edit("contributionAmount")
        self.source = QComboBox()
        self.source.setObjectName("contributionSource")
        self.source.setEditable(True)
        self.source.addItems(["区财政局", "市财政局", "省财政厅", "经办银行"])
        self.note = QLineEdit()
        self.form.addRow(translate("ProgramPages", "Date:"), self.on)
        self.form.addRow(translate("ProgramPages", "Amount:"), self.amount)
        self.form.addRow(translate("ProgramPages", "Source:"), self.source)
        self.form.addRow(translate("ProgramPages", "Note:"), self.note)
        self.finish_form()

    def save(self) -> None:
        pg.add_contribution(self.store, pydate(self.on.date()), fen_of(self.amount), self.source.currentText(),
                            self.note.text())


class PayoutDialog(WriteDialog):
    """Compensation for one loan, settling one of the approved compensation claims, at most the fund's share of it
    (the fund pays only against an approved claim: app/domain/programs/fund.py)."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Compensation paid from the fund"), parent)
        self.store = store
        self.on = date_edit(today, "payoutDate")
        self.claim = QComboBox()
        self.claim.setObjectName("payoutClaim")
        with store.read() as session:
            self.candidates = pg.compensation_candidates(session)
        for candidate in self.candidates:
            self.claim.addItem(translate("ProgramPages", "{contract} {borrower} ({street}): claim {claim} yuan, the "
                                                         "fund pays up to {allowed} yuan, paid {paid} yuan",
                                  contract=candidate.contract_no, borrower=candidate.borrower_name,
                                  street=candidate.street_name, claim=yuan(candidate.claim_fen),
                                  allowed=yuan(candidate.allowed_fen), paid=yuan(candidate.paid_fen)), candidate)
        if not self.candidates:
            self.claim.addItem(translate("ProgramPages", "No approved compensation claim is waiting for payment"),
                               None)
        self.amount = yuan_edit("payoutAmount")
        self.note = QLineEdit()
        self.form.addRow(translate("ProgramPages", "Date:"), self.on)
        self.form.addRow(translate("ProgramPages", "Compensation claim:"), self.claim)
        self.form.addRow(translate("ProgramPages", "Amount:"), self.amount)
        self.form.addRow(translate("ProgramPages", "Note:"), self.note)
        self.finish_form()
        self.claim.currentIndexChanged.connect(self._chosen)
        self._chosen()

    def _chosen(self) -> None:
        candidate: pg.CompensationCandidate | None = self.claim.currentData()
        if candidate is not None:
            set_fen(self.amount, candidate.left_fen)

    def save(self) -> None:
        candidate: pg.CompensationCandidate | None = self.claim.currentData()
        if candidate is None:
            raise ValidationError(translate("ProgramPages", "The fund pays only against an approved compensation "
                                                            "claim; none is waiting for payment."))
        item = pg.PayoutItem(candidate.loan_id, fen_of(self.amount), candidate.disposal_id)
        pg.add_payout(self.store, pydate(self.on.date()), [item], self.note.text())


class ClaimDialog(WriteDialog):
    """The bank files a claim; one the rules refuse is kept as refused and the page says why."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "File an interest subsidy claim"), parent)
        self.store = store
        self.filed: pg.ClaimResult | None = None
        self.contract = QLineEdit()
        self.contract.setObjectName("claimContract")
        self.bank = bank_combo(store, "claimBank")
        self.period = QLineEdit(last_quarter(today))
        self.period.setObjectName("claimPeriod")
        self.period.setPlaceholderText("2026Q3")
        self.amount = yuan_edit("claimAmount")
        self.on = date_edit(min(today, dt.date.today()), "claimDate")
        self.form.addRow(translate("ProgramPages", "Loan contract:"), self.contract)
        self.form.addRow(translate("ProgramPages", "Bank:"), self.bank)
        self.form.addRow(translate("ProgramPages", "Period:"), self.period)
        self.form.addRow(translate("ProgramPages", "Amount:"), self.amount)
        self.form.addRow(translate("ProgramPages", "Claimed on:"), self.on)
        self.finish_form()

    def save(self) -> None:
        self.filed = pg.file_claim(self.store, self.contract.text(), self.period.text(), fen_of(self.amount),
                                    pydate(self.on.date()), bank=self.bank.currentData())


class DecideDialog(WriteDialog):
    """Approve (possibly a smaller amount) or refuse (with a reason) a claim."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, row: pg.ClaimRow, approve: bool, parent: QWidget | None = None) -> None:
        title = translate("ProgramPages", "Approve the claim") if approve else \
            translate("ProgramPages", "Refuse the claim")
        super().__init__(title, parent)
        self.store, self.row, self.approve = store, row, approve
        self.amount = yuan_edit("approvedAmount", row.amount_fen)
        self.note = QLineEdit()
        self.note.setObjectName("decisionNote")
        self.form.addRow(QLabel(translate("ProgramPages", "{contract} {borrower}, {period}: {amount} yuan claimed",
                                           contract=row.contract_no,
                                   borrower=row.borrower_name, period=row.period, amount=yuan(row.amount_fen))))
        if approve:
            self.form.addRow(translate("ProgramPages", "Approved amount:"), self.amount)
        label = translate("ProgramPages", "Note:") if approve else translate("ProgramPages", "Reason:")
        self.form.addRow(label, self.note)
        self.finish_form()

    def save(self) -> None:
        pg.decide_claim(self.store, self.row.claim_id, self.approve, self.note.text(),
                        fen_of(self.amount) if self.approve else None)


class CampaignDialog(WriteDialog):
    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "New outreach campaign"), parent)
        self.store = store
        self.name = QLineEdit()
        self.name.setObjectName("campaignName")
        self.starts = date_edit(today, "campaignStarts")
        self.ends = date_edit(today + dt.timedelta(days=30), "campaignEnds")
        self.organiser = QLineEdit()
        self.form.addRow(translate("ProgramPages", "Name:"), self.name)
        self.form.addRow(translate("ProgramPages", "Starts on:"), self.starts)
        self.form.addRow(translate("ProgramPages", "Ends on:"), self.ends)
        self.form.addRow(translate("ProgramPages", "Organiser:"), self.organiser)
        self.finish_form()

    def save(self) -> None:
        pg.add_campaign(self.store, self.name.text(), pydate(self.starts.date()), pydate(self.ends.date()),
                        self.organiser.text())


class SessionDialog(WriteDialog):
    """An outreach session with its photos (checked, shrunk if too large and stored encrypted in the database)."""

    CHANGES = frozenset({DataKind.PROGRAMMES})

    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramPages", "Record an outreach session"), parent)
        self.store = store
        self.images: list[Any] = []
        self.held_on = date_edit(min(today, dt.date.today()), "sessionDate")
        self.held_on.setMaximumDate(qdate(dt.date.today()))
        self.campaign = QComboBox()
        self.campaign.setObjectName("sessionCampaign")
        self.campaign.addItem(translate("ProgramPages", "No campaign"), None)
        self.street = QComboBox()
        self.street.setObjectName("sessionStreet")
        scope = scope_street(store)
        with store.read() as session:
            for campaign_id, name in pg.campaigns(session):
                self.campaign.addItem(name, campaign_id)
            streets = visible_streets(session, scope)
        if not scope:
            self.street.addItem(translate("ProgramPages", "District-wide"), None)
        for code, name in streets:
            self.street.addItem(name, code)
        self.place = QLineEdit()
        self.place.setObjectName("sessionPlace")
        self.topic = QLineEdit()
        self.topic.setObjectName("sessionTopic")
        self.organiser = QLineEdit()
        self.reached = QSpinBox()
        self.reached.setObjectName("sessionReached")
        self.reached.setRange(0, 100_000)
        self.photos = QLabel(translate("ProgramPages", "No photos"))
        self.photos.setObjectName("sessionPhotos")
        add_photos = action_button(translate("ProgramPages", "Add photos…"), "addSessionPhotos")
        add_photos.clicked.connect(self.choose_photos)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(add_photos)
        self.form.addRow(translate("ProgramPages", "Held on:"), self.held_on)
        self.form.addRow(translate("ProgramPages", "Campaign:"), self.campaign)
        self.form.addRow(translate("ProgramPages", "Street:"), self.street)
        self.form.addRow(translate("ProgramPages", "Place:"), self.place)
        self.form.addRow(translate("ProgramPages", "Topic:"), self.topic)
        self.form.addRow(translate("ProgramPages", "Organiser:"), self.organiser)
        self.form.addRow(translate("ProgramPages", "People reached:"), self.reached)
        self.form.addRow(translate("ProgramPages", "Photos:"), photo_row)
        self.finish_form()

    def choose_photos(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, translate("ProgramPages", "Photos of the session"),
                                                str(Path.home()),
                                                translate("ProgramPages", "Pictures (*.jpg *.jpeg *.png *.bmp *.gif "
                                                                          "*.webp *.tif *.tiff)"))
        self.add_photo_files([Path(n) for n in names])

    def add_photo_files(self, paths: list[Path]) -> None:
        from app.domain.attachments import read_image_file

        for path in paths:
            try:
                self.images.append(read_image_file(path))
            except FieldbookError as exc:
                self.problem.setText(exc.message)
        self.photos.setText(translate("ProgramPages", "{n} photos", n=len(self.images)) if self.images
                            else translate("ProgramPages", "No photos"))

    def save(self) -> None:
        pg.add_session(self.store, pg.SessionInput(
            pydate(self.held_on.date()), self.place.text(), self.topic.text(), self.organiser.text(),
            self.reached.value(), self.street.currentData(), self.campaign.currentData(), "", tuple(self.images)))


# == the page =========================================================================================================
@dataclass
class _Loaded:
    position: pg.FundPosition
    moves: list[pg.FundMovementRow]
    claims: list[pg.ClaimRow]
    sessions: list[pg.SessionRow]


class FundPage(QWidget):
    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.loading = False
        self.manage = pg.may_manage(store)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(page_header(translate("ProgramPages", "Fund & subsidies"), translate("ProgramPages",
            "The risk compensation fund against its leverage limit, interest-subsidy claims and outreach. As of "
            "{date}.", date=self.today.isoformat())))
        self.message = QLabel()
        self.message.setObjectName("fundMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("fundTabs")
        self.tabs.addTab(self._fund_tab(), translate("ProgramPages", "Risk compensation fund"))
        self.tabs.addTab(self._subsidy_tab(), translate("ProgramPages", "Interest subsidies"))
        self.tabs.addTab(self._outreach_tab(), translate("ProgramPages", "Outreach"))
        layout.addWidget(self.tabs, 1)
        on_data_changed(self, {DataKind.PROGRAMMES, DataKind.LOANS, DataKind.WARNINGS}, self.refresh)
        self.refresh()

    def _export_button(self, kind: str, name: str) -> QPushButton:
        button = export_button(self.store, kind, name)
        button.clicked.connect(lambda: self.open_export(kind))
        return button

    def _fund_tab(self) -> QWidget:
        no_manage = "" if self.manage else translate("ProgramPages", "District staff manage the fund.")
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        for index, (key, label) in enumerate((
                ("balance", translate("ProgramPages", "Fund balance")),
                ("covered", translate("ProgramPages", "Covered loans")),
                ("leverage", translate("ProgramPages", "Leverage")),
                ("headroom", translate("ProgramPages", "Room under the limit")))):
            caption = QLabel(label)
            caption.setStyleSheet(f"color: {MUTED_COLOR};")
            value = QLabel()
            value.setObjectName(f"fund_{key}")
            value.setStyleSheet("font-size: 12pt; font-weight: 600;")
            # two by two: four figures side by side did not fit a netbook ("716,000.0" clipped)
            grid.addWidget(caption, index // 2 * 2, index % 2)
            grid.addWidget(value, index // 2 * 2 + 1, index % 2)
            self.figures[key] = value
        self.leverage_state = QLabel()
        self.leverage_state.setObjectName("leverageState")
        self.leverage_state.setWordWrap(True)
        self.fund_chart = ChartCard()
        self.fund_chart.setMinimumWidth(320)
        add = action_button(translate("ProgramPages", "Add contribution…"), "addContribution", no_manage)
        add.clicked.connect(self.add_contribution)
        payout = action_button(translate("ProgramPages", "Record payout…"), "recordPayout", no_manage)
        payout.clicked.connect(self.record_payout)
        overdue = action_button(translate("ProgramPages", "Overdue loans to report…"), "overdueReports")
        overdue.clicked.connect(self.overdue_reports)
        self.move_model: RowsModel[pg.FundMovementRow] = RowsModel(MOVE_COLUMNS, context=CONTEXT)
        view = make_table(self.move_model, "fundMoves", (100, 110, 360, 120, 120, 130))
        box = QWidget()
        layout = QVBoxLayout(box)
        top = QHBoxLayout()
        figures = QVBoxLayout()
        figures.addLayout(grid)
        figures.addWidget(self.leverage_state)
        figures.addStretch(1)
        top.addLayout(figures, 3)
        top.addWidget(self.fund_chart, 2)
        layout.addLayout(top)
        layout.addLayout(button_row(add, payout, overdue, self._export_button("fund", "exportFundLedger")))
        layout.addWidget(view, 1)
        return box

    def _subsidy_tab(self) -> QWidget:
        no_bank = "" if pg.may_file_claims(self.store) else translate("ProgramPages", "The lending bank files claims.")
        no_manage = "" if self.manage else translate("ProgramPages", "District staff decide claims.")
        self.bank_filter = QComboBox()
        self.bank_filter.setObjectName("claimBank")
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("claimPeriodFilter")
        for combo in (self.bank_filter, self.period_filter):
            combo.currentIndexChanged.connect(self._filter_claims)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        file_claim = action_button(translate("ProgramPages", "File claim…"), "fileClaim", no_bank)
        file_claim.clicked.connect(self.file_claim)
        approve = action_button(translate("ProgramPages", "Approve…"), "approveClaim", no_manage)
        approve.clicked.connect(lambda: self.decide(True))
        refuse = action_button(translate("ProgramPages", "Refuse…"), "refuseClaim", no_manage)
        refuse.clicked.connect(lambda: self.decide(False))
        paid = action_button(translate("ProgramPages", "Mark paid"), "payClaim", no_manage)
        paid.clicked.connect(self.mark_paid)
        self.total_model: RowsModel[pg.SubsidyTotal] = RowsModel(TOTAL_COLUMNS, context=CONTEXT)
        self.claim_model: RowsModel[pg.ClaimRow] = RowsModel(
            CLAIM_COLUMNS, context=CONTEXT, tint=lambda r: _CLAIM_TINT.get(r.status),
            tip=lambda r, c: r.reason or None)
        self.claim_view = make_table(self.claim_model, "claimTable",
                                     (170, 70, 90, 190, 70, 90, 90, 110, 90, 90, 90, 90))
        totals = make_table(self.total_model, "subsidyTotals", (200, 80, 60, 120, 120, 120, 120, 120))
        totals.horizontalHeader().setStretchLastSection(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(totals)
        split.addWidget(self.claim_view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        box = QWidget()
        layout = QVBoxLayout(box)
        filters = filter_bar((translate("ProgramPages", "Bank:"), self.bank_filter),
                             (translate("ProgramPages", "Period:"), self.period_filter))
        layout.addLayout(filters)
        layout.addLayout(button_row(file_claim, approve, refuse, paid,
                                   self._export_button("subsidies", "exportSubsidyLedger")))
        layout.addWidget(split, 1)
        return box

    def _outreach_tab(self) -> QWidget:
        no_manage = "" if self.manage else translate("ProgramPages", "District staff set up campaigns.")
        campaign = action_button(translate("ProgramPages", "New campaign…"), "newCampaign", no_manage)
        campaign.clicked.connect(self.new_campaign)
        session = action_button(translate("ProgramPages", "Record session…"), "recordSession",
                                "" if pg.may_record_outreach(self.store) else translate("ProgramPages", "Your role "
                                                                                                        "may not "
                                                                                                        "record "
                                                                                                        "sessions."))
        session.clicked.connect(self.record_session)
        self.session_model: RowsModel[pg.SessionRow] = RowsModel(SESSION_COLUMNS, context=CONTEXT)
        self.session_view = make_table(self.session_model, "sessionTable", (100, 160, 100, 170, 200, 150, 80, 60))
        self.session_view.selectionModel().selectionChanged.connect(self._show_photos)
        self.thumbs = QHBoxLayout()
        self.thumbs.addStretch(1)
        self.reach_summary = QLabel()
        self.reach_summary.setObjectName("reachSummary")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(button_row(campaign, session, self._export_button("outreach", "exportOutreachLedger")))
        layout.addWidget(self.reach_summary)
        layout.addWidget(self.session_view, 1)
        layout.addLayout(self.thumbs)
        return box

    # -- loading ---------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        store, today, scope = self.store, self.today, scope_street(self.store)

        def job(token: Any) -> _Loaded:
            position = pg.fund_position(store, today)
            with store.read() as session:
                return _Loaded(position, pg.fund_movements(session, today), pg.claim_rows(session, scope),
                               pg.session_rows(session, scope))

        run_in_background(self, job, on_success=self._loaded, on_finished=self._finished)

    def _finished(self) -> None:
        self.loading = False

    def _loaded(self, data: _Loaded) -> None:
        position = data.position
        self.position = position
        self.figures["balance"].setText(translate("ProgramPages", "{amount} yuan", amount=yuan(position.balance_fen)))
        self.figures["covered"].setText(translate("ProgramPages", "{amount} yuan ({n} loans)",
                                                   amount=yuan(position.covered_fen),
                                           n=position.covered_count))
        self.figures["leverage"].setText(translate("ProgramPages", "{ratio} × (limit {limit} ×)", limit=position.limit,
                                            ratio=f"{position.leverage:.2f}" if position.leverage is not None else "—"))
        self.figures["headroom"].setText(translate("ProgramPages", "{amount} yuan", amount=yuan(position.headroom_fen)))
        if position.balance_fen <= 0:  # no ratio to speak of: say what an empty fund means
            self.leverage_state.setText(pg.fund_status_lines(position)[-1])
            self.leverage_state.setStyleSheet(f"color: {ERROR_COLOR if position.exceeded else MUTED_COLOR};"
                                              + (" font-weight: 600;" if position.exceeded else ""))
        elif position.exceeded:
            self.leverage_state.setText(translate("ProgramPages", "Over the limit: the covered loans exceed {limit} "
                                                                  "times the fund. Add to "
                                           "the fund or stop new lending under the cover.", limit=position.limit))
            self.leverage_state.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: 600;")
        else:
            self.leverage_state.setText(translate("ProgramPages", "Within the limit of {limit} times the fund.",
                                                   limit=position.limit))
            self.leverage_state.setStyleSheet(f"color: {MUTED_COLOR};")
        covered = translate("ProgramPages", "Covered loans")
        self.fund_chart.set_series(pg.Series("fund_leverage", translate("ProgramPages", "Covered loans against the "
                                                                                        "limit"), "yuan", (
            (covered, position.covered_fen / 100),
            (translate("ProgramPages", "Limit ({n}× fund)", n=position.limit),
             position.limit * max(position.balance_fen, 0) / 100)),
            (covered,) if position.exceeded else ()))
        self.move_model.set_rows(data.moves)
        self.all_claims = data.claims
        for combo, values in ((self.bank_filter, sorted({c.bank_name for c in data.claims})),
                              (self.period_filter, sorted({c.period for c in data.claims}, reverse=True))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("ProgramPages", "All"), None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._filter_claims()
        self.session_model.set_rows(data.sessions)
        self.reach_summary.setText(translate("ProgramPages", "{n} sessions reached {people} people.",
                                             n=len(data.sessions),
                                      people=sum(s.people_reached for s in data.sessions)))

    def _filter_claims(self) -> None:
        rows = getattr(self, "all_claims", [])
        bank, period = self.bank_filter.currentData(), self.period_filter.currentData()
        if bank:
            rows = [r for r in rows if r.bank_name == bank]
        if period:
            rows = [r for r in rows if r.period == period]
        self.claim_model.set_rows(rows)
        self.total_model.set_rows(pg.subsidy_totals(rows))

    def _show_photos(self, *_: Any) -> None:
        while self.thumbs.count() > 1:
            item = self.thumbs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        row: pg.SessionRow | None = selected_row(self.session_view)
        if row is None or not row.photos:
            return
        with self.store.read() as session:
            photos = pg.session_photos(session, row.session_id)
        for position, (_attachment, thumbnail, name) in enumerate(photos):
            label = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(thumbnail)
            label.setPixmap(pixmap)
            label.setToolTip(name)
            self.thumbs.insertWidget(position, label)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
        self.message.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> QDialog:
        return open_modal(dialog, self.refresh)

    def add_contribution(self) -> QDialog:
        return self._run(ContributionDialog(self.store, self.today, self))

    def record_payout(self) -> QDialog:
        return self._run(PayoutDialog(self.store, self.today, self))

    def overdue_reports(self) -> QDialog:
        """The overdue loans to report to the fund (issue 20: within 15 days of falling overdue)."""
        dialog = OverdueReportsDialog(self.store, self.today, self)
        dialog.open()
        return dialog

    def file_claim(self) -> QDialog:
        dialog = ClaimDialog(self.store, self.today, self)
        dialog.accepted.connect(lambda: self._claim_filed(dialog))
        return self._run(dialog)

    def _claim_filed(self, dialog: ClaimDialog) -> None:
        result = dialog.filed
        if result is None:
            return
        if result.status is ClaimStatus.REFUSED:
            self.show_message(translate("ProgramPages", "The claim was recorded and refused by rule: {reason}",
                                         reason=result.reason),
                              error=True)
        else:
            self.show_message(translate("ProgramPages", "The claim was filed."))

    def decide(self, approve: bool) -> QDialog | None:
        row: pg.ClaimRow | None = selected_row(self.claim_view)
        if row is None:
            return None
        if row.status is not ClaimStatus.CLAIMED:
            self.show_message(translate("ProgramPages", "This claim was decided already ({status}).",
                                         status=row.status.label), error=True)
            return None
        return self._run(DecideDialog(self.store, row, approve, self))

    def mark_paid(self) -> None:
        row: pg.ClaimRow | None = selected_row(self.claim_view)
        if row is None:
            return
        try:
            pg.pay_claim(self.store, row.claim_id)
        except FieldbookError as exc:
            self.show_message(exc.message, error=True)
            return
        self.show_message(translate("ProgramPages", "Claim of {contract} marked paid.", contract=row.contract_no))
        notify(DataKind.PROGRAMMES)
        self.refresh()

    def new_campaign(self) -> QDialog:
        return self._run(CampaignDialog(self.store, self.today, self))

    def record_session(self) -> QDialog:
        return self._run(SessionDialog(self.store, self.today, self))

    def open_export(self, kind: str) -> LedgerExportDialog:
        return open_ledger_export(self, self.store, kind)


def create(store: Store) -> QWidget:
    return FundPage(store)

