"""Where a hub's data lives when it is in a server database (PostgreSQL, docs/hub.md), remembered in the data folder.

``server-database.json`` holds the database URL *without* its password, and the password sealed with AES-256-GCM
under a key derived (HKDF-SHA256) from the node's data key, with the node id and the URL as associated data. Every
Fieldbook account of the node unwraps the data key with its own password (keyring.json), so a desk user logs in
with that account only, and the database password never lies in the clear on disk. ``Store.open`` uses the link
when no URL is given; the login window sets it (an account with ``Permission.EDIT_SETTINGS``), or gives a URL for
one session.

:func:`changes_since` is what a desk window asks the server every few seconds: the tables other sessions (other
desk users, ``hub serve`` importing bundles) wrote since the last entry of the audit log it saw.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.engine import URL

from app.db.fileio import atomic_write_json, read_json
from app.errors import StoreError
from app.i18n import translate
from app.models import AuditEntry
from app.paths import NodePaths

LINK_FILE = "server-database.json"
LINK_FORMAT = 1
_INFO = b"fieldbook server database password v1"


@dataclass(frozen=True)
class ServerLink:
    url: str  # without the password
    sealed: str  # base64 nonce + AES-GCM ciphertext of the password ("" when the URL needs none)


def parse_server_url(url: str) -> URL:
    """``url`` parsed; a translated :class:`StoreError` unless it names a PostgreSQL database."""
    text = url.strip()
    try:
        parsed = sa.engine.make_url(text)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(translate("Store", "The database address is not valid. Write it as "
                                            "postgresql+psycopg://USER@HOST:PORT/DATABASE.")) from exc
    if parsed.get_backend_name() != "postgresql" or not parsed.host or not parsed.database:
        raise StoreError(translate("Store", "The database address is not valid. Write it as "
                                            "postgresql+psycopg://USER@HOST:PORT/DATABASE."))
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def server_url(url: str, password: str | None = None) -> str:
    """The full URL to connect with: ``url`` checked, with ``password`` when one is given."""
    parsed = parse_server_url(url)
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """``url`` without its password, for the screen, messages and the link file."""
    return parse_server_url(url)._replace(password=None).render_as_string(hide_password=False)


def _subkey(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(data_key)


def _path(paths: NodePaths) -> str:
    return str(paths.root / LINK_FILE)


def load_link(paths: NodePaths) -> ServerLink | None:
    path = paths.root / LINK_FILE
    if not path.exists():
        return None
    try:
        value = read_json(path)
        return ServerLink(str(value["url"]), str(value.get("password", "")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(translate("Store", "The file {path} is damaged; set the database connection again.",
                                   path=_path(paths))) from exc


def save_link(paths: NodePaths, node_id: str, url: str, data_key: bytes) -> ServerLink:
    """Remember ``url`` (its password sealed) for this data folder."""
    parsed = parse_server_url(url)
    plain = shown_url(url)
    sealed = ""
    if parsed.password:
        nonce = os.urandom(12)
        box = AESGCM(_subkey(data_key)).encrypt(nonce, str(parsed.password).encode("utf-8"), _aad(node_id, plain))
        sealed = base64.b64encode(nonce + box).decode("ascii")
    atomic_write_json(paths.root / LINK_FILE, {"format": LINK_FORMAT, "url": plain, "password": sealed})
    return ServerLink(plain, sealed)


def clear_link(paths: NodePaths) -> None:
    (paths.root / LINK_FILE).unlink(missing_ok=True)


def linked_url(paths: NodePaths, node_id: str, data_key: bytes) -> str | None:
    """The full URL of the remembered server database, or None when this node keeps its data in its own file."""
    link = load_link(paths)
    if link is None:
        return None
    if not link.sealed:
        return server_url(link.url)
    try:
        raw = base64.b64decode(link.sealed.encode("ascii"), validate=True)
        password = AESGCM(_subkey(data_key)).decrypt(raw[:12], raw[12:], _aad(node_id, link.url)).decode("utf-8")
    except (ValueError, InvalidTag) as exc:
        raise StoreError(translate("Store", "The file {path} is damaged; set the database connection again.",
                                   path=_path(paths))) from exc
    return server_url(link.url, password)


def _aad(node_id: str, url: str) -> bytes:
    return f"{node_id}\0{url}".encode()


def changes_since(conn: sa.Connection, after: int | None, actor: str | None = None) -> tuple[int, set[str]]:
    """(the audit log's last sequence number, the tables written after ``after``, by anyone but ``actor`` if
    given). ``after=None``: only the last number (a window that just opened has nothing to catch up on)."""
    last = conn.execute(sa.select(sa.func.max(AuditEntry.seq))).scalar() or 0
    if after is None or last <= after:
        return last, set()
    query = (sa.select(AuditEntry.table_name).distinct()
             .where(AuditEntry.seq > after, AuditEntry.seq <= last, AuditEntry.table_name.is_not(None)))
    if actor is not None:
        query = query.where(AuditEntry.actor != actor)
    tables = conn.execute(query).scalars()
    return last, {t for t in tables if t}


_UNREACHABLE = ("connection refused", "timeout expired", "could not translate host name", "name or service not known",
                "no route to host", "network is unreachable", "temporary failure in name resolution")


def connection_problem(exc: BaseException, url: str) -> StoreError | None:
    """One translated sentence for a server database that could not be opened at ``url`` (``exc``: the store's
    error, caused by the driver's), or None when the cause is not a connection problem."""
    cause = exc.__cause__
    if not isinstance(cause, sa.exc.SQLAlchemyError):
        return None
    text = str(getattr(cause, "orig", None) or cause).lower()
    try:
        parsed = parse_server_url(url)
    except StoreError:
        return None
    host = f"{parsed.host}:{parsed.port or 5432}"
    if "password authentication failed" in text or "no password supplied" in text:
        return StoreError(translate("Store", "The database server {host} refused the account {user} or its "
                                             "password.", host=host,
                                    user=parsed.username or "?"))
    if "database" in text and "does not exist" in text:
        return StoreError(translate("Store", "There is no database {name} on {host}; check the address.",
                                    name=parsed.database, host=host))
    if any(marker in text for marker in _UNREACHABLE):
        return StoreError(translate("Store", "The database server {host} does not answer; check the address and "
                                             "that PostgreSQL runs there.", host=host))
    return None
