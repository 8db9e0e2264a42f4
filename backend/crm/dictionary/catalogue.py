"""What the dictionary holds, declared in code: the typed lists and the runtime parameters
with their defaults. Admins change entries and values; the declarations live here."""

from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class DictionaryType:
    code: str
    name: str
    name_en: str


DICTIONARY_TYPES = [
    DictionaryType("pharmacy_type", "药店类型", "Pharmacy type"),
    DictionaryType("reassignment_reason", "归属调整原因", "Reassignment reason"),
    DictionaryType("release_reason", "退回公海原因", "Release reason"),
    DictionaryType("follow_up_type", "跟进方式", "Follow-up type"),
    DictionaryType("lost_reason", "流失原因", "Lost reason"),
    DictionaryType("ticket_type", "服务单类型", "Ticket type"),
    DictionaryType("region", "区域", "Region"),
    DictionaryType("customer_tag", "客户标签", "Customer tag"),
]
DICTIONARY_TYPE_CODES = {item.code for item in DICTIONARY_TYPES}

# (type, code, 中文, English), loaded by the dictionary's data migration.
DEFAULT_ENTRIES: list[tuple[str, str, str, str]] = [
    ("pharmacy_type", "single", "单体药店", "Independent pharmacy"),
    ("pharmacy_type", "chain", "连锁药店", "Chain pharmacy"),
    ("pharmacy_type", "clinic", "诊所", "Clinic"),
    ("pharmacy_type", "hospital", "医院", "Hospital"),
    ("pharmacy_type", "other", "其他", "Other"),
    ("reassignment_reason", "rep_left", "销售员离职", "Rep left"),
    ("reassignment_reason", "territory_change", "区域调整", "Territory change"),
    ("reassignment_reason", "workload_balance", "工作量平衡", "Workload balance"),
    ("reassignment_reason", "customer_request", "客户要求", "Customer request"),
    ("reassignment_reason", "wrong_binding", "绑定错误纠正", "Wrong binding corrected"),
    ("reassignment_reason", "other", "其他", "Other"),
    ("release_reason", "no_contact", "长期无法联系", "Cannot be reached"),
    ("release_reason", "not_target", "非目标客户", "Not a target customer"),
    ("release_reason", "over_capacity", "精力不足", "Over capacity"),
    ("release_reason", "other", "其他", "Other"),
    ("release_reason", "idle", "超期未跟进，自动退回", "Idle, returned automatically"),
    ("follow_up_type", "visit", "上门拜访", "Visit"),
    ("follow_up_type", "phone", "电话", "Phone call"),
    ("follow_up_type", "wechat", "微信", "WeChat"),
    ("follow_up_type", "other", "其他", "Other"),
    ("lost_reason", "price", "价格原因", "Price"),
    ("lost_reason", "competitor", "转向竞争对手", "Went to a competitor"),
    ("lost_reason", "closed", "药店停业", "Pharmacy closed"),
    ("lost_reason", "service", "服务不满意", "Unhappy with service"),
    ("lost_reason", "other", "其他", "Other"),
    ("customer_tag", "key_account", "重点客户", "Key account"),
    ("customer_tag", "medical_insurance", "医保定点", "Medical insurance designated"),
    ("customer_tag", "new_store", "新开门店", "New store"),
    ("customer_tag", "chain_headquarters", "连锁总部", "Chain headquarters"),
    ("customer_tag", "price_sensitive", "价格敏感", "Price sensitive"),
    ("ticket_type", "consultation", "咨询", "Consultation"),
    ("ticket_type", "complaint", "投诉", "Complaint"),
    ("ticket_type", "return", "退换货", "Return or exchange"),
    ("ticket_type", "feedback", "建议反馈", "Feedback"),
]


def create_missing_default_entries(entry_model: Any) -> None:
    """Create the default entries that do not exist yet; never changes existing ones.
    Takes the model class so the data migration can pass its historical model."""
    for order, (type_code, code, label, label_en) in enumerate(DEFAULT_ENTRIES):
        entry_model.objects.get_or_create(
            type=type_code, code=code, defaults={"label": label, "label_en": label_en, "sort_order": order}
        )


ParameterKind = Literal["integer", "boolean", "string"]


@dataclass(frozen=True)
class ParameterDefinition:
    key: str
    name: str
    name_en: str
    description: str
    kind: ParameterKind
    default: int | bool | str
    minimum: int | None = None
    maximum: int | None = None


PARAMETERS: dict[str, ParameterDefinition] = {
    definition.key: definition
    for definition in [
        ParameterDefinition(
            "login_failure_limit",
            "登录失败锁定次数",
            "Failed logins before lockout",
            "同一用户名在同一 IP 连续登录失败达到该次数后锁定",
            "integer",
            5,
            3,
            20,
        ),
        ParameterDefinition(
            "login_lock_minutes",
            "登录锁定时长（分钟）",
            "Lockout duration (minutes)",
            "锁定后多长时间内拒绝该用户名在该 IP 登录",
            "integer",
            15,
            1,
            1440,
        ),
        ParameterDefinition(
            "session_idle_minutes",
            "会话空闲超时（分钟）",
            "Session idle timeout (minutes)",
            "无操作超过该时长后需重新登录",
            "integer",
            30,
            5,
            720,
        ),
        ParameterDefinition(
            "password_min_length",
            "密码最小长度",
            "Minimum password length",
            "新密码至少包含的字符数",
            "integer",
            10,
            8,
            64,
        ),
        ParameterDefinition(
            "password_require_letter",
            "密码须含字母",
            "Password needs a letter",
            "新密码必须包含字母",
            "boolean",
            True,
        ),
        ParameterDefinition(
            "password_require_digit",
            "密码须含数字",
            "Password needs a digit",
            "新密码必须包含数字",
            "boolean",
            True,
        ),
        ParameterDefinition(
            "password_require_special",
            "密码须含特殊字符",
            "Password needs a special character",
            "新密码必须包含特殊字符（如 !@#$%）",
            "boolean",
            True,
        ),
        ParameterDefinition(
            "sync_parked_alert_minutes",
            "同步等待告警（分钟）",
            "Parked event alert (minutes)",
            "商城事件等待关联数据超过该时长时，在数据同步页面告警",
            "integer",
            30,
            1,
            10080,
        ),
        ParameterDefinition(
            "churn_window_days",
            "流失判定天数",
            "Churn window (days)",
            "最后一次成交距今超过该天数的客户计为流失（METRICS.md）",
            "integer",
            180,
            30,
            1095,
        ),
        ParameterDefinition(
            "churn_warning_days",
            "流失预警天数",
            "Churn warning threshold (days)",
            "最后一次成交距今超过该天数且尚未流失的客户进入流失预警",
            "integer",
            150,
            7,
            1095,
        ),
        ParameterDefinition(
            "pool_claim_limit",
            "销售员客户上限",
            "Customers a rep may hold",
            "销售员名下客户达到该数量后不能再从公海领取（0 表示不限）",
            "integer",
            500,
            0,
            100000,
        ),
        ParameterDefinition(
            "pool_return_enabled",
            "无跟进客户自动退回公海",
            "Return idle customers to the pool",
            "开启后，超过设定天数既无跟进也无订单的客户每天自动退回公海",
            "boolean",
            False,
        ),
        ParameterDefinition(
            "pool_return_days",
            "自动退回公海天数",
            "Days before an idle customer returns to the pool",
            "开启自动退回时，客户最后一次跟进和最后一次下单都早于该天数即退回公海",
            "integer",
            90,
            7,
            1095,
        ),
    ]
}
