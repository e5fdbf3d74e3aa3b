"""Excel ledgers (台账) laid out as offices exchange them: a merged bold title row, a frozen header, column widths,
dates as yyyy-mm-dd, amounts in yuan as #,##0.00, citizen IDs as text (masked unless the full numbers are asked
for and the user may see them).

Each kind of ledger is a :class:`LedgerKind` in :data:`LEDGERS` (``register_ledger`` adds one: later issues add
visits, warnings, ...). :func:`export_ledger` streams rows from the database into openpyxl's write-only mode,
reports progress, can be cancelled, writes a temporary file next to the target and renames it only when complete,
and records a local audit event without personal data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.cancel import CancelToken
from app.domain.codes import mask_citizen_id
from app.domain.loan_history import LaterHistory
from app.domain.permissions import Permission, has_permission
from app.domain.registry import loan_row, loan_select
from app.domain.risk import last_visit_on
from app.domain.risk_query import last_visit_dates
from app.domain.scope import scope_street
from app.errors import PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Household, Loan, Street, Village
from app.models.places import DISTRICT_NAME
from app.reports.ledger_layout import (
    DEFAULT_SIGNATURES,
    LINE_HEIGHT,
    Totals,
    bordered,
    print_width,
    row_lines,
    setup_page,
    signature_rows,
    total_row,
    wraps,
)
from app.reports.parsing import (
    LOAN_STATUS_WORDS,
    POVERTY_WORDS,
    PURPOSE_WORDS,
    RISK_WORDS,
    USE_MODE_WORDS,
    word_of,
)
from app.reports.workbook import Progress, ProgressFn, atomic_output

TEXT, ID, DATE, MONEY, INT, RATE = "text", "id", "date", "money", "int", "rate"
FORMATS = {DATE: "yyyy-mm-dd", MONEY: "#,##0.00", INT: "0", RATE: "0.00%", ID: "@", TEXT: "@"}
BATCH = 5000


@dataclass(frozen=True)
class LedgerColumn:
    header: str  # Chinese: the ledger is an exchange format between offices
    kind: str = TEXT
    width: float = 12


@dataclass(frozen=True)
class LedgerContext:
    as_of: dt.date
    full_ids: bool
    scope: str | None  # the node's street on a field node

    def citizen_id(self, value: str | None) -> str:
        return (value or "") if self.full_ids else mask_citizen_id(value)


@dataclass(frozen=True)
class LedgerKind:
    key: str
    label: str  # QT_TRANSLATE_NOOP("Ledgers", ...): shown in the window and the CLI
    title: str  # Chinese title; {place} and {as_of} are filled in
    sheet: str
    columns: tuple[LedgerColumn, ...]
    count: Callable[[Session, LedgerContext], int]
    rows: Callable[[Session, LedgerContext], Iterator[Sequence[Any]]]
    permission: Permission = Permission.EXPORT_LEDGERS
    #: headers of the columns whose sum means something: a 合计 row is written under the table (see
    #: :mod:`app.reports.ledger_layout`); empty: no totals row
    totals: tuple[str, ...] = ()
    #: the lines under the table (制表人, 审核人, 日期); empty: none
    signatures: tuple[str, ...] = DEFAULT_SIGNATURES

    def translated_label(self) -> str:
        return translate("Ledgers", self.label)


LEDGERS: dict[str, LedgerKind] = {}


def register_ledger(kind: LedgerKind) -> LedgerKind:
    LEDGERS[kind.key] = kind
    return kind


@dataclass(frozen=True)
class LedgerResult:
    kind: str
    path: Path
    rows: int
    as_of: dt.date
    full_ids: bool


def export_ledger(store: Any, kind: str, out: Path | str, *, as_of: dt.date | None = None, full_ids: bool = False,
                  progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> LedgerResult:
    """Write the ledger ``kind`` to ``out`` (.xlsx). Nothing is left behind if it fails or is cancelled.

    Raises ValidationError for an unknown kind, PermissionDenied without the ledger's permission or, for
    ``full_ids``, without VIEW_FULL_IDS; Cancelled once ``cancel.cancelled`` turns true."""
    ledger = LEDGERS.get(kind)
    if ledger is None:
        raise ValidationError(translate("Ledgers", "Unknown ledger {kind}; choose one of: {kinds}.", kind=kind,
                                        kinds=", ".join(LEDGERS)))
    store.require(ledger.permission)
    if full_ids and not has_permission(store.user.role, Permission.VIEW_FULL_IDS):
        raise PermissionDenied(translate("Ledgers", "Your role may not export full citizen IDs; export the "
                                                    "ledger without --full-ids (IDs masked)."))
    out = Path(out)
    ctx = LedgerContext(as_of or dt.date.today(), full_ids, scope_street(store))
    with store.read() as session:
        place = DISTRICT_NAME
        if ctx.scope:
            place += session.execute(sa.select(Street.name).where(Street.code == ctx.scope)).scalar_one()
        total = ledger.count(session, ctx)
        ticker = Progress(progress, cancel, total, step=1000)
        with atomic_output(out) as tmp:
            _write(ledger, ctx, session, tmp, place, ticker)
            ticker.finish()
            # recorded before the rename: a ledger that cannot be logged is not handed out
            with store.write() as log_session:
                store.audit.event(log_session, "export", {"kind": f"ledger:{kind}", "rows": total,
                                                          "full_ids": full_ids, "as_of": ctx.as_of.isoformat()})
    return LedgerResult(kind, out, total, ctx.as_of, full_ids)


class _Values(tuple[Any, ...]):
    """A data row of plain values, rendered straight to XML by :class:`_LedgerSheetWriter`."""


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _sheet_writer_class() -> type:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._writer import WorksheetWriter

    class LedgerSheetWriter(WorksheetWriter):
        """openpyxl serialises every cell through a generic XML tree (≈20 µs a cell without lxml); ledger rows are
        plain values with one style per column, so they are rendered as text (≈2 µs a cell). Title and header
        rows, and any writer that is not et_xmlfile's, take openpyxl's own path."""

        styles: list[Any]
        style_ids: list[int]
        letters: list[str]
        wrapped: list[tuple[int, float]]

        def write_row(self, xf: Any, row: Any, row_idx: int) -> None:
            if isinstance(row, _Values):
                raw = getattr(xf, "_file", None)
                if callable(raw):
                    raw(self.render(row, row_idx))
                    return
                row = self.to_cells(row)
            super().write_row(xf, row, row_idx)

        def to_cells(self, values: _Values) -> list[Any]:
            cells = []
            for value, style in zip(values, self.styles, strict=True):
                cell = WriteOnlyCell(self.ws, None if value == "" else value)
                cell._style = style  # type: ignore[attr-defined]  # openpyxl's private style array (see below)
                cells.append(cell)
            return cells

        def render(self, values: _Values, r: int) -> str:
            lines = row_lines(values, self.wrapped) if self.wrapped else 1
            parts = [f'<row r="{r}" ht="{lines * LINE_HEIGHT:g}" customHeight="1">' if lines > 1 else f'<row r="{r}">']
            for letter, sid, value in zip(self.letters, self.style_ids, values, strict=True):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    text = xml_escape(_ILLEGAL.sub("", value))
                    space = ' xml:space="preserve"' if text != text.strip() else ""
                    parts.append(f'<c r="{letter}{r}" s="{sid}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
                elif isinstance(value, dt.date):
                    day = value.date() if isinstance(value, dt.datetime) else value
                    parts.append(f'<c r="{letter}{r}" s="{sid}"><v>{(day - _EXCEL_EPOCH).days}</v></c>')
                elif isinstance(value, bool):
                    parts.append(f'<c r="{letter}{r}" s="{sid}" t="b"><v>{int(value)}</v></c>')
                else:
                    parts.append(f'<c r="{letter}{r}" s="{sid}" t="n"><v>{value!r}</v></c>')
            parts.append("</row>")
            return "".join(parts)

    return LedgerSheetWriter


def _write(ledger: LedgerKind, ctx: LedgerContext, session: Session, tmp: Path, place: str,
           ticker: Progress) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(ledger.sheet)
    # openpyxl streams the sheet through a temporary file in the system temp folder; keep it next to the target
    # instead, so personal data never lands elsewhere and is removed with the temporary workbook on failure
    fd, sheet_tmp = tempfile.mkstemp(prefix="." + tmp.name + ".", suffix=".sheet", dir=tmp.parent)
    os.close(fd)
    os.chmod(sheet_tmp, 0o600)
    try:
        ALL_TEMP_FILES.append(sheet_tmp)  # openpyxl's cleanup removes the file and forgets it there
        writer = _sheet_writer_class()(ws, out=sheet_tmp)
        ws._writer = writer
        original = ws._values_to_row
        ws._values_to_row = lambda values, idx: values if isinstance(values, _Values) else original(values, idx)
        width = len(ledger.columns)
        writer.letters = [get_column_letter(i) for i in range(1, width + 1)]
        writer.wrapped = []
        for letter, column in zip(writer.letters, ledger.columns, strict=True):
            wide = 15.0 if column.header in ledger.totals else 0.0  # room for the 合计 of a whole city
            ws.column_dimensions[letter].width = max(wide, print_width(column.kind, column.width, column.header))
        ws.freeze_panes = "A3"
        ws.merged_cells.add(f"A1:{writer.letters[-1]}1")
        setup_page(ws, last_letter=writer.letters[-1], as_of=ctx.as_of.isoformat(), place=place)
        writer.write_top()
        title = WriteOnlyCell(ws, ledger.title.format(place=place, as_of=ctx.as_of.isoformat()))
        title.font = Font(bold=True, size=16)
        title.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 30
        ws.append([title])
        thin = Side(style="thin")
        header_cells = []
        for column in ledger.columns:
            cell = WriteOnlyCell(ws, column.header)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            header_cells.append(cell)
        ws.append(header_cells)
        writer.styles, writer.style_ids = [], []
        writer.wrapped = [(i, print_width(c.kind, c.width, c.header)) for i, c in enumerate(ledger.columns)
                          if wraps(c.kind, c.width, c.header)]
        for column in ledger.columns:
            template = WriteOnlyCell(ws, None)
            template.number_format = FORMATS[column.kind]
            bordered(template)
            # long text wraps in print (the row is made as tall as it needs, see render)
            template.alignment = Alignment(vertical="center",
                                           wrap_text=wraps(column.kind, column.width, column.header))
            # the column's style array, copied into each cell: openpyxl's private StyleableObject._style (not in
            # types-openpyxl), the fast path that skips resolving a named style per cell
            writer.styles.append(template._style)  # type: ignore[attr-defined]
            writer.style_ids.append(template.style_id)
        totals = Totals(ledger.columns, ledger.totals) if ledger.totals else None
        for values in ledger.rows(session, ctx):
            ws.append(_Values(values))
            if totals is not None:
                totals.add(values)
            ticker.tick()
        if totals is not None:
            ws.append(total_row(ws, ledger.columns, totals, FORMATS))
        for row in signature_rows(ws, width, ledger.signatures) if ledger.signatures else []:
            ws.append(row)
        _save(workbook, tmp)
    except BaseException:
        with contextlib.suppress(Exception):  # end openpyxl's row stream before its file goes away
            ws.close()
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(sheet_tmp)
        with contextlib.suppress(ValueError):
            ALL_TEMP_FILES.remove(sheet_tmp)


def _save(workbook: Any, tmp: Path) -> None:
    """``workbook.save(tmp)``, closing the zip archive on failure too: openpyxl leaves it open when a write
    fails (a full disk), and ``ZipFile.__del__`` then tries again and prints "Exception ignored … OSError" with a
    traceback after the command's own message."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        with contextlib.suppress(OSError):
            archive.close()  # fails again on a full disk, but forgets its file: nothing is left for __del__
        raise


# -- household roster (花名册) --------------------------------------------------------------------------------------
def _households_where(ctx: LedgerContext) -> list[Any]:
    where: list[Any] = [Household.deleted.is_(False)]
    if ctx.scope:
        where.append(Household.street_code == ctx.scope)
    return where


def _count_households(session: Session, ctx: LedgerContext) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(Household)
                               .where(*_households_where(ctx))).scalar_one())


def _household_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    stmt = (sa.select(Street.name, Village.name, Household.group_name, Household.household_no, Household.head_name,
                      Household.head_citizen_id, Household.phone, Household.size, Household.poverty_status,
                      Household.poverty_status_since, Household.address)
            .join(Street, Street.code == Household.street_code)
            .outerjoin(Village, Village.id == Household.village_id)
            .where(*_households_where(ctx))
            .order_by(Household.street_code, Village.name, Household.group_name, Household.head_initials,
                      Household.id)
            .execution_options(yield_per=BATCH))
    for number, r in enumerate(session.execute(stmt), start=1):
        yield (number, r[0], r[1], r[2], r[3], r[4], ctx.citizen_id(r[5]), r[6], r[7],
               word_of(POVERTY_WORDS, r[8]), r[9], r[10])


HOUSEHOLDS = register_ledger(LedgerKind(
    key="households",
    label=QT_TRANSLATE_NOOP("Ledgers", "Household roster"),
    title="{place}建档立卡贫困户花名册（截至{as_of}）",
    sheet="花名册",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("组", TEXT, 8), LedgerColumn("户编号", TEXT, 17), LedgerColumn("户主姓名", TEXT, 10),
             LedgerColumn("身份证号", ID, 21), LedgerColumn("联系电话", TEXT, 14), LedgerColumn("家庭人口", INT, 9),
             LedgerColumn("贫困户属性", TEXT, 14), LedgerColumn("状态日期", DATE, 12),
             LedgerColumn("家庭住址", TEXT, 28)),
    count=_count_households,
    rows=_household_rows,
    totals=("家庭人口",),
))


# -- post-loan ledger (贷后监管台账) ----------------------------------------------------------------------------------
def _loans_where(ctx: LedgerContext) -> list[Any]:
    where: list[Any] = [Loan.deleted.is_(False), Loan.disbursed_on <= ctx.as_of]
    if ctx.scope:
        where.append(Loan.street_code == ctx.scope)
    return where


def _count_loans(session: Session, ctx: LedgerContext) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(Loan).where(*_loans_where(ctx))).scalar_one())


def _post_loan_rows(session: Session, ctx: LedgerContext) -> Iterator[Sequence[Any]]:
    """Each loan as it stood on the ledger's day (app/domain/registry.py ``loan_row`` rewinds the repayments and
    events dated later): balance, overdue amount and days from one function, status and class of that day, and the
    household's last visit since the loan was made."""
    history = LaterHistory(session, ctx.as_of)
    visits = last_visit_dates(session, ctx.as_of)
    stmt = (loan_select().where(*_loans_where(ctx))
            .order_by(Loan.street_code, Village.name, Household.head_initials, Loan.disbursed_on, Loan.id)
            .execution_options(yield_per=BATCH))
    for number, r in enumerate(session.execute(stmt), start=1):
        loan = loan_row(r, ctx.as_of, history)
        seen = visits.get(loan.household_id)
        yield (number, loan.street_name, loan.village_name, loan.head_name, loan.borrower_name,
               ctx.citizen_id(loan.borrower_citizen_id), loan.bank_name, loan.contract_no, loan.amount_fen / 100,
               loan.disbursed_on, loan.matures_on, loan.term_months, loan.rate_bp / 10000,
               word_of(PURPOSE_WORDS, loan.purpose_category), loan.purpose_text, word_of(USE_MODE_WORDS, loan.use_mode),
               max(loan.balance_fen, 0) / 100, loan.state.overdue_amount_fen / 100, loan.state.days_past_due,
               word_of(RISK_WORDS, loan.risk_class), word_of(LOAN_STATUS_WORDS, loan.state.status),
               last_visit_on((seen,) if seen else (), loan.disbursed_on, ctx.as_of))


POST_LOAN = register_ledger(LedgerKind(
    key="post-loan",
    label=QT_TRANSLATE_NOOP("Ledgers", "Post-loan monitoring ledger"),
    title="{place}扶贫小额信贷贷后监管台账（截至{as_of}）",
    sheet="贷后监管台账",
    columns=(LedgerColumn("序号", INT, 7), LedgerColumn("街道", TEXT, 12), LedgerColumn("村", TEXT, 12),
             LedgerColumn("户主姓名", TEXT, 10), LedgerColumn("借款人", TEXT, 10), LedgerColumn("身份证号", ID, 21),
             LedgerColumn("经办银行", TEXT, 22), LedgerColumn("贷款合同编号", TEXT, 20),
             LedgerColumn("贷款金额(元)", MONEY, 13), LedgerColumn("放款日期", DATE, 12),
             LedgerColumn("到期日期", DATE, 12), LedgerColumn("期限(月)", INT, 8), LedgerColumn("利率", RATE, 8),
             LedgerColumn("用途类别", TEXT, 10), LedgerColumn("贷款用途", TEXT, 16), LedgerColumn("使用方式", TEXT, 10),
             LedgerColumn("贷款余额(元)", MONEY, 13), LedgerColumn("逾期金额(元)", MONEY, 13),
             LedgerColumn("逾期天数", INT, 9), LedgerColumn("五级分类", TEXT, 9), LedgerColumn("贷款状态", TEXT, 10),
             LedgerColumn("最近回访日期", DATE, 13)),
    count=_count_loans,
    rows=_post_loan_rows,
    totals=("贷款金额(元)", "贷款余额(元)", "逾期金额(元)"),
))
