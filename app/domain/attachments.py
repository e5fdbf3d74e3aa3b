"""Photos as evidence: recognise a picture by its bytes, turn it upright, shrink one that is too large, strip what
it tells about the phone and the place, make its thumbnail, and keep it content-addressed in the encrypted database.

Decoded with Pillow (no Qt below the screens). A file is a picture when its first bytes say so *and* Pillow's
decoder for that one format reads it; the extension is never trusted and no other decoder is tried. What is stored
carries no EXIF, XMP, IPTC, comments or text chunks: a phone's GPS position, its serial number and the owner's name
would otherwise travel in every bundle (the pixels are the evidence; the record carries its own date). A JPEG that
is already clean, upright and within the size limit is kept byte for byte, so the same file has the same id on
every node and loses nothing to a second compression. Any other picture is turned upright by its EXIF orientation
and re-encoded without metadata: a JPEG with its own quantisation tables, anything else as a lossless PNG. A
picture over the limit becomes a JPEG no larger than :data:`MAX_SIDE` pixels, refused only if even that does not fit.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from PIL import ExifTags, Image, ImageOps, JpegImagePlugin
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import translate
from app.models.records import Attachment, attachment_id_for

#: the most a stored photo may weigh
MAX_BYTES = 10 * 1024 * 1024
#: a file larger than this is refused before it is even read into memory (a video, a disk image)
MAX_INPUT_BYTES = 60 * 1024 * 1024
#: the longest side of a photo that had to be shrunk; plenty to read a receipt or see a pig pen
MAX_SIDE = 3200
THUMB_SIDE = 160
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
#: the one Pillow decoder tried for each announced type
_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/bmp": "BMP",
               "image/webp": "WEBP", "image/tiff": "TIFF"}
#: JPEG segments that say nothing about who took the picture where: JFIF, the colour profile, Adobe's colour transform
_CLEAN_JPEG_SEGMENTS = (("APP0", b"JFIF\0"), ("APP0", b"JFXX\0"), ("APP2", b"ICC_PROFILE\0"), ("APP14", b"Adobe"))
#: what a re-encoded picture keeps of Pillow's ``info`` (the colour profile is passed on separately)
_KEPT_INFO = ("transparency", "gamma", "dpi")


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


def sniff_mime(data: bytes) -> str | None:
    """The picture type the first bytes announce, or None."""
    for magic, offset, mime in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if mime == "image/webp" and not data.startswith(b"RIFF"):
                continue
            return mime
    return None


def _decode(data: bytes, mime: str, name: str) -> Image.Image:
    """The picture as Pillow reads it with the decoder of ``mime`` only; ValidationError if it cannot."""
    try:
        image = Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[mime]])
        image.load()
    except Image.DecompressionBombError as exc:
        raise ValidationError(translate("Attachments", "{name} has too many pixels for a photo.", name=name)) from exc
    except Exception as exc:  # a damaged file makes Pillow's decoders raise many kinds of errors
        raise ValidationError(translate("Attachments", "{name} looks like a picture but cannot be read; the file "
                                                       "may be damaged or incomplete.", name=name)) from exc
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(ExifTags.Base.Orientation, 1))
    except Exception:  # unreadable EXIF: nothing to turn
        return 1


def _upright(image: Image.Image) -> Image.Image:
    """A copy turned by the EXIF orientation (phones store portrait photos sideways plus that tag), without metadata."""
    try:
        turned = ImageOps.exif_transpose(image)
    except Exception:  # unreadable EXIF: keep the pixels as they are
        turned = image.copy()
    turned.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}
    return turned


def _clean_jpeg(image: Image.Image, data: bytes) -> bool:
    """True for a JPEG with no metadata segment, no comment and nothing after its end marker."""
    for marker, payload in getattr(image, "applist", []):
        if not any(marker == kept and payload.startswith(prefix) for kept, prefix in _CLEAN_JPEG_SEGMENTS):
            return False
    return data.rstrip(b"\0").endswith(b"\xff\xd9")


def _encode_jpeg(image: Image.Image, quality: int, like: Image.Image | None = None,
                 icc_profile: bytes | None = None) -> bytes:
    """``image`` as a JPEG without metadata; with the quantisation tables of the JPEG ``like`` when given."""
    if image.mode not in ("RGB", "L"):
        image, icc_profile = image.convert("RGB"), None  # a CMYK profile does not describe RGB pixels
    options: dict[str, object] = {"quality": quality, "optimize": True}
    if isinstance(like, JpegImagePlugin.JpegImageFile) and like.mode == image.mode and like.quantization:
        options = {"qtables": like.quantization, "optimize": True}
        sampling = JpegImagePlugin.get_sampling(like)
        if sampling >= 0:
            options["subsampling"] = sampling
    if icc_profile:
        options["icc_profile"] = icc_profile
    out = io.BytesIO()
    image.save(out, "JPEG", **options)
    return out.getvalue()


def _encode_png(image: Image.Image, icc_profile: bytes | None) -> bytes:
    if image.mode not in ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"):
        image, icc_profile = image.convert("RGBA" if "A" in image.getbands() else "RGB"), None
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, **({"icc_profile": icc_profile} if icc_profile else {}))
    return out.getvalue()


def _shrink(image: Image.Image, icc_profile: bytes | None, max_bytes: int, name: str) -> tuple[Image.Image, bytes]:
    """A JPEG of at most :data:`MAX_SIDE` pixels and ``max_bytes``; ValidationError if even that does not fit."""
    if max(image.size) > MAX_SIDE:
        image = ImageOps.contain(image, (MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    for quality in (85, 70, 55):
        data = _encode_jpeg(image, quality, icc_profile=icc_profile)
        if len(data) <= max_bytes:
            return image, data
    raise ValidationError(translate("Attachments", "{name} is larger than {limit} MB even after shrinking it; take "
                                                   "the photo at a lower resolution.",
                                    name=name, limit=max_bytes // (1024 * 1024)))


def prepare_image(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> PreparedImage:
    """Check and prepare one picture; raises ValidationError with a message naming the file."""
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(translate("Attachments", "{name} is not a picture (JPEG, PNG, GIF, BMP, WebP or "
                                                       "TIFF); only photos can be attached.", name=name))
    source = _decode(data, mime, name)
    image = _upright(source)
    icc_profile = source.info.get("icc_profile")
    downscaled = False
    if len(data) > max_bytes:
        image, data = _shrink(image, icc_profile, max_bytes, name)
        mime, downscaled = "image/jpeg", True
    elif mime != "image/jpeg" or _orientation(source) != 1 or not _clean_jpeg(source, data):
        if mime == "image/jpeg":
            data = _encode_jpeg(image, 90, like=source, icc_profile=icc_profile)
        else:
            data, mime = _encode_png(image, icc_profile), "image/png"
        if len(data) > max_bytes:  # a BMP or a lossy WebP can grow as a PNG
            image, data = _shrink(image, icc_profile, max_bytes, name)
            mime, downscaled = "image/jpeg", True
    shown = image if image.mode in ("RGB", "L") else image.convert("RGB")
    thumbnail = _encode_jpeg(ImageOps.contain(shown, (THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS), 80)
    return PreparedImage(sha256=hashlib.sha256(data).hexdigest(), mime=mime, data=data, thumbnail=thumbnail,
                         width=image.width, height=image.height, original_name=name[:200],
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
