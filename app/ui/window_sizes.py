"""Windows that fit the screen they open on, and remember the size the cadre gave them.

One application-wide event filter (:func:`install`) looks at every top-level window when it is first shown:
it gives it the size remembered for its kind (or the size it asked for), never larger than the screen's
*available* geometry (the screen less the taskbar), and moves it so that its title bar and its buttons are on
the screen. When the window is hidden or closed its size (and whether it was maximised) is remembered.
Windows whose content is taller than a netbook's screen scroll inside (forms, the household window); this
filter only makes sure no window opens with its OK or Submit below the edge.

Sizes are plain data in ``window-sizes.json`` in the node's data folder (:func:`set_state_file`); no personal data.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

log = logging.getLogger(__name__)

#: the title bar and frame a window manager adds around a window (not part of its geometry)
FRAME_ALLOWANCE = QSize(8, 36)
#: set on a window that sizes itself (the message boxes, the progress dialog)
SKIP_PROPERTY = "fieldbookFreeSize"

_state_file: Path | None = None
_sizes: dict[str, Any] = {}
_filter: WindowFitter | None = None


def set_state_file(path: Path | None) -> None:
    """Remember sizes in ``path`` (the node's data folder); None: only for this run."""
    global _state_file, _sizes
    _state_file = path
    _sizes = {}
    if path is not None and path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            _sizes = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError) as exc:
            log.warning("window sizes not read: %s", exc)


def _save() -> None:
    if _state_file is None:
        return
    try:
        tmp = _state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(_sizes, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, _state_file)
    except OSError as exc:
        log.warning("window sizes not saved: %s", exc)


def key_of(window: QWidget) -> str:
    return window.objectName() or type(window).__name__


def remembered(window: QWidget) -> tuple[QSize | None, bool]:
    """The size remembered for ``window``'s kind and whether it was maximised."""
    entry = _sizes.get(key_of(window))
    if not isinstance(entry, dict):
        return None, False
    try:
        size = QSize(int(entry["w"]), int(entry["h"]))
    except (KeyError, TypeError, ValueError):
        size = None
    return size, bool(entry.get("maximized", False))


def remember(window: QWidget) -> None:
    maximized = window.isMaximized()
    entry = dict(_sizes.get(key_of(window)) or {})
    if not maximized:
        entry.update(w=window.width(), h=window.height())
    entry["maximized"] = maximized
    if _sizes.get(key_of(window)) != entry:
        _sizes[key_of(window)] = entry
        _save()


def screen_of(window: QWidget) -> QScreen | None:
    parent = window.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or window.screen()
    return screen or QGuiApplication.primaryScreen()


def available_area(window: QWidget | None = None) -> QRect:
    """The part of the window's screen windows may use (without the taskbar)."""
    screen = screen_of(window) if window is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def fitting_size(wanted: QSize, area: QRect) -> QSize:
    """``wanted``, no larger than ``area`` less a window manager's frame."""
    return QSize(max(200, min(wanted.width(), area.width() - FRAME_ALLOWANCE.width())),
                 max(150, min(wanted.height(), area.height() - FRAME_ALLOWANCE.height())))


def fit(window: QWidget, wanted: QSize | None = None) -> None:
    """Size ``window`` (its remembered size, else ``wanted``, else its current size) to its screen and put it on it."""
    area = available_area(window)
    size, maximized = remembered(window)
    target = fitting_size(size or wanted or window.size(), area)
    window.resize(target.expandedTo(window.minimumSize().boundedTo(target)))
    parent = window.parentWidget()
    if parent is not None and parent.window().isVisible():
        centre = parent.window().frameGeometry().center()
    else:
        centre = area.center()
    frame = window.frameGeometry()
    # before the first show the frame is not known yet: allow for a window manager's title bar and border
    extra = QSize(max(FRAME_ALLOWANCE.width(), frame.width() - window.width()),
                  max(FRAME_ALLOWANCE.height(), frame.height() - window.height()))
    width, height = window.width() + extra.width(), window.height() + extra.height()
    x = min(max(area.left(), centre.x() - width // 2), max(area.left(), area.right() + 1 - width))
    y = min(max(area.top(), centre.y() - height // 2), max(area.top(), area.bottom() + 1 - height))
    window.move(QPoint(x, y))
    if maximized and window.windowFlags() & Qt.WindowType.WindowMaximizeButtonHint:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class WindowFitter(QObject):
    """The application-wide filter: fit each top-level window on its first show, remember it when hidden."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fitted: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QDialog | QMainWindow) \
                and watched.isWindow() and not watched.property(SKIP_PROPERTY):
            if kind == QEvent.Type.Show and id(watched) not in self._fitted:
                self._fitted.add(id(watched))
                if not isinstance(watched, QMainWindow):
                    fit(watched)
                key = id(watched)
                watched.destroyed.connect(lambda *_a: self._fitted.discard(key))
            elif kind == QEvent.Type.Hide and id(watched) in self._fitted and watched.isVisible() is False:
                remember(watched)
        return False


def install(app: QApplication) -> None:
    """Fit every dialog the application opens (once per application)."""
    global _filter
    if _filter is None:
        _filter = WindowFitter(app)
        app.installEventFilter(_filter)


def uninstall(app: QApplication) -> None:
    """Stop fitting windows (tests that installed the filter)."""
    global _filter
    if _filter is not None:
        app.removeEventFilter(_filter)
        _filter.deleteLater()
        _filter = None


def show_main(window: QMainWindow) -> None:
    """The main window: maximised the first time (and whenever it was left maximised), else its remembered size."""
    size, maximized = remembered(window)
    if size is None or maximized:
        fit(window, QSize(1366, 768))
        window.showMaximized()
    else:
        fit(window, size)
        window.show()
