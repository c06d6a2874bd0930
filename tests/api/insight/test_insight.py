"""Inzicht's overviews over known data (api/insight), on SQLite and PostgreSQL: every count,
the "< 5" rule, period boundaries at local midnight (Europe/Amsterdam), the CSV and the Dutch
refusals."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Callback, Conversation, Feedback, Message, Sender
from tests.api.conftest import ask_for_human
from tests.support.stub_rasa import StubRasa

WEEK = {"date_from": "2026-11-02", "date_to": "2026-11-08"}  # Monday to Sunday, winter time
H = "< 5"


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


@dataclass
class Turn:
    intent: str
    confidence: float
    text: str = "een vraag"
    actions: list[str] = field(default_factory=list)
    helpful: bool | None = None  # the person's feedback on the answer to this turn


def conversation(  # noqa: PLR0913 - one seeded conversation with all it can have
    db: Session,
    at: datetime,
    turns: list[Turn],
    reason: str | None = None,
    joined_after: timedelta | None = None,
    callback_handled_after: timedelta | None | bool = False,
) -> None:
    conv = Conversation(created_at=at, updated_at=at, handoff_reason=reason)
    if reason:
        conv.handoff_at = at + timedelta(minutes=1)
        conv.joined_at = conv.handoff_at + joined_after if joined_after else None
    db.add(conv)
    db.flush()
    for n, turn in enumerate(turns):
        moment = at + timedelta(seconds=10 * n)
        db.add(
            Message(
                conversation_id=conv.id, created_at=moment, sender=Sender.USER, text=turn.text,
                intent=turn.intent, confidence=turn.confidence, actions=turn.actions or None,
            )
        )  # fmt: skip
        answer = Message(
            conversation_id=conv.id, created_at=moment, sender=Sender.BOT, text="antwoord",
            knowledge=["what_is_pgb"],
        )  # fmt: skip
        db.add(answer)
        db.flush()
        if turn.helpful is not None:
            db.add(
                Feedback(
                    message_id=answer.id, conversation_id=conv.id, helpful=turn.helpful,
                    topic=turn.intent, knowledge=["what_is_pgb"], created_at=moment,
                )
            )  # fmt: skip
    if callback_handled_after is not False:
        asked = at + timedelta(hours=1)
        handled = asked + callback_handled_after if callback_handled_after else None
        db.add(
            Callback(
                conversation_id=conv.id, name="Jan", phone="0612345678", consent_at=asked,
                preferred_moment="ochtend", created_at=asked, handled_at=handled,
            )
        )  # fmt: skip
    db.commit()


ZORGBONUS = [
    "Hoe zit het met de ZORGBONUS?",
    "hoe zit het met de zorgbonus",
    "Hoe zit het, met de zorgbonus!",
]


@pytest.fixture
def week(db: Session) -> None:
    """The known week; see the expectations in each test."""
    faq = Turn("faq_what_is_pgb", 0.9, "wat is een pgb", ["action_answer_faq"])
    # Just outside the week on both sides (local 1 Nov 23:59 and 9 Nov 00:00).
    for outside in (utc(1, 22, 59), utc(8, 23, 0)):
        conversation(db, outside, [faq, Turn("nlu_fallback", 0.3, ZORGBONUS[0])])
    # Local Monday 00:00 and Sunday 23:59: inside.
    conversation(db, utc(1, 23, 0), [Turn("greet", 0.99)])
    svb = Turn("faq_svb_trekkingsrecht", 0.95)
    conversation(db, utc(8, 22, 59), [svb, svb])
    # Tuesday: 6 FAQ conversations, 5 of them then not understood about the "zorgbonus".
    for i in range(6):
        said = Turn(faq.intent, faq.confidence, faq.text, faq.actions, helpful=i == 5)
        unclear = [Turn("nlu_fallback", 0.3, ZORGBONUS[i % 3])] if i < 5 else []
        conversation(db, utc(3, 10, i), [said, *unclear])
    # Thursday: 5 spending checks, an unsure second turn in 4 (2 of them clarified), each
    # handed to an advisor who joined after 2, 4, 6, 8 and 10 minutes; callbacks handled after
    # 1 to 4 hours, one open.
    for i in range(5):
        turns = [Turn("ask_spending", 0.8, "mag ik een taxi", ["spending_form"])]
        if i < 4:
            turns.append(Turn("inform", 0.4, "iets anders", ["action_clarify"] if i < 2 else []))
        handled = timedelta(hours=i + 1) if i < 4 else None
        conversation(
            db, utc(5, 12, i), turns, "user_request", timedelta(minutes=2 * (i + 1)), handled
        )
    # Friday: distress, nobody joined yet; its callback handled after 5 hours.
    conversation(db, utc(6, 9), [Turn("greet", 0.9)], "distress", None, timedelta(hours=5))


def sections(console: TestClient, **params: str) -> dict[str, dict[str, Any]]:
    response = console.get("/api/advisor/insight", params=params)
    assert response.status_code == 200, response.text
    return {s["id"]: s for s in response.json()["sections"]}


def rows(console: TestClient, section: str, **params: str) -> list[list[Any]]:
    return list(sections(console, **params)[section]["rows"])


@pytest.mark.usefixtures("week")
def test_volume_by_local_day_with_small_counts_hidden(console: TestClient) -> None:
    assert rows(console, "volume", **WEEK) == [
        ["2026-11-02", H, H],
        ["2026-11-03", 6, 11],
        ["2026-11-04", 0, 0],
        ["2026-11-05", 5, 9],
        ["2026-11-06", H, H],
        ["2026-11-07", 0, 0],
        ["2026-11-08", H, H],
    ]
    assert rows(console, "volume", **WEEK, step="week") == [["2026-W45", 14, 24]]


@pytest.mark.usefixtures("week")
def test_topics_checks_and_what_was_not_understood(console: TestClient) -> None:
    shown = sections(console, **WEEK)
    assert shown["topics"]["rows"] == [
        ["faq_what_is_pgb", 6],
        ["ask_spending", 5],
        ["faq_svb_trekkingsrecht", H],
    ]
    assert [r[1] for r in shown["checks"]["rows"]] == [0, 5, 0]  # suitability, spending, benefit
    assert shown["not_understood"]["rows"] == [
        ["Alle beurten die de bot las", 24, None],
        ["Niet begrepen (fallback)", 5, 20.8],
        ["Doorvraag: bedoelt u ...?", H, H],
        ["Lage zekerheid", H, H],
        ["Samen (minstens één van deze)", 9, 37.5],
    ]
    # The zorgbonus question, three spellings, in 5 conversations; "iets anders" came from 4.
    assert shown["unclear"]["rows"] == [["hoe zit het met de zorgbonus", 5]]


@pytest.mark.usefixtures("week")
def test_handoffs_waits_callbacks_and_feedback(console: TestClient) -> None:
    shown = sections(console, **WEEK)
    assert shown["handoffs"]["rows"] == [["Vroeg om een mens", 5], ["Heeft het zwaar", H]]
    assert [r[1] for r in shown["waits"]["rows"]] == [6, 5, 6.0, 10.0]
    assert [r[1] for r in shown["callbacks"]["rows"]] == [6, 5, H, 3.0, 5.0]
    assert shown["feedback"]["rows"] == [["faq_what_is_pgb", H, 5]]


@pytest.mark.usefixtures("week")
def test_a_period_without_data_and_the_default_period(console: TestClient) -> None:
    shown = sections(console, date_from="2026-11-10", date_to="2026-11-11")
    assert shown["volume"]["rows"] == [["2026-11-10", 0, 0], ["2026-11-11", 0, 0]]
    assert all(not shown[key]["rows"] for key in ("topics", "handoffs", "feedback", "unclear"))
    period = console.get("/api/advisor/insight").json()["period"]
    assert period["step"] == "day" and period["timezone"] == "Europe/Amsterdam"
    first, last = (datetime.fromisoformat(period[k]) for k in ("date_from", "date_to"))
    assert (last - first).days == 27


@pytest.mark.usefixtures("week")
def test_the_csv_holds_the_same_rows_as_the_table(console: TestClient) -> None:
    table = sections(console, **WEEK)["not_understood"]
    response = console.get("/api/advisor/insight/not_understood.csv", params=WEEK)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        "inzicht-not_understood-2026-11-02-2026-11-08.csv"
        in (response.headers["content-disposition"])
    )
    read = list(csv.reader(io.StringIO(response.text)))
    assert read[0] == table["columns"]
    assert read[1:] == [["" if c is None else str(c) for c in row] for row in table["rows"]]


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/advisor/insight", {"date_from": "2-11-2026"}, 422, "jjjj-mm-dd"),
        (
            "/api/advisor/insight",
            {"date_from": "2026-12-01", "date_to": "2026-11-01"},
            422,
            "na de einddatum",
        ),  # fmt: skip
        ("/api/advisor/insight", {"date_from": "2020-01-01"}, 422, "366 dagen"),
        ("/api/advisor/insight", {"step": "uur"}, 422, "per dag of per week"),
        ("/api/advisor/insight", {"date_from": "x" * 30}, 422, ""),
        ("/api/advisor/insight/geheim.csv", {}, 404, "bestaat niet"),
        ("/api/advisor/insight/volume.csv", {"date_to": "morgen"}, 422, "jjjj-mm-dd"),
    ],
)
def test_bad_requests_get_a_dutch_answer(
    console: TestClient, path: str, params: dict[str, str], status: int, words: str
) -> None:
    response = console.get(path, params=params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_only_for_logged_in_advisors(client: TestClient) -> None:
    for path in ("/api/advisor/insight", "/api/advisor/insight/volume.csv"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["detail"] == "U bent niet (meer) ingelogd. Log opnieuw in."


def test_claiming_records_when_the_advisor_joined(
    client: TestClient, rasa: StubRasa, console: TestClient, db: Session
) -> None:
    conversation_id = ask_for_human(client, rasa)
    assert console.post(f"/api/advisor/conversations/{conversation_id}/claim").status_code == 200
    db.expire_all()
    claimed = db.get(Conversation, conversation_id)
    assert claimed is not None and claimed.handoff_at is not None
    assert claimed.joined_at is not None and claimed.joined_at >= claimed.handoff_at


def test_local_days_across_the_change_to_winter_time(db: Session, console: TestClient) -> None:
    """25 October 2026 has 25 hours: 22:00 UTC the day before to 23:00 UTC (both databases
    count by the local day; PostgreSQL does it in SQL)."""
    october = [
        datetime(2026, 10, 24, 21, 59, tzinfo=timezone.utc),  # 24 Oct 23:59 summer time
        datetime(2026, 10, 24, 22, 30, tzinfo=timezone.utc),  # 25 Oct 00:30 summer time
        datetime(2026, 10, 25, 22, 59, tzinfo=timezone.utc),  # 25 Oct 23:59 winter time
        datetime(2026, 10, 25, 23, 0, tzinfo=timezone.utc),  # 26 Oct 00:00 winter time
    ]
    for moment in october:
        for i in range(5):
            conversation(db, moment + timedelta(seconds=i), [Turn("greet", 0.9)])
    period = {"date_from": "2026-10-24", "date_to": "2026-10-26"}
    assert rows(console, "volume", **period) == [
        ["2026-10-24", 5, 5],
        ["2026-10-25", 10, 10],
        ["2026-10-26", 5, 5],
    ]
