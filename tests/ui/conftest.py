"""UI fixtures: every background job has finished and every window is gone before a test's node is removed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import logs
from app.ui import crash, operations, window_sizes


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin has no window manager: QPlatformWindow::propagateSizeHints() only warns
    # "This plugin does not support propagateSizeHints()" whenever a shown window's minimum size changes
    # (QWizard does that on every page). xcb, Windows and macOS implement it; nothing to fix in our code.
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def _drain_operations(qapp: QApplication) -> Iterator[None]:
    yield
    operations.wait_for_all()
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    logs.setup(None)  # the flow points logging at the test's node; that folder is about to go
    crash.set_log_dir(None)
    window_sizes.set_state_file(None)  # no window size remembered from one test to the next


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def visible_windows(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
