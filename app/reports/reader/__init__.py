"""The one reader of office workbooks (.xlsx, .xls, .ods) every importer uses.

An importer describes its columns and calls :func:`read_table`::

    ALIASES = {"contract_no": ("贷款合同编号", "合同号"), "amount": ("还款金额", "金额"), ...}
    REQUIRED = (("contract_no",), ("amount",))            # groups: at least one field of each must be present
    LABELS = {"contract_no": "贷款合同编号", "amount": "还款金额"}  # names for "no column for: ..."

    table = read_table(path, ALIASES, REQUIRED, LABELS)   # or raises UnreadableWorkbook (one translated line)
    for row in table.rows:                                 # visible data rows, notes and totals left out
        problems = list(row.problems)                      # what the reader already refused (see below)
        amount = row.value(table.column("amount"))         # None when blank; numbers, text, dates as typed
    table.notes()                                          # lines for the preview and the CLI (column choices,
                                                           # hidden rows skipped)

What the reader guarantees:

- the file's kind comes from its content (a CSV or web page renamed .xls, an encrypted or empty file, an .xlsb
  are refused with one clear line); files, parts and cells beyond sane sizes are refused before they are loaded;
- formulas are read as the value the spreadsheet last calculated; a formula without one, or whose value is an
  error, in a column the table uses, and a required field left empty by a formula, become ``row.problems``
  (``formula_uncalculated``, ``formula_error``, ``formula_empty``) and the cell reads as blank;
- hidden rows are not read (``table.hidden_rows`` lists them); hidden columns do not match a header while a
  visible column does (``table.choices`` says which column fed a field); a field only a hidden column holds is
  read, but every row with a value there gets the problem ``hidden_column`` naming the column;
- ``table.source_headers`` and ``table.hidden_columns`` let :func:`app.reports.xlsx_import.write_error_workbook`
  send refused rows back under the office's own header.

calamine (python-calamine) reads the values; :mod:`app.reports.reader.layout` reads what calamine does not
expose (hidden state, formula cells, .ods merges, the used area) from the file's own structure.
"""

from app.reports.reader.sniff import SUFFIXES, UnreadableWorkbook, detect_format
from app.reports.reader.table import (
    HEADER_SCAN_ROWS,
    Column,
    ColumnChoice,
    SourceRow,
    Table,
    column_letter,
    match_field,
    read_table,
)

__all__ = ["HEADER_SCAN_ROWS", "SUFFIXES", "Column", "ColumnChoice", "SourceRow", "Table", "UnreadableWorkbook",
           "column_letter", "detect_format", "match_field", "read_table"]
