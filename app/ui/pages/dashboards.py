"""Dashboards for district staff and supervisors: the portfolio by risk class, days overdue, street, bank and month
of disbursement; dividend and subsidy status; the fund's leverage. Each chart saves as a PNG and its numbers as an
Excel sheet (:mod:`app.ui.charts`). The numbers are computed off the GUI thread (``loading`` is true meanwhile).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db.store import Store
from app.domain import programs as pg
from app.i18n import translate
from app.ui.changes import DataKind, on_data_changed
from app.ui.charts import ChartCard
from app.ui.operations import run_in_background
from app.ui.partials.editors import date_edit, pydate
from app.ui.widgets import MUTED_COLOR, page_header

COLUMNS = 3


class DashboardsPage(QWidget):
    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.loading = False
        self.cards: dict[str, ChartCard] = {}
        self.as_of = date_edit(today or dt.date.today(), "dashboardAsOf")
        refresh = QPushButton(translate("ProgramPages", "Refresh"))
        refresh.setObjectName("refreshDashboards")
        refresh.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {MUTED_COLOR};")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("ProgramPages", "As of:")))
        bar.addWidget(self.as_of)
        bar.addWidget(refresh)
        bar.addSpacing(12)
        bar.addWidget(self.status, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        # the scroll area shrinks its widget to the viewport unless the layout sets a minimum: keep every bar
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        holder = QWidget()
        holder.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(page_header(translate("ProgramPages", "Dashboards"), translate("ProgramPages",
            "The portfolio, dividends, subsidies and the risk fund at a glance. Every chart can be saved as an "
            "image and its numbers as Excel.")))
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        on_data_changed(self, {DataKind.LOANS, DataKind.PROGRAMMES, DataKind.HOUSEHOLDS}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self.status.setText(translate("ProgramPages", "Computing…"))
        store, as_of = self.store, pydate(self.as_of.date())

        def job(token: Any) -> list[pg.Series]:
            return pg.dashboard(store, as_of)

        run_in_background(self, job, on_success=self._loaded, on_finished=self._finished)

    def _finished(self) -> None:
        self.loading = False

    def _loaded(self, series: list[pg.Series]) -> None:
        self.series = series
        for index, item in enumerate(series):
            card = self.cards.get(item.key)
            if card is None:
                card = self.cards[item.key] = ChartCard()
                card.setObjectName(f"chart_{item.key}")
                self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            card.set_series(item)
        self.status.setText(translate("ProgramPages", "As of {date}.", date=pydate(self.as_of.date()).isoformat()))


def create(store: Store) -> QWidget:
    return DashboardsPage(store)
