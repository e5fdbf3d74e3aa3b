"""Printable risk summary for the finance office (风险情况汇总表), A4, in Chinese: the portfolio by street and by bank
(count, balance, five-class balances, PAR30/PAR90), days-past-due buckets, warnings by rule and disposals by kind.

Text uses the embedded fonts and the page frame of every printed document (:mod:`app.reports.pdf`: fonts subset
into the PDF, footer with page x of y, who printed and when). Written to a temporary file and renamed; a local
"print" event goes to the audit log before the file is handed out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.domain.money import yuan
from app.domain.permissions import Permission
from app.domain.risk import CLASS_ORDER, DpdBucket, Portfolio, Rule, Segment, portfolio, warnings_for
from app.domain.risk_query import LoanFilter, loan_facts, policy_of
from app.domain.scope import scope_street
from app.models import Street
from app.models.enums import Disposal, Severity
from app.models.places import DISTRICT_NAME
from app.models.risk import DisposalProposal, DisposalStatus
from app.reports.parsing import RISK_WORDS, word_of
from app.reports.risk_ledgers import DISPOSAL_WORDS, RULE_WORDS, SEVERITY_WORDS, STATUS_WORDS, status_on

BUCKET_WORDS = {DpdBucket.CURRENT: "未逾期", DpdBucket.D1_30: "逾期1–30天", DpdBucket.D31_90: "逾期31–90天",
                DpdBucket.D91_180: "逾期91–180天", DpdBucket.D181_360: "逾期181–360天",
                DpdBucket.D361_PLUS: "逾期360天以上"}


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"


def _wan(fen: int) -> str:
    """Fen as 万元 with two decimals (the unit district reports use for portfolio balances)."""
    return f"{fen / 1_000_000:,.2f}"


def _segment_rows(segments: list[Segment], overall: Segment) -> list[list[str]]:
    header = ["", "笔数", "余额", *(word_of(RISK_WORDS, c) for c in CLASS_ORDER), "PAR30", "PAR90"]
    rows = [header]
    for segment in [*segments, overall]:
        rows.append([segment.name, str(segment.total.count), _wan(segment.total.balance_fen),
                     *(_wan(segment.by_class[c].balance_fen) for c in CLASS_ORDER),
                     _percent(segment.par30), _percent(segment.par90)])
    rows[-1][0] = "合计"
    return rows


def write_risk_summary(store: Any, out: Path | str, as_of: dt.date | None = None) -> Path:
    """Write the summary for ``as_of`` (today by default) to ``out``; returns the path."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from app.reports.pdf.document import build_pdf, print_info
    from app.reports.pdf.fonts import LATIN, CJKText

    store.require(Permission.PRINT)
    as_of = as_of or dt.date.today()
    out = Path(out)
    scope = scope_street(store)
    policy = policy_of(store)
    with store.read() as session:
        facts = loan_facts(session, as_of, LoanFilter(street=scope))
        place = DISTRICT_NAME
        if scope:
            place += session.execute(sa.select(Street.name).where(Street.code == scope)).scalar_one()
        query = sa.select(DisposalProposal).where(DisposalProposal.deleted.is_(False),
                                                  DisposalProposal.proposed_on <= as_of)
        if scope:
            from app.models import Loan

            query = query.join(Loan, Loan.id == DisposalProposal.loan_id).where(Loan.street_code == scope)
        disposals = list(session.execute(query).scalars())
    view: Portfolio = portfolio(facts, as_of, policy)
    found = warnings_for(facts, as_of, policy)

    def title(text: str) -> CJKText:
        return CJKText(text, size=16, leading=22, align="center")

    def heading(text: str) -> list[Any]:
        parts = [Spacer(1, 4 * mm), CJKText(text, size=12, leading=16), Spacer(1, 2 * mm)]
        for part in parts:
            part.keepWithNext = True  # never a heading alone at the foot of a page
        return parts

    def body(text: str) -> CJKText:
        return CJKText(text, size=9.5, leading=14)

    def table(rows: list[list[str]], widths: list[float] | None = None, size: float = 7.5) -> Table:
        cells = [[CJKText(text, size=size, align="right" if r and c else "left") for c, text in enumerate(row)]
                 for r, row in enumerate(rows)]
        result = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        result.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), LATIN, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        return result

    overall = view.overall
    # ten columns of monospaced figures within the 178 mm text width: 6.8 pt keeps "156,414.00" (万元) on one line
    widths = [25 * mm, 9 * mm, 19 * mm, *([18.5 * mm] * 5), 14.5 * mm, 14.5 * mm]
    npl_share = overall.non_performing_fen / overall.total.balance_fen if overall.total.balance_fen else 0.0
    story: list[Any] = [
        title(f"{place}扶贫小额信贷风险情况汇总表"),
        Spacer(1, 4 * mm),
        body(f"统计截至：{as_of.isoformat()}　　编制：{store.info.name}　　报送：区财政局（金融办）"),
        *heading("一、总体情况"),
        body(
            f"在贷 {overall.total.count} 笔，余额 {yuan(overall.total.balance_fen)} 元；"
            f"不良（次级、可疑、损失）余额 {yuan(overall.non_performing_fen)} 元"
            f"（{_percent(npl_share)}）；"
            f"PAR30 {_percent(overall.par30)}，PAR90 {_percent(overall.par90)}。"
            f"五级分类按截至日逾期天数建议（关注自逾期{policy.special_mention_days}天，次级自{policy.substandard_days}天，"
            f"可疑自{policy.doubtful_days}天，损失自{policy.loss_days}天）。"),
        *heading("二、按街道（金额单位：万元；五级分类为各类余额）"),
        table(_segment_rows(list(view.by_street.values()), overall), widths, size=6.8),
        *heading("三、按经办银行（金额单位：万元）"),
        table(_segment_rows(list(view.by_bank.values()), overall), widths, size=6.8),
        *heading("四、逾期天数分布"),
    ]
    bucket_rows = [["逾期天数", "笔数", "余额(元)", "余额占比"]]
    for bucket in DpdBucket:
        cell = overall.by_bucket[bucket]
        share = cell.balance_fen / overall.total.balance_fen if overall.total.balance_fen else 0.0
        bucket_rows.append([BUCKET_WORDS[bucket], str(cell.count), yuan(cell.balance_fen), _percent(share)])
    story.append(table(bucket_rows, [40 * mm, 20 * mm, 35 * mm, 25 * mm]))

    story += heading("五、风险预警")
    counts = Counter((w.rule, w.severity) for w in found)
    severities = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)
    warning_rows = [["预警类型", *(SEVERITY_WORDS[s] for s in severities), "合计"]]
    for rule in Rule:
        numbers = [counts[(rule, s)] for s in severities]
        warning_rows.append([RULE_WORDS[rule], *map(str, numbers), str(sum(numbers))])
    warning_rows.append(["合计", *(str(sum(counts[(r, s)] for r in Rule)) for s in severities), str(len(found))])
    story.append(table(warning_rows, [40 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm]))

    story += heading("六、分类处置")
    statuses = (DisposalStatus.PROPOSED, DisposalStatus.APPROVED, DisposalStatus.EXECUTED, DisposalStatus.REJECTED)
    by_kind = Counter((d.kind, status_on(d, as_of)) for d in disposals)
    disposal_rows = [["处置方式", *(STATUS_WORDS[s] for s in statuses), "合计"]]
    for kind in Disposal:
        if kind is Disposal.REPAY:
            continue
        numbers = [by_kind[(kind, s)] for s in statuses]
        disposal_rows.append([DISPOSAL_WORDS[kind], *map(str, numbers), str(sum(by_kind[(kind, s)]
                                                                               for s in DisposalStatus))])
    story.append(table(disposal_rows, [40 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm]))
    story.append(Spacer(1, 12 * mm))
    story.append(body("制表人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"))

    def log() -> None:
        with store.write() as session:
            store.audit.event(session, "print", {"kind": "risk-summary", "as_of": as_of.isoformat(),
                                                 "loans": overall.total.count})

    build_pdf(story, print_info(store), title=f"{place}扶贫小额信贷风险情况汇总表", out=out, on_written=log,
              subject=as_of.isoformat())
    return out
