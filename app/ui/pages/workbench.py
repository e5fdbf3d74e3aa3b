"""Workbench: today's tasks.

Not built yet: an honest empty state until its issue lands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.i18n import translate
from app.ui.widgets import NotYetPage


def create(store: Store) -> QWidget:
    return NotYetPage(
        translate("Pages", "Workbench"),
        translate("Pages", "Today's tasks (visits due, loans maturing within 30 days without an "
                           "assessment, open anomalies, unsynced records) are not yet available in this "
                           "version."),
    )
