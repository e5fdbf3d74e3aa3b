"""The transfer row of the Data exchange page: how much is unsent, who the peer is, and the buttons that write
bundles to the stick and read them back (run in the background, with progress and Cancel, ending with a summary in
plain words). At the hub a combo chooses which laptop to write for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import translate
from app.models.enums import NodeRole
from app.sync import folder as transport
from app.sync.status import NodeRow, Snapshot, unsent_text
from app.ui.changes import ALL_DATA, kinds_of_tables
from app.ui.exchange.common import BUNDLE_FILTER, DONE_COLOR, WAITING_COLOR, Host, button
from app.ui.exchange.drives import Drive
from app.ui.operations import CancelToken
from app.ui.widgets import MUTED_COLOR


class TransferBar(QWidget):
    def __init__(self, host: Host, at_hub: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host, self.at_hub = host, at_hub
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
        self.write_button = button(translate("Exchange", "Write bundle to the stick"), "writeBundles")
        self.write_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.write_button.clicked.connect(lambda: self.write_bundles())
        self.read_button = button(translate("Exchange", "Read bundles from the stick"), "readBundles")
        self.read_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.read_button.clicked.connect(lambda: self.read_bundles())
        self.pick_button = button(translate("Exchange", "Read chosen files…"), "pickBundles")
        self.pick_button.clicked.connect(self.read_chosen_files)

        # why a button is greyed out, under the buttons (not only on hover)
        self.why = QLabel()
        self.why.setObjectName("transferWhy")
        self.why.setWordWrap(True)
        self.why.setStyleSheet(f"color: {MUTED_COLOR};")

        # the summary on its own line, the buttons below it: on a netbook the two do not fit side by side
        status = QVBoxLayout()
        status.setSpacing(2)
        status.addWidget(self.unsent_label)
        status.addWidget(self.peer_label)
        row = QHBoxLayout()
        if at_hub:
            row.addWidget(QLabel(translate("Exchange", "Write for:")))
            row.addWidget(self.target_combo, 1)
        else:
            self.target_combo.setVisible(False)
            row.addStretch(1)
        row.addWidget(self.write_button)
        row.addWidget(self.read_button)
        row.addWidget(self.pick_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(status)
        column.addLayout(row)
        column.addWidget(self.why)

    # -- what is shown ------------------------------------------------------------------------------------------
    def show_snapshot(self, snap: Snapshot) -> None:
        counts = snap.unsent
        self.unsent_label.setText(unsent_text(counts))
        pending = counts.records if counts.role == NodeRole.FIELD else counts.nodes
        self.unsent_label.setStyleSheet("font-size: 13pt; font-weight: 600; color: %s;"
                                        % (WAITING_COLOR if pending or not counts.enrolled else DONE_COLOR))
        if self.at_hub:
            self.peer_label.setText(translate("Exchange", "This hub's fingerprint: {fingerprint}",
                                              fingerprint=snap.own_fingerprint))
        else:
            self.peer_label.setText(translate("Exchange", "Registered with the hub {hub} (fingerprint {fingerprint})",
                                              hub=snap.hub_name, fingerprint=snap.hub_fingerprint))

    def fill_targets(self, nodes: list[NodeRow]) -> None:
        """The laptops a bundle can be written for (active ones), after "every laptop with news"."""
        current = self.target_combo.currentData()
        self.target_combo.clear()
        self.target_combo.addItem(translate("Exchange", "Every laptop with news"), transport.ALL_NODES)
        for row in nodes:
            if row.revoked_at is None:
                self.target_combo.addItem(row.name, row.node_id)
        self.target_combo.setCurrentIndex(max(self.target_combo.findData(current), 0))

    def update_buttons(self, busy: bool, drive: Drive | None, enrolled: bool) -> None:
        problems: list[str] = []
        for widget in (self.write_button, self.read_button):
            problem = ""
            if busy:
                problem = translate("Exchange", "Another exchange is running.")
            elif drive is None:
                problem = translate("Exchange", "Insert a USB stick (then press Refresh) or choose a folder first.")
            elif widget is self.write_button and not enrolled:
                problem = translate("Exchange", "No field laptop is registered yet: approve its request on the "
                                                "\"Field laptops\" tab first.")
            widget.setEnabled(not problem)
            widget.setToolTip(problem)
            if problem and problem not in problems:
                problems.append(problem)
        self.pick_button.setEnabled(not busy)
        self.why.setText(" ".join(problems))
        self.why.setVisible(bool(problems))

    # -- writing and reading bundles ----------------------------------------------------------------------------
    def write_bundles(self, target: str | None = None) -> bool:
        """Write the bundle(s) to the chosen stick: for the hub (field laptop), or for every laptop with news or
        the one chosen (hub). Returns False if it could not start."""
        drive = self.host.target()
        if drive is None or self.host.busy:
            return False
        store, folder = self.host.store, drive.folder
        node = target
        if node is None and self.at_hub:
            node = self.target_combo.currentData() or None

        def job(token: CancelToken) -> transport.ExportSummary:
            return transport.write_bundles(store, folder, node, token)

        def written(summary: transport.ExportSummary) -> None:
            self.host.show_result([(line, False) for line in transport.export_text(summary).splitlines()])

        self.host.run(job, title=translate("Exchange", "Writing bundles to the stick"), on_success=written,
                      on_cancelled=lambda: self.host.show_result([(translate(
                          "Exchange", "Writing was cancelled; the files finished before stay complete."), False)]))
        return True

    def read_bundles(self) -> bool:
        """Read every bundle on the stick addressed to this computer."""
        drive = self.host.target()
        if drive is None or self.host.busy:
            return False
        store, folders = self.host.store, drive.scan_folders()

        def job(token: CancelToken) -> transport.ImportSummary:
            paths, others, _unreadable = transport.scan_for_bundles(store, folders)
            return transport.read_bundles(store, paths, token, for_others=others)

        self._run_import(job)
        return True

    def read_chosen_files(self) -> None:
        files, _filter = self.host.pick_files(self, translate("Exchange", "Choose bundle files"),
                                              self.host.start_dir(), BUNDLE_FILTER)
        if files:
            self.read_files([Path(f) for f in files])

    def read_files(self, paths: list[Path]) -> bool:
        if self.host.busy or not paths:
            return False
        store = self.host.store

        def job(token: CancelToken) -> transport.ImportSummary:
            return transport.read_bundles(store, paths, token)

        self._run_import(job)
        return True

    def _run_import(self, job: Callable[[CancelToken], transport.ImportSummary]) -> None:
        def finished(summary: transport.ImportSummary) -> None:
            self.host.changed(kinds_of_tables(table for report in summary.imported for table in report.tables))
            lines = transport.import_lines(summary)
            if self.at_hub and summary.imported:
                lines.append((translate("Exchange", "Write a bundle back to the stick now, so the laptop learns "
                                                    "what arrived here."), False))
            self.host.show_result(lines)

        def cancelled() -> None:
            self.host.changed(ALL_DATA)  # the bundles read before the cancel are applied; which is not known here
            self.host.show_result([(translate("Exchange", "Reading was cancelled; bundles read before that are "
                                                          "applied, the others are untouched."), False)])

        self.host.run(job, title=translate("Exchange", "Reading bundles from the stick"), on_success=finished,
                      on_cancelled=cancelled)
