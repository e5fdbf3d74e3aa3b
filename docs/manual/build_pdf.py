"""Build the user guide PDF from ``manual.md`` and ``images/`` (reportlab, the fonts Fieldbook ships).

    .venv/bin/python docs/manual/build_pdf.py [--out docs/manual/build/fieldbook-manual.pdf]

The Markdown is a small, fixed subset (what manual.md uses): ``% title`` lines, ``#``/``##``/``###`` headings,
paragraphs, ``-`` and ``1.`` lists, ``|`` tables, indented code lines, ``![caption](images/x.png)`` images on
a line of their own; ``**bold**`` and backticks are dropped (the embedded fonts have no bold face). Text is laid
out with ``app.reports.pdf.fonts`` (mixed Chinese/Latin runs, Chinese line breaking); the table of contents
and the PDF outline come from the headings, with page numbers from a first pass.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    Indenter,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.pdf.fonts import CJKText, draw_text, register_fonts, text_width  # noqa: E402

SOURCE = HERE / "manual.md"
DEFAULT_OUT = HERE / "build" / "fieldbook-manual.pdf"
MARGIN = 18 * mm
BODY = 10.5
HEADING_SIZES = {1: 18, 2: 13.5, 3: 11.5}
ACCENT = colors.HexColor("#24364f")


class Heading(NamedTuple):  # not a dataclass: the file is also loaded by path (app.ui.help), outside sys.modules
    level: int
    text: str


class HeadingText(CJKText):  # type: ignore[misc]
    """A heading: larger text that the document records for the contents and the outline."""

    def __init__(self, level: int, text: str, key: str) -> None:
        super().__init__(text, size=HEADING_SIZES[level], color=ACCENT if level == 1 else None)
        self.level, self.key = level, key


class TocLine(Flowable):  # type: ignore[misc]
    """One line of the contents: the title, dot leaders, the page number."""

    def __init__(self, level: int, text: str, page: int) -> None:
        super().__init__()
        self.level, self.text, self.page = level, text, page
        self.size = 11 if level == 1 else 10

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size * 1.8

    def draw(self) -> None:
        canvas = self.canv
        indent = 0 if self.level == 1 else 16
        y = self.size * 0.5
        draw_text(canvas, indent, y, self.text, self.size)
        number = str(self.page) if self.page else ""
        draw_text(canvas, self.width, y, number, self.size, align="right")
        start = indent + text_width(self.text, self.size) + 6
        end = self.width - text_width(number or "00", self.size) - 6
        if end > start:
            canvas.setStrokeColor(colors.HexColor("#9aa0a6"))
            canvas.setDash(1, 3)
            canvas.line(start, y, end, y)
            canvas.setDash()


class ManualDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, filename: str, title: str, **kw: Any) -> None:
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6,
                         bottomMargin=MARGIN + 4, title=title, author="Fieldbook", subject=title, **kw)
        self.manual_title = title
        self.pages_of: dict[str, int] = {}
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Any, doc: Any) -> None:
        page = canvas.getPageNumber()
        if page == 1:
            return
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#5f6368"))
        draw_text(canvas, MARGIN, A4[1] - MARGIN + 2, self.manual_title, 8.5)
        draw_text(canvas, A4[0] - MARGIN, MARGIN - 2, f"第 {page} 页", 8.5, align="right")
        canvas.setStrokeColor(colors.HexColor("#d0d4da"))
        canvas.line(MARGIN, A4[1] - MARGIN - 2, A4[0] - MARGIN, A4[1] - MARGIN - 2)
        canvas.restoreState()

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, HeadingText):
            page = self.page
            self.pages_of[flowable.key] = page
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.text, flowable.key, level=flowable.level - 1,
                                      closed=flowable.level > 1)


# -- Markdown subset ------------------------------------------------------------------------------------------
def clean(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text).replace("`", "").strip()


def parse(source: str) -> tuple[list[str], list[tuple[str, Any]]]:
    """The title lines and the blocks: (kind, data) with kind heading, para, bullet, number, table, code, image."""
    titles: list[str] = []
    blocks: list[tuple[str, Any]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", clean(" ".join(para))))
            para.clear()

    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if line.startswith("% "):
            titles.append(line[2:].strip())
        elif not stripped:
            flush()
        elif match := re.match(r"^(#{1,3}) (.+)$", line):
            flush()
            blocks.append(("heading", Heading(len(match.group(1)), clean(match.group(2)))))
        elif match := re.match(r"^!\[(.*)\]\((.+)\)\s*$", stripped):
            flush()
            blocks.append(("image", (match.group(2), clean(match.group(1)))))
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [clean(c) for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif line.startswith("    "):
            flush()
            blocks.append(("code", line.strip()))
        elif match := re.match(r"^- (.+)$", stripped):
            flush()
            blocks.append(("bullet", clean(match.group(1))))
        elif match := re.match(r"^(\d+)\. (.+)$", stripped):
            flush()
            blocks.append(("number", (match.group(1), clean(match.group(2)))))
        else:
            para.append(stripped)
        i += 1
    flush()
    return titles, blocks


def headings(source: str) -> list[Heading]:
    return [data for kind, data in parse(source)[1] if kind == "heading"]


def chapter_titles(source: str | None = None) -> list[str]:
    """The chapter (level 1) titles of the manual, in order."""
    text = source if source is not None else SOURCE.read_text(encoding="utf-8")
    return [h.text for h in headings(text) if h.level == 1]


# -- layout -------------------------------------------------------------------------------------------------
def _image(path: Path, caption: str, width: float) -> list[Flowable]:
    from PIL import Image as PILImage

    with PILImage.open(path) as picture:
        w, h = picture.size
    draw_w = min(width, w * 0.6)  # 1366 px at about 165 dpi: readable, two screenshots a page
    draw_h = draw_w * h / w
    image = Image(str(path), width=draw_w, height=draw_h)
    image.hAlign = "CENTER"
    framed = Table([[image]], style=TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#c4c9d0")),
                                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                ("TOPPADDING", (0, 0), (-1, -1), 0),
                                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    parts: list[Flowable] = [Spacer(1, 4), framed]
    if caption:
        parts += [Spacer(1, 3), CJKText(caption, size=9, align="center", color=colors.HexColor("#5f6368"))]
    return [KeepTogether(parts), Spacer(1, 8)]


def _table(rows: list[list[str]], width: float) -> Table:
    columns = max(len(r) for r in rows)
    lengths = [max((len(r[c]) if c < len(r) else 0) for r in rows) for c in range(columns)]
    total = sum(min(n, 40) + 4 for n in lengths)
    widths = [width * (min(n, 40) + 4) / total for n in lengths]
    data = [[CJKText(r[c] if c < len(r) else "", size=9.5) for c in range(columns)] for r in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b8bec6")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def story(titles: list[str], blocks: list[tuple[str, Any]], pages: dict[str, int], width: float,
          base: Path) -> list[Flowable]:
    title = titles[0] if titles else "用户手册"
    out: list[Flowable] = [Spacer(1, 60 * mm), CJKText(title, size=26, align="center", color=ACCENT)]
    for subtitle in titles[1:]:
        out += [Spacer(1, 8), CJKText(subtitle, size=13, align="center")]
    from app import __version__

    out += [Spacer(1, 12), CJKText(f"版本 {__version__}", size=11, align="center"), PageBreak(),
            CJKText("目录", size=18, color=ACCENT), Spacer(1, 10)]
    numbered = [(f"h{n}", data) for n, (kind, data) in enumerate(blocks) if kind == "heading"]
    for key, heading in numbered:
        if heading.level <= 2:
            out.append(TocLine(heading.level, heading.text, pages.get(key, 0)))
    for n, (kind, data) in enumerate(blocks):
        if kind == "heading":
            if data.level == 1:
                out.append(PageBreak())
            else:
                out.append(Spacer(1, 6 if data.level == 3 else 10))
            out += [HeadingText(data.level, data.text, f"h{n}"), Spacer(1, 6 if data.level == 1 else 3)]
        elif kind == "para":
            out += [CJKText(data, size=BODY, leading=BODY * 1.6), Spacer(1, 5)]
        elif kind in ("bullet", "number"):
            marker, text = ("•", data) if kind == "bullet" else (f"{data[0]}.", data[1])
            item = Table([[CJKText(marker, size=BODY), CJKText(text, size=BODY, leading=BODY * 1.55)]],
                         colWidths=[16, width - 30],
                         style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("TOPPADDING", (0, 0), (-1, -1), 0),
                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
            item.hAlign = "LEFT"
            out += [Indenter(left=10), item, Indenter(left=-10)]
        elif kind == "code":
            box = Table([[CJKText(data, size=9.5)]], colWidths=[width - 20],
                        style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f1f3f4")),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
            out += [Spacer(1, 2), box, Spacer(1, 6)]
        elif kind == "table":
            out += [Spacer(1, 2), _table(data, width), Spacer(1, 8)]
        elif kind == "image":
            path = (base / data[0]).resolve()
            if path.exists():
                out += _image(path, data[1], width)
            else:
                out += [CJKText(f"[{data[1]}]", size=9, color=colors.HexColor("#b3261e")), Spacer(1, 6)]
    return out


def build(out: Path = DEFAULT_OUT, source: Path = SOURCE) -> Path:
    """Write the PDF to ``out`` (through a temporary file) and return ``out``."""
    register_fonts()
    titles, blocks = parse(source.read_text(encoding="utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    pages: dict[str, int] = {}
    for _ in range(2):  # the first pass finds the page of each heading for the contents
        doc = ManualDoc(str(partial), titles[0] if titles else "用户手册")
        doc.build(story(titles, blocks, pages, doc.width, source.parent))
        if doc.pages_of == pages:
            break
        pages = dict(doc.pages_of)
    partial.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Fieldbook user guide PDF.")
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    path = build(Path(args.out))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
