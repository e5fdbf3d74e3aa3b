"""Collect every translatable string of app/ into fieldbook_zh_CN.ts, keeping existing translations.

    .venv/bin/python resources/i18n/update_catalog.py

Strings are found with Python's own parser: ``translate("Context", "text", **params)`` and
``QT_TRANSLATE_NOOP("Context", "text")`` (pyside6-lupdate skips calls that carry keyword arguments, and we
fill placeholders after translation through keywords, so we extract ourselves), and the literals given to the
few helpers in ``HELPERS`` that translate in a fixed context (the refusals of data exchange). The output is the standard
Qt Linguist format; ``pyside6-lrelease`` compiles it and ``pyside6-linguist`` edits it. New strings are
marked ``type="unfinished"``; strings no longer used are dropped.

As a git merge driver (``.gitattributes`` names it; register it once per clone with
``git config merge.fbcatalog.driver "python3 resources/i18n/update_catalog.py --merge %O %A %B"``)
it writes the union of both sides' messages and translations into ``%A``, so two branches that each add
strings never conflict on this generated file; run the script plainly afterwards to drop unused strings.
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
#: helpers that translate a literal they are given in a fixed context: name → (context, position of the text).
#: The refusals of data exchange (app/sync) are made this way; without this they would stay English in Chinese.
HELPERS = {"_refuse": ("Sync", 0), "refusal": ("Sync", 0), "refused": ("Sync", 1), "forbidden": ("Sync", 1)}


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
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in HELPERS:
                helper_context, position = HELPERS[name]
                if len(node.args) > position:
                    text = node.args[position]
                    if isinstance(text, ast.Constant) and isinstance(text.value, str):
                        bucket = found.setdefault(helper_context, [])
                        if text.value not in bucket:
                            bucket.append(text.value)
                continue
            if not (name in MARKERS and len(node.args) >= 2):
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
    write_known(ts, strings, known, language)
    done = sum(1 for context, sources in strings.items() for source in sources if (context, source) in known)
    return done, sum(len(sources) for sources in strings.values()) - done


def messages(ts: Path) -> dict[str, list[str]]:
    """{context: [source, ...]} of a catalogue file, in file order."""
    found: dict[str, list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own catalogue
        bucket = found.setdefault(context.findtext("name") or "", [])
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source not in bucket:
                bucket.append(source)
    return found


def merge(ours: Path, theirs: Path) -> None:
    """Union of two catalogues' messages and translations, written into ``ours`` (ours wins a disagreement)."""
    strings = messages(ours)
    for context, sources in messages(theirs).items():
        bucket = strings.setdefault(context, [])
        bucket.extend(s for s in sources if s not in bucket)
    known = {**existing(theirs), **existing(ours)}
    tmp = ours.with_suffix(".merging")
    write_known(tmp, strings, known)
    tmp.replace(ours)


def write_known(ts: Path, strings: dict[str, list[str]], known: dict[tuple[str, str], str],
                language: str = "zh_CN") -> None:
    root = ET.Element("TS", version="2.1", language=language)
    for context in sorted(strings):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source in strings[context]:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            if (context, source) in known:
                translation.text = known[(context, source)]
            else:
                translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "--merge":
    merge(Path(sys.argv[3]), Path(sys.argv[4]))
elif __name__ == "__main__":
    strings = extract()
    for catalogue in CATALOGUES:
        done, todo = write(catalogue, strings)
        print(f"{catalogue.relative_to(ROOT)}: {done} translated, {todo} to translate", file=sys.stderr)
