"""The credit rating sheet (评级授信) of a pre-loan review: score, grade, the largest line and every reason a
household is not eligible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app import settings
from app.domain.records.context import RecordContext, age_on, birth_date_of
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import CreditGrade, OverallAssessment

#: a debt ratio above this is a ground for refusal (DOMAIN.md credit rating)
MAX_DEBT_RATIO_PCT = 60


@dataclass(frozen=True)
class CreditSheet:
    """The 100-point sheet of DOMAIN.md and the grade → line table, as the district's settings say
    (:meth:`from_settings`; ``credit.*``), with DOMAIN.md's sheet and the seed's lines (50,000 / 40,000 / 30,000
    yuan for AAA / AA / A) as defaults."""

    household_size_points: tuple[tuple[int, int], ...] = ((3, 8), (2, 7), (1, 5))
    labour_points: tuple[tuple[int, int], ...] = ((3, 8), (2, 7), (1, 3), (0, 0))
    total_assets_max: int = 13
    net_assets_max: int = 13
    share_capital_max: int = 4
    net_income_max: int = 14
    overall_points: tuple[tuple[OverallAssessment, int], ...] = (
        (OverallAssessment.EXCELLENT, 30), (OverallAssessment.GOOD, 25), (OverallAssessment.FAIR, 15),
        (OverallAssessment.POOR, 0))
    repayment_record_max: int = 10
    #: lowest score for each grade, best first
    grade_floors: tuple[tuple[CreditGrade, int], ...] = (
        (CreditGrade.AAA, 80), (CreditGrade.AA, 70), (CreditGrade.A, 60))
    #: the largest line (yuan) each grade may be offered; never more than the loan cap
    grade_lines_yuan: tuple[tuple[CreditGrade, int], ...] = (
        (CreditGrade.AAA, 50_000), (CreditGrade.AA, 40_000), (CreditGrade.A, 30_000))

    @classmethod
    def from_settings(cls, get: Callable[[settings.Setting[Any]], Any]) -> CreditSheet:
        """The sheet of a node: ``CreditSheet.from_settings(store.setting)``."""
        grades = {g.value: g for g in (CreditGrade.AAA, CreditGrade.AA, CreditGrade.A)}
        overall = dict(zip(settings.OVERALL_WORDS, (OverallAssessment.EXCELLENT, OverallAssessment.GOOD,
                                                    OverallAssessment.FAIR, OverallAssessment.POOR), strict=True))

        def steps(setting: settings.Setting[str]) -> tuple[tuple[int, int], ...]:
            return tuple(sorted(((int(k), v) for k, v in settings.parse_pairs(get(setting)).items()), reverse=True))

        def by_grade(setting: settings.Setting[str]) -> tuple[tuple[CreditGrade, int], ...]:
            pairs = settings.parse_pairs(get(setting))
            return tuple((grades[k], pairs[k]) for k in ("AAA", "AA", "A") if k in pairs)

        points = settings.parse_pairs(get(settings.CREDIT_OVERALL_POINTS))
        return cls(steps(settings.CREDIT_HOUSEHOLD_POINTS), steps(settings.CREDIT_LABOUR_POINTS),
                   get(settings.CREDIT_ASSETS_MAX), get(settings.CREDIT_NET_ASSETS_MAX),
                   get(settings.CREDIT_SHARE_CAPITAL_MAX), get(settings.CREDIT_NET_INCOME_MAX),
                   tuple((overall[k], points[k]) for k in settings.OVERALL_WORDS if k in points),
                   get(settings.CREDIT_REPAYMENT_RECORD_MAX), by_grade(settings.CREDIT_GRADE_FLOORS),
                   by_grade(settings.CREDIT_GRADE_LINES))

    @staticmethod
    def _steps(table: tuple[tuple[int, int], ...], count: int) -> int:
        return next((points for floor, points in table if count >= floor), 0)

    def score(self, values: Mapping[str, Any]) -> int:
        def clamp(name: str, top: int) -> int:
            return max(0, min(top, int(values.get(name) or 0)))

        return (self._steps(self.household_size_points, int(values.get("household_size") or 0))
                + self._steps(self.labour_points, int(values.get("labour_force") or 0))
                + clamp("total_assets_score", self.total_assets_max) + clamp("net_assets_score", self.net_assets_max)
                + clamp("share_capital_score", self.share_capital_max)
                + clamp("net_income_score", self.net_income_max)
                + dict(self.overall_points).get(OverallAssessment(values.get("overall") or "poor"), 0)
                + clamp("repayment_record_score", self.repayment_record_max))

    def grade(self, score: int) -> CreditGrade:
        return next((grade for grade, floor in self.grade_floors if score >= floor), CreditGrade.NONE)

    def line_fen(self, grade: CreditGrade, cap_fen: int) -> int:
        return min(dict(self.grade_lines_yuan).get(grade, 0) * 100, cap_fen)


CREDIT_SHEET = CreditSheet()

#: reasons a household is not eligible; stored as codes, shown with these labels
INELIGIBILITY: dict[str, str] = {
    "home_not_verified": QT_TRANSLATE_NOOP("Records", "home not verified"),
    "not_registered": QT_TRANSLATE_NOOP("Records", "not a registered poor household"),
    "too_young": QT_TRANSLATE_NOOP("Records", "applicant younger than the minimum age"),
    "too_old": QT_TRANSLATE_NOOP("Records", "applicant older than the maximum age"),
    "age_unknown": QT_TRANSLATE_NOOP("Records", "applicant's age unknown"),
    "credit_bad": QT_TRANSLATE_NOOP("Records", "credit not good"),
    "unwilling": QT_TRANSLATE_NOOP("Records", "not willing to borrow"),
    "no_skills": QT_TRANSLATE_NOOP("Records", "no skills for the project"),
    "cannot_repay": QT_TRANSLATE_NOOP("Records", "no ability to repay"),
    "gambling_or_drugs": QT_TRANSLATE_NOOP("Records", "gambling or drugs"),
    "debt_ratio": QT_TRANSLATE_NOOP("Records", "debt ratio above 60%"),
    "unsettled_loan": QT_TRANSLATE_NOOP("Records", "an unsettled poverty-alleviation loan"),
    "grade_none": QT_TRANSLATE_NOOP("Records", "credit score below grade A"),
}


def reason_labels(codes: str | Iterable[str]) -> list[str]:
    items = [c for c in codes.split(",") if c] if isinstance(codes, str) else list(codes)
    return [translate("Records", INELIGIBILITY.get(code, code)) for code in items]


@dataclass(frozen=True)
class PreloanOutcome:
    age: int | None
    score: int
    grade: CreditGrade
    max_line_fen: int
    reasons: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons


def preloan_outcome(values: Mapping[str, Any], ctx: RecordContext, sheet: CreditSheet | None = None
                    ) -> PreloanOutcome:
    """Age, score, grade, the largest line allowed and every reason the household is not eligible, on the node's
    sheet (``ctx.credit_sheet``) unless another is given."""
    sheet = sheet or ctx.credit_sheet or CREDIT_SHEET
    age = None
    applicant = next((m for m in ctx.household.members if m.id == values.get("applicant_id")), None)
    day = values.get("reviewed_on") or ctx.today
    if applicant is not None:
        birth = birth_date_of(applicant)
        age = age_on(birth, day) if birth else None
    score = sheet.score(values)
    grade = sheet.grade(score)
    reasons = []
    if not values.get("home_verified"):
        reasons.append("home_not_verified")
    if not values.get("registered_poor"):
        reasons.append("not_registered")
    if age is None:
        reasons.append("age_unknown")
    elif age < ctx.age_min:
        reasons.append("too_young")
    elif age > ctx.age_max:
        reasons.append("too_old")
    for flag, code in (("credit_good", "credit_bad"), ("willing", "unwilling"), ("has_skills", "no_skills"),
                       ("can_repay", "cannot_repay")):
        if not values.get(flag):
            reasons.append(code)
    if values.get("gambling_or_drugs"):
        reasons.append("gambling_or_drugs")
    if int(values.get("debt_ratio_pct") or 0) > MAX_DEBT_RATIO_PCT:
        reasons.append("debt_ratio")
    if values.get("unsettled_poverty_loan"):
        reasons.append("unsettled_loan")
    if grade is CreditGrade.NONE:
        reasons.append("grade_none")
    max_line = sheet.line_fen(grade, ctx.loan_cap_fen) if not reasons else 0
    return PreloanOutcome(age=age, score=score, grade=grade, max_line_fen=max_line, reasons=tuple(reasons))
