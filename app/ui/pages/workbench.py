"""Workbench: the user's tasks for today, most urgent first — loans maturing within the assessment window without
an assessment, overdue loans, visits due and open anomaly reports — each one activation away from the form that
resolves it (a maturity assessment, a visit, the anomaly report, or a disposal proposal for those who may make one).

The tasks are the risk warnings of those four rules (app/domain/risk.py), computed off the GUI thread; a form
submitted from here refreshes the list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.db.store import Store
from app.domain import risk_query
from app.domain.permissions import Permission, has_permission
from app.domain.risk import RiskWarning, Rule
from app.domain.scope import scope_street
from app.i18n import translate
from app.models.enums import RecordKind
from app.ui.changes import ALL_DATA, on_data_changed
from app.ui.disposal_dialogs import ProposeDisposalDialog
from app.ui.operations import run_in_background
from app.ui.pages.warnings import ROW_ROLE, WarningsModel, configure_table, fit_columns_to_names
from app.ui.widgets import MUTED_COLOR, page_header

#: the rules that make today's tasks, in the order their counts are shown
TASK_RULES = (Rule.MATURITY, Rule.OVERDUE, Rule.VISIT, Rule.ANOMALY)


class WorkbenchPage(QWidget):
    def __init__(self, store: Store, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or dt.date.today()
        self.tasks: list[RiskWarning] = []
        self.windows: list[QWidget] = []
        self.loading = False
        self.summary = QLabel()
        self.summary.setObjectName("taskSummary")
        self.summary.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("taskFilter")
        self.kind.addItem(translate("Workbench", "All tasks"), None)
        for rule in TASK_RULES:
            self.kind.addItem(rule.label, rule.value)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.model = WarningsModel(self)
        self.table = QTableView()
        self.table.setObjectName("tasksTable")
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setColumnWidth(WarningsModel.REASON, 520)
        # a field node has one street: the column would only repeat it (room for the reason on small screens)
        self.table.setColumnHidden(WarningsModel.STREET, scope_street(store) is not None)
        fit_columns_to_names(self.table)
        self.table.activated.connect(self.open_task)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QLabel()
        self.detail.setObjectName("taskDetail")
        self.detail.setWordWrap(True)
        self.open_button = QPushButton(translate("Workbench", "Open"))
        self.open_button.setObjectName("openTask")
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton(translate("Workbench", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        hint = QLabel(translate("Workbench", "Double-click a task (or press Enter) to open the form that settles "
                                             "it. In the form, Alt+Right goes on to the next task."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("Workbench", "Show:")))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_header(translate("Pages", "Workbench"), translate(
            "Workbench", "Today's tasks, {date}, most urgent first.", date=self.today.isoformat())))
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)
        on_data_changed(self, ALL_DATA, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        store, today = self.store, self.today
        self.loading = True
        self.summary.setText(translate("Workbench", "Looking for today's tasks…"))

        def job(token: Any) -> list[RiskWarning]:
            return risk_query.warnings(store, today, rules=TASK_RULES)

        run_in_background(self, job, on_success=self._loaded, on_finished=self._finished,
                          title=translate("Workbench", "Looking for today's tasks"))

    def _finished(self) -> None:
        self.loading = False

    def _loaded(self, tasks: list[RiskWarning]) -> None:
        self.tasks = tasks
        counts = Counter(task.rule for task in tasks)
        self.summary.setText(translate(
            "Workbench", "{maturing} loans maturing without an assessment · {overdue} overdue · {visits} visits due "
                         "· {anomalies} open anomaly reports",
            maturing=counts[Rule.MATURITY], overdue=counts[Rule.OVERDUE], visits=counts[Rule.VISIT],
            anomalies=counts[Rule.ANOMALY]) if tasks else translate(
                "Workbench", "Nothing is due today. New households and loans arrive with the next data exchange "
                             "(Data exchange page); visits can also be started from a household (Households page)."))
        self.apply_filter()

    def apply_filter(self) -> None:
        wanted = self.kind.currentData()
        self.model.set_rows([t for t in self.tasks if wanted is None or t.rule.value == wanted])
        self.table.resizeColumnToContents(WarningsModel.CONTRACT)  # a cut contract number cannot be checked
        if self.model.rowCount():  # the most urgent task is ready for Enter, its reason shown in full below
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.clear()

    def open_selected(self) -> QWidget | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.open_task(indexes[0]) if indexes else None

    def open_task(self, index: Any) -> QWidget | None:
        """Open what resolves the task: the assessment, visit or anomaly form, or a disposal proposal."""
        task: RiskWarning = self.model.data(index, ROW_ROLE)
        role = self.store.user.role
        if task.rule is Rule.OVERDUE and (has_permission(role, Permission.APPROVE_DISPOSAL)
                                          or has_permission(role, Permission.EXECUTE_DISPOSAL)):
            dialog = ProposeDisposalDialog(self.store, task.loan_id, self.today, self)
            dialog.accepted.connect(self.refresh)
            dialog.open()
            return self._keep(dialog)
        from app.ui.forms import RecordWindow, create_form

        if task.rule is Rule.ANOMALY and task.subject_id is not None:
            form = create_form(self.store, RecordKind.ANOMALY, record_id=task.subject_id, today=self.today)
        else:
            kind = RecordKind.MATURITY_ASSESSMENT if task.rule is Rule.MATURITY else RecordKind.VISIT
            form = create_form(self.store, kind, household_id=task.household_id, loan_id=task.loan_id,
                               today=self.today)
        window = RecordWindow(form, self)
        # the round through the village: on to the next (or back to the previous) task without the mouse
        for keys, step in (("Alt+Right", 1), ("Ctrl+PgDown", 1), ("Alt+Left", -1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), window)
            shortcut.activated.connect(lambda w=window, t=task, n=step: self.step(w, t, n))
        window.show()
        return self._keep(window)

    def step(self, window: QWidget, task: RiskWarning, offset: int) -> QWidget | None:
        """Close ``window`` (its draft is kept) and open the task ``offset`` rows from ``task``."""
        rows = self.model.rows
        if task not in rows:
            return None
        target = rows.index(task) + offset
        if not 0 <= target < len(rows):
            return None
        while self.model.rowCount() <= target and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        window.close()
        index = self.model.index(target, 0)
        self.table.setCurrentIndex(index)
        return self.open_task(index)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task: RiskWarning | None = self.model.data(current, ROW_ROLE) if current.isValid() else None
        self.detail.setText("" if task is None else f"{task.rule.label}: {task.reason}")

    def _keep(self, window: QWidget) -> QWidget:
        self.windows = [w for w in self.windows if w.isVisible()] + [window]
        return window


def create(store: Store) -> QWidget:
    return WorkbenchPage(store)
