"""The mall's product catalogue: a category tree and the drugs, devices and supplements a
pharmaceutical B2B mall sells to pharmacies and clinics, at wholesale prices."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from tools.mall_simulator.events import format_money, round_money

# code → (name, parent code or None). Products sit in the leaves.
CATEGORIES: dict[str, tuple[str, str | None]] = {
    "01": ("西药", None),
    "0101": ("抗感染药", "01"),
    "0102": ("解热镇痛", "01"),
    "0103": ("心脑血管", "01"),
    "0104": ("消化系统", "01"),
    "0105": ("呼吸系统", "01"),
    "0106": ("内分泌代谢", "01"),
    "02": ("中成药", None),
    "0201": ("感冒用药", "02"),
    "0202": ("清热解毒", "02"),
    "0203": ("止咳化痰", "02"),
    "0204": ("补益安神", "02"),
    "0205": ("活血化瘀", "02"),
    "03": ("医疗器械", None),
    "0301": ("家用检测", "03"),
    "0302": ("医用耗材", "03"),
    "04": ("保健品", None),
    "0401": ("维生素矿物质", "04"),
    "0402": ("营养补充", "04"),
}

# Categories whose sales rise in winter (cold and flu season).
WINTER_CATEGORIES = {"0101", "0102", "0105", "0201", "0202", "0203"}

# (name, spec, unit, manufacturer, category code, wholesale price)
DRUGS: list[tuple[str, str, str, str, str, str]] = [
    ("阿莫西林胶囊", "0.25g*24粒/盒", "盒", "华北制药", "0101", "8.50"),
    ("头孢克肟分散片", "0.1g*6片/盒", "盒", "石药集团", "0101", "18.60"),
    ("头孢氨苄胶囊", "0.25g*24粒/盒", "盒", "石药集团", "0101", "7.20"),
    ("阿奇霉素片", "0.25g*6片/盒", "盒", "石药集团", "0101", "12.80"),
    ("左氧氟沙星片", "0.5g*4片/盒", "盒", "扬子江药业", "0101", "15.90"),
    ("罗红霉素胶囊", "150mg*12粒/盒", "盒", "哈药集团", "0101", "6.50"),
    ("甲硝唑片", "0.2g*100片/瓶", "瓶", "华中药业", "0101", "4.20"),
    ("布洛芬缓释胶囊", "0.3g*20粒/盒", "盒", "中美天津史克制药", "0102", "16.80"),
    ("对乙酰氨基酚片", "0.5g*12片/盒", "盒", "华中药业", "0102", "3.50"),
    ("双氯芬酸钠缓释片", "75mg*10片/盒", "盒", "北京诺华制药", "0102", "19.80"),
    ("洛索洛芬钠片", "60mg*20片/盒", "盒", "第一三共制药", "0102", "23.00"),
    ("复方氨酚烷胺片", "12片/盒", "盒", "吴太感康药业", "0102", "9.90"),
    ("阿司匹林肠溶片", "100mg*30片/盒", "盒", "拜耳医药", "0103", "15.50"),
    ("硝苯地平控释片", "30mg*7片/盒", "盒", "拜耳医药", "0103", "33.00"),
    ("苯磺酸氨氯地平片", "5mg*7片/盒", "盒", "辉瑞制药", "0103", "28.50"),
    ("阿托伐他汀钙片", "20mg*7片/盒", "盒", "辉瑞制药", "0103", "48.00"),
    ("瑞舒伐他汀钙片", "10mg*7片/盒", "盒", "阿斯利康制药", "0103", "45.00"),
    ("氯沙坦钾片", "50mg*7片/盒", "盒", "杭州默沙东制药", "0103", "36.00"),
    ("琥珀酸美托洛尔缓释片", "47.5mg*7片/盒", "盒", "阿斯利康制药", "0103", "25.00"),
    ("硫酸氢氯吡格雷片", "75mg*7片/盒", "盒", "信立泰药业", "0103", "52.00"),
    ("奥美拉唑肠溶胶囊", "20mg*14粒/盒", "盒", "石药集团", "0104", "12.00"),
    ("蒙脱石散", "3g*10袋/盒", "盒", "博福-益普生制药", "0104", "16.50"),
    ("多潘立酮片", "10mg*30片/盒", "盒", "西安杨森制药", "0104", "19.80"),
    ("铝碳酸镁咀嚼片", "0.5g*20片/盒", "盒", "拜耳医药", "0104", "29.00"),
    ("双歧杆菌三联活菌胶囊", "210mg*24粒/盒", "盒", "上海信谊药厂", "0104", "28.00"),
    ("盐酸氨溴索片", "30mg*20片/盒", "盒", "勃林格殷格翰", "0105", "14.00"),
    ("孟鲁司特钠片", "10mg*5片/盒", "盒", "杭州默沙东制药", "0105", "38.00"),
    ("复方甘草片", "100片/瓶", "瓶", "华北制药", "0105", "8.00"),
    ("盐酸二甲双胍片", "0.5g*20片/盒", "盒", "中美上海施贵宝", "0106", "26.00"),
    ("格列美脲片", "2mg*15片/盒", "盒", "赛诺菲制药", "0106", "38.00"),
    ("阿卡波糖片", "50mg*30片/盒", "盒", "拜耳医药", "0106", "68.00"),
    ("连花清瘟胶囊", "0.35g*24粒/盒", "盒", "以岭药业", "0201", "14.80"),
    ("感冒清热颗粒", "12g*10袋/盒", "盒", "北京同仁堂", "0201", "16.00"),
    ("板蓝根颗粒", "10g*20袋/包", "包", "白云山", "0201", "12.50"),
    ("小柴胡颗粒", "10g*10袋/盒", "盒", "白云山", "0201", "15.00"),
    ("感冒灵颗粒", "10g*9袋/盒", "盒", "华润三九", "0201", "13.50"),
    ("藿香正气水", "10ml*10支/盒", "盒", "太极集团", "0201", "9.80"),
    ("双黄连口服液", "10ml*10支/盒", "盒", "哈药集团", "0202", "18.00"),
    ("蒲地蓝消炎片", "0.3g*48片/盒", "盒", "济川药业", "0202", "25.00"),
    ("清开灵颗粒", "3g*20袋/盒", "盒", "太极集团", "0202", "16.00"),
    ("牛黄解毒片", "24片/盒", "盒", "北京同仁堂", "0202", "6.80"),
    ("黄连上清片", "0.31g*48片/盒", "盒", "九芝堂", "0202", "11.00"),
    ("急支糖浆", "200ml/瓶", "瓶", "太极集团", "0203", "18.50"),
    ("川贝枇杷膏", "150ml/瓶", "瓶", "京都念慈菴", "0203", "45.00"),
    ("复方鲜竹沥液", "20ml*6支/盒", "盒", "江西南昌济生制药", "0203", "12.00"),
    ("苏黄止咳胶囊", "0.45g*12粒/盒", "盒", "扬子江药业", "0203", "38.00"),
    ("六味地黄丸", "200丸/瓶", "瓶", "北京同仁堂", "0204", "22.00"),
    ("安神补脑液", "10ml*10支/盒", "盒", "吉林敖东", "0204", "25.00"),
    ("逍遥丸", "200丸/瓶", "瓶", "九芝堂", "0204", "18.00"),
    ("复方丹参滴丸", "27mg*180丸/瓶", "瓶", "天士力", "0205", "26.80"),
    ("速效救心丸", "40mg*60粒*3瓶/盒", "盒", "中新药业", "0205", "38.00"),
    ("通心络胶囊", "0.26g*30粒/盒", "盒", "以岭药业", "0205", "45.00"),
    ("参松养心胶囊", "0.4g*36粒/盒", "盒", "以岭药业", "0205", "55.00"),
    ("电子血压计", "HEM-7136", "台", "欧姆龙", "0301", "299.00"),
    ("血糖试纸", "50片/盒", "盒", "三诺生物", "0301", "98.00"),
    ("电子体温计", "MC-246", "支", "欧姆龙", "0301", "29.00"),
    ("一次性使用医用口罩", "10只/袋", "袋", "稳健医疗", "0302", "5.50"),
    ("医用外科口罩", "50只/盒", "盒", "振德医疗", "0302", "25.00"),
    ("医用脱脂纱布块", "7.5cm*7.5cm*8层*10片/袋", "袋", "振德医疗", "0302", "6.00"),
    ("医用棉签", "10cm*50支/包", "包", "稳健医疗", "0302", "2.50"),
    ("一次性使用无菌注射器", "5ml*100支/盒", "盒", "威高集团", "0302", "45.00"),
    ("维生素C片", "100mg*100片/瓶", "瓶", "华中药业", "0401", "6.00"),
    ("多维元素片", "100片/瓶", "瓶", "惠氏制药", "0401", "108.00"),
    ("碳酸钙D3片", "600mg*60片/瓶", "瓶", "惠氏制药", "0401", "68.00"),
    ("葡萄糖酸锌口服溶液", "10ml*12支/盒", "盒", "哈药集团", "0401", "20.00"),
    ("蛋白粉", "450g/罐", "罐", "汤臣倍健", "0402", "298.00"),
    ("鱼油软胶囊", "1000mg*100粒/瓶", "瓶", "汤臣倍健", "0402", "128.00"),
]

# Makers of generics, for a second source of the same drug when the catalogue is larger
# than the list above (pharmacies compare the same generic from several makers).
GENERIC_MAKERS = ["石药集团", "华北制药", "扬子江药业", "齐鲁制药", "科伦药业", "华润双鹤", "国药集团", "修正药业"]


@dataclass
class Product:
    """A product as the mall lists it, with the stock the simulation keeps for it."""

    product_id: str
    name: str
    spec: str
    unit: str
    manufacturer: str
    category_code: str
    price: Decimal
    popularity: float

    def category(self) -> dict[str, str]:
        """The contract's category object: the leaf with its parent's code."""
        name, parent_code = CATEGORIES[self.category_code]
        category = {"code": self.category_code, "name": name}
        if parent_code:
            category["parent_code"] = parent_code
        return category

    def upserted_data(self) -> dict[str, object]:
        """The `product.upserted` data of this product."""
        return {
            "product_id": self.product_id,
            "name": self.name,
            "spec": self.spec,
            "unit": self.unit,
            "manufacturer": self.manufacturer,
            "price": format_money(self.price),
            "category": self.category(),
        }


def product_id(number: int) -> str:
    """The mall's product id, `P00045`-style."""
    return f"P{number:05d}"


def build_catalogue(rng: random.Random, *, size: int) -> list[Product]:
    """`size` products: the drug list first, then the same drugs from other makers at
    slightly different prices. Popularity is skewed, as a few products sell most."""
    products: list[Product] = []
    for number in range(1, size + 1):
        name, spec, unit, maker, category_code, price = DRUGS[(number - 1) % len(DRUGS)]
        price_value = Decimal(price)
        if number > len(DRUGS):
            maker = rng.choice([candidate for candidate in GENERIC_MAKERS if candidate != maker])
            price_value = round_money(price_value * Decimal(str(rng.uniform(0.7, 1.1))))
        popularity = min(rng.paretovariate(1.5), 20.0)
        products.append(Product(product_id(number), name, spec, unit, maker, category_code, price_value, popularity))
    return products


def product_from_record(record: dict[str, object], *, seed: int) -> Product:
    """A product rebuilt from the mall's record (the live mode resuming from its journal)."""
    category = record["category"]
    assert isinstance(category, dict)
    popularity = min(random.Random(f"{seed}:{record['product_id']}").paretovariate(1.5), 20.0)
    return Product(
        str(record["product_id"]),
        str(record["name"]),
        str(record["spec"]),
        str(record["unit"]),
        str(record.get("manufacturer", "")),
        str(category["code"]),
        Decimal(str(record["price"])),
        popularity,
    )
