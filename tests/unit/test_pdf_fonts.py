"""Every character prints: names with CJK Extension A–G characters print and extract as themselves, a character
no font has is drawn as 〓 and reported (never dropped); records with the longest allowed text in every field
print onto continuation pages; the same records give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from app.domain import records as rec
from app.errors import ValidationError
from app.models import Household
from app.models.enums import RecordKind
from app.reports.pdf import fonts
from app.reports.pdf.forms import print_entries, print_records
from tests.records_data import TODAY, make_household, make_loan
from tests.unit.test_records import check_values, visit_values

AT = dt.datetime(2025, 6, 11, 9, 30)
#: names from household registers: Extension B (𠮷 𡈼), A (䶮), the URO (喆 赟 龑), then C, D, E, F, G
RARE = "𠮷𡈼䶮喆赟龑𪜀𫝀𫠠𬺰𰀀"
#: an Extension G character that no free font has (U+30041)
NO_GLYPH = "\U00030041"
BLOCKS = {"URO": (0x4E00, 0x9FFF), "A": (0x3400, 0x4DBF), "B": (0x20000, 0x2A6DF), "C": (0x2A700, 0x2B73F),
          "D": (0x2B740, 0x2B81F), "E": (0x2B820, 0x2CEAF), "F": (0x2CEB0, 0x2EBEF), "G": (0x30000, 0x3134F)}


def pdftotext(pdf: bytes | Path, tmp_path: Path) -> list[str]:
    """poppler's text of each page (what offices copy out of a PDF), whitespace removed."""
    path = pdf if isinstance(pdf, Path) else tmp_path / "extract.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is installed by .ci/run"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.decode().split("\f")[:-1]]


def test_the_font_stack_covers_extensions_a_to_f_and_what_free_fonts_have_of_g():
    """Coverage measured with fontTools over every assigned ideograph (Unicode as Python knows it)."""
    have: set[int] = set()
    for path in fonts.STACK_FILES:
        with TTFont(path, lazy=True) as font:
            # TrueType outlines; embedding allowed (fsType: not "restricted licence", not "bitmap only")
            assert "glyf" in font and not font["OS/2"].fsType & 0x0202, path.name
            have |= set(font.getBestCmap())
    for block, (first, last) in BLOCKS.items():
        assigned = [c for c in range(first, last + 1) if unicodedata.name(chr(c), None)]
        covered = sum(1 for c in assigned if c in have)
        if block == "G":
            assert covered >= 3000, (block, covered, len(assigned))  # BabelStone Han: 3,045 of 4,939
        else:
            assert covered == len(assigned), (block, covered, len(assigned))
    for path in fonts.LICENSE_FILES:
        assert path.is_file() and path.stat().st_size > 1000
    assert sum(path.stat().st_size for path in fonts.STACK_FILES) < 45_000_000  # the frozen build's budget


def render_gray(pdf: bytes) -> bytes:
    """The first page as 8-bit grey pixels (poppler's pdftoppm, PGM without its header)."""
    out = subprocess.run(["pdftoppm", "-r", "72", "-gray", "-singlefile", "-"], input=pdf,
                         capture_output=True, check=True).stdout
    return out.split(b"\n", 3)[3]  # after "P5", the size and the maximum value


def test_each_rare_character_gets_its_own_glyph_on_the_page():
    """Drawn alone and rendered, each character leaves ink, and no two look alike (none is a missing-glyph
    box); the one no font has is the replacement mark, drawn as the mark itself is."""
    from reportlab.pdfgen.canvas import Canvas

    def page(char: str) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(120, 120))
        fonts.register_fonts()
        fonts.draw_text(canvas, 10, 25, char, 90)
        canvas.save()
        return render_gray(buffer.getvalue())

    images = [page(char) for char in RARE]
    ink = [sum(1 for px in image if px < 128) for image in images]
    assert all(n > 150 for n in ink), ink
    assert len(set(images)) == len(RARE)  # different shapes, not one box repeated
    assert page(NO_GLYPH) == page(fonts.REPLACEMENT)
    assert fonts.is_missing(NO_GLYPH) and not any(fonts.is_missing(c) for c in RARE)


@pytest.fixture
def rare_visit(store):
    household = make_household(store, head="王𠮷")
    with store.write() as session:  # through the ORM: every write is audited
        session.get(Household, household).address = f"纺织城街道𡈼村3组（{RARE}）"
    loan = make_loan(store, household)
    submitted = rec.submit(store, RecordKind.VISIT, visit_values(findings=f"户主王𠮷，家人{RARE}；缺字{NO_GLYPH}。"),
                           household_id=household, loan_id=loan, today=TODAY)
    return submitted.record_id


def test_rare_names_print_and_extract_as_themselves(store, rare_visit, tmp_path):
    result = print_records(store, RecordKind.VISIT, [rare_visit], at=AT)
    text = "".join(pdftotext(result.data, tmp_path))
    assert "王𠮷" in text and f"𡈼村3组（{RARE}）" in text and f"家人{RARE}" in text
    # the character no font has: 〓 on the page, itself in the text layer, and reported
    assert f"缺字{NO_GLYPH}" in text
    assert result.missing == (NO_GLYPH,)
    used = {name.split("+")[-1] for name in _font_names(result.data)}
    assert {"HanaMinB", "FieldbookBabelStoneExt", "DroidSansFallback", "NotoSansMono-Regular"} <= used, used


def _font_names(pdf: bytes) -> list[str]:
    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            names.append(str(ref.get_object()["/BaseFont"]))
    return names


def test_missing_glyphs_are_drawn_as_the_mark_in_the_content(store, rare_visit):
    result = print_records(store, RecordKind.VISIT, [rare_visit], at=AT)
    page = PdfReader(io.BytesIO(result.data)).pages[0]
    content = page.get_contents().get_data()
    assert b"/Span <</ActualText <FEFFD880DC41>>> BDC" in content and b"EMC" in content


def test_cli_warns_about_characters_no_font_has(store, rare_visit, tmp_path, capsys):
    from app.cli.printing import _warn_missing

    result = print_records(store, RecordKind.VISIT, [rare_visit], tmp_path / "rare.pdf", at=AT)
    _warn_missing(result.missing)
    err = capsys.readouterr().err
    assert "U+30041" in err and "〓" in err and err.count("\n") == 1


def _longest(kind: RecordKind, values: dict) -> dict:
    """Every text field at its limit: Chinese with an 18-digit number and a long Latin word in it."""
    filler = "经营正常，牛圈内肉牛5头，610111197503080016，BQ-2023-0001-ABCDEFGHIJ；"
    for name, limit in rec.TEXT_LIMITS[kind].items():
        text = (filler * (limit // len(filler) + 1))[:limit - 3] + "END"
        values[name] = text
    return values


def test_records_with_the_longest_allowed_text_print_onto_continuation_pages(store, tmp_path):
    household = make_household(store)
    loan = make_loan(store, household)
    visit = rec.submit(store, RecordKind.VISIT, _longest(RecordKind.VISIT, visit_values()), household_id=household,
                       loan_id=loan, today=TODAY)
    check = rec.submit(store, RecordKind.USE_CHECK, _longest(RecordKind.USE_CHECK, check_values()),
                       household_id=household, loan_id=loan, today=TODAY)
    amended = rec.amend(store, RecordKind.VISIT, visit.record_id,
                        _longest(RecordKind.VISIT, visit_values(findings="x")),
                        reason="补" * rec.COMMON_TEXT_LIMITS["amendment_reason"], today=TODAY)
    out = tmp_path / "long.pdf"
    result = print_entries(store, [(RecordKind.VISIT, amended.record_id), (RecordKind.USE_CHECK, check.record_id)],
                           out, at=AT)
    pages = pdftotext(out, tmp_path)
    assert len(pages) >= 5, len(pages)  # each record runs over several pages
    text = "".join(pages)
    assert text.count("END") >= len(rec.TEXT_LIMITS[RecordKind.VISIT]) + len(rec.TEXT_LIMITS[RecordKind.USE_CHECK])
    assert "发现问题（续）" in text and "实际用途（续）" in text
    assert "第1页共" in text and result.records == 2 and result.missing == ()


def test_text_longer_than_its_limit_is_refused(store):
    household = make_household(store)
    loan = make_loan(store, household)
    limit = rec.TEXT_LIMITS[RecordKind.VISIT]["findings"]
    with pytest.raises(ValidationError, match=str(limit)):
        rec.submit(store, RecordKind.VISIT, visit_values(findings="字" * (limit + 1)), household_id=household,
                   loan_id=loan, today=TODAY)
    assert rec.text_limit(RecordKind.VISIT, "findings") == limit
    assert rec.text_limit(RecordKind.VISIT, "amendment_reason") == rec.COMMON_TEXT_LIMITS["amendment_reason"]
    assert rec.text_limit(RecordKind.VISIT, "visited_on") is None


def test_same_records_same_bytes(store, rare_visit, tmp_path):
    first = print_records(store, RecordKind.VISIT, [rare_visit], tmp_path / "a.pdf", at=AT)
    second = print_records(store, RecordKind.VISIT, [rare_visit], tmp_path / "b.pdf", at=AT)
    assert first.codes == second.codes
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert b"/CreationDate (D:20250611093000" in (tmp_path / "a.pdf").read_bytes()
