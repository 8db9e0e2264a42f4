"""Realistic Chinese identities for the mall's customers: pharmacies and clinics, their
contacts, addresses, phones and the identifiers a B2B pharmaceutical mall collects."""

from __future__ import annotations

import random
from dataclasses import dataclass


def words(text: str) -> list[str]:
    """The space-separated words of a text: a compact way to write long lists of names."""
    return text.split()


# (province, city, landline area code, weight, [(district, administrative division code)])
# East China (华东) dominates, as it does for the mall's customers.
REGIONS: list[tuple[str, str, str, int, list[tuple[str, str]]]] = [
    (
        "上海市",
        "上海市",
        "021",
        20,
        [
            ("黄浦区", "310101"),
            ("徐汇区", "310104"),
            ("静安区", "310106"),
            ("闵行区", "310112"),
            ("浦东新区", "310115"),
        ],
    ),
    ("江苏省", "南京市", "025", 8, [("玄武区", "320102"), ("鼓楼区", "320106"), ("江宁区", "320115")]),
    ("江苏省", "苏州市", "0512", 8, [("姑苏区", "320508"), ("吴中区", "320506"), ("昆山市", "320583")]),
    ("江苏省", "无锡市", "0510", 3, [("梁溪区", "320213"), ("滨湖区", "320211")]),
    ("江苏省", "常州市", "0519", 3, [("天宁区", "320402"), ("武进区", "320412")]),
    ("浙江省", "杭州市", "0571", 10, [("上城区", "330102"), ("西湖区", "330106"), ("余杭区", "330110")]),
    ("浙江省", "宁波市", "0574", 6, [("海曙区", "330203"), ("鄞州区", "330212")]),
    ("浙江省", "温州市", "0577", 4, [("鹿城区", "330302"), ("瓯海区", "330304")]),
    ("安徽省", "合肥市", "0551", 6, [("蜀山区", "340104"), ("包河区", "340111")]),
    ("安徽省", "芜湖市", "0553", 3, [("镜湖区", "340202")]),
    ("山东省", "济南市", "0531", 5, [("历下区", "370102"), ("市中区", "370103")]),
    ("山东省", "青岛市", "0532", 4, [("市南区", "370202"), ("崂山区", "370212")]),
    ("福建省", "福州市", "0591", 3, [("鼓楼区", "350102")]),
    ("福建省", "厦门市", "0592", 2, [("思明区", "350203")]),
    ("江西省", "南昌市", "0791", 3, [("东湖区", "360102")]),
    ("北京市", "北京市", "010", 3, [("朝阳区", "110105"), ("海淀区", "110108")]),
    ("广东省", "广州市", "020", 2, [("天河区", "440106"), ("越秀区", "440104")]),
    ("广东省", "深圳市", "0755", 2, [("南山区", "440305"), ("福田区", "440304")]),
    ("湖北省", "武汉市", "027", 2, [("武昌区", "420106"), ("江汉区", "420103")]),
    ("四川省", "成都市", "028", 2, [("武侯区", "510107"), ("锦江区", "510104")]),
    ("河南省", "郑州市", "0371", 1, [("金水区", "410105")]),
]

STREETS = words(
    "人民路 解放路 中山路 建设路 长江路 淮海中路 南京西路 延安路 和平路 新华路 胜利街 学府路 东风路 幸福路 "
    "文化路 健康路 青年路 朝阳路"
)

# The dictionary `pharmacy_type`: code → (name, share of the mall's customers).
PHARMACY_TYPES: dict[str, tuple[str, float]] = {
    "single": ("单体药店", 0.45),
    "chain": ("连锁药店", 0.20),
    "clinic": ("诊所", 0.22),
    "hospital": ("医院", 0.05),
    "other": ("其他", 0.08),
}

BRANDS = words(
    "仁和 百草堂 康宁 同济 济民 华康 永安 德仁 惠民 众康 福寿堂 万家康 瑞康 安泰 天济 益寿 春晖 长生 杏林 "
    "博爱 康泰 国大 百姓 健民 恒生 和顺 明德 仁心 颐和 九州通达 民生 立康 嘉和 泰和堂 宝芝林"
)

COMPANY_SUFFIXES: dict[str, list[str]] = {
    "single": ["大药房有限公司", "药房", "医药商店", "大药房"],
    "chain": ["连锁药店", "医药连锁有限公司", "大药房连锁有限公司"],
    "clinic": ["诊所", "中医诊所", "门诊部", "社区卫生服务站"],
    "hospital": ["医院", "中医院", "骨科医院", "妇产医院"],
    "other": ["医药贸易有限公司", "卫生院", "医疗器械经营部", "养老院医务室"],
}

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕"
    "丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
GIVEN_NAMES = words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 建华 建国 志强 晓东 "
    "海燕 春梅 文 斌 宇 浩 鹏 辉 玲 丹 萍 鑫 婷 欣怡 雪 颖 晨 子涵 佳怡 俊杰 国强 丽娟 振华 红梅 玉兰 "
    "志刚 晓燕 文静"
)

MOBILE_PREFIXES = words(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 "
    "157 158 159 166 176 177 178 180 181 182 183 185 186 187 188 "
    "189 191 198 199"
)
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "139.com", "aliyun.com"]

# GB 11643: the weights and check characters of the 18-digit resident identity number.
ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_NUMBER_CHECKS = "10X98765432"
# GB 32100: the unified social credit code's alphabet (no I, O, S, V, Z) and weights.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
# GB 11714: the organisation code's weights.
ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


@dataclass(frozen=True)
class Location:
    """Where a customer is: province, city, district, street address and its codes."""

    province: str
    city: str
    district: str
    address: str
    division_code: str
    area_code: str


def pick_pharmacy_type(rng: random.Random) -> str:
    """A pharmacy type code drawn with the mall's real mix."""
    codes = list(PHARMACY_TYPES)
    return rng.choices(codes, weights=[PHARMACY_TYPES[code][1] for code in codes])[0]


def pick_location(rng: random.Random) -> Location:
    """A customer's place, weighted towards East China."""
    province, city, area_code, _, districts = rng.choices(REGIONS, weights=[region[3] for region in REGIONS])[0]
    district, division_code = rng.choice(districts)
    street = f"{rng.choice(STREETS)}{rng.randint(1, 999)}号"
    if rng.random() < 0.3:
        street += rng.choice(["一楼", "底商", f"{rng.randint(1, 30)}号铺"])
    return Location(province, city, district, f"{city}{district}{street}", division_code, area_code)


def company_name(rng: random.Random, *, pharmacy_type: str, location: Location) -> str:
    """单位名称: city (sometimes district) + brand + the suffix of its kind."""
    city = location.city.removesuffix("市")
    district = location.district.removesuffix("区").removesuffix("新") if rng.random() < 0.25 else ""
    return f"{city}{district}{rng.choice(BRANDS)}{rng.choice(COMPANY_SUFFIXES[pharmacy_type])}"


def person_name(rng: random.Random) -> str:
    """A common Chinese full name: surname and one- or two-character given name."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def mobile_number(rng: random.Random) -> str:
    """A valid-looking mainland mobile number, 1[3-9] followed by nine digits."""
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def landline_number(rng: random.Random, *, area_code: str) -> str:
    """A landline with its area code, as a shop's front desk would give it."""
    return f"{area_code}-{rng.randint(2, 8)}{rng.randint(0, 9_999_999):07d}"


def email_address(rng: random.Random) -> str:
    """A typical Chinese personal mailbox: a QQ number or initials with digits."""
    if rng.random() < 0.5:
        return f"{rng.randint(10_000_000, 3_999_999_999)}@qq.com"
    initials = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(3, 6)))
    return f"{initials}{rng.randint(1, 9999)}@{rng.choice(EMAIL_DOMAINS)}"


def id_number_check(body: str) -> str:
    """The 18th character of a resident identity number from its first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_NUMBER_WEIGHTS, strict=True))
    return ID_NUMBER_CHECKS[total % 11]


def id_number(rng: random.Random, *, division_code: str) -> str:
    """A resident identity number with a valid check character: division, birth date, sequence."""
    birth = f"{rng.randint(1960, 1998)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"{division_code}{birth}{rng.randint(0, 999):03d}"
    return body + id_number_check(body)


def credit_code_check(body: str) -> str:
    """The 18th character of a unified social credit code from its first 17."""
    values = [CREDIT_CODE_ALPHABET.index(char) for char in body]
    total = sum(value * weight for value, weight in zip(values, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organisation_code(rng: random.Random) -> str:
    """A nine-character organisation code (GB 11714) with its check character."""
    body = "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(8))
    total = sum(int(char, 36) * weight for char, weight in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def business_licence_number(rng: random.Random, *, division_code: str, pharmacy_type: str) -> str:
    """营业执照号: an 18-character unified social credit code; single shops are often
    individually owned businesses (个体工商户, type 92), the rest companies (91)."""
    kind = "92" if pharmacy_type in ("single", "clinic") and rng.random() < 0.5 else "91"
    body = kind + division_code + organisation_code(rng)
    return body + credit_code_check(body)
