"""Import loans from a bank's or office's list (.xlsx, .xls or .ods).

Loans are matched by bank + contract number; the borrower must be a household head or member already in the
roster (matched by citizen ID, and the name must agree). A bank not known yet is created. Of disbursement
date, maturity date and term, two are enough: the third is derived (maturity = disbursement + term months);
three that disagree refuse the row. A maturity beyond the longest term is an extension (展期) only within the
policy's extension limit: the extended maturity of a loan Fieldbook knows (extended through a disposal, or stated
by the bank now), or a new contract whose row says 展期 and states its original term.
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
from app.db.ids import TimeOrderedIds
from app.domain.codes import parse_citizen_id
from app.domain.loan_history import apply_stated, without_derived
from app.domain.loan_rules import LoanRules, NewLoan, check_new_loans
from app.domain.money import yuan
from app.domain.names import pinyin_initials
from app.domain.permissions import Permission
from app.domain.risk import RiskPolicy, add_months
from app.domain.risk_disposal import extension_limit
from app.domain.scope import in_scope, scope_street
from app.errors import ValidationError
from app.models import Bank, Household, Loan, Member, Street
from app.models.enums import CreditGrade, LoanStatus, RiskClass, UseMode
from app.reports.parsing import (
    LOAN_STATUS_WORDS,
    PURPOSE_WORDS,
    RISK_WORDS,
    USE_MODE_WORDS,
    Problem,
    citizen_id_from_cell,
    match_word,
    months_between,
    parse_amount_fen,
    parse_date,
    parse_rate_bp,
    parse_term_months,
    purpose_category_for,
)
from app.reports.reader import SourceRow, Table
from app.reports.workbook import Progress, ProgressFn
from app.reports.xlsx_import import (
    ImportReport,
    RefusedRow,
    RowSet,
    RuleProblem,
    changes_for,
    get_text,
    get_value,
    rows_text,
    run_import,
)
from app.settings import LOAN_CAP_YUAN, LOAN_TERM_MAX_MONTHS

LOAN_ALIASES: dict[str, tuple[str, ...]] = {
    "bank": ("经办银行", "承贷银行", "贷款银行", "放款银行", "银行", "银行名称", "金融机构", "贷款机构", "经办机构",
             "承贷机构", "放贷银行"),
    "contract_no": ("贷款合同编号", "合同号", "借款合同号", "合同编号", "贷款合同号", "借款合同编号", "借据号",
                    "借据编号", "合同号码"),
    "name": ("借款人", "借款人姓名", "姓名", "贷款人", "贷款人姓名", "贷款户姓名", "借款户"),
    "head_name": ("户主姓名", "户主"),
    "citizen_id": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号", "借款人身份证号",
                   "借款人身份证号码", "居民身份证号码", "借款人证件号码"),
    "head_citizen_id": ("户主身份证号", "户主身份证号码", "户主证件号码"),
    "amount": ("贷款金额", "金额", "放款金额", "借款金额", "发放金额", "合同金额", "贷款额度", "贷款本金"),
    "disbursed_on": ("放款日期", "发放日期", "贷款日期", "借款日期", "起贷日期", "贷款发放日期", "起始日期", "放款日",
                     "发放日", "贷款发放日", "起息日"),
    "matures_on": ("到期日期", "到期日", "到期时间", "贷款到期日", "贷款到期日期", "止贷日期", "终止日期"),
    "term": ("期限", "贷款期限", "借款期限", "期限(月)"),
    "rate": ("利率", "执行利率", "年利率", "贷款利率", "年化利率"),
    "purpose": ("贷款用途", "用途", "借款用途", "资金用途", "用途说明", "项目名称"),
    "purpose_category": ("用途类别", "产业类别", "产业类型", "用途分类"),
    "use_mode": ("使用方式", "用款方式", "资金使用方式", "使用模式", "经营方式"),
    "balance": ("余额", "贷款余额", "借款余额", "剩余本金"),
    "overdue_amount": ("逾期金额", "逾期本金"),
    "overdue_since": ("逾期日期", "逾期起始日", "逾期开始日期", "逾期起始日期"),
    "risk_class": ("五级分类", "风险分类", "风险等级", "贷款分类", "五级分类结果"),
    "status": ("状态", "贷款状态", "还款状态"),
    "credit_grade": ("信用等级", "评级", "授信等级", "评级结果"),
    "credit_line": ("授信额度", "授信金额"),
}
REQUIRED = (("bank",), ("contract_no",), ("name", "head_name"), ("citizen_id", "head_citizen_id"), ("amount",))
LABELS = {"bank": "经办银行", "contract_no": "贷款合同编号", "name": "借款人姓名", "citizen_id": "身份证号",
          "amount": "贷款金额"}
DATE_TOLERANCE_DAYS = 3  # banks often set maturity one day before the same date of the last month


@dataclass
class LoanData:
    row: SourceRow
    bank: str
    contract_no: str
    name: str
    citizen_id: str
    values: dict[str, Any] = field(default_factory=dict)
    #: the dates and term as the row states them (None where it leaves them out)
    disbursed: dt.date | None = None
    matures: dt.date | None = None
    stated_term: int | None = None
    #: a row whose dates need more than a fresh contract allows (longer than the longest term, or a maturity later
    #: than disbursement plus the stated term): refused with this reason unless they are the loan's extension
    pending: Problem | None = None


@dataclass
class Plan:
    report: ImportReport
    new_banks: list[dict[str, Any]] = field(default_factory=list)
    new_loans: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[Loan, dict[str, Any]]] = field(default_factory=list)
    #: the day the list states its facts for (today): the date of the events its changes record
    today: dt.date = field(default_factory=dt.date.today)
    #: file row → its new loan, and the borrower's birth date (for the controls of app/domain/loan_rules.py)
    new_rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    births: dict[int, dt.date | None] = field(default_factory=dict)
    people_births: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    new_id: TimeOrderedIds = field(default_factory=TimeOrderedIds)


def import_loans(store: Any, path: Path | str, *, dry_run: bool = False, errors_out: Path | str | None = None,
                 progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> ImportReport:
    """Import (or with ``dry_run`` only plan) a loan list; return what was (would be) done.

    Raises UnreadableWorkbook for an unreadable file, PermissionDenied without IMPORT_LOANS, Cancelled when
    ``cancel.cancelled`` turns true (nothing is written then)."""
    store.require(Permission.IMPORT_LOANS)
    limits = {"cap_fen": store.setting(LOAN_CAP_YUAN) * 100, "term_max": store.setting(LOAN_TERM_MAX_MONTHS),
              "rules": LoanRules.from_settings(store.setting), "policy": RiskPolicy.from_settings(store.setting)}
    own_street = scope_street(store)
    return run_import(store, path, (LOAN_ALIASES, REQUIRED, LABELS),
                      plan=lambda session, table, ticker: _plan(session, table, limits, own_street, ticker),
                      apply=lambda session, plan, ticker: _apply(store, session, plan, ticker),
                      dry_run=dry_run, errors_out=errors_out, progress=progress, cancel=cancel)


def _plan(session: Session, table: Table, limits: dict[str, Any], own_street: str | None,
          ticker: Progress) -> Plan:
    report = ImportReport(kind="loans", path=table.path, dry_run=True, rows_read=len(table.rows),
                          notes_skipped=table.skipped_notes,
                          reading_notes=table.notes())
    report.count("loans")
    report.count("banks")
    plan = Plan(report)
    problems = RowSet()
    problems.seed(table)
    loans = []
    for row in table.rows:
        loans.append(_read_loan(table, row, limits, problems))
        ticker.tick()
    _check_duplicates(loans, problems)
    _plan_writes(session, plan, [d for d in loans if not problems.bad(d.row)], problems, own_street, limits, ticker)
    _check_new_loans(session, plan, limits["rules"], problems)
    report.refused = problems.refused()
    report.partial = problems.partial()
    report.count("loans").refused = len(report.refused)
    return plan


def _header(table: Table, name: str) -> str:
    column = table.column(name)
    return column.header if column else name


def _read_loan(table: Table, row: SourceRow, limits: dict[str, Any], problems: RowSet) -> LoanData:
    def attempt(func: Any, *args: Any) -> Any:
        try:
            return func(*args)
        except Problem as problem:
            problems.add(row, problem)
            return None

    bank = get_text(table, row, "bank").replace(" ", "")
    if not bank:
        problems.add(row, Problem("bank_missing"))
    contract_no = get_text(table, row, "contract_no").replace(" ", "")
    if not contract_no:
        problems.add(row, Problem("contract_missing"))
    # the borrower's own columns win over the head's (a member may borrow)
    name = get_text(table, row, "name" if table.has("name") else "head_name").replace(" ", "")
    if not name:
        problems.add(row, Problem("name_missing"))
    id_field = "citizen_id" if table.has("citizen_id") else "head_citizen_id"
    citizen_id = attempt(citizen_id_from_cell, get_value(table, row, id_field)) or ""
    data = LoanData(row, bank, contract_no, name, citizen_id)
    values = data.values

    def amount(column: str) -> int | None:
        col = table.column(column)
        result: int | None = attempt(parse_amount_fen, get_value(table, row, column), _header(table, column),
                                     col.unit if col else "")
        return result

    amount_fen = amount("amount")
    if amount_fen is None and not problems.bad(row):
        problems.add(row, Problem("amount_missing"))
    elif amount_fen is not None:
        if amount_fen <= 0:
            problems.add(row, Problem("amount_nonpositive"))
        elif amount_fen > limits["cap_fen"]:
            problems.add(row, Problem("amount_cap", {"amount": yuan(amount_fen), "cap": yuan(limits["cap_fen"])}))
        values["amount_fen"] = amount_fen
    for column, attr in (("balance", "balance_fen"), ("overdue_amount", "overdue_fen"),
                         ("credit_line", "credit_line_fen")):
        value = amount(column)
        if value is not None:
            values[attr] = value
    if amount_fen and values.get("balance_fen", 0) > amount_fen:
        problems.add(row, Problem("balance_exceeds"))
    _read_dates(table, data, limits, problems, attempt)
    rate = attempt(parse_rate_bp, get_value(table, row, "rate"))
    if rate is not None:
        values["rate_bp"] = rate
    purpose = get_text(table, row, "purpose")
    if purpose:
        values["purpose_text"] = purpose
    for column, mapping, code, attr in (
            ("purpose_category", PURPOSE_WORDS, "purpose_unknown", "purpose_category"),
            ("use_mode", USE_MODE_WORDS, "use_mode_unknown", "use_mode"),
            ("risk_class", RISK_WORDS, "risk_unknown", "risk_class"),
            ("status", LOAN_STATUS_WORDS, "loan_status_unknown", "status")):
        raw = get_value(table, row, column)
        if raw is not None:
            member = attempt(match_word, mapping, raw, code)
            if member is not None:
                values[attr] = member
    grade = get_text(table, row, "credit_grade").upper().replace(" ", "")
    if grade:
        values["credit_grade"] = {g.value: g for g in CreditGrade}.get(grade, CreditGrade.NONE)
    return data


def _read_dates(table: Table, data: LoanData, limits: dict[str, Any], problems: RowSet, attempt: Any) -> None:
    row, values = data.row, data.values
    disbursed = attempt(parse_date, get_value(table, row, "disbursed_on"), _header(table, "disbursed_on"),
                        table.epoch)
    matures = attempt(parse_date, get_value(table, row, "matures_on"), _header(table, "matures_on"), table.epoch)
    term_col = table.column("term")
    term = attempt(parse_term_months, get_value(table, row, "term"), term_col.unit if term_col else "")
    try:
        overdue_since = parse_date(get_value(table, row, "overdue_since"), _header(table, "overdue_since"),
                                   table.epoch, month_ok=True)
    except Problem as problem:  # an optional field: left out, the loan is imported
        problems.note(row, problem)
        overdue_since = None
    if overdue_since is not None:
        values["overdue_since"] = overdue_since
    if problems.bad(row) and (disbursed is None or matures is None):
        return
    known = sum(v is not None for v in (disbursed, matures, term))
    if known < 2:
        problems.add(row, Problem("dates_missing"))
        return
    data.disbursed, data.matures, data.stated_term = disbursed, matures, term
    if disbursed is not None and matures is not None:
        if matures <= disbursed:
            problems.add(row, Problem("matures_before"))
            return
        if term is None:
            term = months_between(disbursed, matures)
        else:
            expected = add_months(disbursed, term)
            if abs((expected - matures).days) > DATE_TOLERANCE_DAYS:
                inconsistent = Problem("dates_inconsistent", {"term": term, "expected": expected.isoformat(),
                                                              "matures": matures.isoformat()})
                if matures < expected:
                    problems.add(row, inconsistent)
                    return
                data.pending = inconsistent  # the term stated, and the maturity after an extension?
    elif disbursed is not None and term is not None:
        matures = add_months(disbursed, term)
    elif matures is not None and term is not None:
        disbursed = add_months(matures, -term)
    assert term is not None
    if term > limits["term_max"] and data.pending is None:
        data.pending = Problem("term_too_long", {"term": term, "max": limits["term_max"]})
    values.update(disbursed_on=disbursed, matures_on=matures, term_months=term)


def _term_of_new(data: LoanData, values: dict[str, Any], limits: dict[str, Any]) -> Problem | None:
    """A contract new to Fieldbook whose dates need more than the longest term: accepted only as an extended loan
    (the row's status 展期) with its original term stated and the extension within the policy's limit."""
    if data.pending is None:
        return None
    if values.get("status") is not LoanStatus.EXTENDED:
        return data.pending
    span = months_between(values["disbursed_on"], values["matures_on"])
    original = data.stated_term
    if original is None or original == span or data.disbursed is None or data.matures is None:
        return Problem("extended_term_missing", {"span": span, "max": limits["term_max"]})
    return _extension(values, original, span, limits)


def _term_of_known(data: LoanData, loan: Loan, values: dict[str, Any], limits: dict[str, Any]) -> Problem | None:
    """The row's dates read against a loan Fieldbook knows, whose contract term and extension it holds: a maturity
    that is the loan's extended maturity (extended through a disposal or stated earlier) keeps the contract term; a
    later one the bank states is an extension if the policy's limit allows it (longer than the longest term, a term
    column giving the original term, or the status 展期); anything else is read as before."""
    disbursed = data.disbursed or loan.disbursed_on  # derived from the maturity, an extension would shift it
    original = data.stated_term
    if data.matures is not None:
        matures = data.matures
    elif original == loan.term_months:  # the maturity derived from the contract term: the loan's own extension
        matures = add_months(disbursed, loan.term_months + loan.extended_months)
    else:
        matures = values["matures_on"]
    if matures <= disbursed:
        return Problem("matures_before")
    span = months_between(disbursed, matures)
    values.update(disbursed_on=disbursed, matures_on=matures)
    if original == span or (data.matures is None and original == loan.term_months):
        original = None
    if original is None and span == loan.term_months + loan.extended_months:
        values["term_months"] = loan.term_months  # the maturity Fieldbook holds: nothing about the term changes
        _extended_status(loan, values)
        return None
    extended = (original is not None or span > limits["term_max"]
                or (values.get("status") is LoanStatus.EXTENDED and span > loan.term_months))
    if not extended:
        return data.pending  # a corrected term, read as before
    problem = _extension(values, original or loan.term_months, span, limits)
    if problem is None:
        _extended_status(loan, values)
    return problem


def _extended_status(loan: Loan, values: dict[str, Any]) -> None:
    """An extended loan the list calls 正常 (or gives no status for, when the extension is new) is 展期: the
    bank's word for a performing loan is not a change of the status an extension set."""
    if loan.status not in (LoanStatus.ACTIVE, LoanStatus.OVERDUE, LoanStatus.EXTENDED):
        return
    months = values.get("extended_months", loan.extended_months)
    stated = values.get("status")
    if months > 0 and (stated is LoanStatus.ACTIVE or (stated is None and months != loan.extended_months)):
        values["status"] = LoanStatus.EXTENDED


def _extension(values: dict[str, Any], original: int, span: int, limits: dict[str, Any]) -> Problem | None:
    """Record a maturity ``span`` months after disbursement as the ``original`` term extended, if the policy's
    cumulative extension limit for that term allows it (app/domain/risk_disposal.py ``extension_limit``)."""
    if original > limits["term_max"]:
        return Problem("term_too_long", {"term": original, "max": limits["term_max"]})
    months = span - original
    limit = extension_limit(original, limits["policy"])[0]
    if months <= 0:
        expected = add_months(values["disbursed_on"], original)
        return Problem("dates_inconsistent", {"term": original, "expected": expected.isoformat(),
                                              "matures": values["matures_on"].isoformat()})
    if months > limit:
        return Problem("extension_too_long", {"matures": values["matures_on"].isoformat(), "span": span,
                                              "term": original, "months": months, "limit": limit,
                                              "latest": add_months(values["disbursed_on"], original + limit)
                                              .isoformat()})
    values.update(term_months=original, extended_months=months)
    return None


def _check_duplicates(loans: list[LoanData], problems: RowSet) -> None:
    where: dict[tuple[str, str], list[int]] = defaultdict(list)
    for data in loans:
        if data.bank and data.contract_no:
            where[(data.bank, data.contract_no)].append(data.row.number)
    for data in loans:
        rows = where.get((data.bank, data.contract_no), [])
        if len(rows) > 1:
            problems.add(data.row, Problem("dup_contract_in_file", {"rows": rows_text(rows)}))


def _plan_writes(session: Session, plan: Plan, loans: list[LoanData], problems: RowSet, own_street: str | None,
                 limits: dict[str, Any], ticker: Progress) -> None:
    report = plan.report
    streets = {code: name for code, name in session.execute(sa.select(Street.code, Street.name))}
    banks = {name: bid for bid, name in session.execute(sa.select(Bank.id, Bank.name))}
    codes = set(session.execute(sa.select(Bank.code)).scalars())
    ids = sorted({d.citizen_id for d in loans})
    # who may borrow: citizen ID → (household id, street, name in the roster, member id)
    people: dict[str, tuple[uuid.UUID, str, str, uuid.UUID | None]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for hid, street, name, head_cid in session.execute(
                sa.select(Household.id, Household.street_code, Household.head_name, Household.head_citizen_id)
                .where(Household.head_citizen_id.in_(chunk), Household.deleted.is_(False))):
            people[head_cid] = (hid, street, name, None)
        for hid, street, name, member_cid, mid, birth in session.execute(
                sa.select(Household.id, Household.street_code, Member.name, Member.citizen_id, Member.id,
                          Member.birth_date)
                .join(Household, Household.id == Member.household_id)
                .where(Member.citizen_id.in_(chunk), Member.deleted.is_(False), Household.deleted.is_(False))):
            if member_cid:
                people[member_cid] = (hid, street, name, mid)
                if birth is not None:
                    plan.people_births[mid] = birth
    existing: dict[tuple[uuid.UUID, str], Loan] = {}
    wanted_keys = defaultdict(list)
    for data in loans:
        if data.bank in banks:
            wanted_keys[banks[data.bank]].append(data.contract_no)
    for known_bank, numbers in wanted_keys.items():
        for i in range(0, len(numbers), 500):
            for found in session.execute(sa.select(Loan).where(Loan.bank_id == known_bank,
                                                               Loan.contract_no.in_(numbers[i:i + 500]))).scalars():
                existing[(found.bank_id, found.contract_no)] = found

    for data in loans:
        ticker.tick()
        person = people.get(data.citizen_id)
        if person is None:
            problems.add(data.row, Problem("borrower_unknown"))
            continue
        household_id, street, roster_name, member_id = person
        if roster_name.replace(" ", "") != data.name:
            problems.add(data.row, Problem("borrower_name_mismatch", {"name": roster_name}))
            continue
        if own_street and not in_scope(street, own_street):
            problems.add(data.row, Problem("street_foreign", {"street": streets.get(street, street),
                                                              "own": streets.get(own_street, own_street)}))
            continue
        bank_id = banks.get(data.bank)
        if bank_id is None:
            bank_id = banks[data.bank] = uuid.uuid4()
            plan.new_banks.append({"id": bank_id, "name": data.bank, "code": _bank_code(data.bank, codes)})
            report.count("banks").added += 1
        loan = existing.get((bank_id, data.contract_no))
        values = dict(data.values)
        if loan is None:
            problem = _term_of_new(data, values, limits)
            if problem is not None:
                problems.add(data.row, problem)
                continue
            _plan_new(plan, data, values, bank_id, household_id, street, member_id)
            continue
        if loan.deleted:
            problems.add(data.row, Problem("loan_deleted"))
            continue
        if loan.borrower_citizen_id != data.citizen_id:
            problems.add(data.row, Problem("loan_other_borrower"))
            continue
        problem = _term_of_known(data, loan, values, limits)
        if problem is not None:
            problems.add(data.row, problem)
            continue
        values.update(borrower_name=data.name, household_id=household_id, street_code=street)
        if member_id is not None:
            values["borrower_id"] = member_id
        changes = changes_for(loan, without_derived(loan, values, plan.today))
        if changes:
            plan.updates.append((loan, changes))
            report.count("loans").updated += 1
        else:
            report.count("loans").unchanged += 1


def _check_new_loans(session: Session, plan: Plan, rules: LoanRules, problems: RowSet) -> None:
    """The plan's controls on every new loan (app/domain/loan_rules.py): a refusal takes the row out of the plan
    with its reason; a warning keeps it and is reported beside it."""
    rows = {loan["id"]: number for number, loan in plan.new_rows.items()}
    births = plan.births
    found = check_new_loans(session, [
        NewLoan(number, loan["household_id"], births.get(number), loan["amount_fen"], loan["disbursed_on"],
                loan["matures_on"], loan["purpose_text"], loan["purpose_category"],
                loan["use_mode"] is UseMode.ENTERPRISE) for number, loan in plan.new_rows.items()], rules)
    refused = set()
    for number, findings in found.items():
        for finding in findings:
            if finding.refuse:
                problems.add(number, RuleProblem(finding))
                refused.add(number)
        warned: list[Problem] = [RuleProblem(f) for f in findings if not f.refuse]
        if warned and number not in refused:
            plan.report.warned.append(RefusedRow(number, warned))
    if not refused:
        return
    plan.new_loans = [loan for loan in plan.new_loans if rows[loan["id"]] not in refused]
    plan.report.count("loans").added -= len(refused)
    used = {loan["bank_id"] for loan in plan.new_loans} | {loan.bank_id for loan, _ in plan.updates}
    kept = [bank for bank in plan.new_banks if bank["id"] in used]
    plan.report.count("banks").added -= len(plan.new_banks) - len(kept)
    plan.new_banks = kept


def _plan_new(plan: Plan, data: LoanData, values: dict[str, Any], bank_id: uuid.UUID, household_id: uuid.UUID,
              street: str, member_id: uuid.UUID | None) -> None:
    amount = values["amount_fen"]
    status = values.get("status", LoanStatus.ACTIVE)
    purpose = values.get("purpose_text", "")
    term = values["term_months"]
    plan.new_loans.append({
        "id": plan.new_id(), "bank_id": bank_id, "contract_no": data.contract_no, "household_id": household_id,
        "borrower_id": member_id, "borrower_name": data.name, "borrower_citizen_id": data.citizen_id,
        "street_code": street, "amount_fen": amount, "disbursed_on": values["disbursed_on"], "term_months": term,
        "matures_on": values["matures_on"], "rate_bp": values.get("rate_bp", 435 if term <= 12 else 475),
        "purpose_category": values.get("purpose_category", purpose_category_for(purpose)),
        "purpose_text": purpose, "use_mode": values.get("use_mode", UseMode.HOUSEHOLD), "enterprise_id": None,
        "credit_grade": values.get("credit_grade"), "credit_line_fen": values.get("credit_line_fen"),
        "balance_fen": values.get("balance_fen", 0 if status in {LoanStatus.REPAID, LoanStatus.WRITTEN_OFF}
                                  else amount),
        "overdue_fen": values.get("overdue_fen", 0), "overdue_since": values.get("overdue_since"),
        "interest_arrears_fen": 0, "risk_class": values.get("risk_class", RiskClass.NORMAL),
        # a class the list states is the bank's class as of the list's day; earlier days replay from the days due
        "risk_class_on": plan.today if "risk_class" in values else None, "risk_class_reason": "",
        "subsidy_claimed_fen": 0, "subsidy_paid_fen": 0, "extended_months": values.get("extended_months", 0),
        "status": status,
    })
    plan.new_rows[data.row.number] = plan.new_loans[-1]
    known = plan.people_births.get(member_id) if member_id is not None else None
    plan.births[data.row.number] = known or _birth_of(data.citizen_id)
    plan.report.count("loans").added += 1


def _birth_of(citizen_id: str) -> dt.date | None:
    try:
        return parse_citizen_id(citizen_id).birth_date
    except ValidationError:
        return None


def _bank_code(name: str, taken: set[str]) -> str:
    """A short stable code for a new bank: the pinyin initials of its name, upper case, made unique."""
    base = (pinyin_initials(name).upper() or "BANK")[:24]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def _apply(store: Any, session: Session, plan: Plan, ticker: Progress) -> None:
    store.audit.bulk_insert(session, Bank, plan.new_banks)
    store.audit.bulk_insert(session, Loan, plan.new_loans)
    for loan, changes in plan.updates:
        apply_stated(session, loan, changes, plan.today)  # state changes become a dated event of the loan
    session.flush()
    ticker.finish()
    report = plan.report
    if report.changed:
        store.audit.event(session, "import", {"kind": "loans", **{
            f"{category}_{what}": getattr(counts, what) for category, counts in report.counts.items()
            for what in ("added", "updated") if getattr(counts, what)}, "refused": len(report.refused)})

