"""What calamine does not tell: hidden rows and columns, formulas without a usable value, merged cells of
.ods sheets, the 1904 date system, and how large a sheet really is, read cheaply from the file itself.

calamine returns each cell's value (the cached result of a formula) and nothing about how the sheet looks.
The importers need what the user sees, so this module reads it from the workbook's own structure, without a
full load: for .xlsx the worksheet XML (``<col hidden>``, ``<row hidden>``, ``<f>``/``<v>``), for .ods the
``content.xml`` row, column and cell tags, for .xls the BIFF records (ROW, COLINFO, FORMULA).

It is also the reader's guard against hostile or broken files, checked before calamine allocates anything:
a text run longer than :data:`MAX_TEXT_RUN` bytes (a cell far beyond Excel's 32,767 characters), a part that
inflates beyond :data:`MAX_PART_BYTES`, or a used area (last row × last column) beyond :data:`MAX_CELLS` is
refused with one message, because calamine would hold every cell of that area in memory.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app.i18n import translate
from app.reports.reader.sniff import UnreadableWorkbook, damaged, password_protected

#: a run of text this long without markup is a cell no spreadsheet program writes (Excel: 32,767 characters)
MAX_TEXT_RUN = 256 * 1024
#: the most one XML part of a workbook may inflate to (a 100,000-row roster is about 50 MB)
MAX_PART_BYTES = 256 * 1024 * 1024
#: the most cells (last row × last column in use) one sheet may span; 200,000 rows of 25 columns
MAX_CELLS = 5_000_000
#: header rows looked at for merged cells (the same as the header search)
HEADER_ROWS = 30
CHUNK = 1 << 20

#: formula states worth a word: no cached result at all, or a result that is empty; otherwise the error text
UNCALCULATED = "uncalculated"
EMPTY_RESULT = "empty"


def too_long_cell(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(translate(
        "Import", "The file {name} holds a cell far longer than any spreadsheet allows (more than 32,767 "
                  "characters); it was not read.", name=name))


def too_large(name: str, rows: int, cols: int) -> UnreadableWorkbook:
    return UnreadableWorkbook(translate(
        "Import", "A sheet of {name} uses {rows} rows and {cols} columns (something was typed far below or to "
                  "the right of the table); Fieldbook reads at most {cells} cells a sheet. Delete the stray "
                  "cells or split the file.", name=name, rows=rows, cols=cols, cells=f"{MAX_CELLS:,}"))


def too_large_part(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(translate(
        "Import", "The file {name} unpacks to more than {limit} MB; Fieldbook does not read it. Split it into "
                  "smaller files.", name=name, limit=MAX_PART_BYTES // (1024 * 1024)))


@dataclass
class SheetLayout:
    """Facts about one sheet, 0-based. Ranges are inclusive ``(first, last)`` pairs."""

    hidden_rows: list[tuple[int, int]] = field(default_factory=list)
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)
    #: (row, col) → UNCALCULATED, EMPTY_RESULT or the error shown in the cell ("#DIV/0!")
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: merged ranges (r0, c0, r1, c1), for formats where calamine gives none (.ods)
    merged: list[tuple[int, int, int, int]] | None = None

    def row_hidden(self, row: int) -> bool:
        return any(first <= row <= last for first, last in self.hidden_rows)

    def col_hidden(self, col: int) -> bool:
        return any(first <= col <= last for first, last in self.hidden_cols)


@dataclass
class WorkbookLayout:
    date1904: bool = False
    #: by sheet name, in the workbook's order
    sheets: dict[str, SheetLayout] = field(default_factory=dict)

    def sheet(self, name: str, index: int) -> SheetLayout:
        """The sheet's layout by name, else by position (old .xls files name sheets in their own code page)."""
        if name in self.sheets:
            return self.sheets[name]
        layouts = list(self.sheets.values())
        return layouts[index] if index < len(layouts) else SheetLayout()


# -- shared: streaming an XML part with the text-run and size guards ----------------------------------------------
def _stream_xml(archive: zipfile.ZipFile, member: str, name: str, cut: bytes) -> Iterator[bytes]:
    """Yield the inflated part in pieces that end just after ``cut`` (a closing tag such as ``</row>``), so no
    element of interest straddles two pieces; refuse an over-long text run or an over-large part on the way."""
    carry = b""
    total = 0
    run = 0  # length of the text run at the end of what was read so far
    with archive.open(member) as handle:
        while True:
            piece = handle.read(CHUNK)
            if not piece:
                break
            total += len(piece)
            if total > MAX_PART_BYTES:
                raise too_large_part(name)
            run = _check_runs(piece, run, name)
            data = carry + piece
            end = data.rfind(cut)
            if end < 0:
                carry = data
                continue
            end += len(cut)
            carry = data[end:]
            yield data[:end]
    if carry:
        yield carry


def _check_runs(piece: bytes, run: int, name: str) -> int:
    """Refuse a text run (bytes between two ``<``) of 2 × MAX_TEXT_RUN or more; one under MAX_TEXT_RUN passes.
    Returns the length of the run the piece ends with."""
    first = piece.find(b"<")
    if first < 0:
        run += len(piece)
        if run >= MAX_TEXT_RUN:
            raise too_long_cell(name)
        return run
    if run + first >= MAX_TEXT_RUN:
        raise too_long_cell(name)
    last = piece.rfind(b"<")
    for start in range(first + 1, last, MAX_TEXT_RUN):
        if start + MAX_TEXT_RUN <= last and piece.find(b"<", start, start + MAX_TEXT_RUN) < 0:
            raise too_long_cell(name)
    run = len(piece) - last - 1
    if run >= MAX_TEXT_RUN:
        raise too_long_cell(name)
    return run


def check_part(archive: zipfile.ZipFile, member: str, name: str) -> None:
    """Run the guards over a part calamine reads whole (shared strings, styles) without keeping it."""
    for _ in _stream_xml(archive, member, name, b">"):
        pass


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if result and result[-1][1] == n - 1:
            result[-1] = (result[-1][0], n)
        else:
            result.append((n, n))
    return result


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


def _attr(attrs: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"(?:^|\s)" + re.escape(key) + rb'\s*=\s*"([^"]*)"', attrs)
    return match.group(1) if match else None


def _truthy(value: bytes | None) -> bool:
    return value in (b"1", b"true")


# -- .xlsx -------------------------------------------------------------------------------------------------------
_XLSX_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*?)/?>")
_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*?)/?>")


def xlsx_layout(archive: zipfile.ZipFile, name: str) -> tuple[WorkbookLayout, dict[str, str]]:
    """The workbook's date system and the worksheet part of each sheet name (sheets are scanned later, one at a
    time, by :func:`xlsx_sheet_layout`). Shared strings and styles are checked here, before calamine opens them."""
    workbook = _small_part(archive, "xl/workbook.xml", name)
    rels = _small_part(archive, "xl/_rels/workbook.xml.rels", name, required=False)
    targets: dict[bytes, str] = {}
    for match in _REL.finditer(rels):
        rel_id, target = _attr(match.group(1), b"Id"), _attr(match.group(1), b"Target")
        if rel_id and target:
            text = target.decode("utf-8", "replace")
            targets[rel_id] = text.lstrip("/") if text.startswith("/") else "xl/" + text
    parts: dict[str, str] = {}
    for match in _XLSX_SHEET.finditer(workbook):
        attrs = match.group(1)
        sheet_name, rel_id = _attr(attrs, b"name"), _attr(attrs, b"r:id")
        if sheet_name is not None and rel_id in targets:
            parts[_xml_text(sheet_name)] = targets[rel_id]
    pr = re.search(rb"<(?:[\w.-]+:)?workbookPr\s([^>]*)>", workbook)
    layout = WorkbookLayout(date1904=bool(pr and _truthy(_attr(pr.group(1), b"date1904"))))
    names = set(archive.namelist())
    for member in ("xl/sharedStrings.xml", "xl/styles.xml"):
        if member in names:
            check_part(archive, member, name)
    return layout, parts


def _small_part(archive: zipfile.ZipFile, member: str, name: str, required: bool = True) -> bytes:
    try:
        info = archive.getinfo(member)
    except KeyError:
        if required:
            raise damaged(name) from None
        return b""
    if info.file_size > 16 * 1024 * 1024:
        raise too_large_part(name)
    with archive.open(info) as handle:
        return handle.read(16 * 1024 * 1024 + 1)


def _xml_text(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def xlsx_sheet_layout(archive: zipfile.ZipFile, member: str, name: str) -> SheetLayout:
    """Hidden rows and columns, formulas without a usable value, and the used area of one worksheet part."""
    layout = SheetLayout()
    hidden_rows: list[int] = []
    max_row = max_col = -1
    prefix: bytes | None = None
    for data in _stream_xml(archive, member, name, b"row>"):
        if prefix is None:
            root = re.search(rb"<(?:([\w.-]+):)?worksheet[\s>]", data)
            prefix = (root.group(1) + b":") if root and root.group(1) else b""
        p = re.escape(prefix)
        if b"hidden" in data:
            for match in re.finditer(rb"<" + p + rb"row\s([^>]*)>", data):
                attrs = match.group(1)
                if _truthy(_attr(attrs, b"hidden")):
                    number = _attr(attrs, b"r")
                    if number and number.isdigit():
                        hidden_rows.append(int(number) - 1)
            for match in re.finditer(rb"<" + p + rb"col\s([^>]*)>", data):
                attrs = match.group(1)
                low, high = _attr(attrs, b"min"), _attr(attrs, b"max")
                if _truthy(_attr(attrs, b"hidden")) and low and high and low.isdigit() and high.isdigit():
                    layout.hidden_cols.append((int(low) - 1, int(high) - 1))
        refs = re.findall(rb"<" + p + rb'c\s+r="([A-Z]{1,4})(\d{1,8})"', data)
        if len(refs) != data.count(b"<" + prefix + b"c ") + data.count(b"<" + prefix + b"c>"):
            # some writers put r after other attributes: the slower pattern finds every reference
            refs = re.findall(rb"<" + p + rb'c\s[^>]*?\br="([A-Z]{1,4})(\d{1,8})"', data)
        if refs:
            max_row = max(max_row, max(map(int, {number for _, number in refs})) - 1)
            max_col = max(max_col, max(map(_column_index, {letters for letters, _ in refs})))
        if b"<" + prefix + b"f" in data:
            _xlsx_formulas(data, prefix, layout.formulas)
    layout.hidden_rows = _ranges(hidden_rows)
    if (max_row + 1) * (max_col + 1) > MAX_CELLS:
        raise too_large(name, max_row + 1, max_col + 1)
    return layout


_ERROR_TEXT = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)<")


def _xlsx_formulas(data: bytes, prefix: bytes, formulas: dict[tuple[int, int], str]) -> None:
    """Formula cells whose cached value is missing, empty or an error, found from each ``<f`` outwards."""
    tag_f = b"<" + prefix + b"f"
    cell_open, cell_close = b"<" + prefix + b"c ", b"</" + prefix + b"c>"
    position = data.find(tag_f)
    while position >= 0:
        if data[position + len(tag_f):position + len(tag_f) + 1] not in (b" ", b">", b"/"):
            position = data.find(tag_f, position + 1)
            continue
        start = data.rfind(cell_open, 0, position)
        end = data.find(cell_close, position)
        if start < 0 or end < 0:
            break
        head_end = data.find(b">", start)
        attrs = data[start + len(cell_open):head_end]
        ref = _attr(attrs, b"r")
        match = re.fullmatch(rb"([A-Z]{1,4})(\d{1,8})", ref or b"")
        if match:
            key = (int(match.group(2)) - 1, _column_index(match.group(1)))
            body = data[head_end + 1:end]
            kind = _attr(attrs, b"t") or b"n"
            value = _ERROR_TEXT.search(body)
            if value is None or (not value.group(1) and kind != b"str"):
                formulas[key] = UNCALCULATED
            elif kind == b"e":
                formulas[key] = value.group(1).decode("ascii", "replace") or "#VALUE!"
            elif not value.group(1).strip():
                formulas[key] = EMPTY_RESULT
        position = data.find(tag_f, end)


# -- .ods --------------------------------------------------------------------------------------------------------
_ODS_TAG = re.compile(rb"<(/?)table:(table|table-row|table-column|table-cell|covered-table-cell)(?=[\s/>])"
                      rb"([^>]*?)(/?)>")
_ODS_TEXT = re.compile(rb"\s*<text:p>([^<]*)<")


def ods_layout(archive: zipfile.ZipFile, name: str) -> WorkbookLayout:
    """Every sheet's hidden rows and columns, formulas without a usable value, header merges and used area,
    in one pass over ``content.xml`` (calamine reads that part whole when the workbook is opened)."""
    result = WorkbookLayout()
    state = _OdsState(name)
    for data in _stream_xml(archive, "content.xml", name, b"</table:table-row>"):
        state.feed(data)
    for sheet_name, layout in state.sheets:
        result.sheets.setdefault(sheet_name, layout)
    return result


class _OdsState:
    """Counts rows and columns through repeats the way calamine does, one sheet after the other."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sheets: list[tuple[str, SheetLayout]] = []
        self.layout: SheetLayout | None = None
        self.depth = 0  # nested tables (inside cells) are skipped
        self.row = self.col = 0
        self.row_repeat = 1
        self.row_hidden = False
        self.row_last_col = -1
        self.max_row = self.max_col = -1
        self.column = 0
        self.hidden_rows: list[tuple[int, int]] = []

    def feed(self, data: bytes) -> None:
        for match in _ODS_TAG.finditer(data):
            closing, tag, attrs, empty = match.groups()
            if tag == b"table":
                self._table(closing == b"/", attrs)
            elif self.depth != 1 or self.layout is None:
                continue
            elif tag == b"table-row":
                if closing:
                    self._end_row()
                else:
                    self._start_row(attrs)
                    if empty:
                        self._end_row()
            elif tag == b"table-column" and not closing:
                repeat = _repeat(attrs, b"table:number-columns-repeated")
                visibility = _attr(attrs, b"table:visibility")
                if visibility in (b"collapse", b"filter"):
                    self.layout.hidden_cols.append((self.column, self.column + repeat - 1))
                self.column += repeat
            elif not closing:
                self._cell(attrs, bool(empty), data, match.end())

    def _table(self, closing: bool, attrs: bytes) -> None:
        if closing:
            self.depth -= 1
            if self.depth == 0 and self.layout is not None:
                self._finish_sheet()
            return
        self.depth += 1
        if self.depth == 1:
            sheet_name = _xml_text(_attr(attrs, b"table:name") or b"")
            self.layout = SheetLayout(merged=[])
            self.sheets.append((sheet_name, self.layout))
            self.row = self.column = 0
            self.max_row = self.max_col = -1
            self.hidden_rows = []

    def _start_row(self, attrs: bytes) -> None:
        self.row_repeat = _repeat(attrs, b"table:number-rows-repeated")
        self.row_hidden = _attr(attrs, b"table:visibility") in (b"collapse", b"filter")
        self.col = 0
        self.row_last_col = -1

    def _end_row(self) -> None:
        if self.row_hidden:
            self.hidden_rows.append((self.row, self.row + self.row_repeat - 1))
        if self.row_last_col >= 0:
            self.max_row = max(self.max_row, self.row + self.row_repeat - 1)
            self.max_col = max(self.max_col, self.row_last_col)
            if (self.max_row + 1) * (self.max_col + 1) > MAX_CELLS:
                raise too_large(self.name, self.max_row + 1, self.max_col + 1)
        self.row += self.row_repeat
        self.row_repeat = 1

    def _cell(self, attrs: bytes, empty: bool, data: bytes, end: int) -> None:
        assert self.layout is not None
        repeat = _repeat(attrs, b"table:number-columns-repeated")
        has_value = b"office:value-type" in attrs
        if has_value or not empty:
            self.row_last_col = max(self.row_last_col, self.col + repeat - 1)
        if b"table:formula" in attrs:
            key = (self.row, self.col)
            text = _ODS_TEXT.match(data, end)
            shown = text.group(1).decode("utf-8", "replace").strip() if text and not empty else ""
            if not has_value:
                # LibreOffice writes a formula whose result is "" without a value type, exactly as a program
                # that never calculated it would: read as an empty result (a required field is still refused)
                self.layout.formulas[key] = EMPTY_RESULT
            elif _attr(attrs, b"calcext:value-type") == b"error":
                self.layout.formulas[key] = shown or "#VALUE!"
            elif _attr(attrs, b"office:value-type") == b"string" and not shown:
                self.layout.formulas[key] = EMPTY_RESULT
        columns = _repeat(attrs, b"table:number-columns-spanned")
        rows = _repeat(attrs, b"table:number-rows-spanned")
        if (columns > 1 or rows > 1) and self.layout.merged is not None:
            self.layout.merged.append((self.row, self.col, self.row + rows - 1, self.col + columns - 1))
        self.col += repeat

    def _finish_sheet(self) -> None:
        assert self.layout is not None
        self.layout.hidden_rows = [(a, b) for a, b in self.hidden_rows if a <= max(self.max_row, 0)]
        self.layout = None


def _repeat(attrs: bytes, key: bytes) -> int:
    value = _attr(attrs, key)
    if value is None or not value.isdigit():
        return 1
    return max(1, min(int(value), 1 << 24))


# -- .xls --------------------------------------------------------------------------------------------------------
_XLS_CELLS = {0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0201}
_XLS_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A"}


def xls_layout(path: Path) -> WorkbookLayout:
    """Hidden rows (ROW fDyZero) and columns (COLINFO fHidden), formula results that are errors or empty,
    the date system and every sheet's used area, from the BIFF records of the ``Workbook`` stream."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream_name = "Workbook" if ole.exists("Workbook") else "Book"
            with ole.openstream(stream_name) as handle:
                data = _read_all(handle)
    except Exception:  # olefile raises many kinds for a damaged container
        raise damaged(path.name) from None
    layout = WorkbookLayout()
    sheets: list[tuple[str, int]] = []
    position = 0
    while position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        body = position + 4
        if kind == 0x002F:  # FILEPASS
            raise password_protected(path.name)
        if kind == 0x0022 and length >= 2:  # DATEMODE
            layout.date1904 = struct.unpack_from("<H", data, body)[0] == 1
        elif kind == 0x0085 and length >= 8:  # BOUNDSHEET
            offset = struct.unpack_from("<I", data, body)[0]
            sheets.append((_sheet_name(data[body + 6:body + length]), offset))
        elif kind == 0x000A:  # EOF of the globals
            break
        position = body + length
    for sheet_name, offset in sheets:
        layout.sheets[sheet_name] = _xls_sheet(data, offset, path.name)
    return layout


def _read_all(handle: IO[bytes]) -> bytes:
    return handle.read()


def _sheet_name(raw: bytes) -> str:
    if len(raw) < 2:
        return ""
    count, flags = raw[0], raw[1]
    if flags & 1:  # BIFF8 UTF-16
        return raw[2:2 + 2 * count].decode("utf-16-le", "replace")
    if len(raw) >= 2 + count and flags == 0:
        return raw[2:2 + count].decode("latin-1")
    return raw[1:1 + count].decode("latin-1")  # BIFF5: no flags byte


def _xls_sheet(data: bytes, offset: int, name: str) -> SheetLayout:
    layout = SheetLayout()
    hidden_rows: list[int] = []
    max_row = max_col = -1
    position = offset
    pending_string: tuple[int, int] | None = None
    unpack = struct.unpack_from
    while position + 4 <= len(data):
        kind, length = unpack("<HH", data, position)
        body = position + 4
        position = body + length
        if kind == 0x000A:  # EOF
            break
        if kind in _XLS_CELLS and length >= 4:
            row, col = unpack("<HH", data, body)
            max_row, max_col = max(max_row, row), max(max_col, col)
            if kind == 0x0006 and length >= 14 and data[body + 12:body + 14] == b"\xff\xff":
                result = data[body + 6]
                if result == 2:
                    layout.formulas[(row, col)] = _XLS_ERRORS.get(data[body + 8], "#VALUE!")
                elif result == 3:
                    layout.formulas[(row, col)] = EMPTY_RESULT
                elif result == 0:
                    pending_string = (row, col)
                    continue
        elif kind in (0x00BD, 0x00BE) and length >= 6:  # MULRK, MULBLANK
            row, first = unpack("<HH", data, body)
            last = unpack("<H", data, body + length - 2)[0]
            max_row, max_col = max(max_row, row), max(max_col, first, last)
        elif kind == 0x0207 and pending_string is not None and length >= 2:  # STRING after a FORMULA
            if unpack("<H", data, body)[0] == 0:
                layout.formulas[pending_string] = EMPTY_RESULT
        elif kind == 0x0208 and length >= 16:  # ROW
            if unpack("<H", data, body + 12)[0] & 0x20:
                hidden_rows.append(unpack("<H", data, body)[0])
        elif kind == 0x007D and length >= 10:  # COLINFO
            first, last = unpack("<HH", data, body)
            if unpack("<H", data, body + 8)[0] & 1:
                layout.hidden_cols.append((first, last))
        pending_string = None
    layout.hidden_rows = _ranges(hidden_rows)
    if (max_row + 1) * (max_col + 1) > MAX_CELLS:
        raise too_large(name, max_row + 1, max_col + 1)
    return layout
