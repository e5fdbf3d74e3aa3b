"""Collect every translatable string of app/ into fieldbook_zh_CN.ts, keeping existing translations.

    .venv/bin/python resources/i18n/update_catalog.py

Strings are found with Python's own parser: ``translate("Context", "text", **params)`` and
``QT_TRANSLATE_NOOP("Context", "text")`` (pyside6-lupdate skips calls that carry keyword arguments, and we
fill placeholders after translation through keywords, so we extract ourselves). The output is the standard
Qt Linguist format; ``pyside6-lrelease`` compiles it and ``pyside6-linguist`` edits it. New strings are
marked ``type="unfinished"``; strings no longer used are dropped.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "resources" / "i18n" / "fieldbook_zh_CN.ts"]
#: ``noop`` and ``_`` are the aliases of QT_TRANSLATE_NOOP some modules use for tables of labels
MARKERS = {"translate", "QT_TRANSLATE_NOOP", "noop", "_"}


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts)


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def extract(paths: list[Path] | None = None) -> dict[str, list[str]]:
    """{context: [source, ...]} in order of first appearance."""
    found: dict[str, list[str]] = {}
    for path in paths or sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in MARKERS and len(node.args) >= 2):
                continue
            context, text = node.args[0], node.args[1]
            if isinstance(context, ast.Constant) and isinstance(text, ast.Constant) \
                    and isinstance(context.value, str) and isinstance(text.value, str):
                bucket = found.setdefault(context.value, [])
                if text.value not in bucket:
                    bucket.append(text.value)
    return found


def existing(ts: Path) -> dict[tuple[str, str], str]:
    if not ts.exists():
        return {}
    result = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own catalogue
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") != "unfinished" and translation.text:
                result[(name, message.findtext("source") or "")] = translation.text
    return result


def write(ts: Path, strings: dict[str, list[str]], language: str = "zh_CN") -> tuple[int, int]:
    known = existing(ts)
    root = ET.Element("TS", version="2.1", language=language)
    done = todo = 0
    for context in sorted(strings):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source in strings[context]:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            if (context, source) in known:
                translation.text = known[(context, source)]
                done += 1
            else:
                translation.set("type", "unfinished")
                todo += 1
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return done, todo


if __name__ == "__main__":
    strings = extract()
    for catalogue in CATALOGUES:
        done, todo = write(catalogue, strings)
        print(f"{catalogue.relative_to(ROOT)}: {done} translated, {todo} to translate", file=sys.stderr)
