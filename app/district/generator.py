"""The households, people and loans of the demo district (:class:`Generator`, one per run).

Households with common Chinese names and valid citizen IDs (GB 11643, address 610111, real birth dates, sex from
the 17th digit), members with relations, dated poverty-status history, and loans at every stage relative to
``as_of``: current, maturing within 30 days, overdue long enough to reach every five-class bucket, repaid,
extended, and a few enterprise-use (户贷企用) stock loans made before the cutoff. A loan's credit grade and line
follow the credit rating sheet of the pre-loan review (:data:`app.domain.records.CREDIT_SHEET`).

Conventions the other layers can rely on:
- ``overdue_since`` is the first day a loan is overdue (the day after ``matures_on``); days past due on a
  date ``d`` are ``(d - matures_on).days``; the risk class follows the thresholds in :mod:`app.settings`;
- ``matures_on == add_months(disbursed_on, term_months + extended_months)``;
- amounts are integer fen, an overdue loan's whole remaining principal is overdue (bullet repayment).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from app import settings
from app.district.reference import (
    AMOUNT_PICK,
    BANK_PICK,
    ENTERPRISE_USE_FROM,
    ENTERPRISES,
    FEMALE_GIVEN,
    GRADE_PICK,
    ID_CHECK,
    ID_WEIGHTS,
    MALE_GIVEN,
    MOBILE_PREFIXES,
    OVERDUE_RANGE_PICK,
    PURPOSE_PICK,
    SEQ_WEIGHTS,
    SHOWCASE,
    SIZE_PICK,
    STAGE_PICK,
    STEM_WEIGHTS,
    SURNAME_PICK,
    TERM_PICK,
    DemoBank,
    SequentialIds,
)
from app.domain.loan_history import encode
from app.domain.records import CREDIT_SHEET
from app.domain.risk import RiskPolicy, add_months
from app.models.enums import CreditGrade, LabourCapacity, LoanEventKind, LoanStatus, PovertyStatus, RiskClass, UseMode
from app.models.places import DISTRICT_CODE

StatusChange = tuple[PovertyStatus, dt.date, str]
CLASS_ORDER = (RiskClass.NORMAL, RiskClass.SPECIAL_MENTION, RiskClass.SUBSTANDARD, RiskClass.DOUBTFUL, RiskClass.LOSS)


# -- people ---------------------------------------------------------------------------------------------------
@dataclass
class Person:
    name: str
    relation: str
    male: bool
    birth: dt.date
    citizen_id: str = ""
    phone: str = ""
    labour: LabourCapacity = LabourCapacity.FULL
    id: uuid.UUID | None = None


def _generation(birth_year: int) -> str:
    return "old" if birth_year < 1970 else "mid" if birth_year < 1990 else "young"


class Generator:
    """Builds rows for one run; keeps the sets that guarantee uniqueness against what the node holds."""

    def __init__(self, rng: random.Random, as_of: dt.date, used_ids: set[str], used_contracts: set[tuple[str, str]],
                 risk_days: tuple[int, int, int, int], policy: RiskPolicy | None = None,
                 age_limits: tuple[int, int] = (settings.BORROWER_AGE_MIN.default,
                                                settings.BORROWER_AGE_MAX.default)) -> None:
        self.rng = rng
        self.as_of = as_of
        self.used_ids = used_ids
        self.used_contracts = used_contracts
        self.special_from, self.substandard_from, self.doubtful_from, self.loss_from = risk_days
        self.contract_serial: dict[str, int] = {}
        self.loan_index = 0
        policy = policy or RiskPolicy()
        self.cutoff = policy.enterprise_use_cutoff
        self.loan_cap_fen = policy.loan_cap_fen
        self.age_min, self.age_max = age_limits
        self._ordinal_today = as_of.toordinal()
        self.new_id = SequentialIds()

    # -- names, IDs and phones ---------------------------------------------------------------------------
    def given_name(self, male: bool, birth_year: int) -> str:
        pool = (MALE_GIVEN if male else FEMALE_GIVEN)[_generation(birth_year)]
        return pool[int(self.rng.random() * len(pool))]

    def birth_date(self, age: int) -> dt.date:
        """A real date on which someone is ``age`` years old on as_of."""
        latest = self._ordinal_today - age * 365 - age // 4
        return dt.date.fromordinal(latest - int(self.rng.random() * 364))

    def citizen_id(self, birth: dt.date, male: bool) -> str:
        """A valid, unused 18-character ID: 610111 + birth date + sequence (odd for men) + check character."""
        stem = f"{DISTRICT_CODE}{birth.year:04d}{birth.month:02d}{birth.day:02d}"  # no strftime: it imports
        partial = STEM_WEIGHTS.get(stem)
        if partial is None:
            partial = STEM_WEIGHTS[stem] = sum(int(d) * w for d, w in zip(stem, ID_WEIGHTS, strict=False))
        seq = int(self.rng.random() * 500) * 2 + (1 if male else 0)
        for _ in range(500):
            number = f"{stem}{seq:03d}" + ID_CHECK[(partial + SEQ_WEIGHTS[seq]) % 11]
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
            seq = (seq + 2) % 1000
        raise RuntimeError(f"no free citizen ID sequence left for {birth}")  # 500 people born the same day

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{int(self.rng.random() * 100_000_000):08d}"

    def person(self, surname: str, relation: str, male: bool, age: int) -> Person:
        birth = self.birth_date(max(age, 0))
        person = Person(surname + self.given_name(male, birth.year), relation, male, birth, id=self.new_id())
        person.citizen_id = self.citizen_id(birth, male)
        if age >= 18 and self.rng.random() < (0.95 if age < 60 else 0.6):
            person.phone = self.phone()
        if age < 16 or age >= 75:
            person.labour = LabourCapacity.NONE
        elif age >= 60 or self.rng.random() < 0.12:  # older, or ill or disabled (a common cause of poverty)
            person.labour = LabourCapacity.PARTIAL if self.rng.random() < 0.8 else LabourCapacity.NONE
        return person

    def family(self) -> list[Person]:
        rng = self.rng
        size = SIZE_PICK.pick(rng)
        head_male = rng.random() < 0.85
        head_age = rng.randint(26, 76)
        surname = SURNAME_PICK.pick(rng)
        head = self.person(surname, "户主", head_male, head_age)
        people = [head]
        child_surname = surname
        if size >= 2 and rng.random() < 0.9:
            spouse_surname = SURNAME_PICK.pick(rng)
            spouse_age = max(20, head_age + rng.randint(-5, 5) + (-2 if head_male else 2))
            people.append(self.person(spouse_surname, "配偶", not head_male, spouse_age))
            if not head_male:
                child_surname = spouse_surname
        if len(people) < size and head_age <= 55 and rng.random() < 0.45:
            father_age, mother_age = head_age + rng.randint(22, 34), head_age + rng.randint(20, 30)
            if rng.random() < 0.5 and father_age <= 92:
                people.append(self.person(surname, "之父", True, father_age))
            if len(people) < size and mother_age <= 94:
                people.append(self.person(SURNAME_PICK.pick(rng), "之母", False, mother_age))
        children = 0
        while len(people) < size and children < 3 and head_age >= 22:
            male = rng.random() < 0.52
            age = max(0, head_age - rng.randint(21, 36))
            people.append(self.person(child_surname, "之子" if male else "之女", male, age))
            children += 1
        while len(people) < size and head_age >= 48:
            male = rng.random() < 0.52
            age = max(0, head_age - rng.randint(44, 60))
            people.append(self.person(child_surname, "之孙子" if male else "之孙女", male, age))
        return people

    # -- poverty status ---------------------------------------------------------------------------------
    def poverty_history(self) -> list[StatusChange]:
        rng = self.rng
        registered = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randint(0, 940))
        history = [(PovertyStatus.REGISTERED, registered, "建档立卡")]
        roll = rng.random()
        if roll < 0.30:
            return self._until_today(history)
        exited = min(registered + dt.timedelta(days=rng.randint(300, 1800)), dt.date(2020, 11, 30))
        exited = max(exited, registered + dt.timedelta(days=180))
        history.append((PovertyStatus.EXITED, exited, "达到脱贫标准，验收退出"))
        if roll < 0.85:
            return self._until_today(history)
        later = dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 1500))
        if roll < 0.90:
            history.append((PovertyStatus.RETURNED, later, "因病返贫"))
        else:
            history.append((PovertyStatus.MONITORED, later, "纳入防返贫动态监测"))
        return self._until_today(history)

    def _until_today(self, history: list[StatusChange]) -> list[StatusChange]:
        return [entry for entry in history if entry[1] <= self.as_of] or history[:1]

    # -- loans --------------------------------------------------------------------------------------------
    def stage(self) -> tuple[str, int]:
        """Stage of the next latest loan; the showcase advances only when its loan was made (``made``)."""
        if self.loan_index < len(SHOWCASE):
            return SHOWCASE[self.loan_index]
        stage, days = STAGE_PICK.pick(self.rng)
        if stage == "overdue_random":
            lo, hi = OVERDUE_RANGE_PICK.pick(self.rng)
            return "overdue", self.rng.randint(lo, hi)
        return stage, days

    def contract_no(self, bank: DemoBank, year: int) -> str:
        serial = self.contract_serial.get(bank.code, 0)
        while True:
            serial += 1
            number = f"{bank.contract_prefix}-{year}-{serial:06d}"
            if (bank.code, number) not in self.used_contracts:
                self.used_contracts.add((bank.code, number))
                self.contract_serial[bank.code] = serial
                return number

    def risk(self, days_overdue: int) -> RiskClass:
        if days_overdue >= self.loss_from:
            return RiskClass.LOSS
        if days_overdue >= self.doubtful_from:
            return RiskClass.DOUBTFUL
        if days_overdue >= self.substandard_from:
            return RiskClass.SUBSTANDARD
        if days_overdue >= self.special_from:
            return RiskClass.SPECIAL_MENTION
        return RiskClass.NORMAL

    def risk_entered_on(self, risk: RiskClass, matures_on: dt.date) -> dt.date:
        threshold = {RiskClass.SPECIAL_MENTION: self.special_from, RiskClass.SUBSTANDARD: self.substandard_from,
                     RiskClass.DOUBTFUL: self.doubtful_from, RiskClass.LOSS: self.loss_from}[risk]
        return min(self.as_of, matures_on + dt.timedelta(days=threshold))

    def dates_for(self, stage: str, days: int, term: int) -> tuple[dt.date, dt.date, int] | None:
        """(disbursed_on, matures_on, extended_months) meeting the stage relative to as_of, or None."""
        rng, today = self.rng, self.as_of
        for _ in range(20):
            extended = 0
            if stage == "current":
                span = (add_months(today, term) - today).days
                target = today + dt.timedelta(days=rng.randint(31, max(31, span - 2)))
            elif stage == "maturing":
                target = today + dt.timedelta(days=rng.randint(0, 30))
            elif stage == "overdue":
                target = today - dt.timedelta(days=days)
            elif stage == "repaid":
                target = today - dt.timedelta(days=rng.randint(1, 1500))
            elif stage == "extended":
                extended = rng.choice((6, 12)) if term <= 24 else rng.choice((6, 12, 18))
                extended = min(extended, term if term <= 12 else term // 2)
                span = (add_months(today, extended) - today).days
                target = today + dt.timedelta(days=rng.randint(1, max(1, span - 2)))
            else:
                raise ValueError(stage)
            disbursed = add_months(target, -(term + extended))
            matures = add_months(disbursed, term + extended)
            original = add_months(disbursed, term)
            remaining = (matures - today).days
            if disbursed < dt.date(2015, 1, 1) or disbursed > today:
                continue
            fits = {
                "current": remaining > 30,
                "maturing": 0 <= remaining <= 30,
                "overdue": remaining < 0,
                "repaid": remaining < 0,
                # extended at the pre-maturity assessment (≤ 30 days before the original maturity), still running
                "extended": remaining > 0 and (original - today).days <= 30,
            }[stage]
            if fits:
                return disbursed, matures, extended
        return None

    def loan(self, household: dict[str, Any], borrower: Person, stage: str, days: int, bank_ids: dict[str, uuid.UUID],
             before: dt.date | None = None) -> LoanPlan | None:
        rng = self.rng
        enterprise = stage == "enterprise"
        if enterprise:
            term, extended = 36, 0
            disbursed = ENTERPRISE_USE_FROM + dt.timedelta(
                days=rng.randint(0, (self.cutoff - ENTERPRISE_USE_FROM).days - 1))
            matures = add_months(disbursed, term)
            if disbursed > self.as_of or (before is not None and matures >= before):
                return None
            remaining = (matures - self.as_of).days
            if remaining >= 0:
                stage = "current" if remaining > 30 else "maturing"
            elif rng.random() < 0.15:  # the entrusted enterprise failed: a loss that is still on the books
                stage, days = "overdue", -remaining
            else:
                stage = "repaid"
        else:
            term = TERM_PICK.pick(rng)
            if before is not None:  # an earlier loan of the household, repaid before the latest one was made
                span = (before - dt.date(2015, 6, 1)).days - term * 31
                if span <= 0:
                    return None
                disbursed = dt.date(2015, 6, 1) + dt.timedelta(days=rng.randint(0, span))
                matures, extended = add_months(disbursed, term), 0
                if matures >= before or matures >= self.as_of:
                    return None
            else:
                dates = self.dates_for(stage, days, term)
                if dates is None:
                    return None
                disbursed, matures, extended = dates
                if stage == "overdue":
                    days = (self.as_of - matures).days
        age = (disbursed - borrower.birth).days // 365
        if not 19 <= age <= 64:  # 18–65 on the day of the pre-loan review a few weeks earlier too
            return None
        grade = GRADE_PICK.pick(rng)
        line = CREDIT_SHEET.line_fen(grade, self.loan_cap_fen)
        amount = min(AMOUNT_PICK.pick(rng) * 100, line)
        rate = 435 if term <= 12 else 475
        bank = BANK_PICK.pick(rng)
        category, _, projects = PURPOSE_PICK.pick(rng)
        project = projects[int(rng.random() * len(projects))]
        loan_id = self.new_id()
        repayments: list[dict[str, Any]] = []
        yearly_interest = amount * rate // 10_000

        def pay(on: dt.date, principal: int, interest: int, note: str) -> None:
            repayments.append({"id": self.new_id(), "loan_id": loan_id, "paid_on": on, "principal_fen": principal,
                               "interest_fen": interest, "note": note})

        # interest is paid yearly on the anniversary while the loan is not overdue; principal at maturity
        last_paid = disbursed
        anniversary = 12
        end = min(self.as_of, matures) if stage != "repaid" else matures
        while (on := add_months(disbursed, anniversary)) < end:
            pay(on, 0, yearly_interest, "按年结息")
            last_paid, anniversary = on, anniversary + 12
        principal_paid = 0
        status = LoanStatus.ACTIVE
        overdue_fen = interest_arrears = 0
        overdue_since = settled_on = None
        risk, risk_on, risk_reason = RiskClass.NORMAL, disbursed, ""
        if stage == "repaid":
            final_on = matures - dt.timedelta(days=rng.randint(0, 20))
            final_on = max(final_on, last_paid)
            if rng.random() < 0.25 and (final_on - disbursed).days > 120:  # a part repaid early
                part = amount // (rng.choice((2, 4, 5)) * 100) * 100
                on = disbursed + dt.timedelta(days=rng.randint(60, (final_on - disbursed).days - 30))
                pay(on, part, 0, "提前部分还本")
                principal_paid = part
            interest = (amount - principal_paid) * rate * max(1, (final_on - last_paid).days) // 3_650_000
            pay(final_on, amount - principal_paid, interest, "到期结清")
            principal_paid, settled_on = amount, final_on
            status = LoanStatus.REPAID
        elif stage == "overdue":
            if rng.random() < 0.3 and (matures - disbursed).days > 120:
                part = amount // (rng.choice((4, 5, 10)) * 100) * 100
                on = matures - dt.timedelta(days=rng.randint(1, 60))
                pay(on, part, 0, "部分还本")
                principal_paid = part
            status = LoanStatus.OVERDUE
            overdue_since = matures + dt.timedelta(days=1)
            overdue_fen = amount - principal_paid
            interest_arrears = overdue_fen * rate * max(days, (self.as_of - last_paid).days) // 3_650_000
            risk = self.risk(days)
            risk_on = self.risk_entered_on(risk, matures)
            risk_reason = f"逾期{days}天"
        elif extended:
            status = LoanStatus.EXTENDED
        events = self._history(loan_id, stage, status, settled_on, overdue_since, overdue_fen, interest_arrears,
                               risk, risk_on, disbursed)
        interest_paid = sum(r["interest_fen"] for r in repayments)
        row = {
            "id": loan_id, "bank_id": bank_ids[bank.code], "contract_no": self.contract_no(bank, disbursed.year),
            "household_id": household["id"], "borrower_id": borrower.id, "borrower_name": borrower.name,
            "borrower_citizen_id": borrower.citizen_id, "street_code": household["street_code"],
            "amount_fen": amount, "disbursed_on": disbursed, "term_months": term, "matures_on": matures,
            "rate_bp": rate, "purpose_category": category,
            "purpose_text": f"委托{rng.choice(ENTERPRISES)}经营（{project}）" if enterprise else project,
            "use_mode": UseMode.ENTERPRISE if enterprise else UseMode.HOUSEHOLD, "enterprise_id": None,
            "credit_grade": grade, "credit_line_fen": line, "balance_fen": amount - principal_paid,
            "overdue_fen": overdue_fen, "overdue_since": overdue_since, "interest_arrears_fen": interest_arrears,
            "risk_class": risk, "risk_class_on": risk_on, "risk_class_reason": risk_reason,
            # full interest subsidy for registered households while the loan is not overdue
            "subsidy_claimed_fen": interest_paid,
            "subsidy_paid_fen": sum(r["interest_fen"] for r in repayments
                                    if (self.as_of - r["paid_on"]).days > 90),
            "extended_months": extended, "status": status,
        }
        return LoanPlan(row, repayments, stage, enterprise, add_months(disbursed, term), settled_on, project,
                        borrower, grade, bank.code, events)

    def event(self, loan_id: uuid.UUID, on: dt.date, kind: LoanEventKind, changes: dict[str, list[Any]],
              source: str = "demo", disposal_id: uuid.UUID | None = None, note: str = "") -> dict[str, Any]:
        """A loan event row (app/domain/loan_history.py): ``changes`` is {field: [before, after]}, values encoded
        as the event's JSON holds them."""
        return {"id": self.new_id(), "loan_id": loan_id, "happened_on": on, "kind": kind,
                "changes": json.dumps({name: [encode(a), encode(b)] for name, (a, b) in changes.items()},
                                      ensure_ascii=False, sort_keys=True),
                "disposal_id": disposal_id, "source": source, "note": note}

    def _history(self, loan_id: uuid.UUID, stage: str, status: LoanStatus, settled_on: dt.date | None,
                 overdue_since: dt.date | None, overdue_fen: int, arrears: int, risk: RiskClass, risk_on: dt.date,
                 disbursed: dt.date) -> list[dict[str, Any]]:
        """The loan's state changes as the application records them, so every earlier day replays as it was: a
        settled loan's last repayment (``settled``, as ``record_repayment`` records it), and an overdue loan's
        fall (``overdue``) and each five-class step the bank's monthly list stated on the day its threshold was
        reached, the last one with the interest arrears. Extensions and compensations are the disposals' events
        (:mod:`app.district.disposals`)."""
        if stage == "repaid" and settled_on is not None:
            return [self.event(loan_id, settled_on, LoanEventKind.SETTLED,
                               {"status": [LoanStatus.ACTIVE, LoanStatus.REPAID]}, source="statement")]
        if status is not LoanStatus.OVERDUE or overdue_since is None:
            return []
        days: dict[dt.date, tuple[LoanEventKind, dict[str, list[Any]]]] = {
            overdue_since: (LoanEventKind.OVERDUE, {"status": [LoanStatus.ACTIVE, LoanStatus.OVERDUE],
                                                    "overdue_since": [None, overdue_since],
                                                    "overdue_fen": [0, overdue_fen]})}
        before, before_on = RiskClass.NORMAL, disbursed
        steps = ((RiskClass.SPECIAL_MENTION, self.special_from), (RiskClass.SUBSTANDARD, self.substandard_from),
                 (RiskClass.DOUBTFUL, self.doubtful_from), (RiskClass.LOSS, self.loss_from))
        for step, threshold in steps:
            if CLASS_ORDER.index(step) > CLASS_ORDER.index(risk):
                break
            on = risk_on if step is risk else overdue_since + dt.timedelta(days=threshold - 1)
            kind, changes = days.get(on, (LoanEventKind.STATED, {}))
            changes.update(risk_class=[before, step], risk_class_on=[before_on, on])
            days[on] = (kind, changes)
            before, before_on = step, on
        last = max(days)
        if arrears:
            days[last][1]["interest_arrears_fen"] = [0, arrears]
        return [self.event(loan_id, on, kind, changes) for on, (kind, changes) in sorted(days.items())]


@dataclass(slots=True)
class LoanPlan:
    """A generated loan with what the field records about it need to know besides its row."""

    row: dict[str, Any]
    repayments: list[dict[str, Any]]
    #: current / maturing / overdue / repaid / extended (an enterprise-use loan is one of these too)
    stage: str
    enterprise: bool
    #: the maturity before any extension
    original_matures: dt.date
    #: the day the last principal was repaid (repaid loans)
    settled_on: dt.date | None
    project: str
    borrower: Person
    grade: CreditGrade
    bank_code: str
    #: its state changes (loan events) up to the disposals' own
    events: list[dict[str, Any]] = field(default_factory=list)
    #: the pre-maturity assessment of the original maturity, once the field work has made it
    assessed_on: dt.date | None = None
