"""Failed logins, counted once for every attempt however many processes try at once (issue 16, finding 8).

The database is still closed at login, so the count lives in a small SQLite file next to the key ring
(``logins.db``: user names and counts only, like ``keyring.json`` readable before login). SQLite's own locking
makes every step one atomic transaction across processes, on every platform:

1. **before** the password is checked, an attempt is counted as a failure (``BEGIN IMMEDIATE``: ten attempts in
   parallel count ten); the delay after the third failure and the lock-out after the fifth are set then, and an
   attempt made while the account is locked or must wait is refused at once (and counted too);
2. only a password that unwraps the key clears the count again.

An attempt that cannot be counted (a read-only data folder, a full disk) is refused before the password is
checked, with a message saying why: otherwise an attacker could try passwords without limit there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import AuthError
from app.i18n import translate

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
#: failures before each further attempt is delayed by ``DELAY_STEP`` more
FREE_FAILURES = 2
DELAY_STEP = dt.timedelta(seconds=5)
FILE_NAME = "logins.db"
_SCHEMA = ("CREATE TABLE IF NOT EXISTS logins (user TEXT PRIMARY KEY, failed INTEGER NOT NULL DEFAULT 0, "
           "locked_until TEXT, next_try_at TEXT)")


@dataclass(frozen=True)
class LoginState:
    failed: int = 0
    locked_until: dt.datetime | None = None
    next_try_at: dt.datetime | None = None


def parse_time(text: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _text(when: dt.datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


class LoginGuard:
    """The failure counts of one node's accounts (``logins.db`` in the data folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction on the file (made if missing); AuthError if it cannot be written."""
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(_SCHEMA)
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn is not None and conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise _uncountable(exc) from exc
        finally:
            if conn is not None:
                conn.close()

    def state(self, user: str) -> LoginState:
        """What is counted for ``user`` now (read only: also where the folder cannot be written)."""
        if not self.path.exists():
            return LoginState()
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            row = conn.execute("SELECT failed, locked_until, next_try_at FROM logins WHERE user = ?",
                               (user,)).fetchone()
        except sqlite3.OperationalError:  # no table yet
            row = None
        finally:
            conn.close()
        return LoginState(int(row[0]), parse_time(row[1]), parse_time(row[2])) if row else LoginState()

    def begin_attempt(self, user: str, now: dt.datetime, legacy: LoginState | None = None) -> None:
        """Count an attempt of ``user`` as failed until :meth:`succeeded` says otherwise; AuthError if it may not be
        checked now (the account is locked or must wait: such an attempt counts too) or cannot be counted.
        ``legacy``: what an older key ring had counted, used until this file knows the user."""
        with self._transaction() as conn:
            row = conn.execute("SELECT failed, locked_until, next_try_at FROM logins WHERE user = ?",
                               (user,)).fetchone()
            state = (LoginState(int(row[0]), parse_time(row[1]), parse_time(row[2])) if row
                     else legacy or LoginState())
            expired = state.locked_until is not None and now >= state.locked_until
            failed = (0 if expired else state.failed) + 1  # a lock-out that ran out starts the count afresh
            locked = None if expired else state.locked_until
            waiting = state.next_try_at if state.next_try_at and now < state.next_try_at else None
            refused = locked is not None or waiting is not None
            next_try = None
            if locked is None and failed >= MAX_FAILURES:
                locked = now + LOCKOUT  # an attempt that is still checked lifts it again if its password is right
            elif locked is None and failed > FREE_FAILURES:
                next_try = max(waiting or now, now + DELAY_STEP * (failed - FREE_FAILURES))
            conn.execute("INSERT INTO logins (user, failed, locked_until, next_try_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (user) DO UPDATE SET failed = excluded.failed, "
                         "locked_until = excluded.locked_until, next_try_at = excluded.next_try_at",
                         (user, failed, _text(locked), _text(next_try)))
        if refused and locked is not None:
            minutes = max(1, int((locked - now).total_seconds() // 60) + 1)
            raise AuthError(translate("Auth", "Too many failed logins: this account is locked for "
                                              "{minutes} more minutes.", minutes=minutes))
        if refused and waiting is not None:
            seconds = int(((next_try or waiting) - now).total_seconds()) + 1
            raise AuthError(translate("Auth", "Please wait {seconds} seconds before trying again.",
                                      seconds=seconds))

    def succeeded(self, user: str) -> None:
        """The password was right: the count starts again (and a lock-out this very attempt set is lifted)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM logins WHERE user = ?", (user,))


def _uncountable(exc: sqlite3.Error) -> AuthError:
    text = str(exc).lower()
    if "full" in text:
        return AuthError(translate("Auth", "The disk is full, so Fieldbook cannot count this login attempt; it was "
                                           "refused. Free some space and try again."))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return AuthError(translate("Auth", "The data folder is read-only, so Fieldbook cannot count this login "
                                           "attempt; it was refused. Log in where the data folder can be "
                                           "written."))
    if "locked" in text or "busy" in text:
        return AuthError(translate("Auth", "Too many logins at once; try again in a moment."))
    return AuthError(translate("Auth", "Fieldbook cannot count this login attempt ({reason}); it was refused.",
                               reason=str(exc)))
