"""The SQL tracker store that keeps the trackers it saved (bot/tracker_store.py): it hands back a
kept tracker only while the database still holds exactly its events."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore, _create_from_endpoint_config
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    BotUttered,
    ConversationPaused,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.tracker_store import KeptSQLTrackerStore, StatesKeptTracker
from tests.bot.check_conversation import check_events

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_yaml("version: '3.1'\nintents: [greet]\n")


def stores(tmp_path: Path) -> tuple[KeptSQLTrackerStore, SQLTrackerStore]:
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    return KeptSQLTrackerStore(domain=DOMAIN, host=url), SQLTrackerStore(domain=DOMAIN, host=url)


async def turn(store: SQLTrackerStore, sender: str, text: str, save: bool = True) -> None:
    tracker = await store.get_or_create_tracker(sender)
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(BotUttered(f"antwoord op {text}"))
    tracker.update(ActionExecuted("action_listen"))
    if save:
        await store.save(tracker)


def texts(tracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


async def test_a_kept_tracker_is_the_one_in_the_database(tmp_path: Path) -> None:
    kept, plain = stores(tmp_path)
    for n in range(3):
        await turn(kept, "a", f"vraag {n}")
    first = await kept.retrieve("a")
    from_database = await plain.retrieve("a")
    assert [e.as_dict() for e in first.events] == [e.as_dict() for e in from_database.events]
    await kept.save(first)
    assert await kept.retrieve("a") is first  # kept, not read again


async def test_a_turn_saved_elsewhere_is_read_from_the_database(tmp_path: Path) -> None:
    kept, other_replica = stores(tmp_path)
    await turn(kept, "a", "vraag 1")
    await turn(other_replica, "a", "vraag 2")
    assert texts(await kept.retrieve("a")) == ["vraag 1", "vraag 2"]


async def test_a_turn_that_was_not_saved_is_not_handed_back(tmp_path: Path) -> None:
    kept, _ = stores(tmp_path)
    await turn(kept, "a", "vraag 1")
    await turn(kept, "a", "vraag 2", save=False)  # the turn failed before it was saved
    assert texts(await kept.retrieve("a")) == ["vraag 1"]


async def test_only_the_most_recent_conversations_are_kept(tmp_path: Path) -> None:
    kept, _ = stores(tmp_path)
    kept._keep = 2
    for sender in ("a", "b", "c"):
        await turn(kept, sender, "hallo")
    assert list(kept._kept) == ["b", "c"]
    assert texts(await kept.retrieve("a")) == ["hallo"]  # from the database


def test_rasa_builds_this_store_from_the_endpoints_file(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PGB_TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'trackers.db'}")
    for name in ("PGB_ACTION_SERVER_URL", "PGB_LOCK_STORE", "PGB_REDIS_HOST", "PGB_REDIS_PORT"):
        monkeypatch.setenv(name, "x")
    monkeypatch.setenv("PGB_REDIS_DB", "0")
    config = read_endpoint_config(str(ROOT / "bot" / "endpoints.yml"), "tracker_store")
    assert isinstance(_create_from_endpoint_config(config, DOMAIN), KeptSQLTrackerStore)


async def test_a_conversation_is_not_kept_past_its_age(tmp_path: Path) -> None:
    kept, _ = stores(tmp_path)
    kept._max_age = 0
    await turn(kept, "a", "hallo")
    assert not kept._kept
    tracker = await kept.retrieve("a")
    assert texts(tracker) == ["hallo"]
    await kept.save(tracker)
    assert await kept.retrieve("a") is not tracker  # read from the database again


def _asked_at(*names: str) -> list[int]:
    """The positions (1-based) of the named actions in the check's events."""
    return [
        n
        for n, e in enumerate(check_events(), start=1)
        if isinstance(e, ActionExecuted) and e.action_name in names
    ]


@pytest.mark.parametrize(
    "asked_at",
    [
        list(range(1, 60)),
        list(range(2, 60, 2)),
        list(range(3, 60, 3)),
        # Before the revert, then only after the next answer: more events than were replayed,
        # but not the same ones.
        _asked_at("action_default_fallback", "utter_faq"),
        # Between the form's runs: Rasa drops the form's earlier run from the applied events.
        _asked_at("benefit_form", "action_answer_benefits"),
        # A form that was not in the events before (Rasa reads all runs in its light).
        _asked_at("utter_faq", "action_answer_spending"),
    ],
)
@pytest.mark.parametrize("omit", [False, True])
# With a maximum, the oldest events drop out of the tracker.
@pytest.mark.parametrize("most", [None, 12])
def test_kept_states_equal_rasas_as_events_come(
    asked_at: list[int], omit: bool, most: int | None
) -> None:
    """Applied events and past states, asked after every event or only now and then (several
    events, a revert among them, arrive between two predictions)."""
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    kept = StatesKeptTracker("a", domain.slots, max_event_history=most)
    for n, event in enumerate(check_events(), start=1):
        kept.update(event)
        if n not in asked_at:
            continue
        plain = DialogueStateTracker.from_events("a", list(kept.events), domain.slots)
        assert kept.applied_events() == plain.applied_events(), (n, event)
        ours = kept.past_states(domain, omit_unset_slots=omit)
        assert ours == plain.past_states(domain, omit_unset_slots=omit), (n, event)
        for state in ours:
            state.clear()  # a caller editing the states it got does not edit the kept ones
    plain = DialogueStateTracker.from_events("a", list(kept.events), domain.slots)
    assert kept.past_states(domain, omit) == plain.past_states(domain, omit)


def _everything(tracker: DialogueStateTracker) -> dict:
    """All of a tracker's attributes, its slots' included."""
    found = {k: v for k, v in vars(tracker).items() if k not in ("slots", "events")}
    found["slots"] = {name: vars(slot) for name, slot in tracker.slots.items()}
    found["events"] = list(tracker.events)
    return found


def test_a_kept_trackers_copy_is_rasas_copy() -> None:
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    kept = StatesKeptTracker("a", domain.slots)
    for n, event in enumerate(check_events(), start=1):
        kept.update(event)
        ours, rasas = kept.copy(), DialogueStateTracker.copy(kept)
        assert type(ours) is DialogueStateTracker
        assert _everything(ours) == _everything(rasas), (n, event)
        # The copy is not the original: what happens to one does not happen to the other.
        if kept.active_loop_name:
            ours.update(ActionExecutionRejected(kept.active_loop_name))
        ours.update(SlotSet("benefits", ["wajong"]))
        ours.update(ConversationPaused())
        assert _everything(kept) != _everything(ours)
        assert _everything(kept.copy()) == _everything(rasas)
