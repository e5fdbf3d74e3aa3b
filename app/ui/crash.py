"""Bugs (anything that is not a ``FieldbookError``): logged with the traceback, shown in a short crash dialog.

The dialog says what happened in one sentence and where the log file is; the traceback goes only to the
rotating log (which scrubs citizen IDs and phone numbers), never onto the screen or into a file of its own.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import FieldbookError
from app.i18n import translate

log = logging.getLogger(__name__)

_log_dir: Path | None = None


def set_log_dir(log_dir: Path | None) -> None:
    """Where the crash dialog tells the user to look (the node's log folder)."""
    global _log_dir
    _log_dir = log_dir


def report_bug(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               parent: QWidget | None = None) -> QMessageBox | None:
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return None
    where = str(_log_dir / "fieldbook.log") if _log_dir else translate("Crash", "(no log folder yet)")
    box = QMessageBox(QMessageBox.Icon.Critical, translate("Crash", "Fieldbook: unexpected error"),
                      translate("Crash", "Something went wrong inside Fieldbook ({kind}). This is a bug, not "
                                         "your mistake. What you saved before is safe.", kind=exc_type.__name__),
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(translate("Crash", "The details were written to the log file:\n{path}\n"
                                              "Please send that file to your administrator.", path=where))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    from app.ui.messages import open_box

    return open_box(box)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, FieldbookError):
        # A known error that escaped a handler: still not a bug for the user, but worth a log line.
        log.warning("unhandled known error: %s", type(exc).__name__)
        from app.ui.messages import show_error

        show_error(QApplication.activeWindow(), exc.message)
        return
    report_bug(exc_type, exc, tb, parent=QApplication.activeWindow())


def install_excepthook(log_dir: Path | None) -> None:
    set_log_dir(log_dir)
    sys.excepthook = _excepthook
