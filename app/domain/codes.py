"""Citizen ID (GB 11643-1999), unified social credit code (GB 32100-2015), phone numbers and masking."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.i18n import translate

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalize_citizen_id(value: str) -> str:
    """Strip spaces and make a lower-case check character upper case; never guesses digits."""
    return re.sub(r"\s+", "", str(value)).replace("x", "X")


def citizen_id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


@dataclass(frozen=True)
class CitizenId:
    number: str
    birth_date: dt.date
    male: bool


def citizen_id_error(value: str) -> str | None:
    """Return a translated reason why ``value`` is not a valid 18-character citizen ID, or None."""
    number = normalize_citizen_id(value)
    if not number:
        return translate("Codes", "The citizen ID is empty.")
    if re.fullmatch(r"\d+(\.\d+)?[eE][+-]?\d+", number) or re.fullmatch(r"\d+\.\d+", number):
        return translate("Codes", "The citizen ID was turned into a number by Excel and lost digits; "
                                  "format the column as text and enter it again.")
    if len(number) != 18:
        return translate("Codes", "A citizen ID has 18 characters; this one has {n}.", n=len(number))
    if not _ID_SHAPE.match(number):
        return translate("Codes", "A citizen ID is 17 digits followed by a digit or X.")
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return translate("Codes", "The birth date {date} inside the citizen ID does not exist.",
                         date=number[6:14])
    if number[6:10] < "1900":
        return translate("Codes", "The birth date {date} inside the citizen ID does not exist.",
                         date=number[6:14])
    if citizen_id_check_char(number[:17]) != number[17]:
        return translate("Codes", "The check character of the citizen ID is wrong (a digit was mistyped).")
    return None


def parse_citizen_id(value: str) -> CitizenId:
    from app.errors import ValidationError

    error = citizen_id_error(value)
    if error:
        raise ValidationError(error)
    number = normalize_citizen_id(value)
    birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return CitizenId(number=number, birth_date=birth, male=int(number[16]) % 2 == 1)


def is_valid_citizen_id(value: str) -> bool:
    return citizen_id_error(value) is None


def mask_citizen_id(value: str | None) -> str:
    """Show the first 4 and last 4 characters: 6101**********123X."""
    if not value:
        return ""
    number = normalize_citizen_id(value)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> tuple[str, str | None]:
    """Check a unified social credit code.

    Returns ``(severity, message)``: ``("ok", None)``, ``("warning", msg)`` for a wrong check character
    (some early codes fail it, so callers warn and do not block) or ``("error", msg)`` for a malformed code.
    """
    code = re.sub(r"\s+", "", str(value)).upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return "error", translate("Codes", "A unified social credit code has 18 characters from "
                                           "digits and capital letters without I, O, S, V and Z.")
    if credit_code_check_char(code[:17]) != code[17]:
        return "warning", translate("Codes", "The check character of the credit code does not match; "
                                             "please compare it with the business licence.")
    return "ok", None


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})-?\d{7,8}$")


def phone_error(value: str) -> str | None:
    number = re.sub(r"[\s]", "", str(value))
    if not number:
        return None
    if _MOBILE.match(number) or _LANDLINE.match(number):
        return None
    return translate("Codes", "A phone number is a mobile number of 11 digits starting with 1, "
                              "or a landline such as 029-83512345.")


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) == 11 else value
