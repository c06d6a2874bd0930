"""Real-time fan-out of events to WebSockets (the person's widget, the console).

A socket subscribes to a topic (a conversation's id, or QUEUE for the console's queue page) as
one audience; api/live/events.py decides which audiences hear which event. This hub holds the
sockets of one api process. With several api workers a reply stored by one worker must reach a
socket held by another: api/live/broker.py carries events between workers through Redis and
delivers them into each worker's hub (`make_hub` picks it by configuration). One worker needs
nothing of that.

Routes run in a thread pool while sockets run on the event loop, so `publish` is thread-safe: it
hands each event to the subscriber's loop with `call_soon_threadsafe`.

An advisor's socket also watches its login: when the login ends (logout, the account switched
off, a password change) `end_logins` closes it at once. A login ended in another api process is
noticed by the socket's own periodic check (PGB_SOCKET_RECHECK_S).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

Event = dict[str, Any]

# The audiences (api/live/events.py says who hears what), and the queue page's topic.
PERSON = "person"
ADVISOR = "advisor"
QUEUE = "queue"
# Not an event for the client: the socket that gets it closes with its code (sockets.relay).
CLOSE = "_close"
SERVICE_RESTART = 1012  # WebSocket close code: reconnect, and catch up by message id


class _Subscriber:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=1000)

    def offer(self, event: Event) -> None:
        if not self.queue.full():  # a stuck socket loses events rather than memory
            self.queue.put_nowait(event)

    def close(self, code: int) -> None:
        while not self.queue.empty():  # what is queued is caught up after reconnecting
            self.queue.get_nowait()
        self.queue.put_nowait({"type": CLOSE, "code": code})


class _Watcher:
    def __init__(self, loop: asyncio.AbstractEventLoop, on_end: Callable[[], None]) -> None:
        self.loop = loop
        self.on_end = on_end


class Hub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[tuple[str, str], set[_Subscriber]] = {}
        self._logins: dict[str, set[_Watcher]] = {}

    @asynccontextmanager
    async def subscribe(self, topic: str, audience: str) -> AsyncIterator[asyncio.Queue[Event]]:
        subscriber = _Subscriber(asyncio.get_running_loop())
        key = (topic, audience)
        with self._lock:
            self._subscribers.setdefault(key, set()).add(subscriber)
        try:
            yield subscriber.queue
        finally:
            with self._lock:
                subscribers = self._subscribers.get(key, set())
                subscribers.discard(subscriber)
                if not subscribers:
                    self._subscribers.pop(key, None)

    def publish(self, topic: str, event: Event, audiences: tuple[str, ...]) -> None:
        with self._lock:
            targets = [s for a in audiences for s in self._subscribers.get((topic, a), ())]
        for subscriber in targets:
            try:
                subscriber.loop.call_soon_threadsafe(subscriber.offer, event)
            except RuntimeError:  # that socket's loop has closed
                continue

    def close_all(self, code: int = SERVICE_RESTART) -> int:
        """Close every socket of this process with `code` (they may have missed events, or the
        process stops); the clients reconnect and catch up. Thread-safe; returns how many."""
        with self._lock:
            targets = [s for subscribers in self._subscribers.values() for s in subscribers]
        for subscriber in targets:
            try:
                subscriber.loop.call_soon_threadsafe(subscriber.close, code)
            except RuntimeError:  # that socket's loop has closed
                continue
        return len(targets)

    @property
    def ready(self) -> bool:
        """Whether events published anywhere reach this process's sockets (in memory: always)."""
        return True

    async def start(self) -> None:
        """Start carrying events between workers (nothing to do in memory)."""

    async def stop(self) -> None:
        """Stop carrying events between workers (nothing to do in memory)."""

    @contextmanager
    def watch_login(self, token_hash: str, on_end: Callable[[], None]) -> Iterator[None]:
        """Call `on_end` (on the caller's event loop) when that advisor login ends here."""
        watcher = _Watcher(asyncio.get_running_loop(), on_end)
        with self._lock:
            self._logins.setdefault(token_hash, set()).add(watcher)
        try:
            yield
        finally:
            with self._lock:
                watchers = self._logins.get(token_hash, set())
                watchers.discard(watcher)
                if not watchers:
                    self._logins.pop(token_hash, None)

    def end_logins(self, token_hashes: Iterable[str]) -> None:
        """These advisor logins have ended (logout, account switched off, password changed):
        their open sockets close at once. Thread-safe, like publish."""
        with self._lock:
            watchers = [w for t in token_hashes for w in self._logins.get(t, ())]
        for watcher in watchers:
            try:
                watcher.loop.call_soon_threadsafe(watcher.on_end)
            except RuntimeError:  # that socket's loop has closed
                continue
