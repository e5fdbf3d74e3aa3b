"""Verification marks on printed records: a short code a person can type, and checking it later.

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

Nothing is stored when a record is printed besides the local audit event (which names the record and the code,
no personal data): :func:`verify` finds the row by its id prefix, recomputes the digest from the database and
compares. The digest covers the record as it was recorded — every field of its form, its version and amendment
reason, the household and loan it is about, the hashes of its photos — but not the household's or the loan's
*current* facts (a repayment lowers the balance without changing what the visit found) and not the supervisor's
sign-off, which is added in place after printing. So the outcome is:

- ``ok``: the record exists, the printed version is still the latest, and its content matches;
- ``changed``: the printed version matches, but the record was amended since (the latest version is named);
- ``mismatch``: the row's content no longer gives the printed digest (the paper or the database was altered);
- ``unknown``: no record with this code on this node (it may live on another street's node).

The code is for checking a paper copy against the database, not a signature: anyone knowing this algorithm and
the record could compute it.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app.db.sqltext import id_text
from app.domain.records.reading import is_latest_version, model_for
from app.domain.records.verification import (
    ALPHABET,
    CODE_LENGTH,
    CONTENT_VERSION,
    EPOCH,
    KIND_LETTER,
    LETTER_KIND,
    QR_PREFIX,
    ParsedCode,
    _check_char,
    canonical_content,
    code_for,
    content_digest,
    make_code,
    parse_code,
    photo_hashes,
    qr_payload,
)
from app.i18n import translate
from app.models import AuditEntry, Household
from app.models.enums import RecordKind


class Outcome(enum.StrEnum):
    OK = "ok"
    CHANGED = "changed"
    MISMATCH = "mismatch"
    UNKNOWN = "unknown"


#: CLI exit codes per outcome (0 only when the paper copy is the current record)
EXIT_CODES = {Outcome.OK: 0, Outcome.CHANGED: 9, Outcome.MISMATCH: 10, Outcome.UNKNOWN: 11}


# -- checking -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PrintEvent:
    at: dt.datetime
    actor: str


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    code: str
    kind: RecordKind
    printed_on: dt.date
    record_id: uuid.UUID | None = None
    version: int = 0
    record_date: dt.date | None = None
    head_name: str = ""
    latest_version: int = 0
    latest_id: uuid.UUID | None = None
    amended_at: dt.datetime | None = None
    amendment_reason: str = ""
    #: when this node printed it (local audit events; empty when it was printed on another node)
    printed: tuple[PrintEvent, ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def message(self) -> str:
        """One translated line for the CLI and the verify box."""
        kind = type_label(self.kind)
        printed = self.printed_on.isoformat()
        if self.printed:
            printed = translate("Printing", "{day} (on this node at {time} by {user})",
                                day=self.printed_on.isoformat(),
                                time=_local(self.printed[-1].at).strftime("%Y-%m-%d %H:%M"),
                                user=self.printed[-1].actor)
        if self.outcome is Outcome.UNKNOWN:
            return translate("Printing", "{code}: no {kind} with this code on this node (printed {printed}).",
                             code=self.code, kind=kind, printed=printed)
        facts = dict(code=self.code, kind=kind, date=self.record_date.isoformat() if self.record_date else "",
                     head=self.head_name, version=self.version, printed=printed)
        if self.outcome is Outcome.OK:
            return translate("Printing", "{code}: ok — the {kind} of {date} ({head}), version {version}, matches "
                                         "the database and is the latest version; printed {printed}.", **facts)
        if self.outcome is Outcome.CHANGED:
            return translate("Printing", "{code}: changed — the {kind} of {date} ({head}) was printed as version "
                                         "{version} on {printed} and amended since: the latest is version "
                                         "{latest} of {amended} ({reason}).", **facts, latest=self.latest_version,
                             amended=_local(self.amended_at).strftime("%Y-%m-%d") if self.amended_at else "",
                             reason=self.amendment_reason)
        return translate("Printing", "{code}: does not match — the {kind} of {date} ({head}), version {version}, "
                                     "no longer gives the printed content hash; the paper or the record was "
                                     "altered. Printed {printed}.", **facts)


def type_label(kind: RecordKind) -> str:
    return translate("Printing", "visit record") if kind is RecordKind.VISIT else \
        translate("Printing", "loan-use check")


def _local(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return dt.datetime.min
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def verify(store: Any, code: str) -> Verification:
    """Check a code against this node's database (see the module docstring for the outcomes)."""
    parsed = parse_code(code)
    model = model_for(parsed.kind)
    with store.read() as session:
        candidates = list(session.execute(
            sa.select(model).where(id_text(model.id).like(parsed.id_prefix + "%"))).scalars())
        if not candidates:
            return Verification(Outcome.UNKNOWN, parsed.code, parsed.kind, parsed.printed_on)
        hashes = photo_hashes(session, parsed.kind, [c.id for c in candidates])
        # 40 bits of id leave a collision practically impossible; if it happens the digest decides
        record = next((c for c in candidates
                       if int.from_bytes(content_digest(c, hashes[c.id])[:5], "big") >> 5 == parsed.digest35),
                      candidates[0])
        matches = int.from_bytes(content_digest(record, hashes[record.id])[:5], "big") >> 5 == parsed.digest35
        root = record.root_id
        latest = session.execute(sa.select(model).where(sa.or_(model.id == root, model.original_id == root),
                                                        is_latest_version(model))).scalars().first() or record
        head = session.execute(sa.select(Household.head_name).where(Household.id == record.household_id)).scalar()
        events = tuple(PrintEvent(at, actor) for at, actor in session.execute(
            sa.select(AuditEntry.at, AuditEntry.actor)
            .where(AuditEntry.action == "print", AuditEntry.table_name == model.__tablename__,
                   AuditEntry.record_id == str(record.id), AuditEntry.data.contains(parsed.code))
            .order_by(AuditEntry.seq)))
    if not matches:
        outcome = Outcome.MISMATCH
    elif latest.id != record.id:
        outcome = Outcome.CHANGED
    else:
        outcome = Outcome.OK
    return Verification(outcome, parsed.code, parsed.kind, parsed.printed_on, record.id, record.version,
                        record.record_date, head or "", latest.version, latest.id,
                        latest.created_at if latest.id != record.id else None, latest.amendment_reason, events)


#: the code itself lives in the domain (app/domain/records/verification.py: the resolver of typed references reads
#: it too); its names stay importable from here
__all__ = [
    "ALPHABET", "CODE_LENGTH", "CONTENT_VERSION", "EPOCH", "KIND_LETTER", "LETTER_KIND", "QR_PREFIX", "Outcome",
    "ParsedCode", "PrintEvent", "Verification", "_check_char", "canonical_content", "code_for",
    "content_digest", "make_code", "parse_code", "photo_hashes", "qr_payload", "type_label", "verify",
]
