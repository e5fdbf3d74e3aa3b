"""Simplified Chinese is the default language and must be complete and current."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from app import i18n
from resources.i18n.update_catalog import CATALOGUES, lupdate

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """The committed catalogue updated with the current sources (as the developer should have done)."""
    target = tmp_path_factory.mktemp("ts") / "fieldbook_zh_CN.ts"
    shutil.copy(CATALOGUES[0], target)
    lupdate(target)
    return ET.parse(target)


def _messages(tree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation")


def test_every_string_is_translated(fresh_catalogue):
    missing = [f"{ctx}: {src}" for ctx, src, tr in _messages(fresh_catalogue)
               if tr is None or tr.get("type") in {"unfinished", "vanished", "obsolete"} or not (tr.text or "").strip()]
    assert missing == [], f"{len(missing)} strings lack a Chinese translation (run resources/i18n/update_catalog.py):\n" + \
        "\n".join(missing[:40])


def test_placeholders_survive_translation(fresh_catalogue):
    wrong = [f"{ctx}: {src} -> {tr.text}" for ctx, src, tr in _messages(fresh_catalogue)
             if tr is not None and tr.text and set(PLACEHOLDER.findall(src)) != set(PLACEHOLDER.findall(tr.text))]
    assert wrong == []


def test_chinese_installed_by_default():
    assert i18n.install(None) == "zh_CN"
    assert i18n.translate("Auth", "Wrong user name or password.") != "Wrong user name or password."
    assert i18n.install("en") == "en"
