"""Plain dates as people read and type them: ``YYYY-MM-DD`` both ways, nothing shown for no date.

Qt's ``QDate`` conversions live with the date editors in :mod:`app.ui.partials.editors`; month arithmetic is
:func:`app.domain.risk.add_months`; the office workbooks' many date shapes are read by
:func:`app.reports.parsing.parse_date`.
"""

from __future__ import annotations

import datetime as dt

from app.errors import ValidationError
from app.i18n import translate


def day_text(day: dt.date | None) -> str:
    """``2024-05-01``; "" for no date."""
    return day.isoformat() if day else ""


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` → a date; a ValidationError naming the text otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(translate("Dates", "{value} is not a date (YYYY-MM-DD).", value=text)) from None
