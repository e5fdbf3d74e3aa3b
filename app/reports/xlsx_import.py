"""Importing households and loans from office workbooks: what both importers share.

The shape of an import, the same for both kinds:

1. :func:`app.reports.reader.read_table` finds the table in the .xlsx, .xls or .ods (or refuses the file with one
   message); the problems the reader found (formulas without a value, values only a hidden column holds) seed
   each row's reasons (:meth:`RowSet.seed`);
2. every row is parsed; a row that cannot be read collects all its reasons (one message per cause, from the
   catalogue: the window's language for the CLI and the dialog, Chinese for the office); a bad value in an
   optional field leaves that field out and is noted (:meth:`RowSet.note`) without refusing the row;
3. the rows are checked against each other (duplicates) and against the database (matching records, scope);
4. a :class:`Plan` lists what would be added, updated, left unchanged and refused: ``--dry-run`` stops here;
5. otherwise the plan is applied in the same write transaction that was used to make it (so nothing changes in
   between): new records through ``AuditLog.bulk_insert``, changed fields of existing records through the ORM so
   the audit log keeps old and new values. An import that changes nothing writes nothing, not even a log entry;
6. refused rows go to an error workbook under the source's own header (original cells as inert values, IDs as
   text, a column 错误原因) written atomically.

Use :func:`app.reports.import_households.import_households`, :func:`app.reports.import_loans.import_loans` and
:func:`app.reports.import_repayments.import_repayments`; :func:`run_import` is the outline they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.cancel import CancelToken
from app.i18n import translate
from app.memory import cyclic_gc_paused
from app.reports.parsing import MISSING_CODES, Problem, clean_text, is_blank
from app.reports.reader import SourceRow, Table, read_table
from app.reports.workbook import Progress, ProgressFn, atomic_output

ERROR_COLUMN = "错误原因"
ROW_COLUMN = "原表行号"
#: fields whose cells are written back as text (IDs, phone numbers, codes keep their leading zeros and digits)
TEXT_FIELDS = frozenset({"citizen_id", "head_citizen_id", "phone", "contract_no", "household_no"})
_MISSING = frozenset(MISSING_CODES.values())


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0

    @property
    def changed(self) -> int:
        return self.added + self.updated


@dataclass
class RefusedRow:
    number: int
    problems: list[Problem]

    def chinese(self) -> str:
        return "；".join(dict.fromkeys(p.chinese() for p in self.problems))

    def message(self) -> str:
        return " ".join(dict.fromkeys(p.message() for p in self.problems))


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do). ``counts`` by category: households, members, villages,
    status_changes, loans, banks. ``refused`` lists the refused file rows with their reasons."""

    kind: str
    path: Path
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    refused: list[RefusedRow] = field(default_factory=list)
    #: rows imported with a warning (a rule that allows exceptions: app/domain/loan_rules.py)
    warned: list[RefusedRow] = field(default_factory=list)
    errors_path: Path | None = None
    rows_read: int = 0
    notes_skipped: int = 0
    #: rows imported without one of their optional fields, with the reason (a date that is not one)
    partial: list[RefusedRow] = field(default_factory=list)
    #: how the file was read: which column fed a field two columns could feed, hidden rows not read
    reading_notes: list[str] = field(default_factory=list)

    def count(self, category: str) -> Counts:
        return self.counts.setdefault(category, Counts())

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.counts.values())

    def summary_lines(self) -> list[str]:
        """One translated line per category, for the CLI and the window."""
        labels = {
            "households": translate("Import", "Households"), "members": translate("Import", "Members"),
            "villages": translate("Import", "Villages"), "status_changes": translate("Import", "Status changes"),
            "loans": translate("Import", "Loans"), "banks": translate("Import", "Banks"),
            "repayments": translate("Import", "Repayments"),
        }
        lines = []
        for category, counts in self.counts.items():
            if category != self.kind and not counts.changed:
                continue
            lines.append(translate("Import", "{category}: {added} added, {updated} updated, {unchanged} unchanged, "
                                             "{refused} refused", category=labels.get(category, category),
                                   added=counts.added, updated=counts.updated, unchanged=counts.unchanged,
                                   refused=counts.refused))
        return lines


class RuleProblem(Problem):
    """A domain rule's finding (app/domain/loan_rules.py) carried like a reading problem: the same Chinese reason
    for the error workbook and translated message as the rule gives everywhere else."""

    def __init__(self, finding: Any) -> None:
        super().__init__(finding.code, dict(finding.params))
        self.finding = finding

    def same(self, other: Problem) -> bool:
        return isinstance(other, RuleProblem) and self.finding == other.finding

    def chinese(self) -> str:
        return str(self.finding.chinese())

    def message(self) -> str:
        return str(self.finding.message())


class RowSet:
    """Problems gathered per file row while parsing and checking; ``notes`` for fields left out of rows that
    are imported all the same."""

    def __init__(self) -> None:
        self.problems: dict[int, list[Problem]] = {}
        self.notes: dict[int, list[Problem]] = {}

    def seed(self, table: Table) -> None:
        """Start with what the reader found (formulas without a value, values only a hidden column holds)."""
        for row in table.rows:
            for problem in row.problems:
                self.add(row, problem)

    def add(self, row: SourceRow | int, problem: Problem) -> None:
        number = row if isinstance(row, int) else row.number
        bucket = self.problems.setdefault(number, [])
        if any(problem.same(p) for p in bucket):
            return
        if problem.code in _MISSING and any(p.code in ("formula_uncalculated", "formula_empty",
                                                            "formula_error", "hidden_column")
                                                 and MISSING_CODES.get(p.params.get("field", "")) == problem.code
                                                 for p in bucket):
            return  # "missing" says less than the formula or hidden-column reason already given
        bucket.append(problem)

    def note(self, row: SourceRow | int, problem: Problem) -> None:
        """A field of the row is left out (the row is imported without it)."""
        number = row if isinstance(row, int) else row.number
        self.notes.setdefault(number, []).append(problem)

    def refused(self) -> list[RefusedRow]:
        return [RefusedRow(number, found) for number, found in sorted(self.problems.items()) if found]

    def partial(self) -> list[RefusedRow]:
        return [RefusedRow(number, found) for number, found in sorted(self.notes.items())
                if found and not self.problems.get(number)]

    def bad(self, row: SourceRow | int) -> bool:
        number = row if isinstance(row, int) else row.number
        return bool(self.problems.get(number))


def get_text(table: Table, row: SourceRow, name: str) -> str:
    return clean_text(row.value(table.column(name)))


def get_value(table: Table, row: SourceRow, name: str) -> Any:
    value = row.value(table.column(name))
    return None if is_blank(value) else value


def changes_for(obj: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    """The fields whose wanted value differs from the record's (only those are written)."""
    return {name: value for name, value in wanted.items() if getattr(obj, name) != value}


def rows_text(numbers: Iterable[int]) -> str:
    return "、".join(str(n) for n in sorted(set(numbers)))


def write_error_workbook(out: Path, table: Table, refused: Sequence[RefusedRow]) -> Path:
    """The refused rows as the office sent them under the source's own header row, plus 错误原因 and 原表行号,
    written atomically, so the corrected workbook can be imported as it is.

    Every value is inert: text that a spreadsheet would take for a formula (a leading ``=``, ``+``, ``-``, ``@``,
    tab or carriage return) is written as a text cell with the quote prefix, as Excel stores what was typed
    after an apostrophe; IDs, phone numbers and codes are text; hidden columns stay hidden."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    text_columns = {c.index for c in table.columns.values() if c.field in TEXT_FIELDS}
    date_columns = {c.index for c in table.columns.values() if c.field.endswith(("_on", "_since", "date"))}
    by_number = {row.number: row for row in table.rows}
    source_headers = table.source_headers or table.headers
    width = len(source_headers)
    workbook = Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)  # a new workbook has its one worksheet
    ws.title = "错误行"
    headers = [*source_headers, ERROR_COLUMN, ROW_COLUMN]
    ws.append([_inert(h) for h in headers])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        _protect(cell)
    ws[1][len(headers) - 2].fill = PatternFill("solid", fgColor="FFF2CC")
    for refused_row in sorted(refused, key=lambda r: r.number):
        source = by_number.get(refused_row.number)
        cells = list(source.cells if source else ())
        cells += [None] * (width - len(cells))
        values: list[Any] = []
        for index, value in enumerate(cells[:width]):
            if index in text_columns and value is not None:
                value = _as_text(value)
            values.append(_inert(value))
        ws.append([*values, _inert(refused_row.chinese()), refused_row.number])
        row_cells = ws[ws.max_row]
        for cell in row_cells:
            _protect(cell)
        for index in text_columns:
            if index < width:
                row_cells[index].number_format = "@"
        for index in date_columns:
            if index < width and isinstance(row_cells[index].value, dt.date | dt.datetime):
                row_cells[index].number_format = "yyyy-mm-dd"
        row_cells[len(headers) - 2].alignment = Alignment(wrap_text=True)
    for index, header in enumerate(headers, start=1):
        text = str(header or "")
        width_chars = 60 if header == ERROR_COLUMN else 22 if index - 1 in text_columns else max(10, len(text) * 2 + 2)
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = width_chars
        if index - 1 in table.hidden_columns:
            dimension.hidden = True
    ws.freeze_panes = "A2"
    with atomic_output(out) as tmp:
        workbook.save(tmp)
    return Path(out)


#: first characters that make a spreadsheet read a typed value as a formula (OWASP's list)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    """Text without the control characters no workbook may hold; other values as they are (see :func:`_protect`)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _protect(cell: Any) -> None:
    """Write a text cell as text: never a formula (openpyxl makes one of any text starting with ``=``), and with
    Excel's quote prefix where a spreadsheet would otherwise evaluate what it shows."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value).upper()  # 6.101111966102826E+17: shows what Excel did
    return str(value)


class Planned(Protocol):
    """What an importer's plan holds for :func:`run_import`: its report."""

    report: ImportReport


PlanT = TypeVar("PlanT", bound=Planned)


def run_import(store: Any, path: Path | str,
               fields: tuple[Mapping[str, Sequence[str]], Sequence[Sequence[str]], dict[str, str]], *,
               plan: Callable[[Any, Table, Progress], PlanT], apply: Callable[[Any, PlanT, Progress], None],
               dry_run: bool, errors_out: Path | str | None, progress: ProgressFn | None,
               cancel: CancelToken | None) -> ImportReport:
    """The outline every import shares (steps 1 and 4–6 above): read the table (``fields``: the reader's aliases,
    required fields and labels), make the plan in a read transaction for a dry run, or make it and ``apply`` it in
    one write transaction; then the report, and the error workbook of refused rows if ``errors_out`` names one.
    The cyclic collector is paused throughout (every row's objects live until the end: app/memory.py); progress
    counts each row twice (planned, written) and ``cancel`` stops it with nothing written."""
    aliases, required, labels = fields
    with cyclic_gc_paused():
        table = read_table(Path(path), aliases, required, labels)
        ticker = Progress(progress, cancel, total=len(table.rows) * 2)
        if dry_run:
            with store.read() as session:
                made = plan(session, table, ticker)
        else:
            with store.write() as session:
                made = plan(session, table, ticker)
                apply(session, made, ticker)
    ticker.finish()
    report = made.report
    report.dry_run = dry_run
    if errors_out and report.refused:
        report.errors_path = write_error_workbook(Path(errors_out), table, report.refused)
    return report
