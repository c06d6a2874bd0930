"""Transcripts: filters, search, the timeline, tags, notes, reviewed flag, export, audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import error_text
from api.models import AuditEntry, Conversation, Message
from tests.api.conftest import Person, person_asks_for_human
from tests.support.stub_rasa import StubRasa

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def people() -> dict[str, Person]:
    """The people of `three`, with their secrets."""
    return {}


@pytest.fixture
def three(console: TestClient, rasa: StubRasa, people: dict[str, Person]) -> dict[str, str]:
    """A greeting, a handed-off question, and a message the bot was unsure about."""
    greeting = console.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    people["handed"] = person_asks_for_human(console, rasa, f"bezwaar tegen besluit {XSS}")
    handed = people["handed"].conversation_id
    rasa.intent = {"name": "nlu_fallback", "confidence": 0.31}
    unsure = console.post("/api/chat", json={"text": "50% korting_op zorg?"}).json()
    return {"greeting": greeting, "handed": handed, "unsure": unsure["conversation_id"]}


def ids(console: TestClient, query: str = "") -> set[str]:
    response = console.get(f"/api/advisor/conversations{query}")
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_filters_and_search(admin_console: TestClient, three: dict[str, str]) -> None:
    """As an admin, who sees every conversation."""
    admin = admin_console
    assert ids(admin) == set(three.values())
    assert ids(admin, "?handed_off=true") == {three["handed"]}
    assert ids(admin, "?handed_off=false") == {three["greeting"], three["unsure"]}
    assert ids(admin, "?low_confidence=true") == {three["unsure"]}
    assert ids(admin, "?intent=nlu_fallback") == {three["unsure"]}
    assert ids(admin, "?q=BEZWAAR") == {three["handed"]}
    assert ids(admin, "?q=50%25") == {three["unsure"]}  # % is searched for, not a wildcard
    assert ids(admin, "?q=_op") == {three["unsure"]}
    assert ids(admin, "?q=%25") == {three["unsure"]}
    assert ids(admin, "?reviewed=true") == set()
    assert ids(admin, "?date_from=2000-01-01&date_to=2000-01-02") == set()
    assert ids(admin, "?state=requested") == {three["handed"]}


@pytest.mark.parametrize(
    "query",
    ["?q=' OR 1=1 --", "?q=%'; DROP TABLE messages; --", "?tag=x' OR 'a'='a", "?intent=\\"],
)
def test_sql_looking_input_is_just_text(
    admin_console: TestClient, three: dict[str, str], db: Session, query: str
) -> None:
    assert ids(admin_console, query) == set()
    assert len(db.scalars(select(Message)).all()) > 0


def test_bad_filter_values_get_a_dutch_422(console: TestClient) -> None:
    for query in ["?date_from=gisteren", "?limit=100000", "?reviewed=misschien"]:
        response = console.get(f"/api/advisor/conversations{query}")
        assert response.status_code == 422
        assert response.json()["detail"] == error_text("invalid_request")


def test_timeline_shows_every_message_with_intent_and_is_audited(
    admin_console: TestClient, console: TestClient, three: dict[str, str], db: Session, admin
) -> None:  # type: ignore[no-untyped-def]
    response = admin_console.get(f"/api/advisor/conversations/{three['unsure']}")
    assert response.status_code == 200
    body = response.json()
    user = body["messages"][0]
    assert (user["sender"], user["intent"], user["confidence"]) == ("user", "nlu_fallback", 0.31)
    assert [m["sender"] for m in body["messages"]] == ["user", "bot"]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "view")).one()
    assert (entry.advisor_email, entry.conversation_id) == (admin.email, three["unsure"])

    handed = console.get(f"/api/advisor/conversations/{three['handed']}").json()
    assert handed["messages"][0]["text"] == f"bezwaar tegen besluit {XSS}"  # kept as typed
    missing = console.get(f"/api/advisor/conversations/{'0' * 32}")
    assert missing.status_code == 404


def test_the_console_catches_up_on_what_its_socket_missed(
    admin_console: TestClient, console: TestClient, three: dict[str, str], db: Session
) -> None:
    """After a reconnect (1012) the page asks for the messages after the last one it shows:
    the same shape as the socket's, no audit row of its own, only for who may see it."""
    base = f"/api/advisor/conversations/{three['unsure']}"
    everything = admin_console.get(f"{base}/messages").json()
    assert [m["sender"] for m in everything] == ["user", "bot"]
    assert everything[0]["intent"] == "nlu_fallback"
    after_first = admin_console.get(f"{base}/messages?after={everything[0]['id']}").json()
    assert after_first == everything[1:]
    assert db.scalars(select(AuditEntry).where(AuditEntry.action == "view")).all() == []
    assert console.get(f"{base}/messages").status_code == 404  # not handed over: not Anna's


def test_tags_notes_and_reviewed_flag(
    console: TestClient, three: dict[str, str], people: dict[str, Person], db: Session
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
    person = console.get("/api/conversation/messages", headers=people["handed"].headers)
    assert person.status_code == 200
    assert "Terugbellen" not in person.text


def test_export_is_the_whole_conversation_as_json_and_is_audited(
    console: TestClient, three: dict[str, str], db: Session
) -> None:
    response = console.get(f"/api/advisor/conversations/{three['handed']}/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    body = response.json()
    assert body["id"] == three["handed"]
    assert body["handoff_reason"] == "user_request"
    # The question, the bot's answer and the api's note; the handoff request itself was a
    # control payload for the api, not a message.
    assert [m["sender"] for m in body["messages"]] == ["user", "bot", "system"]
    assert not any(m["custom"] for m in body["messages"])
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
    assert conversation is not None and len(conversation.messages) == 3


# Who sees what (issue 17): advisors see conversations that came to advisors; admins see all.


def test_an_advisor_sees_only_conversations_handed_to_advisors(
    console: TestClient, admin_console: TestClient, three: dict[str, str]
) -> None:
    assert ids(console) == {three["handed"]}
    assert ids(console, "?q=hallo") == set()
    assert ids(console, "?handed_off=false") == set()
    assert ids(admin_console) == set(three.values())
    assert console.get("/api/advisor/conversations").json()["total"] == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "", None),
        ("get", "/export", None),
        ("put", "/tags", {"tags": ["x"]}),
        ("put", "/review", {"reviewed": True}),
        ("post", "/notes", {"text": "notitie"}),
    ],
)
def test_an_advisor_cannot_open_a_conversation_only_the_bot_had(
    console: TestClient,
    admin_console: TestClient,
    three: dict[str, str],
    db: Session,
    method: str,
    path: str,
    body: dict[str, object] | None,
) -> None:
    url = f"/api/advisor/conversations/{three['greeting']}{path}"
    kwargs = {"json": body} if body is not None else {}
    refused = getattr(console, method)(url, **kwargs)
    assert refused.status_code == 404
    assert refused.json() == {"detail": error_text("conversation_not_found")}
    assert "hallo" not in refused.text
    assert (
        db.scalars(select(AuditEntry).where(AuditEntry.action.in_(["view", "export"]))).all() == []
    )
    assert getattr(admin_console, method)(url, **kwargs).status_code in (200, 201)
    handed = f"/api/advisor/conversations/{three['handed']}{path}"
    assert getattr(console, method)(handed, **kwargs).status_code in (200, 201)


def test_an_advisor_cannot_listen_to_a_conversation_only_the_bot_had(
    console: TestClient, three: dict[str, str]
) -> None:
    from starlette.websockets import WebSocketDisconnect

    url = f"/api/advisor/conversations/{three['greeting']}/ws"
    with pytest.raises(WebSocketDisconnect), console.websocket_connect(url) as socket:
        socket.receive_json()


def test_an_advisor_cannot_correct_or_read_corrections_of_bot_only_conversations(
    console: TestClient, admin_console: TestClient, three: dict[str, str]
) -> None:
    detail = admin_console.get(f"/api/advisor/conversations/{three['greeting']}").json()
    user_message = detail["messages"][0]["id"]
    url = f"/api/advisor/messages/{user_message}/corrections"
    correction = {"kind": "intent", "intent": "greet"}
    refused = console.post(url, json=correction)
    assert refused.status_code == 404
    assert refused.json() == {"detail": error_text("message_not_found")}
    assert admin_console.post(url, json=correction).status_code == 201
    assert admin_console.get("/api/advisor/corrections").json() != []
    assert console.get("/api/advisor/corrections").json() == []
    assert "hallo" not in console.get("/api/advisor/corrections/nlu.yml").text
    assert "hallo" in admin_console.get("/api/advisor/corrections/nlu.yml").text
