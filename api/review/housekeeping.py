"""Periodic work inside the api process: the retention purge (see api/review/privacy.py).

Every api worker runs the loop, but on PostgreSQL a purge first takes an advisory lock without
waiting: while one worker (or `python -m api.cli purge` from a cron job) purges, the others
skip their turn. Deployments that prefer cron set PGB_PURGE_INTERVAL_S=0 in the workers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.core.db import advisory_key, get_engine, session_scope
from api.core.settings import Settings
from api.review.privacy import PurgeResult, TrackerStoreUnavailable, purge

log = logging.getLogger(__name__)
PURGE_LOCK = advisory_key("pgb-assistent retention purge")


@contextmanager
def purge_turn(database_url: str) -> Iterator[bool]:
    """Whether this process may purge now: no other purge runs (on PostgreSQL, across every
    process on the database; SQLite has one api process)."""
    if not database_url.startswith("postgresql"):
        yield True
        return
    with get_engine(database_url).connect() as connection:
        taken = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PURGE_LOCK})
        connection.commit()
        if not taken.scalar_one():
            yield False
            return
        try:
            yield True
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PURGE_LOCK})
            connection.commit()


def purge_once(settings: Settings) -> PurgeResult | None:
    """Purge now, unless another process is purging (then None)."""
    with purge_turn(settings.database_url) as ours:
        if not ours:
            log.info("retention purge skipped: another process is purging")
            return None
        for session in session_scope(settings.database_url):
            return purge(session, settings)
    return None


async def purge_periodically(settings: Settings) -> None:
    """Purge at start and then every `purge_interval_s`; failures are logged and retried."""
    if settings.purge_interval_s <= 0:
        return
    while True:
        try:
            await asyncio.to_thread(purge_once, settings)
        except (SQLAlchemyError, TrackerStoreUnavailable) as error:
            log.warning("retention purge failed: %s", type(error).__name__)
        await asyncio.sleep(settings.purge_interval_s)
