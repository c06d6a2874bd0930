"""The retention purge runs in one process at a time across api workers (and a cron job's
`python -m api.cli purge`): on PostgreSQL the others skip their turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from api.core.settings import Settings
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
