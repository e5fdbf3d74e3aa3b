"""Opening office workbooks safely and finding their table; writing workbooks atomically; progress and cancel.

Offices send every layout: title rows above the table, merged cells, two-row headers, shuffled columns, notes
and totals below. :func:`read_table` finds the header row by matching header names against the aliases of
each field, and returns the data rows with their row numbers so refused rows can be sent back.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.cancel import CancelToken, check_cancel
from app.db.fileio import fsync_dir
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.reports.parsing import (
    EXCEL_EPOCH_1900,
    EXCEL_EPOCH_1904,
    clean_text,
    header_base_and_unit,
    is_blank,
    normalize_header,
)

HEADER_SCAN_ROWS = 30
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: the stream an encrypted (password-protected) Office file carries inside its OLE container
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
#: first words of rows below the table that are not data (signatures, notes, totals)
NOTE_PREFIXES = ("制表人", "制表", "填表人", "填报人", "审核人", "审核", "负责人", "单位负责人", "经办人", "备注",
                 "注:", "注：", "说明", "合计", "总计", "小计", "统计", "填报单位", "填报日期", "制表日期",
                 "报送日期", "盖章", "签字")

ProgressFn = Callable[[int, int], None]


class Progress:
    """Calls ``progress(done, total)`` at most every ``step`` items and checks the cancel token there too."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelToken | None, total: int, step: int = 500):
        self.progress, self.cancel, self.total = progress, cancel, total
        self.step = max(1, min(step, total // 100))  # about a hundred reports however long the job
        self.done = 0

    def tick(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if self.done // self.step != before // self.step:
            check_cancel(self.cancel)
            if self.progress is not None:
                self.progress(self.done, self.total)

    def finish(self) -> None:
        check_cancel(self.cancel)
        if self.progress is not None:
            self.progress(self.total, self.total)


class UnreadableWorkbook(ValidationError):
    """The file is not a workbook Fieldbook can read; nothing was changed."""


# -- sniffing ------------------------------------------------------------------------------------------------------
def check_readable_xlsx(path: Path) -> None:
    """Refuse, with one clear message, anything that is not a readable .xlsx."""
    name = path.name
    if not path.is_file():
        raise UnreadableWorkbook(translate("Import", "The file {name} does not exist.", name=name))
    if path.stat().st_size == 0:
        raise UnreadableWorkbook(translate("Import", "The file {name} is empty.", name=name))
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith(OLE_MAGIC):
        if ENCRYPTION_INFO in head:
            raise UnreadableWorkbook(translate(
                "Import", "The file {name} is protected with a password; open it in Excel, remove the password "
                          "(File > Info > Protect Workbook) and save it again.", name=name))
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is an old Excel 97-2003 workbook (.xls); open it in Excel or WPS and save "
                      "it as .xlsx.", name=name))
    if not head.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is not an Excel workbook (it looks like text or CSV); open it in Excel or "
                      "WPS and save it as .xlsx.", name=name))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        names = set()
    if "xl/workbook.xml" not in names:
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is damaged or is not an .xlsx workbook.", name=name))


# -- the table -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str  # as written in the file (normalised)
    field: str
    unit: str = ""


@dataclass
class SourceRow:
    number: int  # 1-based row number in the sheet
    cells: tuple[Any, ...]

    def value(self, column: Column | None) -> Any:
        if column is None or column.index >= len(self.cells):
            return None
        return self.cells[column.index]


@dataclass
class Table:
    path: Path
    sheet: str
    headers: list[str]  # one text per column (two-row headers joined), for the error workbook
    columns: dict[str, Column]
    rows: list[SourceRow]
    title_text: str = ""
    epoch: Any = EXCEL_EPOCH_1900
    skipped_notes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def column(self, name: str) -> Column | None:
        return self.columns.get(name)

    def has(self, name: str) -> bool:
        return name in self.columns


def match_field(header: str, aliases: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """(field, unit) for a normalised header: the whole header first, then without its bracketed unit."""
    if not header:
        return None
    base, unit = header_base_and_unit(header)
    for candidate, candidate_unit in ((header, ""), (base, unit)):
        for name, words in aliases.items():
            if candidate in words:
                return name, candidate_unit
    return None


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of merged cells; read-only sheets do not expose them."""
    ranges = getattr(ws, "merged_cells", None)
    if ranges is not None:
        return [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ranges.ranges]
    try:
        data = ws.parent._archive.read(ws._worksheet_path)
    except (AttributeError, KeyError, OSError):
        return []
    start = data.rfind(b"<mergeCells")
    if start < 0:
        return []
    from openpyxl.utils.cell import range_boundaries

    result = []
    for ref in re.findall(rb'<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"', data[start:]):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        assert min_col and min_row and max_col and max_row  # "A1:B2": every bound is given
        result.append((min_row, min_col, max_row, max_col))
    return result


def _is_note(cells: Sequence[Any]) -> bool:
    filled = [c for c in cells if not is_blank(c)]
    if not filled:
        return True
    first = clean_text(filled[0]).replace(" ", "")
    return first.startswith(NOTE_PREFIXES) or (len(filled) == 1 and len(first) > 20)


def read_table(path: Path, aliases: Mapping[str, Sequence[str]], required: Sequence[Sequence[str]],
               labels: dict[str, str]) -> Table:
    """Find the table in the workbook and return its rows.

    ``aliases`` maps field → accepted header words; ``required`` lists groups of fields of which at least one
    must be present; ``labels`` names each field in Chinese for the message when a column is missing.
    """
    import openpyxl

    check_readable_xlsx(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged or foreign files
        raise UnreadableWorkbook(translate("Import", "The file {name} is damaged or is not an .xlsx workbook.",
                                           name=path.name)) from exc
    try:
        best: tuple[int, Any, int, int, list[str], dict[str, Column]] | None = None
        for ws in workbook.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            with contextlib.suppress(AttributeError):
                ws.reset_dimensions()
            top = [list(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)]
            _fill_merged(top, _merged_ranges(ws))
            found = _find_header(top, aliases)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], ws, found[1], found[2], found[3], found[4])
        if best is None:
            raise UnreadableWorkbook(translate(
                "Import", "No table with recognisable column headers (such as 身份证号 or 户主姓名) was found in "
                          "{name}.", name=path.name))
        _, ws, header_row, last_header_row, headers, columns = best
        missing = [group for group in required if not any(name in columns for name in group)]
        if missing:
            names = "、".join(labels.get(group[0], group[0]) for group in missing)
            raise UnreadableWorkbook(translate(
                "Import", "The table in {name} has no column for: {columns}.", name=path.name, columns=names))
        width = len(headers)
        title_rows = [clean_text(c) for row in
                      ws.iter_rows(min_row=1, max_row=max(header_row - 1, 0), values_only=True)
                      for c in row if not is_blank(c)] if header_row > 1 else []
        table = Table(path=path, sheet=ws.title, headers=headers, columns=columns, rows=[],
                      title_text=" ".join(title_rows),
                      epoch=EXCEL_EPOCH_1904 if getattr(workbook, "epoch", None) and
                      workbook.epoch.year == 1904 else EXCEL_EPOCH_1900)
        key_indexes = [c.index for c in columns.values()]
        for number, values in enumerate(ws.iter_rows(min_row=last_header_row + 1, values_only=True),
                                        start=last_header_row + 1):
            cells = tuple(values[:width]) + (None,) * (width - len(values[:width]))
            if all(is_blank(cells[i]) for i in key_indexes) or _is_note(cells):
                if any(not is_blank(c) for c in cells):
                    table.skipped_notes += 1
                continue
            table.rows.append(SourceRow(number, cells))
        return table
    finally:
        workbook.close()


def _fill_merged(rows: list[list[Any]], merged: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's value into all its cells (within the scanned rows)."""
    for min_row, min_col, max_row, max_col in merged:
        if min_row > len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[r - 1]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col, max_col + 1):
                if r == min_row and c == min_col:
                    continue
                row[c - 1] = value


def _columns_for(texts: list[str], aliases: Mapping[str, Sequence[str]]) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    for index, text in enumerate(texts):
        matched = match_field(text, aliases)
        if matched and matched[0] not in columns:  # the first column of a kind wins
            columns[matched[0]] = Column(index, text, matched[0], matched[1])
    return columns


def _find_header(top: list[list[Any]], aliases: Mapping[str, Sequence[str]]
                 ) -> tuple[int, int, int, list[str], dict[str, Column]] | None:
    """(score, header row, last header row, header texts, columns) of the best header, 1-based rows."""
    best = None
    for i, row in enumerate(top):
        texts = [normalize_header(c) for c in row]
        columns = _columns_for(texts, aliases)
        candidates = [(len(columns), i, i, texts, columns)]
        if i + 1 < len(top):  # a two-row header: the lower row names the columns under a merged upper cell
            lower = [normalize_header(c) for c in top[i + 1]]
            lower += [""] * (len(texts) - len(lower))
            combined = [lo if match_field(lo, aliases) else (up or lo)
                        for up, lo in zip(texts + [""] * (len(lower) - len(texts)), lower, strict=True)]
            both = _columns_for(combined, aliases)
            if len(both) > len(columns):
                candidates.append((len(both), i, i + 1, combined, both))
        for score, first, last, header_texts, cols in candidates:
            if score >= 2 and (best is None or score > best[0]):
                while header_texts and not header_texts[-1]:
                    header_texts = header_texts[:-1]
                best = (score, first + 1, last + 1, header_texts, cols)
    return best


# -- writing ---------------------------------------------------------------------------------------------------------
class OutputFailed(FieldbookError):
    """A ledger or PDF could not be written (full disk, no permission); nothing was left behind."""


#: the errors of a full disk or a file-size limit
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def output_failed(path: Path, exc: OSError) -> OutputFailed:
    """One translated line for an OSError met while writing ``path``."""
    if exc.errno in _FULL:
        return OutputFailed(translate("Reports", "Could not write {name}: the disk is full. Nothing was left "
                                                 "behind; free some space or choose another folder.",
                                      name=path.name))
    return OutputFailed(translate("Reports", "Could not write {name}: {reason}.", name=path.name,
                                  reason=exc.strerror or exc))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target folder (mode 0600); on success fsync and rename it to ``path``,
    on any failure or cancel remove it, so no partial file is ever left behind. An OSError (a full disk) comes
    out as :class:`OutputFailed` with one clear line."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(translate("Reports", "The folder {folder} does not exist.", folder=folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_failed(path, exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise output_failed(path, exc) from exc
        raise
