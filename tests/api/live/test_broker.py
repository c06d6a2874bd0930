"""Live events between api workers through Redis: what one worker publishes reaches the
sockets of another, once; an ended login closes sockets everywhere; a worker is not ready
while its relay is not subscribed, and after Redis comes back it closes its sockets (1012) so
the clients catch up."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from api.core.settings import Settings
from api.live.broker import RedisHub, make_hub
from api.live.hub import ADVISOR, CLOSE, PERSON, SERVICE_RESTART, Hub
from tests.support.redis_server import OwnRedis

SYSTEM_REDIS = "redis://127.0.0.1:6379/0"
TOPIC = "a" * 32


async def until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait for a condition (a test fails on the assert after it, never on time)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.02)


@pytest.fixture
async def two_workers() -> AsyncIterator[tuple[RedisHub, RedisHub]]:
    channel = f"pgb-assistent:test-{uuid.uuid4().hex}:events"
    hubs = (RedisHub(SYSTEM_REDIS, channel), RedisHub(SYSTEM_REDIS, channel))
    for hub in hubs:
        await hub.start()
    await until(lambda: all(hub.ready for hub in hubs))
    yield hubs
    for hub in hubs:
        await hub.stop()


async def test_an_event_published_on_one_worker_reaches_the_other_once(
    two_workers: tuple[RedisHub, RedisHub],
) -> None:
    a, b = two_workers
    assert a.ready and b.ready
    async with (
        a.subscribe(TOPIC, PERSON) as on_a,
        b.subscribe(TOPIC, PERSON) as on_b,
        b.subscribe(TOPIC, ADVISOR) as advisor_on_b,
    ):
        # From a route's thread, as api/live/events.py is called.
        await asyncio.to_thread(a.publish, TOPIC, {"type": "message", "n": 1}, (PERSON,))
        assert await asyncio.wait_for(on_b.get(), 5) == {"type": "message", "n": 1}
        assert await asyncio.wait_for(on_a.get(), 5) == {"type": "message", "n": 1}
        a.publish(TOPIC, {"type": "message", "n": 2}, (PERSON,))
        assert await asyncio.wait_for(on_a.get(), 5) == {"type": "message", "n": 2}
        assert await asyncio.wait_for(on_b.get(), 5) == {"type": "message", "n": 2}
        await asyncio.sleep(0.2)
        # Nothing twice (a worker skips its own events from Redis), no other audience.
        assert on_a.empty() and on_b.empty() and advisor_on_b.empty()


async def test_an_ended_login_closes_its_sockets_on_every_worker(
    two_workers: tuple[RedisHub, RedisHub],
) -> None:
    a, b = two_workers
    ended = asyncio.Event()
    with b.watch_login("hash-1", ended.set):
        await asyncio.to_thread(a.end_logins, ["hash-1"])
        await asyncio.wait_for(ended.wait(), 5)


async def test_without_redis_the_worker_is_not_ready_and_catches_up_after(
    tmp_path: Path,
) -> None:
    redis = OwnRedis(tmp_path)
    redis.start()
    hub = RedisHub(redis.url, "pgb-assistent:test:events")
    await hub.start()
    try:
        await until(lambda: hub.ready)
        assert hub.ready
        async with hub.subscribe(TOPIC, PERSON) as socket:
            redis.stop()
            await until(lambda: not hub.ready)
            assert not hub.ready
            hub.publish(TOPIC, {"type": "message", "n": 1}, (PERSON,))  # reaches its own
            assert (await asyncio.wait_for(socket.get(), 5))["n"] == 1
            redis.start()
            await until(lambda: hub.ready)
            assert hub.ready
            assert await asyncio.wait_for(socket.get(), 5) == {
                "type": CLOSE,
                "code": SERVICE_RESTART,
            }
            assert hub.subscriptions == 2
    finally:
        await hub.stop()
        redis.stop()


def test_the_seam_is_chosen_by_configuration() -> None:
    memory = make_hub(Settings(database_url="sqlite:///x.db"))
    assert type(memory) is Hub and memory.ready
    redis = make_hub(Settings(database_url="sqlite:///x.db", redis_url=SYSTEM_REDIS))
    assert isinstance(redis, RedisHub) and not redis.ready  # not subscribed before start


def test_the_channel_holds_the_deployment() -> None:
    """Pub/sub ignores the database number: two deployments on one Redis must not meet."""
    one = Settings(database_url="postgresql://h/one")
    other = Settings(database_url="postgresql://h/other")
    assert one.events_channel != other.events_channel
    named = Settings(database_url="postgresql://h/one", deployment="gemeente-x")
    assert named.events_channel == "pgb-assistent:gemeente-x:events"
