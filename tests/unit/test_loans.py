"""One loan lookup for every page and command: by contract number (refusing a number two banks share, naming the
banks), within the node's street scope; and the loan detail read from the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.loans import AmbiguousContract, find_loan, find_loan_row, load_loan_detail, loan_by_id
from app.errors import ValidationError
from app.models import Bank, Loan
from app.models.enums import PurposeCategory
from tests.records_data import make_household

STREET_A, STREET_B = "610111001", "610111002"


def _loan(session, bank, household_id, contract, street):
    loan = Loan(bank_id=bank.id, contract_no=contract, household_id=household_id, borrower_name="王建国",
                borrower_citizen_id="610111197503080016", street_code=street, amount_fen=5_000_000,
                disbursed_on=dt.date(2024, 1, 10), term_months=24, matures_on=dt.date(2026, 1, 10),
                purpose_category=PurposeCategory.LIVESTOCK, balance_fen=5_000_000)
    session.add(loan)
    session.flush()
    return loan.id


@pytest.fixture
def shared(make_node):
    """A hub where two banks each have a loan "BQ-7" (in two streets) and one bank has "BQ-9"."""
    hub = make_node(role="hub", street=None)[0]
    east = make_household(hub, street=STREET_A)
    west = make_household(hub, street=STREET_B, head="李四", citizen_id="610111198001010018")
    with hub.write() as session:
        psbc, rcc = Bank(code="PSBC", name="邮储银行灞桥支行"), Bank(code="RCC", name="灞桥农商银行")
        session.add_all([psbc, rcc])
        session.flush()
        ids = {"psbc": _loan(session, psbc, east, "BQ-7", STREET_A),
               "rcc": _loan(session, rcc, west, "BQ-7", STREET_B),
               "only": _loan(session, rcc, west, "BQ-9", STREET_B)}
    return hub, ids


def test_a_unique_contract_is_found(shared):
    hub, ids = shared
    with hub.read() as session:
        assert find_loan(session, " BQ-9 ").id == ids["only"]
        row = find_loan_row(session, "BQ-9")
    assert row.id == ids["only"] and row.bank_name == "灞桥农商银行" and row.street_code == STREET_B


def test_a_contract_two_banks_share_is_refused_naming_the_banks(shared):
    hub, ids = shared
    with hub.read() as session, pytest.raises(AmbiguousContract) as refused:
        find_loan(session, "BQ-7")
    assert refused.value.banks == ["灞桥农商银行", "邮储银行灞桥支行"]
    assert "BQ-7" in refused.value.message and "邮储银行灞桥支行" in refused.value.message
    assert isinstance(refused.value, ValidationError)  # the CLI exits 7 with the message, no traceback
    with hub.read() as session:
        assert find_loan(session, "BQ-7", bank="PSBC").id == ids["psbc"]
        assert find_loan(session, "BQ-7", bank="灞桥农商银行").id == ids["rcc"]


def test_no_such_loan(shared):
    hub, _ids = shared
    with hub.read() as session:
        with pytest.raises(ValidationError, match=r"No loan with the contract number NOPE\."):
            find_loan(session, "NOPE")
        with pytest.raises(ValidationError, match="BQ-9 at PSBC"):
            find_loan(session, "BQ-9", bank="PSBC")
        with pytest.raises(ValidationError, match="Enter a contract number"):
            find_loan(session, "  ")


def test_the_street_scope_narrows_the_lookup(shared):
    hub, ids = shared
    with hub.read() as session:
        # within one street the shared number is not ambiguous any more: the other street's loan is not visible
        assert find_loan(session, "BQ-7", scope=STREET_A).id == ids["psbc"]
        assert find_loan(session, "BQ-7", scope=STREET_B).id == ids["rcc"]
        with pytest.raises(ValidationError, match="No loan with the contract number BQ-9"):
            find_loan(session, "BQ-9", scope=STREET_A)
        assert loan_by_id(session, ids["only"], STREET_B).id == ids["only"]
        with pytest.raises(ValidationError, match="no longer exists"):
            loan_by_id(session, ids["only"], STREET_A)


def test_a_tombstoned_loan_is_not_found(shared):
    hub, ids = shared
    with hub.write() as session:
        session.get(Loan, ids["rcc"]).deleted = True
    with hub.read() as session:
        assert find_loan(session, "BQ-7").id == ids["psbc"]
        with pytest.raises(ValidationError):
            loan_by_id(session, ids["rcc"])


def test_loan_detail_history(shared):
    hub, ids = shared
    with hub.write() as session:
        session.get(Loan, ids["only"]).balance_fen = 4_000_000
    detail = load_loan_detail(hub, ids["only"], dt.date(2025, 6, 1))
    assert detail is not None and detail.row.contract_no == "BQ-9"
    assert [e.action for e in detail.history] == ["insert", "update"]
    assert detail.history[1].changes == [("balance", "50,000.00", "40,000.00")]
    assert detail.history[1].action_label == "changed"
