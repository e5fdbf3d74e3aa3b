"""A loan's state as events (issue 20, "history, not overwrite"): any past day replays as it was — warnings,
classes, ledgers and the disposal rules — and a disposal adds an event instead of erasing overdue history.
Each rule is tested at its boundary: the day before, the day, the day after; the amount just under, at, over."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app import settings
from app.domain import records as rec
from app.domain import risk_disposal as rd
from app.domain.loan_facts import LoanFacts
from app.domain.loan_history import LoanTimeline, record_repayment, rewind
from app.domain.risk import RiskPolicy, Rule, overdue_position, status_on
from app.domain.risk_query import LoanFilter, loan_facts, warnings
from app.errors import PermissionDenied, ValidationError
from app.models import Loan, LoanEvent
from app.models.enums import Disposal, LoanEventKind, LoanStatus, RecordKind, RiskClass
from app.models.risk import DisposalStatus
from tests.records_data import make_household, make_loan

D = dt.date
DAY = dt.timedelta(days=1)


@pytest.fixture
def store(make_node):
    """A hub: the bank, supervisors and district staff work there, and disposals (their proposal, decision, the
    district's step, execution, the report to the finance office) are done only there (issue 16)."""
    return make_node(role="hub", street=None)[0]


@pytest.fixture
def people(store, node_dir):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    opened = {}
    for name, role in {"banker": "bank", "teller": "bank", "boss": "supervisor", "dist": "district"}.items():
        store.add_user(name, role, f"{name} password", kdf=FAST_KDF)
        opened[name] = Store.open(node_dir, name, f"{name} password")
    yield opened
    for other in opened.values():
        other.engine.dispose()


def _facts(store, loan_id, day) -> LoanFacts | None:
    with store.read() as session:
        found = loan_facts(session, day, LoanFilter(loan_ids=frozenset({loan_id})), live_only=False)
    return found[0] if found else None


def _set(store, loan_id, **values):
    with store.write() as session:
        loan = session.get(Loan, loan_id)
        for name, value in values.items():
            setattr(loan, name, value)


# -- the pure replay ----------------------------------------------------------------------------------------------
def test_rewind_undoes_later_events_and_adds_back_later_principal():
    now = {"balance_fen": 1_000_000, "amount_fen": 6_000_000, "matures_on": D(2026, 7, 1), "overdue_since": None,
           "status": LoanStatus.RENEWED}
    later = [{"matures_on": (D(2025, 7, 1), D(2026, 7, 1)), "overdue_since": (D(2025, 7, 2), None),
              "status": (LoanStatus.OVERDUE, LoanStatus.RENEWED)},
             {"amount_fen": (5_000_000, 6_000_000), "balance_fen": (2_000_000, 3_000_000),
              "status": (LoanStatus.RENEWED, LoanStatus.ACTIVE)}]
    then = rewind(now, later, principal_later=2_000_000)
    assert then == {"balance_fen": 2_000_000, "amount_fen": 5_000_000, "matures_on": D(2025, 7, 1),
                    "overdue_since": D(2025, 7, 2), "status": LoanStatus.OVERDUE}


@pytest.mark.parametrize(("days_after", "overdue", "days", "amount"), [
    (-1, 0, 0, 0), (0, 0, 0, 0), (1, 0, 1, 3_000_000), (1, 1_000_000, 1, 1_000_000), (2, 5_000_000, 2, 3_000_000),
])
def test_overdue_amount_and_days_come_from_one_function(days_after, overdue, days, amount):
    matures = D(2025, 5, 31)
    loan = LoanFacts("C", D(2024, 5, 31), matures, 12, 5_000_000, 3_000_000, overdue_fen=overdue)
    assert overdue_position(loan, matures + DAY * days_after) == (days, amount)
    assert status_on(loan, matures + DAY * days_after) is (LoanStatus.OVERDUE if days else LoanStatus.ACTIVE)


# -- replaying a day ----------------------------------------------------------------------------------------------
def test_a_loan_repaid_later_is_outstanding_on_an_earlier_day(store):
    loan_id = make_loan(store, make_household(store), amount_yuan=30_000, disbursed=D(2024, 3, 1), months=24,
                        matures=D(2026, 3, 1))
    with store.write() as session:
        record_repayment(session, session.get(Loan, loan_id), D(2026, 2, 20), 3_000_000, 98_000)
    with store.read() as session:
        assert session.get(Loan, loan_id).status is LoanStatus.REPAID
        assert session.execute(sa.select(LoanEvent.kind)).scalar_one() is LoanEventKind.SETTLED
    before, on = _facts(store, loan_id, D(2026, 2, 19)), _facts(store, loan_id, D(2026, 2, 20))
    assert (before.balance_fen, status_on(before, D(2026, 2, 19))) == (3_000_000, LoanStatus.ACTIVE)
    assert (on.balance_fen, status_on(on, D(2026, 2, 20))) == (0, LoanStatus.REPAID)


def test_a_class_recorded_later_is_not_shown_on_earlier_days(store):
    loan_id = make_loan(store, make_household(store), disbursed=D(2023, 5, 1), months=36, matures=D(2026, 5, 1))
    _set(store, loan_id, risk_class=RiskClass.DOUBTFUL, risk_class_on=D(2026, 11, 30))
    assert _facts(store, loan_id, D(2025, 6, 30)).risk_class is RiskClass.NORMAL  # 0 days past due then
    assert _facts(store, loan_id, D(2026, 11, 29)).risk_class is RiskClass.DOUBTFUL  # 212 days past due
    assert _facts(store, loan_id, D(2026, 11, 30)).risk_class is RiskClass.DOUBTFUL


def test_renewing_an_overdue_loan_never_erases_its_overdue_history(store, people):
    loan_id = make_loan(store, make_household(store), amount_yuan=20_000, disbursed=D(2024, 6, 1), months=12,
                        matures=D(2025, 6, 1))
    _set(store, loan_id, overdue_since=D(2025, 6, 2), status=LoanStatus.OVERDUE)
    executed = D(2025, 6, 20)  # 19 days overdue: still performing, renewal allowed
    proposal = rd.propose(people["banker"], loan_id, rd.DisposalTerms(
        Disposal.RENEWAL_WITHOUT_PRINCIPAL, new_matures_on=D(2026, 6, 1)), "续贷", on=executed)
    rd.decide(people["boss"], proposal, True, on=executed)
    rd.execute(people["teller"], proposal, on=executed)
    with store.read() as session:
        event = session.execute(sa.select(LoanEvent)).scalar_one()
        assert (event.kind, event.happened_on, event.disposal_id) == (LoanEventKind.RENEWED, executed, proposal)
        assert session.get(Loan, loan_id).overdue_since is None
    day_before = executed - DAY
    assert [w.rule for w in warnings(store, day_before, rules=[Rule.OVERDUE])] == [Rule.OVERDUE]
    assert _facts(store, loan_id, day_before).overdue_since == D(2025, 6, 2)
    assert warnings(store, executed, rules=[Rule.OVERDUE]) == []
    with store.read() as session:
        timeline = LoanTimeline(session, session.get(Loan, loan_id))
    assert timeline.first_overdue_on(D(2025, 12, 31)) == D(2025, 6, 2)
    assert timeline.first_overdue_on(D(2025, 6, 1)) is None


# -- extending an overdue loan -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("offset", "refused"), [(-1, False), (0, False), (1, True)])
def test_extending_an_overdue_loan_is_refused_by_default(store, people, offset, refused):
    matures = D(2025, 7, 10)
    loan_id = make_loan(store, make_household(store), amount_yuan=20_000, months=24, disbursed=D(2023, 7, 10),
                        matures=matures)
    terms = rd.DisposalTerms(Disposal.EXTENSION, extension_months=6)
    on = matures + DAY * offset
    if refused:
        with pytest.raises(rd.PolicyLimitError) as caught:
            rd.propose(people["banker"], loan_id, terms, "展期", on=on)
        assert caught.value.limit == settings.EXTEND_OVERDUE_WITH_DISTRICT.key and "1 days overdue" in str(caught.value)
    else:
        assert rd.propose(people["banker"], loan_id, terms, "展期", on=on)


def test_with_the_setting_an_overdue_loan_is_extended_only_after_the_district_approved(store, people):
    store.set_setting(settings.EXTEND_OVERDUE_WITH_DISTRICT, True)
    for other in people.values():
        other.settings.invalidate()
    matures = D(2025, 7, 10)
    loan_id = make_loan(store, make_household(store), amount_yuan=20_000, months=24, disbursed=D(2023, 7, 10),
                        matures=matures)
    on = D(2025, 7, 20)  # 10 days overdue, 20,000 yuan: below the threshold, yet the district must approve
    proposal = rd.propose(people["banker"], loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=6),
                          "展期", on=on)
    rd.decide(people["boss"], proposal, True, on=on)
    assert "overdue" in rd.needs_district_step(store, proposal, on)
    with pytest.raises(ValidationError, match="needs the district's approval"):
        rd.execute(people["teller"], proposal, on=on)
    rd.decide(people["dist"], proposal, True, note="特殊情况同意", on=on)
    rd.execute(people["teller"], proposal, on=on)
    with store.read() as session:
        loan = session.get(Loan, loan_id)
        assert (loan.matures_on, loan.status) == (D(2026, 1, 10), LoanStatus.EXTENDED)
    assert overdue_position(_facts(store, loan_id, on), on) == (0, 0)  # current again under its new maturity
    assert overdue_position(_facts(store, loan_id, on - DAY), on - DAY)[0] == 9  # its overdue days stay on record
    assert rd.proposals(store, loan_id)[0].district_approved_by == "dist"


def test_the_due_list_follows_the_current_maturity_after_an_extension(store, people):
    household = make_household(store)
    loan_id = make_loan(store, household, amount_yuan=20_000, months=24, disbursed=D(2023, 7, 10),
                        matures=D(2025, 7, 10))
    rec.submit(store, RecordKind.MATURITY_ASSESSMENT,
               {"assessed_on": D(2025, 6, 20), "assessors": "张", "ability": "partly", "reason": "出栏推迟",
                "proposed_disposal": "extension", "decision": "", "decided_by": "", "decided_on": None,
                "reported_to_finance_on": None}, household_id=household, loan_id=loan_id, today=D(2025, 6, 20))
    proposal = rd.propose(people["banker"], loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=6),
                          "展期", on=D(2025, 6, 25))
    rd.decide(people["boss"], proposal, True, on=D(2025, 6, 25))
    rd.execute(people["teller"], proposal, on=D(2025, 6, 26))
    new_maturity = D(2026, 1, 10)
    for day, due in ((new_maturity - DAY * 31, False), (new_maturity - DAY * 30, True), (new_maturity, True)):
        assert [f.loan_id for f in rec.loans_due_for_assessment(store, day)] == ([loan_id] if due else [])
        assert bool(warnings(store, day, rules=[Rule.MATURITY])) is due


def test_the_lending_bank_records_its_own_pre_maturity_assessment(store, people):
    """Issue 20.6: the 承贷银行 role records the assessment 30 days before maturity; the district office, which has
    no such duty, may not."""
    from app.models import MaturityAssessment

    household = make_household(store)
    loan_id = make_loan(store, household, amount_yuan=20_000, months=24, disbursed=D(2023, 7, 10),
                        matures=D(2025, 7, 10))
    values = {"assessed_on": D(2025, 6, 20), "assessors": "王信贷员", "ability": "able", "reason": "经营正常",
              "proposed_disposal": "repay", "decision": "", "decided_by": "", "decided_on": None,
              "reported_to_finance_on": None}
    with pytest.raises(PermissionDenied):
        rec.submit(people["dist"], RecordKind.MATURITY_ASSESSMENT, dict(values), household_id=household,
                   loan_id=loan_id, today=D(2025, 6, 20))
    rec.submit(people["banker"], RecordKind.MATURITY_ASSESSMENT, dict(values), household_id=household,
               loan_id=loan_id, today=D(2025, 6, 20))
    with store.read() as session:
        held = session.execute(sa.select(MaturityAssessment).where(MaturityAssessment.loan_id == loan_id)).scalars()
        assert [(a.created_by, a.days_to_maturity) for a in held] == [("banker", 20)]
    assert rec.loans_due_for_assessment(store, D(2025, 6, 20)) == []  # assessed: no longer due


# -- the district's step above the threshold --------------------------------------------------------------------
@pytest.mark.parametrize(("balance_fen", "needed"), [(2_999_999, False), (3_000_000, False), (3_000_001, True)])
def test_the_district_approves_above_the_threshold(store, people, balance_fen, needed):
    loan_id = make_loan(store, make_household(store), amount_yuan=40_000, months=24, disbursed=D(2023, 7, 10),
                        matures=D(2025, 7, 10))
    _set(store, loan_id, balance_fen=balance_fen)
    proposal = rd.propose(people["banker"], loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3),
                          "展期", on=D(2025, 6, 20))
    rd.decide(people["boss"], proposal, True, on=D(2025, 6, 20))
    assert bool(rd.needs_district_step(store, proposal, D(2025, 6, 20))) is needed
    if needed:
        with pytest.raises(ValidationError, match=r"30,000\.01 yuan is at stake"):
            rd.execute(people["teller"], proposal, on=D(2025, 6, 21))
        with pytest.raises(ValidationError, match="reason for rejecting"):
            rd.decide(people["dist"], proposal, False, on=D(2025, 6, 21))
        rd.decide(people["dist"], proposal, False, note="不同意", on=D(2025, 6, 21))
        assert rd.proposals(store, loan_id)[0].status is DisposalStatus.REJECTED
        assert "Not approved by the district (dist" in rd.proposals(store, loan_id)[0].district_note
    else:
        rd.execute(people["teller"], proposal, on=D(2025, 6, 21))


# -- compensation claims ------------------------------------------------------------------------------------------
def _claim(**changes) -> rd.DisposalTerms:
    values = {"recovery_effort": "催收3次", "loss_confirmed_on": D(2025, 3, 1), "loss_basis": "会商研判认定"}
    values.update(changes)
    return rd.DisposalTerms(Disposal.COMPENSATION_CLAIM, **values)


@pytest.mark.parametrize(("days", "refused"), [(89, True), (90, False), (91, False)])
def test_a_claim_needs_the_minimum_days_overdue(days, refused):
    overdue_from = D(2025, 1, 2)
    loan = LoanFacts("C", D(2024, 1, 1), D(2025, 1, 1), 12, 3_000_000, 3_000_000, overdue_since=overdue_from)
    on = overdue_from + DAY * (days - 1)
    if refused:
        with pytest.raises(rd.PolicyLimitError) as caught:
            rd.check_terms(loan, _claim(), on, RiskPolicy())
        assert caught.value.limit == settings.FUND_CLAIM_MIN_DAYS.key and "89 days" in str(caught.value)
    else:
        rd.check_terms(loan, _claim(), on, RiskPolicy())


@pytest.mark.parametrize(("changes", "limit"), [
    ({"recovery_effort": " "}, settings.FUND_CLAIM_NEEDS_RECOVERY.key),
    ({"loss_confirmed_on": None}, settings.FUND_CLAIM_NEEDS_LOSS.key),
    ({"loss_basis": ""}, settings.FUND_CLAIM_NEEDS_LOSS.key),
    ({"loss_confirmed_on": D(2025, 6, 2)}, settings.FUND_CLAIM_NEEDS_LOSS.key),
])
def test_a_claim_needs_the_recovery_effort_and_the_loss_confirmed(changes, limit):
    loan = LoanFacts("C", D(2024, 1, 1), D(2025, 1, 1), 12, 3_000_000, 3_000_000, overdue_since=D(2025, 1, 2))
    with pytest.raises(rd.PolicyLimitError) as caught:
        rd.check_terms(loan, _claim(**changes), D(2025, 6, 1), RiskPolicy())
    assert caught.value.limit == limit
    lenient = RiskPolicy(claim_needs_recovery=False, claim_needs_loss=False)
    rd.check_terms(loan, _claim(**changes) if "loss_confirmed_on" not in changes or changes["loss_confirmed_on"]
                   is None else _claim(loss_confirmed_on=None), D(2025, 6, 1), lenient)


# -- reporting to the finance office -----------------------------------------------------------------------------
def test_reporting_to_the_finance_office_is_recorded_and_in_the_ledger(store, people, tmp_path):
    import openpyxl

    import app.reports.risk_ledgers  # noqa: F401 - registers the disposals ledger
    from app.reports.ledgers import export_ledger

    loan_id = make_loan(store, make_household(store), amount_yuan=20_000, months=24, disbursed=D(2023, 7, 10),
                        matures=D(2025, 7, 10))
    proposal = rd.propose(people["banker"], loan_id, rd.DisposalTerms(Disposal.EXTENSION, extension_months=3),
                          "展期", on=D(2025, 6, 20))
    with pytest.raises(ValidationError, match="only a decided disposal"):
        rd.report_to_finance(people["boss"], [proposal], "季度报告", on=D(2025, 6, 20))
    rd.decide(people["boss"], proposal, True, on=D(2025, 6, 21))
    rd.execute(people["teller"], proposal, on=D(2025, 6, 22))
    with pytest.raises(ValidationError, match="cannot be reported before"):
        rd.report_to_finance(people["boss"], [proposal], "季度报告", on=D(2025, 6, 21))
    with pytest.raises(ValidationError, match="Name the report"):
        rd.report_to_finance(people["boss"], [proposal], " ", on=D(2025, 6, 30))
    assert rd.report_to_finance(people["boss"], [proposal], "灞扶贫〔2025〕7号", on=D(2025, 6, 30)) == 1
    with pytest.raises(ValidationError, match="reported to the finance office on 2025-06-30 by boss"):
        rd.report_to_finance(people["banker"], [proposal], "again", on=D(2025, 7, 1))
    for day, shown in ((D(2025, 6, 29), False), (D(2025, 6, 30), True)):
        out = tmp_path / f"disposals-{day}.xlsx"
        export_ledger(store, "disposals", out, as_of=day)
        sheet = openpyxl.load_workbook(out).active
        header = [c.value for c in sheet[2]]
        row = dict(zip(header, next(sheet.iter_rows(min_row=3, values_only=True)), strict=True))
        assert row["报送文件"] == ("灞扶贫〔2025〕7号" if shown else None)
        assert row["报送人"] == ("boss" if shown else None)
        assert (row["报送金融办日期"] is not None) is shown


def test_a_field_node_cannot_report_to_the_finance_office(make_node, tmp_path):
    """Issue 16: the report to the finance office is the hub's; a field node's administrator is refused."""
    field = make_node(role="field", folder=tmp_path / "field")[0]
    with pytest.raises(PermissionDenied, match="at the hub"):
        rd.report_to_finance(field, [], "灞扶贫〔2025〕7号", on=D(2025, 6, 30))


# -- willingness to repay from visits ------------------------------------------------------------------------------
def test_a_visit_finding_the_household_unwilling_suggests_special_mention(store):
    from app.models.enums import Willingness
    from tests.unit.test_records import visit_values

    household = make_household(store)
    loan_id = make_loan(store, household, amount_yuan=20_000, months=24, disbursed=D(2024, 7, 10),
                        matures=D(2026, 7, 10))
    visited = D(2025, 6, 1)
    rec.submit(store, RecordKind.VISIT, visit_values(visited_on=visited, willingness=Willingness.UNWILLING),
               household_id=household, loan_id=loan_id, today=visited)
    for day, flagged in ((visited - DAY, False), (visited, True), (visited + DAY, True)):
        found = [w for w in warnings(store, day, rules=[Rule.CLASSIFICATION])]
        assert bool(found) is flagged
        if flagged:
            assert found[0].risk_class is RiskClass.SPECIAL_MENTION and "unwilling to repay" in found[0].reason
    later = D(2025, 9, 1)  # a later visit finds the household willing again: back to the days' class
    rec.submit(store, RecordKind.VISIT, visit_values(visited_on=later), household_id=household, loan_id=loan_id,
               today=later)
    assert warnings(store, later, rules=[Rule.CLASSIFICATION]) == []
    assert [w.rule for w in warnings(store, later - DAY, rules=[Rule.CLASSIFICATION])] == [Rule.CLASSIFICATION]
