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
