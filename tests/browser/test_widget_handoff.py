"""Handoff to a mantelzorgmakelaar during office hours: live over the WebSocket, the
polling fallback when the WebSocket fails, state events alone, and the whole handoff
with the advisor console's real pages.
"""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Browser, Locator, Page, WebSocketRoute, expect

from tests.browser.widget_support import (
    PASSWORD,
    SCREENSHOTS,
    Advisor,
    conversation_id,
    conversation_token,
    handoff_reply,
    open_widget,
    say,
)
from tests.support.stub_rasa import StubRasa


class SocketWatch:
    """Counts the events the api pushed to the page's WebSockets."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.urls: list[str] = []
        self.sent: list[str] = []
        self.frames = 0
        page.on("websocket", self._opened)

    def _opened(self, socket: Any) -> None:
        self.urls.append(socket.url)
        socket.on("framereceived", self._frame)
        socket.on("framesent", lambda payload: self.sent.append(str(payload)))

    def _frame(self, _frame: object) -> None:
        self.frames += 1

    def wait_for_frames(self, count: int) -> None:
        for _ in range(200):
            if self.frames >= count:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"only {self.frames} WebSocket frames, expected {count}")


def ask_for_a_person(page: Page, parts: dict[str, Locator]) -> None:
    say(parts, "Ik wil een mens spreken")
    expect(parts["log"]).to_contain_text("Ik zoek een mantelzorgmakelaar voor u")
    expect(page.locator(".pgb-status")).to_have_text("Wacht op een mantelzorgmakelaar…")
    # Bot text and the api's system message; the {"handoff": ...} payload shows nothing.
    expect(page.locator(".pgb-msg:not(.pgb-welcome):not(.pgb-msg-user)")).to_have_count(2)


def test_live_handoff_with_an_advisor(
    page: Page, api_url: str, rasa: StubRasa, advisor: Advisor
) -> None:
    rasa.reply = handoff_reply
    sockets = SocketWatch(page)
    parts = open_widget(page, api_url)
    ask_for_a_person(page, parts)
    cid = conversation_id(page)
    sockets.wait_for_frames(1)  # the api's first state event: the widget is subscribed
    # The id and its secret go in the first message, never in the URL.
    assert sockets.urls == [api_url.replace("http", "ws") + "/api/conversation/ws"]
    token = conversation_token(page)
    assert json.loads(sockets.sent[0]) == {"type": "auth", "conversation_id": cid, "token": token}

    advisor.post(f"/conversations/{cid}/claim")
    expect(parts["log"]).to_contain_text("Anna is mantelzorgmakelaar en neemt het gesprek nu over")
    expect(page.locator(".pgb-status")).to_have_text("U praat met Anna, mantelzorgmakelaar")
    expect(page.locator(".pgb-sr[aria-live=polite]")).to_contain_text("neemt het gesprek nu over")
    # The api's own system message said it; the widget does not repeat it.
    expect(page.locator(".pgb-note-join")).to_have_count(0)

    advisor.post(f"/conversations/{cid}/messages", {"text": "Goedemiddag, ik ben Anna."})
    message = page.locator(".pgb-msg-advisor").last
    expect(message).to_contain_text("Goedemiddag, ik ben Anna.")
    expect(message.locator(".pgb-from")).to_have_text("Anna, mantelzorgmakelaar")

    received = len(rasa.received)
    say(parts, "Ik heb een vraag over de SVB")
    expect(page.locator(".pgb-msg-user").last).to_contain_text("vraag over de SVB")
    page.wait_for_timeout(300)
    assert len(rasa.received) == received  # while with an advisor the bot is not asked
    expect(page.locator(".pgb-error")).to_have_count(0)

    # A reload keeps the conversation and reconnects; advisor messages keep arriving live.
    frames = sockets.frames
    page.reload()
    sockets.wait_for_frames(frames + 1)
    expect(parts["log"]).to_contain_text("Goedemiddag, ik ben Anna.")
    expect(page.locator(".pgb-status")).to_have_text("U praat met Anna, mantelzorgmakelaar")
    advisor.post(f"/conversations/{cid}/messages", {"text": "Ik bel de SVB even voor u."})
    expect(page.locator(".pgb-msg-advisor").last).to_contain_text("Ik bel de SVB even voor u.")
    expect(page.locator(".pgb-msg-advisor")).to_have_count(2)  # no duplicates

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-handoff-1280.png"))
    # With the panel closed, a new advisor message shows on the launcher.
    page.get_by_role("button", name="Chat sluiten").click()
    advisor.post(f"/conversations/{cid}/messages", {"text": "Bent u er nog?"})
    expect(page.locator(".pgb-badge")).to_be_visible()
    expect(parts["launcher"]).to_have_accessible_name("Chat met ons over het pgb (nieuw bericht)")
    parts["launcher"].click()
    expect(page.locator(".pgb-badge")).to_be_hidden()
    expect(page.locator(".pgb-msg-advisor").last).to_contain_text("Bent u er nog?")

    advisor.post(f"/conversations/{cid}/close")
    expect(parts["log"]).to_contain_text("De mantelzorgmakelaar heeft het gesprek afgesloten")
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")
    say(parts, "Dank u wel")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Dank u wel")


def test_handoff_falls_back_to_polling_when_the_websocket_fails(
    page: Page, api_url: str, rasa: StubRasa, advisor: Advisor
) -> None:
    rasa.reply = handoff_reply
    attempts: list[float] = []

    def refuse(socket: WebSocketRoute) -> None:
        attempts.append(page.evaluate("performance.now()"))
        socket.close(code=1011)

    page.route_web_socket(re.compile(r"/ws$"), refuse)
    parts = open_widget(page, api_url)
    ask_for_a_person(page, parts)
    cid = conversation_id(page)

    advisor.post(f"/conversations/{cid}/claim")
    expect(page.locator(".pgb-status")).to_have_text(
        "U praat met een mantelzorgmakelaar", timeout=10_000
    )
    advisor.post(f"/conversations/{cid}/messages", {"text": "Hallo, hier Anna."})
    expect(page.locator(".pgb-msg-advisor")).to_contain_text("Hallo, hier Anna.", timeout=10_000)
    # Reconnects back off: 1, 2, 4 ... seconds, each with jitter of half to one and a half times
    # (widget/pgb-chat-live.js), not a tight loop. The lower bounds leave 20 % for timing.
    assert 2 <= len(attempts) <= 5, attempts
    gaps = [later - earlier for earlier, later in zip(attempts, attempts[1:], strict=False)]
    assert all(gap >= 0.8 * 500 * 2**k for k, gap in enumerate(gaps)), gaps

    advisor.post(f"/conversations/{cid}/close")
    expect(parts["log"]).to_contain_text("heeft het gesprek afgesloten", timeout=10_000)
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")


def test_state_events_alone_change_only_the_status_line(page: Page, api_url: str) -> None:
    """Against the contract alone: a server that sends state events without system messages.
    Who joined or left is the api's to say (its system messages); the widget adds no text."""
    waiting = {
        "conversation_id": "d" * 32,
        "conversation_token": "t" * 43,
        "state": "requested",
        "messages": [],
    }
    page.route("**/api/chat", lambda route: route.fulfill(json=waiting))
    page.route("**/api/conversation/messages*", lambda route: route.fulfill(json=waiting))
    sockets: list[WebSocketRoute] = []
    page.route_web_socket(re.compile(r"/ws$"), lambda socket: sockets.append(socket))
    parts = open_widget(page, api_url)
    say(parts, "Ik wil iemand spreken")
    expect(page.locator(".pgb-status")).to_have_text("Wacht op een mantelzorgmakelaar…")
    for _ in range(100):
        if sockets:
            break
        page.wait_for_timeout(50)
    [socket] = sockets
    notes = page.locator(".pgb-note")
    before = notes.count()
    socket.send('{"type": "state", "state": "requested", "advisor": null}')
    socket.send('{"type": "state", "state": "with_advisor", "advisor": "Bram"}')
    expect(page.locator(".pgb-status")).to_have_text("U praat met Bram, mantelzorgmakelaar")
    socket.send(
        '{"type": "message", "message": {"id": 7, "sender": "advisor", "text": "Dag!",'
        ' "buttons": [], "custom": null, "created_at": "2026-11-23T10:00:00Z"}}'
    )
    socket.send('{"type": "message", "message": {"id": 7, "sender": "advisor", "text": "Dag!"}}')
    expect(page.locator(".pgb-msg-advisor")).to_have_count(1)  # de-duplicated by id
    expect(page.locator(".pgb-from")).to_have_text("Bram, mantelzorgmakelaar")
    socket.send('{"type": "state", "state": "bot", "advisor": null}')
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")
    expect(notes).to_have_count(before)
    expect(parts["log"]).not_to_contain_text("in het gesprek gekomen")
    expect(parts["log"]).not_to_contain_text("heeft het gesprek verlaten")


def test_handoff_end_to_end_with_the_advisor_console(
    browser: Browser, page: Page, api_url: str, rasa: StubRasa, advisor: Advisor
) -> None:
    """The person in the widget, the mantelzorgmakelaar in the real console pages."""
    rasa.reply = handoff_reply
    sockets = SocketWatch(page)
    parts = open_widget(page, api_url)
    ask_for_a_person(page, parts)
    sockets.wait_for_frames(1)

    context = browser.new_context(locale="nl-NL")
    console = context.new_page()
    console.goto(f"{api_url}/console/login")
    console.locator("#email").fill("anna@example.nl")
    console.locator("#email").press("Tab")
    console.keyboard.type(PASSWORD)
    console.keyboard.press("Enter")
    expect(console).to_have_url(f"{api_url}/console/")
    card = console.locator("#waiting article")
    expect(card).to_contain_text("Ik wil een mens spreken")
    card.get_by_role("button", name="Overnemen").click()
    expect(page.locator(".pgb-status")).to_have_text("U praat met Anna, mantelzorgmakelaar")

    console.locator("#reply").fill("Goedemiddag, u spreekt met Anna. Waarmee kan ik helpen?")
    console.locator("#reply").press("Control+Enter")
    expect(page.locator(".pgb-msg-advisor")).to_contain_text("u spreekt met Anna")

    say(parts, "Mijn moeder krijgt een brief van de SVB")
    expect(console.locator("#timeline li.user").last).to_contain_text("brief van de SVB")

    console.get_by_role("button", name="Teruggeven aan de bot").click()
    expect(parts["log"]).to_contain_text("De mantelzorgmakelaar heeft het gesprek afgesloten")
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")
    context.close()
