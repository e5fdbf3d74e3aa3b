"""CLI commands of the registry: ``import households|loans FILE`` and ``export ledger KIND --out FILE``.

``export ledger`` offers every kind in :data:`app.reports.ledgers.LEDGERS`; the ledger modules register their kinds
when imported, so :data:`LEDGER_MODULES` are imported here first, in the order the kinds are listed.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.errors import ValidationError
from app.i18n import translate

MAX_LISTED_ROWS = 50
#: the modules that register ledgers besides app.reports.ledgers itself (households, post-loan)
LEDGER_MODULES = ("app.reports.field_ledgers", "app.reports.risk_ledgers", "app.reports.program_ledgers")


def cmd_import(ctx: Context) -> int:
    from app.reports.import_households import import_households
    from app.reports.import_loans import import_loans
    from app.reports.import_repayments import import_repayments

    args = ctx.args
    store = ctx.store()
    errors_out = Path(args.errors) if args.errors else None
    importer = {"households": import_households, "loans": import_loans, "repayments": import_repayments}[args.kind]
    report = importer(store, Path(args.file), dry_run=args.dry_run, errors_out=errors_out)
    for line in report.reading_notes:
        print(line)
    if args.dry_run:
        print(translate("CLI", "Dry run: nothing was written. The import would do this:"), flush=True)
    for line in report.summary_lines():
        print(line)
    for warned in report.warned[:MAX_LISTED_ROWS]:
        print(translate("CLI", "Row {row} (imported, with a warning): {reason}", row=warned.number,
                        reason=warned.message()))
    if len(report.warned) > MAX_LISTED_ROWS:
        print(translate("CLI", "... and {n} more rows imported with a warning.",
                        n=len(report.warned) - MAX_LISTED_ROWS))
    for partial in report.partial[:MAX_LISTED_ROWS]:
        print(translate("CLI", "Row {row} would be imported without: {reason}", row=partial.number,
                        reason=partial.message()) if args.dry_run else
              translate("CLI", "Row {row} imported without: {reason}", row=partial.number, reason=partial.message()))
    if report.refused:
        for refused in report.refused[:MAX_LISTED_ROWS]:
            print(translate("CLI", "Row {row}: {reason}", row=refused.number, reason=refused.message()))
        if len(report.refused) > MAX_LISTED_ROWS:
            print(translate("CLI", "... and {n} more refused rows.", n=len(report.refused) - MAX_LISTED_ROWS))
        if report.errors_path:
            print(translate("CLI", "{n} rows were refused; they are in {path} with the reasons (错误原因), "
                                   "ready to be corrected and sent again.", n=len(report.refused),
                            path=report.errors_path))
        else:
            print(translate("CLI", "{n} rows were refused; add --errors FILE.xlsx to get them in a workbook that "
                                   "can be corrected and sent again.", n=len(report.refused)))
    elif not args.dry_run and not report.changed:
        print(translate("CLI", "Nothing to change: the database already holds this file's data."))
    return 0


def cmd_export_ledger(ctx: Context) -> int:
    from app.reports.ledgers import export_ledger

    args = ctx.args
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError(translate("CLI", "The ledger file must end in .xlsx."))
    result = export_ledger(ctx.store(), args.kind, out, as_of=args.as_of, full_ids=args.full_ids)
    print(translate("CLI", "Wrote {n} rows to {path} (as of {as_of}; citizen IDs {ids}).", n=result.rows,
                    path=result.path, as_of=result.as_of.isoformat(),
                    ids=translate("CLI", "in full") if result.full_ids else translate("CLI", "masked")))
    return 0


def register(sub: Any, add: Add) -> None:
    from app.reports.ledgers import LEDGERS

    for module in LEDGER_MODULES:
        importlib.import_module(module)

    p = add("import", cmd_import, translate("CLI", "import households, loans or a bank's repayment statement from a "
                                                   "workbook (.xlsx, .xls or .ods)"))
    p.add_argument("kind", choices=["households", "loans", "repayments"])
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true",
                   help=translate("CLI", "show what would be added, updated, unchanged and refused; write nothing"))
    p.add_argument("--errors", metavar="OUT.xlsx",
                   help=translate("CLI", "write the refused rows with their reasons to this workbook"))

    export = subcommands(sub, "export", translate("CLI", "export ledgers"))
    p = add("ledger", cmd_export_ledger, translate("CLI", "write an Excel ledger (台账)"), export)
    p.add_argument("kind", choices=list(LEDGERS))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the day the ledger describes (default today)"))
    p.add_argument("--full-ids", action="store_true",
                   help=translate("CLI", "full citizen IDs instead of masked ones (needs the permission)"))
