"""A node's data folder opened for one user: node file, key ring, encrypted database, audit log, settings.

``Store.create`` makes a node (first run), ``Store.open`` logs a user in; every later layer works through a
``Store``: ``store.read()`` for queries and ``store.write()`` for one audited write transaction.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app import __version__
from app.db import migrate
from app.db.audit import AuditLog
from app.db.credentials import check_password, check_username
from app.db.engine import create_database, make_engine, make_server_engine, redact_url
from app.db.epochs import current_origin
from app.db.fileio import atomic_write_json, read_json
from app.db.hlc import HybridClock
from app.db.integrity import Anchor, full_check, routine_check
from app.db.keyring import DEFAULT_KDF, KdfParams, KeyRing, new_recovery_code
from app.db.server_link import linked_url
from app.errors import AuthError, FieldbookError, NotANodeError, StoreError, ValidationError
from app.i18n import translate
from app.models import AuditEntry, Meta, Node, SettingValue, Street, User
from app.models.base import utcnow
from app.models.enums import NodeRole, Role
from app.models.permissions import Permission, require
from app.paths import NodePaths
from app.settings import Setting, SettingsStore

log = logging.getLogger(__name__)
T = TypeVar("T")
#: called with every store just opened for a user (after the migrations and the login): upkeep that needs the audit
#: log, such as turning a migrated node's history into records (app/domain registers app.domain.loan_backfill)
OPEN_HOOKS: list[Callable[[Store], None]] = []
NODE_FORMAT = 1


@dataclass
class NodeInfo:
    """``node.json``: what must be readable before login (no personal data)."""

    node_id: str
    role: str
    name: str
    street_code: str | None
    language: str = "zh_CN"
    created_at: str = ""
    app_version: str = __version__
    format: int = NODE_FORMAT
    app: str = "fieldbook"
    demo_user: str | None = None
    text_scale: int = 100  # app.settings.UI_TEXT_SCALE (node scope: the login window needs it)
    high_contrast: bool = False  # app.settings.UI_HIGH_CONTRAST
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def local_id(self) -> str:
        """The id the key ring and the integrity anchor are bound to: the node id, or the one the node had before a
        restore gave it a new identity (app/db/identity.py)."""
        return str(self.extra.get("local_id") or self.node_id)

    @classmethod
    def load(cls, paths: NodePaths) -> NodeInfo:
        if not paths.node_file.exists():
            raise NotANodeError(translate("Store", "{path} is not a Fieldbook node (node.json is missing).",
                                          path=paths.root))
        try:
            data = read_json(paths.node_file)
            if data.get("app") != "fieldbook":
                raise ValueError("not fieldbook")
            if int(data.get("format", 0)) > NODE_FORMAT:
                raise StoreError(translate("Store", "This node was created by a newer version of Fieldbook; "
                                                    "please install the newer version."))
            known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
            return cls(**known)
        except FieldbookError:
            raise
        except (OSError, ValueError, TypeError) as exc:
            raise NotANodeError(translate("Store", "{path} is not a Fieldbook node (node.json is damaged).",
                                          path=paths.root)) from exc

    def save(self, paths: NodePaths) -> None:
        atomic_write_json(paths.node_file, asdict(self))


def is_node(data_dir: Path) -> bool:
    return NodePaths(data_dir).node_file.exists()


@dataclass(frozen=True)
class CurrentUser:
    username: str
    role: Role
    display_name: str


class Store:
    def __init__(self, paths: NodePaths, info: NodeInfo, keyring: KeyRing, key: bytes, engine: Engine,
                 user: CurrentUser) -> None:
        self.paths = paths
        self.info = info
        self.keyring = keyring
        self._key = key
        self.engine = engine
        self.user = user
        with engine.connect() as conn:
            last = conn.execute(sa.select(AuditEntry.hlc).order_by(AuditEntry.seq.desc()).limit(1)).scalar()
            origin = current_origin(conn, info.node_id)
        self.clock = HybridClock(origin, last)
        self.audit = AuditLog(info.node_id, self.clock, origin)
        # a hub on a server database anchors that database's log, not the SQLite file it was copied from
        self.anchor = Anchor(paths.integrity_file if engine.dialect.name == "sqlite" else paths.server_integrity_file,
                             info.local_id, key)
        self._session_class: type[Session] = type("NodeSession", (Session,), {})
        self.audit.install(engine, self._session_class)
        self._sessions = sessionmaker(bind=engine, class_=self._session_class, expire_on_commit=False,
                                      info={"actor": user.username})
        # SQLite: BEGIN IMMEDIATE (app/db/engine.py); PostgreSQL: an advisory lock at the start of the transaction
        self._writer = engine.execution_options(immediate=True)
        self._write_sessions = sessionmaker(bind=self._writer, class_=self._session_class,
                                            expire_on_commit=False, info={"actor": user.username})
        self.settings = SettingsStore(self._load_settings)

    # -- node lifecycle ---------------------------------------------------------------------------------
    @classmethod
    def create(cls, data_dir: Path, role: NodeRole | str, name: str, street_code: str | None, admin: str,
               password: str, kdf: KdfParams = DEFAULT_KDF, language: str = "zh_CN") -> tuple[Store, str]:
        """Create a node and its first admin; return the open store and the recovery code to write down."""
        paths = NodePaths(data_dir)
        role = NodeRole(role)
        check_username(admin)
        check_password(password)
        if not name.strip():
            raise ValidationError(translate("Store", "The node needs a name."))
        if role is NodeRole.FIELD and not street_code:
            raise ValidationError(translate("Store", "A field node belongs to a street; choose its street code."))
        if paths.node_file.exists() or paths.database.exists():
            raise StoreError(translate("Store", "{path} already holds a Fieldbook node.", path=paths.root))
        if data_dir.exists() and any(p for p in data_dir.iterdir() if p.name not in {"logs", "tmp", "backups"}):
            raise StoreError(translate("Store", "{path} is not empty; choose an empty folder for a new node.",
                                       path=data_dir))
        old_umask = os.umask(0o077)
        try:
            paths.ensure()
            key = secrets.token_bytes(32)
            info = NodeInfo(node_id=str(uuid.uuid4()), role=role.value, name=name.strip(),
                            street_code=street_code or None, language=language,
                            created_at=utcnow().isoformat(timespec="seconds"))
            create_database(paths.database, key)
            engine = make_engine(paths.database, key)
            migrate.upgrade(engine, key)
            with engine.connect() as conn:
                if street_code and not conn.execute(sa.select(Street.code).where(Street.code == street_code)).first():
                    engine.dispose()
                    paths.database.unlink()
                    raise ValidationError(translate("Store", "Unknown street code {code}.", code=street_code))
            keyring = KeyRing.create(paths.keyring_file, info.node_id)
            keyring.wrap(admin, password, key, kdf)
            recovery = new_recovery_code()
            keyring.wrap_recovery(recovery, key, kdf)
            store = cls(paths, info, keyring, key, engine, CurrentUser(admin, Role.ADMIN, admin))
            with store.write() as session:
                session.add(Node(id=info.node_id, name=info.name, role=role, street_code=info.street_code,
                                 is_self=True))
                session.add(User(username=admin, display_name=admin, role=Role.ADMIN, created_by=admin))
                store.audit.event(session, "node_created", {"role": role.value, "name": info.name,
                                                            "street": info.street_code})
            keyring.save()
            info.save(paths)  # last: a folder with node.json is a complete node
        finally:
            os.umask(old_umask)
        return store, recovery

    @classmethod
    def open(cls, data_dir: Path, username: str, password: str, now: dt.datetime | None = None,
             db_url: str | None = None) -> Store:
        """Log ``username`` in. ``db_url`` (a hub only, docs/hub.md): the node's data lives in that server
        database instead of the encrypted file; node.json and the key ring stay in ``data_dir``. Without it, the
        server database linked in ``data_dir`` (app/db/server_link.py), if any."""
        paths = NodePaths(data_dir)
        info = NodeInfo.load(paths)
        keyring = KeyRing.load(paths.keyring_file, info.local_id)
        key = keyring.unlock(username, password, now=now)
        return cls._open_with_key(paths, info, keyring, key, username, db_url)

    @classmethod
    def _open_with_key(cls, paths: NodePaths, info: NodeInfo, keyring: KeyRing, key: bytes,
                       username: str, db_url: str | None = None) -> Store:
        if db_url is None:  # a hub whose data was linked to a server database (app/db/server_link.py)
            db_url = linked_url(paths, info.node_id, key)
        engine = make_server_engine(db_url) if db_url else make_engine(paths.database, key)
        try:
            if db_url:
                _check_server_database(engine, info, db_url)
            migrate.upgrade(engine, key, backup_to=None if db_url else paths.backups)
            with Session(engine) as session:
                row = session.execute(sa.select(User).where(User.username == username)).scalar_one_or_none()
                if row is None or not row.active:
                    raise AuthError(translate("Auth", "This account is not active on this node."))
                user = CurrentUser(row.username, Role(row.role), row.display_name or row.username)
        except BaseException:
            engine.dispose()
            raise
        store = cls(paths, info, keyring, key, engine, user)
        with store.write() as session:
            session.execute(sa.select(User).where(User.username == username)).scalar_one().last_login_at = utcnow()
            store.audit.event(session, "login", {"user": username})
        for hook in OPEN_HOOKS:
            hook(store)
        return store

    @classmethod
    def reset_password_with_recovery(cls, data_dir: Path, code: str, username: str, new_password: str,
                                     kdf: KdfParams = DEFAULT_KDF) -> Store:
        """Set a new password for ``username`` using the recovery code; returns the store opened as that user."""
        paths = NodePaths(data_dir)
        info = NodeInfo.load(paths)
        keyring = KeyRing.load(paths.keyring_file, info.local_id)
        check_password(new_password)
        key = keyring.unlock_with_recovery(code)
        store = cls._open_with_key(paths, info, keyring, key, username)
        keyring.wrap(username, new_password, key, kdf)
        keyring.save()
        with store.write() as session:
            store.audit.event(session, "password_reset_with_recovery", {"user": username})
        return store

    def close(self) -> None:
        try:
            with self.write() as session:
                self.audit.event(session, "logout", {"user": self.user.username})
        except FieldbookError:
            log.warning("could not record the logout")
        self.engine.dispose()

    @property
    def origin(self) -> str:
        """The origin this node's own changes carry now (its node id until a restore starts a new epoch)."""
        return self.audit.origin

    # -- sessions -----------------------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            except OperationalError as exc:
                raise _store_error(exc) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One audited write transaction (BEGIN IMMEDIATE); committed when the block ends without error, then the
        log's new head is anchored (app/db/integrity.py)."""
        session = self._write_sessions()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise _store_error(exc) from exc
        finally:
            session.close()
        self._anchor_head()

    # -- accounts -----------------------------------------------------------------------------------------
    def require(self, permission: Permission) -> None:
        require(self.user.role, permission)

    def add_user(self, username: str, role: Role | str, password: str, display_name: str = "",
                 kdf: KdfParams = DEFAULT_KDF) -> None:
        self.require(Permission.MANAGE_USERS)
        check_username(username)
        check_password(password)
        role = Role(role)
        with self.read() as session:
            if session.execute(sa.select(User.id).where(User.username == username)).first():
                raise ValidationError(translate("Auth", "The user {user} already exists.", user=username))
        self.keyring.wrap(username, password, self._key, kdf)
        try:
            with self.write() as session:
                session.add(User(username=username, role=role, display_name=display_name or username,
                                 created_by=self.user.username))
            self.keyring.save()
        except BaseException:
            self.keyring.remove(username)
            raise

    def as_user(self, username: str, password: str) -> Store:
        """``username`` logged in on this already open node: the same database, engine, hybrid clock and audit
        log, its own sessions and permissions. One node keeps one clock: a second :meth:`open` of the same
        database in the same process would keep a second clock, and two clocks can stamp changes out of order.
        The password is checked as at login (AuthError otherwise)."""
        key = self.keyring.unlock(username, password)
        if key != self._key:  # pragma: no cover - one key ring holds one node's key
            raise AuthError(translate("Auth", "Wrong user name or password."))
        with self.read() as session:
            row = session.execute(sa.select(User).where(User.username == username)).scalar_one_or_none()
            if row is None or not row.active:
                raise AuthError(translate("Auth", "This account is not active on this node."))
            user = CurrentUser(row.username, Role(row.role), row.display_name or row.username)
        other = copy.copy(self)
        other.user = user
        other._sessions = sessionmaker(bind=self.engine, class_=self._session_class, expire_on_commit=False,
                                       info={"actor": user.username})
        other._write_sessions = sessionmaker(bind=self._writer, class_=self._session_class,
                                             expire_on_commit=False, info={"actor": user.username})
        with other.write() as session:
            other.audit.event(session, "login", {"user": username})
        return other

    def set_user_active(self, username: str, active: bool) -> None:
        self.require(Permission.MANAGE_USERS)
        if username == self.user.username and not active:
            raise ValidationError(translate("Auth", "You cannot deactivate your own account."))
        with self.write() as session:
            user = session.execute(sa.select(User).where(User.username == username)).scalar_one()
            user.active = active

    def users(self) -> list[User]:
        with self.read() as session:
            return list(session.execute(sa.select(User).order_by(User.username)).scalars())

    def verify_password(self, password: str) -> None:
        """Check the current user's password (unlocking after idle); raises AuthError."""
        self.keyring.unlock(self.user.username, password)

    def change_password(self, old: str, new: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        check_password(new)
        key = self.keyring.unlock(self.user.username, old)
        self.keyring.wrap(self.user.username, new, key, kdf)
        self.keyring.save()
        with self.write() as session:
            self.audit.event(session, "password_changed", {"user": self.user.username})

    # -- settings -----------------------------------------------------------------------------------------
    def _load_settings(self) -> dict[str, str]:
        with self.read() as session:
            return {key: value for key, value in session.execute(sa.select(SettingValue.key, SettingValue.value))}

    def setting(self, definition: Setting[T]) -> T:
        if definition.node_scope:
            return definition.validate(getattr(self.info, definition.key.split(".")[-1]))
        return self.settings.get(definition)

    def set_setting(self, definition: Setting[T], value: Any) -> T:
        self.require(Permission.EDIT_SETTINGS) if not definition.node_scope else None
        coerced = definition.validate(value)
        old = self.setting(definition)
        if definition.node_scope:
            setattr(self.info, definition.key.split(".")[-1], coerced)
            self.info.save(self.paths)
            with self.write() as session:
                self.audit.event(session, "settings", {"key": definition.key, "old": old, "new": coerced})
            return coerced
        with self.write() as session:
            row = session.get(SettingValue, definition.key)
            if row is None:
                session.add(SettingValue(key=definition.key, value=definition.dump(coerced),
                                         updated_by=self.user.username))
            else:
                row.value, row.updated_at, row.updated_by = definition.dump(coerced), utcnow(), self.user.username
        self.settings.invalidate()
        return coerced

    # -- meta -----------------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.read() as session:
            row = session.get(Meta, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as session:
            session.merge(Meta(key=key, value=value))

    # -- integrity ------------------------------------------------------------------------------------------
    def check(self, full: bool = False) -> list[str]:
        """Problems found (empty when the database, its encryption, the audit chain, its anchor and every row
        agree). The routine check starts from the last verified entry; ``full`` verifies everything again
        (app/db/integrity.py)."""
        with self.engine.connect() as conn, conn.begin():  # one snapshot of the database throughout
            report = (full_check if full else routine_check)(conn, self.anchor)
        return report.problems

    def _anchor_head(self) -> None:
        """Anchor the newest log entry outside the database (after every write)."""
        with self.engine.connect() as conn:
            head = conn.execute(sa.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc())
                                .limit(1)).first()
        if head is not None:
            try:
                self.anchor.advance_head(int(head[0]), str(head[1]))
            except OSError:
                log.warning("could not anchor the audit log's head")

    @property
    def data_key_for_backup(self) -> bytes:
        return self._key


def _check_server_database(engine: Engine, info: NodeInfo, url: str) -> None:
    """A server database must already hold this node (``hub init-db`` copies it there once)."""
    if migrate.current_revision(engine) is None:
        raise StoreError(translate("Store", "The database {url} holds no Fieldbook data yet; run "
                                            "\"hub init-db --db URL\" once to copy this hub into it.",
                                   url=redact_url(url)))
    with engine.connect() as conn:
        own = conn.execute(sa.select(Node.id).where(Node.is_self.is_(True))).scalar()
    if own != info.node_id:
        raise StoreError(translate("Store", "The database {url} belongs to another Fieldbook node.",
                                   url=redact_url(url)))


def _store_error(exc: SQLAlchemyError) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return StoreError(translate("Store", "The disk is full; free some space and try again. "
                                             "Nothing was saved from this step."))
    if "readonly" in text or "read-only" in text:
        return StoreError(translate("Store", "The data folder is read-only; Fieldbook cannot save there."))
    if "locked" in text or "busy" in text:
        return StoreError(translate("Store", "The database is busy in another window; try again."))
    if "malformed" in text or "not a database" in text:
        return StoreError(translate("Store", "The database file is damaged; restore a backup."))
    return StoreError(translate("Store", "The database reported an error: {reason}",
                                reason=str(exc.orig) if hasattr(exc, "orig") else str(exc)))
