"""POST /api/chat against a real database and a stand-in Rasa over real HTTP."""

from __future__ import annotations

import httpx2
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import error_text, texts
from api.models import Conversation, Message
from tests.api.conversation.chat import TOKEN, say, stored
from tests.support.stub_rasa import StubRasa


def without_ids(messages: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    """The messages minus id and created_at, after checking that both are there."""
    for message in messages:
        assert isinstance(message.pop("id"), int)
        assert message.pop("created_at").endswith("+00:00")
    return messages


def test_first_turn_creates_a_conversation_and_stores_both_sides(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    rasa.reply = lambda text: [
        {
            "recipient_id": "x",
            "text": "Hallo!",
            "buttons": [{"title": "Wat is een pgb?", "payload": "/faq/what_is_pgb"}],
        }
    ]
    response = client.post("/api/chat", json={"text": "hallo"})

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "bot"
    assert without_ids(body["messages"]) == [
        {
            "sender": "bot",
            "text": "Hallo!",
            "custom": None,
            "feedback": False,
            "buttons": [{"title": "Wat is een pgb?", "payload": "/faq/what_is_pgb"}],
        }
    ]
    messages = stored(db, body["conversation_id"])
    assert [(m.sender, m.text) for m in messages] == [("user", "hallo"), ("bot", "Hallo!")]
    assert messages[0].intent == "greet" and messages[0].confidence == 0.97
    assert messages[1].payload == {
        "buttons": [{"title": "Wat is een pgb?", "payload": "/faq/what_is_pgb"}]
    }
    assert all(m.created_at is not None for m in messages)
    assert rasa.received == [{"sender": body["conversation_id"], "message": "hallo"}]


def test_the_actions_the_bot_took_are_stored_with_the_user_message(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    rasa.events = [
        {"event": "user", "text": "eerder"},
        {"event": "action", "name": "utter_goodbye"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "hallo"},
        {"event": "action", "name": "utter_greet"},
        {"event": "action", "name": "utter_privacy_notice"},
        {"event": "action", "name": "action_listen"},
    ]
    body = client.post("/api/chat", json={"text": "hallo"}).json()
    assert stored(db, body["conversation_id"])[0].actions == ["utter_greet", "utter_privacy_notice"]


def test_next_turn_continues_the_same_conversation(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    first = client.post("/api/chat", json={"text": "hallo"}).json()
    second = say(client, first, "wat is een pgb")

    assert second.status_code == 200
    assert second.json()["conversation_id"] == first["conversation_id"]
    assert second.json()["messages"][0]["text"] == "echo: wat is een pgb"
    assert len(stored(db, first["conversation_id"])) == 4
    assert {r["sender"] for r in rasa.received} == {first["conversation_id"]}


def test_identifiers_are_redacted_before_storing_and_before_rasa(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    body = client.post(
        "/api/chat", json={"text": "mijn bsn is 111222333 en mail jan@example.nl"}
    ).json()

    user_text = stored(db, body["conversation_id"])[0].text
    assert user_text == "mijn bsn is [BSN] en mail [E-MAIL]"
    assert rasa.received[0]["message"] == user_text


def test_a_handoff_payload_from_the_bot_marks_the_conversation_requested(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    answers = {"situation": "mantelzorger", "care_need": "wijkverpleging"}
    rasa.slots = {"situation": "iets anders uit de tracker"}
    rasa.reply = lambda text: [
        {"recipient_id": "x", "text": "Ik vraag een mantelzorgmakelaar."},
        {"recipient_id": "x", "custom": {"handoff": {"reason": "distress", "answers": answers}}},
    ]
    body = client.post("/api/chat", json={"text": "ik trek het niet meer"}).json()

    assert body["state"] == "requested"
    # The control payload is the api's: not sent to the widget, not stored as a message.
    assert [(m["sender"], m["custom"]) for m in body["messages"]] == [
        ("bot", None),
        ("system", None),
    ]
    conversation = db.get(Conversation, body["conversation_id"])
    assert conversation is not None
    assert (conversation.state, conversation.handoff_reason) == ("requested", "distress")
    assert [m.sender for m in conversation.messages] == ["user", "bot", "system"]
    # The case summary is the one the handoff action sent, not the tracker's slots.
    assert conversation.slots == answers


def test_the_case_summary_is_redacted_like_every_message(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    rasa.reply = lambda text: [
        {"recipient_id": "x", "custom": {"handoff": {"answers": {"note": "bsn 111222333"}}}},
    ]
    body = client.post("/api/chat", json={"text": "help"}).json()

    assert body["state"] == "requested"
    conversation = db.get(Conversation, body["conversation_id"])
    assert conversation is not None
    assert conversation.handoff_reason == "user_request"  # no reason sent: the person asked
    assert conversation.slots == {"note": "bsn [BSN]"}


def test_an_empty_bot_reply_is_a_failure_the_person_hears_about(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    """Rasa answers HTTP 200 with [] when the action server is down."""
    rasa.reply = lambda text: []
    body = client.post("/api/chat", json={"text": "wat is een pgb"}).json()

    fallback = texts()["bot_unavailable"]
    assert without_ids(body["messages"]) == [
        {
            "sender": "system",
            "text": fallback["text"],
            "custom": None,
            "feedback": False,
            "buttons": fallback["buttons"],
        }
    ]
    assert [m.sender for m in stored(db, body["conversation_id"])] == ["user", "system"]


def test_rasa_down_keeps_the_message_and_offers_a_person(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    rasa.close()
    response = client.post("/api/chat", json={"text": "wat mag ik betalen met mijn pgb"})

    assert response.status_code == 200
    body = response.json()
    assert body["messages"][0]["sender"] == "system"
    assert body["messages"][0]["buttons"][0]["payload"] == "/request_human"
    assert stored(db, body["conversation_id"])[0].text == "wat mag ik betalen met mijn pgb"


def test_asking_for_a_person_while_rasa_is_down_still_requests_a_handoff(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    first = client.post("/api/chat", json={"text": "hallo"}).json()
    rasa.close()
    body = say(client, first, "/request_human").json()

    assert body["state"] == "requested"
    assert body["messages"][0]["text"] == texts()["handoff"]["requested"]


def test_rasa_answering_garbage_is_a_failure(client: TestClient, rasa: StubRasa) -> None:
    rasa.reply = lambda text: {"unexpected": "shape"}
    body = client.post("/api/chat", json={"text": "hallo"}).json()
    assert body["messages"][0]["sender"] == "system"


def test_unknown_conversation_is_a_dutch_404_and_stores_nothing(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    response = client.post(
        "/api/chat", json={"conversation_id": "0" * 32, "text": "hallo"}, headers={TOKEN: "x" * 43}
    )

    assert response.status_code == 404
    assert response.json() == {"detail": error_text("unknown_conversation")}
    assert rasa.received == []
    assert db.scalars(select(Message)).all() == []


def test_malformed_conversation_id_is_rejected(client: TestClient) -> None:
    response = client.post("/api/chat", json={"conversation_id": "../etc", "text": "hallo"})
    assert response.status_code == 422
    assert response.json()["detail"] == error_text("invalid_request")


def test_empty_or_whitespace_text_is_rejected_in_dutch(client: TestClient, db: Session) -> None:
    for text in ["", "   \n\t "]:
        response = client.post("/api/chat", json={"text": text})
        assert response.status_code == 422
        assert response.json() == {"detail": error_text("empty_text")}
    assert db.scalars(select(Message)).all() == []


def test_ten_thousand_characters_are_rejected_and_earlier_messages_kept(
    client: TestClient, db: Session
) -> None:
    first = client.post("/api/chat", json={"text": "hallo"}).json()
    response = say(client, first, "a" * 10_000)

    assert response.status_code == 422
    assert "te lang" in response.json()["detail"]
    assert len(stored(db, first["conversation_id"])) == 2


def test_invalid_json_gets_a_dutch_error_without_echo(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b'{"text": <script>', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == error_text("invalid_request")
    assert "<script>" not in response.text


def test_an_oversized_body_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post("/api/chat", json={"text": "x" * 70_000})
    assert response.status_code == 413
    assert response.json() == {"detail": error_text("body_too_large")}


def test_database_down_gives_a_dutch_503_without_a_stack_trace(
    settings, rasa: StubRasa, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    broken = settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'no-tables.db'}"})
    with TestClient(create_app(broken), raise_server_exceptions=False) as client:
        response = client.post("/api/chat", json={"text": "hallo"})

    assert response.status_code == 503
    assert response.json() == {"detail": error_text("database_unavailable")}
    assert "Traceback" not in response.text
    assert rasa.received == []


def test_turns_of_one_conversation_reach_rasa_one_at_a_time(settings, rasa: StubRasa) -> None:  # type: ignore[no-untyped-def]
    """The api never sends a conversation's next turn before the previous one is answered."""
    import threading
    import time

    from api.main import create_app

    active = 0
    overlaps = 0
    lock = threading.Lock()

    def slow_reply(text: str) -> list[dict[str, str]]:
        nonlocal active, overlaps
        with lock:
            active += 1
            overlaps += active > 1
        time.sleep(0.2)
        with lock:
            active -= 1
        return [{"text": "ok"}]

    with TestClient(create_app(settings)) as client:
        first = client.post("/api/chat", json={"text": "hallo"}).json()
        rasa.reply = slow_reply
        threads = [
            threading.Thread(target=say, args=(client, first, f"vraag {i}")) for i in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert overlaps == 0
    assert len(rasa.received) == 5


def test_real_http_client_against_a_running_server(settings) -> None:  # type: ignore[no-untyped-def]
    """The api served by uvicorn and called over a socket, as the widget calls it."""
    from tests.support.live import serve_api

    with serve_api(settings) as url:
        response = httpx2.post(f"{url}/api/chat", json={"text": "hallo"})
    assert response.status_code == 200
    assert response.json()["messages"][0]["text"] == "echo: hallo"


def test_a_turn_waiting_too_long_for_the_previous_one_hears_one_moment(  # type: ignore[no-untyped-def]
    settings, rasa: StubRasa, db: Session
) -> None:
    """Two messages of one conversation at once (two tabs): the second waits for the first,
    and after PGB_TURN_LOCK_TIMEOUT_S gets a Dutch 503 to send again; nothing of it stored."""
    import threading

    from api.main import create_app

    impatient = settings.model_copy(update={"turn_lock_timeout_s": 0.3})
    with TestClient(create_app(impatient)) as client:
        first = client.post("/api/chat", json={"text": "hallo"}).json()
        rasa.delay_s = 1.5
        answers: list[httpx2.Response] = []
        threads = [
            threading.Thread(target=lambda t=text: answers.append(say(client, first, t)))
            for text in ("een", "twee")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(a.status_code for a in answers) == [200, 503]
    busy = next(a for a in answers if a.status_code == 503)
    assert busy.json() == {"detail": error_text("turn_busy")}
    assert busy.headers["Retry-After"] == "2"
    texts_stored = [m.text for m in stored(db, first["conversation_id"]) if m.sender == "user"]
    assert len(texts_stored) == 2  # "hallo" and the one that got its turn


def test_a_hanging_rasa_is_cut_off_by_the_turn_deadline(  # type: ignore[no-untyped-def]
    settings, rasa: StubRasa, db: Session
) -> None:
    """A stopped action server makes Rasa wait (300 s in Rasa itself): the person gets the
    fallback with the offer of a person once PGB_RASA_TIMEOUT_S has passed."""
    from api.main import create_app

    rasa.delay_s = 3
    with TestClient(create_app(settings.model_copy(update={"rasa_timeout_s": 0.5}))) as client:
        body = client.post("/api/chat", json={"text": "wat is een pgb"}).json()
    assert body["messages"][0]["text"] == texts()["bot_unavailable"]["text"]
    assert [m.sender for m in stored(db, body["conversation_id"])] == ["user", "system"]
