"""Messages while the person waits in the queue for an advisor: passed on with a note, answered
by the bot when they ask something, the callback form when they ask to be called or when someone
comes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import texts
from api.models import Message
from tests.api.conftest import person_asks_for_human, state_of
from tests.support.stub_rasa import StubRasa


def test_small_talk_while_waiting_gets_only_the_waiting_note(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "greet", "confidence": 0.97}
    body = person.say(client, "hallo, is daar iemand?").json()

    assert body["conversation_id"] == person.conversation_id
    assert body["conversation_token"] is None
    assert body["state"] == "requested"
    texts_stored = [m.text for m in db.scalars(select(Message).order_by(Message.id))]
    assert texts_stored[-2] == "hallo, is daar iemand?"
    # Nobody has joined yet: the person hears that the message waits for the advisor.
    [waiting] = body["messages"]
    assert waiting["sender"] == "system" and "mantelzorgmakelaar" in waiting["text"]
    assert texts_stored[-1] == waiting["text"]


def test_a_follow_up_while_waiting_that_the_bot_answered_is_shown(
    client: TestClient, rasa: StubRasa
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "inform", "confidence": 0.9}
    rasa.events = [
        {"event": "user", "text": "en mijn ww dan als het stopt"},
        {"event": "action", "name": "action_follow_up"},
    ]
    body = person.say(client, "en mijn ww dan als het stopt").json()

    answer, waiting = body["messages"]
    assert answer["sender"] == "bot" and answer["text"] == "echo: en mijn ww dan als het stopt"
    assert waiting["sender"] == "system"


def test_someone_in_despair_who_hesitates_to_call_hears_113_can_be_chatted_too(
    client: TestClient, rasa: StubRasa
) -> None:
    despair = "ik kan niet meer, iedereen is beter af zonder mij"
    person = person_asks_for_human(client, rasa, despair, reason="distress")
    rasa.intent = {"name": "say_dont_know", "confidence": 0.8}
    body = person.say(client, "ik weet niet of ik wel wil bellen").json()

    assert body["state"] == "requested"
    [note] = body["messages"]
    assert note["text"] == texts()["handoff"]["distress_while_waiting"]
    assert "113.nl" in note["text"] and note["custom"] == {"callback_form": True}


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("ja ik bedoel met alles", "distress_still_waiting"),
        ("wanneer dan", "distress_when_waiting"),
    ],
)
def test_someone_in_despair_hears_113_with_every_note_while_waiting(
    client: TestClient, rasa: StubRasa, text: str, note: str
) -> None:
    despair = "ik trek dit niet meer, ik wil er gewoon mee stoppen"
    person = person_asks_for_human(client, rasa, despair, reason="distress")
    rasa.intent = {"name": "affirm", "confidence": 0.8}
    body = person.say(client, text).json()

    assert body["state"] == "requested"
    [waiting] = body["messages"]
    assert waiting["text"] == texts()["handoff"][note]
    assert "0800-0113" in waiting["text"] and "mantelzorgmakelaar" in waiting["text"]


def test_asking_to_be_called_while_waiting_gets_the_callback_form(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "request_human", "confidence": 0.9}
    body = person.say(client, "bel me morgen maar terug na 3 uur").json()

    assert body["state"] == "requested"
    [offer] = body["messages"]
    assert offer["sender"] == "system"
    assert offer["text"] == texts()["handoff"]["callback_while_waiting"]
    assert offer["custom"] == {"callback_form": True}
    form = {"name": "Ans", "phone": "0612345678", "preferred_moment": "morgen na 15.00 uur"}
    left = client.post(
        "/api/conversation/callback", json={**form, "consent": True}, headers=person.headers
    )
    assert left.status_code == 201
    assert state_of(db, person.conversation_id) == "callback"


@pytest.mark.parametrize(
    "text", ["ok maar wanneer dan", "hoe lang duurt het nog?", "wanneer komt er iemand"]
)
def test_asking_when_someone_comes_gets_the_wait_not_the_last_answer_again(
    client: TestClient, rasa: StubRasa, text: str
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "start_benefit_check", "confidence": 0.9}
    turns_before = len(rasa.received)
    body = person.say(client, text).json()

    assert body["state"] == "requested"
    [note] = body["messages"]
    assert note["text"] == texts()["handoff"]["when_waiting"]
    assert note["custom"] == {"callback_form": True}
    assert len(rasa.received) == turns_before  # the bot was not asked


@pytest.mark.parametrize(
    "text", ["en hoe lang heb ik daar nog voor?", "wanneer moet ik het bezwaar insturen"]
)
def test_a_question_about_time_that_is_not_about_the_wait_goes_to_the_bot(
    client: TestClient, rasa: StubRasa, text: str
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "faq_objection_deadline", "confidence": 0.9}
    answer, waiting = person.say(client, text).json()["messages"]
    # The bot gets the text without its closing question mark (api/nlu_text.py).
    assert answer["sender"] == "bot" and answer["text"] == f"echo: {text.rstrip('?')}"
    assert waiting["text"] == texts()["handoff"]["still_waiting"]


def test_a_question_while_waiting_is_answered_and_waits_for_the_advisor(
    client: TestClient, rasa: StubRasa, db: Session
) -> None:
    person = person_asks_for_human(client, rasa)
    rasa.intent = {"name": "faq_objection_deadline", "confidence": 0.9}
    body = person.say(client, "wat kan ik doen tegen de terugvordering").json()

    assert body["state"] == "requested"
    answer, waiting = body["messages"]
    assert (
        answer["sender"] == "bot"
        and answer["text"] == "echo: wat kan ik doen tegen de terugvordering"
    )
    assert waiting["sender"] == "system" and "mantelzorgmakelaar" in waiting["text"]
    texts_stored = [m.text for m in db.scalars(select(Message).order_by(Message.id))]
    assert texts_stored[-3:] == [
        "wat kan ik doen tegen de terugvordering",
        answer["text"],
        waiting["text"],
    ]
