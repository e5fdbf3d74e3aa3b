"""Households (建档立卡户), their members and poverty-status history."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import CODE, Base, Synced, enum_column
from app.models.enums import LabourCapacity, PovertyStatus, Sex


class Household(Synced, Base):
    __tablename__ = "households"
    #: the Households page filters by name, initials and phone as the user types (migration 0002)
    __table_args__ = (sa.Index("ix_households_head_initials_head_name", "head_initials", "head_name"),)

    street_code: Mapped[str] = mapped_column(sa.String(9), sa.ForeignKey("streets.code"), index=True)
    village_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("villages.id"), index=True)
    group_name: Mapped[str] = mapped_column(sa.String(30), default="")
    household_no: Mapped[str] = mapped_column(sa.String(40), default="")
    head_name: Mapped[str] = mapped_column(sa.String(50), index=True)
    #: pinyin initials of the head's name, kept for the "zs finds 张三" filter
    head_initials: Mapped[str] = mapped_column(sa.String(50), default="")
    head_citizen_id: Mapped[str] = mapped_column(sa.String(18), unique=True, info=CODE)
    phone: Mapped[str] = mapped_column(sa.String(20), default="", index=True)
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    size: Mapped[int] = mapped_column(default=1)
    poverty_status: Mapped[PovertyStatus] = enum_column(PovertyStatus, default=PovertyStatus.REGISTERED)
    poverty_status_since: Mapped[dt.date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    members: Mapped[list[Member]] = relationship(back_populates="household", order_by="Member.position")
    status_history: Mapped[list[PovertyStatusChange]] = relationship(
        back_populates="household", order_by="PovertyStatusChange.effective_on")


class Member(Synced, Base):
    __tablename__ = "members"

    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(50))
    relation: Mapped[str] = mapped_column(sa.String(20), default="")
    citizen_id: Mapped[str | None] = mapped_column(sa.String(18), index=True, default=None, info=CODE)
    sex: Mapped[Sex | None] = enum_column(Sex, default=None)
    birth_date: Mapped[dt.date | None] = mapped_column(default=None)
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    labour_capacity: Mapped[LabourCapacity] = enum_column(LabourCapacity, default=LabourCapacity.FULL)
    is_head: Mapped[bool] = mapped_column(default=False)

    household: Mapped[Household] = relationship(back_populates="members")


class PovertyStatusChange(Synced, Base):
    __tablename__ = "poverty_status_changes"

    household_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("households.id"), index=True)
    status: Mapped[PovertyStatus] = enum_column(PovertyStatus)
    effective_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(sa.Text, default="")

    household: Mapped[Household] = relationship(back_populates="status_history")
