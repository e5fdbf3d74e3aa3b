"""The fonts of every PDF Fieldbook writes, mixed-font text, and line breaking for Chinese text.

**Fonts.** Two TrueType (glyf) fonts shipped in ``resources/fonts/`` with their licences:
``DroidSansFallbackFull.ttf`` (Droid Sans Fallback, Apache-2.0) for Chinese, and ``NotoSansMono-Regular.ttf``
(Noto Sans Mono, SIL OFL 1.1) for Latin letters, digits and ASCII punctuation, which the fallback font does not
have at all (Debian pairs the two the same way: fonts-droid-fallback recommends fonts-noto-mono). Monospaced
digits also line up IDs and amounts in a form. reportlab's :class:`TTFont` embeds only the glyphs a document
uses (subsets, as ``/FontFile2``), so a PDF reads the same on every viewer and printer, unlike the built-in CID
font STSong-Light, which is *not* embedded. Fonts are registered once, on first use (:func:`register_fonts`).

Text is cut into runs by which font has each character (:func:`runs`); :func:`text_width` and
:func:`draw_text` measure and draw such text on a canvas, :class:`CJKText` is the flowable the layouts use.

**Line breaking.** Chinese may break between any two characters, but an 18-digit citizen ID, a contract number,
an amount or a Latin word must stay whole, and closing punctuation must not start a line (nor opening punctuation
end one). reportlab's ``wordWrap='CJK'`` breaks anywhere, and its normal wrap breaks only at spaces and re-joins
words with a space. :func:`tokens` cuts text into unbreakable units — one CJK character (with the punctuation
that clings to it), or one run of non-CJK, non-space characters — and :func:`wrap_lines` packs them greedily.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from app.paths import RESOURCES

FONT_DIR = RESOURCES / "fonts"
FONT_FILE = FONT_DIR / "DroidSansFallbackFull.ttf"
LATIN_FONT_FILE = FONT_DIR / "NotoSansMono-Regular.ttf"
LICENSE_FILES = (FONT_DIR / "LICENSE-DroidSansFallback.txt", FONT_DIR / "LICENSE-NotoSansMono.txt")
#: the registered names; neither font has a bold face, so headings use size, not weight
FONT = "FieldbookCJK"
LATIN = "FieldbookLatin"

_lock = threading.Lock()
_latin_chars: frozenset[int] = frozenset()
_cjk_chars: frozenset[int] = frozenset()


def register_fonts() -> str:
    """Register both embedded fonts with reportlab (once per process); returns the CJK font's name."""
    global _latin_chars, _cjk_chars
    if _latin_chars:
        return FONT
    with _lock:
        if not _latin_chars:
            from reportlab.pdfbase.ttfonts import TTFont

            cjk, latin = TTFont(FONT, str(FONT_FILE)), TTFont(LATIN, str(LATIN_FONT_FILE))
            pdfmetrics.registerFont(cjk)
            pdfmetrics.registerFont(latin)
            _cjk_chars = frozenset(cjk.face.charToGlyph)
            _latin_chars = frozenset(latin.face.charToGlyph)
    return FONT


@lru_cache(maxsize=8192)
def font_for(char: str) -> str:
    """Latin font for what it has below U+2000 (letters, digits, ASCII and Latin-1 punctuation, the space);
    the CJK font for the rest it has (ideographs, full-width punctuation, “” in their Chinese width)."""
    register_fonts()
    code = ord(char)
    if code < 0x2000 and code in _latin_chars:
        return LATIN
    if code in _cjk_chars or code not in _latin_chars:
        return FONT
    return LATIN


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (font name, piece) runs."""
    out: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


@lru_cache(maxsize=65536)
def text_width(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text)))


def draw_text(canvas: Any, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw mixed Chinese / Latin ``text`` with its baseline at ``y``; ``align`` is left, center or right of x."""
    if align == "center":
        x -= text_width(text, size) / 2
    elif align == "right":
        x -= text_width(text, size)
    for font, piece in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)


# -- tokens ----------------------------------------------------------------------------------------------------
#: ideographs, kana, hangul, CJK punctuation and full-width forms: a break may come before or after each
_CJK = (r"\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF"
        r"\uA960-\uA97F\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF")
#: may not start a line: sticks to what comes before it
_NO_START = set("，。、；：？！）》」』】〕〉”’…—%‰·,.;:?!)]}、～")
#: may not end a line: sticks to what follows it
_NO_END = set("（《「『【〔〈“‘([{")
_UNIT = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")


def tokens(text: str) -> list[str]:
    """Unbreakable units of ``text``: whitespace runs, single CJK characters, runs of anything else (digits,
    Latin, ASCII punctuation: ``11010519491231002X``, ``BQ-2023-0001``, ``12,345.00``), with closing
    punctuation joined to the unit before it and opening punctuation to the unit after it."""
    out: list[str] = []
    pending_open = ""
    for unit in _UNIT.findall(text):
        if unit.isspace():
            if pending_open:
                out.append(pending_open)
                pending_open = ""
            out.append(unit)
            continue
        if unit in _NO_END:
            pending_open += unit
            continue
        unit = pending_open + unit
        pending_open = ""
        if out and unit[0] in _NO_START and not out[-1].isspace():
            out[-1] += unit
        else:
            out.append(unit)
    if pending_open:
        out.append(pending_open)
    return out


def _width(unit: str, _font: str, size: float) -> float:
    return text_width(unit, size)


def _hard_split(unit: str, font: str, size: float, width: float) -> Iterator[str]:
    """A unit wider than a whole line (a very long number or URL) is cut by characters: nothing else fits."""
    piece = ""
    for char in unit:
        if piece and _width(piece + char, font, size) > width:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points (explicit newlines are kept)."""
    lines: list[str] = []
    for paragraph in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line, line_width = "", 0.0
        for unit in tokens(paragraph):
            if unit.isspace():
                if line or not lines or not paragraph.startswith(unit):
                    # spaces inside a line are kept as typed (ideographic spaces lay out blanks to write in)
                    line += unit
                    line_width += _width(unit, font, size)
                continue
            unit_width = _width(unit, font, size)
            if line_width + unit_width <= width or not line.strip():
                if unit_width > width:
                    parts = list(_hard_split(unit, font, size, width - line_width if line.strip() else width))
                    for part in parts[:-1]:
                        lines.append((line + part).rstrip())
                        line = ""
                    line, line_width = line + parts[-1], _width(line + parts[-1], font, size)
                else:
                    line += unit
                    line_width += unit_width
                continue
            lines.append(line.rstrip())
            if unit_width > width:
                parts = list(_hard_split(unit, font, size, width))
                lines.extend(parts[:-1])
                line, line_width = parts[-1], _width(parts[-1], font, size)
            else:
                line, line_width = unit, unit_width
        lines.append(line.rstrip())
    return lines


class CJKText(Flowable):
    """Plain text in the embedded font, wrapped by :func:`wrap_lines` at layout time; splits across pages by
    lines. ``align`` is "left", "center" or "right"."""

    def __init__(self, text: str, size: float = 10, leading: float | None = None, align: str = "left",
                 color: Any = None) -> None:
        super().__init__()
        self.text = "" if text is None else str(text)
        self.size = size
        self.leading = leading or size * 1.35
        self.align = align
        self.color = color
        self._lines: list[str] = []
        self._avail = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        font = register_fonts()
        self._avail = availWidth
        self._lines = wrap_lines(self.text, font, self.size, max(availWidth, self.size))
        self.width = availWidth
        self.height = self.leading * len(self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fit = int(availHeight // self.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        head = CJKText("\n".join(self._lines[:fit]), self.size, self.leading, self.align, self.color)
        tail = CJKText("\n".join(self._lines[fit:]), self.size, self.leading, self.align, self.color)
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        if self.color is not None:
            canvas.setFillColor(self.color)
        # baseline: about 0.8 of the size below each line's top, leaving the leading's slack evenly
        y = self.height - self.leading + (self.leading - self.size) / 2 + self.size * 0.12
        for line in self._lines:
            x = {"center": self._avail / 2, "right": self._avail}.get(self.align, 0.0)
            draw_text(canvas, x, y, line, self.size, self.align)
            y -= self.leading
