"""Households and loans for the field-record tests (written through the audited store like real data)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.names import pinyin_initials
from app.models import Bank, Household, Loan, Member
from app.models.enums import LabourCapacity, PovertyStatus, PurposeCategory, Sex

TODAY = dt.date(2025, 6, 10)
HEAD_ID = "11010519491231002X"


def make_household(store, street="610111001", head="王建国", birth=dt.date(1975, 3, 8),
                   status=PovertyStatus.REGISTERED, citizen_id="610111197503080016", members=2):
    with store.write() as session:
        household = Household(street_code=street, head_name=head, head_initials=pinyin_initials(head),
                              head_citizen_id=citizen_id, phone="13912345678",
                              address="纺织城街道东村3组", size=members, poverty_status=status)
        session.add(household)
        session.flush()
        session.add(Member(household_id=household.id, position=0, name=head, relation="户主", citizen_id=citizen_id,
                           sex=Sex.MALE, birth_date=birth, labour_capacity=LabourCapacity.FULL, is_head=True))
        if members > 1:
            session.add(Member(household_id=household.id, position=1, name="李秀英", relation="配偶",
                               sex=Sex.FEMALE, birth_date=dt.date(1978, 5, 1), labour_capacity=LabourCapacity.FULL))
        return household.id


def make_loan(store, household_id, amount_yuan=50_000, disbursed=dt.date(2023, 7, 10), months=24,
              contract="BQ-2023-0001", matures=None):
    with store.write() as session:
        bank = session.query(Bank).first()
        if bank is None:
            bank = Bank(code="PSBC", name="邮储银行灞桥支行")
            session.add(bank)
            session.flush()
        head = session.query(Member).filter_by(household_id=household_id, is_head=True).one()
        loan = Loan(bank_id=bank.id, contract_no=contract, household_id=household_id, borrower_id=head.id,
                    borrower_name=head.name, borrower_citizen_id=head.citizen_id or "", street_code="610111001",
                    amount_fen=amount_yuan * 100, disbursed_on=disbursed, term_months=months,
                    matures_on=matures or dt.date(disbursed.year + months // 12, disbursed.month, disbursed.day),
                    purpose_category=PurposeCategory.LIVESTOCK, purpose_text="养殖肉牛5头",
                    balance_fen=amount_yuan * 100)
        session.add(loan)
        session.flush()
        return loan.id


def jpeg_bytes(width=64, height=48, color=(200, 30, 30), marker: str = "") -> bytes:
    """A real JPEG made with QImage (optionally with a text marker so two pictures differ)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(*color))
    for i, ch in enumerate(marker.encode()):
        image.setPixelColor(i % width, (i // width) % height, QColor(ch, 255 - ch, ch // 2))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 95)
    return bytes(buffer.data().data())


def png_noise(width, height) -> bytes:
    """A PNG of random pixels (incompressible): large on disk, to exercise the size limit."""
    import os

    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    raw = os.urandom(width * height * 4)
    image = QImage(raw, width, height, width * 4, QImage.Format.Format_RGB32).copy()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 0)
    return bytes(buffer.data().data())


def _open_users(store, folder):
    from app.db.store import Store
    from tests.conftest import FAST_KDF

    store.add_user("cadre", "field", "cadre password", "张干部", kdf=FAST_KDF)
    store.add_user("boss", "supervisor", "boss password", "李主任", kdf=FAST_KDF)
    return [Store.open(folder, "cadre", "cadre password"), Store.open(folder, "boss", "boss password")]


@pytest.fixture
def make_users(store, node_dir):
    """A field cadre ("cadre") and a supervisor ("boss") on the test node, each with an open store."""
    opened = _open_users(store, node_dir)
    yield tuple(opened)
    for other in opened:
        other.engine.dispose()


@pytest.fixture
def hub_users(make_node, tmp_path):
    """(hub, cadre, boss): a hub with the same two users, each with an open store. Signing off a record and closing
    an anomaly are done there (issue 16: app/models/ownership.py), never on a field node."""
    folder = tmp_path / "hub"
    hub = make_node(role="hub", street=None, folder=folder, name="灞桥区扶贫办")[0]
    opened = _open_users(hub, folder)
    yield (hub, *opened)
    for other in opened:
        other.engine.dispose()


def audit_intact(store) -> list[str]:
    """The audit chain is intact and every synced row matches the log (what ``check`` verifies)."""
    return store.check()
