"""Reading what offices type into Excel: headers, citizen IDs, dates, amounts, rates, terms and the Chinese
words for statuses. Pure functions, no database and no Qt.

A value that cannot be read raises :class:`Problem`; a problem has a stable ``code``, a Chinese reason for the
error workbook that goes back to the office (an exchange format, like the Chinese column headers, so it is
Chinese whatever the window language) and a translated message for the window and the CLI.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from app.domain.codes import citizen_id_check_char, normalize_code
from app.domain.risk import add_months
from app.i18n import QT_TRANSLATE_NOOP, translate, translate_in
from app.models.enums import LabourCapacity, LoanStatus, PovertyStatus, PurposeCategory, RiskClass, UseMode

# -- reasons ---------------------------------------------------------------------------------------------------
#: code → English source of the reason, translated through the catalogue (context "Import") for the window
#: and the CLI, and through the Chinese catalogue for the error workbook: one message per cause, the same
#: words everywhere (an exchange format, like the Chinese column headers, stays Chinese whatever the window
#: language).
REASONS: dict[str, str] = {
    "id_missing": QT_TRANSLATE_NOOP("Import", "The citizen ID is missing."),
    "id_numeric": QT_TRANSLATE_NOOP("Import", "Excel turned the citizen ID into a number and may have lost digits; "
                                              "format the column as text and enter it again."),
    "id_masked": QT_TRANSLATE_NOOP("Import", "The citizen ID is masked (contains *); enter the full number."),
    "id_length": QT_TRANSLATE_NOOP("Import", "A citizen ID has 18 characters; this one has {n}."),
    "id_shape": QT_TRANSLATE_NOOP("Import", "A citizen ID is 17 digits followed by a digit or X."),
    "id_birth": QT_TRANSLATE_NOOP("Import", "The birth date {date} inside the citizen ID does not exist."),
    "id_check": QT_TRANSLATE_NOOP("Import", "The check character of the citizen ID is wrong (a digit was "
                                            "mistyped)."),
    "id_check_zeros": QT_TRANSLATE_NOOP("Import", "The check character of the citizen ID is wrong and it ends in "
                                                  "zeros: Excel probably turned it into a number and lost the last "
                                                  "digits."),
    "name_missing": QT_TRANSLATE_NOOP("Import", "The name is missing."),
    "street_missing": QT_TRANSLATE_NOOP("Import", "The street is missing."),
    "street_unknown": QT_TRANSLATE_NOOP("Import", "\"{value}\" is not a street of Baqiao District."),
    "street_foreign": QT_TRANSLATE_NOOP("Import", "This household belongs to {street}; this node only manages "
                                                  "{own}."),
    "village_missing": QT_TRANSLATE_NOOP("Import", "The village is missing."),
    "phone_bad": QT_TRANSLATE_NOOP("Import", "The phone number \"{value}\" is not valid (11-digit mobile number or "
                                             "a landline such as 029-83512345)."),
    "size_bad": QT_TRANSLATE_NOOP("Import", "The household size \"{value}\" should be a whole number from 1 to 30."),
    "status_unknown": QT_TRANSLATE_NOOP("Import", "Unknown poverty status \"{value}\"."),
    "date_bad": QT_TRANSLATE_NOOP("Import", "{column} \"{value}\" is not a valid date."),
    "date_implausible": QT_TRANSLATE_NOOP("Import", "{column} \"{value}\" is not between 1950 and 2100."),
    "relation_no_head": QT_TRANSLATE_NOOP("Import", "The household has no row whose relation is 户主 (head)."),
    "relation_two_heads": QT_TRANSLATE_NOOP("Import", "The household has more than one head row."),
    "group_other_row": QT_TRANSLATE_NOOP("Import", "Another row of the same household has an error; the household "
                                                   "was not imported."),
    "dup_id_in_file": QT_TRANSLATE_NOOP("Import", "The citizen ID appears more than once in the file (rows "
                                                  "{rows})."),
    "dup_contract_in_file": QT_TRANSLATE_NOOP("Import", "The contract number of this bank appears more than once "
                                                        "in the file (rows {rows})."),
    "id_in_other_household": QT_TRANSLATE_NOOP("Import", "This citizen ID is already registered in another "
                                                         "household."),
    "household_deleted": QT_TRANSLATE_NOOP("Import", "This household was deleted in Fieldbook; restore it there "
                                                     "first."),
    "labour_unknown": QT_TRANSLATE_NOOP("Import", "Unknown labour capacity \"{value}\"."),
    "sex_unknown": QT_TRANSLATE_NOOP("Import", "Unknown sex \"{value}\"."),
    "bank_missing": QT_TRANSLATE_NOOP("Import", "The lending bank is missing."),
    "contract_missing": QT_TRANSLATE_NOOP("Import", "The contract number is missing."),
    "borrower_unknown": QT_TRANSLATE_NOOP("Import", "The borrower is not in the household roster (import the "
                                                    "household first)."),
    "borrower_name_mismatch": QT_TRANSLATE_NOOP("Import", "The borrower's name differs from the roster ({name})."),
    "loan_other_borrower": QT_TRANSLATE_NOOP("Import", "This contract number is already registered for another "
                                                       "borrower."),
    "loan_deleted": QT_TRANSLATE_NOOP("Import", "This loan was deleted in Fieldbook; restore it there first."),
    "amount_missing": QT_TRANSLATE_NOOP("Import", "The loan amount is missing."),
    "amount_bad": QT_TRANSLATE_NOOP("Import", "{column} \"{value}\" is not a valid amount."),
    "amount_cap": QT_TRANSLATE_NOOP("Import", "The loan amount {amount} yuan is above the cap of {cap} yuan."),
    "amount_nonpositive": QT_TRANSLATE_NOOP("Import", "The loan amount must be above 0."),
    "balance_exceeds": QT_TRANSLATE_NOOP("Import", "The balance is larger than the loan amount."),
    "dates_missing": QT_TRANSLATE_NOOP("Import", "At least two of disbursement date, maturity date and term are "
                                                 "needed."),
    "dates_inconsistent": QT_TRANSLATE_NOOP("Import", "Disbursement plus {term} months is {expected}, which does "
                                                      "not match the maturity date {matures}."),
    "matures_before": QT_TRANSLATE_NOOP("Import", "The maturity date is before the disbursement date."),
    "term_bad": QT_TRANSLATE_NOOP("Import", "Unknown loan term \"{value}\"."),
    "term_too_long": QT_TRANSLATE_NOOP("Import", "The term of {term} months is longer than the maximum of {max} "
                                                 "months."),
    "extension_too_long": QT_TRANSLATE_NOOP("Import", "The maturity date {matures} is {span} months after "
                                                      "disbursement: the term of {term} months extended by {months} "
                                                      "months, more than the extension limit of {limit} months for "
                                                      "that term (the latest maturity allowed is {latest})."),
    "extended_term_missing": QT_TRANSLATE_NOOP("Import", "The maturity is {span} months after disbursement, longer "
                                                         "than the maximum term of {max} months; for an extended "
                                                         "loan (展期) give both dates and the original term."),
    "rate_bad": QT_TRANSLATE_NOOP("Import", "The interest rate \"{value}\" cannot be read (write it as 4.35%, 4.35 "
                                            "or 0.0435)."),
    "loan_status_unknown": QT_TRANSLATE_NOOP("Import", "Unknown loan status \"{value}\"."),
    "risk_unknown": QT_TRANSLATE_NOOP("Import", "Unknown risk class \"{value}\"."),
    "use_mode_unknown": QT_TRANSLATE_NOOP("Import", "Unknown use mode \"{value}\"."),
    "purpose_unknown": QT_TRANSLATE_NOOP("Import", "Unknown purpose category \"{value}\"."),
    "formula_uncalculated": QT_TRANSLATE_NOOP("Import", "Cell {cell} ({column}) holds a formula whose result was "
                                                        "never saved; open the file in Excel or WPS, save it and "
                                                        "import it again."),
    "formula_error": QT_TRANSLATE_NOOP("Import", "The formula in cell {cell} ({column}) gives the error {value}."),
    "formula_empty": QT_TRANSLATE_NOOP("Import", "{column} is left empty by the formula in cell {cell}."),
    "hidden_column": QT_TRANSLATE_NOOP("Import", "{column} is only in hidden column {letter}; what cannot be seen "
                                                 "is not imported. Unhide the column (or delete it) and import "
                                                 "again."),
}


#: the "missing" reason of each field, which a formula or hidden-column reason for the same field supersedes
MISSING_CODES: dict[str, str] = {
    "citizen_id": "id_missing", "head_citizen_id": "id_missing", "name": "name_missing", "head_name": "name_missing",
    "street": "street_missing", "village": "village_missing", "bank": "bank_missing",
    "contract_no": "contract_missing", "amount": "amount_missing",
}


@dataclass(eq=False)
class Problem(Exception):
    """Why one value (or row) is refused."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def same(self, other: Problem) -> bool:
        return self.code == other.code and self.params == other.params

    def chinese(self) -> str:
        """The reason in Chinese (for the error workbook that goes back to the office), without the full stop."""
        return translate_in("zh_CN", "Import", REASONS[self.code], **self.params).rstrip("。.")

    def message(self) -> str:
        """The same reason in the window's language (the CLI and the import dialog)."""
        return translate("Import", REASONS[self.code], **self.params)

    def __str__(self) -> str:
        return self.message()


# -- text --------------------------------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """A cell as text: NFKC (full-width digits, brackets and ￥ become ASCII), no surrounding whitespace."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    text = unicodedata.normalize("NFKC", str(value))
    return text.strip().lstrip("'").strip()


def normalize_header(value: Any) -> str:
    """Header text for matching: NFKC, no whitespace or line breaks, no required-field star or trailing colon."""
    text = _SPACE.sub("", clean_text(value))
    return text.strip("*※:：").replace("（", "(").replace("）", ")")


def header_base_and_unit(header: str) -> tuple[str, str]:
    """``贷款金额(万元)`` → (``贷款金额``, ``万元``); ``村(社区)`` → (``村``, ``社区``)."""
    match = re.fullmatch(r"(.*?)\((.*?)\)(.*)", header)
    if not match:
        return header, ""
    return (match.group(1) + match.group(3)), match.group(2)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- citizen IDs -------------------------------------------------------------------------------------------------
def citizen_id_from_cell(value: Any) -> str:
    """The ID as text, or raise Problem. A number cell is refused, never repaired: Excel keeps 15 digits only."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Problem("id_missing")
    if isinstance(value, bool):
        raise Problem("id_shape")
    if isinstance(value, int | float | Decimal):
        raise Problem("id_numeric")
    text = normalize_code(value).lstrip("'")
    if "*" in text:
        raise Problem("id_masked")
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?E\+?[0-9]+", text) or re.fullmatch(r"[0-9]+\.[0-9]*", text):
        raise Problem("id_numeric")
    if len(text) != 18:
        raise Problem("id_length", {"n": len(text)})
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise Problem("id_shape")
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise Problem("id_birth", {"date": text[6:14]})
    if citizen_id_check_char(text[:17]) != text[17]:
        raise Problem("id_check_zeros" if text.endswith("000") else "id_check")
    return text


def birth_date_and_male(citizen_id: str) -> tuple[dt.date, bool]:
    return (dt.date(int(citizen_id[6:10]), int(citizen_id[10:12]), int(citizen_id[12:14])),
            int(citizen_id[16]) % 2 == 1)


# -- dates ------------------------------------------------------------------------------------------------------
EXCEL_EPOCH_1900 = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
_DATE_FORMS = (
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


_MONTH_FORMS = (
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?"),
    re.compile(r"(\d{4})(\d{2})"),
)


def parse_date(value: Any, column: str = "", epoch: dt.date = EXCEL_EPOCH_1900, *,
               month_ok: bool = False) -> dt.date | None:
    """Date cells, Excel serial numbers and the written forms 2019-03-01, 2019/3/1, 2019.03.01, 2019年3月1日,
    20190301. Empty → None; anything else raises Problem. Plausible years are 1950-2100.

    ``month_ok`` (optional fields such as the status date): a year and month alone (2016年12月, 2016-12, 201612)
    is kept as that month, i.e. its first day."""
    if is_blank(value):
        return None
    shown = clean_text(value)
    result: dt.date | None = None
    if month_ok:
        month = _month(value, shown)
        if month is not None:
            if not 1950 <= month.year <= 2100:
                raise Problem("date_implausible", {"column": column, "value": shown})
            return month
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if 19000101 <= number <= 21001231 and number.is_integer():
            result = _ymd(str(int(number)))
        elif 1 <= number < 2958466:
            result = epoch + dt.timedelta(days=int(number))
    else:
        text = shown
        for form in _DATE_FORMS:
            match = form.fullmatch(text)
            if match:
                result = _ymd("".join(match.groups()[:1]) + match.group(2).zfill(2) + match.group(3).zfill(2))
                break
        else:
            if re.fullmatch(r"\d{5}(\.0+)?", text):  # a serial number that arrived as text
                result = epoch + dt.timedelta(days=int(float(text)))
    if result is None:
        raise Problem("date_bad", {"column": column, "value": shown})
    if not 1950 <= result.year <= 2100:
        raise Problem("date_implausible", {"column": column, "value": shown})
    return result


def _month(value: Any, shown: str) -> dt.date | None:
    """The first day of a month written as a year and a month alone, else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            return None
        shown = str(int(value))
        if len(shown) != 6:
            return None
    elif not isinstance(value, str):
        return None
    for form in _MONTH_FORMS:
        match = form.fullmatch(shown)
        if match and 1 <= int(match.group(2)) <= 12:
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
    return None


def _ymd(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end, rounded to the nearest month (a maturity one day early still counts)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    candidates = (months - 1, months, months + 1)
    return min(candidates, key=lambda m: abs((add_months(start, m) - end).days))


# -- amounts, rates, numbers ------------------------------------------------------------------------------------
def parse_amount_fen(value: Any, column: str = "", unit: str = "") -> int | None:
    """50000, 50,000.00, 5万, 5.5万元, ￥50,000 → fen. ``unit`` from the header: 万元 multiplies by 10,000."""
    if is_blank(value):
        return None
    shown = clean_text(value)
    scale = Decimal(10_000) if "万" in unit else Decimal(1)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = _SPACE.sub("", shown).replace(",", "").replace("¥", "").replace("RMB", "").replace("人民币", "")
        if text.endswith("元"):
            text = text[:-1]
        if text.endswith("万"):
            text, scale = text[:-1], Decimal(10_000)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise Problem("amount_bad", {"column": column, "value": shown}) from None
    if not number.is_finite() or number < 0:
        raise Problem("amount_bad", {"column": column, "value": shown})
    return int((number * scale * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_rate_bp(value: Any) -> int | None:
    """4.35%, 4.35, 0.0435 → 435 basis points (a yearly rate)."""
    if is_blank(value):
        return None
    shown = clean_text(value)
    text = _SPACE.sub("", shown)
    percent = text.endswith("%")
    try:
        number = Decimal(str(value)) if isinstance(value, int | float) else Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise Problem("rate_bad", {"value": shown}) from None
    if not number.is_finite() or number <= 0:
        raise Problem("rate_bad", {"value": shown})
    if not percent and number < 1:
        number *= 100
    if number >= 30:
        raise Problem("rate_bad", {"value": shown})
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_term_months(value: Any, unit: str = "") -> int | None:
    """36, 36个月, 3年, ``期限(年)`` 3 → months."""
    if is_blank(value):
        return None
    shown = clean_text(value)
    text = _SPACE.sub("", shown)
    years = "年" in unit
    for suffix, is_years in (("个月", False), ("月", False), ("年", True)):
        if text.endswith(suffix):
            text, years = text[: -len(suffix)], is_years
            break
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise Problem("term_bad", {"value": shown}) from None
    months = number * 12 if years else number
    if months <= 0 or months != months.to_integral_value():
        raise Problem("term_bad", {"value": shown})
    return int(months)


def parse_int(value: Any) -> int | None:
    """A whole number, or None when blank; raises ValueError otherwise (``3人`` → 3)."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise ValueError(value)
    text = _SPACE.sub("", clean_text(value)).rstrip("人口户")
    return int(text)


# -- words -------------------------------------------------------------------------------------------------------
#: Chinese words used in ledgers (export) and the first word of each list is how exports write it.
POVERTY_WORDS: dict[PovertyStatus, tuple[str, ...]] = {
    PovertyStatus.REGISTERED: ("建档立卡贫困户", "建档立卡户", "建档立卡", "贫困户", "未脱贫户", "一般贫困户",
                               "低保贫困户", "五保贫困户"),
    PovertyStatus.EXITED: ("已脱贫户", "已脱贫", "脱贫户", "脱贫", "稳定脱贫户", "建档立卡脱贫户"),
    PovertyStatus.RETURNED: ("返贫户", "返贫"),
    PovertyStatus.MONITORED: ("监测对象", "监测户", "监测", "边缘易致贫户", "脱贫不稳定户", "突发严重困难户"),
}
#: keyword rules for words not listed above; the order matters (脱贫不稳定户 is monitored, 未脱贫 is registered)
POVERTY_RULES: tuple[tuple[PovertyStatus, tuple[str, ...]], ...] = (
    (PovertyStatus.MONITORED, ("监测", "边缘", "不稳定", "突发严重困难", "三类户")),
    (PovertyStatus.RETURNED, ("返贫",)),
    (PovertyStatus.REGISTERED, ("未脱贫",)),
    (PovertyStatus.EXITED, ("脱贫",)),
    (PovertyStatus.REGISTERED, ("贫困", "建档立卡", "低保", "五保", "特困")),
)
LOAN_STATUS_WORDS: dict[LoanStatus, tuple[str, ...]] = {
    LoanStatus.WRITTEN_OFF: ("已核销", "核销"),
    LoanStatus.COMPENSATED: ("已代偿", "代偿"),
    LoanStatus.RENEWED: ("无还本续贷", "续贷"),
    LoanStatus.EXTENDED: ("展期",),
    LoanStatus.OVERDUE: ("逾期",),
    LoanStatus.REPAID: ("已结清", "结清", "已还清", "还清"),
    LoanStatus.ACTIVE: ("正常", "在贷", "未结清", "存续", "正常还款"),
}
RISK_WORDS: dict[RiskClass, tuple[str, ...]] = {
    RiskClass.NORMAL: ("正常",), RiskClass.SPECIAL_MENTION: ("关注",), RiskClass.SUBSTANDARD: ("次级",),
    RiskClass.DOUBTFUL: ("可疑",), RiskClass.LOSS: ("损失",),
}
USE_MODE_WORDS: dict[UseMode, tuple[str, ...]] = {
    UseMode.ENTERPRISE: ("户贷企用", "企用", "委托经营", "企业"),
    UseMode.HOUSEHOLD: ("户贷户用", "户用", "自用", "自主经营", "户贷户用户还"),
}
PURPOSE_WORDS: dict[PurposeCategory, tuple[str, ...]] = {
    PurposeCategory.AQUACULTURE: ("水产养殖", "水产", "养鱼", "渔"),
    PurposeCategory.LIVESTOCK: ("畜牧养殖", "养殖", "养", "畜", "牛", "羊", "猪", "鸡", "蜂"),
    PurposeCategory.PLANTING: ("种植", "种", "果", "菜", "葡萄", "樱桃", "苗木", "大棚"),
    PurposeCategory.PROCESSING: ("加工",),
    PurposeCategory.TOURISM: ("乡村旅游", "旅游", "农家乐", "民宿"),
    PurposeCategory.TRANSPORT: ("运输", "物流", "货车"),
    PurposeCategory.COMMERCE: ("商贸流通", "商贸", "经商", "商店", "超市", "小卖", "零售", "批发", "餐饮", "经营"),
    PurposeCategory.OTHER_PRODUCTION: ("其他生产", "其他"),
}
LABOUR_WORDS: dict[LabourCapacity, tuple[str, ...]] = {
    LabourCapacity.PARTIAL: ("弱劳动力", "半劳动力", "部分丧失劳动力", "部分丧失", "弱"),
    LabourCapacity.NONE: ("无劳动力", "丧失劳动力", "无劳动能力", "丧失劳动能力", "无"),
    LabourCapacity.FULL: ("普通劳动力", "技能劳动力", "有劳动力", "劳动力", "有", "强"),
}
HEAD_WORDS = ("户主", "本人", "户主本人")


def word_of(mapping: dict[Any, tuple[str, ...]], member: Any) -> str:
    """The Chinese word exports write for an enum member."""
    return mapping[member][0]


def match_word(mapping: dict[Any, tuple[str, ...]], value: Any, code: str,
               rules: tuple[tuple[Any, tuple[str, ...]], ...] | None = None) -> Any:
    """Map a Chinese word (or the stable code) to an enum member: an exact word first, then the first rule whose
    keyword the text contains (``rules`` default to the mapping's own words in order); raise Problem(code)."""
    text = _SPACE.sub("", clean_text(value))
    for member in mapping:
        if text == str(member.value) or text in mapping[member]:
            return member
    for member, words in rules if rules is not None else tuple(mapping.items()):
        if any(word in text for word in words):
            return member
    raise Problem(code, {"value": text})


def match_poverty_status(value: Any) -> PovertyStatus:
    return PovertyStatus(match_word(POVERTY_WORDS, value, "status_unknown", POVERTY_RULES))


def purpose_category_for(text: str) -> PurposeCategory:
    """The category a purpose description most likely belongs to (養殖 → livestock); other_production if none."""
    try:
        return PurposeCategory(match_word(PURPOSE_WORDS, text, "purpose_unknown"))
    except Problem:
        return PurposeCategory.OTHER_PRODUCTION


def is_head_relation(value: Any) -> bool:
    return _SPACE.sub("", clean_text(value)) in HEAD_WORDS


def parse_sex(value: Any) -> bool | None:
    """True for male, False for female, None when blank; raise Problem otherwise."""
    text = clean_text(value)
    if not text:
        return None
    if text in {"男", "M", "m", "male"}:
        return True
    if text in {"女", "F", "f", "female"}:
        return False
    raise Problem("sex_unknown", {"value": text})


# -- streets -----------------------------------------------------------------------------------------------------
_STREET_SUFFIX = re.compile(r"(街道办事处|街道办|街办|街道|镇人民政府|镇政府|镇|乡)$")


def street_key(name: str) -> str:
    """纺织城街道 / 纺织城街办 / 纺织城 → 纺织城."""
    return _STREET_SUFFIX.sub("", _SPACE.sub("", clean_text(name)))


def match_street(value: Any, streets: dict[str, str]) -> str:
    """A street code from a name (any common suffix) or a 9- or 12-digit code; raise Problem when unknown.

    ``streets`` maps code → official name."""
    text = _SPACE.sub("", clean_text(value))
    if not text:
        raise Problem("street_missing")
    if re.fullmatch(r"\d{9}(000)?", text) and text[:9] in streets:
        return text[:9]
    key = street_key(text)
    for code, name in streets.items():
        if key and key == street_key(name):
            return code
    raise Problem("street_unknown", {"value": text})


def find_street_in_text(text: str, streets: dict[str, str]) -> str | None:
    """The one street whose name appears in a title such as 狄寨街道建档立卡贫困户名单."""
    found = {code for code, name in streets.items() if street_key(name) and street_key(name) in text}
    return found.pop() if len(found) == 1 else None
