"""Data exchange: bundles to the hub and back on a USB stick, the history of what travelled, the unsent count,
the conflicts and proposals a supervisor reviews, and enrolment (ARCHITECTURE.md "Change log, bundles and
enrollment", "Transports").

Removable drives are offered first; any folder can be chosen instead. Writing and reading run in the background
(app/ui/operations.py) with progress and Cancel, and end with a summary in plain words. A field laptop not yet
registered sees the three enrolment steps instead; the hub approves requests and revokes laptops on the
"Field laptops" tab. File dialogs are attributes (``pick_folder``, ``pick_file``, ``pick_files``) so tests can
replace them; confirmations are non-blocking message boxes.

Signals: loaded() each time the lists have been (re)loaded.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import translate
from app.models.enums import NodeRole
from app.sync import enroll
from app.sync.merge.review import decide_proposal, mark_conflict_reviewed
from app.ui import exchange_data as data
from app.ui.exchange_drives import STICK_FOLDER, Drive, describe, removable_drives
from app.ui.exchange_enroll import ApproveDialog, EnrollSteps, FingerprintDialog
from app.ui.exchange_models import ConflictsModel, HistoryModel, NodesModel, ProposalsModel, RowsModel
from app.ui.exchange_status import notify_exchanged
from app.ui.messages import open_box, show_error
from app.ui.operations import run_in_background
from app.ui.pages.warnings import configure_table
from app.ui.qtcompat import emit
from app.ui.widgets import ERROR_COLOR, MUTED_COLOR, page_header

BUNDLE_FILTER = "Fieldbook (*.fbb)"
ENROLL_FILTER = "Fieldbook (*.json)"
WAITING_COLOR = "#a15c00"
DONE_COLOR = "#1e7a34"


def _table(model: RowsModel[Any], name: str, widths: dict[int, int]) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    configure_table(view)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    return view


def _tab(view: QTableView, *buttons: QPushButton, hint: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.addWidget(view, 1)
    if buttons or hint:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {MUTED_COLOR};")
            row.addWidget(label, 1)
        else:
            row.addStretch(1)
        layout.addLayout(row)
    return box


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


class ExchangePage(QWidget):
    loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        role = store.user.role
        self.at_hub = store.info.role == NodeRole.HUB
        self.may_enroll = has_permission(role, Permission.ENROLL_NODES)
        self.may_review = has_permission(role, Permission.SIGN_OFF)
        self.pick_folder: Callable[..., str] = QFileDialog.getExistingDirectory
        self.pick_file: Callable[..., tuple[str, str]] = QFileDialog.getOpenFileName
        self.pick_files: Callable[..., tuple[list[str], str]] = QFileDialog.getOpenFileNames
        self.snapshot: data.Snapshot | None = None
        self.drives: list[Drive] = []
        self.chosen: Drive | None = None
        self.busy = False
        self.loading = False
        self.dialogs: list[QWidget] = []
        self.question: QMessageBox | None = None

        subtitle = (translate("Exchange", "Exchange bundles with the field laptops by USB stick: read what they "
                                          "bring, write what each of them needs.") if self.at_hub else
                    translate("Exchange", "Carry this laptop's records to the hub on a USB stick, and bring back "
                                          "what the hub sends."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(page_header(translate("Pages", "Data exchange"), subtitle))
        layout.addWidget(self._build_stick_bar())
        self.stack = QStackedWidget()
        self.steps = EnrollSteps(self.may_enroll)
        self.steps.write_button.clicked.connect(lambda: self.write_request())
        self.steps.read_button.clicked.connect(lambda: self.read_response())
        self.main_view = self._build_main_view()
        self.stack.addWidget(self.steps)
        self.stack.addWidget(self.main_view)
        layout.addWidget(self.stack, 1)
        self.refresh_drives()
        self.reload()

    # -- the stick ----------------------------------------------------------------------------------------
    def _build_stick_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("stickBar")
        bar.setStyleSheet("#stickBar { background: #f4f6f9; border: 1px solid #dde3eb; border-radius: 6px; }")
        self.drive_combo = QComboBox()
        self.drive_combo.setObjectName("driveCombo")
        self.drive_combo.setMinimumWidth(380)
        self.drive_combo.currentIndexChanged.connect(self._drive_changed)
        self.refresh_button = _button(translate("Exchange", "Refresh"), "refreshDrives")
        self.refresh_button.setToolTip(translate("Exchange", "Look again for USB sticks (after inserting one)"))
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button = _button(translate("Exchange", "Choose a folder…"), "chooseFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        self.drive_hint = QLabel()
        self.drive_hint.setObjectName("driveHint")
        self.drive_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        label = QLabel(translate("Exchange", "USB stick:"))
        label.setStyleSheet("font-weight: 600;")
        row.addWidget(label)
        row.addWidget(self.drive_combo, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.drive_hint)
        return bar

    def refresh_drives(self, drives: list[Drive] | None = None) -> None:
        """List the removable drives mounted now (first), then a folder chosen earlier."""
        self.drives = removable_drives() if drives is None else drives
        current = self.target()
        self.drive_combo.blockSignals(True)
        self.drive_combo.clear()
        for drive in self.drives:
            self.drive_combo.addItem(drive.label(), str(drive.root))
        if self.chosen is not None:
            self.drive_combo.addItem(translate("Exchange", "Folder: {path}", path=str(self.chosen.root)),
                                     str(self.chosen.root))
        if self.drive_combo.count() == 0:
            self.drive_combo.addItem(translate("Exchange", "No USB stick found: insert one and press Refresh, or "
                                                           "choose a folder"), "")
        index = self.drive_combo.findData(str(current.root)) if current is not None else -1
        self.drive_combo.setCurrentIndex(max(index, 0))
        self.drive_combo.blockSignals(False)
        self._drive_changed()

    def choose_folder(self) -> None:
        start = str(self.chosen.root) if self.chosen else str(Path.home())
        folder = self.pick_folder(self, translate("Exchange", "Choose the folder for bundles"), start)
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Use ``folder`` (a stick mounted where we do not look, a shared folder) instead of a drive."""
        self.chosen = describe(folder, removable=False)
        self.refresh_drives(self.drives)
        self.drive_combo.setCurrentIndex(self.drive_combo.findData(str(folder)))

    def start_dir(self) -> str:
        """Where file dialogs open: the stick's Fieldbook folder, else the stick, else the home folder."""
        drive = self.target()
        if drive is None:
            return str(Path.home())
        return str(drive.folder if drive.folder.is_dir() else drive.root)

    def target(self) -> Drive | None:
        root = self.drive_combo.currentData() if self.drive_combo.count() else None
        if not root:
            return None
        if self.chosen is not None and str(self.chosen.root) == root:
            return self.chosen
        return next((d for d in self.drives if str(d.root) == root), None)

    def _drive_changed(self, *_args: Any) -> None:
        drive = self.target()
        # a chosen folder is named in the combo already; on a stick, say which folder of it
        removable = drive is not None and drive.removable
        self.drive_hint.setText(translate("Exchange", "Files go to its folder \"{folder}\"", folder=STICK_FOLDER)
                                if removable else "")
        self.drive_combo.setToolTip(str(drive.folder) if drive is not None else "")
        self._update_buttons()

    # -- the main view ------------------------------------------------------------------------------------
    def _build_main_view(self) -> QWidget:
        view = QWidget()
        self.unsent_label = QLabel()
        self.unsent_label.setObjectName("unsentSummary")
        self.unsent_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.peer_label = QLabel()
        self.peer_label.setObjectName("peerSummary")
        self.peer_label.setStyleSheet(f"color: {MUTED_COLOR};")
        self.peer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.target_combo = QComboBox()
        self.target_combo.setObjectName("exportTarget")
        self.target_combo.setMinimumWidth(200)
        self.write_button = _button(translate("Exchange", "Write bundle to the stick"), "writeBundles")
        self.write_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.write_button.clicked.connect(lambda: self.write_bundles())
        self.read_button = _button(translate("Exchange", "Read bundles from the stick"), "readBundles")
        self.read_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.read_button.clicked.connect(lambda: self.read_bundles())
        self.pick_button = _button(translate("Exchange", "Read chosen files…"), "pickBundles")
        self.pick_button.clicked.connect(self.read_chosen_files)

        self.result = QLabel()
        self.result.setObjectName("exchangeResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_box = QFrame()
        self.result_box.setObjectName("resultBox")
        self.result_box.setStyleSheet("#resultBox { background: #fbfcfe; border: 1px solid #dde3eb; "
                                      "border-left: 4px solid #3b5a80; border-radius: 4px; }")
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(12, 8, 12, 8)
        result_layout.addWidget(self.result)
        self.result_box.setVisible(False)

        self.history_model = HistoryModel(self)
        self.history_view = _table(self.history_model, "historyTable",
                                   {0: 130, 1: 60, 2: 150, 3: 90, 4: 60, 5: 160})
        self.conflicts_model = ConflictsModel(self)
        self.conflicts_view = _table(self.conflicts_model, "conflictsTable",
                                     {0: 90, 1: 90, 2: 150, 3: 100, 4: 120, 5: 120, 6: 230})
        self.review_button = _button(translate("Exchange", "Mark conflict reviewed"), "markReviewed")
        self.review_button.clicked.connect(self.mark_reviewed)
        self.proposals_model = ProposalsModel(self)
        self.proposals_view = _table(self.proposals_model, "proposalsTable", {0: 130, 1: 230, 2: 180})
        self.accept_button = _button(translate("Exchange", "Accept"), "acceptProposal")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = _button(translate("Exchange", "Reject"), "rejectProposal")
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.nodes_model = NodesModel(self)
        self.nodes_view = _table(self.nodes_model, "nodesTable",
                                 {0: 150, 1: 110, 2: 80, 3: 170, 4: 90, 5: 90, 6: 130})
        self.approve_button = _button(translate("Exchange", "Approve a request…"), "approveRequest")
        self.approve_button.clicked.connect(lambda: self.approve_request())
        self.revoke_button = _button(translate("Exchange", "Revoke…"), "revokeNode")
        self.revoke_button.clicked.connect(self.revoke_selected)
        for table in (self.conflicts_view, self.proposals_view, self.nodes_view):
            table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("exchangeTabs")
        self.tabs.addTab(_tab(self.history_view), translate("Exchange", "History"))
        self.conflicts_tab = self.proposals_tab = self.nodes_tab = -1
        if self.may_review:
            self.conflicts_tab = self.tabs.addTab(_tab(self.conflicts_view, self.review_button, hint=translate(
                "Exchange", "The kept value is in the record already; the value that lost is only kept here. "
                            "Correct the record itself if the lost value was right.")), "")
            if self.at_hub:
                self.proposals_tab = self.tabs.addTab(_tab(self.proposals_view, self.accept_button,
                                                           self.reject_button, hint=translate(
                    "Exchange", "Accepting writes the proposed values into the household; rejecting keeps the "
                                "hub's. Either way the laptop receives the decision with the next bundle.")), "")
        if self.at_hub:
            self.nodes_tab = self.tabs.addTab(_tab(self.nodes_view, self.approve_button, self.revoke_button),
                                              translate("Exchange", "Field laptops"))
        self._set_tab_titles(0, 0)

        status = QVBoxLayout()
        status.setSpacing(2)
        status.addWidget(self.unsent_label)
        status.addWidget(self.peer_label)
        actions = QHBoxLayout()
        actions.addLayout(status, 1)
        if self.at_hub:
            actions.addWidget(QLabel(translate("Exchange", "Write for:")))
            actions.addWidget(self.target_combo)
        else:
            self.target_combo.setVisible(False)
        actions.addWidget(self.write_button)
        actions.addWidget(self.read_button)
        actions.addWidget(self.pick_button)

        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.result_box)
        layout.addWidget(self.tabs, 1)
        return view

    def _set_tab_titles(self, conflicts: int, proposals: int) -> None:
        if self.conflicts_tab >= 0:
            self.tabs.setTabText(self.conflicts_tab, translate("Exchange", "Conflicts to review ({n})", n=conflicts))
        if self.proposals_tab >= 0:
            self.tabs.setTabText(self.proposals_tab, translate("Exchange", "Proposed corrections ({n})",
                                                               n=proposals))

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the unsent count and every list again, off the GUI thread."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        self._reload_again = False
        store, review = self.store, self.may_review

        def job(token: Any) -> data.Snapshot:
            return data.snapshot(store, review)

        run_in_background(self, job, on_success=self._loaded, on_finished=self._load_finished,
                          title=translate("Exchange", "Loading the exchange history"), cancellable=False)

    def _load_finished(self) -> None:
        self.loading = False
        if self._reload_again:
            self.reload()

    def _loaded(self, snap: data.Snapshot) -> None:
        self.snapshot = snap
        enrolled = snap.unsent.enrolled or self.at_hub
        self.stack.setCurrentWidget(self.main_view if enrolled else self.steps)
        self.steps.set_fingerprint(snap.own_fingerprint)
        counts = snap.unsent
        self.unsent_label.setText(data.unsent_text(counts))
        pending = counts.records if counts.role == NodeRole.FIELD else counts.nodes
        self.unsent_label.setStyleSheet("font-size: 13pt; font-weight: 600; color: %s;"
                                        % (WAITING_COLOR if pending or not counts.enrolled else DONE_COLOR))
        if self.at_hub:
            self.peer_label.setText(translate("Exchange", "This hub's fingerprint: {fingerprint}",
                                              fingerprint=snap.own_fingerprint))
        else:
            self.peer_label.setText(translate("Exchange", "Registered with the hub {hub} (fingerprint {fingerprint})",
                                              hub=snap.hub_name, fingerprint=snap.hub_fingerprint))
        self.history_model.set_rows(snap.history)
        self.conflicts_model.set_rows(snap.conflicts)
        self.proposals_model.set_rows(snap.proposals)
        self.nodes_model.set_rows(snap.nodes)
        self._set_tab_titles(snap.conflicts_total, snap.proposals_total)
        self._fill_targets()
        self._update_buttons()
        emit(self.loaded)

    def _fill_targets(self) -> None:
        current = self.target_combo.currentData()
        self.target_combo.clear()
        self.target_combo.addItem(translate("Exchange", "Every laptop with news"), data.ALL_NODES)
        for row in self.nodes_model.rows:
            if row.revoked_at is None:
                self.target_combo.addItem(row.name, row.node_id)
        self.target_combo.setCurrentIndex(max(self.target_combo.findData(current), 0))

    def _selected(self, view: QTableView) -> Any:
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        model = view.model()
        return model.row_at(rows[0].row()) if rows and isinstance(model, RowsModel) else None

    def _update_buttons(self, *_args: Any) -> None:
        if not hasattr(self, "write_button"):
            return
        drive = self.target()
        no_drive = translate("Exchange", "Insert a USB stick (then press Refresh) or choose a folder first.")
        enrolled = self.snapshot is not None and self.snapshot.unsent.enrolled
        for button in (self.write_button, self.read_button):
            problem = ""
            if self.busy:
                problem = translate("Exchange", "Another exchange is running.")
            elif drive is None:
                problem = no_drive
            elif button is self.write_button and not enrolled:
                problem = translate("Exchange", "No field laptop is registered yet: approve its request on the "
                                                "\"Field laptops\" tab first.")
            button.setEnabled(not problem)
            button.setToolTip(problem)
        self.pick_button.setEnabled(not self.busy)
        for button in (self.steps.write_button, self.steps.read_button):
            if self.may_enroll:
                button.setEnabled(not self.busy and (drive is not None or button is self.steps.read_button))
                button.setToolTip("" if drive is not None or button is self.steps.read_button else no_drive)
        self.review_button.setEnabled(not self.busy and self._selected(self.conflicts_view) is not None)
        has_proposal = self._selected(self.proposals_view) is not None
        self.accept_button.setEnabled(not self.busy and has_proposal)
        self.reject_button.setEnabled(not self.busy and has_proposal)
        node = self._selected(self.nodes_view)
        self.approve_button.setEnabled(self.may_enroll and not self.busy)
        self.revoke_button.setEnabled(self.may_enroll and not self.busy and node is not None
                                      and node.revoked_at is None)
        if not self.may_enroll:
            reason = translate("Exchange", "Only the hub's administrator registers and revokes laptops.")
            self.approve_button.setToolTip(reason)
            self.revoke_button.setToolTip(reason)

    # -- results ------------------------------------------------------------------------------------------
    def show_result(self, lines: list[tuple[str, bool]]) -> None:
        parts = []
        for text, bad in lines:
            escaped = html.escape(text).replace("\n", "<br>")
            parts.append(f'<span style="color:{ERROR_COLOR};">{escaped}</span>' if bad else escaped)
        self.result.setText("<br>".join(parts))
        self.result_box.setVisible(bool(parts))

    def result_text(self) -> str:
        """The summary shown, as plain text (for tests and the log)."""
        doc = self.result.text().replace("<br>", "\n")
        return html.unescape(re.sub(r"<[^>]+>", "", doc))

    def _start(self) -> None:
        self.busy = True
        self._update_buttons()

    def _done(self) -> None:
        self.busy = False
        self._update_buttons()
        notify_exchanged()
        self.reload()

    def _failed(self, exc: Any) -> None:
        self.show_result([(exc.message, True)])
        show_error(self, exc.message)

    # -- writing and reading bundles ----------------------------------------------------------------------
    def write_bundles(self, target: str | None = None) -> bool:
        """Write the bundle(s) to the chosen stick: for the hub (field laptop), or for every laptop with news or
        the one chosen (hub). Returns False if it could not start."""
        drive = self.target()
        if drive is None or self.busy:
            return False
        store, folder = self.store, drive.folder
        node = target
        if node is None and self.at_hub:
            node = self.target_combo.currentData() or None
        self._start()

        def job(token: Any) -> data.ExportSummary:
            return data.write_bundles(store, folder, node, token)

        run_in_background(self, job, on_success=lambda s: self.show_result(
            [(line, False) for line in data.export_text(s).splitlines()]), on_error=self._failed,
            on_cancelled=lambda: self.show_result([(translate("Exchange", "Writing was cancelled; the files "
                                                                          "finished before stay complete."), False)]),
            on_finished=self._done, title=translate("Exchange", "Writing bundles to the stick"))
        return True

    def read_bundles(self) -> bool:
        """Read every bundle on the stick addressed to this computer."""
        drive = self.target()
        if drive is None or self.busy:
            return False
        store, folders = self.store, drive.scan_folders()
        self._start()

        def job(token: Any) -> data.ImportSummary:
            paths, others, _unreadable = data.scan_for_bundles(store, folders)
            return data.read_bundles(store, paths, token, for_others=others)

        self._run_import(job)
        return True

    def read_chosen_files(self) -> None:
        files, _filter = self.pick_files(self, translate("Exchange", "Choose bundle files"), self.start_dir(),
                                         BUNDLE_FILTER)
        if files:
            self.read_files([Path(f) for f in files])

    def read_files(self, paths: list[Path]) -> bool:
        if self.busy or not paths:
            return False
        store = self.store
        self._start()

        def job(token: Any) -> data.ImportSummary:
            return data.read_bundles(store, paths, token)

        self._run_import(job)
        return True

    def _run_import(self, job: Callable[[Any], data.ImportSummary]) -> None:
        def finished(summary: data.ImportSummary) -> None:
            lines = data.import_lines(summary)
            if self.at_hub and summary.imported:
                lines.append((translate("Exchange", "Write a bundle back to the stick now, so the laptop learns "
                                                    "what arrived here."), False))
            self.show_result(lines)

        run_in_background(self, job, on_success=finished, on_error=self._failed,
                          on_cancelled=lambda: self.show_result([(translate(
                              "Exchange", "Reading was cancelled; bundles read before that are applied, the "
                                          "others are untouched."), False)]),
                          on_finished=self._done, title=translate("Exchange", "Reading bundles from the stick"))

    # -- review -------------------------------------------------------------------------------------------
    def mark_reviewed(self) -> None:
        conflict = self._selected(self.conflicts_view)
        if conflict is not None:
            self._review(lambda: mark_conflict_reviewed(self.store, conflict.id))

    def decide(self, accept: bool) -> None:
        proposal = self._selected(self.proposals_view)
        if proposal is not None:
            proposal_id: uuid.UUID = proposal.id
            self._review(lambda: decide_proposal(self.store, proposal_id, accept))

    def _review(self, action: Callable[[], None]) -> None:
        if self.busy:
            return
        self._start()
        run_in_background(self, lambda token: action(), on_error=lambda exc: show_error(self, exc.message),
                          on_finished=self._done, title=translate("Exchange", "Saving the decision"),
                          cancellable=False)

    # -- enrolment: field laptop --------------------------------------------------------------------------
    def write_request(self) -> bool:
        drive = self.target()
        if drive is None or self.busy:
            return False
        store, path = self.store, data.request_file(self.store, drive.folder)
        self._start()

        def job(token: Any) -> str:
            path.parent.mkdir(parents=True, exist_ok=True)
            return enroll.write_request(store, path)

        def written(fingerprint: str) -> None:
            self.show_result([(translate("Exchange", "Registration request written to {path}.", path=str(path)),
                               False)])
            self._open(FingerprintDialog(
                translate("Exchange", "Registration request written"),
                translate("Exchange", "The request is on the stick: {path}. Take it to the hub. The administrator "
                                      "there must see exactly this fingerprint:", path=str(path)),
                fingerprint,
                translate("Exchange", "Keep this screen at hand (or write the characters down) to compare them."),
                self))

        run_in_background(self, job, on_success=written, on_error=self._failed, on_finished=self._done,
                          title=translate("Exchange", "Writing the registration request"), cancellable=False)
        return True

    def read_response(self, path: Path | None = None) -> bool:
        if self.busy:
            return False
        if path is None:
            drive = self.target()
            path = data.find_certificate(self.store, drive.scan_folders()) if drive is not None else None
        if path is None:
            chosen, _filter = self.pick_file(self, translate("Exchange", "Choose the hub's response"),
                                             self.start_dir(), ENROLL_FILTER)
            if not chosen:
                return False
            path = Path(chosen)
        store, response = self.store, path
        self._start()

        def job(token: Any) -> enroll.Acceptance:
            return enroll.accept(store, response)

        def accepted(result: enroll.Acceptance) -> None:
            self.show_result([(translate("Exchange", "Registered with the hub {hub}.", hub=result.hub_name), False)])
            self._open(FingerprintDialog(
                translate("Exchange", "Registered with the hub"),
                translate("Exchange", "This laptop is now registered with the hub {hub} until {date}. The hub's "
                                      "fingerprint is:", hub=result.hub_name,
                          date=result.expires_at.date().isoformat()),
                result.hub_fingerprint,
                translate("Exchange", "The hub's screen showed the same characters after approving. If they "
                                      "differ, do not exchange data and tell your supervisor."), self))

        run_in_background(self, job, on_success=accepted, on_error=self._failed, on_finished=self._done,
                          title=translate("Exchange", "Reading the hub's response"), cancellable=False)
        return True

    # -- enrolment: hub -----------------------------------------------------------------------------------
    def approve_request(self, path: Path | None = None) -> ApproveDialog | None:
        """Open a request (the only one on the stick, or a chosen file) and show who asks, with the fingerprint
        to compare; approving writes the response next to the request."""
        if self.busy:
            return None
        if path is None:
            drive = self.target()
            found = data.find_requests(drive.scan_folders()) if drive is not None else []
            if len(found) == 1:
                path = found[0]
            else:
                chosen, _filter = self.pick_file(self, translate("Exchange", "Choose the registration request"),
                                                 self.start_dir(), ENROLL_FILTER)
                if not chosen:
                    return None
                path = Path(chosen)
        try:
            preview = data.preview_request(self.store, path)
        except enroll.EnrollError as exc:
            show_error(self, exc.message)
            return None
        dialog = ApproveDialog(preview, self)
        dialog.accepted.connect(lambda: self._approve(preview))
        self._open(dialog)
        return dialog

    def _approve(self, preview: data.RequestPreview) -> None:
        store, request = self.store, preview.path
        out = data.certificate_file(request.parent, preview.node_id)
        self._start()

        def job(token: Any) -> enroll.Approval:
            return enroll.approve(store, request, out)

        def approved(result: enroll.Approval) -> None:
            self.show_result([(translate("Exchange", "{name} is registered for street {street}; the response is "
                                                     "on the stick: {path}.", name=result.name,
                                         street=preview.street_name or result.street, path=str(out)), False)])
            self._open(FingerprintDialog(
                translate("Exchange", "Response written"),
                translate("Exchange", "{name} is registered. Take the stick back to the laptop and read the "
                                      "response there; the laptop will then show the hub's fingerprint:",
                          name=result.name),
                result.hub_fingerprint,
                translate("Exchange", "Bundles from this laptop are accepted from now on."), self))

        run_in_background(self, job, on_success=approved, on_error=self._failed, on_finished=self._done,
                          title=translate("Exchange", "Approving the request"), cancellable=False)

    def revoke_selected(self) -> QMessageBox | None:
        node = self._selected(self.nodes_view)
        if node is None or self.busy:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, translate("Exchange", "Revoke a laptop"), translate(
            "Exchange", "Revoke {name} ({node})? Its bundles are refused from then on, and it cannot register "
                        "again with the same identity. Do this when a laptop is lost or retired.",
            name=node.name, node=node.node_id[:8]), QMessageBox.StandardButton.NoButton, self)
        revoke = box.addButton(translate("Exchange", "Revoke"), QMessageBox.ButtonRole.DestructiveRole)
        revoke.setObjectName("confirmRevoke")
        box.addButton(translate("Exchange", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        node_id = node.node_id

        def answered(_result: int) -> None:
            if box.clickedButton() is revoke:
                self._review(lambda: self._revoke(node_id))

        box.finished.connect(answered)
        self.question = open_box(box)
        return box

    def _revoke(self, node_id: str) -> None:
        enroll.revoke(self.store, node_id)

    def _open(self, dialog: QWidget) -> None:
        # WA_DeleteOnClose: a closed dialog may be gone already
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d) and d.isVisible()] + [dialog]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if hasattr(dialog, "open"):
            dialog.open()


def create(store: Store) -> QWidget:
    return ExchangePage(store)
