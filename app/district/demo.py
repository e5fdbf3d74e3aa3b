"""A realistic synthetic district for demonstrations, tests and benchmarks (``python main.py demo``).

Everything is made up but shaped like the real thing: villages under the nine streets of Baqiao District,
households with common Chinese names and valid citizen IDs (GB 11643, address 610111, real birth dates,
sex from the 17th digit), members with relations, dated poverty-status history, the lending banks, and loans
at every stage relative to ``as_of``: current, maturing within 30 days, overdue long enough to reach every
five-class bucket, repaid, extended, and a few enterprise-use (户贷企用) stock loans made before the cutoff.

Deterministic for a seed on a given node content: the random generator is seeded with the seed *and* the
number of households already present, so a second run adds different households, and citizen IDs and
contract numbers are checked against what the node already holds, so no unique constraint is ever hit.

Rows are generated as plain dicts and written through :meth:`AuditLog.bulk_insert` (the one bulk path that
keeps the audit chain) in one write transaction per batch, never through per-row ORM objects; this is what
makes 50,000 households fit in about a minute.

Conventions the other layers can rely on:
- ``overdue_since`` is the first day a loan is overdue (the day after ``matures_on``); days past due on a
  date ``d`` are ``(d - matures_on).days``; the risk class follows the thresholds in :mod:`app.settings`;
- ``matures_on == add_months(disbursed_on, term_months + extended_months)``;
- amounts are integer fen, an overdue loan's whole remaining principal is overdue (bullet repayment).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
import random
import secrets
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from app import settings
from app.db.keyring import DEFAULT_KDF, KdfParams
from app.domain.names import pinyin_initials
from app.domain.permissions import Permission, Role, has_permission
from app.domain.risk import add_months
from app.i18n import translate
from app.models import Bank, Household, Loan, Member, PovertyStatusChange, Repayment, User, Village
from app.models.enums import (
    CreditGrade,
    LabourCapacity,
    LoanStatus,
    NodeRole,
    PovertyStatus,
    PurposeCategory,
    RiskClass,
    Sex,
    UseMode,
)
from app.models.places import BAQIAO_STREETS, DISTRICT_CODE, DISTRICT_NAME

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
_StatusChange = tuple[PovertyStatus, dt.date, str]

#: households written per transaction (≈ 10,000 rows with members, history, loans and repayments)
BATCH_HOUSEHOLDS = 1_000
#: share of borrowing households with an earlier, settled loan as well
EARLIER_LOANS = 0.4
#: demo accounts created next to the calling admin (same password; demo nodes only)
DEMO_USERS: tuple[tuple[str, Role], ...] = (
    ("cadre", Role.FIELD), ("supervisor", Role.SUPERVISOR), ("banker", Role.BANK), ("district", Role.DISTRICT),
)
#: the names the demo's people sign with (回访人, 记录人, 打印人): a person's name, never the login name
DEMO_DISPLAY_NAMES = {"cadre": "王晓燕", "supervisor": "刘建华", "banker": "陈志刚", "district": "赵敏"}


# -- calendar ------------------------------------------------------------------------------------------------
# -- reference data ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoBank:
    code: str
    name: str
    contract_prefix: str
    weight: int


BANKS: tuple[DemoBank, ...] = (
    DemoBank("CABANK-BQ", "长安银行灞桥支行", "CAB-BQFP", 30),
    DemoBank("XARCB-BQ", "西安农商银行灞桥支行", "XRC-BQFP", 50),
    DemoBank("PSBC-BQ", "邮储银行灞桥支行", "PSB-BQFP", 20),
)

#: villages (…村) of each street: real-sounding names, a few per street
VILLAGES: dict[str, tuple[str, ...]] = {
    "610111001": ("田家湾村", "纺渭村", "米家崖村", "东城村", "韩森寨村"),
    "610111002": ("十里铺村", "黄家庄村", "石家街村", "杨家堡村", "漕渠村", "马家沟村"),
    "610111003": ("红旗村", "水流村", "寇家村", "南殿村", "雷家寨村", "北辰村"),
    "610111004": ("席王村", "谢王村", "陈家庄村", "燎原村", "堡子村", "豁口村", "长乐坡村"),
    "610111005": ("洪庆村", "山底村", "庙湾村", "孙家湾村", "郭李村", "赵村", "迪村", "枣园村"),
    "610111006": ("狄寨村", "鲍旗寨村", "南王村", "岳家沟村", "张李村", "窑店村", "北宋村", "小寨村",
                  "白鹿村"),
    "610111007": ("灞桥村", "柳巷村", "务庄村", "吕家堡村", "东桃园村", "西桃园村", "小湾村"),
    "610111008": ("新筑村", "新房村", "枣林村", "于家村", "桃园村", "西渭阳村", "东渭阳村", "北辰村"),
    "610111009": ("新合村", "潘村", "马渡村", "寇家村", "西王村", "杜家村", "苏王村", "河沟村"),
}

#: common surnames of Shaanxi with rough weights (per mille)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 95), ("李", 85), ("张", 80), ("刘", 70), ("杨", 55), ("陈", 45), ("赵", 40), ("郭", 30),
    ("马", 30), ("高", 28), ("孙", 25), ("周", 22), ("吴", 20), ("徐", 18), ("胡", 18), ("朱", 16),
    ("冯", 16), ("何", 14), ("雷", 14), ("田", 14), ("韩", 13), ("任", 13), ("黄", 12), ("薛", 12),
    ("董", 11), ("段", 10), ("寇", 10), ("鲍", 9), ("吕", 9), ("梁", 9), ("宋", 9), ("曹", 9),
    ("魏", 8), ("贾", 8), ("党", 8), ("姚", 7), ("惠", 6), ("屈", 6), ("白", 8), ("苏", 7),
)
#: given names by generation (older names of the 1940s-60s, middle 1970s-80s, young 1990s onward)
MALE_GIVEN = {
    "old": ("建国", "建军", "国强", "德胜", "满仓", "长安", "保平", "新民", "志华", "振华", "福林", "忠孝",
            "立新", "永安", "宝成", "文斌", "玉林", "金生", "根生", "有才", "社教", "秋生", "卫东", "解放"),
    "mid": ("志强", "海军", "军锋", "小龙", "红伟", "亚军", "斌", "勇", "涛", "鹏", "磊", "伟", "锋", "刚",
            "宏亮", "建锋", "小军", "卫平", "晓东", "永刚", "文涛", "俊杰", "军利", "辉"),
    "young": ("浩", "子轩", "浩然", "宇航", "博文", "梓豪", "晨阳", "一鸣", "家豪", "俊熙", "睿", "嘉怡",
              "航", "天佑", "思远", "明轩", "泽宇", "子墨", "皓轩", "瑞", "鑫", "凯", "帅", "欣然"),
}
FEMALE_GIVEN = {
    "old": ("秀兰", "桂英", "秀英", "玉兰", "淑芳", "桂兰", "凤英", "兰英", "彩霞", "秀珍", "玉梅", "翠花",
            "冬梅", "粉娥", "爱莲", "淑珍", "菊香", "改琴", "巧云", "银环", "翠兰", "玉琴", "小娥", "芳"),
    "mid": ("丽", "娟", "敏", "静", "艳", "红霞", "丽娟", "小燕", "海燕", "晓梅", "亚丽", "彩红", "妮",
            "丹", "莉", "晓琴", "雪梅", "春燕", "小红", "婷", "芳芳", "萍", "瑞娟", "丽萍"),
    "young": ("欣怡", "梓涵", "子涵", "雨萱", "诗涵", "可馨", "佳怡", "一诺", "思琪", "梦瑶", "悦",
              "雅琪", "雨桐", "若曦", "心怡", "紫涵", "语嫣", "佳琪", "艺涵", "婉婷", "静怡", "梦洁", "晨曦", "欣妍"),
}
MOBILE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
                   "158", "159", "173", "177", "180", "181", "182", "183", "186", "187", "188", "189", "191",
                   "199")

#: what a loan finances, with the realistic projects of Baqiao's approved industries
PURPOSES: tuple[tuple[PurposeCategory, int, tuple[str, ...]], ...] = (
    (PurposeCategory.PLANTING, 34, ("樱桃种植", "葡萄种植", "草莓大棚", "蔬菜大棚", "核桃种植", "石榴种植",
                                    "苗木培育", "食用菌种植")),
    (PurposeCategory.LIVESTOCK, 30, ("养牛", "养羊", "生猪养殖", "蛋鸡养殖", "肉鸡养殖", "奶山羊养殖")),
    (PurposeCategory.AQUACULTURE, 3, ("鱼塘养殖", "泥鳅养殖")),
    (PurposeCategory.PROCESSING, 8, ("面食加工", "豆腐坊", "粉条加工", "樱桃果酱加工")),
    (PurposeCategory.COMMERCE, 12, ("小卖部经营", "农资门市", "果蔬批发", "电商销售樱桃")),
    (PurposeCategory.TOURISM, 6, ("农家乐", "白鹿原民宿", "采摘园")),
    (PurposeCategory.TRANSPORT, 4, ("农用三轮车运输", "农产品运输")),
    (PurposeCategory.OTHER_PRODUCTION, 3, ("农机服务", "手工编织")),
)
ENTERPRISES = ("西安白鹿原樱桃专业合作社", "灞桥区洪庆山养殖有限公司", "西安灞水农业科技有限公司",
               "狄寨奶山羊养殖专业合作社", "西安新筑现代农业发展有限公司")

#: stage of the latest loan of a household (weights per thousand); overdue stages carry days past due
STAGES: tuple[tuple[str, int, int], ...] = (
    ("current", 0, 500), ("maturing", 0, 70), ("repaid", 0, 240), ("extended", 0, 60),
    ("overdue", 1, 0), ("overdue", 30, 0), ("overdue", 95, 0), ("overdue", 200, 0), ("overdue", 400, 0),
    ("overdue_random", 0, 130),
)
#: the first loans of every run go through these, so even a tiny demo shows every stage and risk class
SHOWCASE: tuple[tuple[str, int], ...] = (
    ("current", 0), ("maturing", 0), ("overdue", 1), ("overdue", 30), ("overdue", 95), ("overdue", 200),
    ("overdue", 400), ("repaid", 0), ("extended", 0), ("enterprise", 0),
)
#: overdue days of ``overdue_random`` loans: ranges within each five-class bucket (weights per thousand)
OVERDUE_RANGES: tuple[tuple[int, int, int], ...] = (
    (1, 30, 330), (31, 90, 220), (91, 180, 200), (181, 360, 140), (361, 900, 110),
)
ENTERPRISE_USE_FROM = dt.date(2016, 3, 1)


#: GB 11643 weights (as in app.domain.codes) split so the birth-date stem's part is summed once per date
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_SEQ_WEIGHTS = tuple(sum(int(d) * w for d, w in zip(f"{seq:03d}", _ID_WEIGHTS[14:], strict=True))
                     for seq in range(1000))
_STEM_WEIGHTS: dict[str, int] = {}


class _TimeOrderedIds:
    """UUIDv7-style keys (RFC 9562): millisecond time first, then a counter, then random bits.

    Random (v4) keys land on random pages of every primary-key index and of the audit log's record index;
    once those outgrow the page cache each insert pays a page read and decryption. Time-ordered keys append
    at the right edge instead, which keeps a 50,000-household demo linear in time. They are still unique
    across nodes (62 random bits per run) and still valid UUIDs.
    """

    def __init__(self) -> None:
        self._millis = time.time_ns() // 1_000_000
        self._counter = secrets.randbits(12) << 32
        self._random = secrets.randbits(30) << 32

    def __call__(self) -> uuid.UUID:
        self._counter += 1
        if self._counter >= 1 << 44:
            self._millis += 1
            self._counter = 0
        high = (self._counter >> 32) & 0xFFF
        low = self._random | (self._counter & 0xFFFFFFFF)
        return uuid.UUID(int=(self._millis & 0xFFFFFFFFFFFF) << 80 | 0x7 << 76 | high << 64 | 0b10 << 62 | low)


class _Weighted:
    """Fast weighted choice with a precomputed cumulative table (random.choices rebuilds it every call)."""

    def __init__(self, items: tuple[Any, ...] | list[Any], weights: tuple[int, ...] | list[int]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


_SURNAME = _Weighted([s for s, _ in SURNAMES], [w for _, w in SURNAMES])
_BANK = _Weighted(list(BANKS), [b.weight for b in BANKS])
_PURPOSE = _Weighted(list(PURPOSES), [w for _, w, _ in PURPOSES])
_STAGE = _Weighted([(s, d) for s, d, _ in STAGES], [w for _, _, w in STAGES])
_OVERDUE_RANGE = _Weighted([(lo, hi) for lo, hi, _ in OVERDUE_RANGES], [w for _, _, w in OVERDUE_RANGES])
_SIZE = _Weighted([1, 2, 3, 4, 5, 6, 7], [60, 130, 200, 260, 200, 110, 40])
_GRADE = _Weighted([(CreditGrade.AAA, 50_000), (CreditGrade.AA, 40_000), (CreditGrade.A, 30_000)], [55, 30, 15])
_AMOUNT = _Weighted([10_000, 20_000, 30_000, 40_000, 50_000], [8, 14, 20, 18, 40])
_TERM = _Weighted([12, 24, 36], [25, 15, 60])


# -- people ---------------------------------------------------------------------------------------------------
@dataclass
class _Person:
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


class _Generator:
    """Builds rows for one run; keeps the sets that guarantee uniqueness against what the node holds."""

    def __init__(self, rng: random.Random, as_of: dt.date, used_ids: set[str], used_contracts: set[tuple[str, str]],
                 risk_days: tuple[int, int, int, int]) -> None:
        self.rng = rng
        self.as_of = as_of
        self.used_ids = used_ids
        self.used_contracts = used_contracts
        self.special_from, self.substandard_from, self.doubtful_from, self.loss_from = risk_days
        self.contract_serial: dict[str, int] = {}
        self.loan_index = 0
        self.cutoff = settings.ENTERPRISE_USE_CUTOFF.default
        self._ordinal_today = as_of.toordinal()
        self.new_id = _TimeOrderedIds()

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
        stem = f"{DISTRICT_CODE}{birth:%Y%m%d}"
        partial = _STEM_WEIGHTS.get(stem)
        if partial is None:
            partial = _STEM_WEIGHTS[stem] = sum(int(d) * w for d, w in zip(stem, _ID_WEIGHTS, strict=False))
        seq = int(self.rng.random() * 500) * 2 + (1 if male else 0)
        for _ in range(500):
            number = f"{stem}{seq:03d}" + _ID_CHECK[(partial + _SEQ_WEIGHTS[seq]) % 11]
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
            seq = (seq + 2) % 1000
        raise RuntimeError(f"no free citizen ID sequence left for {birth}")  # 500 people born the same day

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{int(self.rng.random() * 100_000_000):08d}"

    def person(self, surname: str, relation: str, male: bool, age: int) -> _Person:
        birth = self.birth_date(max(age, 0))
        person = _Person(surname + self.given_name(male, birth.year), relation, male, birth, id=self.new_id())
        person.citizen_id = self.citizen_id(birth, male)
        if age >= 18 and self.rng.random() < (0.95 if age < 60 else 0.6):
            person.phone = self.phone()
        if age < 16 or age >= 75:
            person.labour = LabourCapacity.NONE
        elif age >= 60 or self.rng.random() < 0.12:  # older, or ill or disabled (a common cause of poverty)
            person.labour = LabourCapacity.PARTIAL if self.rng.random() < 0.8 else LabourCapacity.NONE
        return person

    def family(self) -> list[_Person]:
        rng = self.rng
        size = _SIZE.pick(rng)
        head_male = rng.random() < 0.85
        head_age = rng.randint(26, 76)
        surname = _SURNAME.pick(rng)
        head = self.person(surname, "户主", head_male, head_age)
        people = [head]
        child_surname = surname
        if size >= 2 and rng.random() < 0.9:
            spouse_surname = _SURNAME.pick(rng)
            spouse_age = max(20, head_age + rng.randint(-5, 5) + (-2 if head_male else 2))
            people.append(self.person(spouse_surname, "配偶", not head_male, spouse_age))
            if not head_male:
                child_surname = spouse_surname
        if len(people) < size and head_age <= 55 and rng.random() < 0.45:
            father_age, mother_age = head_age + rng.randint(22, 34), head_age + rng.randint(20, 30)
            if rng.random() < 0.5 and father_age <= 92:
                people.append(self.person(surname, "之父", True, father_age))
            if len(people) < size and mother_age <= 94:
                people.append(self.person(_SURNAME.pick(rng), "之母", False, mother_age))
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
    def poverty_history(self) -> list[_StatusChange]:
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

    def _until_today(self, history: list[_StatusChange]) -> list[_StatusChange]:
        return [entry for entry in history if entry[1] <= self.as_of] or history[:1]

    # -- loans --------------------------------------------------------------------------------------------
    def stage(self) -> tuple[str, int]:
        """Stage of the next latest loan; the showcase advances only when its loan was made (``made``)."""
        if self.loan_index < len(SHOWCASE):
            return SHOWCASE[self.loan_index]
        stage, days = _STAGE.pick(self.rng)
        if stage == "overdue_random":
            lo, hi = _OVERDUE_RANGE.pick(self.rng)
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

    def loan(self, household: dict[str, Any], borrower: _Person, stage: str, days: int, bank_ids: dict[str, uuid.UUID],
             before: dt.date | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
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
            term = _TERM.pick(rng)
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
        if not 18 <= age <= 65:
            return None
        grade, line_yuan = _GRADE.pick(rng)
        amount = min(_AMOUNT.pick(rng), line_yuan) * 100
        rate = 435 if term <= 12 else 475
        bank = _BANK.pick(rng)
        category, _, projects = _PURPOSE.pick(rng)
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
        overdue_since = None
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
            principal_paid = amount
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
        interest_paid = sum(r["interest_fen"] for r in repayments)
        row = {
            "id": loan_id, "bank_id": bank_ids[bank.code], "contract_no": self.contract_no(bank, disbursed.year),
            "household_id": household["id"], "borrower_id": borrower.id, "borrower_name": borrower.name,
            "borrower_citizen_id": borrower.citizen_id, "street_code": household["street_code"],
            "amount_fen": amount, "disbursed_on": disbursed, "term_months": term, "matures_on": matures,
            "rate_bp": rate, "purpose_category": category,
            "purpose_text": f"委托{rng.choice(ENTERPRISES)}经营（{project}）" if enterprise else project,
            "use_mode": UseMode.ENTERPRISE if enterprise else UseMode.HOUSEHOLD, "enterprise_id": None,
            "credit_grade": grade, "credit_line_fen": line_yuan * 100, "balance_fen": amount - principal_paid,
            "overdue_fen": overdue_fen, "overdue_since": overdue_since, "interest_arrears_fen": interest_arrears,
            "risk_class": risk, "risk_class_on": risk_on, "risk_class_reason": risk_reason,
            # full interest subsidy for registered households while the loan is not overdue
            "subsidy_claimed_fen": interest_paid,
            "subsidy_paid_fen": sum(r["interest_fen"] for r in repayments
                                    if (self.as_of - r["paid_on"]).days > 90),
            "extended_months": extended, "status": status,
        }
        return row, repayments


# -- the command ----------------------------------------------------------------------------------------------
@dataclass
class _Rows:
    households: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    loans: list[dict[str, Any]] = field(default_factory=list)
    repayments: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.households) + len(self.members) + len(self.history) + len(self.loans) + len(self.repayments)


@dataclass
class DemoCounts:
    households: int = 0
    members: int = 0
    status_changes: int = 0
    loans: int = 0
    repayments: int = 0
    villages: int = 0
    banks: int = 0
    users: list[str] = field(default_factory=list)


def fill_demo(store: Any, households: int = 500, seed: int = 1, show_login: bool = False, password: str = "",
              progress: Progress | None = None, as_of: dt.date | None = None,
              kdf: KdfParams = DEFAULT_KDF) -> str:
    """Add ``households`` synthetic households (with members, history, loans, repayments) and return a summary.

    A field node gets households of its own street only. ``password`` (the calling admin's) is given to the
    demo accounts cadre/supervisor/banker/district that do not exist yet; ``show_login`` publishes them on the
    login screen. ``progress(done, total)`` is called after each batch. ``kdf`` is for tests.
    """
    counts = generate(store, households, seed=seed, progress=progress, as_of=as_of)
    from app.district.programs import fill_programs  # enterprises, dividends, subsidies, the fund, outreach

    fill_programs(store, as_of or dt.date.today(), seed)
    if password:
        counts.users = _demo_users(store, password, kdf)
        if show_login:
            _publish_login(store, counts.users, password)
    return translate("Demo", "{households} households with {members} members, {loans} loans, {repayments} "
                             "repayments, {villages} new villages, {banks} new banks, {users} new accounts",
                     households=counts.households, members=counts.members, loans=counts.loans,
                     repayments=counts.repayments, villages=counts.villages, banks=counts.banks,
                     users=len(counts.users))


def generate(store: Any, households: int, seed: int = 1, progress: Progress | None = None,
             as_of: dt.date | None = None, batch: int = BATCH_HOUSEHOLDS,
             earlier_loans: float = EARLIER_LOANS) -> DemoCounts:
    """Write the synthetic records (no accounts); returns what was added.

    ``earlier_loans`` is the share of borrowing households that also had an earlier, settled loan (about 1.15
    loans per household by default; the benchmark's city scale raises it to reach 1.5).
    """
    as_of = as_of or dt.date.today()
    field_node = store.info.role == NodeRole.FIELD.value
    streets = [(code, name) for code, name in BAQIAO_STREETS if not field_node or code == store.info.street_code]
    counts = DemoCounts()
    with store.read() as session:
        existing = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar_one()
        used_ids = set(session.execute(sa.select(Household.head_citizen_id)).scalars())
        used_ids.update(i for i in session.execute(sa.select(Member.citizen_id)).scalars() if i)
        banks = {code: bank_id for code, bank_id in session.execute(sa.select(Bank.code, Bank.id))}
        bank_names = set(session.execute(sa.select(Bank.name)).scalars())
        bank_code_of = {v: k for k, v in banks.items()}
        used_contracts = {(bank_code_of.get(b, ""), no)
                          for b, no in session.execute(sa.select(Loan.bank_id, Loan.contract_no))}
        villages: dict[tuple[str, str], uuid.UUID] = {
            (s, n): i for s, n, i in session.execute(sa.select(Village.street_code, Village.name, Village.id))}
    risk_days = (store.setting(settings.SPECIAL_MENTION_DAYS), store.setting(settings.SUBSTANDARD_DAYS),
                 store.setting(settings.DOUBTFUL_DAYS), store.setting(settings.LOSS_DAYS))
    rng = random.Random(f"fieldbook-demo:{seed}:{existing}")
    gen = _Generator(rng, as_of, used_ids, used_contracts, risk_days)

    new_banks = [{"id": uuid.uuid4(), "code": b.code, "name": b.name} for b in BANKS
                 if b.code not in banks and b.name not in bank_names]
    new_villages: list[dict[str, Any]] = []
    for code, _name in streets:
        for number, village in enumerate(VILLAGES[code], start=1):
            if (code, village) not in villages:
                village_id = uuid.uuid4()
                new_villages.append({"id": village_id, "street_code": code, "code": f"{code}{200 + number:03d}",
                                     "name": village})
                villages[(code, village)] = village_id
    with store.write() as session:
        store.audit.bulk_insert(session, Bank, new_banks)
        store.audit.bulk_insert(session, Village, new_villages)
    banks.update({row["code"]: row["id"] for row in new_banks})
    missing = [b.code for b in BANKS if b.code not in banks]
    if missing:  # a bank of the same name exists under another code: lend through it
        with store.read() as session:
            by_name = {name: i for name, i in session.execute(sa.select(Bank.name, Bank.id))}
        banks.update({b.code: by_name[b.name] for b in BANKS if b.code in missing})
    counts.banks, counts.villages = len(new_banks), len(new_villages)
    village_list = [(code, street, [(v, villages[(code, v)]) for v in VILLAGES[code]]) for code, street in streets]

    # Generating a batch (Python, holds the GIL) overlaps with writing the previous one: SQLCipher's
    # encryption, the B-tree work and the commit's fsync release the GIL, so on two cores this hides most
    # of the generation time. The random generator is only used here, so the result stays deterministic.
    def write(rows: _Rows) -> _Rows:
        with store.write() as session:
            for model, chunk in ((Household, rows.households), (Member, rows.members),
                                 (PovertyStatusChange, rows.history), (Loan, rows.loans),
                                 (Repayment, rows.repayments)):
                store.audit.bulk_insert(session, model, chunk)
        return rows

    def written(rows: _Rows) -> None:
        counts.households += len(rows.households)
        counts.members += len(rows.members)
        counts.status_changes += len(rows.history)
        counts.loans += len(rows.loans)
        counts.repayments += len(rows.repayments)
        if progress is not None:
            progress(counts.households, households)

    generated = 0
    serial = existing
    pending: Future[_Rows] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer") as writer:
        try:
            while generated < households:
                rows = _Rows()
                for _ in range(min(batch, households - generated)):
                    serial += 1
                    _household(gen, rows, village_list, serial, banks, earlier_loans)
                generated += len(rows.households)
                if pending is not None:
                    written(pending.result())
                pending = writer.submit(write, rows)
            if pending is not None:
                written(pending.result())
                pending = None
        finally:
            if pending is not None:  # cancelled or failed while a batch was being written: let it finish
                pending.exception()
    log.info("demo: added %d households, %d loans", counts.households, counts.loans)
    return counts


def _household(gen: _Generator, rows: _Rows, village_list: list[tuple[str, str, list[tuple[str, uuid.UUID]]]],
               serial: int, bank_ids: dict[str, uuid.UUID], earlier_loans: float) -> None:
    rng = gen.rng
    street_code, street_name, villages = village_list[int(rng.random() * len(village_list))]
    village_name, village_id = villages[int(rng.random() * len(villages))]
    people = gen.family()
    head = people[0]
    if not head.phone:
        head.phone = gen.phone()
    history = gen.poverty_history()
    group = rng.randint(1, 9)
    household_id = gen.new_id()
    household = {
        "id": household_id, "street_code": street_code, "village_id": village_id, "group_name": f"{group}组",
        "household_no": f"{street_code}{serial:07d}", "head_name": head.name,
        "head_initials": pinyin_initials(head.name), "head_citizen_id": head.citizen_id, "phone": head.phone,
        "address": f"{DISTRICT_NAME}{street_name}{village_name}{group}组{rng.randint(1, 160)}号",
        "size": len(people), "poverty_status": history[-1][0], "poverty_status_since": history[-1][1], "note": "",
    }
    rows.households.append(household)
    for position, person in enumerate(people):
        rows.members.append({
            "id": person.id, "household_id": household_id, "position": position, "name": person.name,
            "relation": person.relation, "citizen_id": person.citizen_id,
            "sex": Sex.MALE if person.male else Sex.FEMALE, "birth_date": person.birth, "phone": person.phone,
            "labour_capacity": person.labour, "is_head": position == 0,
        })
    for status, on, note in history:
        rows.history.append({"id": gen.new_id(), "household_id": household_id, "status": status,
                             "effective_on": on, "note": note})
    if rng.random() >= 0.88 and gen.loan_index >= len(SHOWCASE):  # about one household in eight has no loan
        return
    adults = [p for p in people if 20 <= (gen.as_of - p.birth).days // 365 <= 62]
    if not adults:
        return
    borrower = adults[0] if rng.random() < 0.8 else adults[int(rng.random() * len(adults))]
    stage, days = gen.stage()
    made = gen.loan(household, borrower, stage, days, bank_ids)
    if made is None:
        return
    loan, repayments = made
    gen.loan_index += 1
    rows.loans.append(loan)
    rows.repayments.extend(repayments)
    if rng.random() < earlier_loans:  # an earlier loan, repaid (or a stock enterprise-use loan) before this one
        kind = "enterprise" if rng.random() < 0.15 else "repaid"
        earlier = gen.loan(household, borrower, kind, 0, bank_ids, before=loan["disbursed_on"])
        if earlier is not None:
            rows.loans.append(earlier[0])
            rows.repayments.extend(earlier[1])


def _demo_users(store: Any, password: str, kdf: KdfParams) -> list[str]:
    if not has_permission(store.user.role, Permission.MANAGE_USERS):
        return []
    with store.read() as session:
        present = set(session.execute(sa.select(User.username)).scalars())
    created = []
    for username, role in DEMO_USERS:
        if username not in present:
            store.add_user(username, role, password, display_name=DEMO_DISPLAY_NAMES.get(username, username), kdf=kdf)
            created.append(username)
    return created


def _publish_login(store: Any, created: list[str], password: str) -> None:
    with store.read() as session:
        roles = {name: role for name, role in session.execute(sa.select(User.username, User.role))}
    names = [store.user.username] + [u for u, _ in DEMO_USERS if u in roles and u != store.user.username]
    store.info.extra["demo_login"] = {
        "users": [{"username": name, "role": str(Role(roles[name]).value)} for name in names],
        "password": password,
    }
    store.info.save(store.paths)

