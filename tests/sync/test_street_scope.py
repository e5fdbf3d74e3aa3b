"""Issue 16.5: rows without a street of their own travel only where their scope says. Before issue 16 a joint review
and an outreach session recorded by one laptop reached every street."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.domain import risk_disposal as rd
from app.models import JointReview, OutreachSession
from tests.records_data import make_household, make_loan
from tests.sync.conftest import OTHER_STREET, STREET


def _count(store, model) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(model)).scalar()


def test_street_less_rows_reach_only_their_streets(net):
    network = net(2, [STREET, OTHER_STREET])
    hub, mine, other = network.hub, *network.fields
    with mine.write() as session:  # a session held in the laptop's street, recorded without a street
        session.add(OutreachSession(held_on=dt.date(2025, 5, 4), place="村委会", topic="诚信教育",
                                    people_reached=30))
    network.send(mine, hub)
    loan = make_loan(hub, make_household(hub, street=STREET))
    rd.record_joint_review(hub, dt.date(2025, 6, 1), "会议室", ["区扶贫办", "经办银行"],
                           [rd.ReviewDecision(loan, None, "继续观察")])
    assert _count(hub, OutreachSession) == 1 and _count(hub, JointReview) == 1

    network.send(hub, other)
    assert _count(other, OutreachSession) == 0
    assert _count(other, JointReview) == 0
    network.send(hub, mine)
    assert _count(mine, JointReview) == 1  # the review of a loan of its street
    assert mine.check() == [] and other.check() == []


def test_a_street_less_row_made_at_the_hub_reaches_every_street(net):
    network = net(2, [STREET, OTHER_STREET])
    hub, mine, other = network.hub, *network.fields
    with hub.write() as session:  # district staff record a district-wide session
        session.add(OutreachSession(held_on=dt.date(2025, 5, 4), place="区政府", topic="金融知识",
                                    people_reached=200))
    network.send(hub, mine)
    network.send(hub, other)
    assert _count(mine, OutreachSession) == 1 and _count(other, OutreachSession) == 1


def test_the_simulators_street_share_follows_the_same_rule(net):
    """The simulator's invariant (app/district/sim_checks.py) expects at a laptop exactly what the export sends it:
    a joint review on a loan of one street belongs to that street only, not to every laptop."""
    from app.district.sim_checks import rows_with_streets

    network = net(2, [STREET, OTHER_STREET])
    hub = network.hub
    loan = make_loan(hub, make_household(hub, street=STREET))
    review = rd.record_joint_review(hub, dt.date(2025, 6, 1), "会议室", ["区扶贫办", "经办银行"],
                                    [rd.ReviewDecision(loan, None, "继续观察")])
    with hub.engine.connect() as conn:
        placed = rows_with_streets(conn)
    assert placed["joint_reviews"][str(review)][0] == STREET
