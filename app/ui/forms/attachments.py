"""Photos on a record: thumbnails, "Add photos…" from a folder or a camera card, remove, and a larger view.

(Placed with the forms rather than in ``app/ui/widgets``: that name is the shell's module ``widgets.py``.)

While a record is a draft its photos are kept with the draft (encrypted, in the database); on submit they become
content-addressed attachments. A submitted record shows its photos read-only; an amendment may drop some and add
new ones. Reading and shrinking the pictures runs in the background; a file that is not a picture is named in a
message under the thumbnails, the others are still added.

Signals: changed() (photos added or removed), needs_draft() (a photo is about to be added and the form has
not saved a draft yet; the form saves one synchronously and calls :meth:`set_draft`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.cancel import CancelToken
from app.db.store import Store
from app.domain import attachments as att
from app.domain import records as rec
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.models.enums import RecordKind
from app.ui.operations import run_in_background
from app.ui.qtcompat import emit
from app.ui.widgets import MUTED_COLOR, FieldMessage

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 2
DRAFT, RECORD = "draft", "record"
IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.JPG *.JPEG *.PNG"


class AttachmentsWidget(QWidget):
    changed = Signal()
    needs_draft = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.draft_id: uuid.UUID | None = None
        self._record: tuple[RecordKind, uuid.UUID] | None = None
        self._kept: list[uuid.UUID] | None = None  # record photos an amendment keeps (None: not amending)
        self._editable = True
        self.busy = False
        self.list = QListWidget()
        self.list.setObjectName("photos")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(att.THUMB_SIDE // 2 + 24, att.THUMB_SIDE // 2 + 24))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setFixedHeight(att.THUMB_SIDE // 2 + 64)
        self.list.setSpacing(4)
        self.list.itemDoubleClicked.connect(self._preview)
        self.list.itemSelectionChanged.connect(self._update)
        self.empty = QLabel(translate("Attachments", "No photos yet. Photos are stored encrypted with the record."))
        self.empty.setStyleSheet(f"color: {MUTED_COLOR};")
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(translate("Attachments", "Add photos…"))
        self.add_button.setObjectName("addPhotos")
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton(translate("Attachments", "Remove"))
        self.remove_button.setObjectName("removePhoto")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = FieldMessage()
        self.message.setObjectName("photosMessage")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._refresh()

    # -- modes ------------------------------------------------------------------------------------------
    def set_draft(self, draft_id: uuid.UUID | None) -> None:
        if draft_id != self.draft_id:
            self.draft_id = draft_id
            self._refresh()

    def show_record(self, kind: RecordKind, record_id: uuid.UUID) -> None:
        self._record = (kind, record_id)
        self._kept = None
        self.draft_id = None
        self._refresh()

    def start_amending(self) -> None:
        self._kept = self.record_ids()
        self.set_editable(True)

    def keep_only(self, ids: Sequence[uuid.UUID]) -> None:
        self._kept = [i for i in self.record_ids() if i in set(ids)]
        self._refresh()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update()

    def record_ids(self) -> list[uuid.UUID]:
        if self._record is None:
            return []
        return [a.id for a in rec.record_attachments(self.store, *self._record)]

    def kept_ids(self) -> list[uuid.UUID]:
        """The submitted record's photos an amendment carries over."""
        return list(self._kept) if self._kept is not None else self.record_ids()

    def photo_names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    # -- adding and removing ------------------------------------------------------------------------------
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("Attachments", "Add photos"), "",
            translate("Attachments", "Pictures ({patterns});;All files (*)", patterns=IMAGE_FILTER))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Sequence[Path]) -> None:
        """Read, check and shrink the pictures off the GUI thread, then keep them with the draft."""
        if not paths:
            return
        self.busy = True
        self._update()

        def job(token: CancelToken) -> tuple[list[att.PreparedImage], list[str]]:
            images, problems = [], []
            for done, path in enumerate(paths):
                token.raise_if_cancelled()
                token.report_progress(done, len(paths), path.name)
                try:
                    images.append(att.read_image_file(path))
                except ValidationError as exc:
                    problems.append(exc.message)
            return images, problems

        run_in_background(self, job, on_success=self._prepared, on_finished=self._done,
                          title=translate("Attachments", "Reading photos…"))

    def _done(self) -> None:
        self.busy = False
        self._update()

    def _prepared(self, result: tuple[list[att.PreparedImage], list[str]]) -> None:
        images, problems = result
        if images and self.draft_id is None:
            emit(self.needs_draft)
        try:
            if self.draft_id is not None:
                for image in images:
                    rec.add_draft_photo(self.store, self.draft_id, image)
        except FieldbookError as exc:
            problems.append(exc.message)
        self.message.show_error("\n".join(problems))
        self._refresh()
        if images:
            emit(self.changed)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            item_id, source = item.data(ID_ROLE), item.data(SOURCE_ROLE)
            if source == DRAFT:
                rec.remove_draft_photo(self.store, item_id)
            elif self._kept is not None and item_id in self._kept:
                self._kept.remove(item_id)
        self._refresh()
        emit(self.changed)

    # -- display --------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.list.clear()
        shown: list[tuple[str, rec.AttachmentInfo]] = []
        if self._record is not None:
            for info in rec.record_attachments(self.store, *self._record):
                if self._kept is None or info.id in self._kept:
                    shown.append((RECORD, info))
        if self.draft_id is not None:
            shown += [(DRAFT, info) for info in rec.draft_photos(self.store, self.draft_id)]
        for source, info in shown:
            pixmap = QPixmap()
            pixmap.loadFromData(info.thumbnail)
            item = QListWidgetItem(QIcon(pixmap), info.original_name)
            item.setData(ID_ROLE, info.id)
            item.setData(SOURCE_ROLE, source)
            item.setToolTip(translate("Attachments", "{name}: {width}×{height}, {size} KB", name=info.original_name,
                                      width=info.width, height=info.height, size=max(1, info.size // 1024)))
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)
        self._update()

    def _update(self) -> None:
        self.add_button.setVisible(self._editable)
        self.add_button.setEnabled(not self.busy)
        self.remove_button.setVisible(self._editable)
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def _preview(self, item: QListWidgetItem) -> None:
        item_id, source = item.data(ID_ROLE), item.data(SOURCE_ROLE)
        with self.store.read() as session:
            data = (att.attachment_bytes(session, item_id) if source == RECORD
                    else rec.draft_photo_bytes(session, item_id))
        dialog = QDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(item.text())
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        label = QLabel()
        label.setPixmap(pixmap.scaled(1100, 650, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
        scroll = QScrollArea()
        scroll.setWidget(label)
        layout = QVBoxLayout(dialog)
        layout.addWidget(scroll)
        dialog.resize(1140, 700)
        dialog.open()
