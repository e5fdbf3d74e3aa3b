"""The node's data key, wrapped once per user (Argon2id of the password) and once with a recovery code.

The 256-bit data key encrypts the database (SQLCipher raw key). ``keyring.json`` holds only wrapped copies:
AES-256-GCM under a key derived with Argon2id (RFC 9106 second recommendation: 64 MiB, t=3, p=4), the node id
and the user name bound as associated data so an entry cannot be moved to another node or user. Changing a
password rewraps the same data key; the database is never re-encrypted. Failed logins are counted next to it in
``logins.db`` (app/db/logins.py; the database is still closed then): a delay after the third failure, a lock-out
after the fifth, counted atomically across processes.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.db.fileio import atomic_write_json, read_json
from app.db.logins import FILE_NAME as LOGINS_FILE
from app.db.logins import LOCKOUT as LOCKOUT  # re-exported: the limits are part of the key ring's contract
from app.db.logins import MAX_FAILURES as MAX_FAILURES
from app.db.logins import LoginGuard, LoginState, parse_time
from app.errors import AuthError, NotANodeError, WrongPassword
from app.i18n import translate

KEYRING_FORMAT = 1
RECOVERY_ENTRY = "@recovery"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class KdfParams:
    iterations: int = 3
    memory_kib: int = 65536
    lanes: int = 4

    def derive(self, secret: str, salt: bytes) -> bytes:
        kdf = Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes,
                       memory_cost=self.memory_kib)
        return kdf.derive(secret.encode("utf-8"))


DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_recovery_code() -> str:
    """25 Crockford base-32 characters (125 bits) in groups of five: easy to write down and type back."""
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(25))
    return "-".join(raw[i:i + 5] for i in range(0, 25, 5))


def normalize_recovery_code(code: str) -> str:
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    return "".join(ch for ch in code.upper().translate(table) if ch in _CROCKFORD)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class KeyRing:
    """``keyring.json`` of one node."""

    def __init__(self, path: Path, node_id: str, data: dict[str, Any]) -> None:
        self.path = path
        self.node_id = node_id
        self.data = data

    # -- file -----------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, node_id: str) -> KeyRing:
        return cls(path, node_id, {"format": KEYRING_FORMAT, "node_id": node_id, "entries": {}})

    @classmethod
    def load(cls, path: Path, node_id: str) -> KeyRing:
        try:
            data = read_json(path)
        except FileNotFoundError as exc:
            raise NotANodeError(translate("Store", "The key file of this node is missing: {path}",
                                          path=path)) from exc
        except (OSError, ValueError) as exc:
            raise NotANodeError(translate("Store", "The key file of this node is damaged: {path}",
                                          path=path)) from exc
        if not isinstance(data, dict) or data.get("node_id") != node_id or "entries" not in data:
            raise NotANodeError(translate("Store", "The key file does not belong to this node."))
        return cls(path, node_id, data)

    def save(self) -> None:
        atomic_write_json(self.path, self.data)

    # -- wrapping -------------------------------------------------------------------------------------
    def _aad(self, name: str) -> bytes:
        return f"fieldbook-keyring-v1|{self.node_id}|{name}".encode()

    def wrap(self, name: str, secret: str, data_key: bytes, kdf: KdfParams = DEFAULT_KDF) -> None:
        salt = os.urandom(16)
        nonce = os.urandom(12)
        kek = kdf.derive(secret, salt)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, self._aad(name))
        previous = self.data["entries"].get(name, {})
        self.data["entries"][name] = {
            "kdf": "argon2id", "iterations": kdf.iterations, "memory_kib": kdf.memory_kib, "lanes": kdf.lanes,
            "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped),
            "created_at": previous.get("created_at", _now().isoformat(timespec="seconds")),
        }

    def _unwrap(self, name: str, secret: str) -> bytes | None:
        entry = self.data["entries"].get(name)
        if entry is None:
            # Spend the same effort for an unknown name so timing does not reveal which names exist.
            DEFAULT_KDF.derive(secret, b"\0" * 16)
            return None
        kdf = KdfParams(entry["iterations"], entry["memory_kib"], entry["lanes"])
        kek = kdf.derive(secret, _unb64(entry["salt"]))
        try:
            return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad(name))
        except InvalidTag:
            return None

    def has(self, name: str) -> bool:
        return name in self.data["entries"]

    def remove(self, name: str) -> None:
        self.data["entries"].pop(name, None)

    def users(self) -> list[str]:
        return sorted(n for n in self.data["entries"] if n != RECOVERY_ENTRY)

    # -- login ----------------------------------------------------------------------------------------
    @property
    def logins(self) -> LoginGuard:
        """The failure counts, kept next to this key ring (app/db/logins.py)."""
        return LoginGuard(self.path.parent / LOGINS_FILE)

    def unlock(self, user: str, password: str, now: dt.datetime | None = None) -> bytes:
        """Return the data key for ``user`` or raise AuthError (wrong password, delay, lock-out, or an attempt
        that cannot be counted). The attempt is counted before the password is checked (app/db/logins.py)."""
        now = now or _now()
        entry = self.data["entries"].get(user) if user != RECOVERY_ENTRY else None
        if entry is None:
            self._unwrap(user, password)  # the same effort, so timing does not tell which names exist
            raise WrongPassword(translate("Auth", "Wrong user name or password."))
        legacy = LoginState(int(entry.get("failed") or 0), parse_time(entry.get("locked_until")),
                            parse_time(entry.get("next_try_at")))
        self.logins.begin_attempt(user, now, legacy)
        key = self._unwrap(user, password)
        if key is None:
            raise WrongPassword(translate("Auth", "Wrong user name or password."))
        self.logins.succeeded(user)
        return key

    def unlock_with_recovery(self, code: str) -> bytes:
        key = self._unwrap(RECOVERY_ENTRY, normalize_recovery_code(code))
        if key is None:
            raise AuthError(translate("Auth", "The recovery code is not right."))
        return key

    def wrap_recovery(self, code: str, data_key: bytes, kdf: KdfParams = DEFAULT_KDF) -> None:
        self.wrap(RECOVERY_ENTRY, normalize_recovery_code(code), data_key, kdf)
