"""Plain dates below the screens."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.dates import day_text, parse_day
from app.errors import ValidationError


def test_day_text_and_back() -> None:
    day = dt.date(2024, 5, 1)
    assert day_text(day) == "2024-05-01" and day_text(None) == ""
    assert parse_day(" 2024-05-01 ") == day
    for bad in ("2024-13-01", "yesterday", ""):
        with pytest.raises(ValidationError, match="is not a date"):
            parse_day(bad)
