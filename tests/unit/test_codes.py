from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.codes import (
    citizen_id_check_char,
    citizen_id_error,
    credit_code_check_char,
    credit_code_problem,
    is_valid_citizen_id,
    mask_citizen_id,
    parse_citizen_id,
    phone_error,
)
from app.errors import ValidationError


def test_domain_example_is_valid():
    assert is_valid_citizen_id("11010519491231002X")
    assert is_valid_citizen_id("11010519491231002x")
    parsed = parse_citizen_id("11010519491231002X")
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.male is False


@pytest.mark.parametrize("bad, fragment", [
    ("110105194912310021", "check character"),
    ("11010519490231002X", "does not exist"),
    ("1101051949123100", "18 characters"),
    ("6.10111E+17", "Excel"),
    ("610111199001011234.0", "Excel"),
    ("11010519491231002Y", "17 digits"),
    ("", "empty"),
])
def test_invalid_ids_are_explained(bad, fragment):
    error = citizen_id_error(bad)
    assert error is not None and fragment in error
    with pytest.raises(ValidationError):
        parse_citizen_id(bad)


@given(st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31)), st.integers(0, 999))
def test_generated_ids_round_trip(birth, seq):
    first17 = f"610111{birth:%Y%m%d}{seq:03d}"
    number = first17 + citizen_id_check_char(first17)
    assert is_valid_citizen_id(number)
    assert parse_citizen_id(number).birth_date == birth
    # any single-digit change is caught by the check character or the date
    for pos in range(17):
        digit = (int(number[pos]) + 1) % 10
        changed = number[:pos] + str(digit) + number[pos + 1:]
        assert not is_valid_citizen_id(changed) or changed == number


def test_masking():
    assert mask_citizen_id("61011119900101123X") == "6101**********123X"
    assert mask_citizen_id(None) == ""


def test_credit_code_warns_but_accepts_shape():
    body = "91610111MA6TXXXX0"
    good = body + credit_code_check_char(body)
    assert credit_code_problem(good) == ("ok", None)
    wrong = body + ("0" if good[-1] != "0" else "1")
    severity, message = credit_code_problem(wrong)
    assert severity == "warning" and message
    assert credit_code_problem("91610111MA6TXXXXI0")[0] == "error"  # I is not allowed
    assert credit_code_problem("123")[0] == "error"


def test_known_credit_code():
    # 91350100M000100Y43 is the standard's worked example
    assert credit_code_problem("91350100M000100Y43") == ("ok", None)


@pytest.mark.parametrize("phone, ok", [("13912345678", True), ("029-83512345", True), ("02983512345", True),
                                       ("12912345678", False), ("1391234567", False), ("", True)])
def test_phone(phone, ok):
    assert (phone_error(phone) is None) is ok
