"""The workbook reader (app/reports/reader): .xlsx, .xls and .ods as offices keep them — formulas, hidden rows
and columns, files that are not workbooks, hostile sizes — and the error workbook that goes back.

The .xls and .ods files are committed fixtures saved by LibreOffice (tests/fixtures/make_office_fixtures.py says
what each row holds); the .xlsx files are built here with openpyxl, which saves formulas without their results.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from app.models import Household, Loan, Member, Repayment, Village
from app.reports.import_households import HOUSEHOLD_ALIASES, LABELS, REQUIRED, import_households
from app.reports.import_repayments import import_repayments
from app.reports.parsing import Problem
from app.reports.reader import UnreadableWorkbook, read_table
from app.reports.reader.layout import MAX_CELLS
from app.reports.xlsx_import import RefusedRow, write_error_workbook
from tests.fixtures.make_office_fixtures import HEADER, HYPERLINK, STATEMENT_HEADER, build_roster, old_id
from tests.records_data import make_household, make_loan
from tests.unit.test_import_workbooks import build_workbook, household_count, make_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "office"
ROOT = Path(__file__).resolve().parents[2]


def households_by_name(store) -> dict[str, Household]:
    with store.read() as session:
        return {h.head_name: h for h in session.execute(sa.select(Household)).scalars()}


# -- the same roster from three programs' files ------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_office_formats_read_alike(make_node, tmp_path, suffix):
    store = make_node(role="hub", street=None)[0]
    errors = tmp_path / "errors.xlsx"
    report = import_households(store, FIXTURES / f"roster.{suffix}", errors_out=errors)
    assert report.counts["households"].added == 3
    assert {r.number: [p.code for p in r.problems] for r in report.refused} == {
        6: ["formula_error"], 7: ["formula_empty"], 9: ["id_check"]}
    assert "#DIV/0!" in report.refused[0].chinese() and "C6" in report.refused[0].message()
    assert [r.number for r in report.partial] == [8] and "明年" in report.partial[0].chinese()
    # the visible ID column is read, the hidden old one is named as not read; the hidden row is not read
    assert report.reading_notes[0] == ("Column F “身份证号” is read for 身份证号; column E “身份证号码” (hidden) "
                                       "is not.")
    assert "rows 5" in report.reading_notes[1]
    households = households_by_name(store)
    assert set(households) == {"张三", "李四", "孙八"}
    assert households["张三"].head_citizen_id == make_id(1) and households["张三"].street_code == "610111001"
    assert households["李四"].poverty_status_since == dt.date(2016, 12, 1)  # 2016年12月 kept as that month
    assert households["孙八"].poverty_status_since is None  # 明年: only that field is left out
    with store.read() as session:
        village = session.get(Village, households["李四"].village_id)
        assert village.name == "东村"  # =C3, read as the value the spreadsheet saved
    # the error workbook: the source's header, hidden column still hidden, typed text stays inert text
    book = openpyxl.load_workbook(errors)
    sheet = book.active
    assert [c.value for c in sheet[1]] == [*HEADER, "错误原因", "原表行号"]
    assert sheet.column_dimensions["E"].hidden
    rows = {row[-1].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {6, 7, 9}
    name = rows[9][1]
    assert name.value == HYPERLINK and name.data_type == "s" and name.quotePrefix
    with zipfile.ZipFile(errors) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_cells_merged_over_a_households_rows_belong_to_every_row(make_node, suffix):
    store = make_node(role="field", street="610111001")[0]
    report = import_households(store, FIXTURES / f"members.{suffix}")
    assert report.counts["households"].added == 2 and report.counts["members"].added == 5 and not report.refused
    with store.read() as session:
        rows = session.execute(sa.select(Household.head_name, Household.household_no, Household.size, Village.name)
                               .join(Village, Village.id == Household.village_id)).all()
    assert sorted(rows) == [("张三", "H001", 3, "东村"), ("王五", "H002", 2, "西村")]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_a_bank_statement_reads_alike_in_every_format(make_node, tmp_path, suffix):
    """The repayments importer reads through the same reader: a hidden old column is not read, a hidden row is
    not imported, formulas give their saved values or refuse their rows with one reason each, and the error
    workbook goes back under the bank's own header with inert text."""
    store = make_node(role="hub", street=None)[0]
    loan_id = make_loan(store, make_household(store), amount_yuan=30_000, disbursed=dt.date(2024, 3, 1), months=24,
                        contract="BQ-P", matures=dt.date(2026, 3, 1))
    errors = tmp_path / "errors.xlsx"
    report = import_repayments(store, FIXTURES / f"statement.{suffix}", errors_out=errors, today=dt.date(2026, 3, 1))
    assert report.counts["repayments"].added == 2
    assert {r.number: [p.code for p in r.problems] for r in report.refused} == {
        6: ["formula_error"], 7: ["formula_empty"], 8: ["repay_loan_unknown"]}
    assert "#DIV/0!" in report.refused[0].chinese() and "E6" in report.refused[0].message()
    assert report.refused[2].chinese() == "没有合同编号为BQ-X的贷款"
    assert report.reading_notes[0] == ("Column E “还款本金” is read for 还款本金; column D “本金” (hidden) is not.")
    assert "rows 5" in report.reading_notes[1]
    with store.read() as session:
        paid = sorted(session.execute(sa.select(Repayment.paid_on, Repayment.principal_fen)).all())
        assert paid == [(dt.date(2025, 3, 1), 1_000_000), (dt.date(2025, 9, 1), 0)]
        assert session.get(Loan, loan_id).balance_fen == 2_000_000
    sheet = openpyxl.load_workbook(errors).active
    assert [c.value for c in sheet[1]] == [*STATEMENT_HEADER, "错误原因", "原表行号"]
    assert sheet.column_dimensions["D"].hidden
    rows = {row[-1].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {6, 7, 8}
    assert rows[8][7].value == HYPERLINK and rows[8][7].data_type == "s" and rows[8][7].quotePrefix
    with zipfile.ZipFile(errors) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_formulas_without_a_saved_result_refuse_their_rows(make_node, tmp_path):
    """openpyxl (and many generators) save formulas without their results: =C3 as the village used to import an
    empty village without a word."""
    store = make_node(role="hub", street=None)[0]
    report = import_households(store, build_roster(tmp_path / "roster.xlsx"))
    refused = {r.number: r for r in report.refused}
    assert set(refused) == {4, 6, 7, 9}
    assert [p.code for p in refused[4].problems] == ["formula_uncalculated"]
    assert "C4" in refused[4].message() and "村" in refused[4].chinese()
    assert [p.code for p in refused[7].problems] == ["formula_uncalculated"]  # not also "the name is missing"
    assert set(households_by_name(store)) == {"张三", "孙八"}


def _set_cached(path: Path, cells: dict[str, tuple[str, str]]) -> None:
    """Give formula cells of an openpyxl workbook the result a spreadsheet program would have saved."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, (kind, value) in cells.items():
        xml, found = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                             lambda m, k=kind, v=value: f'<c r="{ref}" t="{k}"><f>{m.group(2)}</f><v>{v}</v>', xml)
        assert found == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_saved_formula_results_are_read(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    path = build_roster(tmp_path / "roster.xlsx")
    _set_cached(path, {"C4": ("str", "东村"), "C6": ("e", "#REF!"), "B7": ("str", "")})
    table = read_table(path, HOUSEHOLD_ALIASES, REQUIRED, LABELS)
    rows = {row.number: row for row in table.rows}
    assert rows[4].value(table.column("village")) == "东村" and not rows[4].problems
    assert rows[6].problems[0].code == "formula_error" and rows[6].problems[0].params["value"] == "#REF!"
    assert rows[7].problems[0].code == "formula_empty"
    report = import_households(store, path)
    assert {r.number for r in report.refused} == {6, 7, 9}


def test_a_field_only_a_hidden_column_holds_is_not_imported(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    wb = Workbook()
    ws = wb.active
    ws.append(["街道", "户主姓名", "村", "身份证号"])
    ws.append(["纺织城", "张三", "东村", make_id(1)])
    ws.append(["纺织城", "李四", "东村", None])
    ws.column_dimensions["D"].hidden = True
    wb.save(tmp_path / "hidden.xlsx")
    report = import_households(store, tmp_path / "hidden.xlsx", dry_run=True)
    assert {r.number: [p.code for p in r.problems] for r in report.refused} == {2: ["hidden_column"],
                                                                               3: ["id_missing"]}
    assert "hidden column D" in report.refused[0].message() and "隐藏的D列" in report.refused[0].chinese()


def test_invalid_ids_in_a_hidden_old_column_do_not_refuse_valid_visible_ones(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    wb = Workbook()
    ws = wb.active
    ws.append(["街道", "户主姓名", "村", "组", "备注", "身份证号码", "身份证号"])
    for i in range(1, 6):
        ws.append(["纺织城", f"户主{i}", "东村", "1组", "", old_id(i), make_id(i)])
    ws.column_dimensions["F"].hidden = True
    wb.save(tmp_path / "roster.xlsx")
    report = import_households(store, tmp_path / "roster.xlsx")
    assert report.counts["households"].added == 5 and not report.refused
    assert sorted(h.head_citizen_id for h in households_by_name(store).values()) == [make_id(i) for i in range(1, 6)]


def test_two_visible_columns_for_one_field_are_named(make_node, tmp_path):
    """19.1: when two visible columns could be the same field, the dry run says which one was read."""
    store = make_node(role="hub", street=None)[0]
    path = build_workbook(tmp_path / "roster.xlsx", ["街道", "户主姓名", "村", "身份证号", "联系电话", "手机号码"],
                          [["纺织城", "张三", "东村", make_id(1), "13800000001", "13900000001"]])
    report = import_households(store, path, dry_run=True)
    assert report.reading_notes == ["Column E “联系电话” is read for 联系电话; column F “手机号码” is not."]


# -- files that are not workbooks, and files too large to read -----------------------------------------------------
def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("maker", "fragment"), [
    (lambda p: p.write_bytes("<html><body><table><tr><td>户主姓名</td></tr></table></body></html>".encode()),
     "web page"),
    (lambda p: _zip(p, {"xl/workbook.bin": b"x", "[Content_Types].xml": b"<Types/>"}), ".xlsb"),
    (lambda p: _zip(p, {"word/document.xml": b"<w/>"}), "damaged or is not an Excel workbook"),
    (lambda p: _zip(p, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"x",
                        "META-INF/manifest.xml": b"<manifest:encryption-data/>"}), "password"),
    (lambda p: p.write_bytes(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7,\xe5\xa7\x93\xe5\x90\x8d\n1,x\n"), "text or CSV"),
])
def test_files_that_are_not_workbooks(tmp_path, maker, fragment):
    path = tmp_path / "upload.xls"
    maker(path)
    with pytest.raises(UnreadableWorkbook) as caught:
        read_table(path, HOUSEHOLD_ALIASES, REQUIRED, LABELS)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


def _sheet_xlsx(path: Path, sheet_data: bytes, chunks: int = 0, chunk: bytes = b"") -> Path:
    """A minimal .xlsx whose sheet XML is ``sheet_data`` (with ``chunks`` × ``chunk`` written in the middle,
    streamed so a test can make a 300 MB cell without holding it)."""
    head, _, tail = sheet_data.partition(b"@@")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                         'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="applicat'
                         'ion/xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlforma'
                         'ts.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                         '</Relationships>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                         'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/re'
                         'lationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schem'
                         'as.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/shee'
                         't1.xml"/></Relationships>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(head)
            for _ in range(chunks):
                handle.write(chunk)
            handle.write(tail)
    return path


SHEET = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\x88\xb7\xe4\xb8\xbb\xe5\xa7\x93\xe5\x90\x8d</t>'
         b'</is></c><c r="B1" t="inlineStr"><is><t>\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81\xe5\x8f\xb7</t></is></c></row>'
         b'<row r="2"><c r="A2" t="inlineStr"><is><t>@@</t></is></c></row>%s</sheetData></worksheet>')


def test_a_300_mb_cell_is_refused_without_the_memory(tmp_path):
    """16.8: a 300 MB string cell in a 300 KB .xlsx took the import to 1.2 GB; now the reader refuses such a cell
    after inflating its first megabyte, in a process that stays small. (64 MB here keeps the test fast; the
    refusal comes at the same point whatever the length.)"""
    path = _sheet_xlsx(tmp_path / "bomb.xlsx", SHEET % b"", chunks=64, chunk=b"x" * (1 << 20))
    assert path.stat().st_size < 1_000_000
    # VmHWM is the peak of this process's own memory: ru_maxrss would carry over the peak of the (large) pytest
    # process the child was forked from
    script = ("import re, sys; from pathlib import Path\n"
              "def peak():\n"
              "    return int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024\n"
              "from app.reports.reader import read_table, UnreadableWorkbook\n"
              "from app.reports.import_households import HOUSEHOLD_ALIASES, REQUIRED, LABELS\n"
              "before = peak()\n"
              "try:\n    read_table(Path(sys.argv[1]), HOUSEHOLD_ALIASES, REQUIRED, LABELS)\n"
              "except UnreadableWorkbook as exc:\n    print(exc)\n"
              "print(before, peak())\n")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    message, peaks = result.stdout.strip().splitlines()
    before_mb, peak_mb = map(int, peaks.split())
    assert "32,767 characters" in message, result.stderr
    assert peak_mb - before_mb < 40, peaks  # the 64 MB cell is never held (nor the 300 MB one)


def test_a_cell_far_below_the_table_is_refused_before_it_is_loaded(tmp_path):
    """A value at Z1000000 makes calamine hold 26 million cells (over 1 GB); the reader refuses the sheet first."""
    far = b'<row r="1000000"><c r="Z1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _sheet_xlsx(tmp_path / "far.xlsx", (SHEET % far).replace(b"@@", b"\xe5\xbc\xa0\xe4\xb8\x89"))
    with pytest.raises(UnreadableWorkbook) as caught:
        read_table(path, HOUSEHOLD_ALIASES, REQUIRED, LABELS)
    assert "1000000 rows and 26 columns" in str(caught.value) and f"{MAX_CELLS:,}" in str(caught.value)


def test_csv_renamed_and_empty_files_change_nothing(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    for content in (b"", "户主姓名,身份证号\n张三,1\n".encode()):
        path = tmp_path / "roster.ods"
        path.write_bytes(content)
        with pytest.raises(UnreadableWorkbook):
            import_households(store, path)
    assert household_count(store) == 0


# -- the error workbook -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["=1+2", '=HYPERLINK("http://example.invalid","x")', "+8613800000000", "-5",
                                  "@SUM(A1)", "\tx", "普通文字"])
def test_error_workbook_values_are_inert_text(tmp_path, text):
    source = build_workbook(tmp_path / "in.xlsx", ["户主姓名", "身份证号", "备注"], [["张三", make_id(1), "x"]])
    table = read_table(source, HOUSEHOLD_ALIASES, REQUIRED, LABELS)
    table.rows[0].cells = (text, make_id(1), text)
    out = write_error_workbook(tmp_path / "out.xlsx", table, [RefusedRow(2, [Problem("name_missing")])])
    cell = openpyxl.load_workbook(out).active["A2"]
    assert cell.value == text and cell.data_type == "s"
    assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t"))
    with zipfile.ZipFile(out) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    again = read_table(out, HOUSEHOLD_ALIASES, REQUIRED, LABELS)  # the corrected workbook reads back as typed
    assert again.rows[0].cells[0] == text.strip() or again.rows[0].cells[0] == text


def test_members_keep_month_birth_dates(make_node, tmp_path):
    store = make_node(role="hub", street=None)[0]
    rows = [["纺织城", "张三", "户主", make_id(1), "", ""], ["纺织城", "张小三", "之子", "", "男", "2016年12月"],
            ["纺织城", "张小四", "之女", "", "女", "不详"]]
    path = build_workbook(tmp_path / "members.xlsx", ["街道", "姓名", "与户主关系", "身份证号", "性别", "出生年月"],
                          rows)
    report = import_households(store, path)
    assert report.counts["members"].added == 3 and [r.number for r in report.partial] == [4]
    with store.read() as session:
        births = {name: born for name, born in session.execute(sa.select(Member.name, Member.birth_date))}
    assert births["张小三"] == dt.date(2016, 12, 1) and births["张小四"] is None
