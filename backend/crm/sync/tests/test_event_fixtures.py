"""One JSON fixture per event type and edge case (fixtures/*.json): the deliveries, in
order, and exactly what must follow: the answer to each delivery, the fate of each event
in the inbox after each delivery (parked, then applied), and the whole resulting CRM state.

`{rep_li}` in a fixture stands for that rep's invite code. Reps have been members of
their groups since 2025, so the March 2026 orders are credited to their groups.
To record the expectations of a new fixture, run with MALLCRM_RECORD_FIXTURES=1 and read
what it wrote before committing it.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crm.dictionary.models import DictionaryEntry
from crm.org.models import Membership
from crm.sync.models import MallEvent
from crm.sync.tests.helpers import crm_state, deliver

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.json"))
RECORD = os.environ.get("MALLCRM_RECORD_FIXTURES") == "1"


def _with_invite_codes(value: Any, codes: dict[str, str]) -> Any:
    text = json.dumps(value, ensure_ascii=False)
    for name, code in codes.items():
        text = text.replace("{" + name + "}", code)
    return json.loads(text)


def _inbox() -> dict[str, list[Any]]:
    fates: dict[str, list[Any]] = {}
    for event in MallEvent.objects.order_by("id"):
        fates.setdefault(event.event_id, []).append(
            {"status": event.status, "waits_for": event.waits_for, "errors": event.errors, "warnings": event.warnings}
        )
    return fates


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_fixture(cast, fixture: Path):
    Membership.objects.update(started_at=datetime(2025, 1, 1, tzinfo=UTC))
    case = json.loads(fixture.read_text(encoding="utf-8"))
    deliveries = _with_invite_codes(case["deliveries"], {"rep_li": cast.rep_li.invite_code})

    answers, inboxes = [], []
    for number, events in enumerate(deliveries):
        response = deliver(events, delivery_id=f"msg_{number}")
        assert response.status_code == 200
        answers.append(response.json()["results"])
        inboxes.append(_inbox())
    flagged = sorted(DictionaryEntry.objects.filter(is_flagged=True).values_list("type", "code"))
    outcome = {
        "answers": answers,
        "inbox_after_each_delivery": inboxes,
        "state": crm_state(),
        "flagged_dictionary_entries": flagged,
    }
    outcome = json.loads(json.dumps(outcome, ensure_ascii=False))

    if RECORD:
        fixture.write_text(json.dumps({**case, "expect": outcome}, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert outcome == case["expect"]
