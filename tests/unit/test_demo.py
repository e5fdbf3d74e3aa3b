"""The synthetic district of ``demo``: valid codes, every loan stage and risk class, an intact audit chain."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import sqlalchemy as sa

from app.db.store import NodeInfo
from app.district.demo import fill_demo
from app.domain.codes import is_valid_citizen_id, parse_citizen_id
from app.domain.names import pinyin_initials
from app.domain.risk import add_months
from app.models import Bank, Household, Loan, Member, PovertyStatusChange, Repayment, User, Village
from app.models.enums import LoanStatus, PovertyStatus, RiskClass, Sex, UseMode
from app.models.places import BAQIAO_STREETS
from app.paths import NodePaths
from tests.conftest import ADMIN, FAST_KDF, PASSWORD

AS_OF = dt.date(2026, 6, 30)
CUTOFF = dt.date(2017, 11, 30)
MOBILE = re.compile(r"^1[3-9]\d{9}$")


@pytest.fixture
def hub(make_node):
    return make_node(role="hub", street=None)[0]


@pytest.fixture
def district(hub):
    """A hub node with 500 demo households as of AS_OF."""
    fill_demo(hub, households=500, seed=7, as_of=AS_OF)
    return hub


def _all(store, *columns):
    with store.read() as session:
        return session.execute(sa.select(*columns)).all()


def _risk_for(days: int) -> RiskClass:
    if days > 360:
        return RiskClass.LOSS
    if days > 180:
        return RiskClass.DOUBTFUL
    if days > 90:
        return RiskClass.SUBSTANDARD
    return RiskClass.SPECIAL_MENTION if days >= 1 else RiskClass.NORMAL


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2019, 1, 31), 1) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2020, 1, 31), 1) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2020, 2, 29), 12) == dt.date(2021, 2, 28)
    assert add_months(dt.date(2019, 11, 15), 36) == dt.date(2022, 11, 15)
    assert add_months(dt.date(2019, 12, 31), 2) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2020, 3, 31), -1) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2020, 1, 10), -13) == dt.date(2018, 12, 10)


def test_people_have_valid_unique_ids_consistent_with_sex_and_birth(district):
    members = _all(district, Member.citizen_id, Member.sex, Member.birth_date, Member.phone, Member.name)
    assert len(members) > 1_500
    ids = [m.citizen_id for m in members]
    assert all(is_valid_citizen_id(i) for i in ids)
    assert len(set(ids)) == len(ids)
    for citizen_id, sex, birth, phone, name in members:
        parsed = parse_citizen_id(citizen_id)
        assert citizen_id.startswith("610111")
        assert parsed.birth_date == birth
        assert (sex is Sex.MALE) == parsed.male
        assert birth <= AS_OF
        assert not phone or MOBILE.match(phone)
        assert 2 <= len(name) <= 4
    heads = _all(district, Household.head_citizen_id, Household.head_name, Household.head_initials,
                 Household.phone, Household.size, Household.id)
    sizes = Counter(h for (h,) in _all(district, Member.household_id))
    for citizen_id, name, initials, phone, size, household_id in heads:
        assert citizen_id in set(ids)
        assert initials == pinyin_initials(name)
        assert MOBILE.match(phone)
        assert sizes[household_id] == size


def test_households_cover_every_street_with_villages_and_history(district):
    streets = {s for (s,) in _all(district, Household.street_code)}
    assert streets == {code for code, _ in BAQIAO_STREETS}
    villages = _all(district, Village.name, Village.street_code)
    assert all(name.endswith("村") for name, _ in villages)
    statuses = Counter(s for (s,) in _all(district, Household.poverty_status))
    assert set(statuses) == set(PovertyStatus)
    history = _all(district, PovertyStatusChange.household_id, PovertyStatusChange.status,
                   PovertyStatusChange.effective_on)
    first = {}
    for household_id, status, on in sorted(history, key=lambda r: r.effective_on):
        first.setdefault(household_id, status)
        assert on <= AS_OF
    assert set(first.values()) == {PovertyStatus.REGISTERED}
    assert len(first) == 500


def test_loans_at_every_stage_and_consistent(district):
    with district.read() as session:
        loans = list(session.execute(sa.select(Loan)).scalars())
        paid = Counter()
        for loan_id, principal in session.execute(sa.select(Repayment.loan_id, Repayment.principal_fen)):
            paid[loan_id] += principal
        banks = {b.name for b in session.execute(sa.select(Bank)).scalars()}
    assert {"长安银行灞桥支行", "西安农商银行灞桥支行", "邮储银行灞桥支行"} <= banks
    assert len(loans) > 400
    stages = Counter()
    for loan in loans:
        assert 0 < loan.amount_fen <= 5_000_000
        assert 1 <= loan.term_months <= 36
        assert loan.rate_bp in (435, 475)
        assert loan.disbursed_on <= AS_OF
        assert loan.matures_on == add_months(loan.disbursed_on, loan.term_months + loan.extended_months)
        assert loan.balance_fen == loan.amount_fen - paid[loan.id]
        days_to_maturity = (loan.matures_on - AS_OF).days
        if loan.status is LoanStatus.REPAID:
            assert loan.balance_fen == 0 and days_to_maturity < 0
            stages["repaid"] += 1
        elif loan.status in (LoanStatus.OVERDUE, LoanStatus.COMPENSATED):  # compensated: a claim was executed
            days = -days_to_maturity
            assert days >= 1
            assert loan.overdue_since == loan.matures_on + dt.timedelta(days=1)
            assert loan.overdue_fen == loan.balance_fen > 0
            assert loan.risk_class is _risk_for(days), (days, loan.risk_class)
            stages[loan.status.value] += 1
        elif loan.status is LoanStatus.EXTENDED:
            assert loan.extended_months > 0 and days_to_maturity > 0
            assert loan.extended_months <= (loan.term_months if loan.term_months <= 12 else loan.term_months // 2)
            stages["extended"] += 1
        else:
            assert loan.status is LoanStatus.ACTIVE and days_to_maturity >= 0
            stages["maturing" if days_to_maturity <= 30 else "current"] += 1
        if loan.status not in (LoanStatus.OVERDUE, LoanStatus.COMPENSATED):
            assert loan.risk_class is RiskClass.NORMAL and loan.overdue_fen == 0 and loan.overdue_since is None
        if loan.use_mode is UseMode.ENTERPRISE:
            assert loan.disbursed_on < CUTOFF
            stages["enterprise"] += 1
    assert set(stages) == {"current", "maturing", "overdue", "compensated", "repaid", "extended", "enterprise"}, stages
    risk = Counter(loan.risk_class for loan in loans)
    assert set(risk) == set(RiskClass), risk
    overdue_days = {(AS_OF - loan.matures_on).days for loan in loans
                    if loan.status in (LoanStatus.OVERDUE, LoanStatus.COMPENSATED)}
    assert {1, 30, 95, 250, 400} <= overdue_days
    contracts = [(loan.bank_id, loan.contract_no) for loan in loans]
    assert len(set(contracts)) == len(contracts)


def test_audit_chain_intact_after_demo(district):
    assert district.check() == []


def test_field_node_gets_only_its_street(make_node):
    store = make_node(role="field", street="610111006")[0]
    fill_demo(store, households=60, seed=3, as_of=AS_OF)
    assert {s for (s,) in _all(store, Household.street_code)} == {"610111006"}
    assert {s for (s,) in _all(store, Village.street_code)} == {"610111006"}
    assert {s for (s,) in _all(store, Loan.street_code)} == {"610111006"}
    assert store.check() == []


def _fingerprint(store):
    return (sorted(_all(store, Household.head_name, Household.head_citizen_id, Household.street_code,
                        Household.size, Household.poverty_status)),
            sorted(_all(store, Loan.contract_no, Loan.amount_fen, Loan.disbursed_on, Loan.matures_on,
                        Loan.status, Loan.borrower_citizen_id)))


def test_deterministic_for_a_seed(make_node, tmp_path):
    first = make_node(role="hub", street=None, folder=tmp_path / "a")[0]
    second = make_node(role="hub", street=None, folder=tmp_path / "b")[0]
    third = make_node(role="hub", street=None, folder=tmp_path / "c")[0]
    fill_demo(first, households=80, seed=5, as_of=AS_OF)
    fill_demo(second, households=80, seed=5, as_of=AS_OF)
    fill_demo(third, households=80, seed=6, as_of=AS_OF)
    assert _fingerprint(first) == _fingerprint(second)
    assert _fingerprint(first) != _fingerprint(third)


def test_running_twice_adds_households_without_conflicts(hub):
    fill_demo(hub, households=120, seed=1, as_of=AS_OF)
    fill_demo(hub, households=120, seed=1, as_of=AS_OF)
    ids = [i for (i,) in _all(hub, Member.citizen_id)]
    assert len(_all(hub, Household.id)) == 240
    assert len(set(ids)) == len(ids)
    assert len(_all(hub, Bank.id)) == 3
    assert hub.check() == []


def test_demo_accounts_and_login_screen(hub, node_dir):
    calls = []
    summary = fill_demo(hub, households=30, seed=2, show_login=True, password=PASSWORD, as_of=AS_OF,
                        kdf=FAST_KDF, progress=lambda done, total: calls.append((done, total)))
    assert "30 households" in summary
    assert calls[-1] == (30, 30)
    roles = dict(_all(hub, User.username, User.role))
    assert {"cadre": "field", "supervisor": "supervisor", "banker": "bank", "district": "district"}.items() \
        <= {k: str(v) for k, v in roles.items()}.items()
    # people sign records with their names (回访人, 打印人), not their login names (issue 21)
    names = dict(_all(hub, User.username, User.display_name))
    assert names["cadre"] == "王晓燕" and all(names[user] != user for user in ("supervisor", "banker", "district"))
    demo = NodeInfo.load(NodePaths(node_dir)).extra["demo_login"]
    assert demo["password"] == PASSWORD
    assert [u["username"] for u in demo["users"]] == [ADMIN, "cadre", "supervisor", "banker", "district"]
    # a second run keeps the accounts it finds
    fill_demo(hub, households=5, seed=2, password=PASSWORD, as_of=AS_OF, kdf=FAST_KDF)
    assert len(_all(hub, User.id)) == 5
