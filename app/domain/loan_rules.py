"""The plan's controls on a new loan (DOMAIN.md tasks 1 and 2, issue 20), as rules the loan import calls for every
new loan and the GUI can call as the user types: what a loan is for, how much a household owes, who borrows and
whether the household was a registered poor household when the money was lent.

Each rule returns :class:`Finding` values: a *refusal* where the plan allows no exception (the row is not
imported, the reason names the rule), a *warning* where the plan or later policy does allow exceptions (the loan is
imported and the warning is reported beside it). Which is which, and why, is in docs/money-rules.md:

- **prohibited purpose** (refusal): the purpose text names house building, wealth management, consumption or
  lending on (贷款用途: never 建房、理财、消费), matched against word lists the district extends (settings
  ``loans.prohibited_*_words``); an enterprise-use loan made after the 户贷企用 cutoff is refused too;
- **household cap** (refusal): the household's outstanding poverty loans on the day the loan is made, this one
  included, above the cap (setting ``loans.amount_cap_yuan``, 50,000 yuan) — two 40,000-yuan loans are refused;
- **borrower age at disbursement**: younger than ``loans.borrower_age_min`` (18) is a refusal (a minor cannot sign
  the contract); older than ``loans.borrower_age_max`` (65) is a warning (later policy lets older borrowers with a
  younger co-borrower or guarantor in the family);
- **建档立卡 status at disbursement** (warning): a household registered only after the loan was made, or a monitored
  household (监测对象, eligible only under the later 脱贫人口小额信贷 policy); registered, returned-to-poverty and
  exited households (脱贫不脱政策) pass;
- **approved industry** (warning): the purpose category is not on the district's list of 特色优势产业 (setting
  ``loans.approved_industries``; lists change, and a loan made under an earlier list stays monitored).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app import settings
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import LoanStatus, PovertyStatus, ProhibitedUse, PurposeCategory

#: the district's words for the purpose categories (the ledgers' words; the setting accepts these or the codes)
CATEGORY_WORDS: dict[PurposeCategory, str] = {
    PurposeCategory.PLANTING: "种植", PurposeCategory.LIVESTOCK: "畜牧养殖", PurposeCategory.AQUACULTURE: "水产养殖",
    PurposeCategory.PROCESSING: "加工", PurposeCategory.COMMERCE: "商贸流通", PurposeCategory.TOURISM: "乡村旅游",
    PurposeCategory.TRANSPORT: "运输", PurposeCategory.OTHER_PRODUCTION: "其他生产",
}
#: prohibited use → the setting holding its words
PROHIBITED_SETTINGS: dict[ProhibitedUse, settings.Setting[str]] = {
    ProhibitedUse.HOUSING: settings.PROHIBITED_HOUSING_WORDS,
    ProhibitedUse.WEALTH_MANAGEMENT: settings.PROHIBITED_WEALTH_WORDS,
    ProhibitedUse.CONSUMPTION: settings.PROHIBITED_CONSUMPTION_WORDS,
    ProhibitedUse.LENT_ON: settings.PROHIBITED_LENDING_WORDS,
}
_SEPARATORS = re.compile(r"[、,，;；\s]+")


def word_list(text: str) -> tuple[str, ...]:
    """A setting's list of words, written with 、 , ; or spaces between them."""
    return tuple(w for w in _SEPARATORS.split(unicodedata.normalize("NFKC", text or "")) if w)


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on a new loan: ``refuse`` or warn, a stable ``code``, a Chinese reason (for the error
    workbook that goes back to the office) and a translated message."""

    code: str
    refuse: bool
    params: Mapping[str, Any]

    def chinese(self) -> str:
        return FINDINGS[self.code][0].format(**self._shown(chinese=True))

    def message(self) -> str:
        return translate("LoanRules", FINDINGS[self.code][1], **self._shown(chinese=False))

    def _shown(self, chinese: bool) -> dict[str, Any]:
        params = dict(self.params)
        use = params.pop("use", None)
        if isinstance(use, ProhibitedUse):
            params["kind"] = PROHIBITED_WORDS_ZH[use] if chinese else use.label
        return params


#: code → (Chinese reason, English source for translate("LoanRules", ...))
FINDINGS: dict[str, tuple[str, str]] = {
    "purpose_prohibited": ("贷款用途“{purpose}”属于禁止用途（{kind}：{word}），扶贫小额信贷只能用于生产经营",
                           QT_TRANSLATE_NOOP("LoanRules", "The purpose \"{purpose}\" is a prohibited use ({kind}: "
                                                          "{word}); poverty-alleviation loans are only for production "
                                                          "or other income-generating projects.")),
    "enterprise_after_cutoff": ("放款日期{date}在户贷企用截止日{cutoff}之后，不得户贷企用",
                                QT_TRANSLATE_NOOP("LoanRules", "Made on {date}, after the enterprise-use cutoff "
                                                               "{cutoff}: the loan cannot be used by an "
                                                               "enterprise.")),
    "household_cap": ("该户放款时未结清扶贫小额信贷{outstanding}元，加上本笔{amount}元共{total}元，超过每户上限{cap}元",
                      QT_TRANSLATE_NOOP("LoanRules", "The household owed {outstanding} yuan of poverty loans when "
                                                     "this one was made; with its {amount} yuan that is {total} "
                                                     "yuan, above the cap of {cap} yuan per household.")),
    "age_under": ("放款时借款人{age}周岁，未满{minimum}周岁",
                  QT_TRANSLATE_NOOP("LoanRules", "The borrower was {age} when the loan was made, younger than "
                                                 "{minimum}.")),
    "age_over": ("放款时借款人{age}周岁，超过{maximum}周岁（需说明例外情形）",
                 QT_TRANSLATE_NOOP("LoanRules", "The borrower was {age} when the loan was made, older than "
                                                "{maximum} (an exception that needs explaining).")),
    "age_unknown": ("无法确定借款人放款时的年龄",
                    QT_TRANSLATE_NOOP("LoanRules", "The borrower's age when the loan was made is not known.")),
    "not_registered_then": ("放款日{date}该户尚未登记为建档立卡贫困户",
                            QT_TRANSLATE_NOOP("LoanRules", "On {date}, when the loan was made, the household was not "
                                                           "yet registered as a poor household.")),
    "monitored_then": ("放款日{date}该户为监测对象，不是建档立卡贫困户",
                       QT_TRANSLATE_NOOP("LoanRules", "On {date}, when the loan was made, the household was a "
                                                      "monitored household, not a registered poor household.")),
    "industry_not_approved": ("用途类别“{category}”不在区特色优势产业目录中",
                              QT_TRANSLATE_NOOP("LoanRules", "The purpose category \"{category}\" is not on the "
                                                             "district's list of approved industries.")),
}
PROHIBITED_WORDS_ZH = {ProhibitedUse.HOUSING: "建房", ProhibitedUse.WEALTH_MANAGEMENT: "理财",
                       ProhibitedUse.CONSUMPTION: "消费", ProhibitedUse.LENT_ON: "转借"}


@dataclass(frozen=True)
class LoanRules:
    """The settings the controls use (defaults from :mod:`app.settings`)."""

    cap_fen: int
    age_min: int
    age_max: int
    prohibited: Mapping[ProhibitedUse, tuple[str, ...]]
    approved: frozenset[PurposeCategory]
    enterprise_cutoff: dt.date

    @classmethod
    def from_settings(cls, get: Callable[[settings.Setting[Any]], Any]) -> LoanRules:
        return cls(get(settings.LOAN_CAP_YUAN) * 100, get(settings.BORROWER_AGE_MIN), get(settings.BORROWER_AGE_MAX),
                   {use: word_list(get(setting)) for use, setting in PROHIBITED_SETTINGS.items()},
                   approved_categories(get(settings.APPROVED_INDUSTRIES)), get(settings.ENTERPRISE_USE_CUTOFF))


def approved_categories(text: str) -> frozenset[PurposeCategory]:
    """The categories a setting lists, by code (``planting``) or by the district's word (种植); a word that is no
    category is ignored, so a loan of the category it meant is warned about, naming its category."""
    by_word = {word: category for category, word in CATEGORY_WORDS.items()}
    found = set()
    for word in word_list(text):
        category = by_word.get(word) or next((c for c in PurposeCategory if c.value == word.lower()), None)
        if category is not None:
            found.add(category)
    return frozenset(found)


# -- the rules ------------------------------------------------------------------------------------------------------
def prohibited_use(text: str, words: Mapping[ProhibitedUse, Iterable[str]]) -> tuple[ProhibitedUse, str] | None:
    """The prohibited use the purpose text names, and the word that names it (None when there is none)."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    for use, listed in words.items():
        for word in listed:
            if word and word in plain:
                return use, word
    return None


def purpose_findings(text: str, rules: LoanRules) -> list[Finding]:
    found = prohibited_use(text, rules.prohibited)
    if found is None:
        return []
    use, word = found
    return [Finding("purpose_prohibited", True, {"purpose": text, "use": use, "word": word})]


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_findings(birth: dt.date | None, disbursed_on: dt.date, rules: LoanRules) -> list[Finding]:
    if birth is None:
        return [Finding("age_unknown", False, {})]
    age = age_on(birth, disbursed_on)
    if age < rules.age_min:
        return [Finding("age_under", True, {"age": age, "minimum": rules.age_min})]
    if age > rules.age_max:
        return [Finding("age_over", False, {"age": age, "maximum": rules.age_max})]
    return []


def poverty_findings(status_then: PovertyStatus | None, disbursed_on: dt.date) -> list[Finding]:
    """``status_then``: the household's poverty status on the day the loan was made (None: no status yet)."""
    if status_then is None:
        return [Finding("not_registered_then", False, {"date": disbursed_on.isoformat()})]
    if status_then is PovertyStatus.MONITORED:
        return [Finding("monitored_then", False, {"date": disbursed_on.isoformat()})]
    return []


def household_cap_findings(outstanding_fen: int, amount_fen: int, rules: LoanRules) -> list[Finding]:
    """``outstanding_fen``: the household's other poverty loans outstanding on the day this one was made."""
    from app.domain.money import yuan

    total = outstanding_fen + amount_fen
    if outstanding_fen > 0 and total > rules.cap_fen:
        return [Finding("household_cap", True, {"outstanding": yuan(outstanding_fen), "amount": yuan(amount_fen),
                                                "total": yuan(total), "cap": yuan(rules.cap_fen)})]
    return []


def industry_findings(category: PurposeCategory, rules: LoanRules) -> list[Finding]:
    if category in rules.approved:
        return []
    return [Finding("industry_not_approved", False, {"category": CATEGORY_WORDS[category]})]


def enterprise_findings(enterprise_use: bool, disbursed_on: dt.date, rules: LoanRules) -> list[Finding]:
    from app.domain.risk import after_enterprise_cutoff

    if enterprise_use and after_enterprise_cutoff(disbursed_on, rules.enterprise_cutoff):
        return [Finding("enterprise_after_cutoff", True, {"date": disbursed_on.isoformat(),
                                                          "cutoff": rules.enterprise_cutoff.isoformat()})]
    return []


def status_on(changes: Iterable[tuple[dt.date, PovertyStatus]], current: PovertyStatus,
              current_since: dt.date | None, day: dt.date) -> PovertyStatus | None:
    """The household's poverty status on ``day`` from its dated history (and its current status since a day)."""
    history = sorted(changes, key=lambda change: change[0])
    known = [(on, status) for on, status in history if on <= day]
    if known:
        return known[-1][1]
    if current_since is None:  # when the status began is not known (a roster without dates): take it as it is
        return current
    if current_since <= day and not history:
        return current
    first = history[0][1] if history else current
    if first in (PovertyStatus.EXITED, PovertyStatus.RETURNED):
        return PovertyStatus.REGISTERED  # it was registered before it could exit (or return)
    return None  # its first dated status comes after the day: not registered yet


# -- a batch of new loans (the loan import) -----------------------------------------------------------------------
@dataclass(frozen=True)
class NewLoan:
    """What the controls need about one new loan; ``key`` identifies it to the caller (a file row number)."""

    key: int
    household_id: Any
    borrower_birth: dt.date | None
    amount_fen: int
    disbursed_on: dt.date
    matures_on: dt.date
    purpose_text: str
    category: PurposeCategory
    enterprise_use: bool = False


def check_new_loans(session: Any, loans: Iterable[NewLoan], rules: LoanRules) -> dict[int, list[Finding]]:
    """Every control on each new loan, with the household's dated poverty status and its other loans (recorded
    ones replayed to the day the new loan was made, and the batch's own) read in a few queries."""
    import sqlalchemy as sa

    from app.domain.loan_history import LoanTimeline
    from app.models import Household, Loan, PovertyStatusChange

    batch = list(loans)
    households = {loan.household_id for loan in batch}
    found: dict[int, list[Finding]] = {}
    if not batch:
        return found
    ids = sorted(households)
    current: dict[Any, tuple[PovertyStatus, dt.date | None]] = {}
    history: dict[Any, list[tuple[dt.date, PovertyStatus]]] = {}
    existing: dict[Any, list[Any]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        for hid, status, since in session.execute(sa.select(Household.id, Household.poverty_status,
                                                            Household.poverty_status_since)
                                                  .where(Household.id.in_(part))):
            current[hid] = (status, since)
        for hid, on, status in session.execute(
                sa.select(PovertyStatusChange.household_id, PovertyStatusChange.effective_on,
                          PovertyStatusChange.status)
                .where(PovertyStatusChange.household_id.in_(part), PovertyStatusChange.deleted.is_(False))):
            history.setdefault(hid, []).append((on, status))
        for loan in session.execute(sa.select(Loan).where(Loan.household_id.in_(part),
                                                          Loan.deleted.is_(False))).scalars():
            existing.setdefault(loan.household_id, []).append(LoanTimeline(session, loan))
    for loan in batch:
        day = loan.disbursed_on
        status, since = current.get(loan.household_id, (PovertyStatus.REGISTERED, None))
        outstanding = sum(max(0, timeline.on(day)["balance_fen"]) for timeline in existing.get(loan.household_id, ())
                          if timeline.loan.disbursed_on <= day and timeline.on(day)["status"]
                          not in (LoanStatus.WRITTEN_OFF, LoanStatus.COMPENSATED))
        outstanding += sum(other.amount_fen for other in batch if other is not loan
                           and other.household_id == loan.household_id and other.disbursed_on <= day
                           < other.matures_on and (other.disbursed_on, other.key) < (day, loan.key))
        found[loan.key] = [*purpose_findings(loan.purpose_text, rules),
                           *enterprise_findings(loan.enterprise_use, day, rules),
                           *household_cap_findings(outstanding, loan.amount_fen, rules),
                           *age_findings(loan.borrower_birth, day, rules),
                           *poverty_findings(status_on(history.get(loan.household_id, ()), status, since, day), day),
                           *industry_findings(loan.category, rules)]
    return found
