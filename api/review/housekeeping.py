"""Periodic work inside the api process: the retention purge (see api/review/privacy.py)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError

from api.core.db import session_scope
from api.core.settings import Settings
from api.review.privacy import TrackerStoreUnavailable, purge

log = logging.getLogger(__name__)


def purge_once(settings: Settings) -> None:
    for session in session_scope(settings.database_url):
        purge(session, settings)


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
