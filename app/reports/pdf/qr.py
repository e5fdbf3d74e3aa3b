"""QR codes drawn straight onto the canvas from reportlab's own encoder (no new dependency).

reportlab's ``QrCodeWidget`` builds one graphics node per dark module and measures them all again for its
bounds: about 80 ms a code, 40 s for a batch of 500 records. Here the module matrix comes from
:mod:`reportlab.graphics.barcode.qrencoder` and each row's runs of dark modules become one rectangle.

The encoder would also try all eight mask patterns and keep the one with the lowest penalty score (≈ 10 ms a
code). Every mask pattern is valid and decodable (the pattern in use is written into the code's format
information); the penalty only steers away from patterns that look like finder marks. The codes printed here
are short and always the same shape, so :data:`MASK` is a pattern chosen once by that penalty for a typical code
and used for every code.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

#: the mask pattern for every code (see the module docstring); 0-7
MASK = 2
QUIET = 2  # modules of white border (the box around the code adds to it)


@lru_cache(maxsize=2048)
def qr_matrix(text: str, level: str = "M", mask: int | None = MASK) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``text`` (``mask`` None: the encoder's own choice, slower)."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)
    code.version = code.calculate_version()  # type: ignore[no-untyped-call]  # unannotated in types-reportlab
    if mask is None:
        code.make()
    else:
        code.makeImpl(False, mask)
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


class QrMark(Flowable):
    """A square QR code of ``side`` points."""

    def __init__(self, text: str, side: float) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = side

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # one "re" operator per run of dark modules, written as PDF text: building a reportlab path formats each
        # number through its generic float formatter (a fifth of a batch's time went here)
        matrix = qr_matrix(self.text)
        count = len(matrix) + 2 * QUIET
        cell = self.width / count
        ops = []
        for r, row in enumerate(matrix):
            y = self.height - (r + QUIET + 1) * cell
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    ops.append(f"{(start + QUIET) * cell:.3f} {y:.3f} {(c - start) * cell:.3f} {cell:.3f} re")
                else:
                    c += 1
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.addLiteral("\n".join(ops) + "\nf")
        canvas.restoreState()
