"""Field-record commands for the headless CLI: ``records list`` (the record ids the print commands take).

The records themselves leave through ``export ledger`` (:mod:`app.cli.registry`) and ``print``
(:mod:`app.cli.printing`).
"""

from __future__ import annotations

from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.i18n import translate
from app.models.enums import RecordKind


def cmd_records_list(ctx: Context) -> int:
    from app.domain.records.timeline import list_records

    args = ctx.args
    kinds = [RecordKind(args.kind)] if args.kind else None
    rows = list_records(ctx.store(), kinds, date_from=args.date_from, date_to=args.date_to, limit=args.limit)
    for row in rows:
        print("\t".join((str(row.record_id), row.kind, row.on.isoformat(), f"v{row.version}", row.head_name,
                         row.contract_no, row.summary)), flush=False)
    print(translate("CLI", "{n} records.", n=len(rows)), flush=True)
    return 0


def register(sub: Any, add: Add) -> None:
    records = subcommands(sub, "records", translate("CLI", "field records"), metavar="ACTION")
    p = add("list", cmd_records_list, translate("CLI", "list field records (latest versions, newest first)"),
            records)
    p.add_argument("--kind", choices=[k.value for k in RecordKind])
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=100000)
