"""The names people use for a record: its id, any unique prefix of 8 or more characters of it, or, for a printed
field record, the verification code on the paper. One resolver for every command and for the screens where a
reference is typed.

A prefix is read as hexadecimal with or without the hyphens of a UUID (``536310cd``, ``536310cd-9f1e``); it is
looked up as a range of the primary key (``id BETWEEN prefix000… AND prefixfff…``), which SQLite's text keys and
PostgreSQL's uuid type both order the same way, so it uses the key's index. A reference that matches nothing, or
more than one record, is refused with one translated line; an ambiguous one lists the candidates (up to
:data:`MAX_LISTED`) so the user can type more characters.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.storelike import StoreLike
from app.errors import ValidationError
from app.i18n import translate

#: the shortest prefix of an id that is accepted (people copy the first group of a UUID)
MIN_PREFIX = 8
#: candidates named in the message about an ambiguous reference
MAX_LISTED = 8
_HEX = re.compile(r"^[0-9a-f]+$")


class _Keyed(Protocol):
    """A mapped row with a UUID primary key ``id``."""

    id: Any


T = TypeVar("T", bound=_Keyed)


@dataclass(frozen=True)
class Candidate:
    """A record a reference may mean: its key and how the message names it."""

    key: Any
    label: str


class UnknownReference(ValidationError):
    """Nothing matches the reference."""


class AmbiguousReference(ValidationError):
    """Several records match; ``candidates`` names them."""

    def __init__(self, message: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


def short_id(value: Any) -> str:
    """The first 8 characters of an id, as lists show it and as people copy it."""
    return str(value).replace("-", "")[:MIN_PREFIX]


def id_prefix(text: str, what: str) -> str:
    """The lower-case hex digits of a typed id or prefix (hyphens dropped); refuses anything shorter than
    :data:`MIN_PREFIX` or not hexadecimal, naming ``what`` was looked for."""
    cleaned = str(text).strip().lower().replace("-", "")
    if not cleaned:
        raise ValidationError(translate("References", "Give the {what}: its id or the first {n} characters of it.",
                                        what=what, n=MIN_PREFIX))
    if not _HEX.match(cleaned) or len(cleaned) > 32:
        raise ValidationError(translate("References", "{ref} is not the id of a {what} (an id has the digits 0-9 "
                                                      "and the letters a-f).", ref=str(text).strip(), what=what))
    if len(cleaned) < MIN_PREFIX:
        raise ValidationError(translate("References", "{ref} is too short: give at least {n} characters of the "
                                                      "{what}'s id.", ref=str(text).strip(), n=MIN_PREFIX, what=what))
    return cleaned


def id_range(prefix: str) -> tuple[uuid.UUID, uuid.UUID]:
    """The smallest and largest UUID that start with the hex ``prefix``."""
    return uuid.UUID(prefix.ljust(32, "0")), uuid.UUID(prefix.ljust(32, "f"))


def choose(text: str, what: str, found: Sequence[Candidate]) -> Candidate:
    """The one candidate, or a refusal in one line: nothing matches, or which ones do."""
    unique = list({candidate.key: candidate for candidate in found}.values())
    if len(unique) == 1:
        return unique[0]
    ref = str(text).strip()
    if not unique:
        raise UnknownReference(translate("References", "No {what} matches {ref} on this node.", what=what, ref=ref))
    listed = "; ".join(candidate.label for candidate in unique[:MAX_LISTED])
    more = translate("References", "; and others") if len(unique) > MAX_LISTED else ""
    raise AmbiguousReference(translate("References", "{ref} matches several {what}s: {listed}{more}. Type more "
                                                     "characters of the id.", ref=ref, what=what, listed=listed,
                                       more=more), unique)


def find_by_id(session: Session, model: type[T], text: str, what: str, describe: Callable[[T], str],
               where: Iterable[Any] = ()) -> T:
    """The row of ``model`` (with a UUID ``id``) that ``text`` names: its full id or a unique prefix."""
    prefix = id_prefix(text, what)
    column: Any = model.id
    rows = [row for (row,) in session.execute(
        sa.select(model).where(column.between(*id_range(prefix)), *where).order_by(column).limit(MAX_LISTED + 1))]
    chosen = choose(text, what, [Candidate(row.id, describe(row)) for row in rows])
    return next(row for row in rows if row.id == chosen.key)


def resolve_id(store: StoreLike, model: type[T], text: str, what: str, describe: Callable[[T], str],
               where: Iterable[Any] = ()) -> uuid.UUID:
    """The id of the row of ``model`` that ``text`` names (:func:`find_by_id` in a read session of ``store``)."""
    with store.read() as session:
        row = find_by_id(session, model, text, what, describe, where)
        record_id: uuid.UUID = row.id
        return record_id


def street_code(text: str) -> str:
    """The district's street that ``text`` names: its code (``610111006``), the code's last three digits (``006``)
    or its name, with or without 街道 (``狄寨``, ``狄寨街道``)."""
    from app.models.places import BAQIAO_STREETS

    typed = str(text).strip()
    codes = {code for code, _ in BAQIAO_STREETS}
    if typed in codes:
        return typed
    if len(typed) == 3 and f"610111{typed}" in codes:
        return f"610111{typed}"
    named = [code for code, name in BAQIAO_STREETS if typed and (name == typed or name.removesuffix("街道") == typed)]
    if len(named) == 1:
        return named[0]
    raise ValidationError(translate("References", "{value} is not a street of the district: give its name (such as "
                                                  "狄寨街道) or its code (610111001 to 610111009).", value=typed))
