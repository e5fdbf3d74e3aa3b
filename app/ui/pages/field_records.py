"""Field records: visits, loan-use checks, anomaly reports and assessments.

Not built yet: an honest empty state until its issue lands.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.i18n import translate
from app.ui.widgets import NotYetPage


def create(store: Store) -> QWidget:
    return NotYetPage(
        translate("Pages", "Field records"),
        translate("Pages", "Visit records, loan-use checks, anomaly reports and maturity assessments are"
                           " not yet available in this version."),
    )
