"""One turn at a time per conversation, across every api worker.

Rasa's lock store is not atomic across replicas (RasaHQ/rasa#9213), so the api never sends a
conversation's next turn before the previous one has been answered. On PostgreSQL that is a
session-level advisory lock on the conversation id, taken on a connection of its own and held
while Rasa answers: every worker sees it, and a worker that dies loses its connection and with
it the lock. SQLite means one api process, so an in-process lock does. A turn that waits longer
than PGB_TURN_LOCK_TIMEOUT_S gives up with `TurnBusy`: the person hears "one moment".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api.core.db import advisory_key
from api.errors import Unavailable

log = logging.getLogger(__name__)
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ends a wait


class TurnBusy(Unavailable):
    """The conversation's previous turn did not end in time; nothing of this one is stored."""

    key = "turn_busy"
    retry_after_s = 2


class TurnLocks(Protocol):
    def hold(self, conversation_id: str) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...


class ProcessLocks:
    """Per-conversation locks inside one api process (SQLite)."""

    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._users: dict[str, int] = {}

    @contextmanager
    def hold(self, conversation_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(conversation_id, threading.Lock())
            self._users[conversation_id] = self._users.get(conversation_id, 0) + 1
        try:
            if not lock.acquire(timeout=self._timeout_s):
                raise TurnBusy
            try:
                yield
            finally:
                lock.release()
        finally:
            with self._guard:
                self._users[conversation_id] -= 1
                if self._users[conversation_id] == 0:  # forget idle conversations
                    del self._users[conversation_id]
                    del self._locks[conversation_id]

    def close(self) -> None:
        pass


class AdvisoryLocks:
    """Per-conversation locks that every api worker on one PostgreSQL database sees.

    The lock connections come from a pool of their own, so a turn that holds one never waits
    for the request sessions' pool to hold its lock (that could starve both)."""

    def __init__(self, database_url: str, timeout_s: float, connections: int) -> None:
        millis = int(timeout_s * 1000)
        self.engine: Engine = create_engine(
            database_url,
            isolation_level="AUTOCOMMIT",
            pool_size=connections,
            max_overflow=0,
            pool_timeout=timeout_s,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 3, "options": f"-c lock_timeout={millis}"},
        )

    @contextmanager
    def hold(self, conversation_id: str) -> Iterator[None]:
        key = advisory_key(conversation_id)
        try:
            connection = self.engine.connect()
        except PoolTimeout as error:  # every lock connection busy for the whole wait
            raise TurnBusy from error
        with connection:
            try:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            except OperationalError as error:
                if getattr(error.orig, "pgcode", None) == LOCK_NOT_AVAILABLE:
                    raise TurnBusy from error
                raise
            try:
                yield
            finally:
                try:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                except SQLAlchemyError as error:
                    # The connection broke: PostgreSQL freed its locks with it.
                    log.warning("advisory unlock failed: %s", type(error).__name__)
                    connection.invalidate()

    def close(self) -> None:
        self.engine.dispose()


def turn_locks(database_url: str, timeout_s: float, connections: int) -> TurnLocks:
    if database_url.startswith("postgresql"):
        return AdvisoryLocks(database_url, timeout_s, connections)
    return ProcessLocks(timeout_s)
