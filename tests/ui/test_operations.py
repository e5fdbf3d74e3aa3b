"""The background helper: results, known errors, bugs, progress and cancellation reach the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from app.errors import StoreError
from app.ui import crash, operations
from app.ui.operations import CancelToken, run_in_background
from tests.ui.conftest import message_boxes


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_success_is_delivered_on_the_gui_thread(qtbot, parent) -> None:
    seen: dict[str, object] = {}
    gui = QThread.currentThread()

    def job(token: CancelToken) -> int:
        seen["worker"] = QThread.currentThread() is not gui
        return 42

    def success(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is gui

    run_in_background(parent, job, on_success=success, on_finished=lambda: seen.setdefault("finished", True))
    qtbot.waitUntil(lambda: "finished" in seen)
    assert seen == {"worker": True, "result": 42, "gui": True, "finished": True}


def test_known_error_shows_its_message(qtbot, parent) -> None:
    def job(token: CancelToken) -> None:
        raise StoreError("The disk is full; free some space and try again.")

    finished = []
    op = run_in_background(parent, job, on_success=lambda _: pytest.fail("no result expected"),
                           on_finished=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished))
    assert op.done
    boxes = message_boxes()
    assert len(boxes) == 1 and boxes[0].text() == "The disk is full; free some space and try again."
    assert boxes[0].icon() == QMessageBox.Icon.Warning


def test_known_error_goes_to_on_error_when_given(qtbot, parent) -> None:
    errors: list[str] = []

    def job(token: CancelToken) -> None:
        raise StoreError("busy")

    run_in_background(parent, job, on_error=lambda exc: errors.append(exc.message))
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["busy"] and message_boxes() == []


def test_bug_is_logged_and_shown_in_the_crash_dialog(qtbot, parent, tmp_path, caplog) -> None:
    crash.set_log_dir(tmp_path / "logs")
    errors: list[object] = []

    def job(token: CancelToken) -> None:
        raise ZeroDivisionError("boom")

    finished = []
    run_in_background(parent, job, on_error=errors.append, on_finished=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished))
    crash.set_log_dir(None)
    assert errors == []  # bugs never reach the caller's error handler
    boxes = message_boxes()
    assert len(boxes) == 1 and boxes[0].icon() == QMessageBox.Icon.Critical
    assert "ZeroDivisionError" in boxes[0].text()
    assert str(tmp_path / "logs" / "fieldbook.log") in boxes[0].informativeText()
    record = next(r for r in caplog.records if r.name == "app.ui.crash")
    assert "ZeroDivisionError: boom" in (record.exc_text or caplog.text)


def test_slow_job_shows_progress_and_can_be_cancelled(qtbot, parent) -> None:
    started = threading.Event()
    cancelled: list[bool] = []
    progress: list[tuple[int, int, str]] = []

    def job(token: CancelToken) -> str:
        started.set()
        for step in range(10_000):
            token.report_progress(step, 10_000, "Step")
            token.raise_if_cancelled()
            time.sleep(0.005)
        return "finished"

    op = operations.Operation(parent, job, on_success=lambda _: pytest.fail("should be cancelled"),
                              on_cancelled=lambda: cancelled.append(True), on_progress=lambda *a: progress.append(a),
                              title="Counting", progress_delay_ms=50).start()
    assert op.progress_dialog is None  # nothing pops up for a quick job
    qtbot.waitUntil(lambda: op.progress_dialog is not None and op.progress_dialog.isVisible())
    dialog = op.progress_dialog
    qtbot.waitUntil(lambda: dialog.value() > 0)
    assert dialog.maximum() == 10_000 and dialog.labelText() == "Step"
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.click()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert op.token.cancelled and op.done and op.progress_dialog is None
    assert progress and progress[0] == (0, 10_000, "Step")


def test_quick_job_never_shows_a_dialog(qtbot, parent) -> None:
    results = []
    op = run_in_background(parent, lambda token: "ok", on_success=results.append)
    qtbot.waitUntil(lambda: bool(results))
    qtbot.wait(operations.PROGRESS_DELAY_MS + 100)
    assert op.progress_dialog is None
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not parent]


def test_jobs_run_one_at_a_time(qtbot, parent) -> None:
    active, overlap, done = [0], [], []
    lock = threading.Lock()

    def job(token: CancelToken) -> None:
        with lock:
            active[0] += 1
            overlap.append(active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1

    for _ in range(4):
        run_in_background(parent, job, on_finished=lambda: done.append(1))
    qtbot.waitUntil(lambda: len(done) == 4)
    assert max(overlap) == 1


def test_callbacks_skipped_when_the_window_is_gone(qtbot) -> None:
    release = threading.Event()
    calls: list[str] = []
    window = QWidget()
    op = run_in_background(window, lambda token: release.wait(5), on_success=lambda _: calls.append("success"),
                           on_finished=lambda: calls.append("finished"))
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert calls == []
