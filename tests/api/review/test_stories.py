"""A conversation exported as a Rasa test story (api/review/stories.py): the corrected intents,
the actions the bot took, entities from button payloads, no person's words; Dutch refusals.
tests/e2e/test_exported_story.py runs such a story through `rasa data validate` and
`rasa test core`."""

from __future__ import annotations

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditEntry
from tests.support.stub_rasa import StubRasa


def turn(
    reviewer: TestClient,
    rasa: StubRasa,
    text: str,
    intent: str,
    actions: list[str],
    conversation: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """One turn the bot read, with the intent and actions the stand-in Rasa reports."""
    rasa.intent = {"name": intent, "confidence": 0.9}
    rasa.events = [{"event": "user"}] + [{"event": "action", "name": a} for a in actions]
    rasa.reply = lambda _t: [
        {"recipient_id": "x", "text": "Antwoord", "buttons": [
            {"title": "Wlz", "payload": '/inform{"law": "wlz"}'}]}
    ]  # fmt: skip
    headers = {"X-Conversation-Token": conversation[1]} if conversation else {}
    body = {"text": text, "conversation_id": conversation[0] if conversation else None}
    answer = reviewer.post("/api/chat", json=body, headers=headers).json()
    return answer["conversation_id"], conversation[1] if conversation else answer[
        "conversation_token"
    ]


def test_the_story_has_the_corrected_intents_and_the_actions(
    admin_console: TestClient, rasa: StubRasa, db: Session
) -> None:
    reviewer = admin_console
    conv = turn(reviewer, rasa, "hallo", "greet", ["utter_greet", "utter_how_can_i_help"])
    said = "mag mijn zoon betaald worden, bel 0612345678"
    turn(reviewer, rasa, said, "nlu_fallback", ["action_default_fallback"], conv)
    checked = ["spending_form", "action_answer_spending"]
    turn(reviewer, rasa, '/inform{"law": "wlz"}', "inform", checked, conv)
    detail = reviewer.get(f"/api/advisor/conversations/{conv[0]}").json()
    unclear = [m for m in detail["messages"] if m["intent"] == "nlu_fallback"][0]
    corrected = reviewer.post(
        f"/api/advisor/messages/{unclear['id']}/corrections",
        json={"kind": "intent", "intent": "ask_pay_family_caregiver"},
    )
    assert corrected.status_code == 201

    response = reviewer.get(f"/api/advisor/conversations/{conv[0]}/story.yml")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/yaml; charset=utf-8"
    text = response.text
    assert "0612345678" not in text and "zoon" not in text  # intents only, no words
    assert "# the bot guessed nlu_fallback" in text
    story = yaml.safe_load(text)
    assert story["version"] == "3.1"
    assert story["stories"][0]["steps"] == [
        {"intent": "greet"},
        {"action": "utter_greet"},
        {"action": "utter_how_can_i_help"},
        {"intent": "ask_pay_family_caregiver"},
        {"action": "action_default_fallback"},
        {"intent": "inform", "entities": [{"law": "wlz"}]},
        {"action": "spending_form"},
        {"active_loop": None},
        {"action": "action_answer_spending"},
    ]
    audited = db.scalars(select(AuditEntry.action).where(AuditEntry.conversation_id == conv[0]))
    assert "export" in list(audited)


def test_a_new_intent_needed_or_no_bot_turn_is_refused_in_dutch(
    admin_console: TestClient, rasa: StubRasa, console: TestClient
) -> None:
    conv = turn(admin_console, rasa, "iets nieuws", "nlu_fallback", ["action_default_fallback"])
    detail = admin_console.get(f"/api/advisor/conversations/{conv[0]}").json()
    admin_console.post(
        f"/api/advisor/messages/{detail['messages'][0]['id']}/corrections",
        json={"kind": "new_intent"},
    )
    refused = admin_console.get(f"/api/advisor/conversations/{conv[0]}/story.yml")
    assert refused.status_code == 409
    assert "nieuwe intent nodig" in refused.json()["detail"]

    rasa.status = 500  # the bot did not read the message: nothing to make a story of
    failed = admin_console.post("/api/chat", json={"text": "hallo"}).json()["conversation_id"]
    empty = admin_console.get(f"/api/advisor/conversations/{failed}/story.yml")
    assert empty.status_code == 409
    assert "geen teststory" in empty.json()["detail"]
    # Advisors see only conversations that came to advisors: the same 404 as for none at all.
    hidden = console.get(f"/api/advisor/conversations/{conv[0]}/story.yml")
    assert hidden.status_code == 404
    assert console.get(f"/api/advisor/conversations/{'0' * 32}/story.yml").status_code == 404
