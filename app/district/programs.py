"""The programmes in the demo district (called once at the end of :func:`app.district.demo.run_demo`).

Entrusted enterprises (one with a credit code whose check character fails, to show the kept warning) with dated
operating-status observations; the demo's enterprise-use stock loans linked to them (the demo names the enterprise
in the loan's purpose) and their households linked; yearly dividends with payments — most paid, some in part, some
overdue; interest-subsidy claims of the last four quarters (those on overdue or misused loans refused by the rule,
the loans' subsidy totals moved by the same deltas as the real workflow); the risk fund, with yearly contributions
sized to sit under the leverage limit and a payout for each quarter's executed compensation claims, through the
fund's own workflow; a financial-literacy campaign every year with sessions in every street. A field node gets the
district's records as the hub would send them (under the hub's origin: app/district/hub_origin.py), and its own
street's.

Written with ``bulk_insert`` (one audited path) except the fund (domain functions, a few transactions) and the few
loan updates, which go through the ORM so the audit log sees them. Deterministic for a seed; a second run only adds
what is missing (enterprises by name, links for unlinked loans, campaigns by year; sessions are added again).
"""
from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from typing import Any

import sqlalchemy as sa

from app import settings
from app.district.fieldwork import BANKER, DISTRICT, FIELDWORK_FROM
from app.district.hub_origin import AtHub, from_hub, hub_origin, insert
from app.domain import programs as pg
from app.domain.codes import credit_code_check_char
from app.domain.loan_facts import LoanFacts
from app.domain.programs import fund
from app.domain.risk_query import LoanFilter, loan_facts
from app.models import (
    DividendPayment,
    DividendSchedule,
    Enterprise,
    EnterpriseHousehold,
    EnterpriseObservation,
    FundContribution,
    Loan,
    OutreachCampaign,
    OutreachSession,
    SubsidyClaim,
)
from app.models.enums import BusinessStatus, Disposal, NodeRole, UseConclusion, UseMode
from app.models.places import BAQIAO_STREETS
from app.models.programs import BenefitLink, ClaimStatus

ENTERPRISES: tuple[tuple[str, str, BenefitLink, str, BusinessStatus, str], ...] = (
    ("西安白鹿原樱桃专业合作社", "樱桃种植及销售", BenefitLink.DIVIDEND, "杨建军", BusinessStatus.NORMAL,
     "灞桥区狄寨街道鲍旗寨村"),
    ("灞桥区洪庆山养殖有限公司", "生猪养殖", BenefitLink.EMPLOYMENT, "赵志刚", BusinessStatus.DIFFICULT,
     "灞桥区洪庆街道山王村"),
    ("西安灞水农业科技有限公司", "设施蔬菜", BenefitLink.PURCHASE, "刘红梅", BusinessStatus.NORMAL,
     "灞桥区新合街道新合村"),
    ("狄寨奶山羊养殖专业合作社", "奶山羊养殖", BenefitLink.DIVIDEND, "王保平", BusinessStatus.NORMAL,
     "灞桥区狄寨街道张李村"),
    ("西安新筑现代农业发展有限公司", "葡萄种植及采摘", BenefitLink.LAND_LEASE, "陈立新", BusinessStatus.STOPPED,
     "灞桥区新筑街道新筑村"),
)
TOPICS = ("防范非法集资和电信诈骗", "扶贫小额信贷政策解读", "珍惜个人信用 按时还款", "金融知识进万家",
          "贷款用途合规使用", "识别假币与反洗钱常识")
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _credit_code(rng: random.Random, break_check: bool) -> str:
    stem = "91610111" + "".join(rng.choice(_CODE_CHARS) for _ in range(9))  # division code 610111 (灞桥区)
    check = credit_code_check_char(stem)
    if break_check:
        check = _CODE_CHARS[(_CODE_CHARS.index(check) + 1) % len(_CODE_CHARS)]
    return stem + check


def _loans(session: Any, ids: list[uuid.UUID], chunk: int = 500) -> list[Loan]:
    """The loans of ``ids`` (those that exist), loaded a few hundred per query and none flushed on the way: the
    changes the caller makes to them are flushed, and logged, together at the commit (a ``session.get`` per loan
    flushed and logged each change apart, which cost seconds at the 50,000-household demo)."""
    loans: list[Loan] = []
    with session.no_autoflush:
        for start in range(0, len(ids), chunk):
            loans.extend(session.scalars(sa.select(Loan).where(Loan.id.in_(ids[start:start + chunk]))))
    return loans


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def fill_programs(store: Any, as_of: dt.date, seed: int = 1) -> dict[str, int]:
    """Add the programme records; returns counts by kind."""
    rng = random.Random(f"fieldbook-demo-programs:{seed}")
    hub = store.info.role == NodeRole.HUB.value
    origin = hub_origin(store)  # a field node: the hub's records arrive under the hub's origin
    counts: dict[str, int] = {}
    with store.read() as session:
        known = {name: i for name, i in session.execute(sa.select(Enterprise.name, Enterprise.id))}
        loans = session.execute(sa.select(Loan.id, Loan.purpose_text, Loan.household_id, Loan.amount_fen,
                                          Loan.disbursed_on)
                                .where(Loan.use_mode == UseMode.ENTERPRISE, Loan.enterprise_id.is_(None),
                                       Loan.deleted.is_(False))).all()
        linked = {(e, h) for e, h in session.execute(sa.select(EnterpriseHousehold.enterprise_id,
                                                               EnterpriseHousehold.household_id))}
    new_enterprises, observations = [], []
    for number, (name, industry, link, contact, status, address) in enumerate(ENTERPRISES):
        if name in known:
            continue
        code = _credit_code(rng, break_check=number == 1)
        note = pg.check_credit_code(code)[1]
        known[name] = uuid.uuid4()
        new_enterprises.append({"id": known[name], "name": name, "credit_code": code, "credit_code_note": note,
                                "contact": contact, "phone": f"139{rng.randint(10_000_000, 99_999_999)}",
                                "industry": industry, "address": "西安市" + address, "benefit_link": link,
                                "note": ""})
        history = [BusinessStatus.NORMAL, BusinessStatus.NORMAL, status]
        for step, seen in enumerate(history):
            observations.append({"enterprise_id": known[name], "status": seen, "observed_by": store.user.username,
                                 "observed_on": as_of - dt.timedelta(days=400 - 170 * step + rng.randint(0, 20)),
                                 "note": {BusinessStatus.NORMAL: "生产正常，用工稳定",
                                          BusinessStatus.DIFFICULT: "订单减少，资金周转困难",
                                          BusinessStatus.STOPPED: "已停产，正在清算"}[seen]})
    links, schedules, payments, loan_enterprise = [], [], [], {}
    for loan_id, purpose, household_id, amount, disbursed in loans:
        match = re.search(r"委托(.+?)经营", purpose or "")
        name = match.group(1) if match and match.group(1) in known \
            else ENTERPRISES[rng.randrange(len(ENTERPRISES))][0]
        enterprise_id = known[name]
        loan_enterprise[loan_id] = enterprise_id
        if (enterprise_id, household_id) in linked:
            continue
        linked.add((enterprise_id, household_id))
        mode = next(e[2] for e in ENTERPRISES if e[0] == name)
        links.append({"enterprise_id": enterprise_id, "household_id": household_id, "benefit_link": mode,
                      "linked_on": disbursed, "note": ""})
        stopped = next(e[4] for e in ENTERPRISES if e[0] == name) is BusinessStatus.STOPPED
        for year in range(as_of.year - 2, as_of.year + 1):
            due = dt.date(year, 1, 20)
            schedule_id = uuid.uuid4()
            dividend = amount * rng.choice((6, 8, 10)) // 100 // 100 * 100
            schedules.append({"id": schedule_id, "enterprise_id": enterprise_id, "household_id": household_id,
                              "period": str(year - 1), "due_on": due, "amount_fen": dividend, "note": ""})
            if due > as_of:
                continue
            roll = rng.random()
            late = stopped and year == as_of.year
            if late or roll < 0.08:
                continue  # overdue, nothing paid
            paid_on = min(due + dt.timedelta(days=rng.randint(0, 25)), as_of)
            share = dividend if roll > 0.2 else dividend // 2  # some paid in part
            payments.append({"schedule_id": schedule_id, "household_id": household_id, "paid_on": paid_on,
                             "amount_fen": share, "note": "" if share == dividend else "部分支付"})
            rest_on = paid_on + dt.timedelta(days=rng.randint(30, 120))
            if share < dividend and rest_on <= as_of and year < as_of.year:  # earlier years were settled later
                payments.append({"schedule_id": schedule_id, "household_id": household_id, "paid_on": rest_on,
                                 "amount_fen": dividend - share, "note": "补付"})
    with store.write() as session:
        insert(store, session, Enterprise, new_enterprises, origin)
        insert(store, session, EnterpriseObservation, observations, origin)
        insert(store, session, EnterpriseHousehold, links, origin)
        insert(store, session, DividendSchedule, schedules, origin)
        insert(store, session, DividendPayment, payments, origin)
    with from_hub(store, origin), store.write() as session:  # the bank's loans name their enterprise
        for loan in _loans(session, list(loan_enterprise)):
            loan.enterprise_id = loan_enterprise[loan.id]
    counts.update(enterprises=len(new_enterprises), dividends=len(schedules), dividend_payments=len(payments))
    with store.read() as session:  # read once: the subsidies and the fund change no loan's facts
        facts = loan_facts(session, as_of, LoanFilter())
    counts.update(_subsidies(store, as_of, rng, facts, origin))
    counts.update(_fund(store, as_of, hub, facts, origin))
    counts["outreach_sessions"] = _outreach(store, as_of, rng, hub, origin)
    return counts


def _subsidies(store: Any, as_of: dt.date, rng: random.Random, facts: list[LoanFacts],
               origin: str | None) -> dict[str, int]:
    """Subsidy claims of the banks for the last four full quarters, each at the most the rule allows (the subsidy
    share of the interest due on the replayed balance, :func:`app.domain.programs.subsidies.interest_due`); a few
    loans claim the newest quarter as two ranges of days. The older ones are paid, the newest partly decided, those
    on loans ever overdue or misused refused by the rule (the loans' subsidy totals move as the workflow moves
    them)."""
    from app.domain.loan_history import LoanTimeline
    from app.domain.programs.subsidies import interest_due
    from app.models import UseCheck

    share = store.setting(settings.SUBSIDY_SHARE_PERCENT)
    year, quarter = _quarter(as_of)
    periods = []
    for _ in range(4):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        periods.append(pg.parse_period(f"{year}Q{quarter}"))
    with store.read() as session:
        claimed = set(session.execute(sa.select(SubsidyClaim.loan_id)).scalars())
        misuse: dict[uuid.UUID, dt.date] = {}
        for loan_id, on in session.execute(sa.select(UseCheck.loan_id, UseCheck.checked_on).where(
                UseCheck.conclusion != UseConclusion.COMPLIANT, UseCheck.deleted.is_(False))):
            if loan_id is not None and (loan_id not in misuse or on < misuse[loan_id]):
                misuse[loan_id] = on
        candidates = [f for f in facts if f.loan_id not in claimed and f.use_mode is UseMode.HOUSEHOLD
                      and f.disbursed_on <= periods[-1][1]]
        rng.shuffle(candidates)
        chosen = candidates[:150] + [f for f in candidates[150:] if f.loan_id in misuse][:10]
        timelines = {f.loan_id: LoanTimeline(session, loan) for f in chosen
                     if (loan := session.get(Loan, f.loan_id)) is not None}
    claims: list[dict[str, Any]] = []
    deltas: dict[uuid.UUID, list[int]] = {}
    for fact in sorted(chosen, key=lambda f: f.contract_no):
        timeline = timelines.get(fact.loan_id)
        if timeline is None:
            continue
        loan_periods = list(periods)
        if rng.random() < 0.1:  # claimed as two ranges of days (a new statement cycle of the bank)
            _, start, end = loan_periods[0]
            middle = start + dt.timedelta(days=rng.randint(20, 60))
            loan_periods[:1] = [pg.parse_period(f"{start.isoformat()}~{middle.isoformat()}"),
                                pg.parse_period(f"{(middle + dt.timedelta(days=1)).isoformat()}~{end.isoformat()}")]
        for label, start, end in loan_periods:
            claimed_on = min(end + dt.timedelta(days=rng.randint(5, 20)), as_of)
            amount = interest_due(timeline, start, end) * share // 100
            if amount <= 0 or fact.disbursed_on > end or claimed_on < start:
                continue
            reason = pg.claim_refusal(pg.ClaimFacts(fact, misuse.get(fact.loan_id), None,
                                                    timeline.first_overdue_on(claimed_on)), end, claimed_on) or ""
            row: dict[str, Any] = {"loan_id": fact.loan_id, "bank_id": fact.bank_id, "period": label,
                                   "period_start": start, "period_end": end, "claimed_on": claimed_on,
                                   "claimed_by": BANKER, "amount_fen": amount, "status": ClaimStatus.CLAIMED,
                                   "refused_by_rule": False, "approved_fen": None, "decided_on": None,
                                   "decided_by": "", "decision_note": "", "paid_on": None, "paid_fen": 0, "note": ""}
            delta = deltas.setdefault(fact.loan_id, [0, 0])
            if reason:
                row.update(status=ClaimStatus.REFUSED, refused_by_rule=True, decision_note=reason,
                           decided_on=claimed_on, decided_by="rule")
            elif end < periods[0][1] or rng.random() < 0.5:  # the older quarters are paid; the newest partly
                decided = min(claimed_on + dt.timedelta(days=10), as_of)
                row.update(status=ClaimStatus.PAID, approved_fen=amount, decided_on=decided, decided_by=DISTRICT,
                           paid_on=min(decided + dt.timedelta(days=10), as_of), paid_fen=amount)
                delta[0] += amount
                delta[1] += amount
            elif rng.random() < 0.4:
                row.update(status=ClaimStatus.APPROVED, approved_fen=amount, decided_by=DISTRICT,
                           decided_on=min(claimed_on + dt.timedelta(days=8), as_of))
                delta[0] += amount
            else:
                delta[0] += amount
            claims.append(row)
    with from_hub(store, origin), store.write() as session:  # the banks claim, the district decides, at the hub
        store.audit.bulk_insert(session, SubsidyClaim, claims)
        for loan in _loans(session, [loan_id for loan_id, (c, p) in deltas.items() if c or p]):
            claimed_fen, paid_fen = deltas[loan.id]
            loan.subsidy_claimed_fen += claimed_fen
            loan.subsidy_paid_fen += paid_fen
    return {"subsidy_claims": len(claims)}


def _fund(store: Any, as_of: dt.date, hub: bool, facts: list[LoanFacts], origin: str | None) -> dict[str, int]:
    """Yearly contributions since 2017 sized to keep the district's fund at about 80 % of its leverage limit, and
    one payout per quarter for the compensation claims the bank executed, through the fund's own workflow
    (:func:`app.domain.programs.fund.add_contribution` and ``add_payout``, which refuses a payout the fund cannot
    carry). A field node holds the district's fund as the hub sends it, with the payouts for its own street: made
    by the same workflow at the hub (:class:`~app.district.hub_origin.AtHub`), under the hub's origin."""
    from app.models.risk import DisposalProposal, DisposalStatus

    cap = store.setting(settings.LOAN_CAP_YUAN) * 100
    limit = store.setting(settings.FUND_LEVERAGE_MAX)
    with store.read() as session:
        if session.execute(sa.select(sa.func.count()).select_from(FundContribution)).scalar_one():
            return {}
        executed = session.execute(
            sa.select(DisposalProposal.id, DisposalProposal.loan_id, DisposalProposal.executed_on,
                      sa.func.coalesce(DisposalProposal.claim_fen, DisposalProposal.balance_before_fen))
            .where(DisposalProposal.kind == Disposal.COMPENSATION_CLAIM,
                   DisposalProposal.status == DisposalStatus.EXECUTED, DisposalProposal.deleted.is_(False))
            .order_by(DisposalProposal.executed_on)).all()
    covered = sum(f.balance_fen for f in fund.covered_loans(facts, as_of, cap)) * (1 if hub else len(BAQIAO_STREETS))
    if not covered:
        return {}
    share = store.setting(settings.FUND_SHARE_PERCENT)
    payouts: dict[dt.date, list[fund.PayoutItem]] = {}
    for disposal_id, loan_id, executed_on, claim in executed:
        year, quarter = _quarter(executed_on)
        paid_on = min(as_of, pg.parse_period(f"{year}Q{quarter}")[2] + dt.timedelta(days=15))
        allowed = fund.claim_allowance(int(claim), share)  # the fund's share; the bank bears the rest
        if allowed > 0:
            payouts.setdefault(paid_on, []).append(fund.PayoutItem(loan_id, allowed, disposal_id))
    paid_out = sum(item.amount_fen for items in payouts.values() for item in items)
    target = covered * 100 // (limit * 80) // 100_000 * 100_000 + 100_000 + paid_out
    years = list(range(2017, as_of.year + 1))
    first = target * 4 // 10 // 100_000 * 100_000
    rest = (target - first) // max(1, len(years) - 1) // 100_000 * 100_000
    contributions = 0
    district = AtHub(store) if origin is not None else store
    for index, year in enumerate(years):
        on = dt.date(year, 6, 30) if index == 0 else dt.date(year, 3, 31)
        amount = first if index == 0 else target - first - rest * (len(years) - 2) if index == len(years) - 1 \
            else rest
        if on > as_of or amount <= 0:
            continue
        source, note = ("区财政局", "首期注入") if index == 0 else \
            ("市财政局", "年度补充注入") if index % 3 == 0 else ("区财政局", "年度补充注入")
        with from_hub(store, origin):
            fund.add_contribution(district, on, amount, source, note)
        contributions += 1
    for paid_on, items in sorted(payouts.items()):
        with from_hub(store, origin):
            fund.add_payout(district, paid_on, items, f"损失类贷款代偿（{share}%）")
    return {"fund_contributions": contributions, "fund_payouts": len(payouts)}


def _outreach(store: Any, as_of: dt.date, rng: random.Random, hub: bool, origin: str | None) -> int:
    """A financial-literacy month every September since 2019 (the district's campaign) and two sessions a year
    in every street of the node."""
    with store.read() as session:
        campaigns = {row.starts_on.year: row.id for row in session.execute(
            sa.select(OutreachCampaign.id, OutreachCampaign.starts_on))}
    new_campaigns = []
    for year in range(FIELDWORK_FROM.year, as_of.year + 1):
        if year not in campaigns and dt.date(year, 9, 1) <= as_of:
            campaigns[year] = uuid.uuid4()
            new_campaigns.append({"id": campaigns[year], "name": f"{year}年金融知识普及月",
                                  "starts_on": dt.date(year, 9, 1), "ends_on": dt.date(year, 9, 30),
                                  "organiser": "区扶贫办、人民银行灞桥支行", "note": ""})
    streets = [(c, n) for c, n in BAQIAO_STREETS if hub or c == store.info.street_code]
    sessions = []
    for code, name in streets:
        for year in range(FIELDWORK_FROM.year, as_of.year + 1):
            for in_campaign in (True, False):
                held = dt.date(year, 9, rng.randint(3, 28)) if in_campaign else \
                    dt.date(year, rng.choice((3, 4, 5, 6, 11, 12)), rng.randint(1, 28))
                if held > as_of:
                    continue
                place = name[:-2] + rng.choice(("便民服务中心", "村委会", "文化广场"))
                sessions.append({"campaign_id": campaigns.get(year) if in_campaign else None, "held_on": held,
                                 "street_code": code, "place": place, "topic": rng.choice(TOPICS),
                                 "organiser": f"{name}办事处", "note": "", "people_reached": rng.randint(25, 160)})
    with store.write() as session:
        insert(store, session, OutreachCampaign, new_campaigns, origin)
        insert(store, session, OutreachSession, sessions, origin)
    return len(sessions)
