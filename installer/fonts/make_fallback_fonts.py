"""Make the fallback fonts of ``resources/fonts/`` for the CJK ideographs that Droid Sans Fallback lacks.

Run by hand when the sources change (needs fontTools, a test dependency, and Debian's fonts-hanazono and
fonts-babelstone-han)::

    .venv/bin/python installer/fonts/make_fallback_fonts.py

- ``HanaMinB.ttf`` is Debian's file unchanged (Hanazono Mincho B, GlyphWiki: CJK Extensions B–F, ≈ 60,000
  ideographs; "Hanazono Font License" or SIL OFL 1.1).
- ``FieldbookHanSup.ttf`` is the subset of ``HanaMinA.ttf`` (Hanazono Mincho A) with the CJK ideographs neither
  Droid Sans Fallback nor HanaMinB has (the newest URO characters, Extension A's gaps, compatibility ideographs,
  radicals), renamed: a modified Hanazono font under the Hanazono Font License, which allows modification
  without conditions (its alternative, the OFL, reserves the names "HanaMinA" and "HanaMinB").
- ``FieldbookBabelStoneExt.ttf`` is the subset of ``BabelStoneHan.ttf`` (BabelStone Han 15.0.5) with the CJK
  ideographs that none of the fonts above has — Extensions G and H, the gaps of B–F — renamed, a modified font
  under the Arphic Public License (which requires the notice of modification this script writes into its names).

Every font here is TrueType (glyf) with fsType 0 (installable embedding), so reportlab embeds subsets of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "fonts"
HANAZONO = Path("/usr/share/fonts/truetype/hanazono")
BABELSTONE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")

#: the code points a household register's names and addresses may use: CJK ideographs of every block
CJK_RANGES = (
    (0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x2FF0, 0x2FFF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF),
    (0x2CEB0, 0x2EBEF), (0x2EBF0, 0x2EE5F), (0x2F800, 0x2FA1F), (0x30000, 0x3134F), (0x31350, 0x323AF),
)


def cjk(codes: set[int]) -> set[int]:
    return {c for c in codes if any(a <= c <= b for a, b in CJK_RANGES)}


def cmap_of(path: Path) -> set[int]:
    return set(TTFont(path, lazy=True).getBestCmap())


def make_subset(source: Path, codes: set[int], target: Path, family: str, notice: str) -> None:
    options = subset.Options()
    options.layout_features = []  # no shaping tables: reportlab draws glyphs by cmap only
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(source)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(codes))
    sub.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 21):
            names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(family.replace(" ", ""), 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(f"{family}; {notice}", 3, record.platformID, record.platEncID, record.langID)
    names.setName(notice, 0, 3, 1, 0x409)
    font.save(target)
    print(f"{target.name}: {len(codes)} characters, {target.stat().st_size / 1e6:.1f} MB")


def main() -> int:
    droid = cmap_of(OUT / "DroidSansFallbackFull.ttf")
    hana_b = cmap_of(HANAZONO / "HanaMinB.ttf")
    target_b = OUT / "HanaMinB.ttf"
    target_b.write_bytes((HANAZONO / "HanaMinB.ttf").read_bytes())
    have = droid | hana_b
    sup = cjk(cmap_of(HANAZONO / "HanaMinA.ttf")) - have
    make_subset(HANAZONO / "HanaMinA.ttf", sup, OUT / "FieldbookHanSup.ttf", "Fieldbook Han Sup",
                "Subset of Hanazono Mincho A (GlyphWiki Project) made for Fieldbook; Hanazono Font License")
    have |= sup
    ext = cjk(cmap_of(BABELSTONE)) - have
    make_subset(BABELSTONE, ext, OUT / "FieldbookBabelStoneExt.ttf", "Fieldbook BabelStone Ext",
                "Modified (subset) by Fieldbook from BabelStone Han 15.0.5 (Arphic Technology, Andrew West); "
                "Arphic Public License")
    return 0


if __name__ == "__main__":
    sys.exit(main())
