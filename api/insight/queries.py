"""The counts behind Inzicht, each over the period's UTC bounds. Only counts leave this module,
never a person's text: the grouped messages the bot did not understand are shown only when they
came from at least 5 conversations.

Day and week buckets are local (Europe/Amsterdam): the moments are read and bucketed here rather
than grouped in SQL, which SQLite and PostgreSQL would each do differently.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import String, and_, case, cast, distinct, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from api.core.texts import texts
from api.insight import small
from api.insight.period import Period
from api.insight.schemas import Cell, Section
from api.models import Callback, Conversation, Feedback, Message, Sender

FALLBACK_INTENT = "nlu_fallback"
CLARIFY_ACTION = "action_clarify"
CHECK_FORMS = ("suitability_form", "spending_form", "benefit_form")
# Intents that are no topic: greetings, answers inside a check, navigation, not understood.
NOT_TOPICS = frozenset(
    {
        "greet", "goodbye", "thank", "affirm", "deny", "chitchat", "bot_challenge", "inform",
        "say_dont_know", "stop_flow", "go_back", "restart_flow", "out_of_scope", FALLBACK_INTENT,
    }
)  # fmt: skip
TOPICS_SHOWN = 15
UNCLEAR_SHOWN = 10
_PUNCTUATION = re.compile(r"[^\w\s]")


def _texts() -> dict[str, Any]:
    return dict(texts()["insight"])


def _section(key: str, chart: str | None, rows: list[list[Cell]]) -> Section:
    spec = _texts()["sections"][key]
    return Section(
        id=key,
        title=spec["title"],
        chart=chart,  # type: ignore[arg-type]
        columns=list(spec["columns"]),
        rows=rows,
        note=spec.get("note"),
    )


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column < period.end)


def _user_turns(period: Period) -> ColumnElement[bool]:
    return and_(Message.sender == Sender.USER, _within(Message.created_at, period))


def _took(action: str) -> ColumnElement[bool]:
    """The turn's actions (a JSON list, stored as text on SQLite) include `action`."""
    return cast(Message.actions, String).like(f'%"{action}"%')


def bucket_label(period: Period, bucket: date) -> str:
    if period.step == "day":
        return bucket.isoformat()
    year, week, _ = bucket.isocalendar()
    return f"{year}-W{week:02d}"


def per_bucket(
    session: Session, period: Period, moment: Any, where: ColumnElement[bool]
) -> Counter[date]:
    """How many rows fall in each bucket of the period, by the local day of `moment`."""
    days: Counter[date] = Counter()
    if session.get_bind().dialect.name == "postgresql":
        day = func.date(func.timezone(period.zone.key, moment))
        for local_day, n in session.execute(select(day, func.count()).where(where).group_by(day)):
            days[local_day] += n
    else:
        days.update(period.local_day(m) for m in session.scalars(select(moment).where(where)))
    buckets: Counter[date] = Counter()
    for local_day, n in days.items():
        buckets[period.bucket_of_day(local_day)] += n
    return buckets


def volume(session: Session, period: Period) -> Section:
    conversations = per_bucket(
        session, period, Conversation.created_at, _within(Conversation.created_at, period)
    )
    messages = per_bucket(session, period, Message.created_at, _user_turns(period))
    rows: list[list[Cell]] = [
        [bucket_label(period, b), small.count(conversations[b]), small.count(messages[b])]
        for b in period.buckets()
    ]
    return _section("volume", "line", rows)


def topics(session: Session, period: Period) -> Section:
    used = func.count(distinct(Message.conversation_id))
    query = (
        select(Message.intent, used)
        .where(_user_turns(period), Message.intent.is_not(None))
        .where(Message.intent.not_in(NOT_TOPICS))
        .group_by(Message.intent)
        .order_by(used.desc(), Message.intent)
        .limit(TOPICS_SHOWN)
    )
    rows: list[list[Cell]] = [[intent, small.count(n)] for intent, n in session.execute(query)]
    return _section("topics", "bar", rows)


def checks(session: Session, period: Period) -> Section:
    labels = _texts()["checks"]
    columns = [
        func.count(distinct(case((_took(form), Message.conversation_id)))) for form in CHECK_FORMS
    ]
    found = session.execute(select(*columns).where(_user_turns(period))).one()
    rows: list[list[Cell]] = [
        [labels[form], small.count(n)] for form, n in zip(CHECK_FORMS, found, strict=True)
    ]
    return _section("checks", "bar", rows)


def _not_understood(threshold: float) -> dict[str, ColumnElement[bool]]:
    fallback = Message.intent == FALLBACK_INTENT
    clarification = _took(CLARIFY_ACTION)
    low = and_(Message.confidence < threshold, Message.intent != FALLBACK_INTENT)
    return {
        "fallback": fallback,
        "clarification": clarification,
        "low_confidence": low,
        "any": or_(fallback, clarification, low),
    }


def not_understood(session: Session, period: Period, threshold: float) -> Section:
    labels = _texts()["not_understood"]
    kinds = _not_understood(threshold)
    sums = [func.coalesce(func.sum(case((test, 1), else_=0)), 0) for test in kinds.values()]
    query = select(func.count(), *sums).where(_user_turns(period), Message.intent.is_not(None))
    turns, *counts = session.execute(query).one()
    rows: list[list[Cell]] = [[labels["turns"], small.count(turns), None]]
    rows += [
        [labels[kind], small.count(n), small.share(n, turns)]
        for kind, n in zip(kinds, counts, strict=True)
    ]
    return _section("not_understood", "bar", rows)


def handoffs(session: Session, period: Period) -> Section:
    labels = _texts()["reasons"]
    query = (
        select(Conversation.handoff_reason, func.count())
        .where(_within(Conversation.handoff_at, period))
        .group_by(Conversation.handoff_reason)
    )
    found = sorted(session.execute(query), key=lambda row: (-row[1], str(row[0])))
    rows: list[list[Cell]] = [
        [labels.get(reason or "unknown", reason), small.count(n)] for reason, n in found
    ]
    return _section("handoffs", "bar", rows)


def waits(session: Session, period: Period) -> Section:
    """From asking for a person to an advisor taking the conversation (its latest handoff)."""
    labels = _texts()["waits"]
    pairs = session.execute(
        select(Conversation.handoff_at, Conversation.joined_at).where(
            _within(Conversation.handoff_at, period)
        )
    ).all()
    waited = [
        (joined - asked).total_seconds()
        for asked, joined in pairs
        if asked is not None and joined is not None and joined >= asked
    ]
    middle, p90 = small.durations(waited, unit_s=60)
    rows: list[list[Cell]] = [
        [labels["handoffs"], small.count(len(pairs))],
        [labels["joined"], small.count(len(waited))],
        [labels["median"], middle],
        [labels["p90"], p90],
    ]
    return _section("waits", None, rows)


def callbacks(session: Session, period: Period) -> Section:
    labels = _texts()["callbacks"]
    pairs = session.execute(
        select(Callback.created_at, Callback.handled_at).where(_within(Callback.created_at, period))
    ).all()
    took = [(done - asked).total_seconds() for asked, done in pairs if done is not None]
    middle, p90 = small.durations(took, unit_s=3600)
    rows: list[list[Cell]] = [
        [labels["requests"], small.count(len(pairs))],
        [labels["handled"], small.count(len(took))],
        [labels["open"], small.count(len(pairs) - len(took))],
        [labels["median"], middle],
        [labels["p90"], p90],
    ]
    return _section("callbacks", None, rows)


def feedback(session: Session, period: Period) -> Section:
    query = (
        select(Feedback.topic, Feedback.helpful, func.count())
        .where(_within(Feedback.created_at, period))
        .group_by(Feedback.topic, Feedback.helpful)
    )
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for topic, helpful, n in session.execute(query):
        tally[topic or _texts()["unknown_topic"]][0 if helpful else 1] += n
    ordered = sorted(tally.items(), key=lambda item: (-sum(item[1]), item[0]))
    rows: list[list[Cell]] = [
        [topic, small.count(yes), small.count(no)] for topic, (yes, no) in ordered
    ]
    return _section("feedback", "bar", rows)


def grouped(text: str) -> str:
    """How unclear messages are grouped: lower case, without punctuation, single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def unclear(session: Session, period: Period, threshold: float) -> Section:
    query = select(Message.conversation_id, Message.text).where(
        _user_turns(period), Message.text.is_not(None), _not_understood(threshold)["any"]
    )
    conversations: dict[str, set[str]] = defaultdict(set)
    for conversation_id, text in session.execute(query):
        key = grouped(text or "")
        if key:
            conversations[key].add(conversation_id)
    common = [(key, len(ids)) for key, ids in conversations.items() if len(ids) >= small.MIN_COUNT]
    common.sort(key=lambda item: (-item[1], item[0]))
    rows: list[list[Cell]] = [[key, n] for key, n in common[:UNCLEAR_SHOWN]]
    return _section("unclear", None, rows)


SECTIONS: dict[str, Callable[[Session, Period, float], Section]] = {
    "volume": lambda s, p, _t: volume(s, p),
    "topics": lambda s, p, _t: topics(s, p),
    "checks": lambda s, p, _t: checks(s, p),
    "not_understood": not_understood,
    "handoffs": lambda s, p, _t: handoffs(s, p),
    "waits": lambda s, p, _t: waits(s, p),
    "callbacks": lambda s, p, _t: callbacks(s, p),
    "feedback": lambda s, p, _t: feedback(s, p),
    "unclear": unclear,
}
