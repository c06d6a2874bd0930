"""The api's private channel into Rasa (bot/channel.py): the secret, and what a turn reports."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channel import SECRET_HEADER, PgbApiInput, model_info, understood


def test_a_turn_reports_intent_slots_and_the_actions_after_the_message() -> None:
    domain = Domain.from_dict({"slots": {"law": {"type": "text", "mappings": []}}})
    tracker = DialogueStateTracker.from_events(
        "c1",
        [
            UserUttered("eerder", {"name": "greet", "confidence": 0.9}),
            ActionExecuted("utter_greet"),
            ActionExecuted("action_listen"),
            UserUttered("wlz", {"name": "inform", "confidence": 0.8}),
            SlotSet("law", "wlz"),
            ActionExecuted("action_answer_spending"),
            ActionExecuted("action_listen"),
        ],
        domain.slots,
    )
    assert understood(tracker) == {
        "intent": "inform",
        "confidence": 0.8,
        "slots": {"law": "wlz"},
        "actions": ["action_answer_spending"],
        "knowledge": [],
    }


def test_a_turn_reports_the_knowledge_records_its_answers_state() -> None:
    """A FAQ answer names its record by its response (utter_faq_<id>); an action passes the
    ids with its message (actions/spending.py), which Rasa keeps in the event's metadata."""
    tracker = DialogueStateTracker.from_events(
        "c1",
        [
            UserUttered("eerder", {"name": "faq_what_is_pgb", "confidence": 0.9}),
            BotUttered("oud", metadata={"utter_action": "utter_faq_what_is_pgb"}),
            ActionExecuted("action_listen"),
            UserUttered("taxi", {"name": "ask_spending", "confidence": 0.8}),
            ActionExecuted("action_answer_spending"),
            BotUttered(
                "Ja",
                metadata={
                    "utter_action": "utter_spending_allowed",
                    "knowledge": ["spend_taxi"],
                    "item": "taxi",
                },
            ),
            BotUttered("Bronnen", metadata={"utter_action": "utter_advice_sources"}),
            BotUttered(
                "Ook",
                metadata={
                    "utter_action": "utter_faq_svb_trekkingsrecht",
                    "knowledge": ["spend_taxi", 3],
                },
            ),
            ActionExecuted("action_listen"),
        ],
        [],
    )
    assert understood(tracker)["knowledge"] == ["spend_taxi", "svb_trekkingsrecht"]


def _request(headers: dict[str, str]) -> SimpleNamespace:
    return SimpleNamespace(headers=headers)


def test_a_turn_needs_the_shared_secret() -> None:
    channel = PgbApiInput("s3cret")
    assert channel._allowed(_request({SECRET_HEADER: "s3cret"}))
    assert not channel._allowed(_request({}))
    assert not channel._allowed(_request({SECRET_HEADER: "guess"}))


def test_no_secret_configured_refuses_everything() -> None:
    assert not PgbApiInput("")._allowed(_request({SECRET_HEADER: ""}))
    assert PgbApiInput.from_credentials(None).secret == ""
    assert PgbApiInput.from_credentials({"secret": "x"}).secret == "x"


def test_the_model_is_reported_with_the_figures_recorded_next_to_it(tmp_path: Path) -> None:
    figures = {"intent_macro_f1": 0.951, "examples": 412}
    (tmp_path / "pgb-abc123.evaluation.json").write_text(json.dumps(figures))
    info = model_info("pgb-abc123.tar.gz", "m-1", "2026-12-01T10:00:00", tmp_path)
    assert info == {
        "file": "pgb-abc123.tar.gz",
        "hash": "abc123",
        "id": "m-1",
        "trained_at": "2026-12-01T10:00:00",
        "evaluation": figures,
    }
    assert model_info("pgb-other.tar.gz", None, None, tmp_path)["evaluation"] is None
    (tmp_path / "pgb-bad.evaluation.json").write_text("{not json")
    assert model_info("pgb-bad.tar.gz", None, None, tmp_path)["evaluation"] is None
