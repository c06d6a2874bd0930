"""What the person may send to the bot: only a button the bot just offered reaches it as a
payload (api/conversation/turn.py offered_payloads); anything else is plain text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.core.texts import error_text
from tests.api.conversation.chat import say, stored
from tests.support.stub_rasa import StubRasa

TOKEN = "X-Conversation-Token"


WLZ = '/inform{"law":"wlz"}'


def offer(rasa: StubRasa, *payloads: str) -> None:
    """The bot's next reply offers these buttons."""
    rasa.reply = lambda text: [
        {
            "recipient_id": "x",
            "text": "Wie betaalt uw zorg?",
            "buttons": [{"title": p, "payload": p} for p in payloads],
        }
    ]


def test_a_button_the_bot_just_offered_reaches_it_as_a_payload(
    client: TestClient, rasa: StubRasa
) -> None:
    offer(rasa, WLZ, "/say_dont_know")
    first = client.post("/api/chat", json={"text": "is een pgb iets voor mij"}).json()
    offer(rasa, "/say_dont_know")
    assert say(client, first, WLZ).status_code == 200
    assert say(client, first, "/say_dont_know").status_code == 200
    assert [r["message"] for r in rasa.received[1:]] == [WLZ, "/say_dont_know"]


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ('/inform{"law":"wmo"}', 'inform{"law":"wmo"}'),  # a button, but not one offered
        ("/start_suitability_check", "start_suitability_check"),
        ("/nlu_fallback", "nlu_fallback"),
        ("//restart", "restart"),
        ("/ /stop_flow", "stop_flow"),
        ("/\u00a0/greet", "greet"),
        ("/mijn moeder heeft een bsn 111222333", "mijn moeder heeft een bsn [BSN]"),
    ],
)
def test_a_payload_the_bot_did_not_offer_reaches_it_as_plain_text(
    client: TestClient, rasa: StubRasa, db: Session, typed: str, sent: str
) -> None:
    offer(rasa, WLZ)
    first = client.post("/api/chat", json={"text": "is een pgb iets voor mij"}).json()
    response = say(client, first, typed)

    assert response.status_code == 200
    assert rasa.received[-1]["message"] == sent
    # The stored message is what the person typed (redacted), leading "/" and all.
    assert stored(db, first["conversation_id"])[-2].text == typed.replace("111222333", "[BSN]")


def test_a_first_message_gets_no_payload_through(client: TestClient, rasa: StubRasa) -> None:
    client.post("/api/chat", json={"text": WLZ})
    assert rasa.received[-1]["message"] == WLZ[1:]


def test_a_button_offered_before_the_last_reply_is_plain_text(
    client: TestClient, rasa: StubRasa
) -> None:
    offer(rasa, WLZ)
    first = client.post("/api/chat", json={"text": "is een pgb iets voor mij"}).json()
    rasa.reply = lambda text: [{"recipient_id": "x", "text": "Dat begreep ik niet."}]
    say(client, first, "iets anders")
    say(client, first, WLZ)
    assert rasa.received[-1]["message"] == WLZ[1:]


def test_asking_for_a_person_is_always_allowed(client: TestClient, rasa: StubRasa) -> None:
    first = client.post("/api/chat", json={"text": "hallo"}).json()
    say(client, first, "/request_human")
    assert rasa.received[-1]["message"] == "/request_human"


def test_the_apis_own_fallback_button_reaches_the_bot(client: TestClient, rasa: StubRasa) -> None:
    """The system message after a failed turn offers a person; that button is a payload."""
    rasa.reply = lambda text: []
    first = client.post("/api/chat", json={"text": "hallo"}).json()
    payload = first["messages"][0]["buttons"][0]["payload"]
    rasa.reply = lambda text: [{"recipient_id": "x", "text": "Ik zoek iemand."}]
    say(client, first, payload)
    assert rasa.received[-1]["message"] == payload


@pytest.mark.parametrize("text", ["/", " / / ", "//"])
def test_slashes_alone_are_an_empty_message(client: TestClient, rasa: StubRasa, text: str) -> None:
    response = client.post("/api/chat", json={"text": text})
    assert response.status_code == 422
    assert response.json() == {"detail": error_text("empty_text")}
    assert rasa.received == []
