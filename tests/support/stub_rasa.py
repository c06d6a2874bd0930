"""A stand-in Rasa server over real HTTP, so the api's client, timeouts and errors are real.

It speaks the private channel of bot/channel.py (a turn, and readiness), checks the shared
secret like the real channel, and records what it received. It can be slow (`delay_s`) or
fail (`status`), and counts how many turns of one conversation it worked on at the same moment
(`most_at_once`), which must never be more than one.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse

Reply = Callable[[str], Any]  # user text -> JSON body of the webhook reply


SECRET = "test-token"  # noqa: S105 - what the test settings pass as rasa_token


def echo_reply(text: str) -> list[dict[str, Any]]:
    return [{"recipient_id": "x", "text": f"echo: {text}"}]


def actions_after_last_user_message(events: list[dict[str, Any]]) -> list[str]:
    taken: list[str] = []
    for event in reversed(events):
        if event.get("event") == "user":
            break
        name = event.get("name")
        if event.get("event") == "action" and name and name != "action_listen":
            taken.append(str(name))
    return taken[::-1]


class StubRasa:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.reply: Reply = echo_reply
        self.intent = {"name": "greet", "confidence": 0.97}
        self.events: list[dict[str, Any]] = []
        self.slots: dict[str, Any] = {}
        self.knowledge: list[str] = []  # the records the answers state (bot/channel.py)
        # What GET .../model answers (bot/channel.py, model_info).
        self.model: dict[str, Any] = {
            "file": "pgb-0f1e2d3c.tar.gz",
            "hash": "0f1e2d3c",
            "id": "stub-model",
            "trained_at": "2026-12-01T09:30:00",
            "evaluation": {
                "examples": 412,
                "intent_accuracy": 0.955,
                "intent_macro_f1": 0.951,
                "entity_f1": 0.9,
                "entity_value_f1": 0.88,
                "evaluated_at": "2026-12-01T10:05:00+00:00",
                "test_set": "tests/nlu_holdout",
            },
        }
        self.delay_s = 0.0
        self.status = 200
        self.most_at_once = 0
        self._inside: dict[str, int] = {}
        self._guard = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, body: Any, status: int = 200) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the api gave up waiting (its turn deadline)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                if urlparse(self.path).path != "/webhooks/pgb_api/turn":
                    self._json({}, 404)
                    return
                if self.headers.get("X-Pgb-Channel-Secret") != SECRET:
                    self._json({"error": "forbidden"}, 403)
                    return
                stub.received.append(body)
                with stub.working_on(str(body.get("sender"))):
                    time.sleep(stub.delay_s)
                if stub.status != 200:
                    self._json({"error": "failed"}, stub.status)
                    return
                messages = stub.reply(body["message"])
                if not isinstance(messages, list):  # a malformed reply, passed on as it is
                    self._json(messages)
                    return
                understood = {
                    **stub.intent_fields(),
                    "slots": stub.slots,
                    "actions": actions_after_last_user_message(stub.events),
                    "knowledge": stub.knowledge,
                }
                self._json({"messages": messages, "understood": understood})

            def do_GET(self) -> None:  # noqa: N802
                path = urlparse(self.path).path
                if path == "/webhooks/pgb_api/":
                    self._json({"ready": True})
                elif path == "/webhooks/pgb_api/model":
                    if self.headers.get("X-Pgb-Channel-Secret") != SECRET:
                        self._json({"error": "forbidden"}, 403)
                    else:
                        self._json(stub.model)
                elif path == "/health":
                    self._json({"status": "ok"})
                else:
                    self._json({}, 404)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # serve_forever looks for shutdown() every poll_interval (0.5 s by default): every test
        # that closed the stub waited that long (about 0.4 s per test, measured 2026-12-03).
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @contextmanager
    def working_on(self, sender: str) -> Iterator[None]:
        with self._guard:
            self._inside[sender] = self._inside.get(sender, 0) + 1
            self.most_at_once = max(self.most_at_once, self._inside[sender])
        try:
            yield
        finally:
            with self._guard:
                self._inside[sender] -= 1

    def senders(self) -> list[str]:
        """The conversations it received a turn of, in the order of their turns."""
        return [str(body.get("sender")) for body in self.received]

    def intent_fields(self) -> dict[str, Any]:
        return {"intent": self.intent.get("name"), "confidence": self.intent.get("confidence")}

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
