"""The rules for user names and passwords, in one place: the store enforces them (``check_*``), the forms say the
same words as the user types (``*_problem``)."""

from __future__ import annotations

from app.errors import ValidationError
from app.i18n import translate

#: the shortest password a user may set
MIN_PASSWORD = 8
MAX_USERNAME = 64


def password_problem(password: str) -> str:
    """Why ``password`` may not be set ('' when it may)."""
    if len(password) < MIN_PASSWORD:
        return translate("Auth", "A password needs at least {n} characters.", n=MIN_PASSWORD)
    return ""


def username_problem(username: str) -> str:
    """Why ``username`` is not a valid user name ('' when it is)."""
    if not username or len(username) > MAX_USERNAME or not username.replace("_", "").replace(".", "").isalnum() \
            or username.startswith("@"):
        return translate("Auth", "A user name has 1 to 64 letters, digits, dots or underscores.")
    return ""


def check_password(password: str) -> None:
    """Raise ValidationError for a password that may not be set."""
    problem = password_problem(password)
    if problem:
        raise ValidationError(problem)


def check_username(username: str) -> None:
    """Raise ValidationError for an invalid user name."""
    problem = username_problem(username)
    if problem:
        raise ValidationError(problem)
