"""The queue page in a fixed number of queries: not one more per waiting conversation, and
no conversation's whole timeline loaded (the old page did both, every 3 seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import event

from api.core.db import get_engine
from tests.api.conftest import person_asks_for_human
from tests.support.stub_rasa import StubRasa


@contextmanager
def counted(database_url: str) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = get_engine(database_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def queue_statements(console: TestClient, database_url: str) -> int:
    with counted(database_url) as statements:
        assert console.get("/api/advisor/queue").status_code == 200
    return len(statements)


def test_the_queue_costs_the_same_queries_for_one_or_many(
    console: TestClient, rasa: StubRasa, database_url: str
) -> None:
    first = person_asks_for_human(console, rasa, "eerste vraag")
    one = queue_statements(console, database_url)
    for n in range(3):
        person = person_asks_for_human(console, rasa, f"vraag {n}")
        for m in range(4):
            person.say(console, f"nog iets {m}")
    first.say(console, "en nog iets")
    assert queue_statements(console, database_url) == one


def test_the_summary_keeps_the_first_and_last_questions_and_the_last_replies(
    console: TestClient, rasa: StubRasa
) -> None:
    person = person_asks_for_human(console, rasa, "vraag 0")
    rasa.intent = {"name": "ask_what_is_pgb", "confidence": 0.9}  # answered while waiting
    for n in range(1, 9):
        person.say(console, f"vraag {n}")
    [item] = console.get("/api/advisor/queue").json()
    assert item["asked"] == ["vraag 0", "vraag 1", "vraag 2", "vraag 6", "vraag 7", "vraag 8"]
    assert item["bot_replies"] == ["echo: vraag 6", "echo: vraag 7", "echo: vraag 8"]
    assert item["callbacks"] == [] and item["mine"] is False
