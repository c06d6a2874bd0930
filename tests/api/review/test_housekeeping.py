"""The retention purge runs in one process at a time across api workers (and a cron job's
`python -m api.cli purge`): on PostgreSQL the others skip their turn."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.core.settings import Settings
from api.main import create_app
from api.models import Conversation, utcnow
from api.review.housekeeping import PURGE_LOCK, purge_once
from tests.api.conftest import fresh_database


@pytest.fixture
def postgres_settings(tmp_path: Path) -> Iterator[Settings]:
    with fresh_database("postgresql", tmp_path) as url:
        yield Settings(database_url=url, tracker_store_url=url)


@pytest.mark.postgres
def test_a_purge_is_skipped_while_another_process_purges(postgres_settings: Settings) -> None:
    other = sa.create_engine(postgres_settings.database_url, isolation_level="AUTOCOMMIT")
    try:
        with other.connect() as connection:  # another worker, purging now
            connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": PURGE_LOCK})
            assert purge_once(postgres_settings) is None
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": PURGE_LOCK})
        assert purge_once(postgres_settings) is not None
        assert purge_once(postgres_settings) is not None  # it let go of the lock
    finally:
        other.dispose()


def test_sqlite_has_one_process_and_always_purges(tmp_path: Path) -> None:
    with fresh_database("sqlite", tmp_path) as url:
        assert purge_once(Settings(database_url=url)) is not None


def test_the_api_purges_when_it_starts(settings: Settings, db: Session) -> None:
    with TestClient(create_app(settings)) as client:
        client.post("/api/chat", json={"text": "oud"})
    db.execute(update(Conversation).values(updated_at=utcnow() - timedelta(days=400)))
    db.commit()

    hourly = settings.model_copy(update={"purge_interval_s": 3600})
    with TestClient(create_app(hourly)):
        for _ in range(100):  # the first purge runs in a thread beside the app's start
            db.expire_all()
            if not db.scalars(select(Conversation)).all():
                break
            time.sleep(0.05)
    assert db.scalars(select(Conversation)).all() == []
