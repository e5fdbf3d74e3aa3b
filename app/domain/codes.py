"""Citizen ID (GB 11643-1999), unified social credit code (GB 32100-2015), phone numbers and masking."""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from dataclasses import dataclass

from app.i18n import translate

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: ASCII digits only: Python's ``\d`` also matches Arabic-Indic and other digits, which int() would read
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
#: whitespace (NFKC turns the ideographic space into a plain one), invisible characters a paste brings along
#: (zero-width spaces and joiners, word joiner, byte-order mark) and dashes people group digits with
_SEPARATORS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\-\u2010-\u2015\u2212]+")


def normalize_code(value: object) -> str:
    """The one normalisation of every code people type, paste or import (citizen IDs, unified social credit codes):
    NFKC (a Chinese input method's full-width digits and letters become ASCII), no spaces, invisible characters or
    dashes, upper case (a lower-case check character ``x``). Never guesses a character: a digit NFKC does not make
    ASCII (Arabic-Indic, for one) stays and is refused by the checks below. Used at every entry point: forms and
    edits, imports, search and values arriving in a bundle."""
    if value is None:
        return ""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(value))).upper()


def normalize_citizen_id(value: object) -> str:
    """A citizen ID as stored: :func:`normalize_code`."""
    return normalize_code(value)


def citizen_id_check_char(first17: str) -> str:
    if len(first17) != len(_ID_WEIGHTS):
        raise ValueError("a citizen ID's check character is computed from its first 17 digits")
    return _ID_CHECK[sum(map(operator.mul, map(int, first17), _ID_WEIGHTS)) % 11]


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
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+", number) or re.fullmatch(r"[0-9]+\.[0-9]+", number):
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


#: first two digits of a GB/T 2260 division code (10: registered at the national level)
_PROVINCES = frozenset({"10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
                        "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
                        "64", "65", "71", "81", "82"})


def credit_code_problem(value: str) -> tuple[str, str | None]:
    """Check a unified social credit code (after :func:`normalize_code`, so full-width, spaced, hyphenated or
    lower-case codes are read as what they are).

    Returns ``(severity, message)``: ``("ok", None)``; ``("error", msg)`` for a malformed code — wrong length or
    characters, or a division code (characters 3–8, GB/T 2260 of the registering authority) that is not six
    digits; ``("warning", msg)`` for a division code of no province or a wrong check character (some early codes
    fail it, so callers warn and do not block).
    """
    code = normalize_code(value)
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return "error", translate("Codes", "A unified social credit code has 18 characters from "
                                           "digits and capital letters without I, O, S, V and Z.")
    division = code[2:8]
    if not re.fullmatch(r"[0-9]{6}", division):
        return "error", translate("Codes", "Characters 3 to 8 of a unified social credit code are the six-digit "
                                           "division code of the registering authority; {division} is not.",
                                  division=division)
    if division[:2] not in _PROVINCES:
        return "warning", translate("Codes", "The division code {division} in the credit code names no province; "
                                             "please compare it with the business licence.", division=division)
    if credit_code_check_char(code[:17]) != code[17]:
        return "warning", translate("Codes", "The check character of the credit code does not match; "
                                             "please compare it with the business licence.")
    return "ok", None


_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^(0[0-9]{2,3})-?[0-9]{7,8}$")


def phone_error(value: str) -> str | None:
    number = re.sub(r"\s", "", unicodedata.normalize("NFKC", str(value)))
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
