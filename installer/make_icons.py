"""Draw the Fieldbook application icon with QPainter and write every format the installers need.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py

Writes (committed, so a build never needs to run this):
  resources/icons/fieldbook.svg           scalable (Linux hicolor/scalable, the window icon)
  resources/icons/fieldbook-<N>.png       N = 16 … 512 (Linux hicolor/NxN)
  resources/icons/fieldbook.ico           Windows: PNG-compressed entries 16 … 256 (Vista and later read them)

The picture: a green rounded tile (fields, growth) holding a white field notebook with a darker spine, ruled
lines, and an orange tick for a completed check. Each PNG is painted at its own size, not scaled down from a big
one, so the small sizes stay sharp.
"""

from __future__ import annotations

import os
import re
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TILE_TOP, TILE_BOTTOM = QColor("#1f9d74"), QColor("#0f6b52")
PAGE, SPINE, RULE, TICK = QColor("#ffffff"), QColor("#d9efe6"), QColor("#b9cbc4"), QColor("#f08a24")


def draw(painter: QPainter, size: float) -> None:
    """Paint the icon into the square (0, 0, size, size)."""
    s = size / 100.0  # design on a 100 × 100 grid
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)

    tile = QRectF(4 * s, 4 * s, 92 * s, 92 * s)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, TILE_TOP)
    gradient.setColorAt(1.0, TILE_BOTTOM)
    painter.setBrush(gradient)
    painter.drawRoundedRect(tile, 20 * s, 20 * s)

    # the notebook: page with a slight shadow, then the spine on the left
    painter.setBrush(QColor(0, 0, 0, 45))
    painter.drawRoundedRect(QRectF(25 * s, 20 * s, 54 * s, 64 * s), 6 * s, 6 * s)
    painter.setBrush(PAGE)
    page = QRectF(23 * s, 17 * s, 54 * s, 64 * s)
    painter.drawRoundedRect(page, 6 * s, 6 * s)
    spine = QPainterPath()
    spine.addRoundedRect(QRectF(23 * s, 17 * s, 13 * s, 64 * s), 6 * s, 6 * s)
    spine_clip = QPainterPath()
    spine_clip.addRect(QRectF(23 * s, 17 * s, 11 * s, 64 * s))
    painter.setBrush(SPINE)
    painter.drawPath(spine.intersected(spine_clip))

    # ruled lines (left out below 24 px, where they would only smudge)
    if size >= 24:
        pen = QPen(RULE, max(2.6 * s, 1.0))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for y in (32, 42, 52):
            painter.drawLine(QPointF(42 * s, y * s), QPointF(69 * s, y * s))
        painter.setPen(Qt.PenStyle.NoPen)

    # the tick: a completed check
    pen = QPen(TICK, max(7.5 * s, 1.6))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    tick = QPainterPath(QPointF(44 * s, 64 * s))
    tick.lineTo(QPointF(52 * s, 72 * s))
    tick.lineTo(QPointF(70 * s, 55 * s))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)


def render_png(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw(painter, float(size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(256, 256))
    generator.setViewBox(QRectF(0, 0, 256, 256))
    generator.setTitle("Fieldbook")
    generator.setDescription("Fieldbook application icon")
    painter = QPainter(generator)
    draw(painter, 256.0)
    painter.end()
    # QSvgGenerator states the size in millimetres; icon themes expect plain pixels
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("viewBox=")
    head = re.sub(r'width="[^"]*" height="[^"]*"', 'width="256" height="256"', head)
    path.write_text(head + sep + rest, encoding="utf-8")


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNG streams (the format Windows Vista and later read for every size)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    directory, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + directory + payload


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    write_svg(OUT / "fieldbook.svg")
    pngs = {size: render_png(size) for size in PNG_SIZES}
    for size, data in pngs.items():
        (OUT / f"fieldbook-{size}.png").write_bytes(data)
    (OUT / "fieldbook.ico").write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    for path in sorted(OUT.glob("fieldbook*")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
