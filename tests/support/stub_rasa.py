"""A stand-in Rasa server over real HTTP, so the api's client, timeouts and errors are real.

It answers the three endpoints the api uses and records what it received.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlparse

Reply = Callable[[str], Any]  # user text -> JSON body of the webhook reply


def echo_reply(text: str) -> list[dict[str, Any]]:
    return [{"recipient_id": "x", "text": f"echo: {text}"}]


class StubRasa:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.reply: Reply = echo_reply
        self.intent = {"name": "greet", "confidence": 0.97}
        self.events: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, body: Any, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                stub.received.append(body)
                self._json(stub.reply(body["message"]))

            def do_GET(self) -> None:  # noqa: N802
                path = urlparse(self.path).path
                if path == "/status":
                    self._json({"model_id": "stub"})
                elif path.startswith("/conversations/"):
                    self._json({"latest_message": {"intent": stub.intent}, "events": stub.events})
                elif path == "/health":
                    self._json({"status": "ok"})
                else:
                    self._json({}, 404)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
