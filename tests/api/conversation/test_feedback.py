"""'Heeft dit antwoord u geholpen?' (api/conversation/feedback.py): asked on answers that state
facts, taken once per answer, redacted, and a "no" puts the conversation on the review list."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Conversation, Feedback
from tests.api.conftest import Account, Person, start_conversation
from tests.support.stub_rasa import StubRasa


def faq_answer(rasa: StubRasa) -> None:
    """The bot's next turn answers a FAQ in two messages (the answer, then its sources)."""
    rasa.intent = {"name": "faq_what_is_pgb", "confidence": 0.93}
    rasa.knowledge = ["what_is_pgb"]
    rasa.reply = lambda _text: [
        {"recipient_id": "x", "text": "Een pgb is geld om zelf zorg in te kopen."},
        {"recipient_id": "x", "text": "Bron: rijksoverheid.nl"},
    ]


def answered(client: TestClient, rasa: StubRasa) -> tuple[Person, int]:
    """A conversation whose first answer asks for feedback; the id of that answer."""
    faq_answer(rasa)
    body = client.post("/api/chat", json={"text": "wat is een pgb"}).json()
    asked = [m for m in body["messages"] if m["feedback"]]
    assert [m["text"] for m in asked] == ["Bron: rijksoverheid.nl"]  # the last one, only
    return Person(body["conversation_id"], body["conversation_token"]), asked[0]["id"]


def give(client: TestClient, person: Person, message_id: int, **body: object) -> object:
    return client.post(
        "/api/conversation/feedback",
        json={"message_id": message_id, **body},
        headers=person.headers,
    )


def test_only_answers_that_state_facts_ask_for_feedback(client: TestClient, rasa: StubRasa) -> None:
    body = client.post("/api/chat", json={"text": "hallo"}).json()  # a greeting: no records
    assert [m["feedback"] for m in body["messages"]] == [False]
    person, message_id = answered(client, rasa)
    history = client.get("/api/conversation/messages", headers=person.headers).json()
    assert [m["id"] for m in history["messages"] if m["feedback"]] == [message_id]


def test_no_marks_the_conversation_for_review_with_topic_and_knowledge(
    client: TestClient, rasa: StubRasa, db: Session, admin_console: TestClient, console: TestClient
) -> None:
    """Reviewed by those who may read conversations with the bot alone (admins): a "no" does
    not show an advisor what the person never brought to one (api/advisors/access.py)."""
    person, message_id = answered(client, rasa)
    conversation = db.get(Conversation, person.conversation_id)
    assert conversation is not None
    conversation.reviewed = True
    db.commit()

    comment = "klopt niet, bel me op 0612345678"
    response = give(client, person, message_id, helpful=False, comment=comment)

    assert response.status_code == 201, response.text
    assert response.json() == {"message_id": message_id, "helpful": False}
    db.expire_all()
    stored = db.scalars(select(Feedback)).one()
    assert (stored.topic, stored.knowledge) == ("faq_what_is_pgb", ["what_is_pgb"])
    assert stored.comment is not None and "0612345678" not in stored.comment
    page = admin_console.get("/api/advisor/conversations", params={"reviewed": False}).json()
    assert [c["id"] for c in page["items"]] == [person.conversation_id]
    assert page["items"][0]["tags"] == ["feedback-nee"]
    assert console.get("/api/advisor/conversations").json()["total"] == 0
    detail = admin_console.get(f"/api/advisor/conversations/{person.conversation_id}").json()
    assert [(f["message_id"], f["helpful"]) for f in detail["feedback"]] == [(message_id, False)]


def test_yes_leaves_the_review_state_alone(client: TestClient, rasa: StubRasa, db: Session) -> None:
    person, message_id = answered(client, rasa)
    assert give(client, person, message_id, helpful=True).status_code == 201
    db.expire_all()
    conversation = db.get(Conversation, person.conversation_id)
    assert conversation is not None and conversation.tags == []
    assert db.scalars(select(Feedback.helpful)).all() == [True]


def test_once_per_answer(client: TestClient, rasa: StubRasa) -> None:
    person, message_id = answered(client, rasa)
    assert give(client, person, message_id, helpful=True).status_code == 201
    again = give(client, person, message_id, helpful=False)
    assert again.status_code == 409
    assert again.json()["detail"] == "U heeft dit antwoord al beoordeeld. Bedankt!"


def test_bad_feedback_gets_a_dutch_answer(
    client: TestClient, rasa: StubRasa, anna: Account
) -> None:
    person, message_id = answered(client, rasa)
    other = start_conversation(client)  # another person's conversation
    not_asked = message_id - 1  # the first part of the answer: no question asked
    cases = [
        (give(client, person, not_asked, helpful=True), 422, "vragen we niet"),
        (give(client, other, message_id, helpful=True), 404, "bestaat niet"),
        (give(client, person, message_id, helpful=True, comment="x" * 501), 422, "te lang"),
        (give(client, person, message_id, helpful="misschien"), 422, ""),
        (give(client, person, 2**40, helpful=True), 422, ""),
        (
            client.post("/api/conversation/feedback", json={"message_id": message_id}),
            404,
            "bestaat niet",
        ),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.text  # type: ignore[attr-defined]
        assert words in response.json()["detail"]  # type: ignore[attr-defined]
