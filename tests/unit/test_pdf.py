"""Printed records: Chinese labels and facts in the text, embedded fonts only, a non-blank page, masked IDs,
batches in order, verification codes, and the line breaking that keeps numbers whole."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from app.domain import records as rec
from app.domain.attachments import prepare_image
from app.errors import PermissionDenied, ValidationError
from app.models.enums import RecordKind
from app.reports.pdf import fonts
from app.reports.pdf.followup import write_follow_up
from app.reports.pdf.forms import print_records, records_between
from app.reports.pdf.verify import Outcome, parse_code, verify
from tests import records_data
from tests.records_data import TODAY, jpeg_bytes, make_household, make_loan
from tests.unit.test_records import check_values, visit_values

make_users = records_data.make_users  # the fixture

HEAD_CID = "610111197503080016"
AT = dt.datetime(2025, 6, 11, 9, 30)


def _text(pdf: bytes | str) -> list[str]:
    """Each page's text without whitespace: extraction puts line breaks between font runs and wrapped lines."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


def _has(text: str, expected: str) -> bool:
    return re.sub(r"\s+", "", expected) in text


def _fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font, embedded) of every font any page uses, descendants of composite fonts included."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if part.get("/Subtype") == "/Type0":
                    continue
                descriptor = part.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found.append((str(part.get("/BaseFont")), embedded))
    return found


def _non_white(pdf: bytes, page: int = 0) -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    image = document.render(page, QSize(300, 424))
    count = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                if image.pixelColor(x, y).lightness() < 200)
    document.close()
    return count


@pytest.fixture
def visit(store):
    household = make_household(store)
    loan = make_loan(store, household)
    photo = prepare_image(jpeg_bytes(320, 240, marker="cow"), "cow.jpg")
    submitted = rec.submit(store, RecordKind.VISIT, visit_values(
        findings="养殖肉牛5头，长势良好；身份证号610111197503080016核对无误，合同BQ-2023-0001。"),
        household_id=household, loan_id=loan, photos=[photo], today=TODAY)
    return submitted, household, loan


def test_visit_record_has_labels_facts_embedded_fonts_and_ink(store, visit):
    submitted, _, _ = visit
    result = print_records(store, RecordKind.VISIT, [submitted.record_id], at=AT)
    pdf = result.data
    text = "".join(_text(pdf))
    for label in ("入户回访记录表", "户主姓名", "身份证号", "贷款合同编号", "回访日期", "发现问题",
                  "户主（被访人）签字", "回访人员签字", "第 1 页 共 1 页", "打印人", "2025-06-11 09:30"):
        assert _has(text, label), label
    for fact in ("王建国", "BQ-2023-0001", "50,000.00", "2025-06-10", "养殖肉牛5头", "邮储银行灞桥支行",
                 result.codes[0]):
        assert _has(text, fact), fact
    assert HEAD_CID not in text.replace("身份证号610111197503080016核对", "")  # only the typed finding has it
    # the verification line speaks to whoever holds the paper, not to someone at a terminal (issue 21)
    assert _has(text, "交给街道扶贫专干或经办银行") and "verify" not in text and "命令" not in text
    assert "6101**********0016" in text
    used = _fonts(pdf)
    assert used and all(embedded for _, embedded in used), used
    assert not any("STSong" in name or "Helvetica" in name for name, _ in used)
    assert _non_white(pdf) > 500
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf  # the photo thumbnail


def test_full_ids_only_when_asked_and_allowed(store, visit, make_users):
    submitted, _, _ = visit
    full = "".join(_text(print_records(store, RecordKind.VISIT, [submitted.record_id], full_ids=True).data))
    assert HEAD_CID in full.replace("身份证号610111197503080016核对", "")
    cadre, _boss = make_users
    with pytest.raises(PermissionDenied):
        print_records(cadre, RecordKind.VISIT, [submitted.record_id], full_ids=True)
    masked = "".join(_text(print_records(cadre, RecordKind.VISIT, [submitted.record_id]).data))
    assert "6101**********0016" in masked


def test_use_check_record(store):
    household = make_household(store)
    loan = make_loan(store, household)
    submitted = rec.submit(store, RecordKind.USE_CHECK, check_values(observed_use="购买肉牛5头，票据齐全"),
                           household_id=household, loan_id=loan, today=TODAY)
    result = print_records(store, RecordKind.USE_CHECK, [submitted.record_id])
    text = "".join(_text(result.data))
    for expected in ("贷款用途核查记录表", "申报用途", "实际用途", "核查结论", "购买肉牛5头", "户主（借款人）签字",
                     result.codes[0]):
        assert _has(text, expected), expected
    assert result.codes[0].startswith("C")
    assert all(embedded for _, embedded in _fonts(result.data))


def test_unknown_record_is_a_clear_error(store):
    import uuid

    with pytest.raises(ValidationError, match="No visit record with the id"):
        print_records(store, RecordKind.VISIT, [uuid.uuid4()])


def test_verify_ok_then_changed_after_amendment(store, visit, tmp_path):
    submitted, _, _ = visit
    out = tmp_path / "visit.pdf"
    result = print_records(store, RecordKind.VISIT, [submitted.record_id], out)
    assert out.exists() and result.path == out
    code = result.codes[0]
    checked = verify(store, code)
    assert checked.outcome is Outcome.OK and checked.printed, checked
    assert "ok" in checked.message()
    assert verify(store, code.lower().replace("-", " ")).outcome is Outcome.OK
    rec.amend(store, RecordKind.VISIT, submitted.record_id, visit_values(findings="补充：牛已出栏2头"), "补记出栏情况",
              today=TODAY)
    changed = verify(store, code)
    assert changed.outcome is Outcome.CHANGED and changed.latest_version == 2
    assert "changed" in changed.message() and "version 2" in changed.message()


def test_verify_mismatch_unknown_and_typos(store, visit):
    submitted, _, _ = visit
    code = print_records(store, RecordKind.VISIT, [submitted.record_id]).codes[0]
    raw = code.replace("-", "")
    body = raw[:12] + ("0" if raw[12] != "0" else "1") + raw[13:19]
    from app.reports.pdf.verify import _check_char

    forged = body + _check_char(body)
    assert verify(store, forged).outcome is Outcome.MISMATCH
    other = "V" + "ZZZZZZZZ" + raw[9:19]
    assert verify(store, other + _check_char(other)).outcome is Outcome.UNKNOWN
    typo = raw[:5] + ("A" if raw[5] != "A" else "B") + raw[6:]
    with pytest.raises(ValidationError, match="mistyped"):
        parse_code(typo)
    with pytest.raises(ValidationError):
        parse_code("V123")


@pytest.mark.slow
def test_batch_of_500_in_order(store):
    household = make_household(store)
    loan = make_loan(store, household)
    start = dt.date(2024, 1, 1)
    from app.models.records import Visit

    rows = []
    for i in range(500):
        values = visit_values(visited_on=start + dt.timedelta(days=i % 400), findings=f"第{i}次回访记录")
        rows.append({**values, "household_id": household, "loan_id": loan, "version": 1})
    with store.write() as session:
        store.audit.bulk_insert(session, Visit, rows)
    ids = records_between(store, RecordKind.VISIT, start, start + dt.timedelta(days=400))
    assert len(ids) == 500
    seen = []
    result = print_records(store, RecordKind.VISIT, ids, progress=lambda done, total: seen.append((done, total)))
    assert result.records == 500 and seen[-1] == (500, 500)
    pages = _text(result.data)
    order = []
    for page in pages:
        code = next((c for c in result.codes if c in page), None)
        if code and (not order or order[-1] != code):
            order.append(code)
    assert order == list(result.codes)


def test_cancel_leaves_nothing(store, visit, tmp_path):
    from app.cancel import CancelToken
    from app.errors import Cancelled

    submitted, _, _ = visit
    token = CancelToken()
    token.cancel()
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        print_records(store, RecordKind.VISIT, [submitted.record_id], folder / "x.pdf", cancel=token)
    assert list(folder.iterdir()) == []


def test_follow_up_list(store, visit):
    data, count = write_follow_up(store, "610111001", dt.date(2025, 6, 1), dt.date(2026, 6, 30), at=AT)
    assert count == 1
    text = "".join(_text(data))
    for expected in ("纺织城街道", "贷后回访计划表", "应回访日期", "王建国", "139****5678", "BQ-2023-0001",
                     "2025-06-10", "2026-06-10", "第 1 页 共 1 页"):
        assert _has(text, expected), expected
    assert "13912345678" not in text
    assert all(embedded for _, embedded in _fonts(data))
    assert _non_white(data) > 300
    with pytest.raises(ValidationError):
        write_follow_up(store, "610111001", dt.date(2025, 6, 1), dt.date(2026, 6, 30), village="没有这个村")


@pytest.mark.parametrize("width", [125, 150, 200, 333])
def test_wrap_keeps_ids_numbers_and_words_whole(width):
    text = ("户主王建国身份证号11010519491231002X，合同BQ-2023-0001，金额50,000.00元（养殖肉牛）。"
            "Latin words stay whole; 身份证610111197503080016。")
    font = fonts.register_fonts()
    lines = fonts.wrap_lines(text, font, 10, width)
    joined = "\n".join(lines)
    for whole in ("11010519491231002X", "610111197503080016", "BQ-2023-0001", "50,000.00", "Latin", "words"):
        assert whole in joined, (whole, lines)
    assert all(not line.startswith(("，", "。", "）")) for line in lines), lines
    assert all(not line.endswith("（") for line in lines), lines
    assert all(fonts.text_width(line, 10) <= width + 0.01 for line in lines)


def test_tokens_break_only_between_cjk():
    assert fonts.tokens("号11010519491231002X，合同") == ["号", "11010519491231002X，", "合", "同"]
    assert fonts.tokens("（养殖）") == ["（养", "殖）"]


def test_shipped_fonts_and_licences():
    for path in (fonts.FONT_FILE, fonts.LATIN_FONT_FILE, *fonts.LICENSE_FILES):
        assert path.is_file(), path
    assert 1_000_000 < fonts.FONT_FILE.stat().st_size < 10_000_000
    assert "Apache License" in fonts.LICENSE_FILES[0].read_text()
    assert "SIL OPEN FONT LICENSE" in fonts.LICENSE_FILES[1].read_text().upper()
