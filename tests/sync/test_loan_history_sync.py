"""A loan's history travels (issue 20): the bank's events at the hub reach the field node, which replays any day
from them as the hub does — a renewal does not erase the overdue months there either — and its post-loan ledger
shows the domain's answer for synced loans; a field node cannot write a loan's history."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain.loan_history import change_loan
from app.domain.risk import Rule
from app.domain.risk_query import warnings
from app.models import Loan, LoanEvent
from app.models.enums import LoanEventKind, LoanStatus
from app.sync.merge.context import ChangeRefused
from tests.records_data import make_household, make_loan
from tests.unit.test_ledger_figures import assert_ledger_is_the_domains_answer

D = dt.date


def test_loan_events_travel_and_replay_on_the_field_node(net, tmp_path):
    network = net(1)
    hub, field = network.hub, network.fields[0]
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2024, 6, 1), months=12,
                        matures=D(2025, 6, 1))
    with hub.write() as session:
        loan = session.get(Loan, loan_id)
        change_loan(session, loan, LoanEventKind.OVERDUE, D(2025, 6, 2),
                    {"overdue_since": D(2025, 6, 2), "overdue_fen": 500_000, "status": LoanStatus.OVERDUE})
    with hub.write() as session:
        loan = session.get(Loan, loan_id)
        change_loan(session, loan, LoanEventKind.RENEWED, D(2025, 6, 20),
                    {"matures_on": D(2026, 6, 1), "overdue_since": None, "overdue_fen": 0,
                     "status": LoanStatus.RENEWED})
    network.send(hub, field)
    with field.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(LoanEvent)).scalar_one() == 2
    for store in (hub, field):
        [overdue] = warnings(store, D(2025, 6, 19), rules=[Rule.OVERDUE])
        assert overdue.days_past_due == 18 and "5,000.00 yuan overdue" in overdue.reason
        assert warnings(store, D(2025, 6, 20), rules=[Rule.OVERDUE]) == []
    for day in (D(2025, 6, 19), D(2025, 6, 20)):
        assert assert_ledger_is_the_domains_answer(field, tmp_path / f"field-{day}.xlsx", day) == 1


def test_a_field_node_cannot_write_a_loans_history(net):
    network = net(1)
    hub, field = network.hub, network.fields[0]
    loan_id = make_loan(hub, make_household(hub), amount_yuan=20_000, disbursed=D(2024, 6, 1), months=12,
                        matures=D(2025, 6, 1))
    network.send(hub, field)
    with field.write() as session:
        session.add(LoanEvent(loan_id=loan_id, happened_on=D(2025, 7, 1), kind=LoanEventKind.STATED,
                              changes="{}", source="manual"))
    # issue 16: the refusal names the roles of the ownership table (app/models/ownership.py)
    with pytest.raises(ChangeRefused, match="which only Bank officer at the hub / District staff at the hub may "
                                            "create"):
        network.send(field, hub)
