"""Data exchange: bundles by USB stick or through the hub.

Not built yet: an honest empty state until its issue lands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.i18n import translate
from app.ui.widgets import NotYetPage


def create(store: Store) -> QWidget:
    return NotYetPage(
        translate("Pages", "Data exchange"),
        translate("Pages", "Exchanging data with the hub is not yet available in this version."),
    )
