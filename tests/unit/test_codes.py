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


# -- one normalisation at every entry point (issue 20: codes) -----------------------------------------------------
FULL_WIDTH_ID = "１１０１０５１９４９１２３１００２ｘ"  # 11010519491231002X typed with a Chinese input method


@pytest.mark.parametrize("typed", [
    FULL_WIDTH_ID, "11010519491231002x", " 110105 19491231 002X ", "110105\u300019491231\u3000002X",
    "110105-19491231-002X", "\ufeff11010519491231002X\u200b",
])
def test_normalize_code_reads_what_people_type(typed):
    from app.domain.codes import normalize_citizen_id, normalize_code

    assert normalize_code(typed) == "11010519491231002X"
    assert normalize_citizen_id(typed) == "11010519491231002X"
    assert citizen_id_error(typed) is None


def test_digits_nfkc_does_not_make_ascii_are_refused():
    arabic_indic = "".join(chr(0x0660 + int(c)) for c in "11010519491231002") + "X"
    assert citizen_id_error(arabic_indic) == "A citizen ID is 17 digits followed by a digit or X."
    assert not is_valid_citizen_id(arabic_indic)


@pytest.mark.parametrize("typed", ["91350100M000100Y43", "9135 0100 M000 100Y 43", "91350100-M000100Y4-3",
                                   "９１３５０１００Ｍ０００１００Ｙ４３", "91350100m000100y43"])
def test_valid_credit_codes_however_typed_are_accepted(typed):
    from app.domain.programs.rules import check_credit_code

    assert credit_code_problem(typed) == ("ok", None)
    assert check_credit_code(typed) == ("91350100M000100Y43", "")


@pytest.mark.parametrize("code", ["91AB0100M000100Y43", "9135010AM000100Y43"])
def test_letters_in_the_division_code_are_refused(code):
    severity, message = credit_code_problem(code)
    assert severity == "error" and "division code" in message


def test_a_division_code_of_no_province_is_warned():
    body = "91990100M000100Y4"
    severity, message = credit_code_problem(body + credit_code_check_char(body))
    assert severity == "warning" and "names no province" in message
