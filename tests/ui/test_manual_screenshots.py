"""docs/manual/make_screenshots.py reaches every screen of the guide on a small demo node (~200 households)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "manual" / "make_screenshots.py"


def _expected() -> dict[str, str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("shots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SHOTS


def _blank(image: QImage) -> bool:
    """One colour everywhere (sampled on a grid): nothing was drawn."""
    first = image.pixel(0, 0)
    return all(image.pixel(x, y) == first for x in range(0, image.width(), 37) for y in range(0, image.height(), 29))


def test_every_screen_of_the_guide_is_reached(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), "--households", "200"],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in _expected():
        path = tmp_path / f"{name}.png"
        assert path.exists(), name
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 400 and image.height() >= 300, name
        assert not _blank(image), name
    # the main window is grabbed at the laptop screen's size, at 100 % and at 125 % (same pixels, fewer points)
    for name in ("workbench", "workbench-125"):
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1366, 768), name
