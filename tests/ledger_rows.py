"""Reading an exported ledger's data rows in tests: the rows between the header (row 2) and the 合计 row or
the signature lines under the table (see app/reports/ledger_layout.py)."""

from __future__ import annotations

from typing import Any


def data_rows(sheet: Any, values_only: bool = False) -> list[Any]:
    rows = []
    for row in sheet.iter_rows(min_row=3, values_only=values_only):
        values = row if values_only else [c.value for c in row]
        if (values and values[0] == "合计") or not any(v not in (None, "") for v in values) \
                or str(values[1] or "").startswith("制表人"):
            break
        rows.append(row)
    return rows
