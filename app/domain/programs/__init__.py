"""The district's programmes (DOMAIN.md tasks 3, 4, 7, 8): entrusted enterprises and enterprise-use loans,
dividends, interest subsidies, the risk compensation fund and outreach. Pure rules first, then the writes (each one
audited transaction, permission checked) and the queries the pages, ledgers, dashboards and the CLI share.

Decisions (documented here because other layers rely on them):

- **Enterprise use (户贷企用)**: a loan may be marked enterprise-use only if it was disbursed *on or before* the cutoff
  (setting ``loans.enterprise_use_cutoff``, 2017-11-30); marking a later loan is refused with a message naming the
  cutoff. Loans already marked that way are listed by the risk rule ``enterprise_use_after_cutoff``
  (:mod:`app.domain.risk`), which this module reuses rather than repeating.
- **Credit codes**: a malformed code (wrong length or characters) is refused; a code whose check character fails is
  saved with the warning kept in ``Enterprise.credit_code_note`` (some early codes fail it).
- **Dividends**: a scheduled dividend is *overdue* on ``as_of`` when ``as_of`` is later than its due date plus the
  grace days (setting ``dividends.grace_days``, 0) and the payments made on or before ``as_of`` do not cover it:
  due yesterday and unpaid is overdue, due today is not. Payments after ``as_of`` are ignored (replay).
- **Interest subsidies**: the subsidy stops once a loan is overdue, or on fraud or misuse (DOMAIN.md). A claim is
  refused by rule when, on the last day it covers — the earlier of the period's end and the claim date — the loan
  had fallen overdue (its first overdue day is on or before that day; "stops" means it does not resume), or a
  use check on or before that day found it misused or partly misused (latest version of the check), or an
  anomaly report of fraud or impersonation was found about it by then. A refused-by-rule claim is kept (status
  refused, ``refused_by_rule``) so the bank sees why. Approving re-applies the rule (a use check may have arrived).
- **One source of truth for Loan.subsidy_claimed_fen / subsidy_paid_fen**: they are the loan's running totals
  (the loan import may bring earlier totals), and every claim transition applies its delta in the same write
  transaction: filing a claim that stands adds its amount to ``claimed``; approving adjusts it to the approved
  amount; refusing removes it; paying adds the paid amount to ``paid``. So ``claimed − paid`` is what is
  outstanding, which is what the risk rule ``subsidy_on_overdue`` warns about. Claims are the itemised record.
- **Risk fund leverage**: the covered loans are the live loans on ``as_of`` (disbursed, with a balance on that day,
  not written off or compensated) whose amount is within the loan cap (top-ups beyond it are outside the cover).
  The limit holds while ``covered balance ≤ limit × fund balance`` (setting ``fund.leverage_max``, 10): exactly at
  the limit is within it; one fen over is warned. A fund with no money and loans outstanding is over the limit.

One module per concern (import from them; this package re-exports their public names for ``programs.X`` callers):
- :mod:`.access`: who may manage, file claims, mark enterprise use, record outreach;
- :mod:`.rules`: the pure rules (cutoff, credit codes, dividend state, leverage, periods, claim refusal) and the
  programme warnings' shape;
- :mod:`.enterprises`: enterprises and their operating status; :mod:`.links`: the households linked to them;
  :mod:`.enterprise_use`: enterprise-use loans;
- :mod:`.dividends`, :mod:`.subsidies`, :mod:`.fund`, :mod:`.outreach`: one programme each;
- :mod:`.overview`: the programme warnings together and the dashboards' series.
"""

from __future__ import annotations

from app.domain.programs.access import (
    CONTEXT,
    may_file_claims,
    may_manage,
    may_mark_use,
    may_record_outreach,
)
from app.domain.programs.dividends import (
    DividendRow,
    StreetDividends,
    add_dividend,
    dividend_rows,
    dividend_warnings,
    dividends_by_street,
    record_dividend_payment,
)
from app.domain.programs.enterprise_use import (
    EnterpriseUseRow,
    enterprise_use_rows,
    enterprise_use_violations,
    mark_enterprise_use,
    mark_household_use,
)
from app.domain.programs.enterprises import (
    EnterpriseInput,
    EnterpriseRow,
    ObservationRow,
    enterprise_choices,
    latest_observations,
    list_enterprises,
    observations,
    record_observation,
    save_enterprise,
)
from app.domain.programs.fund import (
    CompensationCandidate,
    FundMovementRow,
    FundPosition,
    PayoutItem,
    add_contribution,
    add_payout,
    claim_allowance,
    compensated_by_loan,
    compensation_candidates,
    covered_balance,
    covered_loans,
    fund_balance,
    fund_movements,
    fund_position,
    fund_status_lines,
    fund_warnings,
)
from app.domain.programs.links import (
    LinkedHouseholdRow,
    linked_household_visits,
    linked_households,
)
from app.domain.programs.outreach import (
    SessionInput,
    SessionRow,
    add_campaign,
    add_session,
    campaigns,
    session_photos,
    session_rows,
)
from app.domain.programs.overview import (
    Series,
    dashboard,
    program_warnings,
)
from app.domain.programs.rules import (
    ClaimFacts,
    DividendState,
    ProgramRule,
    ProgramWarning,
    check_credit_code,
    claim_refusal,
    dividend_state,
    enterprise_use_problem,
    leverage_exceeded,
    parse_period,
)
from app.domain.programs.subsidies import (
    ClaimResult,
    ClaimRow,
    SubsidyTotal,
    claim_rows,
    decide_claim,
    file_claim,
    pay_claim,
    subsidy_totals,
)

__all__ = [
    "CONTEXT", "ClaimFacts", "ClaimResult", "ClaimRow", "CompensationCandidate", "DividendRow", "DividendState",
    "EnterpriseInput", "EnterpriseRow", "EnterpriseUseRow", "FundMovementRow", "FundPosition", "LinkedHouseholdRow",
    "ObservationRow", "PayoutItem", "ProgramRule", "ProgramWarning", "Series", "SessionInput", "SessionRow",
    "StreetDividends", "SubsidyTotal", "add_campaign", "add_contribution", "add_dividend", "add_payout", "add_session",
    "campaigns", "check_credit_code", "claim_allowance", "claim_refusal", "claim_rows", "compensated_by_loan",
    "compensation_candidates", "covered_balance", "covered_loans",
    "dashboard", "decide_claim", "dividend_rows", "dividend_state", "dividend_warnings", "dividends_by_street",
    "enterprise_choices", "enterprise_use_problem", "enterprise_use_rows", "enterprise_use_violations", "file_claim",
    "fund_balance", "fund_movements", "fund_position", "fund_status_lines",
    "fund_warnings", "latest_observations", "leverage_exceeded",
    "linked_household_visits", "linked_households", "list_enterprises", "mark_enterprise_use",
    "mark_household_use", "may_file_claims", "may_manage", "may_mark_use", "may_record_outreach", "observations",
    "parse_period", "pay_claim", "program_warnings", "record_dividend_payment", "record_observation", "save_enterprise",
    "session_photos", "session_rows", "subsidy_totals"
]
