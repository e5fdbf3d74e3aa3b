"""Classified disposal: policy limits named in refusals, maker-checker, execution by the bank, joint reviews,
and the loan's history of every step."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from app import settings
from app.domain import risk_disposal as rd
from app.domain.loan_facts import LoanFacts
from app.domain.risk import RiskPolicy
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, Loan
from app.models.enums import Disposal, LoanStatus
from app.models.risk import DisposalProposal, DisposalStatus, JointReview, JointReviewDecision
from tests.records_data import make_household, make_loan

D = dt.date
ON = D(2025, 6, 20)


@pytest.fixture
def people(store, node_dir):
    """A bank officer, a second bank officer, a supervisor and a field cadre, each with an open store."""
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    users = {"banker": "bank", "teller": "bank", "boss": "supervisor", "cadre": "field", "district": "district"}
    opened = {}
    for name, role in users.items():
        store.add_user(name, role, f"{name} password", kdf=FAST_KDF)
        opened[name] = Store.open(node_dir, name, f"{name} password")
    yield opened
    for other in opened.values():
        other.engine.dispose()


@pytest.fixture
def loan_24(store):
    household = make_household(store)
    return make_loan(store, household, months=24, disbursed=D(2023, 7, 10), matures=D(2025, 7, 10))


def _loan(store, loan_id) -> Loan:
    with store.read() as session:
        return session.get(Loan, loan_id)


# -- pure limits -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("term", "limit", "key"), [
    (6, 6, settings.EXTENSION_SHORT_LIMIT_PERCENT.key), (12, 12, settings.EXTENSION_SHORT_LIMIT_PERCENT.key),
    (13, 6, settings.EXTENSION_MEDIUM_LIMIT_PERCENT.key), (24, 12, settings.EXTENSION_MEDIUM_LIMIT_PERCENT.key),
    (36, 18, settings.EXTENSION_MEDIUM_LIMIT_PERCENT.key), (60, 30, settings.EXTENSION_MEDIUM_LIMIT_PERCENT.key),
    (61, 36, "long_term_extension"),
])
def test_extension_limits_of_the_general_rule(term, limit, key):
    found, found_key, named = rd.extension_limit(term, RiskPolicy())
    assert (found, found_key) == (limit, key)
    assert "cumulative extension" in named


def _facts(**changes) -> LoanFacts:
    values = {"contract_no": "X", "disbursed_on": D(2024, 1, 31), "matures_on": D(2025, 1, 31), "term_months": 12,
              "amount_fen": 3_000_000, "balance_fen": 3_000_000}
    values.update(changes)
    return LoanFacts(**values)


@pytest.mark.parametrize(("facts", "terms", "fragment", "limit"), [
    (_facts(), rd.DisposalTerms(Disposal.EXTENSION, extension_months=13), "above the limit of 12 months",
     settings.EXTENSION_SHORT_LIMIT_PERCENT.key),
    (_facts(extended_months=6), rd.DisposalTerms(Disposal.EXTENSION, extension_months=7), "makes 13",
     settings.EXTENSION_SHORT_LIMIT_PERCENT.key),
    (_facts(), rd.DisposalTerms(Disposal.TOP_UP, top_up_fen=2_000_001), "loan amount cap (50,000.00 yuan",
     settings.LOAN_CAP_YUAN.key),
    (_facts(), rd.DisposalTerms(Disposal.RESCHEDULE, new_matures_on=D(2027, 2, 28)), "longest loan term (36 months)",
     settings.LOAN_TERM_MAX_MONTHS.key),
    (_facts(), rd.DisposalTerms(Disposal.RENEWAL_WITHOUT_PRINCIPAL, new_matures_on=D(2028, 2, 1)),
     "longest loan term", settings.LOAN_TERM_MAX_MONTHS.key),
    (_facts(matures_on=D(2024, 8, 31), overdue_since=D(2024, 9, 1)),
     rd.DisposalTerms(Disposal.RENEWAL_WITHOUT_PRINCIPAL, new_matures_on=D(2026, 1, 31)), "only for performing",
     "renewal_non_performing"),
    (_facts(), rd.DisposalTerms(Disposal.COMPENSATION_CLAIM), "only for an overdue loan", "not_overdue"),
    (_facts(balance_fen=0, status=LoanStatus.REPAID), rd.DisposalTerms(Disposal.EXTENSION, extension_months=1),
     "is closed", "loan_closed"),
    (_facts(), rd.DisposalTerms(Disposal.REPAY), "not a disposal", "kind"),
])
def test_check_terms_names_the_limit(facts, terms, fragment, limit):
    with pytest.raises(rd.PolicyLimitError) as caught:
        rd.check_terms(facts, terms, D(2025, 1, 10), RiskPolicy())
    assert fragment in str(caught.value) and caught.value.limit == limit


@pytest.mark.parametrize("terms", [
    rd.DisposalTerms(Disposal.EXTENSION, extension_months=12),
    rd.DisposalTerms(Disposal.TOP_UP, top_up_fen=2_000_000),
    rd.DisposalTerms(Disposal.RESCHEDULE, new_matures_on=D(2027, 1, 31)),  # exactly 36 months from disbursement
    rd.DisposalTerms(Disposal.RENEWAL_WITHOUT_PRINCIPAL, new_matures_on=D(2028, 1, 31)),
])
def test_terms_within_the_limits_pass(terms):
    rd.check_terms(_facts(), terms, D(2025, 1, 10), RiskPolicy())


def test_months_between_counts_part_months():
    assert rd.months_between(D(2024, 1, 31), D(2024, 2, 29)) == 1
    assert rd.months_between(D(2024, 1, 31), D(2024, 3, 1)) == 2
    assert rd.months_between(D(2024, 2, 29), D(2027, 2, 28)) == 36


# -- the workflow ---------------------------------------------------------------------------------------------
def test_maker_checker_and_execution_by_the_bank(store, people, loan_24):
    banker, teller, boss, cadre = people["banker"], people["teller"], people["boss"], people["cadre"]
    terms = rd.DisposalTerms(Disposal.EXTENSION, extension_months=6)
    with pytest.raises(PermissionDenied):
        rd.propose(cadre, loan_24, terms, "养殖周期长", on=ON)
    disposal_id = rd.propose(banker, loan_24, terms, "肉牛出栏推迟，展期6个月", on=ON)
    with pytest.raises(PermissionDenied, match="maker-checker"):
        rd.decide(banker, disposal_id, approve=True, on=ON)
    with pytest.raises(ValidationError, match="only an approved one"):
        rd.execute(banker, disposal_id, on=ON)
    rd.decide(boss, disposal_id, approve=True, note="同意", on=D(2025, 6, 22))
    with pytest.raises(PermissionDenied):
        rd.execute(boss, disposal_id, on=D(2025, 6, 25))
    # issue 20: 50,000 yuan at stake is above the district's threshold (30,000): the district approves too
    with pytest.raises(ValidationError, match="needs the district's approval"):
        rd.execute(teller, disposal_id, on=D(2025, 6, 25))
    rd.decide(people["district"], disposal_id, approve=True, note="区扶贫办同意", on=D(2025, 6, 24))
    before = _loan(store, loan_24)
    rd.execute(teller, disposal_id, note="已签展期协议", on=D(2025, 6, 25))
    after = _loan(store, loan_24)
    assert (before.matures_on, before.extended_months) == (D(2025, 7, 10), 0)
    assert (after.matures_on, after.extended_months, after.status) == (D(2026, 1, 10), 6, LoanStatus.EXTENDED)
    [proposal] = rd.proposals(store, loan_24)
    assert proposal.status is DisposalStatus.EXECUTED
    assert (proposal.proposed_by, proposal.decided_by, proposal.executed_by) == ("banker", "boss", "teller")
    assert proposal.new_matures_on == D(2026, 1, 10) and proposal.matures_on_before == D(2025, 7, 10)

    with store.read() as session:
        actors = session.execute(sa.select(AuditEntry.actor, AuditEntry.action, AuditEntry.data).where(
            AuditEntry.table_name == "disposals").order_by(AuditEntry.seq)).all()
        loan_changes = session.execute(sa.select(AuditEntry.actor, AuditEntry.data).where(
            AuditEntry.table_name == "loans", AuditEntry.action == "update")).all()
    assert [(a, act) for a, act, _ in actors] == [("banker", "insert"), ("boss", "update"), ("district", "update"),
                                                  ("teller", "update")]
    assert loan_changes[-1][0] == "teller"
    assert json.loads(loan_changes[-1][1])["new"]["extended_months"] == 6

    history = rd.loan_history(store, loan_24)
    kinds = [event.kind for event in history]
    assert kinds.index("disbursed") < kinds.index("disposal_proposed") < kinds.index("disposal_approved") \
        < kinds.index("disposal_executed")
    executed = next(e for e in history if e.kind == "disposal_executed")
    assert executed.actor == "teller" and "已签展期协议" in executed.text
    changed = next(e for e in history if e.kind == "loan_changed")
    assert "2025-07-10 → 2026-01-10" in changed.text and changed.actor == "teller"


def test_extension_beyond_its_cumulative_limit_is_refused_naming_the_limit(store, people, loan_24):
    banker = people["banker"]
    first = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=8), "展期", on=ON)
    rd.decide(people["district"], first, True, on=ON)  # the district as the checker: one step covers both
    rd.execute(banker, first, on=ON)
    with pytest.raises(rd.PolicyLimitError) as caught:
        rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=5), "再展期", on=ON)
    message = str(caught.value)
    assert "extension limit" in message and "50% of the original term" in message
    assert "already extended 8 months" in message and "limit of 12 months" in message
    assert caught.value.limit == settings.EXTENSION_MEDIUM_LIMIT_PERCENT.key
    rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=4), "再展期", on=ON)


def test_the_extension_limit_is_a_setting(store, people, loan_24):
    store.set_setting(settings.EXTENSION_MEDIUM_LIMIT_PERCENT, 25)
    people["banker"].settings.invalidate()
    with pytest.raises(rd.PolicyLimitError, match="25% of the original term"):
        rd.propose(people["banker"], loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=7), "x", on=ON)


def test_limits_are_checked_again_at_approval_and_execution(store, people):
    banker, boss = people["banker"], people["boss"]
    loan_24 = make_loan(store, make_household(store), amount_yuan=30_000, matures=D(2025, 7, 10))
    first = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.TOP_UP, top_up_fen=1_000_000), "扩大养殖", on=ON)
    with store.write() as session:  # the bank records more lending to the household meanwhile
        session.get(Loan, loan_24).balance_fen = 4_500_000
    with pytest.raises(rd.PolicyLimitError, match="loan amount cap"):
        rd.decide(boss, first, True, on=ON)
    rd.decide(boss, first, False, note="超过额度上限", on=ON)
    assert rd.proposals(store, loan_24)[0].status is DisposalStatus.REJECTED


def test_rejection_needs_a_reason_and_ends_the_proposal(store, people, loan_24):
    banker, boss = people["banker"], people["boss"]
    disposal_id = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3), "x", on=ON)
    with pytest.raises(rd.PolicyLimitError, match="already has an open disposal proposal"):
        rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=2), "y", on=ON)
    with pytest.raises(ValidationError, match="reason for rejecting"):
        rd.decide(boss, disposal_id, False, on=ON)
    rd.decide(boss, disposal_id, False, note="还款能力不足，建议走代偿", on=ON)
    with pytest.raises(ValidationError, match="only an approved one"):
        rd.execute(banker, disposal_id, on=ON)
    with pytest.raises(ValidationError, match="only a proposed one"):
        rd.decide(people["teller"], disposal_id, True, on=ON)
    again = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=2), "y", on=ON)
    with pytest.raises(PermissionDenied):
        rd.withdraw(boss, again)
    rd.withdraw(banker, again, "改为调整还款计划", on=ON)
    history = [e.kind for e in rd.loan_history(store, loan_24)]
    assert history.count("disposal_rejected") == 1 and history.count("disposal_withdrawn") == 1


def test_renewal_top_up_and_claim_change_the_loan(store, people):
    banker, boss = people["banker"], people["boss"]
    household = make_household(store)
    renew = make_loan(store, household, amount_yuan=30_000, months=12, disbursed=D(2024, 7, 1),
                      matures=D(2025, 7, 1), contract="R-1")
    disposal_id = rd.propose(banker, renew, rd.DisposalTerms(Disposal.RENEWAL_WITHOUT_PRINCIPAL,
                                                             new_matures_on=D(2026, 7, 1)), "无还本续贷", on=ON)
    rd.decide(boss, disposal_id, True, on=ON)
    rd.execute(banker, disposal_id, on=ON)
    loan = _loan(store, renew)
    assert (loan.matures_on, loan.status) == (D(2026, 7, 1), LoanStatus.RENEWED)

    disposal_id = rd.propose(banker, renew, rd.DisposalTerms(Disposal.TOP_UP, top_up_fen=1_000_000), "追加", on=ON)
    rd.decide(boss, disposal_id, True, on=ON)
    rd.execute(banker, disposal_id, on=ON)
    loan = _loan(store, renew)
    assert (loan.amount_fen, loan.balance_fen) == (4_000_000, 4_000_000)

    with store.write() as session:
        overdue = session.get(Loan, renew)
        overdue.matures_on, overdue.overdue_since, overdue.status = D(2025, 1, 1), D(2025, 1, 2), LoanStatus.OVERDUE
    claim = rd.DisposalTerms(Disposal.COMPENSATION_CLAIM, recovery_effort="电话催收3次，上门2次，发律师函",
                             loss_confirmed_on=D(2025, 6, 15), loss_basis="会商研判认定无还款能力")
    disposal_id = rd.propose(banker, renew, claim, "申请代偿", on=ON)
    assert rd.proposals(store, renew)[-1].claim_fen == 4_000_000
    rd.decide(boss, disposal_id, True, on=ON)
    rd.decide(people["district"], disposal_id, True, on=ON)  # 40,000 yuan claimed: the district's step
    rd.execute(banker, disposal_id, on=ON)
    assert _loan(store, renew).status is LoanStatus.COMPENSATED


def test_joint_review_records_decisions_and_raises_proposals(store, people, loan_24):
    boss, banker = people["boss"], people["banker"]
    other = make_loan(store, make_household(store, head="李四", citizen_id="11010519491231002X"),
                      contract="BQ-2023-0002")
    with pytest.raises(ValidationError, match="two participants"):
        rd.record_joint_review(boss, ON, "区扶贫办会议室", ["王主任"], [rd.ReviewDecision(loan_24, None)])
    review_id = rd.record_joint_review(
        boss, ON, "区扶贫办会议室", ["王主任（区扶贫办）", "赵科长（区财政局）", "刘经理（邮储银行）"],
        [rd.ReviewDecision(loan_24, Disposal.EXTENSION, "同意展期6个月",
                           rd.DisposalTerms(Disposal.EXTENSION, extension_months=6)),
         rd.ReviewDecision(other, None, "继续跟踪回访")],
        chair="王主任", summary="研判2户到期贷款")
    with store.read() as session:
        review = session.get(JointReview, review_id)
        decisions = session.execute(sa.select(JointReviewDecision).where(JointReviewDecision.review_id == review_id)
                                    .order_by(JointReviewDecision.position)).scalars().all()
        proposal = session.execute(sa.select(DisposalProposal)).scalar_one()
    assert review.participants.count("\n") == 2 and review.recorded_by == "boss"
    assert [(d.loan_id, d.decision) for d in decisions] == [(loan_24, Disposal.EXTENSION), (other, None)]
    assert decisions[0].disposal_id == proposal.id and proposal.joint_review_id == review_id
    assert proposal.proposed_by == "boss" and proposal.status is DisposalStatus.PROPOSED
    with pytest.raises(PermissionDenied, match="maker-checker"):
        rd.decide(boss, proposal.id, True, on=ON)
    rd.decide(banker, proposal.id, True, on=ON)
    assert any(e.kind == "joint_review" for e in rd.loan_history(store, other))


def test_a_proposal_is_found_by_the_start_of_its_id_and_listed_with_its_contract(store, people, loan_24):
    banker = people["banker"]
    first = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3), "养殖周期", on=ON)
    assert rd.find_proposal(store, f" {str(first)[:8].upper()} ").id == first
    for text, reason in ((str(first)[:6], "too short"), ("zzzzzzzz", "is not the id"), ("", "Give the"),
                         ("00000000", "No disposal proposal matches")):
        with pytest.raises(ValidationError, match=reason):
            rd.find_proposal(store, text)
    rd.decide(people["boss"], first, False, "材料不全", on=ON)
    second = rd.propose(banker, loan_24, rd.DisposalTerms(Disposal.EXTENSION, extension_months=6), "再议", on=ON)
    contract = _loan(store, loan_24).contract_no
    assert [(p.id, c) for p, c in rd.proposals_with_contracts(store, open_first=False)] == [
        (first, contract), (second, contract)]
    assert [p.id for p, _ in rd.proposals_with_contracts(store)] == [second, first]  # the open one first
    assert [p.id for p, _ in rd.proposals_with_contracts(store, DisposalStatus.REJECTED)] == [first]


def test_a_joint_review_cannot_be_held_in_the_future(store, people, loan_24):
    with pytest.raises(ValidationError, match="in the future"):
        rd.record_joint_review(people["boss"], ON + dt.timedelta(days=1), "会议室", ["甲", "乙"],
                               [rd.ReviewDecision(loan_24, None)], today=ON)
    assert rd.record_joint_review(people["boss"], ON, "会议室", ["甲", "乙"], [rd.ReviewDecision(loan_24, None)],
                                  today=ON)
