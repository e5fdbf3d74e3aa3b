"""Strict parsing of what arrives from outside (HTTP headers, query values, JSON bodies, bundle headers): a value
is either exactly what was asked for or refused with ValueError, never an OverflowError, a RecursionError or a
float where a count was meant.

- integers are ASCII digits only (``str.isdigit`` also takes "²" and "٣", which ``int`` then refuses or reads);
- JSON has a bounded depth, no NaN or Infinity, and (unless allowed) no floats: ``1e400`` is not a size.
"""

from __future__ import annotations

import json
import re
from typing import Any

_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def ascii_int(text: str | None, max_digits: int = 18) -> int:
    """``text`` as a non-negative integer written with ASCII digits only (no sign, no spaces, no "²")."""
    if text is None or len(text) > max_digits or not _DIGITS.fullmatch(text):
        raise ValueError("not a count")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _no_float(text: str) -> Any:
    raise ValueError("a count was expected")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return value


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def loads(data: bytes | str, max_depth: int = 16, floats: bool = False) -> Any:
    """JSON from outside: ValueError if it is not JSON, nests deeper than ``max_depth``, holds NaN or Infinity, or
    holds a float (unless ``floats``; then only finite ones)."""
    try:
        value = json.loads(data, parse_constant=_no_constant, parse_float=_finite_float if floats else _no_float)
    except RecursionError as exc:  # CPython's scanner gives up around depth 1,000
        raise ValueError("nested too deeply") from exc
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8") from exc
    if depth(value) > max_depth:
        raise ValueError("nested too deeply")
    return value


def loads_fast(data: bytes | str) -> Any:
    """JSON of a bundle's change batch or manifest (large, already authenticated): the C scanner's speed, but no
    RecursionError escapes and no NaN or Infinity is taken."""
    try:
        return json.loads(data, parse_constant=_no_constant)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
