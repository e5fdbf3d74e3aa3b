"""Photos are decoded with Pillow, turned upright by their EXIF orientation, and stored without EXIF/GPS."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from app.domain import attachments as att
from app.errors import ValidationError
from tests.records_data import jpeg_bytes

RED, WHITE = (220, 20, 20), (255, 255, 255)


def marked_photo(width=64, height=48) -> Image.Image:
    """White with a red top-left quarter, so a turn shows where that corner went."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(RED, (0, 0, width // 2, height // 2))
    return image


def phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyPhone"
    exif[ExifTags.Base.Model] = "Pocket 3000"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTimeOriginal] = "2026:03:04 10:11:12"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 16.0, 27.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (109.0, 3.0, 59.25)
    return exif


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def reopened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_gps_exif_is_stripped_and_the_orientation_applied():
    raw = encoded(marked_photo(64, 48), "JPEG", quality=95, exif=phone_exif(orientation=6))
    assert reopened(raw).getexif()[ExifTags.Base.Make] == "SpyPhone"  # the input does carry it

    image = att.prepare_image(raw, "IMG_2001.JPG")
    stored = reopened(image.data)
    assert image.mime == "image/jpeg" and not image.downscaled
    assert not stored.getexif() and ExifTags.IFD.GPSInfo not in stored.getexif()
    assert b"Exif\0\0" not in image.data and b"SpyPhone" not in image.data and b"2026:03:04" not in image.data
    # orientation 6: the camera was turned a quarter clockwise, so the stored picture is portrait and the red
    # corner that was top-left in the sensor's rows is now top-right
    assert (image.width, image.height) == stored.size == (48, 64)
    assert near(stored.getpixel((40, 8)), RED) and near(stored.getpixel((8, 8)), WHITE)
    assert near(stored.getpixel((8, 56)), WHITE)
    thumb = reopened(image.thumbnail)
    assert thumb.size == (120, 160) and near(thumb.getpixel((100, 20)), RED)


def test_a_cleaned_jpeg_keeps_its_own_quantisation_tables():
    raw = encoded(marked_photo(), "JPEG", quality=60, exif=phone_exif(orientation=1), comment=b"Zhang San's phone")
    image = att.prepare_image(raw, "IMG_2002.JPG")
    stored = reopened(image.data)
    assert image.data != raw and b"Zhang San" not in image.data and not stored.getexif()
    assert "comment" not in stored.info and stored.size == (64, 48)
    assert stored.quantization == reopened(raw).quantization  # no second, different compression


def test_a_clean_upright_jpeg_is_kept_byte_for_byte():
    raw = jpeg_bytes(80, 60, marker="clean")
    assert att.prepare_image(raw, "clean.jpg").data == raw
    with_trailer = raw + b"trailing bytes some phones append"
    assert att.prepare_image(with_trailer, "trailer.jpg").data != with_trailer


def test_other_formats_become_lossless_pngs_without_their_text_or_exif():
    source = marked_photo(50, 30)
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Li Si")
    text.add_text("Location", "34.27N 109.06E")
    for raw, name in ((encoded(source, "PNG", pnginfo=text, exif=phone_exif(1)), "screen.png"),
                      (encoded(source, "BMP"), "scan.bmp"), (encoded(source, "TIFF", exif=phone_exif(1)), "s.tif")):
        image = att.prepare_image(raw, name)
        stored = reopened(image.data)
        assert image.mime == "image/png" and stored.format == "PNG", name
        assert not stored.getexif() and not getattr(stored, "text", {}), name
        assert b"Li Si" not in image.data and b"SpyPhone" not in image.data, name
        assert stored.convert("RGB").tobytes() == source.tobytes(), name  # lossless


def test_only_the_announced_decoder_is_tried():
    png = encoded(marked_photo(), "PNG")
    with pytest.raises(ValidationError, match="cannot be read"):
        att.prepare_image(b"\xff\xd8\xff" + png, "renamed.jpg")  # JPEG magic, PNG inside
