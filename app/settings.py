"""One typed registry of everything a district may tune (Electrum's ConfigVar habit).

Each ``Setting`` names its key, type, default (from DOMAIN.md), translated label and limits. Values live in
the encrypted database (table ``settings``) as JSON; only ``language`` lives in ``node.json`` because the
login screen needs it before the database is open. Call sites never repeat a key or a default.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from app.i18n import QT_TRANSLATE_NOOP, translate

T = TypeVar("T")

REGISTRY: dict[str, Setting[Any]] = {}


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type[T]
    default: T
    label: str
    help: str = ""
    minimum: Any = None
    maximum: Any = None
    choices: tuple[Any, ...] = field(default=())
    node_scope: bool = False
    #: a further check of the coerced value: raises ValueError with the translated reason
    check: Callable[[Any], None] | None = None

    def __post_init__(self) -> None:
        REGISTRY[self.key] = self

    def translated_label(self) -> str:
        return translate("Settings", self.label)

    def translated_help(self) -> str:
        return translate("Settings", self.help) if self.help else ""

    def validate(self, value: Any) -> T:
        """Return ``value`` coerced to the setting's type, or raise ValidationError with a translated reason."""
        from app.errors import ValidationError

        try:
            if self.kind is dt.date:
                coerced: Any = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            elif self.kind is bool:
                coerced = value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
            else:
                coerced = cast(Callable[[Any], Any], self.kind)(value)  # int, str, float: built from the value
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                translate(
                    "Settings", "{label}: the value {value} is not valid.", label=self.translated_label(), value=value
                )
            ) from exc
        if self.minimum is not None and coerced < self.minimum:
            raise ValidationError(
                translate(
                    "Settings",
                    "{label} must be at least {minimum}.",
                    label=self.translated_label(),
                    minimum=self.minimum,
                )
            )
        if self.maximum is not None and coerced > self.maximum:
            raise ValidationError(
                translate(
                    "Settings",
                    "{label} must be at most {maximum}.",
                    label=self.translated_label(),
                    maximum=self.maximum,
                )
            )
        if self.check is not None:
            try:
                self.check(coerced)
            except ValueError as exc:
                raise ValidationError(translate("Settings", "{label}: {reason}", label=self.translated_label(),
                                                reason=str(exc))) from exc
        if self.choices and coerced not in self.choices:
            raise ValidationError(
                translate(
                    "Settings",
                    "{label}: the value {value} is not one of the choices.",
                    label=self.translated_label(),
                    value=value,
                )
            )
        return cast(T, coerced)

    def dump(self, value: T) -> str:
        return json.dumps(value.isoformat() if isinstance(value, dt.date) else value)

    def load(self, raw: str) -> T:
        return self.validate(json.loads(raw))


LANGUAGE = Setting(
    "ui.language", str, "zh_CN", QT_TRANSLATE_NOOP("Settings", "Language"), choices=("zh_CN", "en"), node_scope=True
)
IDLE_LOCK_MINUTES = Setting(
    "security.idle_lock_minutes",
    int,
    10,
    QT_TRANSLATE_NOOP("Settings", "Lock after idle minutes"),
    QT_TRANSLATE_NOOP("Settings", "The window locks itself after this many minutes without input."),
    minimum=1,
    maximum=240,
)
FIRST_VISIT_MONTHS = Setting(
    "visits.first_within_months",
    int,
    6,
    QT_TRANSLATE_NOOP("Settings", "First post-loan visit within months"),
    minimum=1,
    maximum=24,
)
VISIT_INTERVAL_MONTHS = Setting(
    "visits.interval_months",
    int,
    12,
    QT_TRANSLATE_NOOP("Settings", "Visit at least every months"),
    minimum=1,
    maximum=36,
)
MATURITY_ASSESSMENT_DAYS = Setting(
    "risk.maturity_assessment_days",
    int,
    30,
    QT_TRANSLATE_NOOP("Settings", "Assess loans this many days before maturity"),
    minimum=1,
    maximum=120,
)
SPECIAL_MENTION_DAYS = Setting(
    "risk.special_mention_from_days",
    int,
    1,
    QT_TRANSLATE_NOOP("Settings", "Special mention from days overdue"),
    minimum=1,
    maximum=90,
)
SUBSTANDARD_DAYS = Setting(
    "risk.substandard_from_days",
    int,
    91,
    QT_TRANSLATE_NOOP("Settings", "Substandard from days overdue"),
    minimum=1,
    maximum=720,
)
DOUBTFUL_DAYS = Setting(
    "risk.doubtful_from_days",
    int,
    181,
    QT_TRANSLATE_NOOP("Settings", "Doubtful from days overdue"),
    minimum=1,
    maximum=1080,
)
LOSS_DAYS = Setting(
    "risk.loss_from_days", int, 361, QT_TRANSLATE_NOOP("Settings", "Loss from days overdue"), minimum=1, maximum=1800
)
OVERDUE_REPORT_DAYS = Setting(
    "risk.overdue_report_days",
    int,
    15,
    QT_TRANSLATE_NOOP("Settings", "Report overdue loans to the fund within days"),
    minimum=1,
    maximum=90,
)
ENTERPRISE_USE_CUTOFF = Setting(
    "loans.enterprise_use_cutoff",
    dt.date,
    dt.date(2017, 11, 30),
    QT_TRANSLATE_NOOP("Settings", "Enterprise-use loans only if made on or before"),
    QT_TRANSLATE_NOOP("Settings", "The stock of 户贷企用 loans is \"before the end of November 2017\": a loan made on "
                                  "this day is still stock."),
)
LOAN_CAP_YUAN = Setting(
    "loans.amount_cap_yuan",
    int,
    50_000,
    QT_TRANSLATE_NOOP("Settings", "Loan amount cap (yuan)"),
    minimum=1,
    maximum=1_000_000,
)
LOAN_TERM_MAX_MONTHS = Setting(
    "loans.term_max_months",
    int,
    36,
    QT_TRANSLATE_NOOP("Settings", "Longest loan term (months)"),
    minimum=1,
    maximum=120,
)
# -- the loan import's controls (issue 20; app/domain/loan_rules.py, docs/money-rules.md) -------------------------
#: words, separated by 、, naming each prohibited use of a poverty loan; a purpose text containing one is refused
PROHIBITED_HOUSING_WORDS = Setting(
    "loans.prohibited_housing_words",
    str,
    "建房、盖房、修房、建房子、盖房子、翻修房屋、修缮房屋、房屋装修、装修房屋、装修住房、购房、买房、购买住房",
    QT_TRANSLATE_NOOP("Settings", "Prohibited purposes: house building (words)"),
    QT_TRANSLATE_NOOP("Settings", "Words separated by 、; a purpose that contains one is refused."),
)
PROHIBITED_WEALTH_WORDS = Setting(
    "loans.prohibited_wealth_words",
    str,
    "理财、购买理财产品、股票、炒股、基金、期货、证券、P2P、高利贷、民间借贷、集资",
    QT_TRANSLATE_NOOP("Settings", "Prohibited purposes: wealth management (words)"),
    QT_TRANSLATE_NOOP("Settings", "Words separated by 、; a purpose that contains one is refused."),
)
PROHIBITED_CONSUMPTION_WORDS = Setting(
    "loans.prohibited_consumption_words",
    str,
    "消费、生活开支、日常开支、生活费、子女上学、上学、学费、教育费用、看病、治病、医疗费、住院、结婚、婚嫁、彩礼、"
    "丧葬、养老、买私家车、购买私家车、还债、偿还债务、赌博",
    QT_TRANSLATE_NOOP("Settings", "Prohibited purposes: consumption (words)"),
    QT_TRANSLATE_NOOP("Settings", "Words separated by 、; a purpose that contains one is refused."),
)
PROHIBITED_LENDING_WORDS = Setting(
    "loans.prohibited_lending_words",
    str,
    "转借、转贷、借给他人、借给亲友、出借、放贷",
    QT_TRANSLATE_NOOP("Settings", "Prohibited purposes: lending on (words)"),
    QT_TRANSLATE_NOOP("Settings", "Words separated by 、; a purpose that contains one is refused."),
)
APPROVED_INDUSTRIES = Setting(
    "loans.approved_industries",
    str,
    "种植、畜牧养殖、水产养殖、加工、商贸流通、乡村旅游、运输、其他生产",
    QT_TRANSLATE_NOOP("Settings", "Approved industries (特色优势产业)"),
    QT_TRANSLATE_NOOP("Settings", "Purpose categories separated by 、; a loan of another category is imported with a "
                                  "warning."),
)
# -- the credit rating sheet (评级授信) and the grade → credit line table (issue 20; DOMAIN.md credit rating) -------
def parse_pairs(text: str) -> dict[str, int]:
    """``AAA=50000、AA=40000`` → {"AAA": 50000, "AA": 40000}: pairs separated by 、 , ; or spaces."""
    import re

    pairs: dict[str, int] = {}
    for part in re.split(r"[、,，;；\s]+", text or ""):
        if not part:
            continue
        key, sep, value = part.replace("＝", "=").partition("=")
        if not sep or not key.strip() or not value.strip().isdigit():
            raise ValueError(translate("Settings", "write pairs such as AAA=50000、AA=40000; \"{part}\" is not one.",
                                       part=part))
        pairs[key.strip()] = int(value.strip())
    return pairs


def pairs_of(keys: tuple[str, ...], numeric_keys: bool = False) -> Callable[[Any], None]:
    """A check that the text is pairs of the given keys (or of whole-number keys) with whole-number values."""
    def check(value: Any) -> None:
        pairs = parse_pairs(str(value))
        bad = [k for k in pairs if not (k.isdigit() if numeric_keys else k in keys)]
        if bad or not pairs:
            raise ValueError(translate("Settings", "use {keys}.", keys="、".join(keys)))
    return check


OVERALL_WORDS = ("优秀", "良好", "一般", "较差")
CREDIT_GRADE_LINES = Setting(
    "credit.grade_lines_yuan", str, "AAA=50000、AA=40000、A=30000",
    QT_TRANSLATE_NOOP("Settings", "Credit line by grade (yuan)"),
    QT_TRANSLATE_NOOP("Settings", "The largest line each grade may be offered, never above the loan cap."),
    check=pairs_of(("AAA", "AA", "A")))
CREDIT_GRADE_FLOORS = Setting(
    "credit.grade_floors", str, "AAA=80、AA=70、A=60", QT_TRANSLATE_NOOP("Settings", "Lowest score of each grade"),
    QT_TRANSLATE_NOOP("Settings", "Below the lowest floor no credit line is offered."),
    check=pairs_of(("AAA", "AA", "A")))
CREDIT_HOUSEHOLD_POINTS = Setting(
    "credit.household_size_points", str, "3=8、2=7、1=5",
    QT_TRANSLATE_NOOP("Settings", "Points for household size (people=points)"),
    QT_TRANSLATE_NOOP("Settings", "The largest size a household reaches counts (3=8 also for 4 and more people)."),
    check=pairs_of(("3", "2", "1"), numeric_keys=True))
CREDIT_LABOUR_POINTS = Setting(
    "credit.labour_points", str, "3=8、2=7、1=3、0=0",
    QT_TRANSLATE_NOOP("Settings", "Points for the labour force (workers=points)"),
    check=pairs_of(("3", "2", "1", "0"), numeric_keys=True))
CREDIT_OVERALL_POINTS = Setting(
    "credit.overall_points", str, "优秀=30、良好=25、一般=15、较差=0",
    QT_TRANSLATE_NOOP("Settings", "Points for the overall assessment"), check=pairs_of(OVERALL_WORDS))
CREDIT_ASSETS_MAX = Setting("credit.total_assets_max", int, 13,
                            QT_TRANSLATE_NOOP("Settings", "Total assets: most points"), minimum=0, maximum=100)
CREDIT_NET_ASSETS_MAX = Setting("credit.net_assets_max", int, 13,
                                QT_TRANSLATE_NOOP("Settings", "Net assets: most points"), minimum=0, maximum=100)
CREDIT_SHARE_CAPITAL_MAX = Setting("credit.share_capital_max", int, 4,
                                   QT_TRANSLATE_NOOP("Settings", "Share capital: most points"), minimum=0, maximum=100)
CREDIT_NET_INCOME_MAX = Setting("credit.net_income_max", int, 14,
                                QT_TRANSLATE_NOOP("Settings", "Net income: most points"), minimum=0, maximum=100)
CREDIT_REPAYMENT_RECORD_MAX = Setting("credit.repayment_record_max", int, 10,
                                      QT_TRANSLATE_NOOP("Settings", "Repayment record: most points"), minimum=0,
                                      maximum=100)


BORROWER_AGE_MIN = Setting(
    "loans.borrower_age_min", int, 18, QT_TRANSLATE_NOOP("Settings", "Youngest borrower age"), minimum=16, maximum=30
)
BORROWER_AGE_MAX = Setting(
    "loans.borrower_age_max", int, 65, QT_TRANSLATE_NOOP("Settings", "Oldest borrower age"), minimum=40, maximum=90
)
FUND_LEVERAGE_MAX = Setting(
    "fund.leverage_max",
    int,
    10,
    QT_TRANSLATE_NOOP("Settings", "Loans at most this many times the fund"),
    minimum=1,
    maximum=50,
)
BACKUP_REMINDER_DAYS = Setting(
    "backup.reminder_days", int, 7, QT_TRANSLATE_NOOP("Settings", "Remind to back up after days"), minimum=1, maximum=90
)


class SettingsStore:
    """Reads and writes settings in an open node; writes are audited as local events."""

    def __init__(self, load_raw: Callable[[], dict[str, str]]) -> None:
        self._load_raw = load_raw
        self._cache: dict[str, Any] | None = None

    def invalidate(self) -> None:
        self._cache = None

    def get(self, setting: Setting[T]) -> T:
        if self._cache is None:
            self._cache = {}
            for key, raw in self._load_raw().items():
                definition = REGISTRY.get(key)
                if definition is None:
                    continue
                try:
                    self._cache[key] = definition.load(raw)
                except Exception:  # a bad stored value falls back to the default, loudly
                    logging.getLogger(__name__).warning("ignoring a bad stored value for %s", key)
        return cast(T, self._cache.get(setting.key, setting.default))


# -- risk: extension (展期) limits of the general rule, DOMAIN.md "Rules and numbers" (issue: risk warnings) ----------
EXTENSION_SHORT_TERM_MONTHS = Setting(
    "risk.extension_short_term_months",
    int,
    12,
    QT_TRANSLATE_NOOP("Settings", "Short-term loans: term up to months"),
    minimum=1,
    maximum=60,
)
EXTENSION_SHORT_LIMIT_PERCENT = Setting(
    "risk.extension_short_limit_percent",
    int,
    100,
    QT_TRANSLATE_NOOP("Settings", "Short-term loans: cumulative extension up to percent of the original term"),
    minimum=0,
    maximum=100,
)
EXTENSION_MEDIUM_TERM_MONTHS = Setting(
    "risk.extension_medium_term_months",
    int,
    60,
    QT_TRANSLATE_NOOP("Settings", "Medium-term loans: term up to months"),
    minimum=1,
    maximum=120,
)
EXTENSION_MEDIUM_LIMIT_PERCENT = Setting(
    "risk.extension_medium_limit_percent",
    int,
    50,
    QT_TRANSLATE_NOOP("Settings", "Medium-term loans: cumulative extension up to percent of the original term"),
    minimum=0,
    maximum=100,
)


# -- disposals, the risk fund and subsidies (issue 20: money rules the finance office can audit) -------------------
EXTEND_OVERDUE_WITH_DISTRICT = Setting(
    "risk.extend_overdue_with_district_approval",
    bool,
    False,
    QT_TRANSLATE_NOOP("Settings", "Overdue loans may be extended with the district's approval"),
    QT_TRANSLATE_NOOP("Settings", "Off: an extension must be made before the loan falls overdue (贷款通则). On: an "
                                  "overdue loan may be extended once the district has approved it."),
)
DISTRICT_APPROVAL_ABOVE_YUAN = Setting(
    "risk.district_approval_above_yuan",
    int,
    30_000,
    QT_TRANSLATE_NOOP("Settings", "Disposals need the district's approval above (yuan)"),
    QT_TRANSLATE_NOOP("Settings", "The amount at stake: the balance, the top-up or the compensation claimed. 0: every "
                                  "disposal needs it."),
    minimum=0,
    maximum=1_000_000,
)
FUND_CLAIM_MIN_DAYS = Setting(
    "fund.claim_min_days_overdue",
    int,
    90,
    QT_TRANSLATE_NOOP("Settings", "Compensation claims from days overdue"),
    QT_TRANSLATE_NOOP("Settings", "A loan may be claimed from the risk fund once it is this many days overdue."),
    minimum=1,
    maximum=1080,
)
FUND_SHARE_PERCENT = Setting(
    "fund.share_percent",
    int,
    70,
    QT_TRANSLATE_NOOP("Settings", "The fund's share of a loss (percent)"),
    QT_TRANSLATE_NOOP("Settings", "The fund pays this share of an approved claim; the lending bank bears the rest."),
    minimum=1,
    maximum=100,
)
FUND_CLAIM_NEEDS_RECOVERY = Setting(
    "fund.claim_needs_recovery_effort",
    bool,
    True,
    QT_TRANSLATE_NOOP("Settings", "Compensation claims need the bank's recovery effort recorded"),
)
FUND_CLAIM_NEEDS_LOSS = Setting(
    "fund.claim_needs_loss_confirmed",
    bool,
    True,
    QT_TRANSLATE_NOOP("Settings", "Compensation claims need the loss confirmed"),
)
SUBSIDY_SHARE_PERCENT = Setting(
    "fund.subsidy_share_percent",
    int,
    100,
    QT_TRANSLATE_NOOP("Settings", "Interest subsidy: share of the interest due (percent)"),
    QT_TRANSLATE_NOOP("Settings", "A claim is at most this share of the interest due on the outstanding balance for "
                                  "its period at the contract rate (days / 360)."),
    minimum=1,
    maximum=100,
)


# -- programmes: dividends of entrusted enterprises (issue: enterprises, dividends, subsidies, fund) ---------------
DIVIDEND_GRACE_DAYS = Setting(
    "dividends.grace_days",
    int,
    0,
    QT_TRANSLATE_NOOP("Settings", "Dividends overdue this many days after the due date"),
    QT_TRANSLATE_NOOP("Settings", "0: a dividend unpaid on the day after its due date is overdue."),
    minimum=0,
    maximum=90,
)


# -- sync with the HTTP hub (issue: hub service; app/ui/exchange/background_sync.py, docs/hub.md) ----------------------
SYNC_ENABLED = Setting(
    "sync.enabled",
    bool,
    True,
    QT_TRANSLATE_NOOP("Settings", "Sync with the hub in the background"),
    QT_TRANSLATE_NOOP("Settings", "Push and pull records whenever the hub answers."),
)
SYNC_HUB_URL = Setting(
    "sync.hub_url",
    str,
    "",
    QT_TRANSLATE_NOOP("Settings", "Hub address"),
    QT_TRANSLATE_NOOP("Settings", "For example http://192.168.1.10:8650; empty: no background sync."),
)
#: the district's bundle suite (issue 24; app/sync/suites.py): the hub writes with it and names it in the node
#: certificates it issues, which is how field nodes learn it; ``bundle export --suite`` overrides it for one export
BUNDLE_SUITE = Setting(
    "sync.bundle_suite",
    str,
    "classic",
    QT_TRANSLATE_NOOP("Settings", "Bundle cipher suite"),
    QT_TRANSLATE_NOOP("Settings", "classic: X25519, Ed25519, ChaCha20-Poly1305; gm: SM2, SM3, SM4 (GB/T 39786); "
                                  "pq: ML-KEM-768 + X25519 and ML-DSA-65 beside Ed25519. Every node must have "
                                  "enrolled again since this version to hold the keys of gm and pq."),
    choices=("classic", "gm", "pq"),
)
SYNC_INTERVAL_SECONDS = Setting(
    "sync.interval_seconds", int, 300, QT_TRANSLATE_NOOP("Settings", "Sync every seconds"), minimum=30, maximum=86_400
)


# -- display for field work: larger text, high contrast for sunlight (issue: usability; app/ui/theme.py) ------------
# Node scope (kept in node.json): the login window already uses them and every user may change them.
UI_TEXT_SCALE = Setting(
    "ui.text_scale",
    int,
    100,
    QT_TRANSLATE_NOOP("Settings", "Text size (percent)"),
    QT_TRANSLATE_NOOP("Settings", "Larger text for small screens and older eyes; also in the View menu."),
    choices=(100, 125, 150),
    node_scope=True,
)
UI_HIGH_CONTRAST = Setting(
    "ui.high_contrast",
    bool,
    False,
    QT_TRANSLATE_NOOP("Settings", "High contrast"),
    QT_TRANSLATE_NOOP("Settings", "Black on white with strong borders, for work in sunlight; also in the View menu."),
    node_scope=True,
)
