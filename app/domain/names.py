"""Pinyin initials of Chinese names, so typing ``zs`` finds 张三 (and ``zhs`` does not mislead)."""

from __future__ import annotations

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
