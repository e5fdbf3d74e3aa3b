"""Keys for many new rows at once: time-ordered UUIDs (the UUIDv7 layout of RFC 9562).

Random (version 4) keys land on random pages of every primary-key index and of the audit log's record index;
once those outgrow the page cache each insert pays a page read and a decryption. Keys that start with the
time append at the right edge instead. They stay unique across nodes (62 random bits per generator, a
counter within it) and are valid UUIDs. ``uuid.uuid4()`` remains right for a single record.
"""

from __future__ import annotations

import secrets
import time
import uuid


class TimeOrderedIds:
    """``ids()`` returns the next key; keys of one generator increase."""

    def __init__(self) -> None:
        self._millis = time.time_ns() // 1_000_000
        self._counter = secrets.randbits(12) << 32
        self._random = secrets.randbits(30) << 32

        self._base = self._make_base()

    def _make_base(self) -> int:
        return (self._millis & 0xFFFFFFFFFFFF) << 80 | 0x7 << 76 | 0b10 << 62 | self._random

    def __call__(self) -> uuid.UUID:
        self._counter += 1
        if self._counter >= 1 << 44:
            self._millis += 1
            self._counter = 0
            self._base = self._make_base()
        counter = self._counter
        return uuid.UUID(int=self._base | (counter >> 32 & 0xFFF) << 64 | (counter & 0xFFFFFFFF))
