"""The production path: the same stack on PostgreSQL (api database and Rasa's tracker store) and
Redis (Rasa's lock store), as in README "Configuration"."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa

from tests.support.stack import running_stack

ADMIN_URL = os.environ.get("PGB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[str, str]]:
    names = [f"pgb_e2e_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("api", "tracker")]
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        for name in names:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    with admin.connect() as connection:
        for name in names:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def api_url(databases: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    api_db, tracker_db = databases
    settings = {
        "PGB_DATABASE_URL": api_db,
        "PGB_TRACKER_STORE_URL": tracker_db,
        "PGB_LOCK_STORE": "redis",
    }
    with running_stack(settings, tmp_path_factory.mktemp("stack-pg") / "stack.log") as url:
        yield url


def test_a_conversation_is_stored_in_postgresql(api_url: str, databases: tuple[str, str]) -> None:
    reply = httpx.post(f"{api_url}/api/chat", json={"text": "wat is een pgb?"}, timeout=60).json()
    assert "persoonsgebonden budget" in " ".join(m["text"] or "" for m in reply["messages"])

    api_db, tracker_db = databases
    conversation = reply["conversation_id"]
    with sa.create_engine(api_db).connect() as connection:
        stored = connection.execute(
            sa.text("SELECT count(*) FROM messages WHERE conversation_id = :c"), {"c": conversation}
        ).scalar_one()
    with sa.create_engine(tracker_db).connect() as connection:
        events = connection.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :c"), {"c": conversation}
        ).scalar_one()
    assert stored >= 2
    assert events > 0
