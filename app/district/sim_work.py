"""The work people do in a simulated district (app/district/simulator.py), day by day, through the same domain
functions and importers the screens use:

- the hub's desk: the district's household roster, the bank's repayment statement and its loan list each month
  (real .xlsx files through the importers: new households, repayments recorded as the loans' history, new loans,
  overdue loans stated by the bank), disposals decided (the district's step included: overdue loans are extended
  only with the district's approval) and executed as loan events, a joint review each quarter, fund contributions
  and interest-subsidy claims; supervisors sign records off, close resolved anomalies and decide the corrections
  laptops proposed;
- each laptop's cadre: visits on their due dates, a use check after each new loan (some finding misuse, which opens
  an anomaly), anomaly follow-up, maturity assessments inside the 30-day window, now and then a household found in
  the field (a one-line roster) or a corrected phone number (a proposal at the hub).

A cadre plans from what the laptop holds after each exchange (:meth:`Cadre.plan`), so a laptop that has not synced
for a while works on old news, as it would. :class:`Tally` counts what was submitted, for the ledger invariant.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook

from app.district.sim_world import Hub, Laptop
from app.domain.households import save_household
from app.domain.programs.fund import add_contribution
from app.domain.programs.subsidies import decide_claim, file_claim, pay_claim
from app.domain.records import advance_anomaly, sign_off, submit
from app.domain.risk import add_months
from app.domain.risk_disposal import (
    DisposalTerms,
    ReviewDecision,
    decide,
    execute,
    needs_district_step,
    propose,
    record_joint_review,
)
from app.errors import FieldbookError
from app.models import Anomaly, Household, Loan, MaturityAssessment, UseCheck, Visit
from app.models.enums import (
    AnomalyStatus,
    BusinessStatus,
    Disposal,
    LoanStatus,
    ProhibitedUse,
    RecordKind,
    RepaymentAbility,
    UseConclusion,
    VisitType,
    Willingness,
)
from app.models.places import BAQIAO_STREETS
from app.reports.import_households import import_households
from app.reports.import_loans import import_loans
from app.reports.import_repayments import import_repayments
from app.settings import EXTEND_OVERDUE_WITH_DISTRICT
from app.sync.merge.review import decide_proposal, pending_proposals

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国秀英桂兰志强海燕红梅永胜玉珍德福春花明亮小军丽娟文华金凤国庆淑芬宏伟晓东彩霞长林"
VILLAGES = ("东村", "西村", "南村", "北村", "新庄", "李家堡", "王家沟", "柳树湾", "杨家寨", "河湾村")
BANKS = ("邮储银行灞桥支行", "长安银行灞桥支行")
STREET_NAMES = dict(BAQIAO_STREETS)
STATUS_WORDS = {LoanStatus.ACTIVE: "正常", LoanStatus.OVERDUE: "逾期", LoanStatus.REPAID: "已结清",
                LoanStatus.EXTENDED: "展期"}
PURPOSES = ("养殖肉牛", "种植猕猴桃", "养殖生猪", "经营小卖部", "种植蔬菜大棚", "养殖土鸡")


@dataclass
class Tally:
    """What was submitted, by kind and by node (the ledgers must count the same at the hub)."""

    records: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def record(self, node: str, kind: str, record_id: uuid.UUID | str) -> None:
        self.records[node][kind].add(str(record_id))

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def submitted(self, kind: str, skip: set[str] | None = None) -> int:
        return sum(len(kinds.get(kind, ())) - len(kinds.get(kind, set()) & (skip or set()))
                   for kinds in self.records.values())


class People:
    """Names, citizen IDs (GB 11643, valid and unique) and phone numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def citizen_id(self) -> str:
        self.serial += 1
        birth = dt.date(1958, 1, 1) + dt.timedelta(days=(self.serial // 400) * 37 + self.serial % 29)
        body = f"610111{birth:%Y%m%d}{(self.serial % 400) * 2 + 1:03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]

    def phone(self) -> str:
        return f"13{self.rng.randint(0, 9)}{self.rng.randint(0, 99_999_999):08d}"


ROSTER_HEADER = ["身份证号", "户主姓名", "村", "组", "街道", "手机号", "家庭人口", "贫困户属性"]


def roster_row(cid: str, name: str, village: str, street: str, phone: str, size: int) -> list[Any]:
    return [cid, name, village, f"{size % 5 + 1}组", STREET_NAMES[street], phone, size, "建档立卡贫困户"]


def write_sheet(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# -- the bank's own books --------------------------------------------------------------------------------------------
@dataclass
class BookLoan:
    """A loan as the bank's core system knows it (what its monthly list reports)."""

    bank: str
    contract: str
    name: str
    cid: str
    street: str
    amount_fen: int
    disbursed: dt.date
    term: int
    matures: dt.date
    balance_fen: int
    status: LoanStatus = LoanStatus.ACTIVE
    overdue_fen: int = 0
    overdue_since: dt.date | None = None
    purpose: str = ""
    extended: bool = False
    changed: bool = True


LOANS_HEADER = ["经办银行", "贷款合同编号", "借款人姓名", "身份证号", "贷款金额", "放款日期", "到期日期", "期限",
                "贷款余额", "逾期金额", "逾期日期", "贷款状态", "贷款用途"]


STATEMENT_HEADER = ["经办银行", "贷款合同编号", "借款人姓名", "还款日期", "还款本金", "还款利息"]
#: the yearly interest rate of the simulated loans, per 10,000 (4.35 %)
RATE = 435


def loan_row(loan: BookLoan) -> list[Any]:
    return [loan.bank, loan.contract, loan.name, loan.cid, loan.amount_fen / 100, loan.disbursed, loan.matures,
            "" if loan.extended else loan.term, loan.balance_fen / 100, loan.overdue_fen / 100, loan.overdue_since,
            STATUS_WORDS.get(loan.status, "正常"), loan.purpose]


class HubDesk:
    """The people at the hub: district staff (the roster, the fund, subsidies), the bank (loans, disposals) and
    the supervisors (sign-offs, anomalies, proposals)."""

    def __init__(self, hub: Hub, streets: list[str], households: int, rng: random.Random, people: People,
                 folder: Path, tally: Tally) -> None:
        self.hub, self.streets, self.households, self.rng, self.people = hub, streets, households, rng, people
        self.folder, self.tally = folder, tally
        self.book: dict[str, BookLoan] = {}
        self.heads: dict[str, tuple[str, str, str]] = {}  # citizen ID → (name, street, village)
        self.serial = 0

    # -- the roster and the loan list ---------------------------------------------------------------------------
    def new_households(self, street: str, n: int) -> list[list[Any]]:
        rows = []
        for _ in range(n):
            cid, name = self.people.citizen_id(), self.people.name()
            village = self.rng.choice(VILLAGES[:6])
            self.heads[cid] = (name, street, village)
            rows.append(roster_row(cid, name, village, street, self.people.phone(), self.rng.randint(1, 6)))
        return rows

    def new_loan(self, cid: str, on: dt.date) -> BookLoan:
        name, street, _ = self.heads[cid]
        self.serial += 1
        bank = BANKS[self.serial % len(BANKS)]
        term = self.rng.choice((12, 24, 36))
        amount = self.rng.choice((10_000, 20_000, 30_000, 50_000)) * 100
        loan = BookLoan(bank, f"BQ{on.year}-{self.serial:05d}", name, cid, street, amount, on, term,
                        add_months(on, term), amount, purpose=self.rng.choice(PURPOSES))
        self.book[loan.contract] = loan
        return loan

    def start(self, date: dt.date) -> None:
        """Day zero: the district's roster and the bank's loans (disbursed over the last two years)."""
        rows = [row for street in self.streets for row in self.new_households(street, self.households)]
        import_households(self.hub.user("district"), write_sheet(self.folder / "roster-0.xlsx", ROSTER_HEADER, rows),
                          as_of=date)
        for cid in list(self.heads):
            if self.rng.random() < 0.7:
                loan = self.new_loan(cid, date - dt.timedelta(days=self.rng.randint(5, 700)))
                if loan.matures <= date:
                    loan.matures = add_months(date, self.rng.randint(1, 12))
                    loan.term = max(12, (loan.matures.year - loan.disbursed.year) * 12
                                    + loan.matures.month - loan.disbursed.month)
                    loan.extended = True  # as the bank has it: the list gives both dates
        self.report_loans(date)
        # the administrator sets the district's rule: overdue loans may be extended once the district approved each
        self.hub.store.set_setting(EXTEND_OVERDUE_WITH_DISTRICT, True)
        add_contribution(self.hub.user("district"), date, 2_000_000_00, "区财政局", "风险补偿金首期")

    def report_loans(self, date: dt.date) -> None:
        changed = [loan for loan in self.book.values() if loan.changed]
        if not changed:
            return
        path = write_sheet(self.folder / f"loans-{date:%Y%m%d}.xlsx", LOANS_HEADER, [loan_row(x) for x in changed])
        report = import_loans(self.hub.user("bank"), path)
        self.tally.count("loan_rows_refused", len(report.refused))
        for refused in report.refused:  # why, in the figures (a rule of the loan import the bank's list broke)
            for problem in refused.problems:
                self.tally.count(f"loan_rows_refused: {problem.code}")
        for loan in changed:
            loan.changed = False

    def month(self, date: dt.date) -> None:
        """The monthly round: new households (and corrections) in the roster, the bank's list."""
        rows = []
        for street in self.streets:
            rows += self.new_households(street, self.rng.randint(1, 3))
        import_households(self.hub.user("district"),
                          write_sheet(self.folder / f"roster-{date:%Y%m%d}.xlsx", ROSTER_HEADER, rows), as_of=date)
        borrowers = {loan.cid for loan in self.book.values() if loan.status != LoanStatus.REPAID}
        for cid in [c for c in self.heads if c not in borrowers]:
            if self.rng.random() < 0.08:
                self.new_loan(cid, date - dt.timedelta(days=self.rng.randint(0, 10)))
        statement: list[list[Any]] = []
        for loan in self.book.values():
            self.repay(loan, date, statement)
        self.report_repayments(date, statement)
        self.report_loans(date)

    def report_repayments(self, date: dt.date, rows: list[list[Any]]) -> None:
        """The bank's statement of the month through the repayment importer (the loans' history at the hub)."""
        if not rows:
            return
        path = write_sheet(self.folder / f"repayments-{date:%Y%m%d}.xlsx", STATEMENT_HEADER, rows)
        report = import_repayments(self.hub.user("bank"), path, today=date)
        self.tally.count("repayments", len(rows) - len(report.refused))
        self.tally.count("repayment_rows_refused", len(report.refused))

    def repay(self, loan: BookLoan, date: dt.date, statement: list[list[Any]]) -> None:
        """A month of the bank's life for one loan: an instalment (a row of the statement), sometimes one missed
        (the loan list states it overdue), caught up later, the rest paid at the end of the term."""
        if loan.status == LoanStatus.REPAID or loan.disbursed > date - dt.timedelta(days=25):
            return

        def pay(principal_fen: int) -> None:
            interest = loan.balance_fen * RATE // 120_000
            statement.append([loan.bank, loan.contract, loan.name, date, principal_fen / 100, interest / 100])
            loan.balance_fen -= principal_fen

        if loan.status == LoanStatus.OVERDUE:
            if self.rng.random() < 0.5:  # caught up: the missed instalment paid
                pay(min(loan.overdue_fen, loan.balance_fen))
                loan.status, loan.overdue_fen, loan.overdue_since = LoanStatus.ACTIVE, 0, None
                loan.changed = True
            return
        if loan.matures <= date:
            pay(loan.balance_fen)
            loan.status, loan.changed = LoanStatus.REPAID, True
            return
        if self.rng.random() < 0.03:
            loan.status, loan.overdue_fen = LoanStatus.OVERDUE, loan.amount_fen // max(loan.term, 1)
            loan.overdue_since, loan.changed = date - dt.timedelta(days=self.rng.randint(1, 20)), True
            return
        step = loan.amount_fen // max(loan.term, 1)
        if loan.balance_fen > step:
            pay(step)

    def correct_address(self, street: str, date: dt.date) -> None:
        """The street office corrects a household's address at the hub (news for that street's laptops)."""
        office = self.hub.user("supervisor")
        with office.read() as session:
            found = session.execute(sa.select(Household).where(Household.street_code == street,
                                                               Household.deleted.is_(False))
                                    .order_by(Household.id).limit(50)).scalars().all()
        if not found:
            return
        household = self.rng.choice(found)
        save_household(office, household.id, {
            "head_name": household.head_name, "head_citizen_id": "", "phone": household.phone,
            "group_name": household.group_name, "note": household.note,
            "address": f"{STREET_NAMES[street]}{self.rng.choice(VILLAGES)}{self.rng.randint(1, 99)}号"})
        self.tally.count("hub_corrections")

    # -- disposals, the fund, subsidies -------------------------------------------------------------------------
    def disposals(self, date: dt.date, joint_review: bool) -> None:
        """Overdue loans: the bank proposes an extension (a joint review decides some each quarter), the district
        approves, the bank executes; the bank's books follow."""
        bank, district = self.hub.user("bank"), self.hub.user("district")
        with bank.read() as session:
            overdue = list(session.execute(sa.select(Loan.id, Loan.contract_no).where(
                Loan.status == LoanStatus.OVERDUE, Loan.deleted.is_(False)).order_by(Loan.contract_no)).all())
        terms = DisposalTerms(Disposal.EXTENSION, extension_months=6, note="展期6个月")
        chosen = overdue[:3]
        proposals: list[tuple[uuid.UUID, str]] = []
        if joint_review and chosen:
            decisions = [ReviewDecision(lid, Disposal.EXTENSION, "会商同意展期", terms) for lid, _ in chosen[:2]]
            try:
                record_joint_review(self.hub.user("supervisor"), date, "街道办会议室",
                                    ["街道办主任", "银行客户经理", "驻村干部"], decisions, chair="街道办主任",
                                    today=date)
                self.tally.count("joint_reviews")
            except FieldbookError:
                self.tally.count("disposals_refused")
            chosen = chosen[2:]
        for loan_id, contract in chosen:
            try:
                proposals.append((propose(bank, loan_id, terms, "逾期，申请展期", on=date), contract))
            except FieldbookError:
                self.tally.count("disposals_refused")
        from app.domain.risk_disposal import proposals as open_proposals

        for proposal in open_proposals(district):
            if proposal.status.value not in ("proposed", "approved"):
                continue
            try:
                if proposal.status.value == "proposed" or needs_district_step(district, proposal.id, on=date):
                    decide(district, proposal.id, True, "同意", on=date)  # the district's approval is its step
                execute(bank, proposal.id, "已展期", on=date)
                self.tally.count("disposals_executed")
            except FieldbookError:
                self.tally.count("disposals_refused")
                continue
            with bank.read() as session:
                loan = session.get(Loan, proposal.loan_id)
                assert loan is not None
                mirrored = self.book.get(loan.contract_no)
                if mirrored is not None:
                    mirrored.matures, mirrored.extended = loan.matures_on, True
                    mirrored.status, mirrored.overdue_fen, mirrored.overdue_since = LoanStatus.EXTENDED, 0, None
                    mirrored.changed = True

    def quarter(self, date: dt.date) -> None:
        """The fund topped up; interest-subsidy claims filed by the bank, approved and paid by the district."""
        district, bank = self.hub.user("district"), self.hub.user("bank")
        add_contribution(district, date, 500_000_00, "区财政局", f"{date.year}年第{(date.month - 1) // 3 + 1}季度")
        candidates = [x for x in self.book.values() if x.status == LoanStatus.ACTIVE and x.disbursed < date]
        for loan in self.rng.sample(candidates, min(4, len(candidates))):
            period = f"{date.year}Q{(date.month - 1) // 3 + 1}"
            try:
                result = file_claim(bank, loan.contract, period, loan.balance_fen * 435 // 40_000, claimed_on=date,
                                    bank=loan.bank)
                if result.status.value == "claimed":
                    decide_claim(district, result.claim_id, True, decided_on=date)
                    pay_claim(district, result.claim_id, paid_on=date)
                self.tally.count("subsidy_claims")
            except FieldbookError:
                self.tally.count("subsidy_claims_refused")

    # -- the supervisors --------------------------------------------------------------------------------------
    def supervise(self, date: dt.date, everything: bool = False) -> None:
        """Sign records off, close resolved anomalies, decide proposed corrections (each week; all at the end)."""
        supervisor = self.hub.user("supervisor")
        limit = None if everything else 40
        with supervisor.read() as session:
            unsigned = []
            for model, kind in ((Visit, RecordKind.VISIT), (UseCheck, RecordKind.USE_CHECK),
                                (MaturityAssessment, RecordKind.MATURITY_ASSESSMENT)):
                query = sa.select(model.id).where(model.signed_off_by == "", model.deleted.is_(False)).order_by(
                    model.id).limit(limit)
                unsigned += [(kind, rid) for rid in session.execute(query).scalars()]
            resolved = list(session.execute(sa.select(Anomaly.id).where(
                Anomaly.status == AnomalyStatus.RESOLVED, Anomaly.deleted.is_(False))).scalars())
        for kind, record_id in unsigned:
            try:
                sign_off(supervisor, kind, record_id, "已审核")
                self.tally.count("sign_offs")
            except FieldbookError:
                self.tally.count("sign_offs_refused")  # an older version, or signed meanwhile
        for anomaly_id in resolved:
            advance_anomaly(supervisor, anomaly_id, AnomalyStatus.CLOSED, "已处置完毕，结案")
            self.tally.count("anomalies_closed")
        decided: set[tuple[str, str]] = set()
        for proposal in pending_proposals(supervisor):
            fields = tuple(sorted(json.loads(proposal.data).get("new") or {}))
            key = (proposal.record_id, ",".join(fields))
            accept = key not in decided and self.rng.random() < 0.8
            decided.add(key)
            try:
                decide_proposal(supervisor, proposal.id, accept)
                self.tally.count("proposals_accepted" if accept else "proposals_rejected")
            except FieldbookError:
                self.tally.count("proposals_refused")


# -- the cadres ---------------------------------------------------------------------------------------------------
@dataclass
class Plan:
    """What a cadre means to do, from what the laptop holds: visits and use checks due (loan → day), assessments
    (loan → day), anomalies to follow (id → (next status, day))."""

    visits: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    checks: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    assessments: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    anomalies: dict[uuid.UUID, tuple[AnomalyStatus, dt.date]] = field(default_factory=dict)
    households: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # loan → household
    done: set[tuple[str, uuid.UUID]] = field(default_factory=set)


class Cadre:
    """The work of the cadres, one laptop at a time."""

    def __init__(self, rng: random.Random, people: People, tally: Tally, folder: Path) -> None:
        self.rng, self.people, self.tally, self.folder = rng, people, tally, folder

    def plan(self, laptop: Laptop, date: dt.date, share: tuple[int, int]) -> None:
        """Plan again from what the laptop holds now (after an exchange); ``share``: (this laptop's index, how
        many laptops the street has): each cadre looks after the households of that share."""
        from app.domain.risk import visit_due_on
        from app.domain.risk_query import LoanFilter, loan_facts, policy_of

        store = laptop.cadre
        plan: Plan = laptop.agenda.setdefault("plan", Plan())
        policy = policy_of(store)
        with store.read() as session:
            facts = loan_facts(session, date, LoanFilter(laptop.street))
            checked = set(session.execute(sa.select(UseCheck.loan_id)).scalars())
            anomalies = list(session.execute(sa.select(Anomaly.id, Anomaly.status, Anomaly.origin_node).where(
                Anomaly.status.notin_([AnomalyStatus.RESOLVED, AnomalyStatus.CLOSED]))).all())
        plan.visits.clear()
        plan.assessments.clear()
        for loan in facts:
            if loan.balance_fen <= 0 or loan.status in (LoanStatus.REPAID, LoanStatus.WRITTEN_OFF):
                continue
            if loan.household_id.int % share[1] != share[0]:
                continue
            plan.households[loan.loan_id] = loan.household_id
            due, _ = visit_due_on(loan, date, policy)
            plan.visits[loan.loan_id] = max(due, date)
            if loan.loan_id not in checked and ("check", loan.loan_id) not in plan.done:
                plan.checks.setdefault(loan.loan_id, max(date, loan.disbursed_on + dt.timedelta(
                    days=self.rng.randint(20, 60))))
            window = loan.matures_on - dt.timedelta(days=self.rng.randint(3, 28))
            if not loan.assessments and ("assess", loan.loan_id) not in plan.done and loan.matures_on >= date:
                plan.assessments[loan.loan_id] = max(window, date)
        for anomaly_id, status, origin in anomalies:
            if origin == laptop.node_id and anomaly_id not in plan.anomalies:
                following = {AnomalyStatus.REPORTED: AnomalyStatus.ACKNOWLEDGED,
                             AnomalyStatus.ACKNOWLEDGED: AnomalyStatus.MEASURES_TAKEN,
                             AnomalyStatus.MEASURES_TAKEN: AnomalyStatus.RESOLVED}[status]
                plan.anomalies[anomaly_id] = (following, date + dt.timedelta(days=self.rng.randint(1, 5)))

    def day(self, laptop: Laptop, date: dt.date) -> None:
        """Everything due today on this laptop."""
        plan: Plan | None = laptop.agenda.get("plan")
        if plan is None:
            return
        store = laptop.cadre
        for loan_id, due in sorted(plan.visits.items(), key=lambda item: item[1]):
            if due <= date:
                self.visit(laptop, plan, loan_id, date)
        for loan_id, due in list(plan.checks.items()):
            if due <= date:
                del plan.checks[loan_id]
                plan.done.add(("check", loan_id))
                self.use_check(laptop, plan, loan_id, date)
        for loan_id, due in list(plan.assessments.items()):
            if due <= date:
                del plan.assessments[loan_id]
                plan.done.add(("assess", loan_id))
                self.assess(laptop, plan, loan_id, date)
        for anomaly_id, (status, due) in list(plan.anomalies.items()):
            if due <= date:
                note = {AnomalyStatus.MEASURES_TAKEN: "已约谈并督促整改", AnomalyStatus.RESOLVED: "资金已回归生产用途"}
                advance_anomaly(store, anomaly_id, status, note.get(status, "已知悉"))
                following = {AnomalyStatus.ACKNOWLEDGED: AnomalyStatus.MEASURES_TAKEN,
                             AnomalyStatus.MEASURES_TAKEN: AnomalyStatus.RESOLVED}.get(status)
                if following is None:
                    del plan.anomalies[anomaly_id]
                else:
                    plan.anomalies[anomaly_id] = (following, date + dt.timedelta(days=self.rng.randint(3, 12)))
                self.tally.count("anomaly_steps")
        if self.rng.random() < 1 / 45:
            self.found_household(laptop, date)
        if self.rng.random() < 1 / 40 and plan.households:
            self.correct_phone(laptop, self.rng.choice(sorted(plan.households.values())), self.people.phone())

    def visit(self, laptop: Laptop, plan: Plan, loan_id: uuid.UUID, date: dt.date) -> None:
        values = {"visited_on": date, "visit_type": VisitType.ROUTINE, "visitors": "驻村干部", "people_met": "户主",
                  "business_status": BusinessStatus.NORMAL, "business_seen": "经营正常", "family_changes": "",
                  "income_estimate_fen": self.rng.randint(10, 60) * 100_000, "willingness": Willingness.WILLING,
                  "ability": RepaymentAbility.ABLE, "used_as_declared": True, "findings": "按合同用途使用，经营正常",
                  "follow_up": "", "next_visit_on": None, "household_confirmed": True}
        done = submit(laptop.cadre, RecordKind.VISIT, values, household_id=plan.households[loan_id], loan_id=loan_id,
                      today=date)
        self.tally.record(laptop.node_id, "visits", done.record_id)
        plan.visits[loan_id] = add_months(date, 12)

    def use_check(self, laptop: Laptop, plan: Plan, loan_id: uuid.UUID, date: dt.date) -> None:
        misuse = self.rng.random() < 0.1
        values = {"checked_on": date, "checked_by": "驻村干部", "declared_purpose": "生产经营",
                  "observed_use": "用于建房" if misuse else "按申报用途用于生产",
                  "prohibited_use": ProhibitedUse.HOUSING if misuse else ProhibitedUse.NONE,
                  "amount_misused_fen": 500_000 if misuse else 0,
                  "conclusion": UseConclusion.PARTLY if misuse else UseConclusion.COMPLIANT, "note": ""}
        try:
            done = submit(laptop.cadre, RecordKind.USE_CHECK, values, household_id=plan.households[loan_id],
                          loan_id=loan_id, today=date)
        except FieldbookError:
            self.tally.count("use_checks_refused")  # a loan smaller than the misuse, or just disbursed
            return
        self.tally.record(laptop.node_id, "use_checks", done.record_id)
        if done.anomaly_id is not None:
            self.tally.record(laptop.node_id, "anomalies", done.anomaly_id)
            plan.anomalies[done.anomaly_id] = (AnomalyStatus.ACKNOWLEDGED, date + dt.timedelta(days=2))

    def assess(self, laptop: Laptop, plan: Plan, loan_id: uuid.UUID, date: dt.date) -> None:
        able = self.rng.random() < 0.85
        values = {"assessed_on": date, "assessors": "驻村干部、银行客户经理",
                  "ability": RepaymentAbility.ABLE if able else RepaymentAbility.UNABLE,
                  "reason": "" if able else "经营困难，到期无力偿还",
                  "proposed_disposal": Disposal.REPAY if able else Disposal.EXTENSION, "decision": "",
                  "decided_by": "", "decided_on": None, "reported_to_finance_on": None}
        try:
            done = submit(laptop.cadre, RecordKind.MATURITY_ASSESSMENT, values,
                          household_id=plan.households[loan_id], loan_id=loan_id, today=date)
        except FieldbookError:
            self.tally.count("assessments_refused")  # outside the window after all (the plan was old news)
            return
        self.tally.record(laptop.node_id, "maturities", done.record_id)

    def found_household(self, laptop: Laptop, date: dt.date, row: list[Any] | None = None) -> None:
        """A household found in the field: a one-line roster imported on the laptop."""
        if row is None:
            row = roster_row(self.people.citizen_id(), self.people.name(), self.rng.choice(VILLAGES), laptop.street,
                             self.people.phone(), self.rng.randint(1, 5))
        path = write_sheet(self.folder / f"{laptop.name}-{date:%Y%m%d}-{uuid.uuid4().hex[:6]}.xlsx", ROSTER_HEADER,
                           [row])
        report = import_households(laptop.cadre, path, as_of=date)
        self.tally.count("households_found", report.counts["households"].added)

    def correct_phone(self, laptop: Laptop, household_id: uuid.UUID, phone: str) -> bool:
        """The cadre corrects a household's phone (at the hub: a proposal)."""
        with laptop.cadre.read() as session:
            household = session.get(Household, household_id)
            if household is None:
                return False
            values = {"head_name": household.head_name, "head_citizen_id": "", "phone": phone,
                      "group_name": household.group_name, "address": household.address, "note": household.note}
        save_household(laptop.cadre, household_id, values)
        self.tally.count("corrections")
        return True
