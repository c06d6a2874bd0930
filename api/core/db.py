"""Database engine and sessions, created lazily from the settings (never at import)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.orm import Session, sessionmaker

from api.core.settings import get_settings


@lru_cache
def get_engine(url: str) -> Engine:
    """The engine of a database URL. On PostgreSQL the pool is sized per api worker
    (PGB_DB_POOL_SIZE, PGB_DB_MAX_OVERFLOW; docs/scale-out.md has the connection budget), and
    a database that does not answer fails the request in seconds rather than hanging it."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    settings = get_settings()
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=10,
        connect_args={"connect_timeout": 3} if url.startswith("postgresql") else {},
    )


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.close()


@lru_cache
def _session_factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


def session_scope(url: str) -> Iterator[Session]:
    with _session_factory(url)() as session:
        yield session


def affected_rows(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched. `Session.execute` is typed as returning the general
    `Result`; for these statements it is a `CursorResult`, which has the count."""
    return int(cast(CursorResult[Any], result).rowcount)


def advisory_key(name: str) -> int:
    """A signed 64-bit PostgreSQL advisory lock key for a name (a conversation id, a job)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
