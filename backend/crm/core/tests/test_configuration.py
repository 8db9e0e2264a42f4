import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[4]


def test_every_environment_variable_is_listed_in_env_example():
    sources = [*REPOSITORY.joinpath("backend").rglob("*.py"), REPOSITORY / "Makefile"]
    used = set()
    for source in sources:
        if "tests" in source.parts:
            continue
        used |= set(re.findall(r"\b(CRM_[A-Z_]+)\b", source.read_text(encoding="utf-8")))
    listed = set(re.findall(r"^(CRM_[A-Z_]+)=", (REPOSITORY / ".env.example").read_text(encoding="utf-8"), re.M))
    assert used - listed == set()
