"""Which field record a typed reference names: its id, a unique prefix of 8+ characters, or the verification code
printed on the paper (:mod:`app.domain.references` is the resolver; this module knows the record tables and the
code). The CLI's print and records commands and the Field records page use it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.records.reading import is_latest_version, model_for
from app.domain.records.verification import (
    CODE_LENGTH,
    LETTER_KIND,
    QR_PREFIX,
    content_digest,
    parse_code,
    photo_hashes,
)
from app.domain.references import MAX_LISTED, Candidate, choose, id_prefix, id_range, short_id
from app.domain.scope import scope_street
from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate
from app.models import Household
from app.models.enums import RecordKind
from app.models.records import FieldRecord

_SEPARATORS = re.compile(r"[\s\-_.]")


def record_word(kinds: Iterable[RecordKind]) -> str:
    """How a message names what was looked for: the kind's label, or "field record"."""
    chosen = list(kinds)
    return chosen[0].label if len(chosen) == 1 else translate("References", "field record")


def _looks_like_code(text: str) -> bool:
    cleaned = _SEPARATORS.sub("", text.strip().upper())
    if cleaned.startswith(QR_PREFIX.rstrip(":")):
        return True
    return len(cleaned) == CODE_LENGTH and cleaned[0] in LETTER_KIND and (
        "-" in text or not re.fullmatch(r"[0-9A-F]+", cleaned))


def _label(kind: RecordKind, record: FieldRecord, head: str) -> str:
    return translate("References", "{id} ({kind} of {date}, {head})", id=short_id(record.id), kind=kind.label,
                     date=record.record_date.isoformat(), head=head or "-")


def _in_scope(model: type[FieldRecord], street: str | None) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [model.deleted.is_(False)]
    if street is not None:
        conditions.append(Household.street_code == street)
    return conditions


def _by_code(session: Session, text: str, kinds: list[RecordKind], street: str | None) -> tuple[RecordKind, uuid.UUID]:
    parsed = parse_code(text)
    if parsed.kind not in kinds:
        raise ValidationError(translate("References", "{code} is the code of a {found}, not of a {wanted}.",
                                        code=parsed.code, found=parsed.kind.label, wanted=record_word(kinds)))
    model = model_for(parsed.kind)
    prefix = parsed.id_prefix
    rows = session.execute(sa.select(model, Household.head_name).join(Household, Household.id == model.household_id)
                           .where(model.id.between(*id_range(prefix)), *_in_scope(model, street))
                           .limit(MAX_LISTED + 1)).all()
    hashes = photo_hashes(session, parsed.kind, [record.id for record, _ in rows])
    # 40 bits of id practically never collide; if they do, the content hash on the paper decides
    matching = [(record, head) for record, head in rows
                if int.from_bytes(content_digest(record, hashes[record.id])[:5], "big") >> 5 == parsed.digest35]
    chosen = choose(parsed.code, record_word([parsed.kind]),
                    [Candidate(record.id, _label(parsed.kind, record, head)) for record, head in (matching or rows)])
    return parsed.kind, chosen.key


def _by_prefix(session: Session, text: str, kinds: list[RecordKind], street: str | None
               ) -> tuple[RecordKind, uuid.UUID]:
    prefix = id_prefix(text, record_word(kinds))
    found: list[Candidate] = []
    for kind in kinds:
        model = model_for(kind)
        rows = session.execute(sa.select(model, Household.head_name)
                               .join(Household, Household.id == model.household_id)
                               .where(model.id.between(*id_range(prefix)), *_in_scope(model, street))
                               .order_by(model.id).limit(MAX_LISTED + 1)).all()
        found += [Candidate((kind, record.id), _label(kind, record, head)) for record, head in rows]
    kind, record_id = choose(text, record_word(kinds), found).key
    return kind, record_id


def resolve_record(store: StoreLike, text: str, kinds: Iterable[RecordKind] | None = None,
                   latest: bool = True) -> tuple[RecordKind, uuid.UUID]:
    """(kind, id) of the field record ``text`` names among ``kinds`` (all kinds by default) on this node, within
    its street. With ``latest``, the id of a first version that was amended since gives the latest version (lists
    and the paper show the first version's id; a later version's own id still gives that version)."""
    chosen = [RecordKind(k) for k in kinds] if kinds is not None else list(RecordKind)
    street = scope_street(store)
    with store.read() as session:
        if _looks_like_code(text) and any(kind.value in ("visit", "use_check") for kind in chosen):
            kind, record_id = _by_code(session, text, chosen, street)
        else:
            kind, record_id = _by_prefix(session, text, chosen, street)
        if latest:
            model = model_for(kind)
            record = session.get(model, record_id)
            if record is not None and record.original_id is None:
                newest = session.execute(sa.select(model.id).where(model.original_id == record.id,
                                                                   is_latest_version(model))).scalar()
                if newest is not None:
                    record_id = uuid.UUID(str(newest))
    return kind, record_id
