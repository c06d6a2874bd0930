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

The database stays the only record: every event is written as before, by Rasa's own save.
bot/endpoints.yml names this class. At most `keep` conversations are kept, least recently used
first out, and none longer than `max_age` seconds after its last turn: a conversation erased in
the database (AVG, api/review/privacy.py) is no longer handed back, and is gone from memory
within that time.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

KEEP = 200
MAX_AGE = 15 * 60


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
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self._kept.pop(tracker.sender_id, None)
        self._kept[tracker.sender_id] = (tracker, len(tracker.events), time.monotonic())
        self._evict()
