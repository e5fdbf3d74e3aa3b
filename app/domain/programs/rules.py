"""The programmes' pure rules (no database): the enterprise-use cutoff, credit codes, when a dividend is overdue,
the fund's leverage limit, subsidy periods and when a claim is refused; the programme warnings' shape.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.domain.codes import credit_code_problem, normalize_code
from app.domain.loan_facts import LoanFacts
from app.domain.programs.access import CONTEXT
from app.domain.risk import after_enterprise_cutoff, overdue_start
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import Labelled, Severity


def enterprise_use_problem(disbursed_on: dt.date, cutoff: dt.date) -> str | None:
    """Why a loan made on ``disbursed_on`` may not be marked enterprise-use (None when it may)."""
    if not after_enterprise_cutoff(disbursed_on, cutoff):
        return None
    return translate("Programs", "This loan was made on {date}; only loans made on or before {cutoff} may be used "
                                 "by an enterprise "
               "(户贷企用). After the cutoff every loan is borrowed, used and repaid by the household.",
               date=disbursed_on.isoformat(), cutoff=cutoff.isoformat())


def check_credit_code(value: str) -> tuple[str, str]:
    """(the normalised code, the warning to keep); raises ValidationError for a malformed code. Empty is allowed."""
    code = normalize_code(value)
    if not code:
        return "", ""
    severity, message = credit_code_problem(code)
    if severity == "error":
        raise ValidationError(message or "")
    return code, message or ""


class DividendState(Labelled):
    DUE = "due"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"due": QT_TRANSLATE_NOOP("Enums", "Not yet due"),
                "partly_paid": QT_TRANSLATE_NOOP("Enums", "Partly paid"),
                "paid": QT_TRANSLATE_NOOP("Enums", "Paid in full"),
                "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue")}


def dividend_state(due_on: dt.date, amount_fen: int, paid_fen: int, as_of: dt.date,
                   grace_days: int = 0) -> tuple[DividendState, int]:
    """(state, days overdue) of one dividend on ``as_of`` given what was paid by then."""
    if paid_fen >= amount_fen:
        return DividendState.PAID, 0
    late = (as_of - due_on).days - grace_days
    if late > 0:
        return DividendState.OVERDUE, (as_of - due_on).days
    return (DividendState.PARTLY_PAID if paid_fen > 0 else DividendState.DUE), 0


def leverage_exceeded(covered_fen: int, fund_fen: int, limit: int) -> bool:
    """Covered loans above ``limit`` × the fund (exactly at the limit is within it)."""
    if covered_fen <= 0:
        return False
    return fund_fen <= 0 or covered_fen > limit * fund_fen


_PERIOD = re.compile(r"^(\d{4})(?:(Q[1-4])|(H[12])|-(0[1-9]|1[0-2]))?$")


_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:~|～|\.\.|至|到|—)\s*(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str) -> tuple[str, dt.date, dt.date]:
    """``2026Q3`` / ``2026H1`` / ``2026-07`` / ``2026`` or a date range ``2026-07-01~2026-08-15`` → (label, first
    day, last day). The label is what lists show; the dates are the period (claims of one loan never overlap)."""
    label = (text or "").strip().upper()
    ranged = _RANGE.match(label)
    if ranged:
        try:
            first, last = dt.date.fromisoformat(ranged.group(1)), dt.date.fromisoformat(ranged.group(2))
        except ValueError:
            pass  # not real days: refused below
        else:
            if first <= last:
                return f"{first.isoformat()}~{last.isoformat()}", first, last
    match = _PERIOD.match(label)
    if not match:
        raise ValidationError(translate("Programs", "{period} is not a subsidy period; write it as 2026Q3, 2026H1, "
                                                    "2026-07, 2026 or a range of days such as 2026-07-01~2026-08-15.",
                                  period=text))
    year = int(match.group(1))
    if match.group(2):
        quarter = int(match.group(2)[1])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    elif match.group(3):
        half = int(match.group(3)[1])
        first_month, last_month = 6 * half - 5, 6 * half
    elif match.group(4):
        first_month = last_month = int(match.group(4))
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(year, last_month)[1]
    return label, dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


@dataclass(frozen=True)
class ClaimFacts:
    """What the subsidy rule needs to know about the loan of a claim."""

    loan: LoanFacts
    misuse_on: dt.date | None = None  # the first use check that found misuse (latest version), if any
    fraud_on: dt.date | None = None  # the first fraud / impersonation anomaly found, if any
    #: the first day the loan was overdue, from its history (app/domain/loan_history.py): a later disposal that
    #: made it current again does not make the subsidy resume
    first_overdue_on: dt.date | None = None


def claim_refusal(facts: ClaimFacts, period_end: dt.date, claimed_on: dt.date) -> str | None:
    """Why the subsidy for a period ending ``period_end`` and claimed on ``claimed_on`` is refused, or None."""
    last = min(period_end, claimed_on)
    start = facts.first_overdue_on or overdue_start(facts.loan)
    if start is not None and start <= last:
        return translate("Programs", "Refused: the loan {contract} has been overdue since {since}; the interest "
                                     "subsidy stops once a "
                   "loan is overdue.", contract=facts.loan.contract_no, since=start.isoformat())
    if facts.misuse_on is not None and facts.misuse_on <= last:
        return translate("Programs", "Refused: the loan-use check of {date} found the loan {contract} misused; the "
                                     "interest subsidy "
                   "stops on misuse.", date=facts.misuse_on.isoformat(), contract=facts.loan.contract_no)
    if facts.fraud_on is not None and facts.fraud_on <= last:
        return translate("Programs", "Refused: fraud or impersonation was reported on {date} for the loan "
                                     "{contract}; the interest "
                   "subsidy stops on fraud.", date=facts.fraud_on.isoformat(), contract=facts.loan.contract_no)
    return None


# -- warnings of the programmes ---------------------------------------------------------------------------------------
class ProgramRule(Labelled):
    DIVIDEND_OVERDUE = "dividend_overdue"
    FUND_LEVERAGE = "fund_leverage"
    OVERDUE_REPORT = "overdue_report_due"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"dividend_overdue": QT_TRANSLATE_NOOP("Enums", "Dividend overdue"),
                "fund_leverage": QT_TRANSLATE_NOOP("Enums", "Risk fund leverage exceeded"),
                "overdue_report_due": QT_TRANSLATE_NOOP("Enums", "Overdue loan not reported to the fund")}


class ProgramWarning(NamedTuple):
    """A warning about a dividend or the fund (not about one loan, so not a :class:`RiskWarning`); the reason is
    translated on reading, like the risk warnings'."""

    rule: ProgramRule
    severity: Severity
    as_of: dt.date
    due_on: dt.date
    days: int
    street_code: str
    street_name: str
    subject: str  # the household and enterprise, or the fund
    subject_id: uuid.UUID | None
    reason_source: str
    params: Mapping[str, Any]

    @property
    def reason(self) -> str:
        return translate(CONTEXT, self.reason_source).format(**self.params)
