"""Simplified Chinese is the default language and must be complete and current."""

from __future__ import annotations

import re

from app import i18n
from resources.i18n.update_catalog import CATALOGUES, existing, extract

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_every_string_is_translated():
    translated = existing(CATALOGUES[0])
    missing = [f"{ctx}: {src}" for ctx, sources in extract().items() for src in sources
               if (ctx, src) not in translated]
    assert missing == [], (f"{len(missing)} strings lack a Chinese translation "
                           "(run resources/i18n/update_catalog.py and translate):\n" + "\n".join(missing[:40]))


def test_placeholders_survive_translation():
    wrong = [f"{ctx}: {src} -> {tr}" for (ctx, src), tr in existing(CATALOGUES[0]).items()
             if set(PLACEHOLDER.findall(src)) != set(PLACEHOLDER.findall(tr))]
    assert wrong == []


def test_extractor_sees_keyword_calls(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('x = translate("Ctx", "Hello {name}", name=1)\ny = QT_TRANSLATE_NOOP("Ctx", "Noop")\n'
                      'z = i18n.translate("Other", "A" "B")\n', encoding="utf-8")
    assert extract([sample]) == {"Ctx": ["Hello {name}", "Noop"], "Other": ["AB"]}


def test_extractor_sees_the_refusal_helpers_of_data_exchange(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('a = _refuse("Bad {x}.", x=1)\nb = refused(key, "Set aside.")\nc = forbidden(k, "No.")\n'
                      'd = refusal("Gone.")\ne = other(k, "Not a message.")\n', encoding="utf-8")
    assert extract([sample]) == {"Sync": ["Bad {x}.", "Set aside.", "No.", "Gone."]}


def test_chinese_installed_by_default():
    assert i18n.install(None) == "zh_CN"
    assert i18n.translate("Auth", "Wrong user name or password.") != "Wrong user name or password."
    assert i18n.install("en") == "en"


def test_translate_in_leaves_the_interface_language_alone():
    """Ledgers stay Chinese in an English window (app/reports/risk_ledgers.py) without a Qt import of their own."""
    assert i18n.install("en") == "en"  # as every test starts (tests/conftest.py)
    assert i18n.translate_in("zh_CN", "Roles", "Supervisor") == "督导人员"
    assert i18n.translate("Roles", "Supervisor") == "Supervisor"
    assert i18n.translate_in("en", "Roles", "Supervisor") == "Supervisor"
    assert i18n.translate_in("zh_CN", "Nowhere", "Not in the catalogue {n}", n=3) == "Not in the catalogue 3"


def _translating_helpers() -> dict[str, set[tuple[str, int]]]:
    """{name: {(context, position of the text parameter)}} of every function in app/ that hands one of its own
    parameters to ``translate`` as the text, with a literal context (the shape of ``_refuse``)."""
    import ast

    from resources.i18n.update_catalog import sources

    found: dict[str, set[tuple[str, int]]] = {}
    for path in sources():
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [a.arg for a in function.args.posonlyargs + function.args.args]
            for node in ast.walk(function):
                name = getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(node, ast.Call) else ""
                if (isinstance(node, ast.Call) and name == "translate"
                        and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[1], ast.Name) and node.args[1].id in params):
                    found.setdefault(function.name, set()).add((node.args[0].value, params.index(node.args[1].id)))
    return found


def test_every_translating_helper_is_collected():
    """A helper such as ``_refuse(text)`` translates what it is given: unless the catalogue tool knows it, the
    messages written at its calls never reach the catalogue (issue 16 found 64 bundle refusals that way)."""
    from resources.i18n.update_catalog import HELPERS

    helpers = _translating_helpers()
    assert helpers, "the scan finds the refusal helpers"
    for name, shapes in helpers.items():
        assert shapes == {HELPERS.get(name)}, f"{name} translates its parameter: list it in update_catalog.HELPERS"


def test_refusals_of_the_merge_and_the_bundle_reader_are_translated():
    i18n.install("zh_CN")
    try:
        from app.sync.merge.context import refused

        message = str(refused(("visits", "r1"), "The bundle from {sender} overwrites the submitted record {table} "
                                                "{record}; a submitted record is amended by a new version, never "
                                                "overwritten. The whole bundle was refused.",
                              sender="f1", table="visits", record="r1"))
        assert "r1" in message and "visits" in message and "overwrites" not in message
    finally:
        i18n.install("en")
