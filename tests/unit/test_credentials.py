"""The password and user-name rules: one place that the store enforces and the forms repeat as the user types."""

from __future__ import annotations

import pytest

from app.db.credentials import MIN_PASSWORD, check_password, check_username, password_problem, username_problem
from app.errors import ValidationError


def test_password_rule():
    assert password_problem("x" * MIN_PASSWORD) == ""
    assert password_problem("x" * (MIN_PASSWORD - 1)) == f"A password needs at least {MIN_PASSWORD} characters."
    with pytest.raises(ValidationError, match="at least"):
        check_password("short")


def test_username_rule():
    assert username_problem("li.ming_2") == ""
    for bad in ("", "@admin", "li ming", "x" * 65):
        assert username_problem(bad), bad
    with pytest.raises(ValidationError, match="1 to 64"):
        check_username("no spaces")


def test_the_store_refuses_what_the_form_refuses(store):
    with pytest.raises(ValidationError) as refused:
        store.add_user("clerk", "field", "short")
    assert refused.value.message == password_problem("short")
