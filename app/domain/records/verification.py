"""The verification code printed on a field record, without the printing: its alphabet and layout, making and
reading a code, and the record content whose hash it carries (:mod:`app.reports.pdf.verify` checks a code against
the database; :mod:`app.domain.references` finds the record a code names).

A code is 20 characters of Crockford's base32 (digits and capitals without I, L, O, U), printed in groups of
five, ``V3KQ7-MZ2P4-0GH8X-TCRW5``:

====  =====  ==========================================================================================
pos   chars  meaning
====  =====  ==========================================================================================
0     1      the kind of record: ``V`` visit (回访记录), ``C`` loan-use check (用途核查)
1-8   8      the first 40 bits of the printed *version's* row id (each amendment is a row of its own)
9-11  3      the day it was printed, as days since 2000-01-01
12-18 7      the first 35 bits of the SHA-256 of the record's canonical content (:func:`content_digest`)
19    1      a check character (odd weights mod 32: any single mistyped character is caught)
====  =====  ==========================================================================================
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.records.kinds import FIELDS
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RecordKind
from app.models.records import Attachment, FieldRecord, RecordAttachment

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})  # what people type for 0 and 1
KIND_LETTER = {RecordKind.VISIT: "V", RecordKind.USE_CHECK: "C"}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTER.items()}
EPOCH = dt.date(2000, 1, 1)
#: the version of the canonical content; bump it (and keep the old one readable) if the content ever changes
CONTENT_VERSION = 1
CODE_LENGTH = 20
#: the QR code carries this prefix and the code, in QR's alphanumeric mode (capitals, digits, ``:-``)
QR_PREFIX = "FIELDBOOK:"


# -- content --------------------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def canonical_content(record: FieldRecord, photo_hashes: Sequence[str]) -> bytes:
    """The record's content as canonical JSON (sorted keys, no spaces, UTF-8)."""
    kind = type(record).KIND
    facts: dict[str, Any] = {name: _plain(getattr(record, name)) for name in FIELDS[kind]}
    facts.update({
        "$content": CONTENT_VERSION, "$kind": kind.value, "$id": str(record.id), "$root": str(record.root_id),
        "$version": record.version, "$amendment_reason": record.amendment_reason,
        "$household": str(record.household_id), "$loan": _plain(record.loan_id), "$photos": list(photo_hashes),
    })
    return json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_digest(record: FieldRecord, photo_hashes: Sequence[str]) -> bytes:
    return hashlib.sha256(canonical_content(record, photo_hashes)).digest()


def photo_hashes(session: Session, kind: RecordKind, record_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The photo hashes of each record version, in their order on the record."""
    found: dict[uuid.UUID, list[str]] = {record_id: [] for record_id in record_ids}
    for start in range(0, len(record_ids), 500):
        part = record_ids[start:start + 500]
        rows = session.execute(
            sa.select(RecordAttachment.record_id, Attachment.sha256)
            .join(Attachment, Attachment.id == RecordAttachment.attachment_id)
            .where(RecordAttachment.record_kind == kind, RecordAttachment.record_id.in_(part),
                   RecordAttachment.deleted.is_(False))
            .order_by(RecordAttachment.record_id, RecordAttachment.position))
        for record_id, sha in rows:
            found[record_id].append(sha)
    return found


# -- codes ----------------------------------------------------------------------------------------------------
def _encode(number: int, length: int) -> str:
    return "".join(ALPHABET[(number >> (5 * (length - 1 - i))) & 31] for i in range(length))


def _check_char(body: str) -> str:
    return ALPHABET[sum(_VALUE[c] * (2 * i + 1) for i, c in enumerate(body)) % 32]


def make_code(kind: RecordKind, record_id: uuid.UUID, printed_on: dt.date, digest: bytes) -> str:
    """The code printed on a record (grouped ``XXXXX-XXXXX-XXXXX-XXXXX``)."""
    body = (KIND_LETTER[RecordKind(kind)] + _encode(int.from_bytes(record_id.bytes[:5], "big"), 8)
            + _encode(max(0, (printed_on - EPOCH).days) & 0x7FFF, 3)
            + _encode(int.from_bytes(digest[:5], "big") >> 5, 7))
    raw = body + _check_char(body)
    return "-".join(raw[i:i + 5] for i in range(0, CODE_LENGTH, 5))


def code_for(record: FieldRecord, hashes: Sequence[str], printed_on: dt.date) -> str:
    return make_code(type(record).KIND, record.id, printed_on, content_digest(record, hashes))


def qr_payload(code: str) -> str:
    return QR_PREFIX + code


@dataclass(frozen=True)
class ParsedCode:
    kind: RecordKind
    id_prefix: str  # 10 hex digits of the version's row id
    printed_on: dt.date
    digest35: int
    code: str


def parse_code(text: str) -> ParsedCode:
    """Read a typed or scanned code (case, spaces, hyphens, O/I/L for 0/1 and the QR prefix are forgiven);
    raises ValidationError naming what is wrong."""
    cleaned = re.sub(r"[\s\-_.]", "", str(text).strip().upper())
    if cleaned.startswith(QR_PREFIX.rstrip(":")):
        cleaned = cleaned[len(QR_PREFIX.rstrip(":")):].lstrip(":")
    if len(cleaned) != CODE_LENGTH:
        raise ValidationError(translate("Printing", "A verification code has {n} characters; this one has {m}.",
                                        n=CODE_LENGTH, m=len(cleaned)))
    bad = sorted({c for c in cleaned if c not in _VALUE})
    if bad:
        raise ValidationError(translate("Printing", "A verification code has no {chars}.", chars=" ".join(bad)))
    normal = "".join(ALPHABET[_VALUE[c]] for c in cleaned)
    if normal[0] not in LETTER_KIND:
        raise ValidationError(translate("Printing", "A verification code starts with V (visit) or C (loan-use "
                                                    "check)."))
    if _check_char(normal[:-1]) != normal[-1]:
        raise ValidationError(translate("Printing", "The verification code is mistyped (its check character "
                                                    "does not match); compare it with the paper again."))

    def number(part: str) -> int:
        value = 0
        for c in part:
            value = value * 32 + _VALUE[c]
        return value

    return ParsedCode(kind=LETTER_KIND[normal[0]], id_prefix=f"{number(normal[1:9]):010x}",
                      printed_on=EPOCH + dt.timedelta(days=number(normal[9:12])), digest35=number(normal[12:19]),
                      code="-".join(normal[i:i + 5] for i in range(0, CODE_LENGTH, 5)))
