"""A small bar chart drawn with QPainter (QtCharts is not part of the build), and a card around it that saves the
chart as a PNG (``widget.grab()``) and its data as an Excel sheet (openpyxl, temporary file and rename).

Bars are horizontal so long Chinese names (streets, banks, enterprises) read without rotation; every bar carries
its value as text, so the numbers never depend on reading a scale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.programs.overview import Series
from app.errors import FieldbookError
from app.i18n import translate
from app.reports.workbook import atomic_output
from app.ui.widgets import MUTED_COLOR

BAR_COLOR = "#3b78c2"
HIGHLIGHT_COLOR = "#c0392b"
GRID_COLOR = "#e3e6ea"


def format_value(value: float, unit: str) -> str:
    """Yuan with thousands separators and no fen (a chart is for proportions), counts as integers."""
    if unit == "yuan":
        return f"{value:,.0f}"
    if unit == "times":
        return f"{value:.2f}"
    return f"{value:,.0f}"


class BarChart(QWidget):
    """Horizontal bars for one :class:`~app.domain.programs.Series`; ``highlight`` labels are drawn in red."""

    ROW = 22
    PAD = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: Series | None = None
        self.highlight: set[str] = set()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(palette)

    def set_series(self, series: Series, highlight: Sequence[str] = ()) -> None:
        self.series = series
        self.highlight = set(highlight) | set(series.highlight)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = len(self.series.points) if self.series else 3
        return QSize(380, self.PAD * 2 + max(rows, 1) * self.ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor("white"))
            if self.series is None or not self.series.points:
                painter.setPen(QColor(MUTED_COLOR))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, translate("Charts", "No data"))
                return
            self._paint_bars(painter)
        finally:
            painter.end()

    def _paint_bars(self, painter: QPainter) -> None:
        assert self.series is not None
        metrics = QFontMetrics(self.font())
        points = self.series.points
        label_width = min(max(metrics.horizontalAdvance(label) for label, _ in points) + 10, self.width() * 2 // 5)
        values = [format_value(v, self.series.unit) for _, v in points]
        value_width = max(metrics.horizontalAdvance(v) for v in values) + 10
        left = self.PAD + label_width
        span = max(self.width() - left - value_width - self.PAD, 10)
        top_value = max((v for _, v in points), default=0) or 1
        row = self.ROW
        bar_height = row - 8
        painter.setPen(QPen(QColor(GRID_COLOR), 1))
        painter.drawLine(left, self.PAD, left, self.PAD + row * len(points))
        for index, ((label, value), text) in enumerate(zip(points, values, strict=True)):
            y = self.PAD + index * row
            color = QColor(HIGHLIGHT_COLOR if label in self.highlight else BAR_COLOR)
            painter.setPen(QColor("#202124"))
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(self.PAD, y, label_width - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            width = span * max(value, 0) / top_value
            if width > 0:
                painter.fillRect(QRectF(left, y + 4, max(width, 1.5), bar_height), color)
            painter.setPen(QColor("#3c4043"))
            painter.drawText(QRectF(left + width + 4, y, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def save_chart_png(widget: QWidget, path: Path | str) -> Path:
    """The widget as it is drawn, as a PNG (temporary file and rename)."""
    path = Path(path)
    with atomic_output(path) as tmp:
        if not widget.grab().save(str(tmp), "PNG"):
            raise OSError(translate("Charts", "The image could not be written."))
    return path


def save_series_xlsx(series: Series, path: Path | str) -> Path:
    """The chart's data as a two-column sheet (label, value) with a bold title."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "数据"
    sheet.append([series.title])
    sheet["A1"].font = Font(bold=True, size=14)
    unit = {"yuan": translate("Charts", "Amount (yuan)"), "count": translate("Charts", "Count"),
            "times": translate("Charts", "Times")}.get(series.unit, series.unit)
    sheet.append([translate("Charts", "Item"), unit])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for label, value in series.points:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 2).number_format = "#,##0.00" if series.unit == "yuan" else "0"
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 18
    sheet.freeze_panes = "A3"
    with atomic_output(path) as tmp:
        workbook.save(tmp)
    return path


class ChartCard(QWidget):
    """A titled chart with "Save image…" and "Export data…" buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.chart = BarChart()
        self.save_image = QPushButton(translate("Charts", "Image…"))
        self.save_image.setObjectName("saveChartImage")
        self.save_image.setToolTip(translate("Charts", "Save the chart as a PNG image"))
        self.save_data = QPushButton(translate("Charts", "Excel…"))
        self.save_data.setObjectName("saveChartData")
        self.save_data.setToolTip(translate("Charts", "Save the chart's numbers as an Excel workbook"))
        for button in (self.save_image, self.save_data):
            button.setFlat(True)
        self.save_image.clicked.connect(self._ask_image)
        self.save_data.clicked.connect(self._ask_data)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.save_image)
        head.addWidget(self.save_data)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(head)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        self.setObjectName("chartCard")
        self.setStyleSheet("#chartCard { background: white; border: 1px solid #dadce0; border-radius: 6px; }")

    def set_series(self, series: Series, highlight: Sequence[str] = ()) -> None:
        self.title.setText(series.title)
        self.chart.set_series(series, highlight)

    def _file_name(self, suffix: str) -> str:
        key = self.chart.series.key if self.chart.series else "chart"
        return str(Path.home() / f"{key}{suffix}")

    def _ask_image(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, translate("Charts", "Save the chart"), self._file_name(".png"),
                                              translate("Charts", "PNG images (*.png)"))
        if name:
            self._write(lambda: save_chart_png(self, name if name.lower().endswith(".png") else name + ".png"))

    def _ask_data(self) -> None:
        if self.chart.series is None:
            return
        series = self.chart.series
        name, _ = QFileDialog.getSaveFileName(self, translate("Charts", "Save the chart's data"),
                                              self._file_name(".xlsx"), translate("Charts", "Excel workbooks (*.xlsx)"))
        if name:
            self._write(lambda: save_series_xlsx(series, name if name.lower().endswith(".xlsx") else name + ".xlsx"))

    def _write(self, action: Callable[[], object]) -> None:
        try:
            action()
        except FieldbookError as exc:
            QMessageBox.warning(self, translate("Charts", "Not saved"), exc.message)
        except OSError as exc:
            QMessageBox.warning(self, translate("Charts", "Not saved"),
                                translate("Charts", "The file could not be written: {reason}",
                                          reason=exc.strerror or exc))
