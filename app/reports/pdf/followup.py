"""The follow-up list (贷后回访计划表) of a street, or one village of it, for a date range: every live loan whose
next visit falls due by the end of the range under the visit-interval settings (first visit within N months of
disbursement, then every M months; :func:`app.domain.risk.visit_due_on`), with the last visit, the household's
address and a masked phone number. Loans already overdue for a visit at the start of the range are listed first
within their village and marked with the days late. A4 landscape, Chinese labels as data (see
:mod:`app.reports.pdf.forms`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from app.domain.codes import mask_phone
from app.domain.permissions import Permission
from app.domain.risk import visit_due_on
from app.domain.risk_query import LoanFilter, loan_facts, policy_of
from app.domain.scope import scope_street
from app.errors import ValidationError
from app.i18n import translate
from app.models import Household, Street, Village
from app.models.places import DISTRICT_NAME
from app.reports.pdf.document import GroupStart, build_pdf, print_info
from app.reports.pdf.fonts import LATIN, CJKText

TITLE = "扶贫小额信贷贷后回访计划表"
HEADERS = ("序号", "村", "组", "户主", "联系电话", "家庭住址", "贷款合同编号", "放款日期", "贷款余额(元)",
           "上次回访", "应回访日期", "状态", "备注")
WIDTHS_MM = (10, 20, 12, 16, 22, 40, 27, 20, 22, 20, 20, 20, 16)  # 265 mm: A4 landscape less margins


@dataclass(frozen=True)
class FollowUpRow:
    village: str
    group: str
    head_name: str
    phone: str
    address: str
    contract_no: str
    disbursed_on: dt.date
    balance_fen: int
    last_visit: dt.date | None
    due_on: dt.date
    days_late: int


def follow_up_rows(store: Any, street: str, date_from: dt.date, date_to: dt.date,
                   village: str | None = None) -> tuple[str, list[FollowUpRow]]:
    """(street name, rows) of the loans due a visit by ``date_to``, looked at on ``date_from``."""
    if date_to < date_from:
        raise ValidationError(translate("Printing", "The end of the range comes before its start."))
    scope = scope_street(store)
    if scope and street != scope:
        raise ValidationError(translate("Printing", "This node keeps the records of street {street} only.",
                                        street=scope))
    policy = policy_of(store)
    with store.read() as session:
        street_name = session.execute(sa.select(Street.name).where(Street.code == street)).scalar()
        if street_name is None:
            raise ValidationError(translate("Printing", "Unknown street code {code}.", code=street))
        if village and session.execute(sa.select(Village.id).where(Village.street_code == street,
                                                                   Village.name == village)).first() is None:
            raise ValidationError(translate("Printing", "The street has no village named {name}.", name=village))
        # loans live by the end of the range, with every visit made by then (a loan visited in the range is done)
        facts = loan_facts(session, date_to, LoanFilter(street=street))
        due = []
        for loan in facts:
            due_on, last = visit_due_on(loan, date_to, policy)
            if due_on <= date_to:
                due.append((loan, due_on, last))
        households: dict[Any, tuple[str, str, str, str, str]] = {}
        ids = list({loan.household_id for loan, _, _ in due})
        for start in range(0, len(ids), 500):
            for hid, village_name, group, phone, address, initials in session.execute(
                    sa.select(Household.id, Village.name, Household.group_name, Household.phone, Household.address,
                              Household.head_initials)
                    .outerjoin(Village, Village.id == Household.village_id)
                    .where(Household.id.in_(ids[start:start + 500]))):
                households[hid] = (village_name or "", group, phone, address, initials)
    rows = []
    for loan, due_on, last in due:
        village_name, group, phone, address, _ = households.get(loan.household_id, ("", "", "", "", ""))
        if village and village_name != village:
            continue
        rows.append(FollowUpRow(village_name, group, loan.household_name, mask_phone(phone), address,
                                loan.contract_no, loan.disbursed_on, loan.balance_fen, last, due_on,
                                max(0, (date_from - due_on).days)))
    rows.sort(key=lambda r: (r.village, r.group, r.due_on, r.head_name, r.contract_no))
    return street_name, rows


def _money(fen: int) -> str:
    yuan, cents = divmod(fen, 100)
    return f"{yuan:,}.{cents:02d}"


def write_follow_up(store: Any, street: str, date_from: dt.date, date_to: dt.date, out: Path | str | None = None,
                    *, village: str | None = None, at: dt.datetime | None = None) -> tuple[bytes | Path, int]:
    """Write the follow-up list; returns (path or bytes, number of loans listed)."""
    store.require(Permission.PRINT)
    street_name, rows = follow_up_rows(store, street, date_from, date_to, village)
    info = print_info(store, at)
    policy = policy_of(store)
    place = f"{DISTRICT_NAME}{street_name}{village or ''}"
    size = 8
    data: list[list[Any]] = [[CJKText(h, size=size, align="center") for h in HEADERS]]
    for number, row in enumerate(rows, start=1):
        status = f"已逾期{row.days_late}天" if row.days_late else "待回访"
        data.append([CJKText(str(number), size, align="center"), CJKText(row.village, size),
                     CJKText(row.group, size), CJKText(row.head_name, size), CJKText(row.phone, size),
                     CJKText(row.address, size), CJKText(row.contract_no, size),
                     CJKText(row.disbursed_on.isoformat(), size), CJKText(_money(row.balance_fen), size, align="right"),
                     CJKText(row.last_visit.isoformat() if row.last_visit else "未回访", size),
                     CJKText(row.due_on.isoformat(), size), CJKText(status, size), CJKText("", size)])
    if len(rows) == 0:
        data.append([CJKText("本期间无应回访的贷款。", size, align="center")] + [""] * (len(HEADERS) - 1))
    table = Table(data, colWidths=[w * mm for w in WIDTHS_MM], repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), LATIN, size),  # empty cells would otherwise select Helvetica (not embedded)
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, row in enumerate(rows, start=1):
        if row.days_late:
            style.append(("TEXTCOLOR", (11, index), (11, index), colors.HexColor("#C00000")))
        if index % 2 == 0:
            style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#FAFAFA")))
    if not rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    households = len({(r.head_name, r.address) for r in rows})
    story = [
        GroupStart(""),
        CJKText(f"{place}{TITLE}", size=16, align="center", leading=22),
        Spacer(1, 2 * mm),
        CJKText(f"回访期间：{date_from.isoformat()} 至 {date_to.isoformat()}　　"
                f"回访要求：放款后{policy.first_visit_months}个月内首次回访，此后每{policy.visit_interval_months}个月"
                f"至少回访一次　　共 {households} 户 {len(rows)} 笔", size=9, align="center"),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 8 * mm),
        CJKText("制表人：＿＿＿＿＿＿＿＿　　　　审核人：＿＿＿＿＿＿＿＿　　　　"
                "日期：＿＿＿＿年＿＿月＿＿日", size=10),
    ]

    def log() -> None:
        with store.write() as session:
            store.audit.event(session, "print", {"kind": "follow-up", "street": street, "loans": len(rows),
                                                 "from": date_from.isoformat(), "to": date_to.isoformat()})

    result = build_pdf(story, info, title=f"{place}{TITLE}", out=Path(out) if out is not None else None,
                       landscape_pages=True, on_written=log,
                       subject=f"{date_from.isoformat()}–{date_to.isoformat()}")
    return result, len(rows)
