"""The pieces screens share (app/ui/partials), without a page around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from app.i18n import QT_TRANSLATE_NOOP
from app.ui.partials.controls import action_button, button_row, filter_bar
from app.ui.partials.dialogs import WriteDialog
from app.ui.partials.editors import date_edit, fen_of, pydate, qdate, set_fen, yuan_edit
from app.ui.partials.table import ALERT_BACKGROUND, ROW_ROLE, Column, RowsModel, make_table, selected_row


@dataclass(frozen=True)
class Row:
    name: str
    fen: int


COLUMNS = [Column(QT_TRANSLATE_NOOP("ProgramPages", "Enterprise"), lambda r: r.name),
           Column(QT_TRANSLATE_NOOP("ProgramPages", "Amount (yuan)"), lambda r: f"{r.fen / 100:.2f}", True)]


def test_rows_model_through_columns(qtbot) -> None:
    model: RowsModel[Row] = RowsModel(COLUMNS, context="ProgramPages",
                                      tint=lambda r: ALERT_BACKGROUND if r.fen < 0 else None,
                                      tip=lambda r, c: "negative" if r.fen < 0 and c == 1 else None)
    model.set_rows([Row("甲", 12_300), Row("乙", -100)])
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Amount (yuan)"
    assert model.display_rows() == [["甲", "123.00"], ["乙", "-1.00"]]
    second = model.index(1, 1)
    assert model.data(second, ROW_ROLE) == Row("乙", -100) and model.row_at(1) == Row("乙", -100)
    assert model.data(second, Qt.ItemDataRole.ToolTipRole) == "negative"
    assert model.data(second, Qt.ItemDataRole.BackgroundRole).color().name() == ALERT_BACKGROUND
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None

    view = make_table(model, "rows", (300,))
    qtbot.addWidget(view)
    assert selected_row(view) is None
    view.selectRow(1)
    assert selected_row(view) == Row("乙", -100)
    assert view.columnWidth(0) == 300


class Batched(RowsModel[int]):
    """A subclass in the exchange models' style: headers, hooks, batches."""

    CONTEXT = "Exchange"
    HEADERS = (QT_TRANSLATE_NOOP("Exchange", "Changes"),)
    NUMERIC = frozenset({0})
    BATCH = 3

    def text(self, row: int, column: int) -> str:
        return str(row)

    def color(self, row: int, column: int) -> str | None:
        return "#b3261e" if row % 2 else None


def test_rows_model_subclass_in_batches(qapp) -> None:
    model = Batched()
    model.set_rows(list(range(7)))
    assert model.rowCount() == 3 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Changes"
    assert model.data(model.index(5, 0)) == "5"
    assert model.data(model.index(5, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert model.data(model.index(4, 0), Qt.ItemDataRole.ForegroundRole) is None
    model.set_rows([1])
    assert model.rowCount() == 1 and not model.canFetchMore()


def test_date_and_money_editors(qtbot) -> None:
    day = dt.date(2024, 2, 29)
    assert qdate(day) == QDate(2024, 2, 29) and pydate(QDate(2024, 2, 29)) == day
    edit = date_edit(day, "due")
    qtbot.addWidget(edit)
    assert edit.objectName() == "due" and not edit.button.isHidden() and pydate(edit) == day
    money = yuan_edit("amount", 1_234_56)
    qtbot.addWidget(money)
    assert money.value() == 1234.56 and fen_of(money) == 123_456
    set_fen(money, 5)
    assert fen_of(money) == 5 and money.text().endswith("yuan")


def test_buttons_and_filter_bars(qtbot) -> None:
    allowed, refused = action_button("Go", "go"), action_button("Go", "goNot", "Your role may not.")
    assert allowed.isEnabled() and not refused.isEnabled() and refused.toolTip() == "Your role may not."
    host = QWidget()
    qtbot.addWidget(host)
    combo, box, summary = QComboBox(), QCheckBox("Only overdue"), QLabel("3 overdue")
    bar = filter_bar(("Street:", combo), box, summary=summary)
    kinds = [type(bar.itemAt(i).widget()).__name__ if bar.itemAt(i).widget() else "gap" for i in range(bar.count())]
    assert kinds == ["QLabel", "QComboBox", "QCheckBox", "gap", "QLabel"]
    assert bar.itemAt(0).widget().text() == "Street:" and bar.stretch(4) == 1
    row = button_row(allowed, refused)
    assert row.count() == 3 and row.itemAt(2).spacerItem() is not None


class Failing(WriteDialog):
    def save(self) -> None:
        from app.errors import ValidationError

        raise ValidationError("Choose the household.")


def test_write_dialog_keeps_a_known_error_under_the_fields(qtbot) -> None:
    dialog = Failing("Schedule a dividend")
    qtbot.addWidget(dialog)
    dialog.finish_form()
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.text() == "Choose the household."
