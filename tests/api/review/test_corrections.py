"""The correction loop: verdicts on messages, exported as Rasa NLU YAML and as a list."""

from __future__ import annotations

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import error_text
from api.models import Correction, Message


@pytest.fixture
def reviewer(admin_console: TestClient) -> TestClient:
    """Conversations with the bot alone are reviewed by admins: advisors see only those handed
    to advisors (tests/api/review/test_transcripts.py)."""
    return admin_console


def messages(reviewer: TestClient, text: str) -> tuple[int, int]:
    """Ids of the user message and the bot's reply of a new conversation."""
    conversation_id = reviewer.post("/api/chat", json={"text": text}).json()["conversation_id"]
    detail = reviewer.get(f"/api/advisor/conversations/{conversation_id}").json()
    return detail["messages"][0]["id"], detail["messages"][1]["id"]


def correct(reviewer: TestClient, message_id: int, **body: object):  # type: ignore[no-untyped-def]
    return reviewer.post(f"/api/advisor/messages/{message_id}/corrections", json=body)


def test_corrections_export_as_rasa_nlu_yaml(reviewer: TestClient) -> None:
    first, _ = messages(reviewer, "mag ik mijn buurvrouw betalen?")
    second, _ = messages(reviewer, "kan ik  de buurvrouw\nbetalen")
    third, _ = messages(reviewer, "hoe zit het met de eigen bijdrage: 10% of meer?")
    assert (
        correct(reviewer, first, kind="intent", intent="ask_pay_informal_carer").status_code == 201
    )
    assert (
        correct(reviewer, second, kind="intent", intent="ask_pay_informal_carer").status_code == 201
    )
    assert correct(reviewer, third, kind="new_intent", note="eigen bijdrage").status_code == 201

    response = reviewer.get("/api/advisor/corrections/nlu.yml")
    assert response.status_code == 200
    data = yaml.safe_load(response.text)
    assert data["version"] == "3.1"
    assert data["nlu"] == [
        {
            "intent": "ask_pay_informal_carer",
            "examples": "- mag ik mijn buurvrouw betalen?\n- kan ik de buurvrouw betalen\n",
        },
        {
            "intent": "new_intent_needed",
            "examples": "- hoe zit het met de eigen bijdrage: 10% of meer?\n",
        },
    ]
    listed = reviewer.get("/api/advisor/corrections").json()
    assert [c["understood_intent"] for c in listed] == ["greet", "greet", "greet"]


def test_incorrect_advice_is_reported_on_bot_answers_with_a_note(
    reviewer: TestClient, db: Session
) -> None:
    user, bot = messages(reviewer, "mag ik mijn partner betalen?")
    no_note = correct(reviewer, bot, kind="incorrect_advice")
    assert no_note.status_code == 422
    assert no_note.json() == {"detail": error_text("correction_needs_note")}
    on_user = correct(reviewer, user, kind="incorrect_advice", note="x")
    assert on_user.json() == {"detail": error_text("correction_bot_only")}
    ok = correct(
        reviewer, bot, kind="incorrect_advice", note="Partner mag alleen met een uitzondering."
    )
    assert ok.status_code == 201

    reports = reviewer.get("/api/advisor/corrections/incorrect-advice").json()
    assert len(reports) == 1
    assert reports[0]["answer"] == "echo: mag ik mijn partner betalen"
    assert reports[0]["note"] == "Partner mag alleen met een uitzondering."
    assert reports[0]["reported_by"] == "Bea Beheer"


def test_bad_corrections_are_refused_and_store_nothing(reviewer: TestClient, db: Session) -> None:
    user, bot = messages(reviewer, "hallo")
    for body, key in [
        ({"kind": "intent", "intent": "Robert'); DROP TABLE corrections;--"}, "bad_intent"),
        ({"kind": "intent"}, "bad_intent"),
        ({"kind": "intent", "intent": "a/b/c"}, "bad_intent"),
    ]:
        response = correct(reviewer, user, **body)
        assert response.status_code == 422 and response.json() == {"detail": error_text(key)}
    wrong_side = correct(reviewer, bot, kind="intent", intent="greet")
    assert wrong_side.json() == {"detail": error_text("correction_user_only")}
    assert correct(reviewer, user, kind="something").status_code == 422
    assert correct(reviewer, 999_999, kind="new_intent").status_code == 404
    assert db.scalars(select(Correction)).all() == []
    assert len(db.scalars(select(Message)).all()) == 2


def test_known_intents_come_from_what_the_bot_recognised(reviewer: TestClient) -> None:
    messages(reviewer, "hallo")
    assert reviewer.get("/api/advisor/intents").json() == ["greet"]
