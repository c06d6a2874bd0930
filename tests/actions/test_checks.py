"""Back one question and start again inside the guided checks."""

from __future__ import annotations

from actions.checks import CHECK_SLOTS, ActionGoBack, ActionResetChecks
from tests.actions.conftest import responses, slots_set, tracker_after


async def test_back_clears_the_previous_answer(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "go_back",
        active_loop="suitability_form",
        slots={
            "requested_slot": "administrator",
            "law": "wmo",
            "care_functions": ["begeleiding"],
            "care_giver": "professional",
            "caregiver_lives_in": "not_needed",
            "mantelzorger_overloaded": "not_needed",
        },
    )
    events = await ActionGoBack().run(dispatcher, tracker, domain)
    assert slots_set(events) == {
        "care_giver": None,
        "caregiver_lives_in": None,
        "mantelzorger_overloaded": None,
        "administrator": None,
        "failed_attempts": 0,
    }


async def test_back_from_the_care_question_asks_the_law_again(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "go_back",
        active_loop="suitability_form",
        slots={"requested_slot": "care_functions", "law": "wmo", "assessor": "not_needed"},
    )
    events = await ActionGoBack().run(dispatcher, tracker, domain)
    assert slots_set(events) == {
        "law": None,
        "assessor": None,
        "care_functions": None,
        "failed_attempts": 0,
    }


async def test_back_at_the_first_question_says_so(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = tracker_after(
        "go_back", active_loop="benefit_form", slots={"requested_slot": "benefits"}
    )
    assert await ActionGoBack().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_nothing_to_go_back_to"]


async def test_reset_clears_every_check_slot(dispatcher, domain) -> None:  # type: ignore[no-untyped-def]
    events = await ActionResetChecks().run(dispatcher, tracker_after("restart_flow"), domain)
    assert set(slots_set(events)) == {*CHECK_SLOTS, "failed_attempts"}
    assert all(slot in domain["slots"] for slot in CHECK_SLOTS)
