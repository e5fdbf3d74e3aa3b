"""The demo's field records, disposals and programmes obey the rules the application enforces: a sample of every
kind of record passes its form's validator on the day it was made, misuse opened its anomaly, steps follow the
workflow, proposals pass the disposal limits, the fund carries its payouts, and every page has content."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter

import pytest
import sqlalchemy as sa

from app.district.demo import WRITER_PREPARES, fill_demo, generate
from app.district.fieldwork import FIELDWORK_FROM
from app.district.hub_origin import DEMO_HUB
from app.domain import records as rec
from app.domain.loan_facts import facts_of
from app.domain.programs import fund
from app.domain.programs.fund import fund_position
from app.domain.records.anomalies import ANOMALY_ORDER
from app.domain.risk import Rule, add_months
from app.domain.risk_disposal import DisposalTerms, check_terms
from app.domain.risk_query import policy_of, warnings
from app.errors import PermissionDenied
from app.models import (
    Anomaly,
    AnomalyStep,
    AuditEntry,
    FundContribution,
    FundPayoutItem,
    JointReview,
    JointReviewDecision,
    Loan,
    MaturityAssessment,
    Member,
    PreloanReview,
    SubsidyClaim,
    UseCheck,
    Visit,
)
from app.models.enums import AnomalyStatus, Disposal, LoanStatus, RecordKind, UseConclusion
from app.models.programs import ClaimStatus
from app.models.risk import DisposalProposal, DisposalStatus

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """A hub with 600 demo households as of AS_OF (made once for the module)."""
    from app.db.store import Store
    from tests.conftest import ADMIN, FAST_KDF, PASSWORD

    store, _ = Store.create(tmp_path_factory.mktemp("demo") / "node", "hub", "区扶贫办", None, ADMIN, PASSWORD,
                            kdf=FAST_KDF)
    fill_demo(store, households=600, seed=11, as_of=AS_OF)
    yield store
    store.engine.dispose()


def _all(store, query):
    with store.read() as session:
        return list(session.execute(query).scalars())


def test_every_kind_of_record_is_there(district):
    with district.read() as session:
        def count(model, *where):
            return session.execute(sa.select(sa.func.count()).select_from(model).where(*where)).scalar_one()

        assert count(Visit) > 1.5 * count(Loan, Loan.status != LoanStatus.REPAID)
        assert count(PreloanReview, PreloanReview.eligible.is_(False)) > 0
        assert count(PreloanReview, PreloanReview.eligible.is_(True)) > 300
        assert count(UseCheck, UseCheck.conclusion != UseConclusion.COMPLIANT) > 0
        assert count(MaturityAssessment) > 100 and count(JointReview) >= 4 and count(JointReviewDecision) > 0
        statuses = {s for (s,) in session.execute(sa.select(DisposalProposal.status).distinct())}
        assert statuses == set(DisposalStatus)
        kinds = {k for (k,) in session.execute(sa.select(DisposalProposal.kind).distinct())}
        assert {Disposal.EXTENSION, Disposal.COMPENSATION_CLAIM, Disposal.LEGAL_ACTION} <= kinds
        anomaly_statuses = {s for (s,) in session.execute(sa.select(Anomaly.status).distinct())}
        assert anomaly_statuses >= {AnomalyStatus.MEASURES_TAKEN, AnomalyStatus.CLOSED}
        years = {d.year for (d,) in session.execute(sa.select(Visit.visited_on))}
        assert set(range(FIELDWORK_FROM.year, AS_OF.year + 1)) <= years
        claims = {s for (s,) in session.execute(sa.select(SubsidyClaim.status).distinct())}
        assert {ClaimStatus.PAID, ClaimStatus.REFUSED, ClaimStatus.CLAIMED} <= claims


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_sample_of_each_kind_passes_its_form_on_the_day_it_was_made(district, kind):
    model = rec.model_for(kind)
    records = _all(district, sa.select(model).order_by(model.id))
    assert records
    for record in random.Random(kind.value).sample(records, min(40, len(records))):
        day = record.created_at.date()  # the day it was submitted: the assessment's decision may come later
        assert record.record_date <= day <= AS_OF
        ctx = rec.load_context(district, record.household_id, record.loan_id, today=day)
        if kind is RecordKind.MATURITY_ASSESSMENT:  # the loan as it was then: an extension came after
            ctx = dataclasses.replace(ctx, loan=dataclasses.replace(ctx.loan, matures_on=record.matures_on))
        values = rec.record_values(record)
        assert rec.validate(kind, values, ctx) == {}, (kind, record.id, values)
        if kind is RecordKind.PRELOAN_REVIEW:
            derived = rec.derived_values(kind, values, ctx)
            assert (derived["score"], derived["grade"], derived["eligible"]) == (record.score, record.grade,
                                                                               record.eligible)


def test_reviews_give_the_loans_their_grade_and_line(district):
    with district.read() as session:
        loans = {(loan.borrower_id, loan.disbursed_on): loan for loan in session.execute(sa.select(Loan)).scalars()}
        reviews = session.execute(sa.select(PreloanReview).where(PreloanReview.eligible.is_(True))).scalars().all()
    matched = 0
    for review in reviews:
        loan = next((loan for (borrower, on), loan in loans.items() if borrower == review.applicant_id
                     and 0 < (on - review.reviewed_on).days <= 40), None)
        if loan is not None:
            matched += 1
            assert loan.credit_grade is review.grade and loan.credit_line_fen == review.proposed_line_fen
            assert loan.amount_fen <= loan.credit_line_fen
    assert matched == len(reviews)


def test_misuse_opens_an_anomaly_and_steps_follow_the_workflow(district):
    checks = _all(district, sa.select(UseCheck).where(UseCheck.conclusion != UseConclusion.COMPLIANT))
    anomalies = {a.use_check_id: a for a in _all(district, sa.select(Anomaly).where(Anomaly.use_check_id.is_not(None)))}
    assert {c.id for c in checks} == set(anomalies)
    steps: dict = {}
    for step in _all(district, sa.select(AnomalyStep).order_by(AnomalyStep.at)):
        steps.setdefault(step.anomaly_id, []).append(step)
    for anomaly in _all(district, sa.select(Anomaly)):
        chain = steps[anomaly.id]
        assert [s.to_status for s in chain] == list(ANOMALY_ORDER[:len(chain)])
        assert chain[-1].to_status is anomaly.status
        assert chain[0].at.date() <= anomaly.found_on + dt.timedelta(days=1) and chain[-1].at.date() <= AS_OF


def test_disposals_pass_the_limits_and_change_their_loans(district):
    policy = policy_of(district)
    with district.read() as session:
        loans = {loan.id: loan for loan in session.execute(sa.select(Loan)).scalars()}
        proposals = session.execute(sa.select(DisposalProposal)).scalars().all()
        payouts = {item.disposal_id for item in session.execute(sa.select(FundPayoutItem)).scalars()}
        decided = {d.disposal_id for d in session.execute(sa.select(JointReviewDecision)).scalars()}
        meetings = {r.id: r.held_on for r in session.execute(sa.select(JointReview)).scalars()}
    for proposal in proposals:
        loan = loans[proposal.loan_id]
        assert proposal.proposed_on <= (proposal.decided_on or AS_OF) <= (proposal.executed_on or AS_OF) <= AS_OF
        if proposal.kind is Disposal.EXTENSION and proposal.status is DisposalStatus.EXECUTED:
            assert loan.status is LoanStatus.EXTENDED and loan.matures_on == proposal.new_matures_on
            before = dataclasses.replace(facts_of(loan), matures_on=proposal.matures_on_before, extended_months=0,
                                         status=LoanStatus.ACTIVE)
            assert add_months(proposal.matures_on_before, loan.extended_months) == loan.matures_on
            check_terms(before, DisposalTerms(Disposal.EXTENSION, extension_months=proposal.extension_months),
                        proposal.proposed_on, policy)
        if proposal.kind is Disposal.COMPENSATION_CLAIM and proposal.status is DisposalStatus.EXECUTED:
            assert loan.status is LoanStatus.COMPENSATED and proposal.id in payouts
        if proposal.joint_review_id is not None:
            assert proposal.id in decided and meetings[proposal.joint_review_id] == proposal.proposed_on
    for loan in loans.values():
        if loan.status is LoanStatus.EXTENDED:
            assert any(p.loan_id == loan.id and p.status is DisposalStatus.EXECUTED for p in proposals)


def test_the_loans_history_replays_as_the_money_rules_record_it(district):
    """Loan events as the workflow records them: an overdue loan was current before it fell due and climbed the
    five classes on their days; an extended loan matured on its original day before the extension; a compensated
    loan was overdue until the claim was executed; a settled loan owed its amount before its last repayment."""
    from app.domain.loan_history import LoanTimeline
    from app.models import LoanEvent
    from app.models.enums import LoanEventKind, RiskClass

    policy = policy_of(district)
    seen = Counter()
    with district.read() as session:
        loans = session.execute(sa.select(Loan).order_by(Loan.id)).scalars().all()
        events = Counter(k for (k,) in session.execute(sa.select(LoanEvent.kind)))
        claims = {p.id: p for p in session.execute(sa.select(DisposalProposal)).scalars()}
        for loan in loans:
            timeline = LoanTimeline(session, loan)
            start = timeline.on(loan.disbursed_on)
            assert start["balance_fen"] == loan.amount_fen and start["risk_class"] is RiskClass.NORMAL
            assert start["status"] is LoanStatus.ACTIVE and start["overdue_since"] is None, loan.contract_no
            if loan.overdue_since is not None:
                before = timeline.on(loan.overdue_since - dt.timedelta(days=1))
                assert before["overdue_since"] is None and before["risk_class"] is RiskClass.NORMAL
                if loan.risk_class is RiskClass.LOSS:
                    day = loan.overdue_since + dt.timedelta(days=policy.doubtful_days - 1)
                    assert timeline.on(day)["risk_class"] is RiskClass.DOUBTFUL
                    seen["loss"] += 1
                assert timeline.first_overdue_on(AS_OF) == loan.overdue_since
            if loan.status is LoanStatus.EXTENDED:
                extended = next(e for e in timeline.events if e.kind is LoanEventKind.EXTENDED)
                original = add_months(loan.disbursed_on, loan.term_months)
                assert timeline.on(extended.happened_on - dt.timedelta(days=1))["matures_on"] == original
                assert extended.happened_on <= original
                seen["extended"] += 1
            if loan.status is LoanStatus.COMPENSATED:
                event = next(e for e in timeline.events if e.kind is LoanEventKind.COMPENSATED)
                claim = claims[event.disposal_id]
                assert claim.executed_on == event.happened_on and claim.district_approved_on is not None
                assert claim.recovery_effort and claim.loss_confirmed_on <= claim.proposed_on
                assert timeline.on(event.happened_on - dt.timedelta(days=1))["status"] is LoanStatus.OVERDUE
                seen["compensated"] += 1
            if loan.status is LoanStatus.REPAID:
                settled = next(e for e in timeline.events if e.kind is LoanEventKind.SETTLED)
                assert timeline.on(settled.happened_on)["balance_fen"] == 0
                assert timeline.on(settled.happened_on - dt.timedelta(days=1))["balance_fen"] > 0
                seen["repaid"] += 1
    assert min(seen.values()) > 0 and len(seen) == 4, seen
    assert {LoanEventKind.OVERDUE, LoanEventKind.STATED, LoanEventKind.EXTENDED, LoanEventKind.COMPENSATED,
            LoanEventKind.SETTLED} <= set(events)


def test_payouts_and_subsidies_keep_the_money_rules(district):
    """Each payout settles an approved (district-approved) claim within the fund's share; each subsidy claim is at
    most the subsidy share of the interest due on the replayed balance of its period, which never overlaps
    another claim of the loan."""
    from app import settings
    from app.domain.loan_history import LoanTimeline
    from app.domain.programs.fund import claim_allowance
    from app.domain.programs.subsidies import interest_due

    share = district.setting(settings.FUND_SHARE_PERCENT)
    subsidy_share = district.setting(settings.SUBSIDY_SHARE_PERCENT)
    with district.read() as session:
        items = session.execute(sa.select(FundPayoutItem)).scalars().all()
        assert items
        for item in items:
            claim = session.get(DisposalProposal, item.disposal_id)
            assert claim.kind is Disposal.COMPENSATION_CLAIM and claim.loan_id == item.loan_id
            assert claim.status in (DisposalStatus.APPROVED, DisposalStatus.EXECUTED)
            assert claim.district_approved_on is not None
            assert item.amount_fen <= claim_allowance(claim.claim_fen or claim.balance_before_fen, share)
        claims = session.execute(sa.select(SubsidyClaim).order_by(SubsidyClaim.loan_id,
                                                                  SubsidyClaim.period_start)).scalars().all()
        assert any("~" in c.period for c in claims), "some claims are ranges of days"
        previous = None
        for claim in claims:
            loan = session.get(Loan, claim.loan_id)
            due = interest_due(LoanTimeline(session, loan), claim.period_start, claim.period_end)
            assert 0 < claim.amount_fen <= due * subsidy_share // 100, claim.period
            if previous is not None and previous.loan_id == claim.loan_id:
                assert previous.period_end < claim.period_start
            previous = claim


def test_the_fund_and_the_warnings_look_like_a_working_district(district):
    position = fund_position(district, AS_OF)
    assert position.balance_fen > 0 and position.payouts_fen > 0 and not position.exceeded
    found = Counter(w.rule for w in warnings(district, AS_OF))
    assert {Rule.OVERDUE, Rule.VISIT, Rule.ANOMALY, Rule.MATURITY} <= set(found)
    live = len(_all(district, sa.select(Loan.id).where(Loan.status.not_in([LoanStatus.REPAID,
                                                                           LoanStatus.COMPENSATED]))))
    assert found[Rule.VISIT] < 0.2 * live  # most households are visited on schedule
    assert district.check() == []


def test_a_field_node_gets_the_districts_fund_and_its_own_street(make_node):
    store = make_node(role="field", street="610111006")[0]
    fill_demo(store, households=120, seed=4, as_of=AS_OF)
    position = fund_position(store, AS_OF)
    assert position.balance_fen > 0 and not position.exceeded  # no 0.00 shown in red on the fund page
    streets = set(_all(store, sa.select(JointReview.place)))
    assert streets and all("狄寨" in place for place in streets)
    assert store.check() == []
    # what only the hub makes arrived as if the hub had sent it: under the hub's origin, never in the field node's
    # own change log (its bundles could not carry it), and the field node itself still may not make it
    assert set(_all(store, sa.select(FundContribution.origin_node))) == {DEMO_HUB}
    assert set(_all(store, sa.select(Loan.origin_node))) == {DEMO_HUB}
    signed = _all(store, sa.select(Visit.origin_node).where(Visit.signed_off_by != ""))
    assert signed and set(signed) == {DEMO_HUB}
    assert store.info.node_id in set(_all(store, sa.select(Visit.origin_node)))
    own = set(_all(store, sa.select(AuditEntry.table_name).where(AuditEntry.origin_node == store.origin)))
    assert own and not own & {"loans", "disposals", "joint_reviews", "fund_contributions", "fund_payouts",
                              "subsidy_claims", "enterprises", "outreach_campaigns", "banks"}
    with pytest.raises(PermissionDenied, match="This is done at the hub"):
        fund.add_contribution(store, AS_OF, 100_000, "区财政局")


@pytest.mark.parametrize(("role", "street"), [("hub", None), ("field", "610111006")])
def test_made_in_a_second_process_the_rows_are_the_same(make_node, tmp_path, role, street):
    """The second process prepares most kinds and leaves some (WRITER_PREPARES: the members) to the writer: the
    rows, their authorship and their log entries are what one process makes."""
    first = make_node(role=role, street=street, folder=tmp_path / "a")[0]
    second = make_node(role=role, street=street, folder=tmp_path / "b")[0]
    here = generate(first, 150, seed=9, as_of=AS_OF, processes=False)
    there = generate(second, 150, seed=9, as_of=AS_OF, processes=True)
    assert here.rows == there.rows
    assert WRITER_PREPARES and all(there.rows[kind] for kind in WRITER_PREPARES)

    def fingerprint(store):
        origins = {store.origin: "own", DEMO_HUB: "hub"}
        with store.read() as session:
            visits = sorted(session.execute(sa.select(Visit.visited_on, Visit.findings, Visit.people_met)).all())
            members = sorted((m.name, m.citizen_id, m.birth_date, m.position, m.created_by, origins[m.origin_node],
                              bool(m.hlc)) for m in session.scalars(sa.select(Member)))
            logged = Counter((e.table_name, origins.get(e.origin_node), e.origin_seq is not None)
                             for e in session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "insert")))
            stamps = session.execute(sa.select(AuditEntry.hlc).where(AuditEntry.origin_node == store.origin,
                                                                     AuditEntry.action == "insert")
                                     .order_by(AuditEntry.origin_seq)).scalars().all()
        assert stamps == sorted(stamps)  # the members' stamps sit in the order they were logged in
        return visits, members, logged

    assert fingerprint(first) == fingerprint(second)
    assert first.check() == [] and second.check() == []
