"""Record forms, one module per kind, on the shared base in ``base.py``."""

from __future__ import annotations

import datetime as dt
import uuid
from importlib import import_module

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.models.enums import RecordKind
from app.ui.forms.base import RecordForm, RecordWindow

_FORMS = {
    RecordKind.VISIT: ("visit", "VisitForm"),
    RecordKind.USE_CHECK: ("use_check", "UseCheckForm"),
    RecordKind.ANOMALY: ("anomaly", "AnomalyForm"),
    RecordKind.PRELOAN_REVIEW: ("preloan", "PreloanForm"),
    RecordKind.MATURITY_ASSESSMENT: ("maturity", "MaturityForm"),
}


def form_class(kind: RecordKind | str) -> type[RecordForm]:
    module, name = _FORMS[RecordKind(kind)]
    cls: type[RecordForm] = getattr(import_module(f"{__name__}.{module}"), name)
    return cls


def create_form(store: Store, kind: RecordKind | str, *, household_id: uuid.UUID | None = None,
                loan_id: uuid.UUID | None = None, record_id: uuid.UUID | None = None, today: dt.date | None = None,
                parent: QWidget | None = None) -> RecordForm:
    """A form for a new record (from a household or a loan) or on a submitted one (``record_id``)."""
    return form_class(kind)(store, household_id=household_id, loan_id=loan_id, record_id=record_id, today=today,
                            parent=parent)


__all__ = ["RecordForm", "RecordWindow", "create_form", "form_class"]
