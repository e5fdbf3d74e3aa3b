"""Workarounds for bugs in the Qt bindings, each detected at run time rather than assumed from a version.

``emit(signal, *args)``: PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a reference
to it, so every ``signal.emit()`` made from Python drops one reference to ``True``. After a few hundred
emits CPython aborts with "Fatal Python error: bool_dealloc: deallocating True or False". The probe below
emits once and measures; if the reference is lost, ``emit`` gives it back. On a fixed binding it is a plain
emit. Every emit in ``app/ui`` goes through here; never pass ``signal.emit`` itself as a callback (connect
signal to signal instead). ``SignalInstance.disconnect`` has the same fault (it returns ``True`` unowned on
success, ``False`` on failure), so disconnecting goes through ``disconnect(signal, slot)``.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _give_back(value: bool, count: int = 1) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


def _drops_a_reference(call: Any) -> bool:
    """Whether ``call()`` (which returns True) loses one reference to True each time; repairs the damage."""
    before = sys.getrefcount(True)
    for _ in range(4):
        call()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _give_back(True, lost)
    return lost >= 4


def _probe_disconnect() -> bool:
    probe = _Probe()

    def slot() -> None:
        pass

    def cycle() -> None:
        probe.ping.connect(slot)
        probe.ping.disconnect(slot)

    return _drops_a_reference(cycle)


def _probe_emit() -> bool:
    probe = _Probe()
    return _drops_a_reference(probe.ping.emit)


EMIT_DROPS_TRUE = _probe_emit()
DISCONNECT_DROPS_TRUE = _probe_disconnect()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, safe on PySide6 6.12.0 (see the module docstring)."""
    signal.emit(*args)
    if EMIT_DROPS_TRUE:
        _give_back(True)


def disconnect(signal: SignalInstance, slot: Any) -> None:
    """``signal.disconnect(slot)`` for a slot known to be connected, safe on PySide6 6.12.0."""
    signal.disconnect(slot)
    if DISCONNECT_DROPS_TRUE:
        _give_back(True)
