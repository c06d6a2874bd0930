"""One turn at a time per conversation; different conversations do not wait for each other."""

from __future__ import annotations

import threading
import time

from api.conversation.locks import ConversationLocks


def run_together(locks: ConversationLocks, ids: list[str]) -> float:
    def turn(conversation_id: str) -> None:
        with locks.hold(conversation_id):
            time.sleep(0.1)

    threads = [threading.Thread(target=turn, args=(i,)) for i in ids]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - start


def test_same_conversation_is_serialised() -> None:
    assert run_together(ConversationLocks(), ["a", "a", "a"]) >= 0.3


def test_other_conversations_run_in_parallel() -> None:
    assert run_together(ConversationLocks(), ["a", "b", "c"]) < 0.3


def test_idle_locks_are_forgotten() -> None:
    locks = ConversationLocks()
    run_together(locks, ["a", "b"])
    assert locks._locks == {}
