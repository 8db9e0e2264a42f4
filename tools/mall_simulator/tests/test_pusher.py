"""The pusher delivers signed batches, retries under the same webhook-id, and its chaos
does what it says."""

from __future__ import annotations

import random

from tools.mall_simulator.chaos import ChaosSettings, apply_chaos
from tools.mall_simulator.events import Event
from tools.mall_simulator.pusher import Pusher

from .conftest import SECRET, RecordingCrm


def test_batches_are_signed_sized_and_every_event_answered(crm: RecordingCrm, history: list[Event]) -> None:
    events = history[:1200]
    report = Pusher(crm_url=crm.url, secret=SECRET, batch_size=500).push(events)

    assert [len(request.events) for request in crm.requests] == [500, 500, 200]
    assert all(request.signature_valid for request in crm.requests)
    assert all(request.headers["content-type"] == "application/json" for request in crm.requests)
    assert len({request.headers["webhook-id"] for request in crm.requests}) == 3
    assert [event for request in crm.requests for event in request.events] == events
    assert report.statuses == {"accepted": 1200}


def test_a_second_push_is_answered_as_duplicates(crm: RecordingCrm, history: list[Event]) -> None:
    pusher = Pusher(crm_url=crm.url, secret=SECRET, batch_size=100)
    pusher.push(history[:300])
    assert pusher.push(history[:300]).statuses == {"duplicate": 300}


def test_a_failed_delivery_is_retried_under_the_same_webhook_id(crm: RecordingCrm, history: list[Event]) -> None:
    crm.fail_first = 2
    pusher = Pusher(crm_url=crm.url, secret=SECRET, batch_size=50, initial_backoff_seconds=0.01)
    report = pusher.push(history[:50])

    assert len(crm.requests) == 3
    assert len({request.headers["webhook-id"] for request in crm.requests}) == 1
    assert all(request.signature_valid for request in crm.requests)
    assert report.attempts == 3 and report.statuses == {"accepted": 50}


def test_an_unreachable_crm_is_given_up_after_the_attempts() -> None:
    pusher = Pusher(crm_url="http://127.0.0.1:9", secret=SECRET, max_attempts=2, initial_backoff_seconds=0.01)
    report = pusher.push([{"id": "evt_1", "type": "customer.logged_in", "occurred_at": "", "data": {}}])
    assert report.attempts == 2 and len(report.failed_batches) == 1


def test_a_rate_paces_the_batches(crm: RecordingCrm, history: list[Event]) -> None:
    report = Pusher(crm_url=crm.url, secret=SECRET, batch_size=500, rate=100).push(history[:300])
    assert [len(request.events) for request in crm.requests] == [100, 100, 100]
    assert report.statuses == {"accepted": 300}


def test_chaos_shares_stay_within_tolerance(crm: RecordingCrm, history: list[Event]) -> None:
    events = history[:3000]
    chaos = ChaosSettings(duplicate_share=0.1, drop_share=0.05, shuffle_window=20, invalid_share=0.03)
    report = Pusher(crm_url=crm.url, secret=SECRET, batch_size=500, chaos=chaos, rng=random.Random(1)).push(events)
    outcome = report.chaos
    assert outcome is not None
    delivered = [event for request in crm.requests for event in request.events]
    delivered_ids = {event["id"] for event in delivered}

    assert 0.03 < len(outcome.dropped_ids) / len(events) < 0.07
    assert not outcome.dropped_ids & delivered_ids
    assert 0.09 < outcome.extra_copies / len(events) < 0.18
    assert 0.015 < len(outcome.invalid) / len(events) < 0.045
    assert {kind for _, kind in outcome.invalid} == {"bad_total", "missing_field", "wrong_type", "conflicting_id"}
    assert report.statuses["rejected"] == len(outcome.invalid)
    assert report.statuses["duplicate"] == outcome.extra_copies
    assert report.statuses["accepted"] == len(events) - len(outcome.dropped_ids)
    assert [event["id"] for event in delivered] != [event["id"] for event in events if event["id"] in delivered_ids]


def test_shuffle_moves_events_only_within_the_window(history: list[Event]) -> None:
    events = history[:1000]
    outcome = apply_chaos(events, ChaosSettings(shuffle_window=10), random.Random(2))
    positions = {event["id"]: index for index, event in enumerate(events)}
    assert sorted(positions[event["id"]] for event in outcome.deliveries) == list(range(1000))
    assert max(abs(positions[event["id"]] - index) for index, event in enumerate(outcome.deliveries)) <= 10
