"""Households: the register of households and their members.

Not built yet: an honest empty state until its issue lands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.i18n import translate
from app.ui.widgets import NotYetPage


def create(store: Store) -> QWidget:
    return NotYetPage(
        translate("Pages", "Households"),
        translate("Pages", "The household register is not yet available in this version."),
    )
