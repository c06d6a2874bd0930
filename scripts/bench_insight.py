"""How long Inzicht takes on a busy month: seed 10,000 conversations (about 60,000 messages,
feedback, handoffs and callbacks) over the last 4 weeks into a fresh PostgreSQL database, then
time GET /api/advisor/insight (the default period: the last 4 weeks by day, every overview) and
one CSV. A benchmark, not a test: it prints numbers and drops its database afterwards.

    .venv-api/bin/python scripts/bench_insight.py [--conversations 10000] [--runs 7]
        [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from api.advisors.auth import create_advisor  # noqa: E402
from api.core.db import get_engine  # noqa: E402
from api.core.settings import Settings  # noqa: E402
from api.insight.period import parse_period  # noqa: E402
from api.insight.queries import SECTIONS  # noqa: E402
from api.main import create_app  # noqa: E402
from api.models import Callback, Conversation, Feedback, Message  # noqa: E402

TOPICS = [f"faq_topic_{n}" for n in range(30)] + ["ask_spending", "ask_benefit"]
UNCLEAR = [f"onduidelijke vraag {n}" for n in range(40)]
REASONS = ["user_request", "distress", "not_understood", "complex_case"]
PASSWORD = "benchmark password 1"  # noqa: S105 - a throwaway database


def seed(url: str, conversations: int, rng: random.Random) -> int:
    """Bulk-insert the conversations; returns the number of messages."""
    now = datetime.now(timezone.utc)
    engine = get_engine(url)
    conv_rows: list[dict[str, Any]] = []
    message_rows: list[dict[str, Any]] = []
    callback_rows: list[dict[str, Any]] = []
    feedback_plan: list[tuple[str, int, bool, str]] = []
    for _ in range(conversations):
        cid = uuid.uuid4().hex
        start = now - timedelta(seconds=rng.uniform(0, 28 * 86400))
        handed = rng.random() < 0.12
        asked = start + timedelta(minutes=rng.uniform(1, 10)) if handed else None
        conv_rows.append(
            {
                "id": cid, "created_at": start, "updated_at": start, "state": "bot",
                "reviewed": False, "handoff_reason": rng.choice(REASONS) if handed else None,
                "handoff_at": asked,
                "joined_at": asked + timedelta(minutes=rng.expovariate(1 / 6))
                if asked and rng.random() < 0.8 else None,
            }
        )  # fmt: skip
        if handed and rng.random() < 0.3:
            created = start + timedelta(minutes=15)
            handled = created + timedelta(hours=rng.uniform(1, 48)) if rng.random() < 0.7 else None
            callback_rows.append(
                {
                    "conversation_id": cid, "name": "Naam", "phone": "0612345678",
                    "preferred_moment": "ochtend", "consent_at": created, "created_at": created,
                    "handled_at": handled,
                }
            )  # fmt: skip
        for turn in range(rng.randint(1, 5)):
            moment = start + timedelta(seconds=30 * turn)
            unclear = rng.random() < 0.15
            intent = "nlu_fallback" if unclear else rng.choice(TOPICS)
            actions = ["action_default_fallback"] if unclear else ["action_answer_faq"]
            if rng.random() < 0.05:
                actions = ["action_clarify"]
            if intent == "ask_spending":
                actions = ["spending_form"]
            message_rows.append(
                {
                    "conversation_id": cid, "created_at": moment, "sender": "user",
                    "text": rng.choice(UNCLEAR) if unclear else "een gewone vraag",
                    "intent": intent, "confidence": rng.uniform(0.2, 1.0), "actions": actions,
                    "knowledge": None,
                }
            )  # fmt: skip
            message_rows.append(
                {
                    "conversation_id": cid, "created_at": moment, "sender": "bot",
                    "text": "antwoord", "knowledge": None if unclear else ["record"],
                    "intent": None, "confidence": None, "actions": None,
                }
            )  # fmt: skip
            if not unclear and rng.random() < 0.1:
                feedback_plan.append((cid, len(message_rows), rng.random() < 0.7, intent))
    with engine.begin() as connection:
        connection.execute(sa.insert(Conversation), conv_rows)
        connection.execute(sa.insert(Message), message_rows)
        if callback_rows:
            connection.execute(sa.insert(Callback), callback_rows)
        # Feedback needs the bot messages' ids: the n-th inserted row has the n-th id here.
        first_id = connection.scalar(sa.select(sa.func.min(Message.id))) or 1
        feedback_rows = [
            {
                "message_id": first_id + position - 1, "conversation_id": cid,
                "helpful": helpful, "topic": topic, "knowledge": ["record"],
                "created_at": now - timedelta(days=rng.uniform(0, 27)),
            }
            for cid, position, helpful, topic in feedback_plan
        ]  # fmt: skip
        if feedback_rows:
            connection.execute(sa.insert(Feedback), feedback_rows)
        connection.execute(sa.text("ANALYZE"))
    return len(message_rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    name = f"pgb_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = args.admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        config = Config(str(ROOT / "alembic.ini"))
        config.set_main_option("sqlalchemy.url", url)
        config.attributes["configure_logger"] = False
        command.upgrade(config, "head")
        started = time.perf_counter()
        messages = seed(url, args.conversations, random.Random(15))  # noqa: S311 - test data
        print(f"seeded {args.conversations} conversations, {messages} messages "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        with Session(get_engine(url)) as session:
            create_advisor(session, email="bench@example.nl", name="Bench", password=PASSWORD)
        settings = Settings(environment="development", database_url=url, rasa_token="bench")  # noqa: S106
        with TestClient(create_app(settings)) as client:
            login = {"email": "bench@example.nl", "password": PASSWORD}
            assert client.post("/api/advisor/login", json=login).status_code == 200
            for label, path in (
                ("insight, 4 weeks by day", "/api/advisor/insight"),
                ("insight, 4 weeks by week", "/api/advisor/insight?step=week"),
                ("CSV of volume", "/api/advisor/insight/volume.csv"),
            ):
                times = []
                for _ in range(args.runs):
                    begin = time.perf_counter()
                    response = client.get(path)
                    times.append(time.perf_counter() - begin)
                    assert response.status_code == 200, response.text
                print(
                    f"{label:26s} median {1000 * statistics.median(times):6.0f} ms, "
                    f"slowest {1000 * max(times):6.0f} ms ({args.runs} runs, "
                    f"{len(response.content)} bytes)"
                )
        # Where the time goes: each overview on its own (the default period).
        with Session(get_engine(url)) as session:
            period = parse_period(None, None, None, settings.office_timezone)
            for key, make in SECTIONS.items():
                times = []
                for _ in range(args.runs):
                    begin = time.perf_counter()
                    make(session, period, settings.low_confidence)
                    times.append(time.perf_counter() - begin)
                print(f"  {key:24s} median {1000 * statistics.median(times):6.0f} ms")
    finally:
        get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
