"""The headless CLI (contract in ARCHITECTURE.md). ``main([])`` starts the GUI.

Exit codes: 0 success; a FieldbookError's own code (1-7) with a one-line reason on stderr in the user's
language; 2 for bad usage; 70 for a bug (traceback in the log file, one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import __version__, logs
from app.errors import FieldbookError, ValidationError
from app.i18n import translate
from app.paths import NodePaths, resolve_data_dir

log = logging.getLogger(__name__)

#: modules adding their own subcommands through ``register(subparsers)``
FEATURE_MODULES: tuple[str, ...] = ("app.cli.records", "app.cli.risk", "app.cli.programs", "app.cli.printing",
                                     "app.cli.registry", "app.cli.sync",
                                     "app.cli.hub")


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

    def store(self) -> Any:
        if self._store is None:
            from app.db.store import NodeInfo, Store

            NodeInfo.load(NodePaths(self.data_dir))  # a clear message before asking for a password
            self._store = Store.open(self.data_dir, self.username(),
                                     self.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def out(text: str) -> None:
    print(text, flush=True)


# -- core commands ------------------------------------------------------------------------------------------
def cmd_init(ctx: Context) -> int:
    from app.db.store import Store

    args = ctx.args
    password = ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password for {user}: ", user=args.admin),
                          confirm=True)
    store, recovery = Store.create(ctx.data_dir, args.role, args.name, args.street, args.admin, password)
    store.close()
    out(translate("CLI", "Created the {role} node \"{name}\" in {path}.", role=args.role, name=args.name,
                  path=ctx.data_dir))
    out(translate("CLI", "Recovery code (write it down and keep it safe; it opens the data if every password "
                         "is lost):"))
    out(recovery)
    return 0


def cmd_user_add(ctx: Context) -> int:
    store = ctx.store()
    password = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "Password for {user}: ", user=ctx.args.user),
                          confirm=True)
    store.add_user(ctx.args.user, ctx.args.role, password, ctx.args.display_name or "")
    out(translate("CLI", "Added the user {user} with the role {role}.", user=ctx.args.user, role=ctx.args.role))
    return 0


def cmd_demo(ctx: Context) -> int:
    from app.district.demo import fill_demo

    store = ctx.store()
    summary = fill_demo(store, households=ctx.args.households, seed=ctx.args.seed,
                        show_login=ctx.args.show_login,
                        password=os.environ.get("FIELDBOOK_PASSWORD", ""))
    out(translate("CLI", "Demo data added: {summary}", summary=summary))
    return 0


def cmd_check(ctx: Context) -> int:
    store = ctx.store()
    problems = store.check()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(translate("CLI", "Check failed: {n} problems found.", n=len(problems)), file=sys.stderr)
        return 8
    out(translate("CLI", "Check passed: database, encryption and audit chain are intact."))
    return 0


def cmd_backup(ctx: Context) -> int:
    from app.db.backup import create_backup

    path = create_backup(ctx.store(), Path(ctx.args.out))
    out(translate("CLI", "Backup written to {path}", path=path))
    return 0


def cmd_restore(ctx: Context) -> int:
    from app.db.backup import restore_backup

    report = restore_backup(Path(ctx.args.file), ctx.data_dir, ctx.username(),
                            ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")))
    out(translate("CLI", "Restored the backup of {created}; the previous data was kept in {kept}.",
                  created=report.created_at, kept=report.previous or "-"))
    return 0


def cmd_passwd(ctx: Context) -> int:
    store = ctx.store()
    new = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "New password: "), confirm=True)
    store.change_password(ctx.secret("FIELDBOOK_PASSWORD", translate("CLI", "Password: ")), new)
    out(translate("CLI", "Password changed."))
    return 0


def cmd_recover(ctx: Context) -> int:
    from app.db.store import Store

    code = ctx.secret("FIELDBOOK_RECOVERY_CODE", translate("CLI", "Recovery code: "))
    new = ctx.secret("FIELDBOOK_NEW_PASSWORD", translate("CLI", "New password: "), confirm=True)
    store = Store.reset_password_with_recovery(ctx.data_dir, code, ctx.args.user, new)
    store.close()
    out(translate("CLI", "A new password is set for {user}.", user=ctx.args.user))
    return 0


# -- parser -------------------------------------------------------------------------------------------------
class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own messages, one line, exit 2
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="fieldbook", description=translate(
        "CLI", "Fieldbook: offline field records for poverty-alleviation microcredit. "
               "Without a command the window opens."))
    parser.add_argument("--version", action="version", version=f"Fieldbook {__version__}")
    parser.add_argument("--data-dir", help=translate("CLI", "data folder of the node (else FIELDBOOK_DATA_DIR)"))
    parser.add_argument("--self-test", action="store_true", help=translate("CLI", "smoke-test this build"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def add(name: str, func: Callable[[Context], int], help_text: str, into: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = into.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, translate("CLI", "create a node and its first administrator"))
    p.add_argument("--role", choices=["field", "hub"], required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--street", help=translate("CLI", "street code, e.g. 610111001 (required for a field node)"))
    p.add_argument("--admin", required=True)

    user = sub.add_parser("user", help=translate("CLI", "manage users")).add_subparsers(
        dest="user_command", metavar="ACTION", parser_class=Parser, required=True)
    p = add("add", cmd_user_add, translate("CLI", "add a user (password from FIELDBOOK_NEW_PASSWORD)"), user)
    p.add_argument("user")
    p.add_argument("--role", required=True, choices=["field", "supervisor", "bank", "district", "admin"])
    p.add_argument("--display-name")

    p = add("demo", cmd_demo, translate("CLI", "fill the node with a realistic synthetic district"))
    p.add_argument("--households", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--show-login", action="store_true",
                   help=translate("CLI", "show the demo accounts on the login screen (demo nodes only)"))

    add("check", cmd_check, translate("CLI", "verify the database, its encryption and the audit chain"))
    p = add("backup", cmd_backup, translate("CLI", "write an encrypted backup of the node"))
    p.add_argument("--out", required=True)
    p = add("restore", cmd_restore, translate("CLI", "restore a backup after checking it"))
    p.add_argument("file")
    add("passwd", cmd_passwd, translate("CLI", "change your password (new one from FIELDBOOK_NEW_PASSWORD)"))
    p = add("recover", cmd_recover, translate("CLI", "set a new password with the recovery code"))
    p.add_argument("user")

    for module in FEATURE_MODULES:
        importlib.import_module(module).register(sub, add)
    return parser


def _language_for(argv: list[str]) -> str | None:
    explicit = os.environ.get("FIELDBOOK_LANG")
    if explicit:
        return explicit
    try:
        from app.db.store import NodeInfo

        data_dir = None
        if "--data-dir" in argv and argv.index("--data-dir") + 1 < len(argv):
            data_dir = argv[argv.index("--data-dir") + 1]
        return NodeInfo.load(NodePaths(resolve_data_dir(data_dir))).language
    except (FieldbookError, OSError):
        return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from app.ui.application import run_gui

        return int(run_gui())
    from app import i18n

    i18n.install(_language_for(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from app.cli import selftest

        return selftest.run()
    if not getattr(args, "func", None):
        if args.command is None:
            from app.ui.application import run_gui

            return int(run_gui(args.data_dir))
        parser.print_help()
        return 2
    ctx = Context(args)
    if NodePaths(ctx.data_dir).node_file.exists():
        logs.setup(NodePaths(ctx.data_dir).logs)
    try:
        return int(args.func(ctx))
    except FieldbookError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(translate("CLI", "Interrupted."), file=sys.stderr)
        return 130
    except OSError as exc:
        print(translate("CLI", "File error: {reason}", reason=exc.strerror or exc), file=sys.stderr)
        return 1
    except Exception:
        log.exception("bug in command %s", args.command)
        print(translate("CLI", "Internal error; details are in the log file of the node."), file=sys.stderr)
        return 70
    finally:
        with contextlib.suppress(FieldbookError):
            ctx.close()
