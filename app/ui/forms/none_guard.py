"""Workaround: PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call of a method that
returns void (``QTimer.start()``, ``QLabel.setText()``, …). A form makes thousands of such calls while a cadre
types, and after about 4,000 CPython aborts with "Fatal Python error: none_dealloc". The same fault for ``True``
in ``emit`` is handled in ``app/ui/qtcompat.py``; this belongs there too and should move when its owner can.

Detected at run time: if a void call loses a reference, ``None`` gets a reference count so large that it can
never reach zero (what CPython 3.12 does for every immortal object). On a fixed binding nothing changes.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QTimer

#: enough for any session: 2**40 void calls is years of typing
_HEADROOM = 1 << 40


def _void_call_drops_none() -> bool:
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(8):
        timer.stop()
    lost = before - sys.getrefcount(None)
    if lost > 0:
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost >= 8


def protect_none() -> bool:
    """Make ``None`` effectively immortal if the binding leaks its references; returns whether it did."""
    if sys.version_info >= (3, 12) or not _void_call_drops_none():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM
    return True


NONE_PROTECTED = protect_none()
