"""Transcripts: filters, search, the timeline, tags, notes, reviewed flag, export, audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditEntry, Conversation, Message
from api.texts import error_text
from tests.api.conftest import ask_for_human
from tests.support.stub_rasa import StubRasa

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def three(console: TestClient, rasa: StubRasa) -> dict[str, str]:
    """A greeting, a handed-off question, and a message the bot was unsure about."""
    greeting = console.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    handed = ask_for_human(console, rasa, f"bezwaar tegen besluit {XSS}")
    rasa.intent = {"name": "nlu_fallback", "confidence": 0.31}
    unsure = console.post("/api/chat", json={"text": "50% korting_op zorg?"}).json()
    return {"greeting": greeting, "handed": handed, "unsure": unsure["conversation_id"]}


def ids(console: TestClient, query: str = "") -> set[str]:
    response = console.get(f"/api/advisor/conversations{query}")
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_filters_and_search(console: TestClient, three: dict[str, str]) -> None:
    assert ids(console) == set(three.values())
    assert ids(console, "?handed_off=true") == {three["handed"]}
    assert ids(console, "?handed_off=false") == {three["greeting"], three["unsure"]}
    assert ids(console, "?low_confidence=true") == {three["unsure"]}
    assert ids(console, "?intent=nlu_fallback") == {three["unsure"]}
    assert ids(console, "?q=BEZWAAR") == {three["handed"]}
    assert ids(console, "?q=50%25") == {three["unsure"]}  # % is searched for, not a wildcard
    assert ids(console, "?q=_op") == {three["unsure"]}
    assert ids(console, "?q=%25") == {three["unsure"]}
    assert ids(console, "?reviewed=true") == set()
    assert ids(console, "?date_from=2000-01-01&date_to=2000-01-02") == set()
    assert ids(console, "?state=requested") == {three["handed"]}


@pytest.mark.parametrize(
    "query",
    ["?q=' OR 1=1 --", "?q=%'; DROP TABLE messages; --", "?tag=x' OR 'a'='a", "?intent=\\"],
)
def test_sql_looking_input_is_just_text(
    console: TestClient, three: dict[str, str], db: Session, query: str
) -> None:
    assert ids(console, query) == set()
    assert len(db.scalars(select(Message)).all()) > 0


def test_bad_filter_values_get_a_dutch_422(console: TestClient) -> None:
    for query in ["?date_from=gisteren", "?limit=100000", "?reviewed=misschien"]:
        response = console.get(f"/api/advisor/conversations{query}")
        assert response.status_code == 422
        assert response.json()["detail"] == error_text("invalid_request")


def test_timeline_shows_every_message_with_intent_and_is_audited(
    console: TestClient, three: dict[str, str], db: Session, anna
) -> None:  # type: ignore[no-untyped-def]
    response = console.get(f"/api/advisor/conversations/{three['unsure']}")
    assert response.status_code == 200
    body = response.json()
    user = body["messages"][0]
    assert (user["sender"], user["intent"], user["confidence"]) == ("user", "nlu_fallback", 0.31)
    assert [m["sender"] for m in body["messages"]] == ["user", "bot"]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "view")).one()
    assert (entry.advisor_email, entry.conversation_id) == (anna.email, three["unsure"])

    handed = console.get(f"/api/advisor/conversations/{three['handed']}").json()
    assert handed["messages"][0]["text"] == f"bezwaar tegen besluit {XSS}"  # kept as typed
    missing = console.get(f"/api/advisor/conversations/{'0' * 32}")
    assert missing.status_code == 404


def test_tags_notes_and_reviewed_flag(
    console: TestClient, three: dict[str, str], db: Session
) -> None:
    base = f"/api/advisor/conversations/{three['handed']}"
    tags = console.put(
        f"{base}/tags", json={"tags": ["Bezwaar", "  lange   wachttijd ", "bezwaar"]}
    )
    assert tags.json() == {"tags": ["bezwaar", "lange wachttijd"]}
    bad = console.put(f"{base}/tags", json={"tags": [XSS]})
    assert bad.status_code == 422 and bad.json() == {"detail": error_text("bad_tag")}
    assert console.put(f"{base}/review", json={"reviewed": True}).json() == {"reviewed": True}
    note = console.post(f"{base}/notes", json={"text": f"Terugbellen na besluit {XSS}"})
    assert note.status_code == 201
    assert console.post(f"{base}/notes", json={"text": "   "}).status_code == 422

    assert ids(console, "?tag=bezwaar") == {three["handed"]}
    assert ids(console, "?reviewed=true") == {three["handed"]}
    detail = console.get(base).json()
    assert detail["tags"] == ["bezwaar", "lange wachttijd"]
    assert detail["notes"][0]["text"] == f"Terugbellen na besluit {XSS}"
    assert detail["notes"][0]["advisor"] == "Anna de Vries"
    # Notes are private: the person's history never shows them.
    person = console.get(f"/api/conversations/{three['handed']}/messages").json()
    assert "Terugbellen" not in str(person)


def test_export_is_the_whole_conversation_as_json_and_is_audited(
    console: TestClient, three: dict[str, str], db: Session
) -> None:
    response = console.get(f"/api/advisor/conversations/{three['handed']}/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    body = response.json()
    assert body["id"] == three["handed"]
    assert body["handoff_reason"] == "user_request"
    assert len(body["messages"]) == 4
    actions = db.scalars(select(AuditEntry.action)).all()
    assert "export" in actions


def test_every_console_response_has_security_headers(console: TestClient) -> None:
    response = console.get("/api/advisor/conversations")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_oversized_payload_is_refused_and_changes_nothing(
    console: TestClient, three: dict[str, str], db: Session
) -> None:
    base = f"/api/advisor/conversations/{three['handed']}"
    response = console.post(f"{base}/notes", json={"text": "x" * 70_000})
    assert response.status_code == 413
    assert response.json() == {"detail": error_text("body_too_large")}
    db.expire_all()
    conversation = db.get(Conversation, three["handed"])
    assert conversation is not None and len(conversation.messages) == 4
