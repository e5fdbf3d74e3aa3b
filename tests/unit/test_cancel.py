"""The one cancellation token and exception, below the GUI."""

from __future__ import annotations

import threading

import pytest

from app.cancel import CancelToken, check_cancel
from app.errors import Cancelled, FieldbookError


def test_token_raises_the_one_exception_once_cancelled() -> None:
    token = CancelToken()
    token.raise_if_cancelled()
    check_cancel(token)
    check_cancel(None)
    assert not token.cancelled
    threading.Thread(target=token.cancel).start()  # cancelled from another thread, as the GUI does
    with pytest.raises(Cancelled) as caught:
        for _ in range(10_000_000):
            token.raise_if_cancelled()
    assert token.cancelled and isinstance(caught.value, FieldbookError)
    assert caught.value.exit_code == 130 and caught.value.message == "Cancelled."
    with pytest.raises(Cancelled):
        check_cancel(token)


def test_progress_goes_to_the_callback_or_nowhere() -> None:
    seen: list[tuple[int, int, str]] = []
    CancelToken(on_progress=lambda *a: seen.append(a)).report_progress(3, 10, "rows")
    CancelToken().report_progress(1, 2)
    assert seen == [(3, 10, "rows")]
