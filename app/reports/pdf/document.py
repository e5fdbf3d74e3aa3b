"""The frame every printed document shares: A4 pages, the embedded fonts, a footer with "第 1 页 共 2 页", who
printed it and when, and (on records) the verification code; writing to a file atomically or to memory.

Page numbers count within a *group*: each record of a batch restarts at page 1 (a record is filed on its own),
while a list is one group. A :class:`GroupStart` flowable opens a group; :class:`PagedCanvas` keeps every page
until the end (reportlab's usual "page x of y" technique) and then draws the footers with the totals known.
Progress and cancel ride on :class:`GroupStart` too: it is drawn once per record, in order.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.cancel import CancelToken, check_cancel
from app.reports.pdf.fonts import LATIN, draw_text, register_fonts
from app.reports.workbook import ProgressFn, atomic_output

MARGIN = 16 * mm
FOOTER_SIZE = 7.5


@dataclass(frozen=True)
class PrintInfo:
    """Who printed, when (local time), and on which node; printed in every footer."""

    printed_by: str
    printed_at: dt.datetime
    node_name: str = ""

    @property
    def printed_on(self) -> dt.date:
        return self.printed_at.date()

    def footer_text(self) -> str:
        return f"打印人：{self.printed_by}　打印时间：{self.printed_at:%Y-%m-%d %H:%M}"


def print_info(store: Any, at: dt.datetime | None = None) -> PrintInfo:
    user = store.user
    name = getattr(user, "display_name", "") or user.username
    return PrintInfo(name, at or dt.datetime.now().replace(second=0, microsecond=0), store.info.name)


class GroupedCanvas(Canvas):
    """A canvas that knows the group (:class:`GroupStart`) its current page belongs to."""

    fieldbook_group = ""
    fieldbook_group_serial = 0


class GroupStart(Flowable):
    """Zero-size marker: pages from here on belong to group ``label`` (printed in the footer, may be "").
    ``on_draw`` is called when it is laid out (progress, cancel)."""

    width = height = 0

    def __init__(self, label: str, on_draw: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.label = label
        self.on_draw = on_draw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, GroupedCanvas):
            canvas.fieldbook_group = self.label
            canvas.fieldbook_group_serial += 1
        if self.on_draw is not None:
            self.on_draw()


def print_timestamp(at: dt.datetime) -> Any:
    """reportlab's TimeStamp for the local time ``at`` (the document's CreationDate and ModDate)."""
    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(invariant=1)
    local = at.astimezone() if at.tzinfo else at.replace(tzinfo=dt.datetime.now().astimezone().tzinfo)
    offset = local.utcoffset() or dt.timedelta()
    stamp.t = local.timestamp()
    stamp.lt = local.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    minutes = int(offset.total_seconds() // 60)
    stamp.dhh, stamp.dmm = int(minutes / 60), abs(minutes) % 60
    stamp.tzname = local.tzname() or ""
    return stamp


def paged_canvas(info: PrintInfo, page_size: tuple[float, float]) -> type[Canvas]:
    """A canvas class drawing footers with per-group page totals once the document is complete."""

    class PagedCanvas(GroupedCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # same input, same bytes: reportlab's invariant mode (no clock, a content-derived /ID), with the
            # print time as the document's date instead of invariant mode's 2000-01-01
            self._doc._timeStamp = print_timestamp(info.printed_at)  # type: ignore[attr-defined]  # private in the stubs
            self._pages: list[dict[str, Any]] = []
            self._groups: list[tuple[int, str]] = []
            self.fieldbook_group = ""
            self.fieldbook_group_serial = 0

        def showPage(self) -> None:
            self._groups.append((self.fieldbook_group_serial, self.fieldbook_group))
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's private page reset, not in the stubs

        def save(self) -> None:
            totals: dict[int, int] = {}
            for serial, _ in self._groups:
                totals[serial] = totals.get(serial, 0) + 1
            seen: dict[int, int] = {}
            for state, (serial, label) in zip(self._pages, self._groups, strict=True):
                self.__dict__.update(state)
                seen[serial] = seen.get(serial, 0) + 1
                self._footer(seen[serial], totals[serial], label)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, page: int, total: int, label: str) -> None:
            width = page_size[0]
            y = 9 * mm
            self.saveState()
            self.setStrokeGray(0.6)
            self.setLineWidth(0.4)
            self.line(MARGIN, y + 3.2 * mm, width - MARGIN, y + 3.2 * mm)
            self.setFillGray(0.25)
            draw_text(self, MARGIN, y, label, FOOTER_SIZE)
            draw_text(self, width / 2, y, f"第 {page} 页 共 {total} 页", FOOTER_SIZE + 0.5, "center")
            draw_text(self, width - MARGIN, y, info.footer_text(), FOOTER_SIZE, "right")
            self.restoreState()

    return PagedCanvas


def build_pdf(story: Sequence[Flowable], info: PrintInfo, *, title: str, out: Path | None = None,
              landscape_pages: bool = False, subject: str = "",
              on_written: Callable[[], None] | None = None) -> bytes | Path:
    """Lay out ``story``; write it atomically to ``out`` (returns the path) or return the bytes (for the
    preview, which never touches the disk). ``on_written`` runs once the document is complete and before it
    is handed out (the audit event: a print that cannot be logged is not handed out)."""
    register_fonts()
    page_size = landscape(A4) if landscape_pages else A4

    def write(target: Any) -> None:
        doc = BaseDocTemplate(target, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                              topMargin=14 * mm, bottomMargin=16 * mm, title=title, author="Fieldbook",
                              subject=subject, creator=f"Fieldbook · {info.node_name}",
                              initialFontName=LATIN, initialFontSize=10, invariant=1)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=page_size)])
        doc.build(list(story), canvasmaker=paged_canvas(info, page_size))

    if out is None:
        buffer = io.BytesIO()
        write(buffer)
        if on_written is not None:
            on_written()
        return buffer.getvalue()
    with atomic_output(out) as tmp:
        write(str(tmp))
        if on_written is not None:
            on_written()
    return out


def progress_marker(label: str, done: int, total: int, progress: ProgressFn | None,
                    cancel: CancelToken | None) -> GroupStart:
    """A group start that reports ``done`` of ``total`` and honours cancel when the layout reaches it."""

    def tick() -> None:
        check_cancel(cancel)
        if progress is not None and (done == total or done % max(1, total // 100) == 0):
            progress(done, total)

    return GroupStart(label, tick if (progress is not None or cancel is not None) else None)
