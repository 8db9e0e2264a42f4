"""The password rule: configurable complexity, common passwords refused, Argon2 at rest."""

import pytest
from django.core.exceptions import ValidationError

from config import settings as project_settings
from crm.accounts.passwords import ConfigurableComplexityValidator
from crm.accounts.services import check_password_rules
from crm.core.errors import ValidationFailed
from crm.dictionary.services import set_parameter

pytestmark = pytest.mark.django_db


def problems(password: str) -> list[str]:
    try:
        ConfigurableComplexityValidator().validate(password)
    except ValidationError as error:
        return list(error.messages)
    return []


def test_a_strong_password_passes():
    assert problems("Qianjin#5821") == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Qj#5821", ["密码至少需要 10 个字符"]),
        ("1234567890#", ["密码必须包含字母"]),
        ("Qianjinabc#", ["密码必须包含数字"]),
        ("Qianjin5821", ["密码必须包含特殊字符（如 !@#$%）"]),
        ("", ["密码至少需要 10 个字符", "密码必须包含字母", "密码必须包含数字", "密码必须包含特殊字符（如 !@#$%）"]),
    ],
)
def test_each_missing_ingredient_has_its_message(password, expected):
    assert problems(password) == expected


def test_a_chinese_letter_counts_as_a_letter():
    assert problems("千金药房5821#x") == []


def test_the_minimum_length_is_a_parameter():
    set_parameter(actor=None, key="password_min_length", value=12)

    assert problems("Qianjin#5821") == []
    assert problems("Qianjin#582") == ["密码至少需要 12 个字符"]


def test_each_ingredient_can_be_switched_off():
    set_parameter(actor=None, key="password_require_special", value=False)
    set_parameter(actor=None, key="password_require_digit", value=False)

    assert problems("Qianjinabcd") == []
    set_parameter(actor=None, key="password_require_letter", value=False)
    assert problems("1234509876") == []


def test_the_policy_endpoint_shows_the_current_rule(client):
    set_parameter(actor=None, key="password_min_length", value=12)

    response = client.get("/api/v1/auth/password-policy")

    assert response.status_code == 200
    assert response.json() == {"min_length": 12, "require_letter": True, "require_digit": True, "require_special": True}


def test_a_common_password_that_meets_the_complexity_rule_is_refused():
    # "password1!" is in Django's list of common passwords and has a letter, a digit and a symbol.
    assert problems("Password1!") == []

    with pytest.raises(ValidationFailed) as refused:
        check_password_rules("Password1!")

    assert refused.value.code == "weak_password"
    assert refused.value.fields == {"password": ["这个密码太常见了。"]}


def test_a_password_like_the_username_is_refused(cast):
    with pytest.raises(ValidationFailed) as refused:
        check_password_rules("rep_zhang#2026", cast.rep_zhang)

    assert refused.value.fields == {"password": ["密码跟 用户名 太相似了。"]}


def test_passwords_are_hashed_with_argon2():
    # conftest swaps the hashers for speed; the project's own settings module says what production uses.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
