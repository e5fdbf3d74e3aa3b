"""In-app help: the user guide (PDF), the keyboard shortcuts, the version and where the data and logs live, and
the View menu's display preferences (larger text, high contrast; ``app.ui.theme``).

The guide is ``resources/manual/fieldbook-manual.pdf`` in an installed build (the installer ships it). A source
checkout has no built PDF: it is built on demand from ``docs/manual/`` into the node's ``tmp`` folder (in the
background; a few seconds) and opened from there. Opening files and folders goes through :func:`open_url`, so
tests can replace it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.db.store import Store
from app.errors import FieldbookError
from app.i18n import noop, translate
from app.paths import RESOURCES
from app.settings import UI_HIGH_CONTRAST, UI_TEXT_SCALE
from app.ui import theme
from app.ui.changes import changes
from app.ui.messages import show_error
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit

MANUAL_NAME = "fieldbook-manual.pdf"
SHIPPED_MANUAL = RESOURCES / "manual" / MANUAL_NAME
MANUAL_SOURCES = RESOURCES.parent / "docs" / "manual"


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the system's viewer (replaced in tests)."""
    return bool(QDesktopServices.openUrl(url))


def open_path(path: Path) -> bool:
    return open_url(QUrl.fromLocalFile(str(path)))


def has_pdf_viewer() -> bool:
    """Whether the desktop has an application for PDF files (Linux: xdg-mime knows one; elsewhere assumed)."""
    if not sys.platform.startswith("linux"):
        return True
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None or shutil.which("xdg-open") is None:
        return False
    try:
        answer = subprocess.run([xdg_mime, "query", "default", "application/pdf"], capture_output=True, text=True,
                                timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(answer.stdout.strip())


class ManualWindow(QDialog):
    """The user guide inside Fieldbook (QtPdf), for a computer with no PDF viewer: F1 is never a dead end."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        from app.ui.print_preview import PdfPreview

        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setWindowTitle(translate("Help", "User guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.preview = PdfPreview()
        self.preview.setObjectName("manualPreview")
        self.preview.set_pdf(path.read_bytes())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(900, 720)


def show_pdf(parent: QWidget, path: Path) -> QDialog | None:
    """Open ``path`` in the desktop's PDF viewer, or inside Fieldbook when there is none (returns that window)."""
    if has_pdf_viewer() and open_path(path):
        return None
    window = ManualWindow(path, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    return window


def built_manual(store: Store) -> Path:
    return store.paths.tmp / MANUAL_NAME


def _sources_mtime() -> float:
    files = [MANUAL_SOURCES / "manual.md", MANUAL_SOURCES / "build_pdf.py", *MANUAL_SOURCES.glob("images/*.png")]
    return max((f.stat().st_mtime for f in files if f.exists()), default=0.0)


def manual_if_ready(store: Store) -> Path | None:
    """The guide to open without building: the shipped one, or one built earlier and still current."""
    if SHIPPED_MANUAL.exists():
        return SHIPPED_MANUAL
    built = built_manual(store)
    if built.exists() and built.stat().st_mtime >= _sources_mtime():
        return built
    return None


def can_build_manual() -> bool:
    return (MANUAL_SOURCES / "build_pdf.py").exists() and (MANUAL_SOURCES / "manual.md").exists()


def build_manual(out: Path) -> Path:
    """Build the guide from ``docs/manual`` into ``out`` (source checkouts only)."""
    spec = importlib.util.spec_from_file_location("fieldbook_manual_build", MANUAL_SOURCES / "build_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: Path = module.build(out)
    return result


def open_guide(parent: QWidget, store: Store) -> Path | None:
    """Open the user guide; builds it first when this is a source checkout. Returns the PDF when ready now."""
    ready = manual_if_ready(store)
    if ready is not None:
        show_pdf(parent, ready)
        return ready
    if not can_build_manual():
        show_error(parent, translate("Help", "The user guide is not part of this installation. Ask whoever "
                                             "installed Fieldbook for the file fieldbook-manual.pdf."))
        return None
    out = built_manual(store)
    out.parent.mkdir(parents=True, exist_ok=True)

    def job(token: Any) -> Path:
        try:
            return build_manual(out)
        except OSError as exc:  # full disk, unwritable tmp folder: an environmental error, not a bug
            raise FieldbookError(str(exc)) from exc

    def failed(exc: FieldbookError) -> None:
        show_error(parent, translate("Help", "The user guide could not be made: {reason}", reason=exc.message))

    run_in_background(parent, job, on_success=lambda path: show_pdf(parent, path), on_error=failed,
                      title=translate("Help", "Preparing the user guide…"))
    return None


# -- the dialogs -------------------------------------------------------------------------------------------
_ = noop
SHORTCUTS = (
    ("F1", _("Help", "Open this user guide")),
    ("Ctrl+F", _("Help", "Go to the filter box of the page (households, loans)")),
    ("Enter", _("Help", "Open the selected household, loan, task or record")),
    ("Ctrl+S", _("Help", "Save the form as a draft now (drafts are also saved every few seconds)")),
    ("Ctrl+Enter", _("Help", "Submit the form")),
    ("Esc", _("Help", "Close the form; what was typed is kept as a draft")),
    ("Alt+Right / Ctrl+PgDown", _("Help", "In a form opened from the workbench: keep the draft and go to the "
                                          "next task")),
    ("Alt+Left / Ctrl+PgUp", _("Help", "In a form opened from the workbench: go back to the previous task")),
    ("Tab / Shift+Tab", _("Help", "Next / previous field")),
    ("Alt+V / Alt+H", _("Help", "Open the View / Help menu")),
    ("Ctrl+L", _("Help", "Lock Fieldbook now")),
    ("Ctrl+= / Ctrl+-", _("Help", "Larger / normal text")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setObjectName("shortcuts")
        table.setHorizontalHeaderLabels([translate("Help", "Keys"), translate("Help", "What they do")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, text) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(translate("Help", text)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Help", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 460)


class AboutDialog(QDialog):
    """The version, this node, and where the data, backups and logs are (with buttons that open them)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "About Fieldbook"))
        title = QLabel(translate("Help", "Fieldbook (扶贫小额信贷外业手簿) {version}", version=__version__))
        title.setObjectName("aboutVersion")
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        node = QLabel(translate("Help", "This computer's node: {name} ({role}), node id {node}",
                                name=store.info.name, role=store.info.role, node=store.info.node_id[:8]))
        node.setWordWrap(True)
        grid = QGridLayout()
        self.folders: dict[str, Path] = {
            "data": store.paths.root, "backups": store.paths.backups, "logs": store.paths.logs}
        labels = {"data": translate("Help", "Data (encrypted database):"),
                  "backups": translate("Help", "Backups:"),
                  "logs": translate("Help", "Logs (no personal data):")}
        for row, (key, folder) in enumerate(self.folders.items()):
            path = QLabel(str(folder))
            path.setObjectName(f"folder_{key}")
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            path.setWordWrap(True)
            button = QPushButton(translate("Help", "Open folder"))
            button.setObjectName(f"open_{key}")
            button.clicked.connect(lambda _checked=False, f=folder: open_path(f))
            grid.addWidget(QLabel(labels[key]), row, 0)
            grid.addWidget(path, row, 1)
            grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)
        note = QLabel(translate("Help", "Copy the backups folder to a USB stick regularly; a backup opens with any "
                                        "user's password or with the recovery code written down at setup. "
                                        "When asking for help, send the newest file in the logs folder."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Help", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(node)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 320)


# -- the menus --------------------------------------------------------------------------------------------
def set_display(store: Store, text_scale: int | None = None, high_contrast: bool | None = None) -> None:
    """Change the display preferences of this computer and apply them at once."""
    if text_scale is not None:
        store.set_setting(UI_TEXT_SCALE, text_scale)
        emit(changes().setting_changed, UI_TEXT_SCALE.key)
    if high_contrast is not None:
        store.set_setting(UI_HIGH_CONTRAST, high_contrast)
        emit(changes().setting_changed, UI_HIGH_CONTRAST.key)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.apply(app, theme.Preferences(store.setting(UI_TEXT_SCALE), store.setting(UI_HIGH_CONTRAST)))


class HelpMenus:
    """The View and Help menus of the main window."""

    def __init__(self, window: QMainWindow, store: Store) -> None:
        self.window = window
        self.store = store
        self.dialogs: list[QDialog] = []
        bar = window.menuBar()
        bar.setObjectName("menuBar")
        view = bar.addMenu(translate("Help", "&View"))
        view.setObjectName("viewMenu")
        self.scale_group = QActionGroup(window)
        self.scale_actions: dict[int, QAction] = {}
        for scale in theme.TEXT_SCALES:
            action = QAction(translate("Help", "Text size {n} %", n=scale), window)
            action.setCheckable(True)
            action.setObjectName(f"textScale{scale}")
            action.triggered.connect(lambda _checked=False, s=scale: self.set_scale(s))
            self.scale_group.addAction(action)
            view.addAction(action)
            self.scale_actions[scale] = action
        self.scale_actions[100].setShortcut(QKeySequence("Ctrl+-"))
        bigger = QAction(translate("Help", "Larger text"), window)
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        bigger.triggered.connect(self.larger)
        window.addAction(bigger)
        view.addSeparator()
        self.contrast_action = QAction(translate("Help", "&High contrast (sunlight)"), window)
        self.contrast_action.setObjectName("highContrast")
        self.contrast_action.setCheckable(True)
        self.contrast_action.toggled.connect(self.set_contrast)
        view.addAction(self.contrast_action)

        help_menu = bar.addMenu(translate("Help", "&Help"))
        help_menu.setObjectName("helpMenu")
        self.guide_action = QAction(translate("Help", "&User guide"), window)
        self.guide_action.setObjectName("userGuide")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(self.open_guide)
        self.shortcuts_action = QAction(translate("Help", "&Keyboard shortcuts"), window)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(translate("Help", "&About: version, data and logs folders"), window)
        self.about_action.setObjectName("about")
        self.about_action.triggered.connect(self.show_about)
        for action in (self.guide_action, self.shortcuts_action, self.about_action):
            help_menu.addAction(action)
        self.sync()

    def sync(self) -> None:
        """Check the entries that match the stored preferences."""
        scale = self.store.setting(UI_TEXT_SCALE)
        if scale in self.scale_actions:
            self.scale_actions[scale].setChecked(True)
        self.contrast_action.blockSignals(True)
        self.contrast_action.setChecked(self.store.setting(UI_HIGH_CONTRAST))
        self.contrast_action.blockSignals(False)

    def set_scale(self, scale: int) -> None:
        set_display(self.store, text_scale=scale)
        self.sync()

    def larger(self) -> None:
        current = self.store.setting(UI_TEXT_SCALE)
        bigger = [s for s in theme.TEXT_SCALES if s > current]
        if bigger:
            self.set_scale(bigger[0])

    def set_contrast(self, on: bool) -> None:
        set_display(self.store, high_contrast=on)

    def open_guide(self) -> Path | None:
        return open_guide(self.window, self.store)

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()
        return dialog

    def show_shortcuts(self) -> QDialog:
        return self._show(ShortcutsDialog(self.window))

    def show_about(self) -> QDialog:
        return self._show(AboutDialog(self.store, self.window))
