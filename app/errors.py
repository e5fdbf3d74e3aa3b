"""Two kinds of error (qutebrowser's KnownError / BugError habit).

``FieldbookError`` is environmental or a user mistake: wrong password, damaged file, full disk. It carries
a message already translated into the user's language and is shown as it is, never with a traceback.
Anything else is a bug: logged with its traceback and shown in a crash dialog.
"""

from __future__ import annotations


class FieldbookError(Exception):
    """An error the user can act on; ``str(exc)`` is the translated one-line message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AuthError(FieldbookError):
    """Wrong user name or password, or a locked-out account."""

    exit_code = 3


class WrongPassword(AuthError):
    """The password (or the user name) does not open the key ring: no delay or lock-out is in force."""


class NotANodeError(FieldbookError):
    exit_code = 4


class StoreError(FieldbookError):
    """The database cannot be opened or used: damaged, from a newer version, disk full."""

    exit_code = 5


class PermissionDenied(FieldbookError):
    exit_code = 6


class ValidationError(FieldbookError):
    exit_code = 7


class Cancelled(FieldbookError):
    """The user cancelled a long job (raised by :meth:`app.cancel.CancelToken.raise_if_cancelled`). Jobs that write
    in one transaction leave nothing behind; a job of several steps keeps the steps it finished and says so."""

    exit_code = 130

    def __init__(self, message: str = "") -> None:
        if not message:
            from app.i18n import translate  # here, not at the top: app.i18n stays importable without errors

            message = translate("Errors", "Cancelled.")
        super().__init__(message)
