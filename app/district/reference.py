"""Reference data of the demo district: banks, villages, names, projects, the people who do the field work, and
the words they write; weighted choices over them.

Everything is made up but shaped like the real thing (Baqiao District of Xi'an, GB/T 2260 codes, Shaanxi surnames).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from app.models.enums import BusinessStatus, CreditGrade, PurposeCategory


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
    ("current", 0), ("maturing", 0), ("overdue", 1), ("overdue", 30), ("overdue", 95), ("overdue", 250),
    ("overdue", 400), ("repaid", 0), ("extended", 0), ("enterprise", 0),
)
#: overdue days of ``overdue_random`` loans: ranges within each five-class bucket (weights per thousand)
OVERDUE_RANGES: tuple[tuple[int, int, int], ...] = (
    (1, 30, 330), (31, 90, 220), (91, 180, 200), (181, 360, 140), (361, 900, 110),
)
ENTERPRISE_USE_FROM = dt.date(2016, 3, 1)


#: GB 11643 weights (as in app.domain.codes) split so the birth-date stem's part is summed once per date
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
SEQ_WEIGHTS = tuple(sum(int(d) * w for d, w in zip(f"{seq:03d}", ID_WEIGHTS[14:], strict=True))
                     for seq in range(1000))
STEM_WEIGHTS: dict[str, int] = {}


class SequentialIds:
    """Keys that count up from a random start in their first 32 bits (UUID version 8, RFC 9562's layout for
    application-defined UUIDs), the rest random per run.

    Random (v4) keys land on random pages of every primary-key index and of the audit log's record index;
    once those outgrow the page cache each insert pays a page read and decryption. Keys that count up append
    at the right edge instead, which keeps a 50,000-household demo linear in time. Counting in the *first* bits
    (rather than a millisecond clock, as UUIDv7 does) keeps the first 8 characters of every id different, so the
    prefix people copy from a list names one record (app/domain/references.py). They are still unique across
    nodes (90 random bits per run) and still valid UUIDs.
    """

    def __init__(self) -> None:
        self._next = secrets.randbelow((1 << 32) - (1 << 25))  # room for 32 million ids before the top wraps
        self._rest = (secrets.randbits(16) << 80 | 0x8 << 76 | secrets.randbits(12) << 64 | 0b10 << 62
                      | secrets.randbits(62))

    def __call__(self) -> uuid.UUID:
        self._next += 1
        return uuid.UUID(int=(self._next & 0xFFFFFFFF) << 96 | self._rest)


class Weighted:
    """Fast weighted choice with a precomputed cumulative table (random.choices rebuilds it every call)."""

    def __init__(self, items: tuple[Any, ...] | list[Any], weights: tuple[int, ...] | list[int]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


SURNAME_PICK = Weighted([s for s, _ in SURNAMES], [w for _, w in SURNAMES])
BANK_PICK = Weighted(list(BANKS), [b.weight for b in BANKS])
PURPOSE_PICK = Weighted(list(PURPOSES), [w for _, w, _ in PURPOSES])
STAGE_PICK = Weighted([(s, d) for s, d, _ in STAGES], [w for _, _, w in STAGES])
OVERDUE_RANGE_PICK = Weighted([(lo, hi) for lo, hi, _ in OVERDUE_RANGES], [w for _, _, w in OVERDUE_RANGES])
SIZE_PICK = Weighted([1, 2, 3, 4, 5, 6, 7], [60, 130, 200, 260, 200, 110, 40])
GRADE_PICK = Weighted([CreditGrade.AAA, CreditGrade.AA, CreditGrade.A], [55, 30, 15])
AMOUNT_PICK = Weighted([10_000, 20_000, 30_000, 40_000, 50_000], [8, 14, 20, 18, 40])
TERM_PICK = Weighted([12, 24, 36], [25, 15, 60])



# -- the people who do the work ------------------------------------------------------------------------------
#: two cadres of each street who visit and check (names as they sign the forms), and the street's supervisor
STREET_STAFF: dict[str, tuple[tuple[str, str], str]] = {
    "610111001": (("张卫东", "李娜"), "王建华"), "610111002": (("刘海军", "赵丽"), "陈国强"),
    "610111003": (("杨军锋", "孙小燕"), "郭振华"), "610111004": (("马红伟", "周静"), "高立新"),
    "610111005": (("雷晓东", "田彩红"), "韩永安"), "610111006": (("薛文涛", "董丹"), "段德胜"),
    "610111007": (("寇俊杰", "鲍海燕"), "吕宝成"), "610111008": (("梁宏亮", "宋晓梅"), "曹文斌"),
    "610111009": (("魏建锋", "贾亚丽"), "党玉林"),
}
#: loan officers of each bank (by bank code) and the district staff who decide
BANK_OFFICERS = {"CABANK-BQ": "姚志强", "XARCB-BQ": "惠永刚", "PSBC-BQ": "屈晓琴"}
DISTRICT_STAFF = ("白振华", "苏丽萍")

# -- what visitors write --------------------------------------------------------------------------------------
#: what a visitor sees of a project, by how the business goes; ``{project}`` is the loan's project
BUSINESS_SEEN: dict[BusinessStatus, tuple[str, ...]] = {
    BusinessStatus.NORMAL: (
        "{project}经营正常，现场查看长势良好，管理到位。", "{project}正常开展，账目清楚，已有销售收入。",
        "{project}规模与申报一致，设施完好，户主熟悉技术。", "{project}运转正常，雇用本村劳力两人。",
        "{project}收益稳定，已按年结清利息。"),
    BusinessStatus.DIFFICULT: (
        "{project}受市场价格下跌影响，收入减少。", "{project}遭遇冰雹灾害，减产约三成。",
        "{project}销路不畅，存货积压，资金周转困难。", "户主患病住院，{project}由家人勉强维持。"),
    BusinessStatus.STOPPED: (
        "{project}已停止经营，设备闲置。", "{project}因经营亏损停业，户主外出务工。"),
}
FINDINGS: dict[BusinessStatus, tuple[str, ...]] = {
    BusinessStatus.NORMAL: (
        "贷款按申报用途使用，户主表示到期按时还款。", "经营情况良好，家庭收入稳定，还款意愿强。",
        "资金用于{project}，未发现挪用，宣讲了按期还款政策。", "家庭成员健康，无重大变故，还款来源可靠。"),
    BusinessStatus.DIFFICULT: (
        "经营收入下降，户主表示尽力筹款还息，需持续关注。", "家庭支出增加，还款能力减弱，建议调整还款计划。"),
    BusinessStatus.STOPPED: (
        "经营已停止，暂无还款来源，已报告街道并建议纳入会商研判。", "户主外出务工，家人表示分期偿还欠款。"),
}
FAMILY_CHANGES = ("", "", "", "", "", "孙子出生，家庭人口增加", "子女考入大学，教育支出增加", "户主母亲病故",
                  "配偶患慢性病，长期服药", "新盖圈舍一间")
