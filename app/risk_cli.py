"""Risk commands for the headless CLI: ``warnings`` (the list, for people and acceptance checks) and
``print risk-summary`` (the PDF for the finance office).

Listed in ``app.cli.FEATURE_MODULES`` *before* ``app.registry_cli``: importing ``app.reports.risk_ledgers`` here
registers the ledgers ``maturities``, ``warnings`` and ``disposals`` before ``export ledger`` lists its kinds.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import app.reports.risk_ledgers  # noqa: F401  (registers the risk ledgers)
from app.domain.risk import Rule
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RiskClass, Severity


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(translate("CLI", "{value} is not a date (YYYY-MM-DD).", value=text)) from exc


def cmd_warnings(ctx: Any) -> int:
    from app.domain.risk import SEVERITY_RANK
    from app.domain.risk_query import warnings

    args = ctx.args
    found = warnings(ctx.store(), args.as_of, rules=args.rule or None, street=args.street, bank=args.bank,
                     risk_class=args.risk_class)
    if args.severity:
        floor = SEVERITY_RANK[Severity(args.severity)]
        found = [w for w in found if SEVERITY_RANK[w.severity] >= floor]
    for warning in found:
        print("\t".join((warning.severity.label, warning.rule.value, warning.street_name or warning.street_code,
                         warning.bank_name, warning.contract_no, warning.borrower_name, warning.reason)), flush=False)
    print(translate("CLI", "{n} warnings on {date}.", n=len(found),
                    date=(args.as_of or dt.date.today()).isoformat()), flush=True)
    return 0


def cmd_print_risk_summary(ctx: Any) -> int:
    from app.reports.risk_summary import write_risk_summary

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        raise ValidationError(translate("CLI", "The output file must end in .pdf."))
    path = write_risk_summary(ctx.store(), out, ctx.args.as_of)
    print(translate("CLI", "Wrote the risk summary to {path}.", path=path), flush=True)
    return 0


def _group(sub: Any, name: str, help_text: str) -> Any:
    """The subcommands of ``name`` (``print``...), created by whichever feature module comes first."""
    from app.cli import Parser

    existing = sub.choices.get(name)
    if existing is None:
        existing = sub.add_parser(name, help=help_text)
        existing.add_subparsers(dest=f"{name}_command", metavar="WHAT", parser_class=Parser, required=True)
    for action in existing._actions:  # argparse keeps the subparsers among the actions
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"{name} has no subcommands")


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("warnings", cmd_warnings, translate("CLI", "list the risk warnings on a day (most urgent first)"))
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the day to look at (default today)"))
    p.add_argument("--rule", action="append", choices=[r.value for r in Rule],
                   help=translate("CLI", "only this rule (repeatable)"))
    p.add_argument("--street", metavar="CODE", help=translate("CLI", "only this street, e.g. 610111001"))
    p.add_argument("--bank", help=translate("CLI", "only this bank (code or name)"))
    p.add_argument("--class", dest="risk_class", choices=[c.value for c in RiskClass],
                   help=translate("CLI", "only loans of this suggested risk class"))
    p.add_argument("--severity", choices=[s.value for s in Severity],
                   help=translate("CLI", "only warnings at least this severe"))

    prints = _group(sub, "print", translate("CLI", "print records and summaries to PDF"))
    p = add("risk-summary", cmd_print_risk_summary,
            translate("CLI", "the risk summary by street and bank for the finance office (PDF)"), prints)
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the day the summary describes (default today)"))
    p.add_argument("--out", required=True, metavar="F.pdf")
