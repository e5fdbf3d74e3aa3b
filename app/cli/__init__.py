"""The headless CLI (contract in ARCHITECTURE.md). ``main([])`` starts the GUI.

One module per command group, each with a ``register(subparsers, add)`` that adds its commands; they parse
arguments, call the domain, sync or reports, and print (:mod:`app.cli.context` holds what they share).
``--self-test`` runs :mod:`app.cli.selftest`.

Exit codes: 0 success; a FieldbookError's own code (1-7) with a one-line reason on stderr in the user's
language; 2 for bad usage; 70 for a bug (traceback in the log file, one line on stderr).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from app import __version__, logs
from app.cli.context import Context, Parser
from app.errors import FieldbookError
from app.i18n import translate
from app.paths import NodePaths, resolve_data_dir

log = logging.getLogger(__name__)

#: the command groups, in the order ``--help`` lists them
COMMAND_MODULES: tuple[str, ...] = ("app.cli.node", "app.cli.risk", "app.cli.programs", "app.cli.printing",
                                    "app.cli.records", "app.cli.registry", "app.cli.sync", "app.cli.hub")


def build_parser() -> Parser:
    parser = Parser(prog="fieldbook", description=translate(
        "CLI", "Fieldbook: offline field records for poverty-alleviation microcredit. "
               "Without a command the window opens."))
    parser.add_argument("--version", action="version", version=f"Fieldbook {__version__}")
    parser.add_argument("--data-dir", help=translate("CLI", "data folder of the node (else FIELDBOOK_DATA_DIR)"))
    parser.add_argument("--self-test", action="store_true", help=translate("CLI", "smoke-test this build"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def add(name: str, func: Callable[[Context], int], help_text: str, into: Any = sub) -> Parser:
        p: Parser = into.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    for module in COMMAND_MODULES:
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
    except BrokenPipeError:  # the reader of the output stopped (``records list | head``): nothing to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
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
