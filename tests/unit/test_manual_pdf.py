"""The user guide builds to a PDF with its contents, every chapter and every screenshot it names."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pypdf

MANUAL = Path(__file__).resolve().parents[2] / "docs" / "manual"
#: what the guide must cover (the issue's list); the chapters are titled in Chinese
REQUIRED = ("安装", "首次使用", "入户回访", "用途核查", "数据交换", "打印", "备份与恢复", "恢复码", "出现问题怎么办")


def _builder():
    spec = importlib.util.spec_from_file_location("manual_build", MANUAL / "build_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_manual_builds_with_contents_and_chapters(tmp_path: Path) -> None:
    build = _builder()
    chapters = build.chapter_titles()
    assert len(chapters) >= 9
    out = build.build(tmp_path / "manual.pdf")
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) > 10
    text = _squeeze("\n".join(page.extract_text() for page in reader.pages))
    contents = _squeeze(reader.pages[1].extract_text())
    assert "目录" in contents
    for chapter in chapters:
        assert _squeeze(chapter) in contents, chapter  # listed in the contents
        assert text.count(_squeeze(chapter)) >= 2, chapter  # and there as a heading
    for topic in REQUIRED:
        assert topic in text, topic
    # the outline (bookmarks) has one entry per chapter at the top level
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == chapters


def test_every_image_the_manual_names_exists() -> None:
    source = (MANUAL / "manual.md").read_text(encoding="utf-8")
    names = re.findall(r"!\[[^\]]*\]\(images/([^)]+)\)", source)
    assert names
    missing = [n for n in names if not (MANUAL / "images" / n).exists()]
    assert not missing, f"run docs/manual/make_screenshots.py: {missing}"
    spec = importlib.util.spec_from_file_location("shots", MANUAL / "make_screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    assert {n.removesuffix(".png") for n in names} <= set(shots.SHOTS), "the script must take what the guide shows"
