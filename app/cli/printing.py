"""Printing commands for the headless CLI: ``print visit-record | use-check | visits | follow-up`` and
``verify CODE`` (``records list`` in :mod:`app.cli.records` shows the record ids they take).

``print`` is one command whose subcommands several command modules add (``print risk-summary`` comes from
:mod:`app.cli.risk`); :func:`app.cli.context.subcommands` finds or makes it, whichever module registers first.

``verify`` exits 0 when the paper copy is the current record, 9 when the record was amended since, 10 when the
content no longer matches, 11 when no record has the code here; a malformed code is a usage error (7).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RecordKind


def _pdf_path(text: str) -> Path:
    out = Path(text)
    if out.suffix.lower() != ".pdf":
        raise ValidationError(translate("CLI", "The output file must end in .pdf."))
    return out


def _warn_missing(chars: tuple[str, ...]) -> None:
    """A warning line on stderr for characters no font has (printed as 〓; the command still succeeds)."""
    if chars:
        from app.reports.pdf.fonts import missing_glyphs_message

        print(translate("CLI", "Warning: {message}", message=missing_glyphs_message(chars)), file=sys.stderr,
              flush=True)


def _print_one(ctx: Context, kind: RecordKind) -> int:
    from app.reports.pdf.forms import print_records, resolve_record_id

    store = ctx.store()
    out = _pdf_path(ctx.args.out)
    record_id = resolve_record_id(store, kind, ctx.args.record)
    result = print_records(store, kind, [record_id], out, full_ids=getattr(ctx.args, "full_ids", False))
    print(translate("CLI", "Wrote {path} (verification code {code}).", path=result.path, code=result.codes[0]),
          flush=True)
    _warn_missing(result.missing)
    return 0


def cmd_print_visit(ctx: Context) -> int:
    return _print_one(ctx, RecordKind.VISIT)


def cmd_print_use_check(ctx: Context) -> int:
    return _print_one(ctx, RecordKind.USE_CHECK)


#: ``print visits --kind``: which printable records a batch takes
BATCH_KINDS = {"all": (RecordKind.VISIT, RecordKind.USE_CHECK), "visit": (RecordKind.VISIT,),
               "use-check": (RecordKind.USE_CHECK,)}


def cmd_print_visits(ctx: Context) -> int:
    from app.reports.pdf.forms import entries_between, print_entries

    args = ctx.args
    out = _pdf_path(args.out)
    if args.date_to < args.date_from:
        raise ValidationError(translate("Printing", "The end of the range comes before its start."))
    store = ctx.store()
    entries = entries_between(store, BATCH_KINDS[args.kind], args.date_from, args.date_to)
    if not entries:
        raise ValidationError(translate("CLI", "No records dated from {start} to {end}.",
                                        start=args.date_from.isoformat(), end=args.date_to.isoformat()))
    result = print_entries(store, entries, out, full_ids=args.full_ids)
    visits = sum(1 for kind, _ in entries if kind is RecordKind.VISIT)
    print(translate("CLI", "Wrote {n} records ({visits} visit records, {checks} loan-use checks) to {path}.",
                    n=result.records, visits=visits, checks=result.records - visits, path=result.path), flush=True)
    _warn_missing(result.missing)
    return 0


def cmd_print_follow_up(ctx: Context) -> int:
    from app.reports.pdf.followup import write_follow_up

    args = ctx.args
    from app.reports.pdf.fonts import collect_missing

    with collect_missing() as missing:
        path, count = write_follow_up(ctx.store(), args.street, args.date_from, args.date_to, _pdf_path(args.out),
                                      village=args.village)
    print(translate("CLI", "Wrote the follow-up list of {n} loans to {path}.", n=count, path=path), flush=True)
    _warn_missing(tuple(sorted(missing)))
    return 0


def cmd_verify(ctx: Context) -> int:
    from app.reports.pdf.verify import Outcome, parse_code, verify

    parse_code(ctx.args.code)  # a malformed code is refused before asking for a password
    result = verify(ctx.store(), ctx.args.code)
    print(result.message(), file=sys.stderr if result.outcome is Outcome.UNKNOWN else sys.stdout, flush=True)
    return result.exit_code


def register(sub: Any, add: Add) -> None:
    prints = subcommands(sub, "print", translate("CLI", "print records and summaries to PDF"))
    for name, func, help_text in (
            ("visit-record", cmd_print_visit, translate("CLI", "one visit record (入户回访记录表) as a PDF")),
            ("use-check", cmd_print_use_check, translate("CLI", "one loan-use check record as a PDF"))):
        p = add(name, func, help_text, prints)
        p.add_argument("--record", required=True, metavar="REF",
                       help=translate("CLI", "the record id (see \"records list\"), 8+ characters of it, or the "
                                             "verification code on the paper"))
        p.add_argument("--out", required=True, metavar="F.pdf")
        p.add_argument("--full-ids", action="store_true",
                       help=translate("CLI", "print full citizen IDs and phone numbers (if your role may)"))
    p = add("visits", cmd_print_visits,
            translate("CLI", "every visit record and loan-use check dated in a range (or one kind of them), one "
                             "PDF, oldest first"), prints)
    p.add_argument("--from", dest="date_from", type=date_arg, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="F.pdf")
    p.add_argument("--kind", choices=list(BATCH_KINDS), default="all",
                   help=translate("CLI", "all (default): visit records and loan-use checks; visit; use-check"))
    p.add_argument("--full-ids", action="store_true")
    p = add("follow-up", cmd_print_follow_up,
            translate("CLI", "the follow-up list: loans due a visit in a range (回访计划表)"), prints)
    p.add_argument("--street", required=True, metavar="CODE")
    p.add_argument("--village", metavar="NAME")
    p.add_argument("--from", dest="date_from", type=date_arg, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="F.pdf")

    p = add("verify", cmd_verify, translate("CLI", "check a printed record's verification code"))
    p.add_argument("code")
