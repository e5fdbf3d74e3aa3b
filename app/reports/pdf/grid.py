"""The bordered four-column grid of a printed record, drawn straight onto the canvas, its skeleton cached.

reportlab's ``Table`` is general (any span, any style command per cell, nested tables) and pays for it on every
page: styles are resolved cell by cell, spans recomputed, each cell drawn in its own saved state — about half the
time of a batch of records. A record's form is always the same shape: rows of four columns that are either a
section title across all four, a label/value pair twice, or a label and a value across three. :class:`FormGrid`
lays out exactly that, and splits between rows when a page is full (a long note continues on the next page).

**The skeleton is cached.** What every page of a batch repeats — the label cells, their shading, the section
bars and the ruling — depends only on the rows' kinds, labels and heights. It is drawn once per document as a
PDF form XObject and placed on each page with one operator (``Do``); only the values are drawn per record. Two
records whose texts wrap to the same heights share one skeleton (in a batch, nearly all do).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable

from app.reports.pdf.fonts import CJKText

SECTION, PAIR, WIDE = "section", "pair", "wide"
PAD_X, PAD_Y = 4.0, 2.8
GRID_WIDTH, BOX_WIDTH = 0.6, 1.2


@dataclass
class GridRow:
    kind: str  # SECTION, PAIR or WIDE
    labels: tuple[str, ...]  # the section title, the two labels of a pair, the label of a wide row
    values: list[Any] = field(default_factory=list)  # flowables (CJKText, tables, lists of flowables)
    height: float | None = None  # fixed height (room to write by hand); None: as tall as its content
    top: bool = False  # the value sits at the top of a fixed-height row (else in the middle)


class FormGrid(Flowable):
    """Rows of a four-column form with the given column widths; label cells shaded ``label_bg``, section bars
    ``section_bg``; label text ``size`` points (section titles half a point larger)."""

    def __init__(self, rows: Sequence[GridRow], widths: Sequence[float], *, size: float, label_bg: Any,
                 section_bg: Any) -> None:
        super().__init__()
        self.rows = list(rows)
        self.widths = list(widths)
        self.size = size
        self.label_bg, self.section_bg = label_bg, section_bg
        self.width = sum(self.widths)
        self.hAlign = "CENTER"
        self._heights: list[float] = []
        self._labels: dict[tuple[int, int], CJKText] = {}

    # -- layout ---------------------------------------------------------------------------------------------
    def _cells(self, row: GridRow) -> list[tuple[float, float, Any]]:
        """(x, width, flowable or None) of the value cells of ``row``."""
        w = self.widths
        if row.kind == PAIR:
            return [(w[0], w[1], row.values[0]), (w[0] + w[1] + w[2], w[3], row.values[1])]
        if row.kind == WIDE:
            return [(w[0], w[1] + w[2] + w[3], row.values[0])]
        return []

    def _label_cells(self, row: GridRow) -> list[tuple[float, float, str, str]]:
        """(x, width, text, align) of the label cells (the section title is one, left-aligned)."""
        w = self.widths
        if row.kind == SECTION:
            return [(0.0, self.width, row.labels[0], "left")]
        if row.kind == PAIR:
            return [(0.0, w[0], row.labels[0], "center"), (w[0] + w[1], w[2], row.labels[1], "center")]
        return [(0.0, w[0], row.labels[0], "center")]

    def _label(self, index: int, cell: int, text: str, align: str, width: float) -> CJKText:
        key = (index, cell)
        label = self._labels.get(key)
        if label is None:
            size = self.size + 0.5 if self.rows[index].kind == SECTION else self.size
            label = self._labels[key] = CJKText(text, size=size, align=align)
        label.wrap(width - 2 * PAD_X, 1e6)
        return label

    @staticmethod
    def _content_height(value: Any, width: float) -> float:
        if isinstance(value, list):
            return float(sum(item.wrap(width, 1e6)[1] for item in value))
        return float(value.wrap(width, 1e6)[1])

    def _row_height(self, index: int) -> float:
        row = self.rows[index]
        if row.height is not None:
            return row.height
        tallest = 0.0
        for cell, (_x, width, text, align) in enumerate(self._label_cells(row)):
            tallest = max(tallest, self._label(index, cell, text, align, width).height)
        for _x, width, value in self._cells(row):
            tallest = max(tallest, self._content_height(value, width - 2 * PAD_X))
        return tallest + 2 * PAD_Y

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [self._row_height(i) for i in range(len(self.rows))]
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self._heights:
            self.wrap(availWidth, availHeight)
        used, fit = 0.0, 0
        for height in self._heights:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        if fit == 0 or fit == len(self.rows):
            return []
        return [self._part(self.rows[:fit]), self._part(self.rows[fit:])]

    def _part(self, rows: list[GridRow]) -> FormGrid:
        return FormGrid(rows, self.widths, size=self.size, label_bg=self.label_bg, section_bg=self.section_bg)

    # -- drawing --------------------------------------------------------------------------------------------
    def draw(self) -> None:
        canvas = self.canv
        key = (tuple((r.kind, r.labels) for r in self.rows), tuple(round(h, 3) for h in self._heights),
               tuple(self.widths), self.size)
        cache: dict[Any, str] = canvas.__dict__.setdefault("_fieldbook_skeletons", {})
        name = cache.get(key)
        if name is None:
            name = cache[key] = f"FormSkeleton{len(cache)}"
            canvas.beginForm(name, 0, 0, self.width, self.height)
            self._draw_skeleton(canvas)
            canvas.endForm()
        canvas.doForm(name)
        top = self.height
        for row, height in zip(self.rows, self._heights, strict=True):
            for x, width, value in self._cells(row):
                self._draw_value(canvas, value, x, top, width, height, row.top)
            top -= height

    def _draw_value(self, canvas: Any, value: Any, x: float, top: float, width: float, height: float,
                    at_top: bool) -> None:
        items = value if isinstance(value, list) else [value]
        inner = width - 2 * PAD_X
        sizes = [item.wrap(inner, 1e6) for item in items]
        content = sum(h for _w, h in sizes)
        y = top - PAD_Y if at_top else top - (height - content) / 2
        for item, (item_width, item_height) in zip(items, sizes, strict=True):
            y -= item_height
            offset = getattr(item, "hAlign", "LEFT")
            shift = (inner - item_width) / 2 if offset == "CENTER" else 0.0
            item.drawOn(canvas, x + PAD_X + shift, y)

    def _draw_skeleton(self, canvas: Any) -> None:
        top = self.height
        canvas.setLineWidth(GRID_WIDTH)
        canvas.setStrokeColorRGB(0, 0, 0)
        for index, (row, height) in enumerate(zip(self.rows, self._heights, strict=True)):
            bottom = top - height
            shade = self.section_bg if row.kind == SECTION else self.label_bg
            canvas.setFillColor(shade)
            for x, width, _text, _align in self._label_cells(row):
                canvas.rect(x, bottom, width, height, stroke=0, fill=1)
            canvas.setFillColorRGB(0, 0, 0)
            for cell, (x, width, text, align) in enumerate(self._label_cells(row)):
                label = self._label(index, cell, text, align, width)
                label.drawOn(canvas, x + PAD_X, bottom + (height - label.height) / 2)
            if index:
                canvas.line(0, top, self.width, top)
            edges = {PAIR: (1, 2, 3), WIDE: (1,), SECTION: ()}[row.kind]
            for edge in edges:
                x = sum(self.widths[:edge])
                canvas.line(x, bottom, x, top)
            top = bottom
        canvas.setLineWidth(BOX_WIDTH)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
