"""Money: amounts are integer fen (分) everywhere below the screens; yuan (元) only where people read or type them.

- :func:`yuan` — fen as text, two decimals and thousands separators: ``5000050`` → ``"50,000.50"``; ``None`` → "".
- :func:`parse_yuan` — yuan as a person types them (``"12,000"``, ``"3500.5"``, full-width digits) → fen, or a
  :class:`ValidationError` saying what is wrong.
- :func:`to_fen` / :func:`to_yuan` — yuan as a number (a spin box, an Excel cell) ↔ fen, rounding half up.

Office workbooks write amounts in more shapes (万元, ￥); :func:`app.reports.parsing.parse_amount_fen` reads those.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import overload

from app.errors import ValidationError
from app.i18n import translate

_TYPED_NOISE = re.compile(r"[\s,，元¥]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def yuan(fen: int | None) -> str:
    """Integer fen shown as yuan with thousands separators (``"-12,345.00"``); "" for ``None``."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def parse_yuan(text: str | int | None, *, allow_empty: bool = True) -> int | None:
    """Yuan as typed ("12,000", "3500.5", "１２０００") → integer fen; raises ValidationError with a reason.

    An ``int`` is taken as whole yuan; blank text is ``None`` unless ``allow_empty`` is false."""
    if text is None:
        return None
    if isinstance(text, int):
        return text * 100
    cleaned = _TYPED_NOISE.sub("", str(text)).translate(_FULL_WIDTH)
    if not cleaned:
        if allow_empty:
            return None
        raise ValidationError(translate("Records", "Enter an amount in yuan."))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValidationError(translate("Records", "\"{value}\" is not an amount in yuan.", value=text)) from exc
    if not value.is_finite():
        raise ValidationError(translate("Records", "\"{value}\" is not an amount in yuan.", value=text))
    if value < 0:
        raise ValidationError(translate("Records", "An amount cannot be negative."))
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(translate("Records", "An amount has at most two decimals (fen)."))
    return int(value * 100)


def to_fen(amount: float | Decimal) -> int:
    """Yuan as a number → fen, half up (``1234.565`` → 123457); the value a spin box holds, for instance."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@overload
def to_yuan(fen: int) -> float: ...


@overload
def to_yuan(fen: None) -> None: ...


def to_yuan(fen: int | None) -> float | None:
    """Fen → yuan as a number (an Excel cell, a spin box); ``None`` stays ``None``."""
    return None if fen is None else fen / 100
