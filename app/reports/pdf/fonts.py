"""The fonts of every PDF Fieldbook writes, mixed-font text, and line breaking for Chinese text.

**Fonts.** TrueType (glyf) fonts shipped in ``resources/fonts/`` with their licences, tried per character in
this order (:data:`STACK`):

1. ``NotoSansMono-Regular.ttf`` (Noto Sans Mono, SIL OFL 1.1) for Latin letters, digits and ASCII punctuation,
   which the CJK font does not have at all (Debian pairs the two the same way: fonts-droid-fallback recommends
   fonts-noto-mono). Monospaced digits also line up IDs and amounts in a form.
2. ``DroidSansFallbackFull.ttf`` (Droid Sans Fallback, Apache-2.0): Chinese, the unified ideographs and
   Extension A, full-width punctuation.
3. ``HanaMinB.ttf`` (Hanazono Mincho B, GlyphWiki): CJK Extensions B–F, ≈ 60,000 ideographs (𠮷, 𡈼 …).
4. ``FieldbookHanSup.ttf`` (a subset of Hanazono Mincho A): the few ideographs 2 and 3 lack (new URO
   characters, compatibility ideographs, radicals).
5. ``FieldbookBabelStoneExt.ttf`` (a subset of BabelStone Han): Extensions G and H as far as any free font has
   them (3,045 of G's 4,939 characters).

Names in household registers use all of these (see ``installer/fonts/make_fallback_fonts.py`` for how 4 and 5
are made). reportlab's :class:`TTFont` embeds only the glyphs a document uses (subsets, as ``/FontFile2``), so a
PDF reads the same on every viewer and printer and stays small, unlike the built-in CID font STSong-Light, which
is *not* embedded. The Latin and Droid fonts are registered on first use (:func:`register_fonts`); the three
fallback fonts (36 MB) only when a character needs them (:func:`register_fallbacks`).

**A character no font has** is drawn as 〓 (U+3013, the typesetter's mark for a missing character) and never
dropped: the text layer still carries the real character (a ``/ActualText`` span, so copying or ``pdftotext``
give it back), and :func:`collect_missing` tells the caller which characters were replaced, to log and show.

**Text extraction of Extensions B+.** reportlab writes each subset's ``/ToUnicode`` map with 4 hex digits per
character, which truncates a code point above U+FFFF (𠮷 U+20BB7 came out as U+20BB); :func:`_to_unicode_cmap`
replaces its ``makeToUnicodeCMap`` with one that writes UTF-16 (surrogate pairs), as the PDF reference asks.

Text is cut into runs by which font has each character (:func:`runs`); :func:`text_width` and
:func:`draw_text` measure and draw such text on a canvas, :class:`CJKText` is the flowable the layouts use.

**Line breaking.** Chinese may break between any two characters, but an 18-digit citizen ID, a contract number,
an amount or a Latin word must stay whole, and closing punctuation must not start a line (nor opening punctuation
end one). reportlab's ``wordWrap='CJK'`` breaks anywhere, and its normal wrap breaks only at spaces and re-joins
words with a space. :func:`tokens` cuts text into unbreakable units — one CJK character (with the punctuation
that clings to it), or one run of non-CJK, non-space characters — and :func:`wrap_lines` packs them greedily.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import Flowable

from app.i18n import translate
from app.paths import RESOURCES

log = logging.getLogger(__name__)

FONT_DIR = RESOURCES / "fonts"
FONT_FILE = FONT_DIR / "DroidSansFallbackFull.ttf"
LATIN_FONT_FILE = FONT_DIR / "NotoSansMono-Regular.ttf"
#: the registered names; no font has a bold face, so headings use size, not weight
FONT = "FieldbookCJK"
LATIN = "FieldbookLatin"
#: (registered name, file) of the fonts tried after the Latin and the Droid font, in this order
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("FieldbookHanB", "HanaMinB.ttf"),
    ("FieldbookHanSup", "FieldbookHanSup.ttf"),
    ("FieldbookHanExt", "FieldbookBabelStoneExt.ttf"),
)
#: every font file, in the order the stack tries them (the GUI registers the same files with Qt)
STACK_FILES = (LATIN_FONT_FILE, FONT_FILE, *(FONT_DIR / name for _, name in FALLBACKS))
LICENSE_FILES = (FONT_DIR / "LICENSE-DroidSansFallback.txt", FONT_DIR / "LICENSE-NotoSansMono.txt",
                 FONT_DIR / "LICENSE-Hanazono.txt", FONT_DIR / "LICENSE-BabelStoneHan.txt")
#: drawn for a character no font has (in the Droid font); the text layer keeps the real character
REPLACEMENT = "\u3013"

_lock = threading.Lock()
_latin_chars: frozenset[int] = frozenset()
_cjk_chars: frozenset[int] = frozenset()
_fallback_chars: tuple[tuple[str, frozenset[int]], ...] | None = None
#: the characters replaced while a :func:`collect_missing` block runs (per thread / task)
_missing: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("fieldbook_missing_glyphs", default=None)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with UTF-16BE destinations (surrogate pairs above U+FFFF)."""
    cmap = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # see the module docstring: reportlab truncates above U+FFFF


def register_fonts() -> str:
    """Register the Latin and the CJK font with reportlab (once per process); returns the CJK font's name."""
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


def register_fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """Register the fallback fonts (once per process, ≈ 0.3 s); returns (name, characters) of each."""
    global _fallback_chars
    if _fallback_chars is None:
        with _lock:
            if _fallback_chars is None:
                from reportlab.pdfbase.ttfonts import TTFont

                found = []
                for name, file in FALLBACKS:
                    font = TTFont(name, str(FONT_DIR / file))
                    pdfmetrics.registerFont(font)
                    found.append((name, frozenset(font.face.charToGlyph)))
                _fallback_chars = tuple(found)
    return _fallback_chars


@lru_cache(maxsize=8192)
def _font_or_none(char: str) -> str | None:
    """The font that draws ``char``, or None when no font has it. Latin font for what it has below U+2000
    (letters, digits, ASCII and Latin-1 punctuation, the space); the CJK font for the rest it has (ideographs,
    full-width punctuation, “” in their Chinese width); then the fallbacks."""
    register_fonts()
    code = ord(char)
    if code < 0x2000 and code in _latin_chars:
        return LATIN
    if code in _cjk_chars:
        return FONT
    if code in _latin_chars:
        return LATIN
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or 0xFE00 <= code <= 0xFE0F \
            or 0xE0100 <= code <= 0xE01EF or code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        return FONT  # controls, joiners and variation selectors draw nothing in any font: not "missing"
    for name, chars in register_fallbacks():
        if code in chars:
            return name
    return None


def font_for(char: str) -> str:
    """The font that draws ``char`` (the CJK font, drawing :data:`REPLACEMENT`, when none has it)."""
    return _font_or_none(char) or FONT


def is_missing(char: str) -> bool:
    return _font_or_none(char) is None


@contextlib.contextmanager
def collect_missing() -> Iterator[set[str]]:
    """Collect, into the set yielded, every character drawn as :data:`REPLACEMENT` inside the block."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)
        if found:
            log.warning("%d character(s) with no glyph in any font were printed as %s: %s", len(found),
                        REPLACEMENT, " ".join(f"U+{ord(c):04X}" for c in sorted(found)))


def missing_glyphs_message(chars: set[str] | frozenset[str] | tuple[str, ...]) -> str:
    """One translated line naming the characters printed as the replacement mark (for the CLI and the GUI)."""
    return translate("Printing", "{n} character(s) have no glyph in any font and were printed as {mark} (the "
                                 "PDF's text keeps them): {codes}.", n=len(chars), mark=REPLACEMENT,
                     codes=" ".join(f"{c} U+{ord(c):04X}" for c in sorted(chars)))


@lru_cache(maxsize=65536)
def runs(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (font name, piece) runs; a character no font has is a run of its own (font None)."""
    out: list[tuple[str, str]] = []
    for char in text:
        font = _font_or_none(char)
        if font is not None and out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))  # type: ignore[arg-type]  # None marks a missing glyph
    return tuple(out)


def _measure(font: str | None, piece: str, size: float) -> float:
    if font is None:
        return float(pdfmetrics.stringWidth(REPLACEMENT, FONT, size)) * len(piece)
    return float(pdfmetrics.stringWidth(piece, font, size))


@lru_cache(maxsize=65536)
def text_width(text: str, size: float) -> float:
    return float(sum(_measure(font, piece, size) for font, piece in runs(text)))


def _actual_text(char: str) -> str:
    return "<FEFF" + char.encode("utf-16-be").hex().upper() + ">"


def draw_text(canvas: Any, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw mixed Chinese / Latin ``text`` with its baseline at ``y``; ``align`` is left, center or right of x."""
    out = canvas.beginText()
    text_line(out, x, y, text, size, align)
    canvas.drawText(out)


def text_line(out: Any, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Add ``text`` to the text object ``out`` (one per cell or footer: a text object per run costs a third of
    a batch's time) with its baseline at ``y``; ``align`` is left, center or right of x."""
    if align == "center":
        x -= text_width(text, size) / 2
    elif align == "right":
        x -= text_width(text, size)
    out.setTextOrigin(x, y)
    for font, piece in runs(text):
        if font is None:
            missing = _missing.get()
            if missing is not None:
                missing.add(piece)
            out.setFont(FONT, size)
            # the page shows the replacement, the text layer keeps the character (PDF 1.5 ActualText span)
            out._code.append(f"/Span <</ActualText {_actual_text(piece)}>> BDC")
            out.textOut(REPLACEMENT)
            out._code.append("EMC")
            continue
        out.setFont(font, size)
        out.textOut(piece)


# -- tokens ----------------------------------------------------------------------------------------------------
#: ideographs, kana, hangul, CJK punctuation and full-width forms: a break may come before or after each
_CJK = (r"\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF"
        r"\uA960-\uA97F\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF")
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
    return list(_wrap_lines(text, font, size, width))


@lru_cache(maxsize=16384)  # the labels and many values of a form repeat on every page of a batch
def _wrap_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
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
    return tuple(lines)


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
        x = {"center": self._avail / 2, "right": self._avail}.get(self.align, 0.0)
        out = canvas.beginText()
        for line in self._lines:
            if line:
                text_line(out, x, y, line, self.size, self.align)
            y -= self.leading
        canvas.drawText(out)
