"""The printing issues' operation: ``pdf_batch`` — 1,000 visit records as one PDF, against reportlab's own
limit measured in the same run: the same number of pages, each a bordered 32 × 4-cell table of the same texts in
the same embedded CJK font, laid out by reportlab's ``Table`` (no QR code, no footer, no fallback fonts).

It needs no synthetic district: setup makes a scratch node with one household and 1,000 visits (the demo has no
visits), so the figure does not depend on the scale.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

from app.bench.ops import SCRATCH_KDF
from app.bench.registry import register
from app.bench.runner import ADMIN, PASSWORD, BenchContext

RECORDS = 1000


def _setup(ctx: BenchContext) -> dict[str, Any]:
    from app.db.keyring import KdfParams
    from app.db.store import Store
    from app.domain.names import pinyin_initials
    from app.models import Bank, Household, Loan, Member
    from app.models.enums import BusinessStatus, RecordKind, RepaymentAbility, VisitType, Willingness
    from app.models.records import Visit
    from app.reports.pdf.forms import records_between

    folder = ctx.scratch / f"pdf-{uuid.uuid4().hex[:8]}"
    store, _ = Store.create(folder, "field", "bench", "610111001", ADMIN, PASSWORD, kdf=KdfParams(**SCRATCH_KDF))
    with store.write() as session:
        bank = Bank(code="PSBC", name="邮储银行灞桥支行")
        household = Household(street_code="610111001", head_name="王建国", head_initials=pinyin_initials("王建国"),
                              head_citizen_id="610111197503080016", phone="13912345678", address="纺织城街道东村3组")
        session.add_all([bank, household])
        session.flush()
        session.add(Member(household_id=household.id, name="王建国", relation="户主", is_head=True,
                           citizen_id="610111197503080016"))
        loan = Loan(bank_id=bank.id, contract_no="BQ-2023-0001", household_id=household.id,
                    borrower_name="王建国", borrower_citizen_id="610111197503080016", street_code="610111001",
                    amount_fen=5_000_000, disbursed_on=dt.date(2023, 7, 10), term_months=36,
                    matures_on=dt.date(2026, 7, 10), balance_fen=5_000_000, purpose_text="养殖肉牛5头")
        session.add(loan)
        session.flush()
        start = dt.date(2024, 1, 1)
        rows = [{"household_id": household.id, "loan_id": loan.id, "version": 1,
                 "visited_on": start + dt.timedelta(days=i % 400), "visit_type": VisitType.ROUTINE,
                 "visitors": "张干部、李干部", "people_met": "王建国", "business_status": BusinessStatus.NORMAL,
                 "business_seen": "牛圈内肉牛5头，饲料充足", "willingness": Willingness.WILLING,
                 "ability": RepaymentAbility.ABLE, "used_as_declared": True, "household_confirmed": True,
                 "income_estimate_fen": 3_000_000,
                 "findings": f"第{i + 1}次回访：养殖正常，户主反映饲料价格上涨，已提醒按时还款。"}
                for i in range(RECORDS)]
        store.audit.bulk_insert(session, Visit, rows)
    ids = records_between(store, RecordKind.VISIT, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    return {"store": store, "ids": ids, "folder": folder}


def _batch(ctx: BenchContext, state: dict[str, Any], _arg: Any) -> int:
    from app.models.enums import RecordKind
    from app.reports.pdf.forms import print_records

    out = state["folder"] / "batch.pdf"
    result = print_records(state["store"], RecordKind.VISIT, state["ids"], out)
    return result.records


def _tables(_ctx: BenchContext, _state: dict[str, Any], _arg: Any) -> int:
    """The limit: reportlab drawing one bordered 32 × 4 table a page in the same embedded fonts, plain strings."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from app.reports.pdf.fonts import FONT, register_fonts

    register_fonts()
    style = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9.5), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                        ("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2"))])
    story: list[Any] = []
    for page in range(RECORDS):
        rows = [["回访日期", "2024-01-01", "回访类型", "日常回访"],
                ["户主姓名", "王建国", "身份证号", "6101**********0016"],
                ["发现问题", f"第{page + 1}次回访：养殖正常，户主反映饲料价格上涨", "记录人", "张干部"]] * 10
        rows += [["签字", "", "签字日期", "年月日"]] * 2
        table = Table(rows, colWidths=[27 * mm, 62 * mm, 27 * mm, 62 * mm])
        table.setStyle(style)
        story += [table, PageBreak()]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story[:-1])
    return RECORDS


def _teardown(_ctx: BenchContext, state: dict[str, Any] | None) -> None:
    if state:
        state["store"].engine.dispose()


register("pdf_batch", _batch, setup=_setup, teardown=_teardown, limit=_tables, rows=lambda ctx, state: RECORDS,
         needs_node=False, description="1,000 visit records as one PDF (forms, QR, embedded fonts with per-glyph "
                                       "fallback) vs reportlab drawing 1,000 pages of 32 × 4-cell tables in the "
                                       "same embedded font",
         target="≤ 5 s for 1,000 records and ≤ 1.5× the limit (speed issue)")
