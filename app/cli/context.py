"""What every command module shares: the command's context (data folder, credentials, the open store), the parser
class with one-line errors, the argument types, the subcommand groups that several modules fill, and printing."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.paths import NodePaths, resolve_data_dir

#: how a module adds a command: ``add(name, func, help_text, into=subparsers) -> parser``
Add = Callable[..., argparse.ArgumentParser]


class Context:
    """What a command needs: the data folder, credentials from the environment or a prompt, the open store."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.data_dir: Path = resolve_data_dir(getattr(args, "data_dir", None))
        self._store: Any = None

    def secret(self, env: str, prompt: str, confirm: bool = False) -> str:
        value = os.environ.get(env)
        if value:
            return value
        if not sys.stdin or not sys.stdin.isatty():
            raise ValidationError(translate("CLI", "Set {env} or run the command in a terminal to type it.",
                                            env=env))
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass(translate("CLI", "Repeat: ")) != value:
            raise ValidationError(translate("CLI", "The two entries differ."))
        return value

    def username(self) -> str:
        value = os.environ.get("FIELDBOOK_USER")
        if value:
            return value
        if not sys.stdin or not sys.stdin.isatty():
            raise ValidationError(translate("CLI", "Set {env} or run the command in a terminal to type it.",
                                            env="FIELDBOOK_USER"))
        return input(translate("CLI", "User name: ")).strip()

    def store(self, db_url: str | None = None) -> Any:
        """The node's store, opened once with the user's password; on the server database ``db_url`` if given
        (a hub moved to PostgreSQL, docs/hub.md)."""
        if self._store is None:
            from app.db.store import NodeInfo, Store

            NodeInfo.load(NodePaths(self.data_dir))  # a clear message before asking for a password
            self._store = Store.open(self.data_dir, self.username(),
                                     self.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")),
                                     db_url=db_url or None)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


#: argparse's own words (headings of --help, its error messages), through our catalogue: "positional arguments"
#: and "options" were English in a Chinese --help. argparse looks them up with gettext at the time it formats.
ARGPARSE_WORDS = frozenset((
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
))


def argparse_words(text: str) -> str:
    return translate("argparse", text) if text in ARGPARSE_WORDS else text


argparse._ = argparse_words  # type: ignore[attr-defined]  # argparse's module-level gettext alias


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        """argparse's refusals in one line (no usage block; ``--help`` shows it), exit 2."""
        print(translate("CLI", "{prog}: {message} (see {prog} --help)", prog=self.prog, message=message),
              file=sys.stderr)
        raise SystemExit(2)


def out(text: str) -> None:
    print(text, flush=True)


def date_arg(text: str) -> dt.date:
    """``YYYY-MM-DD`` as an argument type."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(translate("CLI", "{value} is not a date (YYYY-MM-DD).", value=text)) from exc


def subcommands(sub: Any, name: str, help_text: str, metavar: str = "WHAT") -> Any:
    """The subcommands of ``name`` (``print``, ``records``...), created by whichever command module comes first."""
    existing = sub.choices.get(name)
    if existing is None:
        existing = sub.add_parser(name, help=help_text)
        existing.add_subparsers(dest=f"{name}_command", metavar=metavar, parser_class=Parser, required=True)
    for action in existing._actions:  # argparse keeps the subparsers among the actions
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"{name} has no subcommands")
