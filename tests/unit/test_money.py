"""The one money module: fen in, yuan out, and back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain import money
from app.errors import ValidationError


def test_yuan_text() -> None:
    assert money.yuan(5_000_050) == "50,000.50"
    assert money.yuan(0) == "0.00"
    assert money.yuan(-123_456) == "-1,234.56"
    assert money.yuan(None) == ""


def test_parse_what_people_type() -> None:
    assert money.parse_yuan("12,000") == 1_200_000
    assert money.parse_yuan("１２０００．５") == 1_200_050
    assert money.parse_yuan(" 3 500 元") == 350_000
    assert money.parse_yuan(12) == 1200
    assert money.parse_yuan("") is None and money.parse_yuan(None) is None
    for bad, reason in (("abc", "not an amount"), ("-5", "negative"), ("1.234", "two decimals"),
                        ("NaN", "not an amount"), ("Infinity", "not an amount")):
        with pytest.raises(ValidationError, match=reason):
            money.parse_yuan(bad)
    with pytest.raises(ValidationError, match="Enter an amount"):
        money.parse_yuan("  ", allow_empty=False)


def test_numbers_round_half_up_both_ways() -> None:
    assert money.to_fen(1234.56) == 123_456
    assert money.to_fen(0.125) == 13 and money.to_fen(Decimal("2.005")) == 201
    assert money.to_yuan(123_456) == 1234.56 and money.to_yuan(None) is None
    for fen in (0, 1, 99, 100_000_000_01):
        assert money.to_fen(money.to_yuan(fen)) == fen
