"""action_request_handoff emits the payload the api turns into a handoff request."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionAnswerEnglish, ActionRequestHandoff
from tests.actions.conftest import responses, tracker_after


@pytest.mark.parametrize(
    ("intent", "reason"),
    [
        ("request_human", "user_request"),
        ("express_distress", "distress"),
        ("nlu_fallback", "not_understood"),
        ("report_refusal", "complex_case"),
        ("report_reclaim", "complex_case"),
        ("report_conflict", "complex_case"),
        ("deny", "user_request"),
        (None, "user_request"),
    ],
)
async def test_handoff_payload_names_the_reason(
    dispatcher: CollectingDispatcher, intent: str | None, reason: str
) -> None:
    events = await ActionRequestHandoff().run(dispatcher, tracker_after(intent), domain={})

    assert events == []
    assert dispatcher.messages == [
        {
            "text": None,
            "buttons": [],
            "elements": [],
            "custom": {"handoff": {"reason": reason}},
            "template": None,
            "response": None,
            "image": None,
            "attachment": None,
        }
    ]


async def test_english_asking_for_someone_is_handed_off(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "Is there someone who speaks English I can talk to about my father's care budget?"
    events = await ActionAnswerEnglish().run(
        dispatcher, tracker_after("speak_english", text), domain
    )
    assert responses(dispatcher) == ["utter_english_person"]
    assert events == [FollowupAction("action_request_handoff")]


async def test_english_without_asking_for_someone_gets_the_offer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    text = "What is a pgb and can I get paid for helping my mother?"
    events = await ActionAnswerEnglish().run(
        dispatcher, tracker_after("speak_english", text), domain
    )
    assert responses(dispatcher) == ["utter_english"]
    assert events == []
