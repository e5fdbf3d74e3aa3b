"""Administrative divisions (GB/T 2260): streets of Baqiao District and the villages below them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced

DISTRICT_CODE = "610111"
DISTRICT_NAME = "灞桥区"
#: the nine streets, seeded by the first migration (reference data, identical on every node)
BAQIAO_STREETS: tuple[tuple[str, str], ...] = (
    ("610111001", "纺织城街道"), ("610111002", "十里铺街道"), ("610111003", "红旗街道"),
    ("610111004", "席王街道"), ("610111005", "洪庆街道"), ("610111006", "狄寨街道"),
    ("610111007", "灞桥街道"), ("610111008", "新筑街道"), ("610111009", "新合街道"),
)


class Street(Base):
    __tablename__ = "streets"
    __audited__ = False  # reference data from the migration

    code: Mapped[str] = mapped_column(sa.String(9), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50))


class Village(Synced, Base):
    __tablename__ = "villages"
    __table_args__ = (sa.UniqueConstraint("street_code", "name"),)

    street_code: Mapped[str] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"), index=True)
    code: Mapped[str | None] = mapped_column(sa.String(12), default=None)
    name: Mapped[str] = mapped_column(sa.String(50))


