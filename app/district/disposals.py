"""Classified disposal (分类处置) and joint reviews (会商研判) in the demo district.

Every extended loan was extended by an executed extension: proposed by the bank after its pre-maturity
assessment, approved by district staff and executed before the original maturity. About half the overdue loans
have a proposal, in every status: recent ones proposed or approved, some rejected or withdrawn, and for the long
overdue ones legal action filed or a compensation claim executed (the loan is then compensated from the fund,
:mod:`app.district.programs` pays it). Each proposal passes :func:`app.domain.risk_disposal.check_terms` on the day
it was made, as the workflow would check it. Quarterly joint reviews decide on the overdue loans of their day: some
proposals are made at a meeting (and name it), other loans are left to monitoring.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from app.district.fieldwork import BANKER, DISTRICT, FIELDWORK_FROM, office_time
from app.district.generator import Generator, LoanPlan
from app.district.reference import BANK_OFFICERS, DISTRICT_STAFF, STREET_STAFF
from app.domain.loan_facts import LoanFacts
from app.domain.risk import RiskPolicy, add_months
from app.domain.risk_disposal import DisposalTerms, PolicyLimitError, check_terms
from app.models.enums import Disposal, LoanEventKind, LoanStatus
from app.models.places import BAQIAO_STREETS
from app.models.risk import DisposalStatus

Sink = Callable[[str, dict[str, Any]], None]

_REASONS = {
    Disposal.RESCHEDULE: "经营收入季节性回款，申请调整还款计划。",
    Disposal.RENEWAL_WITHOUT_PRINCIPAL: "经营正常但资金周转困难，按期付息，申请无还本续贷。",
    Disposal.EXTENSION: "受灾减产，到期无法足额还本，申请展期。",
    Disposal.TOP_UP: "扩大生产后资金不足，申请追加贷款。",
    Disposal.COMPENSATION_CLAIM: "借款人丧失还款能力，逾期超过一百八十天，申请风险补偿金代偿。",
    Disposal.LEGAL_ACTION: "借款人有还款能力但拒不还款，依法起诉。",
}
_RECOVERY = ("电话催收十余次，上门催收三次，发出书面催收函。", "多次上门催收，联系担保人，向法院申请支付令。",
             "电话及上门催收，村委会协助调解，借款人仍无力偿还。")
_LOSS_BASIS = ("会商研判认定借款人丧失还款能力", "借款人因病去世，无可执行财产", "法院裁定终结执行")
_REJECTIONS = ("还款来源不落实，不同意。", "经会商，先督促借款人筹款还息，暂不处置。", "材料不全，退回补充。")
STREET_NAMES = dict(BAQIAO_STREETS)


def quarter_meetings(as_of: dt.date) -> list[dt.date]:
    """The days of the quarterly joint reviews up to ``as_of`` (the third Thursday of the quarter's last month)."""
    days = []
    for year in range(FIELDWORK_FROM.year, as_of.year + 1):
        for month in (3, 6, 9, 12):
            first = dt.date(year, month, 1)
            day = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)
            if FIELDWORK_FROM <= day <= as_of:
                days.append(day)
    return days


class Disposals:
    """Writes the disposal proposals, joint reviews and their decisions of each loan into ``sink(kind, row)``."""

    def __init__(self, gen: Generator, sink: Sink, policy: RiskPolicy, street: str | None) -> None:
        self.gen, self.rng, self.as_of, self.sink, self.policy = gen, gen.rng, gen.as_of, sink, policy
        self.street = street
        self.meeting_days = quarter_meetings(gen.as_of)
        self.meetings: dict[dt.date, uuid.UUID] = {}
        self.positions: dict[uuid.UUID, int] = {}
        self.count = 0
        # the first overdue loans of a run show every outcome, so even a small demo has each status:
        # (shortest days overdue, kind or None for the usual choice, the roll that decides the outcome)
        self.showcase: list[tuple[int, Disposal | None, float]] = [
            (361, Disposal.COMPENSATION_CLAIM, 0.1), (91, Disposal.LEGAL_ACTION, 0.6),
            (181, Disposal.LEGAL_ACTION, 0.9), (10, None, 0.1),
            (10, None, 0.4), (10, None, 0.6), (10, None, 0.9)]
        self._forced: tuple[int, Disposal | None, float] | None = None

    def loan(self, household: dict[str, Any], plan: LoanPlan, assessed_on: dt.date | None) -> None:
        if plan.stage == "extended":
            self._extension(plan, assessed_on)
        elif plan.stage == "overdue" and (self._shown(plan) or self.rng.random() < 0.5):
            self._overdue(plan)
        elif plan.stage == "overdue" and self.rng.random() < 0.5:
            self._monitor(plan)

    def _shown(self, plan: LoanPlan) -> bool:
        """Whether this loan takes the next showcase outcome (see ``showcase``)."""
        days = (self.as_of - plan.row["matures_on"]).days
        fits = [entry for entry in self.showcase if days >= entry[0] and (entry[0] > 90 or days <= 80)]
        self._forced = fits[0] if fits else None
        return self._forced is not None

    # -- the facts a proposal is checked against ----------------------------------------------------------------
    def _facts(self, plan: LoanPlan, extended: bool) -> LoanFacts:
        row = plan.row
        matures = row["matures_on"] if extended else plan.original_matures
        overdue = plan.stage == "overdue"
        return LoanFacts(row["contract_no"], row["disbursed_on"], matures, row["term_months"], row["amount_fen"],
                         row["balance_fen"], row["id"], row["household_id"],
                         extended_months=row["extended_months"] if extended else 0,
                         overdue_since=row["overdue_since"] if overdue else None,
                         status=LoanStatus.OVERDUE if overdue else LoanStatus.ACTIVE)

    def _propose(self, plan: LoanPlan, terms: DisposalTerms, on: dt.date, facts: LoanFacts) -> dict[str, Any] | None:
        try:
            check_terms(facts, terms, on, self.policy, facts.balance_fen)
        except PolicyLimitError:
            return None
        row = plan.row
        new_matures = {Disposal.EXTENSION: add_months(facts.matures_on, terms.extension_months or 0),
                       Disposal.RESCHEDULE: terms.new_matures_on,
                       Disposal.RENEWAL_WITHOUT_PRINCIPAL: terms.new_matures_on}.get(terms.kind)
        at = office_time(on, 10)
        return {"id": self.gen.new_id(), "loan_id": row["id"], "household_id": row["household_id"],
                "kind": terms.kind, "status": DisposalStatus.PROPOSED, "reason": _REASONS[terms.kind],
                "new_matures_on": new_matures, "extension_months": terms.extension_months,
                "top_up_fen": terms.top_up_fen, "claim_fen": terms.claim_fen, "terms_note": terms.note,
                "matures_on_before": facts.matures_on, "balance_before_fen": facts.balance_fen, "proposed_on": on,
                "proposed_by": BANKER, "decided_on": None, "decided_by": "", "decision_note": "",
                "executed_on": None, "executed_by": "", "execution_note": "", "joint_review_id": None,
                "reported_to_finance_on": None, "recovery_effort": terms.recovery_effort,
                "loss_confirmed_on": terms.loss_confirmed_on, "loss_basis": terms.loss_basis, "created_at": at,
                "updated_at": at, "created_by": BANKER, "updated_by": BANKER}

    def _decide(self, proposal: dict[str, Any], approve: bool, on: dt.date, note: str = "") -> bool:
        if on > self.as_of:
            return False
        proposal.update(status=DisposalStatus.APPROVED if approve else DisposalStatus.REJECTED, decided_on=on,
                        decided_by=DISTRICT, decision_note=note, updated_by=DISTRICT,
                        updated_at=office_time(on, 15))
        if approve:  # a district user's approval is also the district's step (risk_disposal.decide)
            proposal.update(district_approved_on=on, district_approved_by=DISTRICT)
        return True

    def _execute(self, proposal: dict[str, Any], on: dt.date, note: str) -> bool:
        if on > self.as_of:
            return False
        proposal.update(status=DisposalStatus.EXECUTED, executed_on=on, executed_by=BANKER, execution_note=note,
                        updated_by=BANKER, updated_at=office_time(on, 11))
        reported = on + dt.timedelta(days=self.rng.randint(1, 10))
        if reported <= self.as_of:
            proposal["reported_to_finance_on"] = reported
        return True

    # -- the kinds of loan ----------------------------------------------------------------------------------------
    def _extension(self, plan: LoanPlan, assessed_on: dt.date | None) -> None:
        rng, row = self.rng, plan.row
        latest = min(self.as_of, plan.original_matures - dt.timedelta(days=1))
        proposed = assessed_on + dt.timedelta(days=rng.randint(0, 2)) if assessed_on else \
            latest - dt.timedelta(days=rng.randint(4, 15))
        proposed = max(min(proposed, latest - dt.timedelta(days=2)), row["disbursed_on"])
        terms = DisposalTerms(Disposal.EXTENSION, extension_months=row["extended_months"])
        proposal = self._propose(plan, terms, proposed, self._facts(plan, extended=False))
        executed_on, disposal_id = latest - dt.timedelta(days=rng.randint(0, 3)), None
        if proposal is not None:
            decided = min(proposed + dt.timedelta(days=rng.randint(1, 5)), latest - dt.timedelta(days=1))
            self._decide(proposal, True, decided, "符合展期条件，同意。")
            executed_on = min(decided + dt.timedelta(days=rng.randint(1, 5)), latest)
            self._execute(proposal, executed_on, f"已办理展期，到期日调整为{row['matures_on'].isoformat()}。")
            self._emit(proposal)
            disposal_id = proposal["id"]
        # the extension as execution records it: the maturity before it stays in the loan's history
        self.sink("loan_event", self.gen.event(
            row["id"], max(executed_on, row["disbursed_on"]), LoanEventKind.EXTENDED,
            {"matures_on": [plan.original_matures, row["matures_on"]], "extended_months": [0, row["extended_months"]],
             "status": [LoanStatus.ACTIVE, LoanStatus.EXTENDED]},
            source="disposal" if disposal_id else "demo", disposal_id=disposal_id))

    def _overdue(self, plan: LoanPlan) -> None:
        rng, row = self.rng, plan.row
        matures = row["matures_on"]
        days = (self.as_of - matures).days
        facts = self._facts(plan, extended=True)
        forced, self._forced = self._forced, None
        if forced is not None and days > 90:
            kind = forced[1] or Disposal.LEGAL_ACTION
            on = matures + dt.timedelta(days=rng.randint(91, max(91, min(days, 420))))
        elif days <= 80:
            kinds = [Disposal.RENEWAL_WITHOUT_PRINCIPAL, Disposal.TOP_UP,
                     Disposal.RESCHEDULE if row["term_months"] < 36 else Disposal.EXTENSION]
            kind = kinds[0] if rng.random() < 0.4 else kinds[2] if rng.random() < 0.85 else kinds[1]
            on = matures + dt.timedelta(days=rng.randint(5, max(5, days)))
        else:
            kind = Disposal.COMPENSATION_CLAIM if days > 180 and rng.random() < 0.6 else Disposal.LEGAL_ACTION
            on = matures + dt.timedelta(days=rng.randint(91, max(91, min(days, 420))))
        if on > self.as_of:
            return
        terms = DisposalTerms(kind, extension_months=6 if kind is Disposal.EXTENSION else None,
                              new_matures_on=add_months(row["disbursed_on"], min(36, row["term_months"] + 12))
                              if kind is Disposal.RESCHEDULE else add_months(matures, 12)
                              if kind is Disposal.RENEWAL_WITHOUT_PRINCIPAL else None,
                              top_up_fen=1_000_000 if kind is Disposal.TOP_UP else None,
                              claim_fen=row["balance_fen"] if kind is Disposal.COMPENSATION_CLAIM else None,
                              **self._claim_basis(on, matures) if kind is Disposal.COMPENSATION_CLAIM else {})
        meeting = next((day for day in self.meeting_days if day >= on), None)
        review_id = None
        if meeting is not None and rng.random() < 0.5:
            proposal = self._propose(plan, terms, meeting, facts)
            if proposal is not None:
                review_id = self._meeting(meeting)
                proposal["joint_review_id"] = review_id
            else:
                proposal = self._propose(plan, terms, on, facts)
        else:
            proposal = self._propose(plan, terms, on, facts)
        if proposal is None:
            return
        on = proposal["proposed_on"]
        roll = rng.random()
        if forced is not None:
            self.showcase.remove(forced)
            roll = forced[2]
        decided = on + dt.timedelta(days=rng.randint(2, 15))
        if forced is not None:  # a showcased outcome is decided by the demo's day
            decided = min(decided, self.as_of)
        if kind in (Disposal.COMPENSATION_CLAIM, Disposal.LEGAL_ACTION):
            if roll < 0.8 and self._decide(proposal, True, decided, "同意。"):
                note = "已向区财政局申请代偿，借款人账户已冻结。" if kind is Disposal.COMPENSATION_CLAIM \
                    else "已向灞桥区人民法院提起诉讼。"
                executed_on = decided + dt.timedelta(days=rng.randint(3, 30))
                if forced is not None:
                    executed_on = min(executed_on, self.as_of)
                if roll < 0.55 and self._execute(proposal, executed_on, note) \
                        and kind is Disposal.COMPENSATION_CLAIM:
                    row["status"] = LoanStatus.COMPENSATED
                    self.sink("loan_event", self.gen.event(
                        row["id"], executed_on, LoanEventKind.COMPENSATED,
                        {"status": [LoanStatus.OVERDUE, LoanStatus.COMPENSATED]}, source="disposal",
                        disposal_id=proposal["id"]))
            elif roll >= 0.8:
                self._decide(proposal, False, decided, _REJECTIONS[int(rng.random() * len(_REJECTIONS))])
        elif roll < 0.3:
            self._decide(proposal, True, decided, "同意，待银行办理。")
        elif roll < 0.55:
            self._decide(proposal, False, decided, _REJECTIONS[int(rng.random() * len(_REJECTIONS))])
        elif roll < 0.65 and decided <= self.as_of:
            proposal.update(status=DisposalStatus.WITHDRAWN, decided_on=decided, decided_by=BANKER,
                            decision_note="借款人已筹款，撤回申请。")
        self._emit(proposal)
        if review_id is not None:
            self._decision(review_id, plan, kind, proposal["reason"], proposal["id"])

    def _claim_basis(self, on: dt.date, matures: dt.date) -> dict[str, Any]:
        """What the fund asks of a compensation claim (risk_disposal.check_claim): the bank's recovery effort and
        the loss confirmed, before the claim is made."""
        confirmed = max(matures + dt.timedelta(days=60), on - dt.timedelta(days=self.rng.randint(3, 30)))
        return {"recovery_effort": _RECOVERY[int(self.rng.random() * len(_RECOVERY))],
                "loss_confirmed_on": min(confirmed, on),
                "loss_basis": _LOSS_BASIS[int(self.rng.random() * len(_LOSS_BASIS))]}

    def _monitor(self, plan: LoanPlan) -> None:
        start = plan.row["matures_on"] + dt.timedelta(days=15)
        meeting = next((day for day in self.meeting_days if day >= start), None)
        if meeting is not None:
            self._decision(self._meeting(meeting), plan, None,
                           "继续跟踪回访，督促借款人筹款还息。", None)

    # -- rows -------------------------------------------------------------------------------------------------------
    def _emit(self, proposal: dict[str, Any]) -> None:
        self.sink("disposal", proposal)
        self.count += 1

    def _meeting(self, day: dt.date) -> uuid.UUID:
        review_id = self.meetings.get(day)
        if review_id is not None:
            return review_id
        review_id = self.meetings[day] = self.gen.new_id()
        officers = "\n".join(f"{name} 经办银行" for name in BANK_OFFICERS.values())
        if self.street:
            place = f"{STREET_NAMES[self.street]}办事处会议室"
            people = f"{DISTRICT_STAFF[0]} 区扶贫办\n{STREET_STAFF[self.street][1]} 街道办事处\n{officers}"
        else:
            place = "灞桥区扶贫办会议室"
            people = f"{DISTRICT_STAFF[0]} 区扶贫办\n{DISTRICT_STAFF[1]} 区财政局（金融办）\n{officers}"
        at = office_time(day, 17)
        self.sink("joint_review", {
            "id": review_id, "held_on": day, "place": place, "chair": DISTRICT_STAFF[0], "participants": people,
            "summary": "研判逾期及到期困难贷款，逐笔确定处置意见，会后由经办银行和街道分别落实。",
            "recorded_by": DISTRICT, "created_at": at, "updated_at": at, "created_by": DISTRICT,
            "updated_by": DISTRICT})
        return review_id

    def _decision(self, review_id: uuid.UUID, plan: LoanPlan, kind: Disposal | None, note: str,
                  disposal_id: uuid.UUID | None) -> None:
        position = self.positions.get(review_id, 0)
        self.positions[review_id] = position + 1
        self.sink("review_decision", {"id": self.gen.new_id(), "review_id": review_id, "loan_id": plan.row["id"],
                                      "position": position, "decision": kind, "note": note,
                                      "disposal_id": disposal_id, "created_by": DISTRICT, "updated_by": DISTRICT})
