"""The one cancellation token of long jobs, in the GUI and below it (reports, imports, bundles).

    token = CancelToken()                       # the GUI's operations helper makes one per job
    ...
    token.raise_if_cancelled()                  # in the job, between steps: raises app.errors.Cancelled
    token.report_progress(done, total, text)    # forwarded to ``on_progress`` (the GUI queues it to its thread)

No Qt here: the operations helper (``app/ui/operations.py``) passes an ``on_progress`` that crosses to the GUI
thread; reports and sync only ever read ``cancelled`` or call :func:`check_cancel`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]


class CancelToken:
    """Tells a job whether the user cancelled, and carries its progress to whoever watches. Thread-safe."""

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._event = threading.Event()
        self._on_progress = on_progress

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled

    def report_progress(self, done: int, total: int, text: str = "") -> None:
        """``total`` 0 means "unknown"; a token without ``on_progress`` drops the report."""
        if self._on_progress is not None:
            self._on_progress(int(done), int(total), text)


def check_cancel(token: CancelToken | None) -> None:
    """Raise :class:`Cancelled` if ``token`` was cancelled; ``None`` (a job nobody can cancel) never is."""
    if token is not None and token.cancelled:
        raise Cancelled
