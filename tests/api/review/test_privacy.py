"""AVG: erase on request (api database and Rasa's tracker store), retention purge, audit log."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.core.settings import Settings
from api.core.texts import error_text
from api.models import AuditEntry, Callback, Conversation, Message, Note, utcnow
from api.review.privacy import purge
from tests.api.conftest import Account, log_in, start_conversation


def tracker_store(settings: Settings, sender_ids: list[str]) -> sa.engine.Engine:
    """A tracker store shaped like Rasa's SQLTrackerStore, with two events per conversation."""
    engine = sa.create_engine(settings.tracker_store_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
                " type_name VARCHAR(255), data TEXT)"
            )
        )
        for sender in sender_ids:
            for kind in ("user", "bot"):
                connection.execute(
                    sa.text("INSERT INTO events (sender_id, type_name) VALUES (:s, :t)"),
                    {"s": sender, "t": kind},
                )
    return engine


def senders(engine: sa.engine.Engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(connection.scalars(sa.text("SELECT sender_id FROM events")))


def test_an_admin_erases_a_conversation_everywhere(
    client: TestClient, settings: Settings, admin: Account, anna: Account, db: Session
) -> None:
    keep = client.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    person = start_conversation(client, "wis mij")
    erase = person.conversation_id
    client.post(
        "/api/conversation/callback",
        json={"name": "Els", "phone": "0612345678", "preferred_moment": "", "consent": True},
        headers=person.headers,
    ).raise_for_status()
    engine = tracker_store(settings, [keep, erase])
    as_anna = log_in(TestClient(client.app), anna.email)
    as_anna.post(f"/api/advisor/conversations/{erase}/notes", json={"text": "notitie"})
    denied = as_anna.delete(f"/api/advisor/conversations/{erase}")
    assert denied.status_code == 403

    log_in(client, admin.email)
    assert client.delete(f"/api/advisor/conversations/{erase}").status_code == 204

    db.expire_all()
    assert db.get(Conversation, erase) is None and db.get(Conversation, keep) is not None
    assert db.scalars(select(Message.conversation_id)).all() == [keep, keep]
    assert db.scalars(select(Callback)).all() == [] and db.scalars(select(Note)).all() == []
    assert senders(engine) == [keep, keep]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
    assert (entry.advisor_email, entry.conversation_id) == (admin.email, erase)
    again = client.delete(f"/api/advisor/conversations/{erase}")
    assert again.status_code == 404
    assert again.json() == {"detail": error_text("conversation_not_found")}
    engine.dispose()


def test_erasing_works_when_the_tracker_store_has_no_events_table(
    client: TestClient, admin: Account, db: Session
) -> None:
    conversation_id = client.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    log_in(client, admin.email)
    assert client.delete(f"/api/advisor/conversations/{conversation_id}").status_code == 204


def test_an_unreachable_tracker_store_erases_nothing(
    settings: Settings, admin: Account, db: Session, tmp_path: Path
) -> None:
    from api.main import create_app

    broken = settings.model_copy(update={"tracker_store_url": "postgresql://nobody@127.0.0.1:1/x"})
    with TestClient(create_app(broken)) as client:
        conversation_id = client.post("/api/chat", json={"text": "hi"}).json()["conversation_id"]
        log_in(client, admin.email)
        response = client.delete(f"/api/advisor/conversations/{conversation_id}")
    assert response.status_code == 503
    assert response.json() == {"detail": error_text("tracker_unavailable")}
    db.expire_all()
    assert db.get(Conversation, conversation_id) is not None


def test_purge_deletes_conversations_past_retention_only(
    client: TestClient, settings: Settings, db: Session
) -> None:
    old = client.post("/api/chat", json={"text": "oud"}).json()["conversation_id"]
    new = client.post("/api/chat", json={"text": "nieuw"}).json()["conversation_id"]
    engine = tracker_store(settings, [old, new])
    db.execute(
        update(Conversation)
        .where(Conversation.id == old)
        .values(updated_at=utcnow() - timedelta(days=181))
    )
    db.add(AuditEntry(advisor_email="x", action="view", created_at=utcnow() - timedelta(days=800)))
    db.commit()

    result = purge(db, settings)

    assert (result.conversations, result.tracker_events, result.audit_entries) == (1, 2, 1)
    db.expire_all()
    assert db.scalars(select(Conversation.id)).all() == [new]
    assert senders(engine) == [new, new]
    assert purge(db, settings).conversations == 0  # nothing left to do
    engine.dispose()


def test_retention_zero_keeps_everything(
    client: TestClient, settings: Settings, db: Session
) -> None:
    client.post("/api/chat", json={"text": "oud"})
    db.execute(update(Conversation).values(updated_at=utcnow() - timedelta(days=10_000)))
    db.commit()
    assert purge(db, settings.model_copy(update={"retention_days": 0})).conversations == 0
