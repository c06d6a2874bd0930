"""One turn at a time per conversation.

Rasa's lock store is not atomic across replicas (RasaHQ/rasa#9213), so the api never sends a
conversation's next turn before the previous one has been answered. This lock covers one api
process; with several api workers, route a conversation to one worker (sticky sessions).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ConversationLocks:
    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._users: dict[str, int] = {}

    @contextmanager
    def hold(self, conversation_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(conversation_id, threading.Lock())
            self._users[conversation_id] = self._users.get(conversation_id, 0) + 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                self._users[conversation_id] -= 1
                if self._users[conversation_id] == 0:  # forget idle conversations
                    del self._users[conversation_id]
                    del self._locks[conversation_id]
