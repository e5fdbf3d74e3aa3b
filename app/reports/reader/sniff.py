"""What kind of file this is, decided from its first bytes and its container, never from its name.

Offices rename files freely (a CSV saved as ``.xls``, a web page exported as ``.xls``, an ``.xlsx`` with a
password), so the reader looks at the content: a ZIP holding ``xl/workbook.xml`` is an .xlsx, one holding an
OpenDocument spreadsheet is an .ods, an OLE2 container with a ``Workbook`` (or ``Book``) stream is an .xls.
Everything else is refused with one translated line saying what the file is and what to do with it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.errors import ValidationError
from app.i18n import translate

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: the stream an encrypted (password-protected) .xlsx carries inside its OLE container
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: the largest workbook file read at all (a 100,000-row roster is under 10 MB)
MAX_FILE_BYTES = 100 * 1024 * 1024

XLSX, XLS, ODS = "xlsx", "xls", "ods"
#: the file dialog's filter and the CLI's help name these
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class UnreadableWorkbook(ValidationError):
    """The file is not a workbook Fieldbook can read (or is too large, damaged, protected); nothing was changed."""


def damaged(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(translate(
        "Import", "The file {name} is damaged or is not an Excel workbook (.xlsx, .xls or .ods).", name=name))


def password_protected(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(translate(
        "Import", "The file {name} is protected with a password; open it in Excel or WPS, remove the password "
                  "(File > Info > Protect Workbook) and save it again.", name=name))


def detect_format(path: Path) -> str:
    """``xlsx``, ``xls`` or ``ods``; raise :class:`UnreadableWorkbook` with one clear line for anything else."""
    name = path.name
    if not path.is_file():
        raise UnreadableWorkbook(translate("Import", "The file {name} does not exist.", name=name))
    size = path.stat().st_size
    if size == 0:
        raise UnreadableWorkbook(translate("Import", "The file {name} is empty.", name=name))
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is {size} MB; Fieldbook reads workbooks of at most {limit} MB. Split it "
                      "into smaller files.", name=name, size=size // (1024 * 1024),
            limit=MAX_FILE_BYTES // (1024 * 1024)))
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, head)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml")) or b"<html" in text[:512]:
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is a web page or XML file with a spreadsheet's name (some systems export "
                      "tables that way); open it in Excel or WPS and save it as .xlsx.", name=name))
    raise UnreadableWorkbook(translate(
        "Import", "The file {name} is not an Excel workbook (it looks like text or CSV); open it in Excel or WPS "
                  "and save it as .xlsx.", name=name))


def _ole_kind(path: Path, head: bytes) -> str:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except Exception:  # olefile raises many kinds for a damaged container
        if ENCRYPTION_INFO in head:
            raise password_protected(path.name) from None
        raise damaged(path.name) from None
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise password_protected(path.name)
    if streams & {"Workbook", "Book"}:
        return XLS
    raise damaged(path.name)


def _zip_kind(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:200].strip() if "mimetype" in names else b""
            manifest = (archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names
                        and archive.getinfo("META-INF/manifest.xml").file_size < (1 << 20) else b"")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError, EOFError):
        raise damaged(name) from None
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        raise UnreadableWorkbook(translate(
            "Import", "The file {name} is an Excel binary workbook (.xlsb); open it in Excel or WPS and save it "
                      "as .xlsx.", name=name))
    if mimetype == ODS_MIMETYPE or (not mimetype and "content.xml" in names):
        if b"encryption-data" in manifest:
            raise password_protected(name)
        return ODS
    raise damaged(name)
