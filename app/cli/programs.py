"""Programme commands for the headless CLI: ``subsidy claim`` (the bank files a claim), ``subsidy decide`` and
``subsidy pay`` (district staff), ``fund status`` (the fund against its leverage limit) and ``program-warnings``
(overdue dividends and the fund's leverage).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.domain.money import yuan
from app.i18n import translate


def _fen(text: str) -> int:
    from app.domain.money import parse_yuan

    fen = parse_yuan(text, allow_empty=False)
    assert fen is not None
    return fen


def _claim_id(store: Any, text: str) -> uuid.UUID:
    """The claim ``text`` names: its id (as ``subsidy claim`` prints it) or a unique prefix of 8+ characters."""
    from app.domain.references import resolve_id, short_id
    from app.models import SubsidyClaim

    return resolve_id(store, SubsidyClaim, text, translate("CLI", "subsidy claim"),
                      lambda c: translate("CLI", "{id} ({period}, {amount} yuan, {status})", id=short_id(c.id),
                                          period=c.period, amount=yuan(c.amount_fen), status=c.status.label),
                      where=[SubsidyClaim.deleted.is_(False)])


def cmd_subsidy_claim(ctx: Context) -> int:
    from app.domain.programs.subsidies import file_claim
    from app.models.programs import ClaimStatus

    args = ctx.args
    result = file_claim(ctx.store(), args.loan, args.period, _fen(args.amount), args.on, bank=args.bank,
                        note=args.note or "")
    if result.status is ClaimStatus.REFUSED:
        print(translate("CLI", "Claim {claim} recorded and refused by rule: {reason}", claim=result.claim_id,
                        reason=result.reason), flush=True)
        return 0
    print(translate("CLI", "Claim {claim} filed.", claim=result.claim_id), flush=True)
    return 0


def cmd_subsidy_decide(ctx: Context) -> int:
    from app.domain.programs.subsidies import decide_claim

    args = ctx.args
    store = ctx.store()
    claim_id = _claim_id(store, args.claim)
    status = decide_claim(store, claim_id, args.decision == "approve", args.reason or "",
                          _fen(args.amount) if args.amount else None, args.on)
    print(translate("CLI", "Claim {claim}: {status}.", claim=claim_id, status=status.label), flush=True)
    return 0


def cmd_subsidy_pay(ctx: Context) -> int:
    from app.domain.programs.subsidies import pay_claim

    store = ctx.store()
    claim_id = _claim_id(store, ctx.args.claim)
    pay_claim(store, claim_id, ctx.args.on)
    print(translate("CLI", "Claim {claim} paid.", claim=claim_id), flush=True)
    return 0


def cmd_fund_status(ctx: Context) -> int:
    from app.domain.programs.fund import fund_position, fund_status_lines

    position = fund_position(ctx.store(), ctx.args.as_of)
    for line in fund_status_lines(position):
        print(line, flush=True)
    return 0


def cmd_fund_overdue(ctx: Context) -> int:
    """The overdue loans to report to the fund on a day (the generated list), or with --report, record that the
    bank reported the listed ones (or the --loan ones)."""
    from app.domain.loans import find_loan
    from app.domain.money import yuan
    from app.domain.programs.overdue_reports import overdue_report_rows, record_overdue_reports
    from app.domain.scope import scope_street

    args = ctx.args
    store = ctx.store()
    as_of = args.as_of or dt.date.today()
    if args.report:
        with store.read() as session:
            if args.loan:
                chosen = [find_loan(session, contract, args.bank, scope_street(store)).id for contract in args.loan]
            else:
                chosen = [r.loan_id for r in overdue_report_rows(session, as_of, scope_street(store)) if r.to_report]
        count = record_overdue_reports(store, chosen, args.report, on=as_of)
        print(translate("CLI", "Recorded {n} overdue loans as reported to the fund in {report}.", n=count,
                        report=args.report.strip()), flush=True)
        return 0
    with store.read() as session:
        rows = overdue_report_rows(session, as_of, scope_street(store))
    for row in rows:
        if not row.to_report and not args.all:
            continue
        print("\t".join((row.contract_no, row.borrower_name, row.street_name, row.bank_name,
                         row.overdue_since.isoformat(), str(row.days_past_due), yuan(row.overdue_fen),
                         row.due_on.isoformat(), row.state.label,
                         row.reported_on.isoformat() if row.reported_on else "-")), flush=False)
    due = sum(1 for r in rows if r.to_report)
    print(translate("CLI", "{n} overdue loans to report to the fund on {date}.", n=due, date=as_of.isoformat()),
          flush=True)
    return 0


def cmd_program_warnings(ctx: Context) -> int:
    from app.domain.programs.overview import program_warnings

    as_of = ctx.args.as_of or dt.date.today()
    found = program_warnings(ctx.store(), as_of)
    for warning in found:
        print("\t".join((warning.severity.label, warning.rule.value, warning.street_name, warning.subject,
                         warning.reason)), flush=False)
    print(translate("CLI", "{n} warnings on {date}.", n=len(found), date=as_of.isoformat()), flush=True)
    return 0


def register(sub: Any, add: Add) -> None:
    subsidy = subcommands(sub, "subsidy", translate("CLI", "interest subsidy claims"))
    p = add("claim", cmd_subsidy_claim, translate("CLI", "file an interest subsidy claim for a loan and period"),
            subsidy)
    p.add_argument("--loan", required=True, metavar="CONTRACT", help=translate("CLI", "the loan's contract number"))
    p.add_argument("--bank", help=translate("CLI", "the bank (code or name) when two banks share the number"))
    p.add_argument("--period", required=True,
                   help=translate("CLI", "2026Q3, 2026H1, 2026-07, 2026 or a range of days 2026-07-01~2026-08-15"))
    p.add_argument("--amount", required=True, help=translate("CLI", "amount in yuan"))
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "claim date (default today)"))
    p.add_argument("--note")
    p = add("decide", cmd_subsidy_decide, translate("CLI", "approve or refuse a filed claim"), subsidy)
    claim_help = translate("CLI", "the claim id as \"subsidy claim\" printed it, or 8+ characters of it")
    p.add_argument("claim", metavar="CLAIM", help=claim_help)
    p.add_argument("decision", choices=["approve", "refuse"])
    p.add_argument("--reason", help=translate("CLI", "the reason (required to refuse)"))
    p.add_argument("--amount", help=translate("CLI", "approved amount in yuan (default the amount claimed)"))
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "decision date (default today)"))
    p = add("pay", cmd_subsidy_pay, translate("CLI", "record that an approved claim was paid"), subsidy)
    p.add_argument("claim", metavar="CLAIM", help=claim_help)
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "payment date (default today)"))

    fund = subcommands(sub, "fund", translate("CLI", "the risk compensation fund"))
    p = add("status", cmd_fund_status, translate("CLI", "the fund balance against the covered loans"), fund)
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "the day (default today)"))

    p = add("overdue", cmd_fund_overdue, translate("CLI", "the overdue loans to report to the fund (within the days "
                                                          "the setting allows); --report records the report"), fund)
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "the day (default today)"))
    p.add_argument("--all", action="store_true", help=translate("CLI", "also the loans already reported"))
    p.add_argument("--report", metavar="REF", help=translate("CLI", "record that the listed loans were reported to "
                                                                    "the fund in this report (title or number)"))
    p.add_argument("--loan", action="append", metavar="CONTRACT",
                   help=translate("CLI", "with --report: only this loan (repeatable)"))
    p.add_argument("--bank", help=translate("CLI", "the bank (code or name) when two banks share a number"))

    p = add("program-warnings", cmd_program_warnings,
            translate("CLI", "overdue dividends and the risk fund's leverage on a day"))
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help=translate("CLI", "the day (default today)"))
