"""Shared helpers for the widget's browser tests (no tests here): paths, office hours, the
scripted bots, the third-party site that embeds the widget, the advisor's api client, and
the small steps every test takes (open the widget, type a message).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import APIRequestContext, Locator, Page, expect

from tests.support.stub_rasa import echo_reply

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"


ALWAYS_OPEN = "mon-sun 00:00-24:00"
NEVER_OPEN = ""


PASSWORD = "correct horse battery"  # noqa: S105 - test account only


class ThirdPartySite:
    """Another website (its own origin, on loopback like the api) that embeds the widget."""

    def __init__(self) -> None:
        self.html = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(site.html)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # A short poll_interval, so close() does not wait 0.5 s (tests/support/stub_rasa.py).
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def pgb_reply(text: str) -> list[dict[str, Any]]:
    """A small scripted bot: a question with buttons, and answers to the button payloads."""
    if text == '/choose_financing{"financing":"wmo"}':
        return [
            {
                "recipient_id": "x",
                "text": "Bij de Wmo vraagt u het pgb aan bij uw gemeente.\n"
                "- Vraag een keukentafelgesprek aan\n- Schrijf een budgetplan\n"
                "Meer: https://www.svb.nl/pgb",
            }
        ]
    if text.startswith("/"):
        return [{"recipient_id": "x", "text": f"payload {text}"}]
    return [
        {
            "recipient_id": "x",
            "text": "Voor welke zorg wilt u een pgb?",
            "buttons": [
                {"title": "Hulp thuis (Wmo)", "payload": '/choose_financing{"financing":"wmo"}'},
                {"title": "Verpleging (Zvw)", "payload": '/choose_financing{"financing":"zvw"}'},
            ],
        }
    ]


def handoff_reply(text: str) -> list[dict[str, Any]]:
    """The bot hands over when asked for a person; the custom payload is for the api only."""
    if text == "/request_human" or "mens" in text:
        return [
            {"recipient_id": "x", "text": "Ik breng u in contact met een mantelzorgmakelaar."},
            {"recipient_id": "x", "custom": {"handoff": {"reason": "user_request"}}},
        ]
    return echo_reply(text)


def widget(page: Page) -> dict[str, Locator]:
    """The widget's parts; Playwright's CSS locators pierce its open shadow root."""
    return {
        "launcher": page.locator(".pgb-launcher"),
        "panel": page.locator(".pgb-panel"),
        "log": page.locator(".pgb-log"),
        "input": page.get_by_role("textbox", name="Uw bericht"),
        "send": page.get_by_role("button", name="Verstuur", exact=True),
    }


def open_widget(page: Page, api_url: str) -> dict[str, Locator]:
    page.goto(api_url + "/")
    parts = widget(page)
    parts["launcher"].click()
    expect(parts["panel"]).to_be_visible()
    return parts


def say(parts: dict[str, Locator], text: str) -> None:
    parts["input"].fill(text)
    parts["input"].press("Enter")


def conversation_id(page: Page) -> str:
    return str(page.evaluate("localStorage.getItem('pgb-chat:conversation')"))


def conversation_token(page: Page) -> str:
    """The conversation's secret, kept next to its id."""
    return str(page.evaluate("localStorage.getItem('pgb-chat:token')"))


class Advisor:
    """The advisor console's side, through its JSON api (logged in, with the CSRF token)."""

    def __init__(self, request: APIRequestContext, csrf: str) -> None:
        self.request = request
        self.headers = {"X-CSRF-Token": csrf}

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.request.post(f"/api/advisor{path}", data=body or {}, headers=self.headers)
        assert response.ok, response.text()
        return response.json()

    def queue(self) -> list[dict[str, Any]]:
        response = self.request.get("/api/advisor/queue", headers=self.headers)
        assert response.ok, response.text()
        return list(response.json())
