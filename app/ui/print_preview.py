"""A PDF shown inside Fieldbook (QtPdf) and sent to a printer through the system's print dialog.

The document is read from memory (a QBuffer over the bytes reportlab produced), never from a temporary file:
a printed record carries personal data. Printing renders each page with ``QPdfDocument.render`` at the
printer's resolution and paints it onto the printer's page.

Signals: loaded(int pages).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import translate
from app.ui.qtcompat import emit


class PdfPreview(QWidget):
    loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None
        self.data = b""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_pdf(self, data: bytes) -> int:
        """Show ``data``; returns the number of pages."""
        self.clear()
        self.data = data
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        pages = self.document.pageCount()
        emit(self.loaded, pages)
        return pages

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.data = b""

    def page_count(self) -> int:
        return self.document.pageCount()

    def print_pages(self, printer: QPrinter) -> int:
        """Paint every page onto ``printer``; returns the number printed."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            count = self.document.pageCount()
            for index in range(count):
                if index:
                    printer.newPage()
                target = painter.viewport()
                size = QSize(target.width(), target.height())
                image = self.document.render(index, size)
                painter.drawImage(target, image)
            return count
        finally:
            painter.end()

    def print_with_dialog(self) -> bool:
        """The system print dialog; True when the user printed."""
        if self.document.pageCount() == 0:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(translate("Printing", "Fieldbook record"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return self.print_pages(printer) > 0
