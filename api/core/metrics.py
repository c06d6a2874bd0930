"""Prometheus metrics for operators (GET /metrics, docs/deploy.md "What to watch").

Each app has its own registry (`create_app` puts a `Metrics` on `app.state`), never the global
default one, so tests that build several apps do not collide. Each api worker process counts
for itself and Prometheus scrapes each pod; no multiprocess mode. Only the places that already
know what happened record: the chat route (turns, latency, failures, handoffs), the sockets
(connections) and the /metrics route itself (the queue, counted at scrape time).
"""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
# A turn is one Rasa call (cut off at PGB_RASA_TIMEOUT_S, at most 10 s) plus a few queries.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0)
SOCKET_KINDS = ("person", "advisor", "queue")
# A label value comes from the bot (the handoff's reason): a short word, or "other", so a label
# never carries text and their number stays small.
_LABEL = re.compile(r"[a-z][a-z0-9_]{0,39}")


def label(value: str | None) -> str:
    return value if value is not None and _LABEL.fullmatch(value) else "other"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter(
            "pgb_turns",
            "Chat turns by outcome: bot (the bot answered), fallback (the bot failed and the "
            "person got the api's fallback), advisor (the message went to a person's advisor).",
            ["outcome"],
            registry=self.registry,
        )
        self.turn_seconds = Histogram(
            "pgb_turn_duration_seconds",
            "Time to answer POST /api/chat, from the request to the reply.",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.bot_failures = Counter(
            "pgb_bot_failures",
            "Turns the bot did not answer, by kind (api/conversation/rasa.py).",
            ["kind"],
            registry=self.registry,
        )
        self.handoffs = Counter(
            "pgb_handoffs",
            "Handoffs asked for (queued, or a callback offered outside office hours), by reason.",
            ["reason"],
            registry=self.registry,
        )
        self.queue = Gauge(
            "pgb_handoff_queue_length",
            "Conversations waiting for an advisor (state requested), counted in the database "
            "at scrape time: the same on every worker.",
            registry=self.registry,
        )
        self.sockets = Gauge(
            "pgb_websocket_connections",
            "Open WebSockets of this worker, by kind: person, advisor (one conversation), queue.",
            ["kind"],
            registry=self.registry,
        )
        for kind in SOCKET_KINDS:
            self.sockets.labels(kind)  # shown at 0 before the first one opens

    def record_turn(
        self, outcome: str, seconds: float, bot_failure: str | None, handoff_reason: str | None
    ) -> None:
        self.turns.labels(outcome).inc()
        self.turn_seconds.observe(seconds)
        if bot_failure is not None:
            self.bot_failures.labels(label(bot_failure)).inc()
        if handoff_reason is not None:
            self.handoffs.labels(label(handoff_reason)).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
