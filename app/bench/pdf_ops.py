"""The printing issue's operation: ``pdf_batch`` — 500 visit records as one PDF, against the plain-reportlab
limit (the same 500 pages of plain text drawn with ``canvas.drawString`` in a built-in font, nothing embedded).

It needs no synthetic district: setup makes a scratch node with one household and 500 visits (the demo has no
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

RECORDS = 500


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


def _plain(_ctx: BenchContext, _state: dict[str, Any], _arg: Any) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), pagesize=A4)
    for page in range(RECORDS):
        canvas.setFont("Helvetica", 10)
        for line in range(40):
            canvas.drawString(50, 800 - line * 18, f"record {page} line {line}: visit 2024-01-01 findings normal")
        canvas.showPage()
    canvas.save()
    return RECORDS


def _teardown(_ctx: BenchContext, state: dict[str, Any] | None) -> None:
    if state:
        state["store"].engine.dispose()


register("pdf_batch", _batch, setup=_setup, teardown=_teardown, limit=_plain, rows=lambda ctx, state: RECORDS,
         needs_node=False, description="500 visit records as one PDF (forms, QR, embedded fonts) vs 500 pages "
                                       "of plain drawString text",
         target="≤ 10 s for 500 records (printing issue)")
