"""Pinyin initials of Chinese names, so typing ``zs`` finds 张三 (and ``zhs`` does not mislead)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pypinyin import Style, lazy_pinyin


def _keep_alnum(text: str) -> list[str]:
    return [c for c in text if c.isalnum()]


@lru_cache(maxsize=65536)
def pinyin_initials(name: str) -> str:
    """Lower-case initials; heteronyms use pypinyin's most common reading (good enough for surnames)."""
    # pypinyin's documented callback may return a list (one item per character); its annotation says str only
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=_keep_alnum)  # type: ignore[arg-type]
    return "".join(part[:1] for part in letters).lower()


def pinyin_initials_many(names: Iterable[str]) -> list[str]:
    """:func:`pinyin_initials` of many names at once (imports, the demo): the same result, far faster.

    pypinyin reads a character alone by its first reading and inside a phrase of its dictionary by the phrase's.
    So a name's initials are its characters' own initials (each looked up once, whatever the number of names),
    unless it holds a character whose readings start with different letters (长 chang/zhang, 单 dan/shan) *and*
    part of it is a dictionary phrase: only such names go through pypinyin whole."""
    from pypinyin.constants import PHRASES_DICT

    result = []
    for name in names:
        if any(_ambiguous(char) for char in name) and _has_phrase(name, PHRASES_DICT):
            result.append(pinyin_initials(name))
        else:
            result.append("".join([_character_initial(char) for char in name]))
    return result


def _has_phrase(name: str, phrases: Mapping[str, object]) -> bool:
    """Whether pypinyin would read part of the name as a phrase (only then can a character's reading differ
    from its own first reading)."""
    size = len(name)
    return any(name[i:j] in phrases for i in range(size) for j in range(i + 2, size + 1))


@lru_cache(maxsize=65536)
def _character_initial(char: str) -> str:
    return pinyin_initials(char)


@lru_cache(maxsize=65536)
def _ambiguous(char: str) -> bool:
    """Whether the character's readings (pypinyin's own dictionary) do not all start with the same letter."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char), "")
    return len({unicodedata.normalize("NFD", reading)[:1] for reading in readings.split(",") if reading}) > 1
