"""The bar at the top of the Data exchange page: which USB stick (or folder) bundles are written to and read from.
Removable drives mounted now are offered first, then a folder chosen earlier.

Signals: changed() whenever the chosen place changes (or the list of drives does).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QWidget

from app.i18n import translate
from app.ui.exchange.common import button
from app.ui.exchange.drives import STICK_FOLDER, Drive, describe, removable_drives
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR


class StickBar(QFrame):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: the folder dialog (tests replace it)
        self.pick_folder: Callable[..., str] = QFileDialog.getExistingDirectory
        self.drives: list[Drive] = []
        self.chosen: Drive | None = None
        self.setObjectName("stickBar")
        self.setStyleSheet("#stickBar { background: #f4f6f9; border: 1px solid #dde3eb; border-radius: 6px; }")
        self.drive_combo = QComboBox()
        self.drive_combo.setObjectName("driveCombo")
        self.drive_combo.setMinimumWidth(380)
        self.drive_combo.currentIndexChanged.connect(self._drive_changed)
        self.refresh_button = button(translate("Exchange", "Refresh"), "refreshDrives")
        self.refresh_button.setToolTip(translate("Exchange", "Look again for USB sticks (after inserting one)"))
        self.refresh_button.clicked.connect(lambda: self.refresh_drives())
        self.folder_button = button(translate("Exchange", "Choose a folder…"), "chooseFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        self.drive_hint = QLabel()
        self.drive_hint.setObjectName("driveHint")
        self.drive_hint.setStyleSheet(f"color: {MUTED_COLOR};")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        label = QLabel(translate("Exchange", "USB stick:"))
        label.setStyleSheet("font-weight: 600;")
        row.addWidget(label)
        row.addWidget(self.drive_combo, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.drive_hint)

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

    def target(self) -> Drive | None:
        """The drive or folder chosen now (None: nowhere to write or read)."""
        root = self.drive_combo.currentData() if self.drive_combo.count() else None
        if not root:
            return None
        if self.chosen is not None and str(self.chosen.root) == root:
            return self.chosen
        return next((d for d in self.drives if str(d.root) == root), None)

    def start_dir(self) -> str:
        """Where file dialogs open: the stick's Fieldbook folder, else the stick, else the home folder."""
        drive = self.target()
        if drive is None:
            return str(Path.home())
        return str(drive.folder if drive.folder.is_dir() else drive.root)

    def _drive_changed(self, *_args: Any) -> None:
        drive = self.target()
        # a chosen folder is named in the combo already; on a stick, say which folder of it
        removable = drive is not None and drive.removable
        self.drive_hint.setText(translate("Exchange", "Files go to its folder \"{folder}\"", folder=STICK_FOLDER)
                                if removable else "")
        self.drive_combo.setToolTip(str(drive.folder) if drive is not None else "")
        emit(self.changed)
