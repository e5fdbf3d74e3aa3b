"""Issue 16.2-16.4 end to end: an enrolled laptop misused (its database written through the ORM, around every
screen and domain check) cannot make the hub take what a field node does not own. Each case was applied by the
hub before issue 16; now the whole bundle is refused, naming the record, and the hub holds nothing of it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa

from app.domain.attachments import prepare_image, store_attachments
from app.models import (
    Attachment,
    DividendPayment,
    DividendSchedule,
    Enterprise,
    Household,
    MaturityAssessment,
    UseCheck,
    Visit,
)
from app.models.enums import Disposal, RepaymentAbility
from app.models.records import attachment_id_for
from app.models.risk import DisposalProposal, DisposalStatus
from app.sync.bundle import BundleRefused
from tests.records_data import jpeg_bytes, make_household, make_loan
from tests.sync.conftest import STREET

D = dt.date


@pytest.fixture
def world(net):
    """A hub with two households and a loan each in the laptops' street, relayed to two laptops of that street."""
    network = net(2, [STREET, STREET])
    hub = network.hub
    first = make_household(hub, citizen_id="610111197503080016")
    second = make_household(hub, head="李四", citizen_id="610111198001011232")
    loans = [make_loan(hub, first, contract="BQ-1"), make_loan(hub, second, contract="BQ-2")]
    with hub.write() as session:  # an enterprise owes the first household a dividend
        enterprise = Enterprise(name="肉牛养殖合作社")
        session.add(enterprise)
        session.flush()
        session.add(DividendSchedule(enterprise_id=enterprise.id, household_id=first, period="2025",
                                     due_on=D(2025, 12, 31), amount_fen=100_000))
    for field in network.fields:
        network.send(hub, field)
    return network, [first, second], loans


def _refused(network, field, words: str, table: str, record) -> None:
    with pytest.raises(BundleRefused, match=words) as info:
        network.send(field, network.hub)
    assert str(record) in str(info.value)
    model = {"disposals": DisposalProposal, "use_checks": UseCheck, "visits": Visit, "attachments": Attachment,
             "maturity_assessments": MaturityAssessment, "dividend_payments": DividendPayment}[table]
    with network.hub.read() as session:
        held = session.get(model, record)
        if table == "attachments":  # the owner's photo stands
            assert held is not None and hashlib.sha256(held.data).hexdigest() == held.sha256
        elif table == "use_checks":
            assert held is None or not held.signed_off_by
        else:
            assert held is None


def test_an_executed_disposal_from_a_laptop_is_refused(world):
    network, households, loans = world
    field = network.fields[0]
    with field.write() as session:
        disposal = DisposalProposal(loan_id=loans[0], household_id=households[0], kind=Disposal.EXTENSION,
                                    status=DisposalStatus.EXECUTED, reason="展期", extension_months=6,
                                    proposed_on=D(2025, 6, 1), proposed_by="admin", decided_on=D(2025, 6, 2),
                                    decided_by="supervisor1", executed_on=D(2025, 6, 3), executed_by="bank1")
        session.add(disposal)
    _refused(network, field, "disposals record", "disposals", disposal.id)


def test_a_sign_off_from_a_laptop_is_refused(world):
    network, households, loans = world
    field = network.fields[0]
    with field.write() as session:
        check = UseCheck(household_id=households[0], loan_id=loans[0], checked_on=D(2025, 6, 1), observed_use="养牛")
        session.add(check)
    network.send(field, network.hub)  # the use check itself is the laptop's to record
    with field.write() as session:
        record = session.get(UseCheck, check.id)
        record.signed_off_by, record.signed_off_at = "supervisor1", dt.datetime(2025, 6, 2, 9)
    _refused(network, field, "only Supervisor at the hub", "use_checks", check.id)


def test_a_dividend_payment_from_a_laptop_is_refused(world):
    network, households, _ = world
    field = network.fields[0]
    with field.write() as session:  # the payment that would clear the dividend_overdue warning
        schedule = session.execute(sa.select(DividendSchedule)).scalar_one()
        payment = DividendPayment(schedule_id=schedule.id, household_id=households[0], paid_on=D(2025, 12, 30),
                                  amount_fen=100_000)
        session.add(payment)
    with pytest.raises(BundleRefused, match="District staff"):
        network.send(field, network.hub)
    with network.hub.read() as session:
        assert session.get(DividendPayment, payment.id) is None


def test_another_nodes_photo_is_never_replaced(world):
    network, households, _ = world
    owner, other = network.fields
    with owner.write() as session:
        photo = store_attachments(session, [prepare_image(jpeg_bytes(marker="a"), "a.jpg")])[0]
        photo_id, sha = photo.id, photo.sha256
        session.add(Visit(household_id=households[0], visited_on=D(2025, 6, 1), findings="拍照"))
    network.send(owner, network.hub)
    forged = prepare_image(jpeg_bytes(color=(0, 0, 255), marker="b"), "a.jpg")
    with other.write() as session:  # the same id (and name) with other bytes
        session.add(Attachment(id=photo_id, sha256=sha, mime=forged.mime, size=len(forged.data),
                               data=forged.data, original_name="a.jpg"))
    assert attachment_id_for(sha) == photo_id
    _refused(network, other, "photo", "attachments", photo_id)
    network.send(network.hub, owner)
    with owner.read() as session:
        assert hashlib.sha256(session.get(Attachment, photo_id).data).hexdigest() == sha


def _assessment(households, loans, loan=0, days=39):
    return MaturityAssessment(household_id=households[0], loan_id=loans[loan], assessed_on=D(2025, 6, 1),
                              matures_on=D(2025, 7, 10), days_to_maturity=days, ability=RepaymentAbility.ABLE)


@pytest.mark.parametrize(("make", "words", "table"), [
    # the loan of a field record belongs to its household
    (lambda h, loans: _assessment(h, loans, loan=1), "names a record with another household_id",
     "maturity_assessments"),
    # no amount below zero
    (lambda h, loans: Visit(household_id=h[0], loan_id=loans[0], visited_on=D(2025, 6, 1), findings="正常",
                            income_estimate_fen=-1), "negative amount", "visits"),
    # the days to maturity follow from the dates
    (lambda h, loans: _assessment(h, loans, days=10), "days to maturity do not match", "maturity_assessments"),
], ids=["household_with_anothers_loan", "negative_amount", "days_to_maturity_off_its_dates"])
def test_a_record_breaking_a_domain_rule_is_refused(world, make, words, table):
    """16.4's domain rules, checked again on import."""
    network, households, loans = world
    field = network.fields[0]
    with field.write() as session:
        record = make(households, loans)
        session.add(record)
    _refused(network, field, words, table, record.id)


def test_an_amendment_moved_to_another_household_is_refused(world):
    """An amendment stays with the household of the record it amends."""
    network, households, loans = world
    field = network.fields[0]
    with field.write() as session:
        original = Visit(household_id=households[0], loan_id=loans[0], visited_on=D(2025, 6, 1), findings="正常")
        session.add(original)
    network.send(field, network.hub)
    with field.write() as session:
        amendment = Visit(household_id=households[1], original_id=original.id, version=2, visited_on=D(2025, 6, 1),
                          findings="更正", amendment_reason="写错了户")
        session.add(amendment)
    _refused(network, field, "names a record with another household_id", "visits", amendment.id)


def test_the_laptops_own_records_still_travel(world):
    network, households, loans = world
    field = network.fields[0]
    with field.write() as session:
        visit = Visit(household_id=households[0], loan_id=loans[0], visited_on=D(2025, 6, 1), findings="正常")
        session.add(visit)
        session.get(Household, households[1]).phone = "13700000000"  # a correction: a proposal at the hub
    report = network.send(field, network.hub)
    assert report.applied >= 1 and report.proposals == 1
    with network.hub.read() as session:
        assert session.get(Visit, visit.id) is not None
        assert session.execute(sa.select(Household.phone).where(Household.id == households[1])).scalar() != \
            "13700000000"
