"""Display preferences for work in the field: larger text and a high-contrast theme for sunlight.

Both are node-scope settings (``app.settings.UI_TEXT_SCALE``, ``UI_HIGH_CONTRAST``) kept in ``node.json``, so
the login window already shows them and any user may change them (they are not district rules). They are
applied once at start (:func:`apply`, from ``app.ui.application.start_gui``) and again whenever they change
(the main window's View menu, the settings page).

How it works:
- **Text size**: the application font is the base size times the scale; widgets that inherit it follow.
- **Style sheets**: some labels set their own ``font-size: …pt`` or a soft colour in a widget style sheet, which
  an application style sheet cannot override (Qt prefers the widget's own sheet). An application event filter
  (:class:`_Restyler`) rewrites each widget's sheet when it is polished or its sheet changes: point sizes are
  scaled, and in high contrast the soft colours (grey hints, amber, green) become dark ones. The original sheet
  is kept in a dynamic property, so switching back restores it exactly.
- **High contrast**: a black-on-white palette (black frame colours, so drop-down lists and date fields keep the
  style's own arrows) with a dark-blue selection, 2 px black borders on text inputs, lists and buttons,
  a thick blue focus frame (the keyboard position is visible in sunlight) and black table headers.
- **Touch targets**: buttons, inputs and list rows are at least :data:`TOUCH_MIN` px high in every theme
  (2-in-1 tablets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: the text sizes offered (percent of the normal size)
TEXT_SCALES = (100, 125, 150)
#: smallest height of anything a finger has to hit, in device-independent pixels
TOUCH_MIN = 32

_ORIGINAL = "fieldbookOriginalStyleSheet"
_POINT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")
#: soft colours used across app/ui and their high-contrast replacements
CONTRAST_COLOURS = {
    "#5f6368": "#000000",  # muted hints
    "#a15c00": "#5c3100",  # waiting, maturing soon
    "#8a5a00": "#5c3100",
    "#1e7a34": "#0a4a1a",  # done
    "#1e6b34": "#0a4a1a",
    "#b3261e": "#8b0000",  # errors, overdue
    "#c0c0c0": "#000000",
    "#d8dce3": "#000000",
    "#dde3eb": "#000000",
    "#d5dce6": "#000000",
    "#dadce0": "#000000",
    "#f3f5f8": "#ffffff",
    "#f4f6f9": "#ffffff",
    "#1a5fb4": "#0033a0",
}

BASE_SHEET = f"""
QPushButton, QToolButton {{ min-height: {TOUCH_MIN - 8}px; }}
QLineEdit, QComboBox {{ min-height: {TOUCH_MIN - 6}px; }}
QDateEdit, QSpinBox {{ min-height: {TOUCH_MIN - 3}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 18px; height: 18px; }}
"""

CONTRAST_SHEET = f"""
QWidget {{ color: #000000; }}
QLineEdit, QPlainTextEdit, QTextEdit, QListWidget, QListView, QTableView,
QTreeView {{ border: 2px solid #000000; background: #ffffff; color: #000000; }}
QLineEdit {{ padding: 2px 4px; min-height: {TOUCH_MIN - 6}px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QListView:focus, QTableView:focus, QTreeView:focus {{ border: 3px solid #0033a0; }}
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] {{ background: #eeeeee; }}
QPushButton {{ border: 2px solid #000000; border-radius: 3px; background: #f0f0f0; color: #000000;
              padding: 4px 12px; min-height: {TOUCH_MIN - 8}px; }}
QPushButton:default {{ border-width: 3px; }}
QPushButton:focus {{ border: 3px solid #0033a0; background: #dce6ff; }}
QPushButton:pressed {{ background: #b8c8f0; }}
QPushButton:disabled {{ color: #555555; border-color: #555555; background: #f7f7f7; }}
QPushButton:flat {{ border: none; background: transparent; text-decoration: underline; }}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid #0033a0; }}
QCheckBox::indicator {{ border: 2px solid #000000; background: #ffffff; }}
QCheckBox::indicator:checked {{ background: #0033a0; border: 4px double #000000; }}
QCheckBox::indicator:disabled {{ border-color: #555555; }}
QHeaderView::section {{ background: #000000; color: #ffffff; padding: 4px; border: 1px solid #ffffff;
                       font-weight: bold; }}
QTableView {{ gridline-color: #000000; selection-background-color: #0033a0; selection-color: #ffffff; }}
QGroupBox {{ font-weight: bold; border: 2px solid #000000; border-radius: 3px; margin-top: 1.4em;
            padding-top: 0.4em; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QTabBar::tab {{ border: 2px solid #000000; padding: 6px 14px; background: #f0f0f0; color: #000000; }}
QTabBar::tab:selected {{ background: #000000; color: #ffffff; }}
QToolTip {{ background: #ffffe0; color: #000000; border: 2px solid #000000; }}
QStatusBar {{ border-top: 2px solid #000000; }}
"""


@dataclass(frozen=True)
class Preferences:
    text_scale: int = 100
    high_contrast: bool = False

    @property
    def factor(self) -> float:
        return self.text_scale / 100


_current = Preferences()
_started = False
_applying = False
_base_point_size: float | None = None
_restyler: _Restyler | None = None


def current() -> Preferences:
    return _current


def preferences_of(info: object) -> Preferences:
    """The preferences kept in a node's ``node.json`` (a NodeInfo), defaults where it has none."""
    from app.settings import UI_HIGH_CONTRAST, UI_TEXT_SCALE

    try:
        scale = UI_TEXT_SCALE.validate(getattr(info, "text_scale", UI_TEXT_SCALE.default))
        contrast = UI_HIGH_CONTRAST.validate(getattr(info, "high_contrast", UI_HIGH_CONTRAST.default))
    except Exception:  # a hand-edited node.json must not stop the application from starting
        return Preferences()
    return Preferences(scale, contrast)


def node_preferences(data_dir: Path) -> Preferences:
    from app.db.store import NodeInfo
    from app.errors import FieldbookError
    from app.paths import NodePaths

    try:
        return preferences_of(NodeInfo.load(NodePaths(data_dir)))
    except FieldbookError:
        return Preferences()


def contrast_palette() -> QPalette:
    palette = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, white), (roles.WindowText, black), (roles.Base, white),
                         (roles.AlternateBase, QColor("#ececec")), (roles.Text, black),
                         (roles.Button, QColor("#f0f0f0")), (roles.ButtonText, black),
                         (roles.BrightText, white), (roles.Highlight, QColor("#0033a0")),
                         (roles.HighlightedText, white), (roles.ToolTipBase, QColor("#ffffe0")),
                         (roles.ToolTipText, black), (roles.PlaceholderText, QColor("#3c3c3c")),
                         (roles.Link, QColor("#0033a0")), (roles.LinkVisited, QColor("#4b0082")),
                         (roles.Mid, black), (roles.Dark, black), (roles.Shadow, black)):
        palette.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#555555"))
    return palette


def restyle(sheet: str, prefs: Preferences) -> str:
    """A widget style sheet adjusted to ``prefs``: point sizes scaled, soft colours darkened in high contrast."""
    if prefs.text_scale != 100:
        sheet = _POINT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * prefs.factor:.1f}pt", sheet)
    if prefs.high_contrast:
        for soft, strong in CONTRAST_COLOURS.items():
            sheet = re.sub(re.escape(soft), strong, sheet, flags=re.IGNORECASE)
    return sheet


class _Restyler(QObject):
    """Rewrites widget style sheets as they are polished or changed (see the module docstring)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if _applying:  # apply() restyles every widget itself, from the kept originals
            return False
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange) and isinstance(watched, QWidget):
            restyle_widget(watched)
        return False


def restyle_widget(widget: QWidget) -> None:
    sheet = widget.styleSheet()
    original = widget.property(_ORIGINAL)
    if original is None:
        if not sheet:
            return
        original = sheet
    elif sheet != restyle(str(original), _current):
        original = sheet  # the widget set a new sheet of its own since
    wanted = restyle(str(original), _current)
    if wanted != str(original) or widget.property(_ORIGINAL) is not None:
        widget.setProperty(_ORIGINAL, original)
    if sheet != wanted:
        widget.setStyleSheet(wanted)


def apply(app: QApplication, prefs: Preferences) -> None:
    """Apply ``prefs`` to the running application (at start and whenever they change)."""
    global _started, _applying
    previous = _current
    if _started and prefs == previous:
        return
    _started = True
    _applying = True
    try:
        _apply(app, prefs, previous)
    finally:
        _applying = False


def _apply(app: QApplication, prefs: Preferences, previous: Preferences) -> None:
    global _current, _base_point_size, _restyler
    if _base_point_size is None:
        _base_point_size = app.font().pointSizeF()
    _current = prefs
    font = QFont(app.font())
    font.setPointSizeF(_base_point_size * prefs.factor)
    app.setFont(font)
    app.setPalette(contrast_palette() if prefs.high_contrast else app.style().standardPalette())
    app.setStyleSheet(BASE_SHEET + (CONTRAST_SHEET if prefs.high_contrast else ""))
    if _restyler is None and prefs != Preferences():
        # only when needed: a Python event filter sees every event of the application
        _restyler = _Restyler(app)
        app.installEventFilter(_restyler)
    if previous != prefs:
        for widget in app.allWidgets():
            original = widget.property(_ORIGINAL)
            if original is not None:
                widget.setStyleSheet(restyle(str(original), prefs))
            elif widget.styleSheet():
                restyle_widget(widget)

