"""Data exchange: bundles to the hub and back on a USB stick, the history of what travelled, the unsent count,
the conflicts and proposals a supervisor reviews, and enrolment (ARCHITECTURE.md "Change log, bundles and
enrollment", "Transports").

The page is a frame of sections, each in its own module: the stick bar (where bundles go; ``stick_bar``), the
enrolment steps a field laptop not yet registered sees instead of everything else (``enroll``), the transfer row
(unsent count, write and read; ``transfer``), the result of the last exchange, and the tabs: history, quarantine,
conflicts and proposals (``review``), and at the hub the field laptops (``nodes``). The page owns what they share (the
:class:`~app.ui.exchange.common.Host` they are given): the store, whether a job runs, background jobs, loading
everything again after each one, the result box and the dialogs. What the page shows is loaded off the GUI
thread from app/sync/status.py; the jobs are app/sync/folder.py and app/sync/enroll.py. File dialogs are
attributes (``pick_file``, ``pick_files`` here, ``pick_folder`` on the stick bar) so tests can replace them;
confirmations are non-blocking message boxes.

After each job the page tells the change board (app/ui/changes.py) what it changed: ``EXCHANGE`` always (the
unsent count in the status bar listens), and for bundles read the kinds of the tables their changes touched, so the
other pages show the new rows. The page itself reloads on ``EXCHANGE`` notices from elsewhere (background sync).

Signals: loaded() each time the lists have been (re)loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.errors import FieldbookError
from app.i18n import translate
from app.models.enums import NodeRole
from app.sync import status
from app.ui.changes import ALL_DATA, DataKind, notify, on_data_changed
from app.ui.exchange.common import ResultBox, lay_out_tab, table_view
from app.ui.exchange.drives import Drive
from app.ui.exchange.enroll import EnrollSteps
from app.ui.exchange.models import HistoryModel
from app.ui.exchange.nodes import NodesTab
from app.ui.exchange.review import ConflictsTab, ProposalsTab, QuarantineTab
from app.ui.exchange.stick_bar import StickBar
from app.ui.exchange.transfer import TransferBar
from app.ui.messages import show_error
from app.ui.operations import CancelToken, run_in_background
from app.ui.qtcompat import emit
from app.ui.widgets import page_header

T = TypeVar("T")


class ExchangePage(QWidget):
    loaded = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        role = store.user.role
        self.at_hub = store.info.role == NodeRole.HUB
        self.may_enroll = has_permission(role, Permission.ENROLL_NODES)
        self.may_review = has_permission(role, Permission.SIGN_OFF)
        self.pick_file: Callable[..., tuple[str, str]] = QFileDialog.getOpenFileName
        self.pick_files: Callable[..., tuple[list[str], str]] = QFileDialog.getOpenFileNames
        self.snapshot: status.Snapshot | None = None
        self.busy = False
        self.loading = False
        self._reload_again = False
        self.dialogs: list[QWidget] = []
        self._changed: set[DataKind] = set()

        subtitle = (translate("Exchange", "Exchange bundles with the field laptops by USB stick: read what they "
                                          "bring, write what each of them needs.") if self.at_hub else
                    translate("Exchange", "Carry this laptop's records to the hub on a USB stick, and bring back "
                                          "what the hub sends."))
        self.stick = StickBar()
        self.steps = EnrollSteps(self, self.may_enroll)
        self.main_view = self._build_main_view()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.steps)
        self.stack.addWidget(self.main_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(page_header(translate("Pages", "Data exchange"), subtitle))
        layout.addWidget(self.stick)
        layout.addWidget(self.stack, 1)
        self.stick.changed.connect(self._update_buttons)
        self.stick.refresh_drives()
        on_data_changed(self, {DataKind.EXCHANGE}, self.reload, skip_own=True)
        self.reload()

    def _build_main_view(self) -> QWidget:
        self.transfer = TransferBar(self, self.at_hub)
        self.result = ResultBox()
        self.history_model = HistoryModel(self)
        self.history_view = table_view(self.history_model, "historyTable",
                                       {0: 130, 1: 60, 2: 150, 3: 90, 4: 60, 5: 160})
        history = QWidget()
        lay_out_tab(history, self.history_view)
        self.conflicts = ConflictsTab(self)
        self.proposals = ProposalsTab(self)
        self.nodes = NodesTab(self, self.may_enroll)
        self.quarantine = QuarantineTab(self)
        for table in (self.conflicts.view, self.proposals.view, self.nodes.view, self.quarantine.view):
            table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("exchangeTabs")
        self.tabs.addTab(history, translate("Exchange", "History"))
        self.conflicts_tab = self.proposals_tab = self.nodes_tab = -1
        self.quarantine_tab = self.tabs.addTab(self.quarantine, "")
        if self.may_review:
            self.conflicts_tab = self.tabs.addTab(self.conflicts, "")
            if self.at_hub:
                self.proposals_tab = self.tabs.addTab(self.proposals, "")
        if self.at_hub:
            self.nodes_tab = self.tabs.addTab(self.nodes, translate("Exchange", "Field laptops"))
        self._set_tab_titles(0, 0, 0)

        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(self.transfer)
        layout.addWidget(self.result)
        layout.addWidget(self.tabs, 1)
        return view

    def _set_tab_titles(self, conflicts: int, proposals: int, quarantined: int) -> None:
        self.tabs.setTabText(self.quarantine_tab, translate("Exchange", "Quarantine ({n})", n=quarantined))
        if self.conflicts_tab >= 0:
            self.tabs.setTabText(self.conflicts_tab, translate("Exchange", "Conflicts to review ({n})", n=conflicts))
        if self.proposals_tab >= 0:
            self.tabs.setTabText(self.proposals_tab, translate("Exchange", "Proposed corrections ({n})",
                                                               n=proposals))

    # -- what the sections share (common.Host) ------------------------------------------------------------------
    def target(self) -> Drive | None:
        return self.stick.target()

    def start_dir(self) -> str:
        return self.stick.start_dir()

    def run(self, job: Callable[[CancelToken], T], *, title: str, on_success: Callable[[T], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, cancellable: bool = True) -> None:
        """Run ``job`` in the background; the page is busy until it ends, then everything is loaded again."""
        self._start()
        callbacks: dict[str, Any] = {"on_error": self._failed, "on_finished": self._done}
        if on_success is not None:
            callbacks["on_success"] = on_success
        if on_cancelled is not None:
            callbacks["on_cancelled"] = on_cancelled
        run_in_background(self, job, title=title, cancellable=cancellable, **callbacks)

    def save_decision(self, action: Callable[[], None], changes: Iterable[DataKind] = ()) -> None:
        """A review decision, an approval's revocation: a short write that is not cancelled; ``changes``: the kinds
        of records it writes besides the exchange's own."""
        if self.busy:
            return
        self._start()
        self.changed(changes)
        run_in_background(self, lambda token: action(), on_error=self._decision_failed,
                          on_finished=self._done, title=translate("Exchange", "Saving the decision"),
                          cancellable=False)

    def changed(self, kinds: Iterable[DataKind]) -> None:
        """The running job wrote records of ``kinds`` (told to the change board when it has ended)."""
        self._changed.update(kinds)

    def show_result(self, lines: list[tuple[str, bool]]) -> None:
        self.result.show_lines(lines)

    def result_text(self) -> str:
        """The summary shown, as plain text (for tests and the log)."""
        return self.result.text()

    def open_dialog(self, dialog: QWidget) -> None:
        # WA_DeleteOnClose: a closed dialog may be gone already
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d) and d.isVisible()] + [dialog]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if hasattr(dialog, "open"):
            dialog.open()

    def _start(self) -> None:
        self.busy = True
        self._update_buttons()

    def _done(self) -> None:
        self.busy = False
        self._update_buttons()
        kinds, self._changed = {DataKind.EXCHANGE, *self._changed}, set()
        notify(kinds, origin=self)
        self.reload()

    def _failed(self, exc: FieldbookError) -> None:
        self.changed(ALL_DATA)  # a job that failed half-way may have written before it did
        self.show_result([(exc.message, True)])
        show_error(self, exc.message)

    def _decision_failed(self, exc: FieldbookError) -> None:
        show_error(self, exc.message)

    # -- loading ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the unsent count and every list again, off the GUI thread."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        self._reload_again = False
        store, review = self.store, self.may_review

        def job(token: CancelToken) -> status.Snapshot:
            return status.snapshot(store, review)

        run_in_background(self, job, on_success=self._loaded, on_finished=self._load_finished,
                          title=translate("Exchange", "Loading the exchange history"), cancellable=False)

    def _load_finished(self) -> None:
        self.loading = False
        if self._reload_again:
            self.reload()

    def _loaded(self, snap: status.Snapshot) -> None:
        self.snapshot = snap
        enrolled = snap.unsent.enrolled or self.at_hub
        self.stack.setCurrentWidget(self.main_view if enrolled else self.steps)
        self.steps.set_fingerprint(snap.own_fingerprint)
        self.transfer.show_snapshot(snap)
        self.history_model.set_rows(snap.history)
        self.conflicts.model.set_rows(snap.conflicts)
        self.proposals.model.set_rows(snap.proposals)
        self.nodes.model.set_rows(snap.nodes)
        self.quarantine.model.set_rows(snap.quarantine)
        self._set_tab_titles(snap.conflicts_total, snap.proposals_total, snap.quarantine_total)
        self.transfer.fill_targets(self.nodes.model.rows)
        self._update_buttons()
        emit(self.loaded)

    def _update_buttons(self, *_args: Any) -> None:
        if not hasattr(self, "transfer"):
            return
        drive = self.target()
        enrolled = self.snapshot is not None and self.snapshot.unsent.enrolled
        self.transfer.update_buttons(self.busy, drive, enrolled)
        self.steps.update_buttons(self.busy, drive)
        self.conflicts.update_buttons(self.busy)
        self.proposals.update_buttons(self.busy)
        self.nodes.update_buttons(self.busy)
        self.quarantine.update_buttons(self.busy)


def create(store: Store) -> QWidget:
    return ExchangePage(store)
