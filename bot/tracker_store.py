"""Rasa's SQL tracker store, keeping the trackers it saved in memory for their next turn.

Rasa's SQLTrackerStore reads every event of a conversation from the database at every turn,
decodes each from JSON and replays them all to rebuild the tracker, so a turn costs more the
longer the conversation is. This store keeps the tracker it just saved; at the conversation's
next turn it counts the conversation's stored events (one COUNT, which Rasa's save does
anyway) and hands the kept tracker back only when that count is still the number of events it
holds. Otherwise (another Rasa replica answered a turn in between, a turn failed before it was
saved, a new session started) it reads the database as Rasa does. A tracker is lent out while
its turn runs: a second turn on the same conversation (Rasa's lock store prevents one) would
read the database.

The trackers it hands out also keep their dialogue states (StatesKeptTracker): Rasa's
RulePolicy asks for the states of the whole conversation several times a turn, and Rasa replays
every event from the start to compute them, so in a long conversation that replay was the
largest part of a turn.

The database stays the only record: every event is written as before, by Rasa's own save.
bot/endpoints.yml names this class. At most `keep` conversations are kept, least recently used
first out, and none longer than `max_age` seconds after its last turn: a conversation erased in
the database (AVG, api/review/privacy.py) is no longer handed back, and is gone from memory
within that time.
"""

from __future__ import annotations

import copy
import itertools
import operator
import time
from collections import OrderedDict, deque
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

KEEP = 200
MAX_AGE = 15 * 60


class _Replay:
    """The events replayed so far onto a copy of a tracker, and the state before each action."""

    def __init__(self, tracker: DialogueStateTracker, domain: Domain, omit_unset: bool) -> None:
        self.domain, self.omit_unset = domain, omit_unset
        self.tracker = tracker.init_copy()
        self.events: list[Event] = []
        self.states: list[State] = []

    def continues(self, applied: list[Event], domain: Domain, omit_unset: bool) -> bool:
        """Whether `applied` starts with the very events replayed (not reverted since)."""
        return (
            domain is self.domain
            and omit_unset == self.omit_unset
            and len(self.events) <= len(applied)
            and all(map(operator.is_, self.events, applied))
        )


class _Applied:
    """The applied events of the first `seen` events of a tracker."""

    def __init__(self, events: list[Event], loops: frozenset[str], applied: list[Event]) -> None:
        self.first, self.last = (events[0], events[-1]) if events else (None, None)
        self.seen, self.loops, self.events = len(events), loops, applied

    def continues(self, events: deque[Event]) -> bool:
        """Whether `events` starts with the very events seen (none dropped from the front)."""
        if not self.seen:
            return True
        return (
            len(events) >= self.seen
            and events[0] is self.first
            and events[self.seen - 1] is self.last
        )


class StatesKeptTracker(DialogueStateTracker):
    """A tracker that computes its applied events and past states from where it left off, and
    copies itself without replaying its events.

    Rasa's `past_states` replays every applied event onto a fresh copy of the tracker and takes
    the state before each action: the same work again at every prediction, growing with the
    conversation. This tracker keeps the replay and the states of the actions already passed,
    and replays only the events added since. When the applied events no longer start with the
    replayed ones (a reverted utterance, a form's loop execution undone, a new session), it
    starts again from the beginning, as Rasa does. tests/bot/test_tracker_store.py compares both
    with Rasa's own along a conversation with two forms, a reverted message and a new session.

    Its applied events (the events minus reverted ones, asked for many times a turn) are kept
    the same way, and computed again from the start when a new form appears in the events
    (Rasa reads every form's earlier runs in the light of all forms named anywhere).

    Rule-only turns are hidden only for machine-learning policies (which this bot has none of):
    that path is Rasa's own.
    """

    _replay: _Replay | None = None
    _applied: _Applied | None = None

    def copy(self) -> DialogueStateTracker:
        """The tracker Rasa's copy() would give (a plain one, its events and current state),
        without replaying every event onto a fresh tracker, which Rasa does before every action
        it runs."""
        twin = self.init_copy()
        twin.events = self._create_events(list(self.events))
        twin.slots = {name: copy.copy(slot) for name, slot in self.slots.items()}
        twin._paused = self._paused
        twin.followup_action = self.followup_action
        twin.latest_action = None if self.latest_action is None else dict(self.latest_action)
        twin.latest_message = self.latest_message
        twin.latest_bot_utterance = self.latest_bot_utterance
        twin.active_loop = copy.copy(self.active_loop)
        return twin

    def applied_events(self) -> list[Event]:
        kept = self._applied
        if kept is None or not kept.continues(self.events):
            kept = self._applied = _Applied([], frozenset(), [])
        new = list(itertools.islice(self.events, kept.seen, None))
        loops = {e.name for e in new if isinstance(e, ActiveLoop) and e.name}
        if not loops <= kept.loops:
            applied = super().applied_events()
            self._applied = _Applied(list(self.events), kept.loops | loops, applied)
            return list(applied)
        applied = kept.events
        for event in new:
            # Rasa's DialogueStateTracker.applied_events, one event at a time.
            if isinstance(event, (Restarted, SessionStarted)):
                applied.clear()
            elif isinstance(event, ActionReverted):
                self._undo_till_previous(ActionExecuted, applied)
            elif isinstance(event, UserUtteranceReverted):
                self._undo_till_previous(UserUttered, applied)
                self._undo_till_previous(ActionExecuted, applied)
            elif (
                isinstance(event, ActionExecuted)
                and event.action_name in kept.loops
                and not self._first_loop_execution_or_unhappy_path(event.action_name, applied)
            ):
                self._undo_till_previous_loop_execution(event.action_name, applied)
            else:
                applied.append(event)
        if new:
            kept.seen, kept.last = len(self.events), new[-1]
            if kept.first is None:
                kept.first = new[0]
        return list(applied)

    def past_states(
        self,
        domain: Domain,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: dict[str, Any] | None = None,
    ) -> list[State]:
        if ignore_rule_only_turns:
            return super().past_states(
                domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data
            )
        applied = self.applied_events()
        replay = self._replay
        if replay is None or not replay.continues(applied, domain, omit_unset_slots):
            replay = self._replay = _Replay(self, domain, omit_unset_slots)
        for event in applied[len(replay.events) :]:
            if isinstance(event, ActionExecuted):
                replay.states.append(_state(domain, replay.tracker, omit_unset_slots))
            replay.tracker.update(event)
            replay.events.append(event)
        # Callers edit states in place (a featurizer drops the text of a user state).
        kept = [{part: dict(sub) for part, sub in state.items()} for state in replay.states]
        return [*kept, _state(domain, replay.tracker, omit_unset_slots)]


def _state(domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool) -> State:
    return domain._clean_state(domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots))


def keeping_states(tracker: DialogueStateTracker | None) -> DialogueStateTracker | None:
    """The same tracker, as a StatesKeptTracker (a subclass without attributes of its own to
    set: Rasa's SQLTrackerStore builds a plain DialogueStateTracker from the stored events)."""
    if tracker is not None and type(tracker) is DialogueStateTracker:
        tracker.__class__ = StatesKeptTracker
    return tracker


class KeptSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self, *args: Any, keep: int | str = KEEP, max_age: float | str = MAX_AGE, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._keep, self._max_age = int(keep), float(max_age)
        # sender -> (tracker, number of events saved, when saved), least recently saved first
        self._kept: OrderedDict[str, tuple[DialogueStateTracker, int, float]] = OrderedDict()

    def _evict(self) -> None:
        too_old = time.monotonic() - self._max_age
        while self._kept and (
            len(self._kept) > self._keep or next(iter(self._kept.values()))[2] <= too_old
        ):
            self._kept.popitem(last=False)

    def _stored(self, sender_id: str) -> int:
        with self.session_scope() as session:
            return int(self._event_query(session, sender_id, False).count())

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._evict()
        kept = self._kept.pop(sender_id, None)
        if kept is not None:
            tracker, events, _ = kept
            if len(tracker.events) == events and self._stored(sender_id) == events:
                return tracker
        return keeping_states(await super().retrieve(sender_id))

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        return StatesKeptTracker(
            sender_id, self.domain.slots, max_event_history=self.max_event_history
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self._kept.pop(tracker.sender_id, None)
        self._kept[tracker.sender_id] = (tracker, len(tracker.events), time.monotonic())
        self._evict()
