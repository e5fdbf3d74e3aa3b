"""Field-record commands for the headless CLI: ``records list`` (one line per record: id, kind, date, version,
names; filtered by kind, street and dates) and ``records show REF`` (one record's fields).

A REF is a record id, any unique prefix of 8+ characters of it, or the verification code printed on the paper
(:func:`app.domain.records.lookup.resolve_record`). The records themselves leave through ``export ledger``
(:mod:`app.cli.registry`) and ``print`` (:mod:`app.cli.printing`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RecordKind


def street_arg(text: str) -> str:
    """A street of Baqiao district by its code, the code's last three digits or its name."""
    from app.domain.references import street_code

    return street_code(text)


def cmd_records_list(ctx: Context) -> int:
    from app.domain.records.timeline import list_records

    args = ctx.args
    street = street_arg(args.street) if args.street else None
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValidationError(translate("CLI", "--from {start} is after --to {end}.", start=args.date_from,
                                        end=args.date_to))
    kinds = [RecordKind(args.kind)] if args.kind else None
    rows = list_records(ctx.store(), kinds, date_from=args.date_from, date_to=args.date_to, street=street,
                        limit=args.limit)
    for row in rows:
        print("\t".join((str(row.record_id), row.kind, row.on.isoformat(), f"v{row.version}", row.head_name,
                         row.contract_no or "-", row.summary)), flush=False)
    print(translate("CLI", "{n} records.", n=len(rows)), flush=True)
    return 0


def _shown(value: Any) -> str:

    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return translate("CLI", "yes") if value else translate("CLI", "no")
    if isinstance(value, dt.date):
        return value.isoformat()
    label = getattr(value, "label", None)
    return str(label) if isinstance(label, str) else str(value)


def cmd_records_show(ctx: Context) -> int:
    from app.domain import records as rec
    from app.domain.money import yuan
    from app.domain.records.lookup import resolve_record

    store = ctx.store()
    kinds = [RecordKind(ctx.args.kind)] if ctx.args.kind else None
    kind, record_id = resolve_record(store, ctx.args.ref, kinds, latest=False)
    record = rec.get_record(store, kind, record_id)
    print(translate("CLI", "{kind} {id}, version {version}", kind=kind.label, id=record.id, version=record.version))
    for name, value in rec.record_values(record).items():
        if name.endswith("_id"):
            continue
        text = yuan(value) if name.endswith("_fen") and isinstance(value, int) else _shown(value)
        print(f"{rec.field_label(name)}\t{text}")
    if record.signed_off_by:
        print(f"{translate('CLI', 'Signed off by')}\t{record.signed_off_by}")
    return 0


def register(sub: Any, add: Add) -> None:
    records = subcommands(sub, "records", translate("CLI", "field records"), metavar="ACTION")
    p = add("list", cmd_records_list, translate("CLI", "list field records (latest versions, newest first): id, "
                                                       "kind, date, version, names"), records)
    p.add_argument("--kind", choices=[k.value for k in RecordKind])
    p.add_argument("--street", metavar="STREET", help=translate("CLI", "only this street's households: its name "
                                                                       "(狄寨街道) or code (610111006)"))
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=100000)
    p = add("show", cmd_records_show, translate("CLI", "show one field record"), records)
    p.add_argument("ref", metavar="REF", help=translate("CLI", "the record id, 8+ characters of it, or the "
                                                               "verification code on the paper"))
    p.add_argument("--kind", choices=[k.value for k in RecordKind])
