"""Import repayments from a bank's statement (还款流水) as banks send them: contract number, date, principal,
interest, and the interest arrears (欠息) the statement gives after the payment.

The same discipline as the other imports (app/reports/xlsx_import.py): the statement may be .xlsx, .xls or .ods
and is read by :mod:`app.reports.reader` (hidden rows and columns, formulas, the bank's own header for the error
workbook), the table is found by its headers, every row is read and checked (one message per cause),
``--dry-run`` plans only, refused rows go to an error workbook with their reasons, and the plan is written in the
transaction that made it. Each repayment is recorded through
:func:`app.domain.loan_history.record_repayment`: the balance drops by the principal and a settlement, a cured
instalment or the arrears become a dated event of the loan, so every earlier day replays as it was.

A repayment already recorded (same loan, day, principal and interest) is left unchanged, so a statement imported
twice changes nothing. A row is refused when its loan is unknown (or its number is shared by banks and no bank is
given), when the day is before the loan was made or in the future, when principal and interest are both nothing,
or when the principal is more than what the loan still owes (counting the earlier rows of the same file).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.cancel import CancelToken
from app.domain.loan_history import record_repayment
from app.domain.money import yuan
from app.domain.permissions import Permission
from app.domain.scope import scope_street
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Bank, Loan, Repayment
from app.reports.import_loans import LOAN_ALIASES
from app.reports.parsing import REASONS, Problem, parse_amount_fen, parse_date
from app.reports.reader import SourceRow, Table
from app.reports.workbook import Progress, ProgressFn
from app.reports.xlsx_import import ImportReport, RowSet, get_text, get_value, run_import

REPAYMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "bank": LOAN_ALIASES["bank"],
    "contract_no": LOAN_ALIASES["contract_no"],
    "name": LOAN_ALIASES["name"],
    "paid_on": ("还款日期", "交易日期", "还款日", "入账日期", "记账日期", "收回日期", "日期", "发生日期"),
    "principal": ("还款本金", "归还本金", "收回本金", "本金", "本金金额", "实还本金"),
    "interest": ("还款利息", "归还利息", "收回利息", "利息", "利息金额", "实还利息"),
    "arrears": ("欠息", "欠息金额", "拖欠利息", "欠息余额", "应收未收利息", "表内外欠息"),
    "note": ("摘要", "备注", "说明", "交易摘要"),
}
REQUIRED = (("contract_no",), ("paid_on",), ("principal", "interest"))
LABELS = {"contract_no": "贷款合同编号", "paid_on": "还款日期", "principal": "还款本金"}

#: the reasons of this importer, joined to the shared table (app/reports/parsing.REASONS): one message per cause,
#: the window's language for the CLI and the dialog, Chinese (the catalogue's) for the error workbook
REPAYMENT_REASONS: dict[str, str] = {
    "repay_loan_unknown": QT_TRANSLATE_NOOP("Import", "No loan with the contract number {contract}."),
    "repay_loan_ambiguous": QT_TRANSLATE_NOOP("Import", "Several banks have a loan with the contract number "
                                                        "{contract} ({banks}); fill in the bank."),
    "repay_date_missing": QT_TRANSLATE_NOOP("Import", "The repayment date is missing."),
    "repay_before_loan": QT_TRANSLATE_NOOP("Import", "The repayment date {date} is before the loan was made on "
                                                     "{disbursed}."),
    "repay_future": QT_TRANSLATE_NOOP("Import", "The repayment date {date} is in the future."),
    "repay_nothing": QT_TRANSLATE_NOOP("Import", "Neither principal nor interest was repaid in this row."),
    "repay_over_balance": QT_TRANSLATE_NOOP("Import", "The principal of {principal} yuan is more than the {balance} "
                                                      "yuan the loan still owes."),
    "repay_name_mismatch": QT_TRANSLATE_NOOP("Import", "The borrower's name differs from the loan's ({name})."),
    "repay_dup_in_file": QT_TRANSLATE_NOOP("Import", "The same repayment appears more than once in the file (rows "
                                                     "{rows})."),
}
REASONS.update(REPAYMENT_REASONS)


@dataclass
class RepaymentData:
    row: SourceRow
    bank: str
    contract_no: str
    name: str
    paid_on: dt.date | None = None
    principal_fen: int = 0
    interest_fen: int = 0
    arrears_fen: int | None = None
    note: str = ""


@dataclass
class Plan:
    report: ImportReport
    #: (loan, what to record) in the order of the statement's days
    new: list[tuple[Loan, RepaymentData]] = field(default_factory=list)


def import_repayments(store: Any, path: Path | str, *, dry_run: bool = False, errors_out: Path | str | None = None,
                      progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                      today: dt.date | None = None) -> ImportReport:
    """Import (or with ``dry_run`` only plan) a bank statement of repayments; return what was (would be) done."""
    store.require(Permission.IMPORT_LOANS)
    today = today or dt.date.today()
    scope = scope_street(store)
    return run_import(store, path, (REPAYMENT_ALIASES, REQUIRED, LABELS),
                      plan=lambda session, table, ticker: _plan(session, table, scope, today, ticker),
                      apply=lambda session, plan, _ticker: _apply(store, session, plan),
                      dry_run=dry_run, errors_out=errors_out, progress=progress, cancel=cancel)


def _apply(store: Any, session: Session, plan: Plan) -> None:
    """Record the planned repayments, and one import event if anything changed."""
    for loan, data in plan.new:
        assert data.paid_on is not None
        record_repayment(session, loan, data.paid_on, data.principal_fen, data.interest_fen, data.arrears_fen,
                         data.note, source="statement")
    if plan.report.changed:
        store.audit.event(session, "import", {"kind": "repayments",
                                              "repayments_added": plan.report.count("repayments").added,
                                              "refused": len(plan.report.refused)})


def _read(table: Table, row: SourceRow, today: dt.date, problems: RowSet) -> RepaymentData:
    def attempt(func: Any, *args: Any) -> Any:
        try:
            return func(*args)
        except Problem as problem:
            problems.add(row, problem)
            return None

    data = RepaymentData(row, get_text(table, row, "bank").replace(" ", ""),
                         get_text(table, row, "contract_no").replace(" ", ""),
                         get_text(table, row, "name").replace(" ", ""), note=get_text(table, row, "note")[:200])
    if not data.contract_no:
        problems.add(row, Problem("contract_missing"))
    header = table.column("paid_on")
    data.paid_on = attempt(parse_date, get_value(table, row, "paid_on"), header.header if header else "还款日期",
                           table.epoch)
    if data.paid_on is None and not problems.bad(row):
        problems.add(row, Problem("repay_date_missing"))
    elif data.paid_on is not None and data.paid_on > today:
        problems.add(row, Problem("repay_future", {"date": data.paid_on.isoformat()}))
    for name, attr in (("principal", "principal_fen"), ("interest", "interest_fen"), ("arrears", "arrears_fen")):
        column = table.column(name)
        value = attempt(parse_amount_fen, get_value(table, row, name), column.header if column else name,
                        column.unit if column else "")
        if value is not None:
            setattr(data, attr, value)
    if not data.principal_fen and not data.interest_fen and data.arrears_fen is None and not problems.bad(row):
        problems.add(row, Problem("repay_nothing"))
    return data


def _plan(session: Session, table: Table, scope: str | None, today: dt.date, ticker: Progress) -> Plan:
    report = ImportReport(kind="repayments", path=table.path, dry_run=True, rows_read=len(table.rows),
                          notes_skipped=table.skipped_notes, reading_notes=table.notes())
    counts = report.count("repayments")
    plan = Plan(report)
    problems = RowSet()
    problems.seed(table)
    rows = []
    for row in table.rows:
        rows.append(_read(table, row, today, problems))
        ticker.tick()
    seen: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for data in rows:
        seen[(data.bank, data.contract_no, data.paid_on, data.principal_fen, data.interest_fen)].append(data.row.number)
    for data in rows:
        numbers = seen[(data.bank, data.contract_no, data.paid_on, data.principal_fen, data.interest_fen)]
        if len(numbers) > 1:
            problems.add(data.row, Problem("repay_dup_in_file", {"rows": "、".join(map(str, sorted(numbers)))}))
    loans = _loans(session, {d.contract_no for d in rows if d.contract_no}, scope)
    known = _recorded(session, {loan.id for found in loans.values() for loan, _ in found})
    owed: dict[uuid.UUID, int] = {}
    for data in sorted(rows, key=lambda d: (d.paid_on or dt.date.min, d.row.number)):
        ticker.tick()
        if problems.bad(data.row):
            continue
        loan = _match(loans.get(data.contract_no, []), data, problems)
        if loan is None:
            continue
        assert data.paid_on is not None
        if data.paid_on < loan.disbursed_on:
            problems.add(data.row, Problem("repay_before_loan", {"date": data.paid_on.isoformat(),
                                                                 "disbursed": loan.disbursed_on.isoformat()}))
            continue
        if (loan.id, data.paid_on, data.principal_fen, data.interest_fen) in known:
            counts.unchanged += 1
            continue
        balance = owed.setdefault(loan.id, loan.balance_fen)
        if data.principal_fen > balance:
            problems.add(data.row, Problem("repay_over_balance", {"principal": yuan(data.principal_fen),
                                                                  "balance": yuan(max(balance, 0))}))
            continue
        owed[loan.id] = balance - data.principal_fen
        plan.new.append((loan, data))
        counts.added += 1
    report.refused = problems.refused()
    report.partial = problems.partial()
    counts.refused = len(report.refused)
    return plan


def _loans(session: Session, contracts: set[str], scope: str | None) -> dict[str, list[tuple[Loan, Bank]]]:
    found: dict[str, list[tuple[Loan, Bank]]] = defaultdict(list)
    wanted = sorted(contracts)
    for start in range(0, len(wanted), 500):
        query = (sa.select(Loan, Bank).join(Bank, Bank.id == Loan.bank_id)
                 .where(Loan.contract_no.in_(wanted[start:start + 500]), Loan.deleted.is_(False)))
        if scope:
            query = query.where(Loan.street_code == scope)
        for loan, bank in session.execute(query):
            found[loan.contract_no].append((loan, bank))
    return found


def _recorded(session: Session, loan_ids: set[uuid.UUID]) -> set[tuple[Any, ...]]:
    known: set[tuple[Any, ...]] = set()
    ids = sorted(loan_ids)
    for start in range(0, len(ids), 500):
        for loan_id, paid_on, principal, interest in session.execute(
                sa.select(Repayment.loan_id, Repayment.paid_on, Repayment.principal_fen, Repayment.interest_fen)
                .where(Repayment.loan_id.in_(ids[start:start + 500]), Repayment.deleted.is_(False))):
            known.add((loan_id, paid_on, principal, interest))
    return known


def _match(candidates: list[tuple[Loan, Bank]], data: RepaymentData, problems: RowSet) -> Loan | None:
    if data.bank:
        candidates = [(loan, bank) for loan, bank in candidates if data.bank in (bank.name, bank.code)]
    if not candidates:
        problems.add(data.row, Problem("repay_loan_unknown", {"contract": data.contract_no}))
        return None
    if len(candidates) > 1:
        problems.add(data.row, Problem("repay_loan_ambiguous", {
            "contract": data.contract_no, "banks": "、".join(sorted(bank.name for _, bank in candidates))}))
        return None
    loan = candidates[0][0]
    if data.name and loan.borrower_name.replace(" ", "") != data.name:
        problems.add(data.row, Problem("repay_name_mismatch", {"name": loan.borrower_name}))
        return None
    return loan
