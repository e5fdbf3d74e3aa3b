"""Risk commands for the headless CLI: ``warnings`` (the list, for people and acceptance checks),
``print risk-summary`` (the PDF for the finance office), ``disposal propose|decide|execute|list`` (classified
disposal with maker-checker) and ``joint-review add`` (a 会商研判 meeting and its decision per loan).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.context import Add, Context, date_arg, subcommands
from app.domain.loans import find_loan
from app.domain.money import parse_yuan
from app.domain.risk import Rule
from app.domain.scope import scope_street
from app.errors import ValidationError
from app.i18n import translate
from app.models.enums import RiskClass, Severity


def cmd_warnings(ctx: Context) -> int:
    from app.domain.risk_query import warnings

    args = ctx.args
    found = warnings(ctx.store(), args.as_of, rules=args.rule or None, street=args.street, bank=args.bank,
                     risk_class=args.risk_class, min_severity=args.severity)
    for warning in found:
        print("\t".join((warning.severity.label, warning.rule.value, warning.street_name or warning.street_code,
                         warning.bank_name, warning.contract_no, warning.borrower_name, warning.reason)), flush=False)
    print(translate("CLI", "{n} warnings on {date}.", n=len(found),
                    date=(args.as_of or dt.date.today()).isoformat()), flush=True)
    return 0


def cmd_print_risk_summary(ctx: Context) -> int:
    from app.reports.risk_summary import write_risk_summary

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        raise ValidationError(translate("CLI", "The output file must end in .pdf."))
    path = write_risk_summary(ctx.store(), out, ctx.args.as_of)
    print(translate("CLI", "Wrote the risk summary to {path}.", path=path), flush=True)
    return 0


# -- disposal and joint review ------------------------------------------------------------------------------
def cmd_disposal_propose(ctx: Context) -> int:
    from app.domain import risk_disposal as rd
    from app.models.enums import Disposal

    args = ctx.args
    store = ctx.store()
    with store.read() as session:
        loan = find_loan(session, args.loan, args.bank, scope_street(store))
        loan_id, contract = loan.id, loan.contract_no
    amount_fen = parse_yuan(args.amount)
    terms = rd.DisposalTerms(Disposal(args.kind), extension_months=args.months, new_matures_on=args.new_maturity,
                             top_up_fen=amount_fen, claim_fen=amount_fen, note=args.note or "",
                             recovery_effort=args.recovery_effort or "", loss_confirmed_on=args.loss_confirmed_on,
                             loss_basis=args.loss_basis or "")
    disposal_id = rd.propose(store, loan_id, terms, args.reason, on=args.on)
    print(translate("CLI", "Proposed {kind} for {contract}: {id}", kind=Disposal(args.kind).label,
                    contract=contract, id=disposal_id), flush=True)
    return 0


def cmd_disposal_decide(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    args = ctx.args
    store = ctx.store()
    proposal = rd.find_proposal(store, args.id)
    rd.decide(store, proposal.id, args.decision == "approve", args.note or "", on=args.on)
    print(translate("CLI", "Approved {id}.", id=proposal.id) if args.decision == "approve"
          else translate("CLI", "Rejected {id}.", id=proposal.id), flush=True)
    waiting = rd.needs_district_step(store, proposal.id, args.on) if args.decision == "approve" else None
    if waiting:
        print(translate("CLI", "It needs the district's approval before it is executed: {reason}", reason=waiting),
              flush=True)
    return 0


def cmd_disposal_report(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    args = ctx.args
    store = ctx.store()
    chosen = [rd.find_proposal(store, text).id for text in args.id]
    count = rd.report_to_finance(store, chosen, args.report, on=args.on)
    print(translate("CLI", "Recorded {n} disposals as reported to the finance office in {report}.", n=count,
                    report=args.report.strip()), flush=True)
    return 0


def cmd_disposal_execute(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    args = ctx.args
    store = ctx.store()
    proposal = rd.find_proposal(store, args.id)
    rd.execute(store, proposal.id, args.note or "", on=args.on)
    print(translate("CLI", "Executed {id}.", id=proposal.id), flush=True)
    return 0


def cmd_disposal_list(ctx: Context) -> int:
    from app.domain import risk_disposal as rd
    from app.models.risk import DisposalStatus

    status = DisposalStatus(ctx.args.status) if ctx.args.status else None
    found = rd.proposals_with_contracts(ctx.store(), status, open_first=False)
    for p, contract in found:
        print("\t".join((str(p.id), p.proposed_on.isoformat(), contract, p.kind.value,
                         rd.describe_terms(p), p.status.value, p.proposed_by, p.decided_by or "-",
                         p.district_approved_by or "-", p.executed_by or "-",
                         p.reported_to_finance_on.isoformat() if p.reported_to_finance_on else "-", p.reason)),
              flush=False)
    print(translate("CLI", "{n} disposal proposals.", n=len(found)), flush=True)
    return 0


def _review_loan(text: str) -> tuple[str, Any, str]:
    """``CONTRACT:decision`` or ``CONTRACT:KIND:decision`` (KIND one of the disposal kinds)."""
    from app.models.enums import Disposal

    contract, sep, rest = text.partition(":")
    if not sep or not contract.strip():
        raise ValidationError(translate("CLI", "--loan wants CONTRACT:\"decision\", not {value}.", value=text))
    kind, sep, note = rest.partition(":")
    if sep and kind.strip() in {d.value for d in Disposal}:
        return contract.strip(), Disposal(kind.strip()), note.strip()
    return contract.strip(), None, rest.strip()


def cmd_joint_review_add(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    args = ctx.args
    wanted = [_review_loan(text) for text in args.loan]
    store = ctx.store()
    decisions = []
    with store.read() as session:
        for contract, kind, note in wanted:
            decisions.append(rd.ReviewDecision(find_loan(session, contract, args.bank, scope_street(store)).id,
                                               kind, note))
    people = rd.split_participants(args.participants)
    review_id = rd.record_joint_review(store, args.date, args.place, people, decisions,
                                       chair=args.chair or "", summary=args.note or "")
    print(translate("CLI", "Recorded the joint review of {date} on {n} loans: {id}", date=args.date.isoformat(),
                    n=len(decisions), id=review_id), flush=True)
    return 0


def cmd_joint_review_list(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    found = rd.past_reviews(ctx.store())
    for review in found:
        print("\t".join((str(review.review_id), review.held_on.isoformat(), review.place,
                         translate("CLI", "{n} loans", n=review.loans), review.recorded_by)), flush=False)
    print(translate("CLI", "{n} joint reviews.", n=len(found)), flush=True)
    return 0


def cmd_joint_review_show(ctx: Context) -> int:
    from app.domain import risk_disposal as rd

    store = ctx.store()
    review_id = rd.find_review(store, ctx.args.ref)
    detail = rd.review_detail(store, review_id)
    print(translate("CLI", "Joint review {id} of {date} at {place}", id=review_id, date=detail.held_on.isoformat(),
                    place=detail.place))
    print(translate("CLI", "Participants: {people}", people="、".join(detail.participants)))
    if detail.summary:
        print(detail.summary)
    for loan in detail.decisions:
        decision = loan.decision.label if loan.decision else translate("CLI", "keep monitoring")
        print("\t".join((loan.contract_no, loan.borrower_name, decision, loan.note)))
    return 0


def register(sub: Any, add: Add) -> None:
    p = add("warnings", cmd_warnings, translate("CLI", "list the risk warnings on a day (most urgent first)"))
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the day to look at (default today)"))
    p.add_argument("--rule", action="append", choices=[r.value for r in Rule],
                   help=translate("CLI", "only this rule (repeatable)"))
    p.add_argument("--street", metavar="CODE", help=translate("CLI", "only this street, e.g. 610111001"))
    p.add_argument("--bank", help=translate("CLI", "only this bank (code or name)"))
    p.add_argument("--class", dest="risk_class", choices=[c.value for c in RiskClass],
                   help=translate("CLI", "only loans of this suggested risk class"))
    p.add_argument("--severity", choices=[s.value for s in Severity],
                   help=translate("CLI", "only warnings at least this severe"))

    prints = subcommands(sub, "print", translate("CLI", "print records and summaries to PDF"))
    p = add("risk-summary", cmd_print_risk_summary,
            translate("CLI", "the risk summary by street and bank for the finance office (PDF)"), prints)
    p.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the day the summary describes (default today)"))
    p.add_argument("--out", required=True, metavar="F.pdf")
    _register_disposal(sub, add)


def _register_disposal(sub: Any, add: Add) -> None:
    from app.domain.risk_disposal import PROPOSABLE
    from app.models.risk import DisposalStatus

    on_help = translate("CLI", "the day of this step (default today)")
    group = subcommands(sub, "disposal", translate("CLI", "classified disposal: propose, approve or reject, execute"))
    p = add("propose", cmd_disposal_propose, translate("CLI", "propose a disposal of one loan"), group)
    p.add_argument("--loan", required=True, metavar="CONTRACT", help=translate("CLI", "the contract number"))
    p.add_argument("--bank", help=translate("CLI", "the bank (code or name) when several have the contract"))
    p.add_argument("--kind", required=True, choices=[k.value for k in PROPOSABLE])
    p.add_argument("--months", type=int, help=translate("CLI", "months of extension (extension)"))
    p.add_argument("--new-maturity", type=date_arg, metavar="YYYY-MM-DD",
                   help=translate("CLI", "the new maturity (reschedule, renewal)"))
    p.add_argument("--amount", metavar="YUAN",
                   help=translate("CLI", "the top-up or the claim in yuan"))
    p.add_argument("--reason", required=True)
    p.add_argument("--note", help=translate("CLI", "a note on the terms"))
    p.add_argument("--recovery-effort", help=translate("CLI", "a claim: what the bank did to recover the loan"))
    p.add_argument("--loss-confirmed-on", type=date_arg, metavar="YYYY-MM-DD",
                   help=translate("CLI", "a claim: the day the loss was confirmed"))
    p.add_argument("--loss-basis", help=translate("CLI", "a claim: how the loss was confirmed"))
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=on_help)
    ref_help = translate("CLI", "the proposal id from \"disposal list\", or 8+ characters of it")
    p = add("decide", cmd_disposal_decide, translate("CLI", "approve or reject a proposal (not your own)"), group)
    p.add_argument("id", metavar="REF", help=ref_help)
    p.add_argument("decision", choices=["approve", "reject"])
    p.add_argument("--note", help=translate("CLI", "why (required to reject)"))
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=on_help)
    p = add("execute", cmd_disposal_execute, translate("CLI", "the bank carries out an approved proposal"), group)
    p.add_argument("id", metavar="REF", help=ref_help)
    p.add_argument("--note")
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=on_help)
    p = add("report", cmd_disposal_report,
            translate("CLI", "record that decided disposals were reported to the finance office (区财政局/金融办)"),
            group)
    p.add_argument("id", nargs="+", metavar="REF",
                   help=translate("CLI", "the proposal ids from \"disposal list\", or 8+ characters of each"))
    p.add_argument("--report", required=True, help=translate("CLI", "the report's title or document number"))
    p.add_argument("--on", type=date_arg, metavar="YYYY-MM-DD", help=on_help)
    p = add("list", cmd_disposal_list, translate("CLI", "list the disposal proposals"), group)
    p.add_argument("--status", choices=[s.value for s in DisposalStatus])

    reviews = subcommands(sub, "joint-review", translate("CLI", "joint review meetings (会商研判)"))
    p = add("add", cmd_joint_review_add, translate("CLI", "record a joint review and its decision on each loan"),
            reviews)
    p.add_argument("--date", required=True, type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--place", required=True)
    p.add_argument("--participants", required=True, help=translate("CLI", "names separated by commas"))
    p.add_argument("--loan", required=True, action="append", metavar="CONTRACT:DECISION",
                   help=translate("CLI", "a loan and the decision on it (repeatable); CONTRACT:KIND:TEXT also "
                                         "records the disposal kind"))
    p.add_argument("--bank", help=translate("CLI", "the bank (code or name) when several have a contract"))
    p.add_argument("--chair")
    p.add_argument("--note", help=translate("CLI", "a summary of the meeting"))
    add("list", cmd_joint_review_list, translate("CLI", "list the joint reviews recorded, newest first"), reviews)
    p = add("show", cmd_joint_review_show, translate("CLI", "show one joint review and its decisions"), reviews)
    p.add_argument("ref", metavar="REF", help=translate("CLI", "the review id from \"joint-review list\", or 8+ "
                                                               "characters of it"))
