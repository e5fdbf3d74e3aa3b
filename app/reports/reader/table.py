"""Finding the table in an office workbook and returning its rows as the user sees them.

Offices send every layout: title rows above the table, merged cells, two-row headers, shuffled columns, hidden
old columns, notes and totals below. :func:`read_table` finds the header row by matching header names against
the aliases of each field, looking only at what is visible, and returns the visible data rows with their row
numbers so refused rows can be sent back.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import translate
from app.reports.parsing import (
    EXCEL_EPOCH_1900,
    EXCEL_EPOCH_1904,
    Problem,
    clean_text,
    header_base_and_unit,
    is_blank,
    normalize_header,
)
from app.reports.reader import layout as layouts
from app.reports.reader.sniff import ODS, XLSX, UnreadableWorkbook, damaged, detect_format, password_protected

HEADER_SCAN_ROWS = layouts.HEADER_ROWS
#: first words of rows below the table that are not data (signatures, notes, totals)
NOTE_PREFIXES = ("制表人", "制表", "填表人", "填报人", "审核人", "审核", "负责人", "单位负责人", "经办人", "备注",
                 "注:", "注：", "说明", "合计", "总计", "小计", "统计", "填报单位", "填报日期", "制表日期",
                 "报送日期", "盖章", "签字")


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str  # as written in the file (normalised)
    field: str
    unit: str = ""
    hidden: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class ColumnChoice:
    """Two or more columns could be the same field: which one is read, and which are not."""

    field: str
    used: Column
    others: tuple[Column, ...]

    def message(self) -> str:
        others = "、".join(
            translate("Import", "{letter} “{header}” (hidden)", letter=c.letter, header=c.header) if c.hidden
            else translate("Import", "{letter} “{header}”", letter=c.letter, header=c.header) for c in self.others)
        used = (translate("Import", "{letter} “{header}” (hidden)", letter=self.used.letter, header=self.used.header)
                if self.used.hidden else
                translate("Import", "{letter} “{header}”", letter=self.used.letter, header=self.used.header))
        return translate("Import", "Column {used} is read for {field}; column {others} is not.", used=used,
                         field=self.used.header, others=others)


@dataclass
class SourceRow:
    number: int  # 1-based row number in the sheet
    cells: tuple[Any, ...]
    #: what the reader already found wrong with the row (a formula without a value, a hidden column's value)
    problems: list[Problem] = field(default_factory=list)

    def value(self, column: Column | None) -> Any:
        if column is None or column.index >= len(self.cells):
            return None
        return self.cells[column.index]


@dataclass
class Table:
    """The table found in a workbook. ``headers``: one normalised text per column (two-row headers joined);
    ``source_headers``: the header cells as written, for the error workbook; ``hidden_rows``: numbers of the
    data rows skipped because they are hidden; ``choices``: fields two columns could have fed."""

    path: Path
    sheet: str
    headers: list[str]
    columns: dict[str, Column]
    rows: list[SourceRow]
    title_text: str = ""
    epoch: Any = EXCEL_EPOCH_1900
    skipped_notes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    source_headers: list[str] = field(default_factory=list)
    hidden_columns: frozenset[int] = frozenset()
    hidden_rows: list[int] = field(default_factory=list)
    choices: list[ColumnChoice] = field(default_factory=list)
    format: str = XLSX

    def column(self, name: str) -> Column | None:
        return self.columns.get(name)

    def has(self, name: str) -> bool:
        return name in self.columns

    def notes(self) -> list[str]:
        """Translated lines about how the file was read (which column fed a field, hidden rows skipped)."""
        lines = [choice.message() for choice in self.choices]
        if self.hidden_rows:
            shown = "、".join(str(n) for n in self.hidden_rows[:20]) + ("…" if len(self.hidden_rows) > 20 else "")
            lines.append(translate("Import", "{n} hidden rows were not read (rows {rows}); unhide them to import "
                                             "them.", n=len(self.hidden_rows), rows=shown))
        return lines


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


def _is_note(cells: Sequence[Any]) -> bool:
    filled = [c for c in cells if not is_blank(c)]
    if not filled:
        return True
    first = clean_text(filled[0]).replace(" ", "")
    return first.startswith(NOTE_PREFIXES) or (len(filled) == 1 and len(first) > 20)


# -- opening ----------------------------------------------------------------------------------------------------------
class _Workbook:
    """calamine's workbook plus the layout facts, sheet by sheet (an .xlsx sheet is scanned before calamine loads
    it, so an oversized sheet is refused before any memory is spent on it)."""

    def __init__(self, path: Path) -> None:
        import python_calamine

        self.path = path
        self.format = detect_format(path)
        self.archive: zipfile.ZipFile | None = None
        self.parts: dict[str, str] = {}
        try:
            if self.format == XLSX:
                self.archive = zipfile.ZipFile(path)
                self.layout, self.parts = layouts.xlsx_layout(self.archive, path.name)
            elif self.format == ODS:
                with zipfile.ZipFile(path) as archive:
                    self.layout = layouts.ods_layout(archive, path.name)
            else:
                self.layout = layouts.xls_layout(path)
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except UnreadableWorkbook:
            self.close()
            raise
        except python_calamine.PasswordError:
            self.close()
            raise password_protected(path.name) from None
        except Exception as exc:  # zipfile and calamine raise many kinds for damaged files
            self.close()
            raise damaged(path.name) from exc

    def sheets(self) -> list[tuple[int, str]]:
        import python_calamine

        return [(i, meta.name) for i, meta in enumerate(self.book.sheets_metadata)
                if meta.visible == python_calamine.SheetVisibleEnum.Visible
                and meta.typ == python_calamine.SheetTypeEnum.WorkSheet]

    def sheet_layout(self, index: int, name: str) -> layouts.SheetLayout:
        if self.format == XLSX:
            if name not in self.layout.sheets:
                part = self.parts.get(name)
                assert self.archive is not None
                self.layout.sheets[name] = (layouts.xlsx_sheet_layout(self.archive, part, self.path.name)
                                            if part and part in self.archive.namelist() else layouts.SheetLayout())
            return self.layout.sheets[name]
        return self.layout.sheet(name, index)

    def load(self, index: int) -> Any:
        try:
            return self.book.get_sheet_by_index(index)
        except Exception as exc:  # a damaged sheet
            raise damaged(self.path.name) from exc

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
        with contextlib.suppress(Exception):
            self.book.close()


@dataclass
class _Candidate:
    score: int
    index: int
    name: str
    sheet: Any
    layout: layouts.SheetLayout
    header_row: int  # 1-based
    last_header_row: int
    headers: list[str]
    raw_headers: list[str]
    columns: dict[str, Column]
    choices: list[ColumnChoice]


def read_table(path: Path, aliases: Mapping[str, Sequence[str]], required: Sequence[Sequence[str]],
               labels: dict[str, str]) -> Table:
    """Find the table in the workbook (.xlsx, .xls or .ods) and return its visible rows.

    ``aliases`` maps field → accepted header words; ``required`` lists groups of fields of which at least one
    must be present; ``labels`` names each field in Chinese for the message when a column is missing.

    Raises :class:`UnreadableWorkbook` (one translated line) for a file that is not a readable workbook, is
    protected, too large, or has no recognisable table. Formulas are read as their cached values; a formula
    without one (or with an error) in a column the import reads, a required field left empty by a formula, and
    a value that only a hidden column holds become :attr:`SourceRow.problems` of that row.
    """
    path = Path(path)
    workbook = _Workbook(path)
    try:
        best: _Candidate | None = None
        for index, name in workbook.sheets():
            sheet_layout = workbook.sheet_layout(index, name)
            sheet = workbook.load(index)
            top = [list(r) for r in sheet.to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)]
            merged_ranges = _merged(sheet, sheet_layout)
            _fill_merged(top, merged_ranges)
            for row_index in range(len(top)):
                if sheet_layout.row_hidden(row_index):
                    top[row_index] = []
            found = _find_header(top, aliases, sheet_layout)
            if found and (best is None or found[0] > best.score):
                best = _Candidate(found[0], index, name, sheet, sheet_layout, *found[1:])
        if best is None:
            raise UnreadableWorkbook(translate(
                "Import", "No table with recognisable column headers (such as 身份证号 or 户主姓名) was found in "
                          "{name}.", name=path.name))
        missing = [group for group in required if not any(name in best.columns for name in group)]
        if missing:
            names = "、".join(labels.get(group[0], group[0]) for group in missing)
            raise UnreadableWorkbook(translate(
                "Import", "The table in {name} has no column for: {columns}.", name=path.name, columns=names))
        return _build(workbook, best, required)
    finally:
        workbook.close()


def _build(workbook: _Workbook, best: _Candidate, required: Sequence[Sequence[str]]) -> Table:
    sheet_layout = best.layout
    width = len(best.headers)
    all_rows = best.sheet.to_python(skip_empty_area=False)
    # a village or a household's cells merged over several rows: every row shows the value, so every row has it
    _fill_merged(all_rows, [r for r in _merged(best.sheet, sheet_layout) if r[2] >= best.last_header_row])
    title_rows = [clean_text(c) for i, row in enumerate(all_rows[:best.header_row - 1])
                  if not sheet_layout.row_hidden(i) for c in row if not is_blank(c)]
    hidden_columns = frozenset(i for i in range(width) if sheet_layout.col_hidden(i))
    table = Table(path=workbook.path, sheet=best.name, headers=best.headers, columns=best.columns, rows=[],
                  title_text=" ".join(title_rows),
                  epoch=EXCEL_EPOCH_1904 if workbook.layout.date1904 else EXCEL_EPOCH_1900,
                  source_headers=best.raw_headers, hidden_columns=hidden_columns, choices=best.choices,
                  format=workbook.format)
    key_indexes = [c.index for c in best.columns.values()]
    padding = (None,) * width
    hidden = {i for first, last in sheet_layout.hidden_rows
              for i in range(max(first, best.last_header_row), min(last, len(all_rows) - 1) + 1)}
    for index in range(best.last_header_row, len(all_rows)):
        values = all_rows[index]
        cells = tuple([None if v == "" else v for v in values[:width]]) + padding[:max(0, width - len(values))]
        if all(cells[i] is None for i in key_indexes) or _is_note(cells):
            if any(c is not None for c in cells):
                table.skipped_notes += 1
            continue
        if index in hidden:
            table.hidden_rows.append(index + 1)
            continue
        table.rows.append(SourceRow(index + 1, cells))
    _add_row_problems(table, sheet_layout, required)
    return table


def _add_row_problems(table: Table, sheet_layout: layouts.SheetLayout, required: Sequence[Sequence[str]]) -> None:
    """Formulas without a usable value in the columns read, and values only a hidden column holds."""
    by_index = {c.index: c for c in table.columns.values()}
    required_fields = {name for group in required for name in group}
    trouble: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (row_index, col), state in sheet_layout.formulas.items():
        if col in by_index:
            trouble[row_index + 1].append((col, state))
    hidden_used = [c for c in table.columns.values() if c.hidden]
    if not trouble and not hidden_used:
        return
    for row in table.rows:
        for col, state in sorted(trouble.get(row.number, ())):
            column = by_index[col]
            params = {"column": column.header, "cell": f"{column.letter}{row.number}", "field": column.field}
            if state == layouts.UNCALCULATED:
                row.problems.append(Problem("formula_uncalculated", params))
            elif state == layouts.EMPTY_RESULT:
                if column.field in required_fields:
                    row.problems.append(Problem("formula_empty", params))
            else:
                row.problems.append(Problem("formula_error", {**params, "value": state}))
            if state != layouts.EMPTY_RESULT:
                row.cells = (*row.cells[:col], None, *row.cells[col + 1:])
        for column in hidden_used:
            if not is_blank(row.value(column)):
                row.problems.append(Problem("hidden_column", {"column": column.header, "letter": column.letter,
                                                              "field": column.field}))


def _merged(sheet: Any, sheet_layout: layouts.SheetLayout) -> list[tuple[int, int, int, int]]:
    """Merged ranges (r0, c0, r1, c1), 0-based: calamine's for .xlsx and .xls, the layout scan's for .ods."""
    merged = sheet.merged_cell_ranges
    if merged is not None:
        return [(a[0], a[1], b[0], b[1]) for a, b in merged]
    return sheet_layout.merged or []


def _fill_merged(rows: list[list[Any]], merged: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's value into all its cells (within the given rows); 0-based ranges."""
    for min_row, min_col, max_row, max_col in merged:
        if min_row >= len(rows):
            continue
        top = rows[min_row]
        value = top[min_col] if min_col < len(top) else None
        for r in range(min_row, min(max_row, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= max_col:
                row.extend([None] * (max_col + 1 - len(row)))
            for c in range(min_col, max_col + 1):
                if r == min_row and c == min_col:
                    continue
                row[c] = value


def _columns_for(texts: list[str], aliases: Mapping[str, Sequence[str]], sheet_layout: layouts.SheetLayout
                 ) -> tuple[dict[str, Column], list[ColumnChoice]]:
    """Each field's column: the first visible column of its kind, else (the only match) a hidden one."""
    found: dict[str, list[Column]] = {}
    for index, text in enumerate(texts):
        matched = match_field(text, aliases)
        if matched:
            column = Column(index, text, matched[0], matched[1], sheet_layout.col_hidden(index))
            found.setdefault(matched[0], []).append(column)
    columns: dict[str, Column] = {}
    choices: list[ColumnChoice] = []
    for name, candidates in found.items():
        ordered = sorted(candidates, key=lambda c: (c.hidden, c.index))
        columns[name] = ordered[0]
        if len(ordered) > 1:
            choices.append(ColumnChoice(name, ordered[0], tuple(ordered[1:])))
    return columns, choices


def _find_header(top: list[list[Any]], aliases: Mapping[str, Sequence[str]], sheet_layout: layouts.SheetLayout
                 ) -> tuple[int, int, int, list[str], list[str], dict[str, Column], list[ColumnChoice]] | None:
    """(score, header row, last header row, header texts, raw texts, columns, choices) of the best header."""
    best = None
    for i, row in enumerate(top):
        texts = [normalize_header(c) for c in row]
        columns, choices = _columns_for(texts, aliases, sheet_layout)
        raw = [clean_text(c) for c in row]
        candidates = [(len(columns), i, i, texts, raw, columns, choices)]
        if i + 1 < len(top):  # a two-row header: the lower row names the columns under a merged upper cell
            lower_raw = [clean_text(c) for c in top[i + 1]]
            lower = [normalize_header(c) for c in top[i + 1]]
            size = max(len(texts), len(lower))
            upper, upper_raw = texts + [""] * (size - len(texts)), raw + [""] * (size - len(raw))
            lower, lower_raw = lower + [""] * (size - len(lower)), lower_raw + [""] * (size - len(lower_raw))
            combined = [lo if match_field(lo, aliases) else (up or lo) for up, lo in zip(upper, lower, strict=True)]
            combined_raw = [lr if match_field(lo, aliases) or not up else (ur or lr)
                            for up, lo, ur, lr in zip(upper, lower, upper_raw, lower_raw, strict=True)]
            both, both_choices = _columns_for(combined, aliases, sheet_layout)
            lower_alone = len(_columns_for(lower, aliases, sheet_layout)[0])
            if len(both) > max(len(columns), lower_alone):  # never a title row glued onto a complete header
                candidates.append((len(both), i, i + 1, combined, combined_raw, both, both_choices))
        for score, first, last, header_texts, raw_texts, cols, picks in candidates:
            if score >= 2 and (best is None or score > best[0]):
                while header_texts and not header_texts[-1]:
                    header_texts = header_texts[:-1]
                best = (score, first + 1, last + 1, header_texts, raw_texts[:len(header_texts)], cols, picks)
    return best
