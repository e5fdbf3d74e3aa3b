"""How a ledger prints: the ledgers are printed, signed and filed, so each sheet carries its own print setup.

- **Page**: A4 landscape, fitted to the page's width (as many pages down as the rows need), centred, narrow
  margins; the header row repeats on every page (``print_title_rows``), the title row only on the first.
- **Footer**: "第 x 页 共 y 页" in the middle, the as-of date on the left, the place on the right.
- **Column widths** for print (:func:`print_width`): the definition's width, capped by what the kind of value
  needs (a date 10 characters, an amount 13, a masked ID 19); free text wraps in its cell instead of widening
  the sheet, so the widest ledgers (22–24 columns) print at a little over half their size on A4 landscape, the others
  larger.
- **Borders**: thin borders on every header, data and totals cell.
- **合计 row**: a ledger names the columns whose sum means something (``LedgerKind.totals``: amounts of
  loans, not their dates or rates; the number of people reached, not the number of photos). :class:`Totals` adds
  them up while the rows stream by (in fen, so no float drift) and :func:`total_row` writes them under the table
  as values, with the number of rows beside "合计".
- **Signature block** (``LedgerKind.signatures``): the lines the office form has under its table (制表人,
  审核人, 日期), written below the totals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

#: A4 in openpyxl's (and Excel's) paper-size codes
PAPER_A4 = 9
#: free text (a column defined this wide or wider: addresses, purposes, findings, bank names) wraps within a
#: column of TEXT_PRINT_WIDTH, or of LONG_TEXT_PRINT_WIDTH when defined at least LONG_TEXT_FROM wide (an address
#: in four lines makes every row four lines tall: 90 households took 8 pages); shorter text (names, codes, phone
#: numbers) never wraps and keeps its width (a contract number cut in two or clipped is worse than a smaller print)
WRAP_FROM = 16.0
TEXT_PRINT_WIDTH = 14.0
LONG_TEXT_FROM = 28.0
LONG_TEXT_PRINT_WIDTH = 22.0
#: the height of one line of an 11-point row, in points
LINE_HEIGHT = 14.4
#: the most each kind of value needs (in Excel's character widths)
KIND_WIDTH = {"date": 10.5, "money": 12.5, "int": 7.0, "rate": 7.0, "id": 19.0}
#: the lines under the table on the office forms: who made the ledger, who checked it, the date
DEFAULT_SIGNATURES = ("制表人：", "审核人：", "日期：　　　　年　　月　　日")
FOOTER_PAGES = "第 &P 页 共 &N 页"


def print_width(kind: str, width: float, header: str = "") -> float:
    """The column's width in the sheet: its definition's, capped by what its kind of value needs."""
    if kind == "text":
        if not wraps(kind, width, header):
            return width
        return LONG_TEXT_PRINT_WIDTH if width >= LONG_TEXT_FROM else TEXT_PRINT_WIDTH
    return min(width, KIND_WIDTH.get(kind, width))


#: headers of text columns that hold a number or code: never wrapped, whatever their width
CODE_WORDS = ("编号", "代码", "号码", "账号", "核验码")


def wraps(kind: str, width: float, header: str = "") -> bool:
    """Whether a column's text wraps within it (wide free text; never a number or code)."""
    return kind == "text" and width >= WRAP_FROM and not any(word in header for word in CODE_WORDS)


def display_width(text: str) -> float:
    """Width in Excel's character units (digits of the default font): a CJK character takes up to two."""
    return sum(2.0 if ord(c) >= 0x1100 else 1.0 for c in text)


def row_lines(values: Sequence[Any], wrapped: Sequence[tuple[int, float]]) -> int:
    """How many lines the tallest wrapped cell of a row takes (spreadsheets do not grow a streamed row by
    themselves: LibreOffice keeps the default height and the text runs over the next rows)."""
    lines = 1
    for index, width in wrapped:
        value = values[index]
        if isinstance(value, str) and value:
            need = sum(max(1, math.ceil(display_width(part) / (width - 0.5))) for part in value.split("\n"))
            lines = max(lines, need)
    return lines


def setup_page(ws: Any, *, last_letter: str, as_of: str, place: str) -> None:
    """A4 landscape, fit to width, header row on every page, footer with page x of y and the as-of date.
    Call before the sheet's top is written (the fit-to-page flag lives in the sheet properties)."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.3)
    ws.print_title_rows = "2:2"
    ws.print_area = f"A1:{last_letter}1048576"
    footer = ws.HeaderFooter.oddFooter
    footer.left.text, footer.left.size = f"截至 {as_of}", 9
    footer.center.text, footer.center.size = FOOTER_PAGES, 9
    footer.right.text, footer.right.size = place, 9


class Totals:
    """Sums of the columns ``indexes`` over the rows seen (numbers only; blanks and text count as nothing)."""

    def __init__(self, columns: Sequence[Any], names: Sequence[str]) -> None:
        headers = [column.header for column in columns]
        unknown = [name for name in names if name not in headers]
        if unknown:
            raise ValueError(f"totals name columns the ledger does not have: {unknown}")
        self.indexes = [headers.index(name) for name in names]
        self.money = {i for i in self.indexes if columns[i].kind == "money"}
        self.sums: dict[int, int | float] = dict.fromkeys(self.indexes, 0)
        self.rows = 0

    def add(self, values: Sequence[Any]) -> None:
        self.rows += 1
        for i in self.indexes:
            value = values[i]
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.sums[i] += round(value * 100) if i in self.money else value

    def value(self, index: int) -> Any:
        total = self.sums[index]
        return total / 100 if index in self.money else total


def bordered(template: Any) -> None:
    """Thin borders on a cell (the data rows' per-column templates)."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    template.border = Border(top=thin, bottom=thin, left=thin, right=thin)


def total_row(ws: Any, columns: Sequence[Any], totals: Totals, formats: dict[str, str]) -> list[Any]:
    """The 合计 row: "合计" in the first column, the number of rows in the second, the sums below their
    columns; bold, bordered."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cells = []
    for index, column in enumerate(columns):
        if index == 0:
            value: Any = "合计"
        elif index == 1 and index not in totals.indexes:
            value = f"共 {totals.rows} 条"
        elif index in totals.indexes:
            value = totals.value(index)
        else:
            value = None
        cell = WriteOnlyCell(ws, value)
        cell.font = Font(bold=True)
        bordered(cell)
        if index in totals.indexes:
            cell.number_format = formats[column.kind]
        else:
            cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    return cells


def signature_rows(ws: Any, width: int, lines: Sequence[str]) -> list[list[Any]]:
    """A blank row, then the signature lines spread across the table's width (each in its own cell)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    row: list[Any] = [None] * width
    step = max(1, width // max(1, len(lines)))
    for n, text in enumerate(lines):
        cell = WriteOnlyCell(ws, text)
        cell.font = Font(size=11)
        row[min(width - 1, 1 + n * step)] = cell
    return [[], row]
