"""The Redis cache as production runs it (`crm.core.cache`), against the local Redis."""

import uuid

import pytest
import redis

from crm.core.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def shared_cache() -> RedisCache:
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_the_cache_keeps_one_client_for_every_call(shared_cache):
    first = shared_cache._cache.get_client()

    assert shared_cache._cache.get_client(write=True) is first


def test_values_round_trip_through_the_shared_client(shared_cache):
    shared_cache.set("grants", {"codes": frozenset({"customer.view"})}, 30)
    shared_cache.set_many({"one": 1, "two": 2}, 30)

    assert shared_cache.get("grants") == {"codes": frozenset({"customer.view"})}
    assert shared_cache.get_many(["one", "two", "three"]) == {"one": 1, "two": 2}
    shared_cache.delete("grants")
    assert shared_cache.get("grants") is None
