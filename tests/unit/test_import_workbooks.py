"""Reading office workbooks: files that are not readable .xlsx, header detection, value parsing.

Also the helpers the other import tests use to BUILD messy workbooks with openpyxl.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from app.domain.codes import citizen_id_check_char
from app.models import AuditEntry, Household
from app.reports import parsing
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from app.reports.parsing import Problem
from app.reports.reader import UnreadableWorkbook


# -- helpers for all import tests -------------------------------------------------------------------------------
def make_id(seq: int, birth: str = "19800101", area: str = "610111") -> str:
    first = f"{area}{birth}{seq % 1000:03d}"
    return first + citizen_id_check_char(first)


def build_workbook(path: Path, header: list[str], rows: list[list[Any]], *, title: str | None = None,
                   notes: list[list[Any]] = (), title_rows: int = 1, blank_after_header: bool = False,
                   text_columns: tuple[int, ...] = ()) -> Path:
    """A workbook as an office makes it: merged title rows, the header, rows, blank lines and notes below."""
    wb = Workbook()
    ws = wb.active
    if title:
        for i in range(title_rows):
            ws.append([title if i == 0 else f"填报单位：灞桥区  日期：2026年11月{i}日"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(header))
    ws.append(header)
    if blank_after_header:
        ws.append([])
    for row in rows:
        ws.append(row)
        for index in text_columns:
            ws.cell(ws.max_row, index + 1).number_format = "@"
    ws.append([])
    for note in notes:
        ws.append(note)
    wb.save(path)
    return path


def audit_count(store) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()


def household_count(store) -> int:
    with store.read() as session:
        return session.execute(sa.select(sa.func.count()).select_from(Household)).scalar_one()


# -- files that are not readable workbooks ----------------------------------------------------------------------
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("content", "fragment"), [
    (OLE + b"\x00" * 600 + "Workbook".encode("utf-16-le") + b"\x00" * 100, "damaged or is not an Excel workbook"),
    (OLE + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100, "protected with a password"),
    ("序号,户主姓名,身份证号\n1,张三,610111198001010011\n".encode(), "looks like text or CSV"),
    (b"", "is empty"),
    (b"PK\x03\x04this is not a zip at all", "damaged or is not an Excel workbook"),
])
@pytest.mark.parametrize("kind", ["households", "loans"])
def test_unreadable_files_are_refused_with_one_message(make_node, tmp_path, content, fragment, kind):
    store = make_node(role="hub", street=None)[0]
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    before = audit_count(store)
    importer = import_households if kind == "households" else import_loans
    with pytest.raises(UnreadableWorkbook) as caught:
        importer(store, path)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)
    assert audit_count(store) == before and household_count(store) == 0


def test_missing_file_and_workbook_without_header(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    with pytest.raises(UnreadableWorkbook, match="does not exist"):
        import_households(store, tmp_path / "nope.xlsx")
    path = build_workbook(tmp_path / "x.xlsx", ["甲", "乙", "丙"], [["1", "2", "3"]], title="随便一张表")
    with pytest.raises(UnreadableWorkbook, match="No table with recognisable column headers"):
        import_households(store, path)
    path = build_workbook(tmp_path / "y.xlsx", ["户主姓名", "街道", "联系电话"], [["张三", "纺织城街道", ""]])
    with pytest.raises(UnreadableWorkbook, match="no column for: 身份证号"):
        import_households(store, path)
    assert household_count(store) == 0


# -- values -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [
    (dt.datetime(2019, 3, 1), dt.date(2019, 3, 1)), (dt.date(2019, 3, 1), dt.date(2019, 3, 1)),
    (43525, dt.date(2019, 3, 1)), (43525.0, dt.date(2019, 3, 1)), ("43525", dt.date(2019, 3, 1)),
    ("2019-03-01", dt.date(2019, 3, 1)), ("2019/3/1", dt.date(2019, 3, 1)), ("2019.03.01", dt.date(2019, 3, 1)),
    ("2019年3月1日", dt.date(2019, 3, 1)), ("20190301", dt.date(2019, 3, 1)), (20190301, dt.date(2019, 3, 1)),
    (" 2019-3-1 ", dt.date(2019, 3, 1)), ("2019-03-01 00:00:00", dt.date(2019, 3, 1)), (None, None), ("", None),
])
def test_dates(value, expected):
    assert parsing.parse_date(value, "放款日期") == expected


@pytest.mark.parametrize("value", ["2019-02-30", "明年", "1800-01-01", "20191301", 3])
def test_bad_dates(value):
    with pytest.raises(Problem) as caught:
        parsing.parse_date(value, "放款日期")
    assert "放款日期" in caught.value.chinese()


@pytest.mark.parametrize(("value", "unit", "fen"), [
    (50000, "", 5_000_000), ("50,000.00", "", 5_000_000), ("5万", "", 5_000_000), ("5.5万元", "", 5_500_000),
    ("￥50,000", "", 5_000_000), ("¥50000元", "", 5_000_000), ("５００００", "", 5_000_000), (5, "万元", 5_000_000),
    (1234.56, "", 123_456), (None, "", None),
])
def test_amounts(value, unit, fen):
    assert parsing.parse_amount_fen(value, "金额", unit) == fen


def test_rates_terms_and_ids():
    assert [parsing.parse_rate_bp(v) for v in ("4.35%", 4.35, 0.0435, "4.75", " 0.0475 ")] == [435, 435, 435, 475, 475]
    with pytest.raises(Problem):
        parsing.parse_rate_bp("四厘")
    assert [parsing.parse_term_months(v) for v in (36, "36个月", "3年")] == [36, 36, 36]
    assert parsing.parse_term_months(3, "年") == 36
    good = make_id(11)
    assert parsing.citizen_id_from_cell(good) == good
    assert parsing.citizen_id_from_cell(" " + good.lower() + " ") == good
    codes = {}
    for value in (6.10111198001011e17, 610111198001010011, "6.10111E+17", good[:-1] + ("0" if good[-1] != "0" else "1"),
                  "610111198002300011", good[:10], "6101**********0011", None):
        with pytest.raises(Problem) as caught:
            parsing.citizen_id_from_cell(value)
        codes[str(value)] = caught.value.code
    assert list(codes.values()) == ["id_numeric", "id_numeric", "id_numeric", "id_check", "id_birth", "id_length",
                                    "id_masked", "id_missing"]


def test_header_normalisation():
    assert parsing.normalize_header(" 身份证\n号码 ") == "身份证号码"
    assert parsing.normalize_header("村（社区）") == "村(社区)"
    assert parsing.header_base_and_unit("贷款金额(万元)") == ("贷款金额", "万元")


def test_words():
    assert parsing.match_poverty_status("脱贫不稳定户").value == "monitored_household"
    assert parsing.match_poverty_status("未脱贫").value == "registered_household"
    assert parsing.match_poverty_status("已脱贫户").value == "exited_poverty"
    assert parsing.match_poverty_status("返贫").value == "returned_to_poverty"
    with pytest.raises(Problem):
        parsing.match_poverty_status("富裕户")
    streets = {"610111001": "纺织城街道", "610111006": "狄寨街道"}
    assert parsing.match_street("狄寨", streets) == "610111006"
    assert parsing.match_street("610111001000", streets) == "610111001"
    assert parsing.find_street_in_text("狄寨街道建档立卡贫困户名单", streets) == "610111006"
