"""The handoff state machine over the api: queue, claim, live replies, hand back, callbacks.
Messages while the person waits in the queue: test_waiting.py."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import error_text, texts
from api.models import Callback, Conversation, Message
from tests.api.conftest import (
    Account,
    ask_for_human,
    person_asks_for_human,
    start_conversation,
    state_of,
)
from tests.support.stub_rasa import StubRasa


def test_bot_handoff_payload_queues_the_conversation_with_a_summary(
    console: TestClient, rasa: StubRasa
) -> None:
    rasa.reply = lambda text: [{"recipient_id": "x", "text": "Een pgb is geld voor zorg."}]
    first = start_conversation(console, "wat is een pgb")
    rasa.reply = lambda text: [
        {"recipient_id": "x", "custom": {"handoff": {"reason": "complex_case"}}}
    ]
    body = first.say(console, "bezwaar maken").json()

    assert body["state"] == "requested"
    assert body["messages"][-1]["sender"] == "system"
    assert body["messages"][-1]["text"] == texts()["handoff"]["requested"]
    queue = console.get("/api/advisor/queue").json()
    assert [item["id"] for item in queue] == [first.conversation_id]
    item = queue[0]
    assert item["state"] == "requested" and item["handoff_reason"] == "complex_case"
    assert item["asked"] == ["wat is een pgb", "bezwaar maken"]
    assert item["bot_replies"] == ["Een pgb is geld voor zorg."]
    assert 0 <= item["waiting_seconds"] < 60


def test_with_an_advisor_messages_go_to_the_advisor_not_to_rasa(
    console: TestClient, rasa: StubRasa
) -> None:
    person = person_asks_for_human(console, rasa)
    assert console.post(f"/api/advisor/conversations/{person.conversation_id}/claim").is_success
    before = len(rasa.received)
    rasa.intent = {"name": "faq_objection_deadline", "confidence": 0.9}
    body = person.say(console, "wat kan ik doen tegen de terugvordering").json()

    assert body["state"] == "with_advisor"
    assert body["messages"] == []
    assert len(rasa.received) == before


def test_claim_reply_and_close_reach_the_person_live(
    console: TestClient, rasa: StubRasa, db: Session
) -> None:
    asker = person_asks_for_human(console, rasa)
    conversation_id = asker.conversation_id
    with console.websocket_connect("/api/conversation/ws") as person:
        person.send_json({"type": "auth", "conversation_id": conversation_id, "token": asker.token})
        assert person.receive_json() == {"type": "state", "state": "requested", "advisor": None}

        claimed = console.post(f"/api/advisor/conversations/{conversation_id}/claim")
        assert claimed.status_code == 200
        joined = person.receive_json()
        assert joined["type"] == "message" and joined["message"]["sender"] == "system"
        assert "Anna" in joined["message"]["text"]
        assert person.receive_json() == {
            "type": "state",
            "state": "with_advisor",
            "advisor": "Anna",
        }

        sent = console.post(
            f"/api/advisor/conversations/{conversation_id}/messages",
            json={"text": "Goedemiddag, ik help u verder."},
        )
        assert sent.status_code == 201
        event = person.receive_json()
        assert event["type"] == "message"
        assert event["message"]["sender"] == "advisor"
        assert event["message"]["text"] == "Goedemiddag, ik help u verder."
        assert set(event["message"]) == {
            "id",
            "sender",
            "text",
            "buttons",
            "custom",
            "created_at",
            "feedback",
        }

        closed = console.post(f"/api/advisor/conversations/{conversation_id}/close")
        assert closed.json() == {"state": "bot"}
        handed_back = person.receive_json()
        assert handed_back["message"]["text"] == texts()["handoff"]["handed_back"]
        assert person.receive_json() == {"type": "state", "state": "bot", "advisor": None}

    # Back with the bot: the next message goes to Rasa again.
    body = asker.say(console, "nog een vraag").json()
    assert body["messages"][0]["text"] == "echo: nog een vraag"
    assert state_of(db, conversation_id) == "bot"


def test_person_messages_reach_the_advisor_socket(console: TestClient, rasa: StubRasa) -> None:
    person = person_asks_for_human(console, rasa)
    conversation_id = person.conversation_id
    console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    with console.websocket_connect(f"/api/advisor/conversations/{conversation_id}/ws") as advisor:
        assert advisor.receive_json()["state"] == "with_advisor"
        assert person.say(console, "mijn bsn is 111222333").status_code == 200
        event = advisor.receive_json()
    assert event["message"]["sender"] == "user"
    assert event["message"]["text"] == "mijn bsn is [BSN]"  # redacted before anyone sees it


def test_an_advisor_reply_keeps_contact_details_but_not_a_bsn(
    console: TestClient, rasa: StubRasa, db: Session
) -> None:
    conversation_id = ask_for_human(console, rasa)
    console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    typed = "Bel ons op 071 512 3456 of mail naar info@example.nl. Uw BSN 111222333 hoeft niet."
    sent = console.post(
        f"/api/advisor/conversations/{conversation_id}/messages", json={"text": typed}
    )

    expected = "Bel ons op 071 512 3456 of mail naar info@example.nl. Uw BSN [BSN] hoeft niet."
    assert sent.json()["text"] == expected
    db.expire_all()
    stored = db.scalars(select(Message).where(Message.sender == "advisor")).one()
    assert stored.text == expected


def test_a_second_advisor_cannot_claim_or_reply(
    console: TestClient, second_console: TestClient, rasa: StubRasa, db: Session
) -> None:
    conversation_id = ask_for_human(console, rasa)
    assert console.post(f"/api/advisor/conversations/{conversation_id}/claim").status_code == 200

    again = second_console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    assert again.status_code == 409
    assert again.json() == {"detail": error_text("already_claimed")}
    reply = second_console.post(
        f"/api/advisor/conversations/{conversation_id}/messages", json={"text": "ik ook"}
    )
    assert reply.status_code == 409
    assert reply.json() == {"detail": error_text("not_yours")}
    close = second_console.post(f"/api/advisor/conversations/{conversation_id}/close")
    assert close.status_code == 409
    db.expire_all()
    conversation = db.get(Conversation, conversation_id)
    assert conversation is not None and conversation.state == "with_advisor"
    assert [m.sender for m in conversation.messages].count("advisor") == 0


def test_claims_at_the_same_moment_have_exactly_one_winner(
    console: TestClient, second_console: TestClient, rasa: StubRasa
) -> None:
    conversation_id = ask_for_human(console, rasa)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def claim(client: TestClient) -> None:
        barrier.wait()
        results.append(
            client.post(f"/api/advisor/conversations/{conversation_id}/claim").status_code
        )

    threads = [threading.Thread(target=claim, args=(c,)) for c in (console, second_console)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 409]


def test_cannot_claim_a_conversation_with_the_bot(console: TestClient) -> None:
    conversation_id = console.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    response = console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    # Never handed to advisors, so not there for an advisor at all (api/advisors/access.py).
    assert response.status_code == 404
    missing = console.post(f"/api/advisor/conversations/{'0' * 32}/claim")
    assert missing.status_code == 404
    assert missing.json() == {"detail": error_text("conversation_not_found")}


def test_an_empty_or_too_long_advisor_reply_is_refused(console: TestClient, rasa: StubRasa) -> None:
    conversation_id = ask_for_human(console, rasa)
    console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    url = f"/api/advisor/conversations/{conversation_id}/messages"
    assert console.post(url, json={"text": "  "}).json() == {"detail": error_text("empty_text")}
    assert console.post(url, json={"text": "a" * 5000}).status_code == 422


@pytest.fixture
def closed_settings(settings):  # type: ignore[no-untyped-def]
    return settings.model_copy(update={"office_hours": ""})


def test_outside_office_hours_the_person_gets_the_callback_form(
    closed_settings, rasa: StubRasa, db: Session
) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    with TestClient(create_app(closed_settings)) as client:
        assert client.get("/api/handoff/availability").json() == {"open": False, "next_open": None}
        person = person_asks_for_human(client, rasa)
        conversation_id = person.conversation_id
        history = client.get("/api/conversation/messages", headers=person.headers).json()
        assert history["state"] == "bot"
        offer = history["messages"][-1]
        assert offer["sender"] == "system"
        assert offer["custom"]["callback_form"] is True

        url = "/api/conversation/callback"
        form = {"name": "Els", "phone": "06 12345678", "preferred_moment": "dinsdagochtend"}
        refused = client.post(url, json=form, headers=person.headers)  # consent missing
        assert refused.status_code == 422
        assert refused.json() == {"detail": error_text("callback_no_consent")}
        no_contact = client.post(url, json={"name": "Els", "consent": True}, headers=person.headers)
        assert no_contact.json() == {"detail": error_text("callback_no_contact")}
        bad_phone = client.post(
            url, json={**form, "phone": "<script>", "consent": True}, headers=person.headers
        )
        assert bad_phone.status_code == 422
        assert db.scalars(select(Callback)).all() == []

        accepted = client.post(url, json={**form, "consent": True}, headers=person.headers)
        assert accepted.status_code == 201
        assert accepted.json() == {"status": "callback"}
    assert state_of(db, conversation_id) == "callback"
    stored = db.scalars(select(Callback)).one()
    assert (stored.name, stored.phone, stored.preferred_moment) == (
        "Els",
        "06 12345678",
        "dinsdagochtend",
    )
    assert stored.consent_at is not None


def test_callbacks_show_in_the_queue_and_can_be_handled(
    console: TestClient, rasa: StubRasa, db: Session
) -> None:
    person = start_conversation(console)
    conversation_id = person.conversation_id
    console.post(
        "/api/conversation/callback",
        json={"name": "Els", "email": "els@example.nl", "preferred_moment": "", "consent": True},
        headers=person.headers,
    )
    item = console.get("/api/advisor/queue").json()[0]
    assert item["state"] == "callback"
    assert item["callbacks"][0]["email"] == "els@example.nl"

    assert console.post(f"/api/advisor/conversations/{conversation_id}/close").status_code == 200
    assert state_of(db, conversation_id) == "bot"
    assert db.scalars(select(Callback)).one().handled_at is not None
    assert console.get("/api/advisor/queue").json() == []


def test_history_returns_everything_or_what_came_after(client: TestClient) -> None:
    person = start_conversation(client)
    person.say(client, "nog iets")

    url = "/api/conversation/messages"
    history = client.get(url, headers=person.headers).json()
    assert [m["sender"] for m in history["messages"]] == ["user", "bot", "user", "bot"]
    after = history["messages"][1]["id"]
    later = client.get(f"{url}?after={after}", headers=person.headers).json()
    assert [m["text"] for m in later["messages"]] == ["nog iets", "echo: nog iets"]
    # Unknown, malformed, or without the secret: the same 404 (test_conversation_token.py).
    unknown = {"X-Conversation-Id": "0" * 32, "X-Conversation-Token": person.token}
    assert client.get(url, headers=unknown).status_code == 404
    assert (
        client.get(url, headers={**person.headers, "X-Conversation-Id": "nope"}).status_code == 404
    )


def test_socket_for_an_unknown_conversation_is_refused(client: TestClient) -> None:
    from starlette.websockets import WebSocketDisconnect

    with (
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect("/api/conversation/ws") as socket,
    ):
        socket.send_json({"type": "auth", "conversation_id": "0" * 32, "token": "x" * 43})
        socket.receive_json()


def test_advisor_socket_needs_a_login(client: TestClient, rasa: StubRasa, anna: Account) -> None:
    from starlette.websockets import WebSocketDisconnect

    conversation_id = ask_for_human(client, rasa)
    url = f"/api/advisor/conversations/{conversation_id}/ws"
    with pytest.raises(WebSocketDisconnect), client.websocket_connect(url) as socket:
        socket.receive_json()
