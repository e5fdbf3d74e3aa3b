"""The one way to run slow work off the GUI thread (Anki's ``CollectionOp`` / ``QueryOp`` habit).

    run_in_background(parent, job, on_success=..., title=...)

``job(token)`` runs on a worker thread and must not touch widgets; ``token`` is an :class:`app.cancel.CancelToken`:
the job may call ``token.report_progress(done, total, text)`` and ``token.raise_if_cancelled()``. Its result or
exception comes back on the GUI thread:

- a result → ``on_success(result)``;
- a :class:`FieldbookError` (wrong password, full disk, bad file) → ``on_error(exc)`` if given, else a message box
  with the translated message;
- :class:`app.errors.Cancelled` (the job saw the token cancelled) → ``on_cancelled()``;
- anything else is a bug → logged with its traceback and shown in the crash dialog; callers never handle bugs;
- in every case ``on_finished()`` runs last, so a caller can re-enable its buttons in one place;
- a job that writes names what it may change, ``changes={DataKind.LOANS, ...}``: once it has ended (whatever the
  outcome: a cancelled or failed job of several steps may have written some), the change board
  (:mod:`app.ui.changes`) tells the pages, which refresh what they show of those kinds (``origin=``: see there).

A progress dialog with a Cancel button appears only if the job is still running after ``PROGRESS_DELAY_MS``.
Jobs run one at a time on a single worker thread, so database writes from the GUI are serialized.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.cancel import CancelToken as CancelToken  # re-exported: jobs annotate their token with it
from app.errors import Cancelled, FieldbookError
from app.i18n import translate
from app.ui.changes import DataKind, notify
from app.ui.qtcompat import emit

log = logging.getLogger(__name__)
T = TypeVar("T")

PROGRESS_DELAY_MS = 500

_pool: QThreadPool | None = None
_running: set[Operation[Any]] = set()  # keeps Python wrappers alive until the job has reported back


#: The exchange screens still say so; it is :class:`app.errors.Cancelled`, the one cancellation exception.
OperationCancelled = Cancelled


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive there as queued calls.

    Signals: progress(done, total, text), succeeded(result), failed(exc_info tuple).
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Callable[[CancelToken], Any], token: CancelToken, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._token, self._relay = job, token, relay

    def run(self) -> None:
        try:
            result = self._job(self._token)
        except BaseException as exc:
            self._deliver(self._relay.failed, (type(exc), exc, exc.__traceback__))
        else:
            self._deliver(self._relay.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: Any) -> None:
        try:
            emit(signal, value)
        except RuntimeError:
            # The relay went with the window that started the job (closed, logged out): nobody is left to tell.
            log.debug("operation finished after its window was closed")


def pool() -> QThreadPool:
    """The single worker thread all operations share."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setObjectName("fieldbook-operations")
    return _pool


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every queued job has run (tests, and quitting the application)."""
    return pool().waitForDone(timeout_ms)


class Operation(Generic[T]):
    """One background job and its callbacks; create it through :func:`run_in_background`."""

    def __init__(self, parent: QWidget | None, job: Callable[[CancelToken], T], *,
                 on_success: Callable[[T], None] | None = None,
                 on_error: Callable[[FieldbookError], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None,
                 on_progress: Callable[[int, int, str], None] | None = None,
                 on_finished: Callable[[], None] | None = None,
                 title: str = "", cancellable: bool = True, progress_delay_ms: int = PROGRESS_DELAY_MS,
                 changes: Iterable[DataKind] = (), origin: QObject | None = None) -> None:
        self.parent = parent
        self.title = title or translate("Operations", "Working…")
        self.cancellable = cancellable
        self._job = job
        self._on_success, self._on_error, self._on_cancelled = on_success, on_error, on_cancelled
        self._on_progress, self._on_finished = on_progress, on_finished
        self.changes = frozenset(changes)
        self.origin = origin
        self._relay = _Relay()
        relay = self._relay
        self.token = CancelToken(on_progress=lambda done, total, text: emit(relay.progress, done, total, text))
        self._relay.progress.connect(self._progress)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._dialog: QProgressDialog | None = None
        self._last_progress: tuple[int, int, str] | None = None
        self._timer = QTimer(self._relay)
        self._timer.setSingleShot(True)
        self._timer.setInterval(progress_delay_ms)
        self._timer.timeout.connect(self._show_dialog)
        self.done = False

    def start(self) -> Operation[T]:
        _running.add(self)
        self._timer.start()
        pool().start(_Runnable(self._job, self.token, self._relay))
        return self

    def cancel(self) -> None:
        self.token.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(translate("Operations", "Cancelling…"))
            self._dialog.setCancelButton(None)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    # -- GUI thread ---------------------------------------------------------------------------------------
    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.parent)
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal if self.parent else
                                 Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        dialog.setRange(0, 0)
        if self.cancellable:
            dialog.setCancelButtonText(translate("Operations", "Cancel"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog
        if self._last_progress is not None:
            self._apply_progress(*self._last_progress)
        dialog.show()

    def _progress(self, done: int, total: int, text: str) -> None:
        self._last_progress = (done, total, text)
        if self._dialog is not None:
            self._apply_progress(done, total, text)
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    def _apply_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        assert dialog is not None
        if text and not self.token.cancelled:
            dialog.setLabelText(text)
        dialog.setRange(0, max(total, 0))
        if total > 0:
            # A modal QProgressDialog processes events inside setValue; the job may finish (and the dialog
            # go) right there, so nothing may touch the dialog after this call.
            dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.blockSignals(True)  # closing a progress dialog emits canceled
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)

    def _live_parent(self) -> QWidget | None:
        return self.parent if self.parent is not None and shiboken6.isValid(self.parent) else None

    def _parent_gone(self) -> bool:
        """The window that started the job was closed meanwhile: its callbacks would touch deleted widgets."""
        if self.parent is not None and self._live_parent() is None:
            log.info("operation finished after its window closed: %s", self.title)
            return True
        return False

    def _succeeded(self, result: T) -> None:
        self._close()
        if self._parent_gone():
            self._notify()
            return
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self._finish()

    def _failed(self, exc_info: tuple[type[BaseException], BaseException, Any]) -> None:
        self._close()
        exc = exc_info[1]
        if not isinstance(exc, FieldbookError):
            from app.ui.crash import report_bug

            report_bug(exc_info[0], exc, exc_info[2], parent=self._live_parent())
        if self._parent_gone():
            self._notify()
            return
        try:
            if isinstance(exc, Cancelled):
                log.info("operation cancelled: %s", self.title)
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif isinstance(exc, FieldbookError):
                log.info("operation failed: %s", type(exc).__name__)
                if self._on_error is not None:
                    self._on_error(exc)
                else:
                    from app.ui.messages import show_error

                    show_error(self.parent, exc.message)
        finally:
            self._finish()

    def _finish(self) -> None:
        try:
            if self._on_finished is not None:
                self._on_finished()
        finally:
            self._notify()

    def _notify(self) -> None:
        """Tell the pages what the job may have changed (after the caller's own callbacks)."""
        notify(self.changes, origin=self.origin)


def run_in_background(parent: QWidget | None, job: Callable[[CancelToken], T], **callbacks: Any) -> Operation[T]:
    """Start ``job`` on the worker thread; see the module docstring for the callbacks."""
    return Operation(parent, job, **callbacks).start()
