"""The hub carries events from the routes' threads to the sockets' event loops."""

from __future__ import annotations

import asyncio

from api.live.hub import ADVISOR, PERSON, Hub


async def test_an_event_reaches_only_its_topic_and_audience() -> None:
    hub = Hub()
    async with (
        hub.subscribe("a" * 32, PERSON) as person,
        hub.subscribe("a" * 32, ADVISOR) as advisor,
        hub.subscribe("b" * 32, PERSON) as elsewhere,
    ):
        # Published from a worker thread, as the routes do.
        await asyncio.to_thread(hub.publish, "a" * 32, {"type": "x"}, (PERSON,))
        assert await asyncio.wait_for(person.get(), 1) == {"type": "x"}
        await asyncio.sleep(0.05)
        assert advisor.empty() and elsewhere.empty()


async def test_leaving_unsubscribes() -> None:
    hub = Hub()
    async with hub.subscribe("a" * 32, PERSON) as queue:
        pass
    hub.publish("a" * 32, {"type": "x"}, (PERSON,))
    await asyncio.sleep(0.05)
    assert queue.empty()


async def test_a_stuck_socket_loses_events_rather_than_memory() -> None:
    hub = Hub()
    async with hub.subscribe("a" * 32, PERSON) as queue:
        for n in range(1100):
            hub.publish("a" * 32, {"n": n}, (PERSON,))
        await asyncio.sleep(0.1)
        assert queue.qsize() == 1000


async def test_an_ended_login_calls_its_watchers_only() -> None:
    hub = Hub()
    ended: list[str] = []
    with (
        hub.watch_login("h1", lambda: ended.append("h1")),
        hub.watch_login("h2", lambda: ended.append("h2")),
    ):
        await asyncio.to_thread(hub.end_logins, ["h1"])
        await asyncio.sleep(0.05)
    hub.end_logins(["h2"])  # no longer watched
    await asyncio.sleep(0.05)
    assert ended == ["h1"]
