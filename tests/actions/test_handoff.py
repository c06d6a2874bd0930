"""action_request_handoff emits the payload the api turns into a handoff request."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionRequestHandoff
from tests.actions.conftest import tracker_after


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
