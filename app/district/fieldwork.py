"""The field work of the demo district, household by household, as the rules would have it since the plan began.

For each loan made or still running since :data:`FIELDWORK_FROM`: the pre-loan review (入户核实 and the credit
rating sheet whose grade and line the loan carries), the loan-use check a few weeks after disbursement (a few
finding misuse, which opens an anomaly report as :func:`app.domain.records.misuse_anomaly_values` says), routine
visits on the schedule of the rules (the first within ``first_visit_months`` of disbursement, then at least every
``visit_interval_months``; a few households fall behind, so the visit warnings have something to show), the
pre-maturity assessment inside the assessment window with its visit, anomaly reports of overdue loans and of
households back in poverty, each with its dated steps (the older ones closed), and the follow-up visits. Households
without a loan sometimes have a refused pre-loan review with the policy explanation given.

The rows are plain dicts for :meth:`app.db.audit.AuditLog.bulk_insert`; what the forms would derive (score, grade,
eligibility, days to maturity) is computed by the domain's own functions, and ``tests/unit/test_demo_records.py``
runs a sample of every kind through the forms' validators.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.district.generator import Generator, LoanPlan, Person, StatusChange
from app.district.reference import BANK_OFFICERS, BUSINESS_SEEN, DISTRICT_STAFF, FAMILY_CHANGES, FINDINGS, STREET_STAFF
from app.domain.loan_facts import LoanFacts
from app.domain.records import derived_values, misuse_anomaly_values
from app.domain.records.context import HouseholdFacts, MemberFacts, RecordContext
from app.domain.risk import RiskPolicy, add_months
from app.models.enums import (
    AnomalyKind,
    AnomalyStatus,
    BusinessStatus,
    CreditGrade,
    Disposal,
    OverallAssessment,
    PovertyStatus,
    ProhibitedUse,
    PurposeCategory,
    RecordKind,
    RepaymentAbility,
    Severity,
    UseConclusion,
    VisitType,
    Willingness,
)

#: the district plan (灞脱贫办发〔2018〕46号, 2018-12-25) is where the recorded field work starts
FIELDWORK_FROM = dt.date(2019, 1, 1)
#: the demo accounts that author the records (app.district.demo.DEMO_USERS)
CADRE, SUPERVISOR, BANKER, DISTRICT = "cadre", "supervisor", "banker", "district"
ONE_DAY = dt.timedelta(days=1)
#: Beijing time is UTC+8; records are made in office hours
_UTC_OFFSET = dt.timedelta(hours=8)

Sink = Callable[[str, dict[str, Any]], None]

_MISUSE = ((ProhibitedUse.CONSUMPTION, "购买家用轿车"), (ProhibitedUse.HOUSING, "翻修自住房屋"),
           (ProhibitedUse.WEALTH_MANAGEMENT, "购买理财产品"), (ProhibitedUse.LENT_ON, "借给亲戚周转"),
           (ProhibitedUse.CONSUMPTION, "操办子女婚事"))
_MISUSE_MEASURES = ("责令限期归还挪用资金，停止贴息，纳入重点回访。", "约谈借款人，资金已部分追回，继续跟踪。")
_CLOSING_NOTES = ("挪用资金已归还，恢复生产用途，经复查无异常。", "已按计划还款，风险消除。", "经会商研判处置完毕。")
_OVERDUE_KINDS = ((AnomalyKind.FAMILY_EVENT, "户主突发疾病住院，家庭收入中断，无力按期还款。"),
                  (AnomalyKind.BUSINESS_FAILURE, "经营项目亏损停产，贷款到期未能归还。"),
                  (AnomalyKind.UNREACHABLE, "借款人外出务工，多次联系未果，家属表示不知去向。"),
                  (AnomalyKind.OVERDUE, "贷款逾期，借款人表示收入不足，请求延期。"))
_INELIGIBLE = (("no_skills", "申请人缺乏项目所需技术，建议先参加技能培训"),
               ("cannot_repay", "家庭无稳定收入来源，暂无还款能力"),
               ("debt_ratio", "家庭负债率过高"), ("credit_bad", "征信记录有逾期未结清贷款"),
               ("too_old", "申请人年龄超过65周岁"))


def office_time(day: dt.date, hour: int) -> dt.datetime:
    """``hour`` o'clock Beijing time on ``day``, as the naive UTC the database keeps."""
    return dt.datetime(day.year, day.month, day.day, hour) - _UTC_OFFSET


@dataclass
class FieldCounts:
    misuse: int = 0
    behind: int = 0


class FieldWork:
    """Writes the field records of one household at a time into ``sink(table_kind, row)``."""

    def __init__(self, gen: Generator, sink: Sink, policy: RiskPolicy) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.as_of = gen.as_of
        self.sink = sink
        self.policy = policy
        self.counts = FieldCounts()
        # a label is a translation (a Qt call): look each one up once per run, not once per record
        self.purpose_labels = {category: category.label for category in PurposeCategory}
        #: the first loan maturing soon is left unassessed, so even a small demo shows the maturity warning
        self.unassessed_shown = False

    # -- shared columns ---------------------------------------------------------------------------------------
    def _record(self, table: str, day: dt.date, household: dict[str, Any], loan_id: uuid.UUID | None,
                author: str = CADRE, submitted: dt.date | None = None, **values: Any) -> dict[str, Any]:
        """A record about ``day``, submitted that day (or on ``submitted``, when it also holds later facts)."""
        rng = self.rng
        at = office_time(submitted or day, 9 + int(rng.random() * 9)) + dt.timedelta(minutes=int(rng.random() * 60))
        row = {"id": self.gen.new_id(), "household_id": household["id"], "loan_id": loan_id, "version": 1,
               "created_at": at, "updated_at": at, "created_by": author, "updated_by": author, **values}
        if (self.as_of - (submitted or day)).days > 20 and rng.random() < 0.85:
            signed = min((submitted or day) + dt.timedelta(days=1 + int(rng.random() * 14)), self.as_of - ONE_DAY)
            row["signed_off_by"], row["signed_off_at"] = SUPERVISOR, office_time(signed, 16)
        self.sink(table, row)
        return row

    def _visitors(self, household: dict[str, Any]) -> str:
        first, second = STREET_STAFF[household["street_code"]][0]
        return f"{first}、{second}" if self.rng.random() < 0.6 else first

    # -- a household -------------------------------------------------------------------------------------------
    def household(self, household: dict[str, Any], people: list[Person], plans: list[LoanPlan],
                  history: list[StatusChange]) -> None:
        if not plans:
            if self.rng.random() < 0.3:
                self._refused_review(household, people)
            return
        for plan in plans:
            self._loan(household, people, plan, history)

    def _loan(self, household: dict[str, Any], people: list[Person], plan: LoanPlan,
              history: list[StatusChange]) -> None:
        row = plan.row
        disbursed = row["disbursed_on"]
        end = plan.settled_on or self.as_of
        if end < FIELDWORK_FROM:
            return
        if disbursed >= FIELDWORK_FROM + dt.timedelta(days=45):
            self._review(household, people, plan)
        if disbursed >= FIELDWORK_FROM:
            self._use_check(household, plan)
        assessed = self._assessments(household, plan)
        self._visits(household, people, plan, assessed)
        if plan.stage == "overdue":
            self._overdue_anomaly(household, people, plan)
        returned = [on for status, on, _ in history if status is PovertyStatus.RETURNED]
        if returned and disbursed < returned[-1] <= end and self.rng.random() < 0.6:
            self._anomaly(household, people, plan, returned[-1], AnomalyKind.FAMILY_EVENT, Severity.MEDIUM,
                          "家庭成员患重病，因病返贫，生活困难。", closed_after=200)

    # -- pre-loan review -------------------------------------------------------------------------------------
    def _context(self, household: dict[str, Any], people: list[Person], day: dt.date,
                 loan: LoanFacts | None = None) -> RecordContext:
        members = tuple(MemberFacts(p.id or uuid.uuid4(), p.name, p.relation, p.citizen_id, p.birth, p.labour,
                                    index == 0) for index, p in enumerate(people))
        facts = HouseholdFacts(household["id"], household["street_code"], household["head_name"],
                               household["address"], household["phone"], household["poverty_status"], members, ())
        return RecordContext(day, facts, loan, age_min=self.gen.age_min, age_max=self.gen.age_max,
                             loan_cap_fen=self.gen.loan_cap_fen)

    def _sheet(self, people: list[Person], grade: CreditGrade) -> dict[str, Any]:
        """Credit sheet entries that give ``grade`` (the scores the cadre would have ticked)."""
        rng = self.rng
        size, workers = len(people), sum(1 for p in people if p.labour.value != "none")
        floor, top = {CreditGrade.AAA: (80, 95), CreditGrade.AA: (70, 79), CreditGrade.A: (60, 69)}[grade]
        base = {3: 8, 2: 7, 1: 5}[min(size, 3)] + {3: 8, 2: 7, 1: 3, 0: 0}[min(workers, 3)]
        target = rng.randint(floor, top)
        options = [(overall, points) for overall, points in (
            (OverallAssessment.EXCELLENT, 30), (OverallAssessment.GOOD, 25), (OverallAssessment.FAIR, 15))
            if 0 <= target - base - points <= 54]
        overall, points = options[int(rng.random() * len(options))] if options else (OverallAssessment.EXCELLENT, 30)
        rest = max(0, min(54, target - base - points))
        caps = [("total_assets_score", 13), ("net_assets_score", 13), ("share_capital_score", 4),
                ("net_income_score", 14), ("repayment_record_score", 10)]
        rng.shuffle(caps)
        values: dict[str, Any] = {"household_size": size, "labour_force": workers, "overall": overall}
        for index, (name, cap) in enumerate(caps):
            later = sum(c for _, c in caps[index + 1:])
            value = rest if index == len(caps) - 1 else rng.randint(max(0, rest - later), min(cap, rest))
            values[name] = value
            rest -= value
        return values

    def _review(self, household: dict[str, Any], people: list[Person], plan: LoanPlan) -> None:
        rng, row = self.rng, plan.row
        day = row["disbursed_on"] - dt.timedelta(days=rng.randint(10, 40))
        values: dict[str, Any] = {
            "reviewed_on": day, "reviewers": self._visitors(household), "applicant_id": plan.borrower.id,
            "home_verified": True, "verification_note": f"入户核实家庭人口{len(people)}人，住房、劳力与申报一致，"
                                                        f"{plan.project}项目场地已落实。",
            "registered_poor": True, "credit_good": True, "willing": True, "has_skills": True, "can_repay": True,
            "gambling_or_drugs": False, "debt_ratio_pct": rng.randint(0, 35), "unsettled_poverty_loan": False,
            "purpose_category": row["purpose_category"], "purpose_text": plan.project,
            "requested_fen": row["amount_fen"], "proposed_line_fen": row["credit_line_fen"],
            "policy_explanation": "", "explained_to": "", **self._sheet(people, plan.grade)}
        ctx = self._context(household, people, day)
        derived = derived_values(RecordKind.PRELOAN_REVIEW, values, ctx)
        if not derived["eligible"] or derived["grade"] is not plan.grade:
            return  # the sheet could not give this grade (a borrower on the age limit): no review on record
        self._record("preloan", day, household, None, **values, **derived)

    def _refused_review(self, household: dict[str, Any], people: list[Person]) -> None:
        rng = self.rng
        day = FIELDWORK_FROM + dt.timedelta(days=rng.randint(60, max(61, (self.as_of - FIELDWORK_FROM).days - 10)))
        if day > self.as_of:
            return
        code, why = _INELIGIBLE[int(rng.random() * len(_INELIGIBLE))]
        applicant = people[0]
        values: dict[str, Any] = {
            "reviewed_on": day, "reviewers": self._visitors(household), "applicant_id": applicant.id,
            "home_verified": True, "verification_note": f"入户核实家庭人口{len(people)}人，了解申请意向。",
            "registered_poor": True, "credit_good": code != "credit_bad", "willing": True,
            "has_skills": code != "no_skills", "can_repay": code != "cannot_repay", "gambling_or_drugs": False,
            "debt_ratio_pct": rng.randint(65, 90) if code == "debt_ratio" else rng.randint(0, 40),
            "unsettled_poverty_loan": False, "purpose_category": None, "purpose_text": "", "requested_fen": 0,
            "proposed_line_fen": 0, "explained_to": applicant.name,
            "policy_explanation": f"已向申请人解释扶贫小额信贷政策：{why}，暂不符合贷款条件；可通过产业帮扶、"
                                  f"公益性岗位等途径增收，条件具备后可再次申请。",
            **self._sheet(people, CreditGrade.A)}
        ctx = self._context(household, people, day)
        derived = derived_values(RecordKind.PRELOAN_REVIEW, values, ctx)
        if derived["eligible"]:
            return  # the reason did not hold for this household (e.g. too old, but the head is not)
        self._record("preloan", day, household, None, **values, **derived)

    # -- use check -------------------------------------------------------------------------------------------
    def _use_check(self, household: dict[str, Any], plan: LoanPlan) -> None:
        rng, row = self.rng, plan.row
        day = row["disbursed_on"] + dt.timedelta(days=rng.randint(20, 80))
        if day > min(self.as_of, plan.settled_on or self.as_of):
            return
        roll = rng.random()
        amount = row["amount_fen"]
        prohibited, misused, conclusion = ProhibitedUse.NONE, 0, UseConclusion.COMPLIANT
        observed = f"贷款{amount // 100:,}元用于{plan.project}，现场查看投入与申报一致，购销票据齐全。"
        if roll < 0.04:
            prohibited, what = _MISUSE[int(rng.random() * len(_MISUSE))]
            if roll < 0.01:
                misused, conclusion = amount, UseConclusion.MISUSED
                observed = f"贷款{amount // 100:,}元全部用于{what}，{plan.project}未开展。"
            else:
                misused = amount * rng.randint(20, 60) // 100 // 10_000 * 10_000 or 100_000
                conclusion = UseConclusion.PARTLY
                observed = f"贷款中{misused // 100:,}元用于{what}，其余用于{plan.project}。"
        values = {"checked_on": day, "checked_by": STREET_STAFF[household["street_code"]][0][0],
                  "declared_purpose": f"{self.purpose_labels[row['purpose_category']]}：{plan.project}",
                  "observed_use": observed,
                  "prohibited_use": prohibited, "amount_misused_fen": misused, "conclusion": conclusion,
                  "note": ""}
        check = self._record("use_check", day, household, row["id"], **values)
        if conclusion is not UseConclusion.COMPLIANT:
            self.counts.misuse += 1
            anomaly, note = misuse_anomaly_values(check, CADRE)
            del anomaly["household_id"], anomaly["loan_id"]
            closed_after = 150 if rng.random() < 0.7 else 10_000
            self._steps(self._record("anomaly", day, household, row["id"], **anomaly), note, closed_after,
                        measures=_MISUSE_MEASURES[int(rng.random() * 2)])

    # -- anomalies -------------------------------------------------------------------------------------------
    def _anomaly(self, household: dict[str, Any], people: list[Person], plan: LoanPlan, day: dt.date,
                 kind: AnomalyKind, severity: Severity, description: str, closed_after: int) -> None:
        if day > self.as_of:
            return
        measures = "街道、银行联合入户，了解困难并协调帮扶措施，纳入会商研判。"
        anomaly = self._record("anomaly", day, household, plan.row["id"], found_on=day, kind=kind,
                               severity=severity, description=description, measures=measures, assigned_to=CADRE,
                               status=AnomalyStatus.REPORTED, use_check_id=None)
        self._steps(anomaly, "", closed_after, measures)
        follow = day + dt.timedelta(days=self.rng.randint(7, 30))
        if follow <= self.as_of:
            self._visit(household, people, plan, follow, VisitType.ANOMALY_FOLLOW_UP, BusinessStatus.DIFFICULT)

    def _overdue_anomaly(self, household: dict[str, Any], people: list[Person], plan: LoanPlan) -> None:
        days = (self.as_of - plan.row["matures_on"]).days
        if days <= 20 or self.rng.random() >= 0.55:
            return
        kind, text = _OVERDUE_KINDS[int(self.rng.random() * len(_OVERDUE_KINDS))]
        found = plan.row["matures_on"] + dt.timedelta(days=self.rng.randint(3, min(20, days)))
        self._anomaly(household, people, plan, found, kind, Severity.HIGH if days > 90 else Severity.MEDIUM, text,
                      closed_after=100_000)

    def _steps(self, anomaly: dict[str, Any], first_note: str, closed_after: int, measures: str) -> None:
        """The report's steps up to where it stands on ``as_of``; its ``status`` is set to the last one."""
        rng, found = self.rng, anomaly["found_on"]
        age = (self.as_of - found).days
        plan = [(AnomalyStatus.REPORTED, 0, CADRE, first_note)]
        day = 0
        for status, low, high, actor, note in (
                (AnomalyStatus.ACKNOWLEDGED, 1, 4, CADRE, "已核实情况，报告街道。"),
                (AnomalyStatus.MEASURES_TAKEN, 5, 25, CADRE, measures),
                (AnomalyStatus.RESOLVED, 30, 120, CADRE, "整改完成。"),
                (AnomalyStatus.CLOSED, 3, 20, SUPERVISOR, _CLOSING_NOTES[int(rng.random() * 3)])):
            day += rng.randint(low, high)
            if day > age or (status is AnomalyStatus.RESOLVED and age < closed_after):
                break
            plan.append((status, day, actor, note))
        previous = None
        for status, offset, actor, note in plan:
            on = found + dt.timedelta(days=offset)
            at = office_time(on, 10 + int(rng.random() * 7))
            self.sink("anomaly_step", {"id": self.gen.new_id(), "anomaly_id": anomaly["id"], "from_status": previous,
                                       "to_status": status, "actor": actor, "at": at, "note": note,
                                       "created_at": at, "updated_at": at, "created_by": actor, "updated_by": actor})
            previous = status
        anomaly["status"] = previous

    # -- visits and assessments ------------------------------------------------------------------------------
    def _business(self, plan: LoanPlan, day: dt.date) -> BusinessStatus:
        if plan.stage == "overdue":
            late = (day - plan.row["matures_on"]).days
            if late > 120:
                return BusinessStatus.STOPPED
            if late > -90:
                return BusinessStatus.DIFFICULT
        if plan.stage == "extended" and (plan.original_matures - day).days < 90:
            return BusinessStatus.DIFFICULT
        return BusinessStatus.DIFFICULT if self.rng.random() < 0.04 else BusinessStatus.NORMAL

    def _visit(self, household: dict[str, Any], people: list[Person], plan: LoanPlan, day: dt.date,
               visit_type: VisitType, business: BusinessStatus | None = None) -> None:
        rng = self.rng
        business = business or self._business(plan, day)
        willing = {BusinessStatus.NORMAL: Willingness.WILLING,
                   BusinessStatus.DIFFICULT: Willingness.WILLING if rng.random() < 0.6 else Willingness.HESITANT,
                   BusinessStatus.STOPPED: Willingness.HESITANT if rng.random() < 0.7 else Willingness.UNWILLING
                   }[business]
        ability = {BusinessStatus.NORMAL: RepaymentAbility.ABLE, BusinessStatus.DIFFICULT: RepaymentAbility.PARTLY,
                   BusinessStatus.STOPPED: RepaymentAbility.UNABLE}[business]
        seen, found = BUSINESS_SEEN[business], FINDINGS[business]
        met = people[0].name if len(people) == 1 or rng.random() < 0.5 else f"{people[0].name}、{people[1].name}"
        self._record("visit", day, household, plan.row["id"], visited_on=day, visit_type=visit_type,
                     visitors=self._visitors(household), people_met=met, business_status=business,
                     business_seen=seen[int(rng.random() * len(seen))].format(project=plan.project),
                     family_changes=FAMILY_CHANGES[int(rng.random() * len(FAMILY_CHANGES))],
                     income_estimate_fen=rng.randint(12, 60) * (100_000 if business is BusinessStatus.NORMAL
                                                                else 30_000),
                     willingness=willing, ability=ability, used_as_declared=True,
                     findings=found[int(rng.random() * len(found))].format(project=plan.project),
                     follow_up="" if business is BusinessStatus.NORMAL else "一个月内再次回访，报告街道。",
                     next_visit_on=add_months(day, 1 if business is not BusinessStatus.NORMAL else 12),
                     household_confirmed=rng.random() < 0.93)

    def _visits(self, household: dict[str, Any], people: list[Person], plan: LoanPlan,
                assessed: list[dt.date]) -> None:
        rng, row = self.rng, plan.row
        disbursed = row["disbursed_on"]
        end = min(plan.settled_on or self.as_of, self.as_of)
        if disbursed >= FIELDWORK_FROM:
            day = disbursed + dt.timedelta(days=rng.randint(45, 175))  # within the first six months
        else:
            day = FIELDWORK_FROM + dt.timedelta(days=rng.randint(15, 150))
        stop = end
        if plan.settled_on is None and rng.random() < 0.06:  # this household fell behind schedule
            stop = self.as_of - dt.timedelta(days=rng.randint(380, 480))
            self.counts.behind += 1
        while day <= stop:
            if all(abs((day - other).days) > 20 for other in assessed):
                self._visit(household, people, plan, day, VisitType.ROUTINE)
            day += dt.timedelta(days=rng.randint(290, 355))

    def _assessments(self, household: dict[str, Any], plan: LoanPlan) -> list[dt.date]:
        """The pre-maturity assessments (with their visits); returns their days."""
        row, rng = plan.row, self.rng
        window = self.policy.maturity_assessment_days
        done: list[dt.date] = []
        maturities = [plan.original_matures]
        if row["matures_on"] != plan.original_matures:
            maturities.append(row["matures_on"])
        if plan.stage == "maturing" and not self.unassessed_shown:
            self.unassessed_shown = True
            return done
        for matures in maturities:
            day = matures - dt.timedelta(days=rng.randint(3, window - 2))
            if day < FIELDWORK_FROM or day < row["disbursed_on"]:
                continue
            if day > self.as_of:
                extension = plan.stage == "extended" and matures == plan.original_matures  # extended at it
                if (matures - self.as_of).days > window or (rng.random() < 0.35 and not extension):
                    continue  # not yet: the maturity warning shows it
                day = self.as_of - dt.timedelta(days=rng.randint(0, max(0, window - (matures - self.as_of).days)))
            if plan.settled_on is not None and day > plan.settled_on:
                continue
            self._assessment(household, plan, day, matures)
            done.append(day)
            if matures == plan.original_matures:
                plan.assessed_on = day
        return done

    def _assessment(self, household: dict[str, Any], plan: LoanPlan, day: dt.date, matures: dt.date) -> None:
        rng, row = self.rng, plan.row
        extension = plan.stage == "extended" and matures == plan.original_matures
        if extension:
            ability, disposal = RepaymentAbility.PARTLY, Disposal.EXTENSION
            reason = f"{plan.project}受市场影响回款推迟，预计{row['extended_months']}个月内可筹足本金。"
        elif plan.stage == "overdue":
            ability = RepaymentAbility.UNABLE if rng.random() < 0.6 else RepaymentAbility.PARTLY
            disposal = (Disposal.RESCHEDULE if row["term_months"] < 36 else Disposal.EXTENSION) \
                if ability is RepaymentAbility.PARTLY else Disposal.COMPENSATION_CLAIM
            reason = "经营困难，到期无力足额还款。"
        else:
            ability, disposal, reason = RepaymentAbility.ABLE, Disposal.REPAY, ""
        officer = BANK_OFFICERS[plan.bank_code]
        decided = day + dt.timedelta(days=rng.randint(1, 6))
        values: dict[str, Any] = {
            "assessed_on": day, "assessors": f"{officer}、{STREET_STAFF[household['street_code']][0][0]}",
            "ability": ability, "reason": reason, "proposed_disposal": disposal, "decision": "", "decided_by": "",
            "decided_on": None, "reported_to_finance_on": None}
        if decided <= self.as_of and (disposal is not Disposal.REPAY or rng.random() < 0.5):
            values.update(decision={Disposal.REPAY: "到期正常还款",
                                    Disposal.EXTENSION: f"同意展期{row['extended_months'] or 6}个月"}.get(
                disposal, "提交会商研判"), decided_by=officer if disposal is Disposal.REPAY else DISTRICT_STAFF[0],
                decided_on=decided)
            reported = decided + dt.timedelta(days=rng.randint(1, 10))
            if disposal is not Disposal.REPAY and reported <= self.as_of:
                values["reported_to_finance_on"] = reported
        loan = LoanFacts(row["contract_no"], row["disbursed_on"], matures, row["term_months"], row["amount_fen"],
                         row["balance_fen"], row["id"], household["id"])
        ctx = RecordContext(day, HouseholdFacts(household["id"], household["street_code"], "", "", "",
                                                household["poverty_status"], (), (loan,)), loan)
        submitted = values["reported_to_finance_on"] or values["decided_on"] or day
        self._record("maturity", day, household, row["id"], author=BANKER, submitted=submitted, **values,
                     **derived_values(RecordKind.MATURITY_ASSESSMENT, values, ctx))
        if day <= self.as_of:
            self._visit(household, [plan.borrower], plan, day, VisitType.PRE_MATURITY)

