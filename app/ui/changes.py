"""Change notices between pages, so a page updates what changed instead of reloading the window.

Signals (of :class:`Changes`): setting_changed(key), users_changed(), backup_created(path).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Changes(QObject):
    setting_changed = Signal(str)
    users_changed = Signal()
    backup_created = Signal(str)


_changes: Changes | None = None


def changes() -> Changes:
    """The application's one notice board (created on first use, on the GUI thread)."""
    global _changes
    if _changes is None:
        _changes = Changes()
    return _changes
