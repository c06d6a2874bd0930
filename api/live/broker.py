"""Live events between api workers: Redis pub/sub behind the hub's own interface.

`make_hub` is the one seam, chosen by configuration: without PGB_REDIS_URL the in-memory `Hub`
(one api process); with it a `RedisHub`, which delivers every event to this worker's own
sockets at once and sends it to the deployment's channel, from which every other worker's relay
delivers it to theirs (a worker skips what it sent itself).

Pub/sub keeps nothing for a subscriber that is away. While the relay is not subscribed the
worker says it is not ready (GET /readyz); once it has subscribed again it closes its sockets
with 1012, so widget and console reconnect and fetch what they missed by message id. The relay
reconnects with backoff and jitter, and its Redis client never retries on its own: redis-py's
default would reconnect and subscribe again silently, hiding the gap.

Routes run in threads: publishing only hands the event to the event loop, and one task sends
them in order, so a slow or absent Redis never holds up a person's turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import uuid
from collections.abc import Iterable
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from api.core.settings import Settings
from api.live.hub import SERVICE_RESTART, Event, Hub

log = logging.getLogger(__name__)
FIRST_DELAY_S = 0.5
MAX_DELAY_S = 10.0
OUTBOX_SIZE = 10_000  # events waiting for Redis; beyond this the oldest are dropped
_TIMEOUTS: dict[str, Any] = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "health_check_interval": 5,  # a silently dropped connection is noticed
    "retry": Retry(NoBackoff(), 0),
}


class RedisHub(Hub):
    def __init__(self, url: str, channel: str) -> None:
        super().__init__()
        self._url = url
        self._channel = channel
        self._origin = uuid.uuid4().hex
        self._subscribed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._outbox: asyncio.Queue[str] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.subscriptions = 0  # more than one: the relay lost Redis and subscribed again

    @property
    def ready(self) -> bool:
        return self._subscribed

    # What the rooms call (through api/live/events.py), from any thread.

    def publish(self, topic: str, event: Event, audiences: tuple[str, ...]) -> None:
        super().publish(topic, event, audiences)
        self._send({"kind": "event", "topic": topic, "event": event, "audiences": audiences})

    def end_logins(self, token_hashes: Iterable[str]) -> None:
        hashes = list(token_hashes)
        super().end_logins(hashes)
        self._send({"kind": "logins", "tokens": hashes})

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({**message, "origin": self._origin})
        loop = self._loop
        if loop is None:  # not started (or stopped): only this worker's sockets hear it
            return
        try:
            loop.call_soon_threadsafe(self._enqueue, data)
        except RuntimeError:  # the loop has closed
            return

    def _enqueue(self, data: str) -> None:
        assert self._outbox is not None
        if self._outbox.full():
            self._outbox.get_nowait()
            self._outbox.task_done()
        self._outbox.put_nowait(data)

    # The two tasks: sending this worker's events, relaying everyone else's.

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._outbox = asyncio.Queue(maxsize=OUTBOX_SIZE)
        self._tasks = [asyncio.create_task(self._sender()), asyncio.create_task(self._relay())]

    async def stop(self) -> None:
        if self._outbox is not None:  # what routes published just before the end goes out
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), 1.0)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._loop = None
        self._subscribed = False

    async def _sender(self) -> None:
        assert self._outbox is not None
        client = aioredis.Redis.from_url(self._url, **_TIMEOUTS)
        try:
            while True:
                data = await self._outbox.get()
                try:
                    await client.publish(self._channel, data)
                except (RedisError, OSError) as error:
                    # Lost for the other workers' sockets; their relays lost Redis too and
                    # close their sockets when back, so the clients catch up.
                    log.warning("live event not sent to Redis: %s", type(error).__name__)
                finally:
                    self._outbox.task_done()
        finally:
            await client.aclose()

    async def _relay(self) -> None:
        delay = FIRST_DELAY_S
        while True:
            before = self.subscriptions
            try:
                await self._listen()
            except (RedisError, OSError) as error:
                log.warning("live events: no Redis (%s); reconnecting", type(error).__name__)
            if self.subscriptions > before:  # it was subscribed: the backoff starts over
                delay = FIRST_DELAY_S
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))  # noqa: S311 - jitter
            delay = min(delay * 2, MAX_DELAY_S)

    async def _listen(self) -> None:
        client = aioredis.Redis.from_url(self._url, **_TIMEOUTS)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self._channel)
            self.subscriptions += 1
            self._subscribed = True
            if self.subscriptions > 1:
                # Events sent while we were away are lost: the clients catch up by id.
                closed = self.close_all(SERVICE_RESTART)
                log.warning("live events: Redis is back; closed %d sockets to catch up", closed)
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is not None:
                    self._deliver(message["data"])
        finally:
            self._subscribed = False
            with contextlib.suppress(RedisError, OSError):
                await pubsub.aclose()
            with contextlib.suppress(RedisError, OSError):
                await client.aclose()

    def _deliver(self, data: bytes | str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            return
        if not isinstance(message, dict) or message.get("origin") == self._origin:
            return
        if message.get("kind") == "event":
            Hub.publish(self, str(message["topic"]), message["event"], tuple(message["audiences"]))
        elif message.get("kind") == "logins":
            Hub.end_logins(self, [str(t) for t in message.get("tokens") or []])


def make_hub(settings: Settings) -> Hub:
    """The live events' seam: Redis between workers when configured, else in memory."""
    if settings.redis_url:
        return RedisHub(settings.redis_url, settings.events_channel)
    return Hub()
