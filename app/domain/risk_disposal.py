"""Classified disposal (分类处置) with maker-checker, joint reviews (会商研判) and a loan's history.

A proposal is checked against the policy limits when it is made, when it is approved and when the bank executes
it (the loan may have changed in between); a refusal names the limit. The person who proposed may not approve or
reject (maker-checker, ``APPROVE_DISPOSAL``); only the bank executes (``EXECUTE_DISPOSAL``), and execution is what
changes the loan — through a dated loan event (app/domain/loan_history.py), so the loan's earlier state, its
overdue history above all, stays replayable. Every write goes through ``store.write()`` and so lands in the audit
log.

The district's step: a disposal whose amount at stake (the balance; the top-up; the compensation claimed) is above
the setting ``risk.district_approval_above_yuan``, and the extension of an overdue loan where the setting
``risk.extend_overdue_with_district_approval`` allows it at all, is executed only once a district user has approved
it — as the checker, or after a checker of another role. Results are reported to 区财政局(金融办): who, when and in
which report is recorded on the proposal (:func:`report_to_finance`) and shown in the disposals ledger.

A compensation claim (代偿) meets the fund's conditions: at least ``fund.claim_min_days_overdue`` days overdue, the
bank's recovery effort recorded and the loss confirmed (settings say which are required).

:func:`check_terms` is pure (no database) and is what the dialogs call while the user types.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.loan_facts import LoanFacts, facts_of
from app.domain.loan_history import change_loan, event_changes
from app.domain.loans import contract_numbers, loan_by_id
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.domain.risk import (
    CLASS_RANK,
    OFF_BOOK,
    RiskPolicy,
    add_months,
    class_for_days,
    days_past_due,
)
from app.domain.risk_query import policy_of, records_model
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import AuditEntry, Loan, Repayment
from app.models import LoanEvent as StateEvent
from app.models.enums import Disposal, Labelled, LoanEventKind, LoanStatus, RiskClass, Role
from app.models.risk import DisposalProposal, DisposalStatus, JointReview, JointReviewDecision
from app.settings import (
    EXTEND_OVERDUE_WITH_DISTRICT,
    EXTENSION_MEDIUM_LIMIT_PERCENT,
    EXTENSION_SHORT_LIMIT_PERCENT,
    FUND_CLAIM_MIN_DAYS,
    FUND_CLAIM_NEEDS_LOSS,
    FUND_CLAIM_NEEDS_RECOVERY,
    LOAN_CAP_YUAN,
    LOAN_TERM_MAX_MONTHS,
)

MaturityAssessment: Any = records_model("MaturityAssessment")

CONTEXT = "Disposal"
#: 《贷款通则》: loans longer than five years may be extended by at most three years in all
LONG_TERM_EXTENSION_MONTHS = 36
PROPOSABLE = tuple(kind for kind in Disposal if kind is not Disposal.REPAY)
OPEN = (DisposalStatus.PROPOSED, DisposalStatus.APPROVED)


class PolicyLimitError(ValidationError):
    """A proposal beyond a policy limit; ``limit`` is the key of the limit (a setting key where there is one)."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class DisposalTerms:
    """What is proposed: the kind and the terms it needs (extension months, new maturity, top-up or claim; for a
    claim the bank's recovery effort and when and how the loss was confirmed)."""

    kind: Disposal
    extension_months: int | None = None
    new_matures_on: dt.date | None = None
    top_up_fen: int | None = None
    claim_fen: int | None = None
    note: str = ""
    recovery_effort: str = ""
    loss_confirmed_on: dt.date | None = None
    loss_basis: str = ""


# -- limits (pure) -------------------------------------------------------------------------------------------
def extension_limit(term_months: int, policy: RiskPolicy) -> tuple[int, str, str]:
    """(largest cumulative extension in months, limit key, the limit named for a message)."""
    if term_months <= policy.extension_short_term_months:
        limit = term_months * policy.extension_short_limit_percent // 100
        return limit, EXTENSION_SHORT_LIMIT_PERCENT.key, translate(
            "Disposal", "for loans of up to {months} months, cumulative extension at most {percent}% of the original "
                     "term", months=policy.extension_short_term_months, percent=policy.extension_short_limit_percent)
    if term_months <= policy.extension_medium_term_months:
        limit = term_months * policy.extension_medium_limit_percent // 100
        return limit, EXTENSION_MEDIUM_LIMIT_PERCENT.key, translate(
            "Disposal", "for loans of {low} to {months} months, cumulative extension at most {percent}% of the "
                        "original term", low=policy.extension_short_term_months + 1,
            months=policy.extension_medium_term_months, percent=policy.extension_medium_limit_percent)
    return LONG_TERM_EXTENSION_MONTHS, "long_term_extension", translate(
        "Disposal", "for loans of more than {months} months, cumulative extension at most {limit} months",
        months=policy.extension_medium_term_months, limit=LONG_TERM_EXTENSION_MONTHS)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end``, rounded up (a part month counts as a month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) < end:
        months += 1
    return months


def check_terms(loan: LoanFacts, terms: DisposalTerms, on: dt.date, policy: RiskPolicy,
                household_balance_fen: int | None = None) -> None:
    """Raise :class:`PolicyLimitError` naming the limit if ``terms`` break one for ``loan`` on ``on``."""
    kind = terms.kind
    if kind not in PROPOSABLE:
        raise PolicyLimitError(translate("Disposal", "Repaying at maturity is not a disposal; choose another kind."),
                               "kind")
    if loan.balance_fen <= 0 or loan.status in OFF_BOOK or loan.status is LoanStatus.REPAID:
        raise PolicyLimitError(translate("Disposal", "The loan {contract} is closed; there is nothing to dispose of.",
                                         contract=loan.contract_no), "loan_closed")
    days = days_past_due(loan, on)
    if kind is Disposal.EXTENSION:
        months = terms.extension_months or 0
        if months < 1:
            raise PolicyLimitError(translate("Disposal", "An extension needs the number of months (at least 1)."),
                                   "extension_months")
        if days > 0 and not policy.extend_overdue_with_district:
            raise PolicyLimitError(translate(
                "Disposal", "Refused: the loan is {days} days overdue; an extension is applied for before a loan "
                            "falls due (the setting allows extending overdue loans only with the district's "
                            "approval, and it is off).", days=days), EXTEND_OVERDUE_WITH_DISTRICT.key)
        limit, key, named = extension_limit(loan.term_months, policy)
        total = loan.extended_months + months
        if total > limit:
            raise PolicyLimitError(translate(
                "Disposal", "Refused by the extension limit ({rule}): the loan of {term} months was already extended "
                         "{done} months, {months} more makes {total}, above the limit of {limit} months.",
                rule=named, term=loan.term_months, done=loan.extended_months, months=months, total=total,
                limit=limit), key)
    elif kind in (Disposal.RESCHEDULE, Disposal.RENEWAL_WITHOUT_PRINCIPAL):
        new = terms.new_matures_on
        if new is None or new <= on or (new <= loan.matures_on and kind is Disposal.RENEWAL_WITHOUT_PRINCIPAL):
            raise PolicyLimitError(translate("Disposal", "The new maturity date must be later than today and than "
                                                      "the current maturity."), "new_matures_on")
        start = loan.disbursed_on if kind is Disposal.RESCHEDULE else loan.matures_on
        term = months_between(start, new)
        if term > policy.term_max_months:
            raise PolicyLimitError(translate(
                "Disposal", "Refused by the longest loan term ({limit} months): from {start} to {new} is {term} "
                            "months.",
                limit=policy.term_max_months, start=start, new=new, term=term), LOAN_TERM_MAX_MONTHS.key)
        if kind is Disposal.RENEWAL_WITHOUT_PRINCIPAL \
                and CLASS_RANK[class_for_days(days, policy)] >= CLASS_RANK[RiskClass.SUBSTANDARD]:
            raise PolicyLimitError(translate(
                "Disposal", "Refused: renewal without repaying principal is only for performing loans; this loan is "
                         "{days} days overdue (substandard from {limit} days).", days=days,
                limit=policy.substandard_days), "renewal_non_performing")
    elif kind is Disposal.TOP_UP:
        amount = terms.top_up_fen or 0
        if amount <= 0:
            raise PolicyLimitError(translate("Disposal", "A top-up loan needs an amount."), "top_up_fen")
        outstanding = household_balance_fen if household_balance_fen is not None else loan.balance_fen
        if outstanding + amount > policy.loan_cap_fen:
            raise PolicyLimitError(translate(
                "Disposal", "Refused by the loan amount cap ({cap} yuan per household): {balance} yuan outstanding "
                            "plus {amount} yuan makes {total} yuan.", cap=yuan(policy.loan_cap_fen),
                balance=yuan(outstanding), amount=yuan(amount), total=yuan(outstanding + amount)), LOAN_CAP_YUAN.key)
    elif kind in (Disposal.COMPENSATION_CLAIM, Disposal.LEGAL_ACTION):
        if days <= 0:
            raise PolicyLimitError(translate("Disposal", "Refused: a compensation claim or legal action is only for an "
                                                      "overdue loan."), "not_overdue")
        if kind is Disposal.COMPENSATION_CLAIM:
            check_claim(loan, terms, on, policy, days)


def check_claim(loan: LoanFacts, terms: DisposalTerms, on: dt.date, policy: RiskPolicy, days: int) -> None:
    """The risk fund's conditions for a compensation claim (代偿) on ``on``, each refusal naming its setting."""
    if days < policy.claim_min_days:
        raise PolicyLimitError(translate(
            "Disposal", "Refused: a compensation claim is possible from {limit} days overdue; the loan is {days} days "
                        "overdue.", limit=policy.claim_min_days, days=days), FUND_CLAIM_MIN_DAYS.key)
    if (terms.claim_fen or 0) > loan.balance_fen:
        raise PolicyLimitError(translate("Disposal", "Refused: the claim of {claim} yuan is more than the balance "
                                                  "of {balance} yuan.", claim=yuan(terms.claim_fen or 0),
                                         balance=yuan(loan.balance_fen)), "claim_fen")
    if policy.claim_needs_recovery and not terms.recovery_effort.strip():
        raise PolicyLimitError(translate("Disposal", "Refused: record what the bank did to recover the loan "
                                                  "(calls, visits, notices, legal steps) before claiming."),
                               FUND_CLAIM_NEEDS_RECOVERY.key)
    if policy.claim_needs_loss:
        if terms.loss_confirmed_on is None or not terms.loss_basis.strip():
            raise PolicyLimitError(translate("Disposal", "Refused: a claim needs the loss confirmed: the day and how "
                                                      "(a joint review, a court ruling, the borrower's death...)."),
                                   FUND_CLAIM_NEEDS_LOSS.key)
        if terms.loss_confirmed_on > on:
            raise PolicyLimitError(translate("Disposal", "Refused: the loss is confirmed only on {date}, after this "
                                                      "step.", date=terms.loss_confirmed_on.isoformat()),
                                   FUND_CLAIM_NEEDS_LOSS.key)


def amount_at_stake(kind: Disposal, balance_fen: int, top_up_fen: int | None, claim_fen: int | None) -> int:
    """What a disposal puts at stake: the top-up lent, the compensation claimed, else the loan's balance."""
    if kind is Disposal.TOP_UP:
        return top_up_fen or 0
    if kind is Disposal.COMPENSATION_CLAIM:
        return claim_fen or balance_fen
    return balance_fen


def district_step_reason(proposal: DisposalProposal, loan: LoanFacts, on: dt.date, policy: RiskPolicy
                         ) -> str | None:
    """Why this proposal needs the district's approval before it is executed, or None."""
    stake = amount_at_stake(proposal.kind, proposal.balance_before_fen, proposal.top_up_fen, proposal.claim_fen)
    if stake > policy.district_approval_above_yuan * 100:
        return translate("Disposal", "{amount} yuan is at stake, above the {limit} yuan the district approves from.",
                         amount=yuan(stake), limit=yuan(policy.district_approval_above_yuan * 100))
    if proposal.kind is Disposal.EXTENSION and days_past_due(loan, on) > 0:
        return translate("Disposal", "the loan to extend is {days} days overdue.", days=days_past_due(loan, on))
    return None


# -- the workflow --------------------------------------------------------------------------------------------
def _require_any(store: StoreLike, *permissions: Permission) -> None:
    if not any(has_permission(store.user.role, p) for p in permissions):
        store.require(permissions[0])


def proposal_basis(store: StoreLike, loan_id: uuid.UUID) -> tuple[LoanFacts, int]:
    """What a proposal for this loan is checked against as it is typed: the loan's facts and the balance of its
    household's loans (the top-up cap counts them all)."""
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        loan = loan_by_id(session, loan_id, scope_street(store))
        return facts_of(loan), household_balance(session, loan.household_id)


def household_balance(session: Session, household_id: uuid.UUID) -> int:
    return int(session.execute(sa.select(sa.func.coalesce(sa.func.sum(Loan.balance_fen), 0)).where(
        Loan.household_id == household_id, Loan.deleted.is_(False),
        Loan.status.not_in([*OFF_BOOK, LoanStatus.REPAID]))).scalar_one())


def _check(session: Session, loan: Loan, terms: DisposalTerms, on: dt.date, policy: RiskPolicy) -> None:
    household = household_balance(session, loan.household_id) if terms.kind is Disposal.TOP_UP else None
    check_terms(facts_of(loan), terms, on, policy, household)


def terms_of(proposal: DisposalProposal) -> DisposalTerms:
    return DisposalTerms(proposal.kind, proposal.extension_months, proposal.new_matures_on, proposal.top_up_fen,
                         proposal.claim_fen, proposal.terms_note, proposal.recovery_effort,
                         proposal.loss_confirmed_on, proposal.loss_basis)


def _loan(session: Session, loan_id: uuid.UUID) -> Loan:
    loan: Loan | None = session.get(Loan, loan_id)
    if loan is None or loan.deleted:
        raise ValidationError(translate("Disposal", "No such loan."))
    return loan


def _proposal(session: Session, disposal_id: uuid.UUID) -> DisposalProposal:
    proposal: DisposalProposal | None = session.get(DisposalProposal, disposal_id)
    if proposal is None or proposal.deleted:
        raise ValidationError(translate("Disposal", "No such disposal proposal."))
    return proposal


def propose(store: StoreLike, loan_id: uuid.UUID, terms: DisposalTerms, reason: str, on: dt.date | None = None,
            joint_review_id: uuid.UUID | None = None) -> uuid.UUID:
    """Record a proposal after checking it against the limits; returns its id."""
    _require_any(store, Permission.APPROVE_DISPOSAL, Permission.EXECUTE_DISPOSAL)
    on = on or dt.date.today()
    if not reason.strip():
        raise ValidationError(translate("Disposal", "Give the reason for the proposal."))
    policy = policy_of(store)
    with store.write() as session:
        loan = _loan(session, loan_id)
        _check(session, loan, terms, on, policy)
        pending = session.execute(sa.select(DisposalProposal.id).where(
            DisposalProposal.loan_id == loan_id, DisposalProposal.status.in_(OPEN),
            DisposalProposal.deleted.is_(False))).first()
        if pending:
            raise PolicyLimitError(translate("Disposal", "The loan {contract} already has an open disposal proposal; "
                                                      "decide or withdraw it first.", contract=loan.contract_no),
                                   "one_open_proposal")
        proposal = DisposalProposal(
            id=uuid.uuid4(), loan_id=loan.id, household_id=loan.household_id, kind=terms.kind,
            status=DisposalStatus.PROPOSED, reason=reason.strip(), new_matures_on=_new_maturity(loan, terms),
            extension_months=terms.extension_months if terms.kind is Disposal.EXTENSION else None,
            top_up_fen=terms.top_up_fen if terms.kind is Disposal.TOP_UP else None,
            claim_fen=(terms.claim_fen or loan.balance_fen) if terms.kind is Disposal.COMPENSATION_CLAIM else None,
            terms_note=terms.note, matures_on_before=loan.matures_on, balance_before_fen=loan.balance_fen,
            proposed_on=on, proposed_by=store.user.username, joint_review_id=joint_review_id,
            recovery_effort=terms.recovery_effort.strip(), loss_confirmed_on=terms.loss_confirmed_on,
            loss_basis=terms.loss_basis.strip())
        session.add(proposal)
        return proposal.id


def _new_maturity(loan: Loan, terms: DisposalTerms) -> dt.date | None:
    if terms.kind is Disposal.EXTENSION and terms.extension_months:
        return add_months(loan.matures_on, terms.extension_months)
    if terms.kind in (Disposal.RESCHEDULE, Disposal.RENEWAL_WITHOUT_PRINCIPAL):
        return terms.new_matures_on
    return None


def decide(store: StoreLike, disposal_id: uuid.UUID, approve: bool, note: str = "", on: dt.date | None = None) -> None:
    """Approve or reject a proposal: someone other than the proposer, with ``APPROVE_DISPOSAL``. A district user's
    approval is also the district's step; on a proposal another checker approved that still needs the district's
    step, a district user's decision is that step (a rejection then ends the proposal)."""
    store.require(Permission.APPROVE_DISPOSAL)
    on = on or dt.date.today()
    policy = policy_of(store)
    district = Role(store.user.role) is Role.DISTRICT
    with store.write() as session:
        proposal = _proposal(session, disposal_id)
        if proposal.proposed_by == store.user.username:
            raise PermissionDenied(translate("Disposal", "You proposed this disposal; someone else must approve or "
                                                      "reject it (maker-checker)."))
        awaiting_district = proposal.status is DisposalStatus.APPROVED and proposal.district_approved_on is None
        if awaiting_district and district:
            if approve:
                _check(session, _loan(session, proposal.loan_id), terms_of(proposal), on, policy)
                proposal.district_approved_on, proposal.district_approved_by = on, store.user.username
                proposal.district_note = note.strip()
                return
            if not note.strip():
                raise ValidationError(translate("Disposal", "Give the reason for rejecting the proposal."))
            proposal.status = DisposalStatus.REJECTED
            proposal.district_note = translate("Disposal", "Not approved by the district ({user}, {date}): {note}",
                                               user=store.user.username, date=on.isoformat(), note=note.strip())
            return
        if proposal.status is not DisposalStatus.PROPOSED:
            raise ValidationError(translate("Disposal", "This proposal is {status}; only a proposed one can be "
                                                        "decided.", status=proposal.status.label))
        if approve:
            _check(session, _loan(session, proposal.loan_id), terms_of(proposal), on, policy)
        elif not note.strip():
            raise ValidationError(translate("Disposal", "Give the reason for rejecting the proposal."))
        proposal.status = DisposalStatus.APPROVED if approve else DisposalStatus.REJECTED
        proposal.decided_on, proposal.decided_by, proposal.decision_note = on, store.user.username, note.strip()
        if approve and district:
            proposal.district_approved_on, proposal.district_approved_by = on, store.user.username


def needs_district_step(store: StoreLike, disposal_id: uuid.UUID, on: dt.date | None = None) -> str | None:
    """Why an approved proposal still waits for the district's approval (None when it does not)."""
    on = on or dt.date.today()
    with store.read() as session:
        proposal = _proposal(session, disposal_id)
        if proposal.district_approved_on is not None:
            return None
        return district_step_reason(proposal, facts_of(_loan(session, proposal.loan_id)), on, policy_of(store))


def withdraw(store: StoreLike, disposal_id: uuid.UUID, note: str = "", on: dt.date | None = None) -> None:
    """The proposer takes back a proposal not yet decided."""
    on = on or dt.date.today()
    with store.write() as session:
        proposal = _proposal(session, disposal_id)
        if proposal.proposed_by != store.user.username:
            raise PermissionDenied(translate("Disposal", "Only the person who proposed a disposal may withdraw it."))
        if proposal.status is not DisposalStatus.PROPOSED:
            raise ValidationError(translate("Disposal", "This proposal is {status}; only a proposed one can be "
                                                     "withdrawn.", status=proposal.status.label))
        proposal.status = DisposalStatus.WITHDRAWN
        proposal.decided_on, proposal.decided_by, proposal.decision_note = on, store.user.username, note.strip()


def execute(store: StoreLike, disposal_id: uuid.UUID, note: str = "", on: dt.date | None = None) -> None:
    """The bank carries out an approved proposal; the loan changes accordingly (all in one audited write)."""
    store.require(Permission.EXECUTE_DISPOSAL)
    on = on or dt.date.today()
    policy = policy_of(store)
    with store.write() as session:
        proposal = _proposal(session, disposal_id)
        if proposal.status is not DisposalStatus.APPROVED:
            raise ValidationError(translate("Disposal", "This proposal is {status}; only an approved one can be "
                                                     "executed.", status=proposal.status.label))
        loan = _loan(session, proposal.loan_id)
        terms = terms_of(proposal)
        _check(session, loan, terms, on, policy)
        if proposal.district_approved_on is None:
            reason = district_step_reason(proposal, facts_of(loan), on, policy)
            if reason:
                raise ValidationError(translate("Disposal", "This disposal needs the district's approval before it "
                                                            "is executed: {reason}", reason=reason))
        _apply(session, loan, proposal, terms, on)
        proposal.status = DisposalStatus.EXECUTED
        proposal.executed_on, proposal.executed_by, proposal.execution_note = on, store.user.username, note.strip()


_EVENT_OF = {Disposal.EXTENSION: LoanEventKind.EXTENDED, Disposal.RESCHEDULE: LoanEventKind.RESCHEDULED,
             Disposal.RENEWAL_WITHOUT_PRINCIPAL: LoanEventKind.RENEWED, Disposal.TOP_UP: LoanEventKind.TOPPED_UP,
             Disposal.COMPENSATION_CLAIM: LoanEventKind.COMPENSATED}


def _apply(session: Session, loan: Loan, proposal: DisposalProposal, terms: DisposalTerms, on: dt.date) -> None:
    """The loan's new state, recorded as one event of the day: its state before (an overdue episode above all)
    stays in the history and every earlier day replays as it was."""
    kind = terms.kind
    values: dict[str, Any] = {}
    if kind is Disposal.EXTENSION:
        months = terms.extension_months or 0
        values = {"matures_on": add_months(loan.matures_on, months),
                  "extended_months": loan.extended_months + months, "status": LoanStatus.EXTENDED}
        if days_past_due(facts_of(loan), on) > 0:  # extended with the district's approval: current again
            values.update(overdue_since=None, overdue_fen=0)
        proposal.new_matures_on = values["matures_on"]
    elif kind in (Disposal.RESCHEDULE, Disposal.RENEWAL_WITHOUT_PRINCIPAL):
        assert terms.new_matures_on is not None
        values = {"matures_on": terms.new_matures_on, "overdue_fen": 0, "overdue_since": None,  # nothing due yet
                  "status": LoanStatus.RENEWED if kind is Disposal.RENEWAL_WITHOUT_PRINCIPAL else LoanStatus.ACTIVE}
    elif kind is Disposal.TOP_UP:
        amount = terms.top_up_fen or 0
        values = {"amount_fen": loan.amount_fen + amount, "balance_fen": loan.balance_fen + amount}
    elif kind is Disposal.COMPENSATION_CLAIM:
        values = {"status": LoanStatus.COMPENSATED}
    else:  # legal action changes no loan fact; its execution records that the bank has filed
        return
    change_loan(session, loan, _EVENT_OF[kind], on, values, disposal_id=proposal.id, source="disposal",
                note=terms.note)


# -- reporting to the finance office (报送区财政局/金融办) ---------------------------------------------------------
REPORTABLE = (DisposalStatus.APPROVED, DisposalStatus.REJECTED, DisposalStatus.EXECUTED)


def report_to_finance(store: StoreLike, disposal_ids: Sequence[uuid.UUID], report: str,
                      on: dt.date | None = None) -> int:
    """Record that these decided disposals were reported to 区财政局(金融办) on ``on`` in ``report`` (its title or
    document number), by the current user; returns how many. A disposal reported before is refused, naming when."""
    _require_any(store, Permission.APPROVE_DISPOSAL, Permission.EXECUTE_DISPOSAL)
    on = on or dt.date.today()
    report = report.strip()
    if not report:
        raise ValidationError(translate("Disposal", "Name the report (its title or document number)."))
    if not disposal_ids:
        raise ValidationError(translate("Disposal", "Choose the disposals the report covers."))
    with store.write() as session:
        for disposal_id in disposal_ids:
            proposal = _proposal(session, disposal_id)
            if proposal.status not in REPORTABLE:
                raise ValidationError(translate("Disposal", "This proposal is {status}; only a decided disposal is "
                                                            "reported.", status=proposal.status.label))
            if proposal.reported_to_finance_on is not None:
                raise ValidationError(translate(
                    "Disposal", "This disposal was reported to the finance office on {date} by {user} ({report}).",
                    date=proposal.reported_to_finance_on.isoformat(), user=proposal.reported_to_finance_by,
                    report=proposal.finance_report))
            decided = proposal.executed_on or proposal.decided_on
            if decided is not None and on < decided:
                raise ValidationError(translate("Disposal", "A disposal decided on {date} cannot be reported "
                                                            "before it.", date=decided.isoformat()))
            proposal.reported_to_finance_on, proposal.reported_to_finance_by = on, store.user.username
            proposal.finance_report = report
    return len(disposal_ids)


# -- joint review (会商研判) ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewDecision:
    """The meeting's decision on one loan; with ``terms`` a proposal is raised to carry it out."""

    loan_id: uuid.UUID
    decision: Disposal | None
    note: str = ""
    terms: DisposalTerms | None = None


def record_joint_review(store: StoreLike, held_on: dt.date, place: str, participants: Sequence[str],
                        decisions: Sequence[ReviewDecision], chair: str = "", summary: str = "",
                        today: dt.date | None = None) -> uuid.UUID:
    """Record a meeting (held by ``today``, default the real today) and its decision on each loan; proposals it
    raises go through maker-checker as usual."""
    store.require(Permission.APPROVE_DISPOSAL)
    if held_on > (today or dt.date.today()):
        raise ValidationError(translate("Disposal", "The meeting date {date} is in the future.",
                                        date=held_on.isoformat()))
    people = [p.strip() for p in participants if p.strip()]
    if len(people) < 2:
        raise ValidationError(translate("Disposal", "A joint review needs at least two participants."))
    if not decisions:
        raise ValidationError(translate("Disposal", "A joint review decides on at least one loan."))
    review_id = uuid.uuid4()
    decision_ids = [uuid.uuid4() for _ in decisions]
    with store.write() as session:
        session.add(JointReview(id=review_id, held_on=held_on, place=place.strip(), chair=chair.strip(),
                                participants="\n".join(people), summary=summary.strip(),
                                recorded_by=store.user.username))
        session.flush()
        for position, (decision_id, decision) in enumerate(zip(decision_ids, decisions, strict=True)):
            _loan(session, decision.loan_id)
            session.add(JointReviewDecision(id=decision_id, review_id=review_id, loan_id=decision.loan_id,
                                            position=position, decision=decision.decision,
                                            note=decision.note.strip()))
    for decision_id, decision in zip(decision_ids, decisions, strict=True):
        if decision.terms is None:
            continue
        disposal_id = propose(store, decision.loan_id, decision.terms,
                              decision.note or translate("Disposal", "Decided by the joint review of {date}",
                                                         date=held_on.isoformat()),
                              on=held_on, joint_review_id=review_id)
        with store.write() as session:
            row = session.get(JointReviewDecision, decision_id)
            assert row is not None
            row.disposal_id = disposal_id
    return review_id


# -- queries -------------------------------------------------------------------------------------------------
def find_proposal(store: StoreLike, text: str) -> DisposalProposal:
    """The proposal ``text`` names: its id or a unique prefix of 8+ characters (as ``disposal list`` shows it)."""
    from app.domain.references import find_by_id, short_id

    with store.read() as session:
        return find_by_id(session, DisposalProposal, text, translate("Disposal", "disposal proposal"),
                          lambda p: translate("Disposal", "{id} ({kind}, proposed {date}, {status})", id=short_id(p.id),
                                              kind=p.kind.label, date=p.proposed_on.isoformat(),
                                              status=p.status.label),
                          where=[DisposalProposal.deleted.is_(False)])


def find_review(store: StoreLike, text: str) -> uuid.UUID:
    """The joint review ``text`` names: its id or a unique prefix of 8+ characters (as ``joint-review list`` shows
    it)."""
    from app.domain.references import resolve_id, short_id

    store.require(Permission.VIEW_RECORDS)
    return resolve_id(store, JointReview, text, translate("Disposal", "joint review"),
                      lambda r: translate("Disposal", "{id} ({date}, {place})", id=short_id(r.id),
                                          date=r.held_on.isoformat(), place=r.place),
                      where=[JointReview.deleted.is_(False)])


def proposals(store: StoreLike, loan_id: uuid.UUID | None = None,
              status: DisposalStatus | None = None) -> list[DisposalProposal]:
    with store.read() as session:
        query = sa.select(DisposalProposal).where(DisposalProposal.deleted.is_(False))
        if loan_id is not None:
            query = query.where(DisposalProposal.loan_id == loan_id)
        if status is not None:
            query = query.where(DisposalProposal.status == status)
        return list(session.execute(query.order_by(DisposalProposal.proposed_on, DisposalProposal.created_at))
                    .scalars())


def proposals_with_contracts(store: StoreLike, status: DisposalStatus | None = None, *,
                             open_first: bool = True) -> list[tuple[DisposalProposal, str]]:
    """Every proposal (of ``status``) with its loan's contract number, by the day proposed; with ``open_first``
    the open ones come first."""
    found = proposals(store, status=status)
    with store.read() as session:
        contracts = contract_numbers(session, {p.loan_id for p in found})
    rows = [(p, contracts.get(p.loan_id, "")) for p in found]
    if open_first:
        rows.sort(key=lambda row: (row[0].status not in OPEN, row[0].proposed_on))
    return rows


@dataclass(frozen=True)
class ReviewSummary:
    """A recorded joint review in the list of meetings."""

    review_id: uuid.UUID
    held_on: dt.date
    place: str
    loans: int
    recorded_by: str


def past_reviews(store: StoreLike) -> list[ReviewSummary]:
    """The joint reviews recorded, newest first, with the number of loans each decided on."""
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        count = sa.func.count(JointReviewDecision.id)
        rows = session.execute(
            sa.select(JointReview.id, JointReview.held_on, JointReview.place, count, JointReview.recorded_by)
            .outerjoin(JointReviewDecision, sa.and_(JointReviewDecision.review_id == JointReview.id,
                                                    JointReviewDecision.deleted.is_(False)))
            .where(JointReview.deleted.is_(False)).group_by(JointReview.id)
            .order_by(JointReview.held_on.desc(), JointReview.created_at.desc())).all()
    return [ReviewSummary(review_id, held_on, place, int(loans), recorded_by)
            for review_id, held_on, place, loans, recorded_by in rows]


@dataclass(frozen=True)
class ReviewedLoan:
    """The meeting's decision on one loan, as the detail shows it."""

    contract_no: str
    borrower_name: str
    decision: Disposal | None  # None: keep monitoring
    note: str


@dataclass(frozen=True)
class ReviewDetail:
    held_on: dt.date
    place: str
    participants: list[str]
    summary: str
    recorded_by: str
    decisions: list[ReviewedLoan]


def review_detail(store: StoreLike, review_id: uuid.UUID) -> ReviewDetail:
    """One recorded meeting: when, where, who, its note and the decision on each loan in the meeting's order."""
    store.require(Permission.VIEW_RECORDS)
    with store.read() as session:
        review = session.get(JointReview, review_id)
        if review is None or review.deleted:
            raise ValidationError(translate("Disposal", "No such joint review."))
        rows = session.execute(
            sa.select(Loan.contract_no, Loan.borrower_name, JointReviewDecision.decision, JointReviewDecision.note)
            .join(Loan, Loan.id == JointReviewDecision.loan_id)
            .where(JointReviewDecision.review_id == review_id, JointReviewDecision.deleted.is_(False))
            .order_by(JointReviewDecision.position)).all()
        return ReviewDetail(review.held_on, review.place, review.participants.splitlines(), review.summary,
                            review.recorded_by, [ReviewedLoan(*row) for row in rows])


@dataclass(frozen=True)
class LoanEvent:
    """One step in a loan's history: when, what (a stable code), by whom, and a translated description."""

    on: dt.date
    kind: str
    actor: str
    text: str


_FIELD_LABELS = {
    "matures_on": QT_TRANSLATE_NOOP("Disposal", "maturity"),
    "extended_months": QT_TRANSLATE_NOOP("Disposal", "months extended"),
    "status": QT_TRANSLATE_NOOP("Disposal", "status"), "risk_class": QT_TRANSLATE_NOOP("Disposal", "risk class"),
    "amount_fen": QT_TRANSLATE_NOOP("Disposal", "amount"), "balance_fen": QT_TRANSLATE_NOOP("Disposal", "balance"),
    "overdue_fen": QT_TRANSLATE_NOOP("Disposal", "overdue amount"),
    "overdue_since": QT_TRANSLATE_NOOP("Disposal", "overdue since"),
}


def loan_history(store: StoreLike, loan_id: uuid.UUID) -> list[LoanEvent]:
    """Disbursement, repayments, assessments, each disposal step, joint review decisions and every audited change
    of the loan's key facts, in date order."""
    import json

    events: list[LoanEvent] = []
    with store.read() as session:
        loan = _loan(session, loan_id)
        events.append(LoanEvent(loan.disbursed_on, "disbursed", loan.created_by, translate(
            "Disposal", "Disbursed {amount} yuan for {term} months, maturing on {date}", amount=yuan(loan.amount_fen),
            term=loan.term_months, date=add_months(loan.disbursed_on, loan.term_months).isoformat())))
        for repayment in session.execute(sa.select(Repayment).where(Repayment.loan_id == loan_id,
                                                                    Repayment.deleted.is_(False))).scalars():
            events.append(LoanEvent(repayment.paid_on, "repayment", repayment.created_by, translate(
                "Disposal", "Repaid {principal} yuan principal and {interest} yuan interest",
                principal=yuan(repayment.principal_fen), interest=yuan(repayment.interest_fen))))
        if MaturityAssessment is not None:
            for assessment in session.execute(sa.select(MaturityAssessment).where(
                    MaturityAssessment.loan_id == loan_id, MaturityAssessment.deleted.is_(False))).scalars():
                events.append(LoanEvent(assessment.assessed_on, "maturity_assessment", assessment.created_by,
                                        translate("Disposal", "Pre-maturity assessment: {ability}; proposed: "
                                                                          "{disposal}",
                                                  ability=assessment.ability.label,
                                                  disposal=assessment.proposed_disposal.label)))
        for proposal in session.execute(sa.select(DisposalProposal).where(
                DisposalProposal.loan_id == loan_id, DisposalProposal.deleted.is_(False))).scalars():
            events.append(LoanEvent(proposal.proposed_on, "disposal_proposed", proposal.proposed_by, translate(
                "Disposal", "{kind} proposed: {terms} — {reason}", kind=proposal.kind.label,
                terms=describe_terms(proposal), reason=proposal.reason)))
            if proposal.decided_on is not None:
                decided = DisposalStatus.APPROVED if proposal.status is DisposalStatus.EXECUTED else proposal.status
                events.append(LoanEvent(proposal.decided_on, f"disposal_{decided.value}", proposal.decided_by,
                                        translate("Disposal", "{kind} {decision} by {user}: {note}",
                                                  kind=proposal.kind.label, decision=decided.label,
                                                  user=proposal.decided_by, note=proposal.decision_note or "-")))
            if proposal.executed_on is not None:
                events.append(LoanEvent(proposal.executed_on, "disposal_executed", proposal.executed_by, translate(
                    "Disposal", "{kind} executed by the bank: {note}", kind=proposal.kind.label,
                    note=proposal.execution_note or "-")))
        for held_on, decision, note in session.execute(
                sa.select(JointReview.held_on, JointReviewDecision.decision, JointReviewDecision.note)
                .join(JointReview, JointReview.id == JointReviewDecision.review_id)
                .where(JointReviewDecision.loan_id == loan_id, JointReviewDecision.deleted.is_(False))):
            events.append(LoanEvent(held_on, "joint_review", "", translate(
                "Disposal", "Joint review decided: {decision} {note}",
                decision=decision.label if decision else translate("Disposal", "keep monitoring"), note=note)))
        recorded = session.execute(sa.select(StateEvent).where(StateEvent.loan_id == loan_id,
                                                               StateEvent.deleted.is_(False))).scalars().all()
        for state_event in recorded:  # the loan's dated history (app/domain/loan_history.py)
            parts = [translate("Disposal", "{field}: {old} → {new}", field=translate("Disposal", _FIELD_LABELS[key]),
                               old=_plain(key, old), new=_plain(key, new))
                     for key, (old, new) in event_changes(state_event).items() if key in _FIELD_LABELS]
            events.append(LoanEvent(state_event.happened_on, "loan_changed", state_event.created_by,
                                    "; ".join([state_event.kind.label, *parts])))
        for at, actor, data in [] if recorded else session.execute(  # older loans: their changes in the log
                sa.select(AuditEntry.at, AuditEntry.actor, AuditEntry.data)
                .where(AuditEntry.table_name == Loan.__tablename__, AuditEntry.record_id == str(loan_id),
                       AuditEntry.action == "update").order_by(AuditEntry.seq)):
            change = json.loads(data)
            parts = [translate("Disposal", "{field}: {old} → {new}", field=translate("Disposal", _FIELD_LABELS[key]),
                               old=_plain(key, change.get("old", {}).get(key)), new=_plain(key, value))
                     for key, value in change.get("new", {}).items() if key in _FIELD_LABELS]
            if parts:
                events.append(LoanEvent(at.date(), "loan_changed", actor, "; ".join(parts)))
    order = {"disbursed": 0, "disposal_proposed": 1, "disposal_approved": 2, "disposal_rejected": 2,
             "disposal_withdrawn": 2, "disposal_executed": 3, "loan_changed": 4}
    events.sort(key=lambda e: (e.on, order.get(e.kind, 1)))
    return events


def _plain(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key.endswith("_fen"):
        return yuan(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Labelled):
        return value.label
    return str(value)


def describe_terms(proposal: DisposalProposal, tr: Callable[..., str] = translate) -> str:
    """The proposed terms in one line (for the history, the ledger and the dialogs); ``tr(context, text, **params)``
    translates (a Chinese ledger passes its own)."""
    kind = proposal.kind
    new = proposal.new_matures_on.isoformat() if proposal.new_matures_on else "-"
    if kind is Disposal.EXTENSION:
        return tr("Disposal", _TERMS["extension"], months=proposal.extension_months or 0, date=new)
    if kind in (Disposal.RESCHEDULE, Disposal.RENEWAL_WITHOUT_PRINCIPAL):
        return tr("Disposal", _TERMS["maturity"], date=new)
    if kind is Disposal.TOP_UP:
        return tr("Disposal", _TERMS["top_up"], amount=yuan(proposal.top_up_fen or 0))
    if kind is Disposal.COMPENSATION_CLAIM:
        return tr("Disposal", _TERMS["claim"], amount=yuan(proposal.claim_fen or 0))
    return proposal.terms_note or tr("Disposal", _TERMS["legal"])


_TERMS = {
    "extension": QT_TRANSLATE_NOOP("Disposal", "extend {months} months to {date}"),
    "maturity": QT_TRANSLATE_NOOP("Disposal", "new maturity {date}"),
    "top_up": QT_TRANSLATE_NOOP("Disposal", "top-up of {amount} yuan"),
    "claim": QT_TRANSLATE_NOOP("Disposal", "claim {amount} yuan from the risk fund"),
    "legal": QT_TRANSLATE_NOOP("Disposal", "legal action"),
}


def split_participants(text: str) -> list[str]:
    """Participants typed one per line or separated by commas (also the Chinese comma, 、 and semicolons)."""
    for separator in ("，", "、", ";", "；", "\n"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]
