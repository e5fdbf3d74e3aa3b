"""Collect every translatable string of app/ into fieldbook_zh_CN.ts (existing translations are kept).

    .venv/bin/python resources/i18n/update_catalog.py

Then translate the entries marked ``type="unfinished"`` (Qt Linguist: ``pyside6-linguist``, or any editor).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "resources" / "i18n" / "fieldbook_zh_CN.ts"]


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts)


def lupdate(ts: Path) -> None:
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    subprocess.run([str(binary), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none", "-silent"],
                   check=True, cwd=ROOT)


if __name__ == "__main__":
    for catalogue in CATALOGUES:
        lupdate(catalogue)
        print(f"updated {catalogue.relative_to(ROOT)}")
