"""One turn at a time per conversation, also across api workers; different conversations do
not wait for each other; a turn that waits too long gives up with TurnBusy."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from api.conversation.locks import AdvisoryLocks, ProcessLocks, TurnBusy, TurnLocks
from tests.api.conftest import fresh_database


def run_together(workers: list[TurnLocks], ids: list[str]) -> int:
    """Run a turn per id at once (turn i on worker i % len(workers)); the most turns of one
    conversation that were inside the lock at the same moment."""
    inside: dict[str, int] = {}
    most = 0
    guard = threading.Lock()

    def turn(locks: TurnLocks, conversation_id: str) -> None:
        nonlocal most
        with locks.hold(conversation_id):
            with guard:
                inside[conversation_id] = inside.get(conversation_id, 0) + 1
                most = max(most, inside[conversation_id])
            time.sleep(0.1)
            with guard:
                inside[conversation_id] -= 1

    threads = [
        threading.Thread(target=turn, args=(workers[n % len(workers)], conversation_id))
        for n, conversation_id in enumerate(ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return most


def test_same_conversation_is_serialised() -> None:
    assert run_together([ProcessLocks(5)], ["a", "a", "a"]) == 1


def test_other_conversations_run_in_parallel() -> None:
    assert run_together([ProcessLocks(5)], ["a", "b", "c"]) == 1
    # Not serialised: three turns of 0.1 s each end well within 0.3 s of each other.
    locks = ProcessLocks(5)
    entered: list[float] = []

    def turn(conversation_id: str) -> None:
        with locks.hold(conversation_id):
            entered.append(time.monotonic())
            time.sleep(0.2)

    threads = [threading.Thread(target=turn, args=(c,)) for c in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(entered) - min(entered) < 0.2


def test_idle_locks_are_forgotten() -> None:
    locks = ProcessLocks(5)
    run_together([locks], ["a", "b"])
    assert locks._locks == {}


def test_a_turn_that_waits_too_long_is_busy() -> None:
    locks = ProcessLocks(0.1)
    with locks.hold("a"), pytest.raises(TurnBusy), locks.hold("a"):
        pass
    with locks.hold("a"):  # free again
        pass


# PostgreSQL: the advisory lock, as two api workers (two engines) see it.


@pytest.fixture
def postgres_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def two_workers(postgres_url: str) -> Iterator[list[AdvisoryLocks]]:
    workers = [AdvisoryLocks(postgres_url, 5, 4), AdvisoryLocks(postgres_url, 5, 4)]
    yield workers
    for worker in workers:
        worker.close()


@pytest.mark.postgres
def test_two_workers_never_run_turns_of_one_conversation_together(
    two_workers: list[AdvisoryLocks],
) -> None:
    assert run_together(two_workers, ["a", "a", "a", "a", "b", "b"]) == 1


@pytest.mark.postgres
def test_a_turn_waiting_on_another_worker_gives_up_after_the_lock_timeout(
    postgres_url: str, two_workers: list[AdvisoryLocks]
) -> None:
    impatient = AdvisoryLocks(postgres_url, 0.2, 1)
    try:
        with two_workers[0].hold("a"), pytest.raises(TurnBusy), impatient.hold("a"):
            pass
        with impatient.hold("b"):  # another conversation is not held up, and the
            pass  # connection that timed out went back to the pool in a usable state
    finally:
        impatient.close()


@pytest.mark.postgres
def test_a_dead_worker_frees_its_locks(postgres_url: str, two_workers: list[AdvisoryLocks]) -> None:
    holder, waiter = two_workers
    held = threading.Event()
    release = threading.Event()

    def hold_then_die() -> None:
        with holder.hold("a"):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold_then_die)
    thread.start()
    held.wait(5)
    # The holding worker's connection dies (as when its process is killed); this fresh
    # database has no other advisory lock.
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        killed = connection.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks"
                " WHERE locktype = 'advisory' AND granted"
                " AND database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database())"
            )
        ).all()
    admin.dispose()
    assert killed == [(True,)]
    with waiter.hold("a"):  # no wait for the dead worker's turn
        pass
    release.set()
    thread.join()  # its unlock fails quietly: the lock went with the connection
