"""The password rule of the requirements (系统安全需求): letters, digits and a special
character, at least 10 long, configurable by admins through the dictionary parameters.
Django's CommonPasswordValidator refuses common passwords beside it."""

from typing import Any

from django.core.exceptions import ValidationError

from crm.dictionary.selectors import get_boolean_parameter, get_integer_parameter


def password_policy() -> dict[str, Any]:
    return {
        "min_length": get_integer_parameter("password_min_length"),
        "require_letter": get_boolean_parameter("password_require_letter"),
        "require_digit": get_boolean_parameter("password_require_digit"),
        "require_special": get_boolean_parameter("password_require_special"),
    }


class ConfigurableComplexityValidator:
    def validate(self, password: str, user: Any = None) -> None:
        policy = password_policy()
        problems = []
        if len(password) < policy["min_length"]:
            problems.append(f"密码至少需要 {policy['min_length']} 个字符")
        if policy["require_letter"] and not any(char.isalpha() for char in password):
            problems.append("密码必须包含字母")
        if policy["require_digit"] and not any(char.isdigit() for char in password):
            problems.append("密码必须包含数字")
        if policy["require_special"] and all(char.isalnum() for char in password):
            problems.append("密码必须包含特殊字符（如 !@#$%）")
        if problems:
            raise ValidationError(problems, code="password_too_weak")

    def get_help_text(self) -> str:
        policy = password_policy()
        return f"至少 {policy['min_length']} 个字符，包含字母、数字和特殊字符"
