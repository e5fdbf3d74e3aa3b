"""Printed field records: the visit record (入户回访记录表) and the loan-use check record (贷款用途核查记录表), A4,
bordered forms with the household's and the loan's facts, the findings, photo thumbnails, signature lines, a QR
code and the verification code (:mod:`app.reports.pdf.verify`), page numbers, who printed and when.

**Words on the form are Chinese constants here, not translations.** A printed record is a government form filed
with the street office; it is Chinese whatever language the window speaks (the ledgers do the same), so its
labels are data of the layout, like the column headers of :mod:`app.reports.ledgers`. Messages to the user
(errors, progress) go through ``translate`` as everywhere else.

Citizen IDs and phone numbers are masked unless the caller asks for full numbers *and* the user's role may see
them. Photos are read from the encrypted database into memory (their stored JPEG thumbnails) and embedded from
there; nothing is written to disk but the finished PDF (atomically), or nothing at all for a preview.

Batches are read with a handful of set-based queries and laid out in one document; each record starts on a new
page and numbers its own pages. A local "print" audit event per record names the record and its code (no
personal data), which lets ``verify`` say when this node printed it.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from app.cancel import CancelToken
from app.db.audit import Pending
from app.domain.codes import mask_citizen_id, mask_phone
from app.domain.money import yuan
from app.domain.permissions import Permission, has_permission
from app.domain.records.reading import is_latest_version, model_for
from app.errors import PermissionDenied, ValidationError
from app.i18n import translate
from app.memory import cyclic_gc_paused
from app.models import Bank, Household, Loan, Street, Village
from app.models.enums import RecordKind
from app.models.places import DISTRICT_NAME
from app.models.records import Attachment, FieldRecord, RecordAttachment, UseCheck, Visit
from app.reports.field_ledgers import (
    ABILITY_WORDS,
    BUSINESS_WORDS,
    CONCLUSION_WORDS,
    PROHIBITED_WORDS,
    VISIT_TYPE_WORDS,
    WILLINGNESS_WORDS,
)
from app.reports.parsing import POVERTY_WORDS, PURPOSE_WORDS, word_of
from app.reports.pdf.document import PrintInfo, build_pdf, print_info, progress_marker
from app.reports.pdf.fonts import FONT, LATIN, CJKText, collect_missing, wrap_lines
from app.reports.pdf.grid import PAIR, SECTION, WIDE, FormGrid, GridRow
from app.reports.pdf.qr import QrMark
from app.reports.pdf.verify import code_for, photo_hashes, qr_payload
from app.reports.workbook import ProgressFn

TITLES = {RecordKind.VISIT: "扶贫小额信贷入户回访记录表", RecordKind.USE_CHECK: "扶贫小额信贷贷款用途核查记录表"}
#: the width of the form's body on A4 portrait with 16 mm margins
BODY = 178 * mm
COLS = [27 * mm, 62 * mm, 27 * mm, 62 * mm]
LABEL_BG = colors.HexColor("#F2F2F2")
SECTION_BG = colors.HexColor("#DDEBF7")
SIZE = 9.5
MAX_PHOTOS = 8
PHOTO_SIDE = 30 * mm
#: the width of a wide value's text (three columns less the cell padding)
WIDE_TEXT = COLS[1] + COLS[2] + COLS[3] - 8
#: at most this many lines of text in one row of the form (a quarter of a page): longer texts continue in more rows
ROW_LINES = 15
BATCH_QUERY = 500
EMPTY = "—"


@dataclass
class PrintedRecord:
    """Everything one printed record shows, read in one go (so a batch needs a few queries, not thousands)."""

    record: FieldRecord
    household: Household
    street_name: str
    village_name: str
    loan: Loan | None
    bank_name: str
    photos: list[tuple[str, bytes]] = field(default_factory=list)  # (sha256, JPEG thumbnail)
    code: str = ""


def _chunks(items: Sequence[Any], size: int = BATCH_QUERY) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def load_printed(session: Session, kind: RecordKind, record_ids: Sequence[uuid.UUID],
                 printed_on: dt.date) -> list[PrintedRecord]:
    """The records ``record_ids`` (versions, in this order) with what their forms print; raises
    ValidationError naming the first id not found."""
    model = model_for(kind)
    rows: dict[uuid.UUID, PrintedRecord] = {}
    for part in _chunks(list(record_ids)):
        query = (sa.select(model, Household, Street.name, Village.name, Loan, Bank.name)
                 .join(Household, Household.id == model.household_id)
                 .join(Street, Street.code == Household.street_code)
                 .outerjoin(Village, Village.id == Household.village_id)
                 .outerjoin(Loan, Loan.id == model.loan_id)
                 .outerjoin(Bank, Bank.id == Loan.bank_id)
                 .where(model.id.in_(part), model.deleted.is_(False)))
        for record, household, street, village, loan, bank in session.execute(query):
            rows[record.id] = PrintedRecord(record, household, street or "", village or "", loan, bank or "")
    missing = [rid for rid in record_ids if rid not in rows]
    if missing:
        raise ValidationError(translate("Printing", "No {kind} with the id {id} on this node.",
                                        kind=_kind_word(kind), id=missing[0]))
    hashes = photo_hashes(session, kind, list(rows))
    for part in _chunks(list(rows)):
        for record_id, sha, thumb in session.execute(
                sa.select(RecordAttachment.record_id, Attachment.sha256, Attachment.thumbnail)
                .join(Attachment, Attachment.id == RecordAttachment.attachment_id)
                .where(RecordAttachment.record_kind == kind, RecordAttachment.record_id.in_(part),
                       RecordAttachment.deleted.is_(False))
                .order_by(RecordAttachment.record_id, RecordAttachment.position)):
            rows[record_id].photos.append((sha, bytes(thumb or b"")))
    for item in rows.values():
        item.code = code_for(item.record, hashes[item.record.id], printed_on)
    return [rows[rid] for rid in record_ids]


def _kind_word(kind: RecordKind) -> str:
    return translate("Printing", "visit record") if kind is RecordKind.VISIT else \
        translate("Printing", "loan-use check")


def resolve_record_id(store: Any, kind: RecordKind, text: str) -> uuid.UUID:
    """The record ``text`` names: its id, a unique prefix of 8+ characters, or the verification code on the paper
    (:func:`app.domain.records.lookup.resolve_record`); the id of a first version prints its latest version.
    Raises ValidationError with a one-line reason."""
    from app.domain.records.lookup import resolve_record

    return resolve_record(store, text, [kind])[1]


# -- cells ----------------------------------------------------------------------------------------------------
def _t(text: Any, size: float = SIZE, align: str = "left") -> CJKText:
    value = "" if text is None else str(text)
    return CJKText(value if value.strip() else EMPTY if align != "center" else value, size=size, align=align)


def _label(text: str) -> CJKText:
    return CJKText(text, size=SIZE, align="center")


def _date(value: dt.date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else EMPTY


def _money(fen: int | None) -> str:
    return yuan(fen) if fen is not None else EMPTY


def _yes_no(value: bool | None) -> str:
    return {True: "是", False: "否", None: "未核实"}[value]


class _Form:
    """Rows of a four-column bordered form (:class:`~app.reports.pdf.grid.FormGrid`)."""

    def __init__(self) -> None:
        self.rows: list[GridRow] = []

    def section(self, title: str) -> None:
        self.rows.append(GridRow(SECTION, (title,)))

    def pair(self, label1: str, value1: Any, label2: str, value2: Any, height: float | None = None) -> None:
        self.rows.append(GridRow(PAIR, (label1, label2), [_cell(value1), _cell(value2)], height))

    def wide(self, label: str, value: Any, height: float | None = None) -> None:
        """A label and a value across the other three columns. A text longer than :data:`ROW_LINES` lines is
        cut into rows of that many lines, the later ones labelled "（续）": the grid splits between rows, so
        a long note flows onto continuation pages (a single row taller than a page cannot be laid out)."""
        if isinstance(value, str) and value:
            lines = wrap_lines(value, FONT, SIZE, WIDE_TEXT)
            if len(lines) > ROW_LINES:
                for start in range(0, len(lines), ROW_LINES):
                    text = "\n".join(lines[start:start + ROW_LINES])
                    self.rows.append(GridRow(WIDE, (label if not start else f"{label}（续）",), [_t(text)]))
                return
        self.rows.append(GridRow(WIDE, (label,), [_cell(value)], height, top=height is not None))

    def table(self) -> FormGrid:
        return FormGrid(self.rows, COLS, size=SIZE, label_bg=LABEL_BG, section_bg=SECTION_BG)


def _cell(value: Any) -> Any:
    return value if isinstance(value, Flowable | list) else _t(value)


def _min_height(text: str, lines: int) -> float | None:
    """Room for handwriting under a short answer: at least ``lines`` lines; None lets a long text grow."""
    needed = max(1, sum(len(part) // 30 + 1 for part in (text or "").split("\n")))
    return None if needed >= lines else lines * SIZE * 1.35 + 7


def _photos(item: PrintedRecord) -> Any:
    pictures = []
    for _sha, thumb in item.photos[:MAX_PHOTOS]:
        if not thumb:
            continue
        image = Image(io.BytesIO(thumb))
        scale = min(PHOTO_SIDE / image.imageWidth, PHOTO_SIDE / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        pictures.append(image)
    if not pictures:
        return _t("无")
    per_row = 4
    grid: list[list[Image | str]] = [list(pictures[i:i + per_row]) for i in range(0, len(pictures), per_row)]
    grid[-1] += [""] * (per_row - len(grid[-1]))
    table = Table(grid, colWidths=[(COLS[1] + COLS[2] + COLS[3] - 8) / per_row] * per_row, hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), LATIN, SIZE), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
    extra = len(item.photos) - MAX_PHOTOS
    return [table, _t(f"另有 {extra} 张照片未打印，见系统记录。", size=8)] if extra > 0 else table


def _qr(code: str, side: float = 24 * mm) -> Flowable:
    return QrMark(qr_payload(code), side)


def _heading(item: PrintedRecord, kind: RecordKind) -> list[Flowable]:
    """Title and where the household belongs on the left, the QR code with the verification code on the right
    (on the first page, however long the record)."""
    place = f"{DISTRICT_NAME}{item.street_name}{item.village_name}{item.household.group_name}"
    meta = [_t(f"所属：{place}", size=9), _t(f"记录版本：第 {item.record.version} 版　　核验码：{item.code}", size=9)]
    side = 24 * mm
    table = Table([["", CJKText(TITLES[kind], size=17, align="center", leading=24), _qr(item.code, 22 * mm)],
                   [meta, "", ""]], colWidths=[side, BODY - 2 * side, side])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), LATIN, 9), ("SPAN", (0, 1), (1, 1)), ("SPAN", (2, 0), (2, 1)),
                               ("VALIGN", (0, 0), (1, 0), "MIDDLE"), ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("ALIGN", (2, 0), (2, 0), "RIGHT")]))
    return [table]


def _household_rows(form: _Form, item: PrintedRecord, full_ids: bool) -> None:
    household = item.household
    cid = household.head_citizen_id if full_ids else mask_citizen_id(household.head_citizen_id)
    phone = household.phone if full_ids else mask_phone(household.phone)
    form.pair("户主姓名", household.head_name, "身份证号", cid)
    form.pair("联系电话", phone, "贫困户属性", word_of(POVERTY_WORDS, household.poverty_status))
    form.wide("家庭住址", household.address)


def _loan_rows(form: _Form, item: PrintedRecord, full_ids: bool) -> None:
    loan = item.loan
    if loan is None:
        form.wide("贷款", "本次记录未指定贷款")
        return
    borrower = loan.borrower_name
    if loan.borrower_name != item.household.head_name:
        cid = loan.borrower_citizen_id if full_ids else mask_citizen_id(loan.borrower_citizen_id)
        borrower = f"{loan.borrower_name}（{cid}）"
    purpose = word_of(PURPOSE_WORDS, loan.purpose_category)
    if loan.purpose_text:
        purpose += f"：{loan.purpose_text}"
    form.pair("贷款合同编号", loan.contract_no, "经办银行", item.bank_name)
    form.pair("借款人", borrower, "贷款金额(元)", _money(loan.amount_fen))
    form.pair("放款日期", _date(loan.disbursed_on), "到期日期", _date(loan.matures_on))
    form.pair("贷款余额(元)", _money(loan.balance_fen), "贷款用途", purpose)


def _version_rows(form: _Form, record: FieldRecord) -> None:
    if record.version > 1:
        form.wide("修改说明",
                  f"第 {record.version} 版（修改于 {record.created_at:%Y-%m-%d}）：{record.amendment_reason}")
    if record.signed_off_by:
        when = f"{record.signed_off_at:%Y-%m-%d}" if record.signed_off_at else ""
        note = f"；{record.sign_off_note}" if record.sign_off_note else ""
        form.wide("审核", f"{record.signed_off_by} 于 {when} 审核{note}")


def _signatures(form: _Form, first: str, second: str) -> None:
    form.section("签字确认")
    form.pair(first, CJKText(""), second, CJKText(""), height=14 * mm)
    blank = CJKText("　　　　年　　　月　　　日", size=SIZE)
    form.pair("签字日期", blank, "签字日期", blank)


def _verification_note(item: PrintedRecord, info: PrintInfo) -> Flowable:
    # read by someone holding the paper (a villager, an auditor), not by someone at a terminal
    return _t(f"核验：本记录核验码 {item.code}。如需核实这份纸质记录，"
              f"可将核验码或右上角二维码交给街道扶贫专干或经办银行，由其在外业手簿中查验：记录是否存在、内容是否与打印时一致、打印后是否经过修改。打印节点：{info.node_name}。",
              size=7.5)


def visit_story(item: PrintedRecord, full_ids: bool, info: PrintInfo) -> list[Flowable]:
    visit = item.record
    assert isinstance(visit, Visit)
    form = _Form()
    form.section("一、农户基本情况")
    _household_rows(form, item, full_ids)
    form.section("二、贷款情况")
    _loan_rows(form, item, full_ids)
    form.section("三、回访情况")
    form.pair("回访日期", _date(visit.visited_on), "回访类型", VISIT_TYPE_WORDS[visit.visit_type])
    form.pair("回访人员", visit.visitors, "接待人员", visit.people_met)
    form.pair("经营状况", BUSINESS_WORDS[visit.business_status], "家庭年收入估计(元)",
              _money(visit.income_estimate_fen))
    form.wide("现场所见", visit.business_seen, _min_height(visit.business_seen, 2))
    form.wide("家庭变化", visit.family_changes or "无")
    form.pair("还款意愿", WILLINGNESS_WORDS[visit.willingness], "还款能力", ABILITY_WORDS[visit.ability])
    form.pair("是否按申报用途使用", _yes_no(visit.used_as_declared), "户主是否确认",
              "是" if visit.household_confirmed else "否")
    form.wide("发现问题", visit.findings, _min_height(visit.findings, 3))
    form.wide("后续措施", visit.follow_up or "无", _min_height(visit.follow_up, 2))
    form.pair("下次回访日期", _date(visit.next_visit_on), "记录人", visit.created_by)
    _version_rows(form, visit)
    form.section("四、现场照片")
    form.wide("照片", _photos(item))
    _signatures(form, "户主（被访人）签字", "回访人员签字")
    return [*_heading(item, RecordKind.VISIT), form.table(), Spacer(1, 2 * mm),
            _verification_note(item, info)]


def use_check_story(item: PrintedRecord, full_ids: bool, info: PrintInfo) -> list[Flowable]:
    check = item.record
    assert isinstance(check, UseCheck)
    form = _Form()
    form.section("一、农户基本情况")
    _household_rows(form, item, full_ids)
    form.section("二、贷款情况")
    _loan_rows(form, item, full_ids)
    form.section("三、用途核查情况")
    form.pair("核查日期", _date(check.checked_on), "核查人员", check.checked_by)
    form.wide("申报用途", check.declared_purpose)
    form.wide("实际用途", check.observed_use, _min_height(check.observed_use, 3))
    form.pair("违规用途", PROHIBITED_WORDS[check.prohibited_use], "挪用金额(元)", _money(check.amount_misused_fen))
    form.pair("核查结论", CONCLUSION_WORDS[check.conclusion], "记录人", check.created_by)
    form.wide("备注", check.note or "无", _min_height(check.note, 2))
    _version_rows(form, check)
    form.section("四、佐证照片")
    form.wide("照片", _photos(item))
    _signatures(form, "户主（借款人）签字", "核查人员签字")
    return [*_heading(item, RecordKind.USE_CHECK), form.table(), Spacer(1, 2 * mm),
            _verification_note(item, info)]


STORIES = {RecordKind.VISIT: visit_story, RecordKind.USE_CHECK: use_check_story}


# -- entry points ---------------------------------------------------------------------------------------------
def check_full_ids(store: Any, full_ids: bool) -> None:
    if full_ids and not has_permission(store.user.role, Permission.VIEW_FULL_IDS):
        raise PermissionDenied(translate("Printing", "Your role may not print full citizen IDs; print without "
                                                     "full IDs (masked)."))


@dataclass(frozen=True)
class PrintResult:
    kind: RecordKind  # the kind of the first record (a batch of ``--kind all`` mixes them: see ``kinds``)
    records: int
    codes: tuple[str, ...]
    path: Path | None
    data: bytes | None = None
    record_ids: tuple[uuid.UUID, ...] = ()
    full_ids: bool = False
    #: the kind of each record, in order (empty: all are ``kind``)
    kinds: tuple[RecordKind, ...] = ()
    #: characters no font has, printed as 〓 (the text layer keeps them); the caller warns about them
    missing: tuple[str, ...] = ()

    def kind_of(self, index: int) -> RecordKind:
        return self.kinds[index] if self.kinds else self.kind

    def entries(self) -> list[tuple[RecordKind, uuid.UUID]]:
        return [(self.kind_of(i), record_id) for i, record_id in enumerate(self.record_ids)]


def log_print(store: Any, result: PrintResult) -> None:
    """The local audit events of a print: one per record, naming it and its code (no personal data)."""
    entries = [Pending("print", model_for(result.kind_of(i)).__tablename__, str(record_id),
                       {"kind": result.kind_of(i).value, "code": code, "full_ids": result.full_ids}, local=True)
               for i, (record_id, code) in enumerate(zip(result.record_ids, result.codes, strict=True))]
    with store.write() as session:  # one append for the batch: a thousand single events took a second
        store.audit.append(session.connection(), entries, actor=session.info.get("actor", ""))


def print_records(store: Any, kind: RecordKind, record_ids: Sequence[uuid.UUID], out: Path | str | None = None, *,
                  full_ids: bool = False, progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                  at: dt.datetime | None = None, audit: bool = True) -> PrintResult:
    """Print the records ``record_ids`` (versions) of ``kind`` into one PDF, each from a new page, in order.
    See :func:`print_entries`."""
    kind = RecordKind(kind)
    if kind not in STORIES:
        raise ValidationError(translate("Printing", "Only visit records and loan-use checks can be printed."))
    return print_entries(store, [(kind, record_id) for record_id in record_ids], out, full_ids=full_ids,
                         progress=progress, cancel=cancel, at=at, audit=audit)


def print_entries(store: Any, entries: Sequence[tuple[RecordKind, uuid.UUID]], out: Path | str | None = None, *,
                  full_ids: bool = False, progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                  at: dt.datetime | None = None, audit: bool = True) -> PrintResult:
    """Print records of any printable kinds — (kind, version id) pairs — into one PDF, each from a new page,
    in order.

    ``out`` None returns the bytes (preview) instead of writing a file. With ``audit`` (default) the print is
    logged before the file is handed out; a preview passes False and calls :func:`log_print` once the user
    really prints or saves it. Raises PermissionDenied without PRINT
    (or VIEW_FULL_IDS for ``full_ids``), ValidationError for an unknown id or nothing to print, Cancelled.
    The same records printed at the same ``at`` give the same bytes."""
    store.require(Permission.PRINT)
    check_full_ids(store, full_ids)
    entries = [(RecordKind(kind), record_id) for kind, record_id in entries]
    if any(kind not in STORIES for kind, _ in entries):
        raise ValidationError(translate("Printing", "Only visit records and loan-use checks can be printed."))
    if not entries:
        raise ValidationError(translate("Printing", "Nothing to print: no records were chosen."))
    info = print_info(store, at)
    with store.read() as session, cyclic_gc_paused():
        loaded: dict[tuple[RecordKind, uuid.UUID], PrintedRecord] = {}
        for kind in dict.fromkeys(kind for kind, _ in entries):
            of_kind = [record_id for k, record_id in entries if k is kind]
            for item in load_printed(session, kind, of_kind, info.printed_on):
                loaded[(kind, item.record.id)] = item
        items = [loaded[entry] for entry in entries]
        # the layout reads lazy attributes of the rows; keep the session open until the story is built
        story: list[Flowable] = []
        total = len(items)
        for index, (item, (kind, _)) in enumerate(zip(items, entries, strict=True)):
            if index:
                story.append(PageBreak())
            story.append(progress_marker(f"核验码 {item.code}", index, total, progress, cancel))
            story += STORIES[kind](item, full_ids, info)

    codes = tuple(item.code for item in items)
    ids = tuple(item.record.id for item in items)
    kinds = tuple(kind for kind, _ in entries)
    first = kinds[0]
    mixed = kinds if len(set(kinds)) > 1 else ()

    def log() -> None:
        if audit:
            log_print(store, PrintResult(first, total, codes, None, None, ids, full_ids, mixed))

    if total == 1:
        title = TITLES[first]
    elif mixed:
        title = f"扶贫小额信贷外业记录（{total} 份）"
    else:
        title = f"{TITLES[first]}（{total} 份）"
    with collect_missing() as missing, cyclic_gc_paused():
        result = build_pdf(story, info, title=title, out=Path(out) if out is not None else None, on_written=log,
                           subject=items[0].code if total == 1 else "")
    if progress is not None:
        progress(total, total)
    found = tuple(sorted(missing))
    if isinstance(result, bytes):
        return PrintResult(first, total, codes, None, result, ids, full_ids, mixed, found)
    return PrintResult(first, total, codes, result, None, ids, full_ids, mixed, found)


def records_between(store: Any, kind: RecordKind, date_from: dt.date, date_to: dt.date) -> list[uuid.UUID]:
    """The latest versions of ``kind`` dated in the range, oldest first (the order of a batch)."""
    return [record_id for _, record_id in entries_between(store, [kind], date_from, date_to)]


def entries_between(store: Any, kinds: Sequence[RecordKind], date_from: dt.date, date_to: dt.date
                    ) -> list[tuple[RecordKind, uuid.UUID]]:
    """(kind, id) of the latest versions of ``kinds`` dated in the range, oldest first; on the same day in
    the order they were recorded."""
    found: list[tuple[Any, Any, str, RecordKind, uuid.UUID]] = []
    with store.read() as session:
        for kind in kinds:
            model = model_for(kind)
            date_col = getattr(model, model.DATE_FIELD)
            for day, created, record_id in session.execute(
                    sa.select(date_col, model.created_at, model.id)
                    .where(date_col >= date_from, date_col <= date_to, model.deleted.is_(False),
                           is_latest_version(model))):
                found.append((day, created, str(record_id), RecordKind(kind), uuid.UUID(str(record_id))))
    found.sort(key=lambda row: row[:3])
    return [(kind, record_id) for *_, kind, record_id in found]
