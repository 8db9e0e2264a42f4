"""The audit trail's vocabulary: every action code with its Chinese and English names."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    name: str
    name_en: str


_ACTIONS: dict[str, AuditAction] = {}


def register_actions(*actions: AuditAction) -> None:
    for action in actions:
        _ACTIONS[action.code] = action


def action_catalogue() -> list[AuditAction]:
    return list(_ACTIONS.values())


def action_name(code: str) -> str:
    action = _ACTIONS.get(code)
    return action.name if action else code
