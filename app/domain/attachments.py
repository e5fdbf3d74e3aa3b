"""Photos as evidence: recognise a picture by its bytes, shrink one that is too large, make its thumbnail, and
keep it content-addressed inside the encrypted database.

Uses QtGui's QImage (no widgets), which decodes and scales off the GUI thread and needs no display. A file is a
picture when its first bytes say so *and* Qt can decode it; the extension is never trusted. A picture within the
size limit is kept byte for byte (its EXIF time and place are part of the evidence); a larger one is re-encoded
as a JPEG no larger than :data:`MAX_SIDE` pixels, and refused only if even that does not fit.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import translate
from app.models.records import Attachment

#: the most a stored photo may weigh
MAX_BYTES = 10 * 1024 * 1024
#: a file larger than this is refused before it is even read into memory (a video, a disk image)
MAX_INPUT_BYTES = 60 * 1024 * 1024
#: the longest side of a photo that had to be shrunk; plenty to read a receipt or see a pig pen
MAX_SIDE = 3200
THUMB_SIDE = 160
#: content-addressed ids: the same picture has the same id on every node
ATTACHMENT_NAMESPACE = uuid.UUID("6b1f3f0e-3c55-4d1e-9a43-1f6f2c7c8a10")

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"BM", 0, "image/bmp"),
    (b"WEBP", 8, "image/webp"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
)
_QT_FORMAT = {"image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp",
              "image/webp": "webp", "image/tiff": "tiff"}


@dataclass(frozen=True)
class PreparedImage:
    """A picture ready to store: the bytes to keep, their hash, size in pixels and a JPEG thumbnail."""

    sha256: str
    mime: str
    data: bytes
    thumbnail: bytes
    width: int
    height: int
    original_name: str
    downscaled: bool = False

    @property
    def attachment_id(self) -> uuid.UUID:
        return attachment_id_for(self.sha256)


def attachment_id_for(sha256: str) -> uuid.UUID:
    return uuid.uuid5(ATTACHMENT_NAMESPACE, sha256)


def sniff_mime(data: bytes) -> str | None:
    """The picture type the first bytes announce, or None."""
    for magic, offset, mime in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if mime == "image/webp" and not data.startswith(b"RIFF"):
                continue
            return mime
    return None


def _decode(data: bytes, mime: str) -> object | None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, _QT_FORMAT[mime].encode())
    reader.setAutoTransform(True)  # phones store portrait photos sideways plus an EXIF rotation
    image = reader.read()
    buffer.close()
    return None if image.isNull() else image


def _encode(image: object, fmt: str, quality: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt, quality)  # type: ignore[attr-defined]
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def prepare_image(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> PreparedImage:
    """Check and prepare one picture; raises ValidationError with a message naming the file."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(translate("Attachments", "{name} is not a picture (JPEG, PNG, GIF, BMP, WebP or "
                                                       "TIFF); only photos can be attached.", name=name))
    image = _decode(data, mime)
    if not isinstance(image, QImage):
        raise ValidationError(translate("Attachments", "{name} looks like a picture but cannot be read; the file "
                                                       "may be damaged or incomplete.", name=name))
    downscaled = False
    if len(data) > max_bytes:
        scaled = image
        if max(image.width(), image.height()) > MAX_SIDE:
            scaled = image.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
        for quality in (85, 70, 55):
            data = _encode(scaled.convertToFormat(QImage.Format.Format_RGB32), "JPEG", quality)
            if len(data) <= max_bytes:
                break
        if len(data) > max_bytes:
            raise ValidationError(translate("Attachments", "{name} is larger than {limit} MB even after shrinking "
                                                           "it; take the photo at a lower resolution.",
                                            name=name, limit=max_bytes // (1024 * 1024)))
        image, mime, downscaled = scaled, "image/jpeg", True
    thumb = image.scaled(THUMB_SIDE, THUMB_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    thumbnail = _encode(thumb.convertToFormat(QImage.Format.Format_RGB32), "JPEG", 80)
    return PreparedImage(sha256=hashlib.sha256(data).hexdigest(), mime=mime, data=data, thumbnail=thumbnail,
                         width=image.width(), height=image.height(), original_name=name[:200],
                         downscaled=downscaled)


def read_image_file(path: Path, max_bytes: int = MAX_BYTES) -> PreparedImage:
    """Read a picture from a folder or a camera card."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ValidationError(translate("Attachments", "{name} is far too large for a photo ({size} MB).",
                                            name=path.name, size=size // (1024 * 1024)))
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(translate("Attachments", "{name} cannot be read: {reason}", name=path.name,
                                        reason=exc.strerror or str(exc))) from exc
    return prepare_image(data, path.name, max_bytes)


def store_attachments(session: Session, images: Iterable[PreparedImage]) -> list[Attachment]:
    """The attachments for ``images``, inserting those not stored yet (inside the caller's write)."""
    result: list[Attachment] = []
    for image in images:
        existing = session.get(Attachment, image.attachment_id)
        if existing is None:
            existing = Attachment(id=image.attachment_id, sha256=image.sha256, mime=image.mime,
                                  size=len(image.data), width=image.width, height=image.height,
                                  original_name=image.original_name, data=image.data, thumbnail=image.thumbnail)
            session.add(existing)
        result.append(existing)
    session.flush()
    return result


def attachment_bytes(session: Session, attachment_id: uuid.UUID) -> bytes:
    data = session.execute(sa.select(Attachment.data).where(Attachment.id == attachment_id)).scalar_one()
    return bytes(data)


def verify_attachments(session: Session) -> list[str]:
    """Attachments whose bytes no longer match their name (for the ``check`` command)."""
    problems = []
    for attachment_id, sha, data in session.execute(sa.select(Attachment.id, Attachment.sha256, Attachment.data)):
        if hashlib.sha256(data).hexdigest() != sha:
            problems.append(f"attachment {attachment_id} does not match its hash")
    return problems
