"""The chat widget in real Chromium, against the real api (SQLite) and a stand-in Rasa over HTTP."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, Browser, Locator, Page, WebSocketRoute, expect
from sqlalchemy.orm import Session

from api.auth import create_advisor
from api.db import get_engine
from api.settings import Settings
from tests.support.live import migrate, serve_api
from tests.support.stub_rasa import StubRasa, echo_reply

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    yield stub
    stub.close()


ALWAYS_OPEN = "mon-sun 00:00-24:00"
NEVER_OPEN = ""


@pytest.fixture
def office_hours() -> str:
    """Overridden with @pytest.mark.parametrize("office_hours", [NEVER_OPEN]) for callbacks."""
    return ALWAYS_OPEN


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
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def third_party() -> Iterator[ThirdPartySite]:
    site = ThirdPartySite()
    yield site
    site.close()


@pytest.fixture
def settings(
    tmp_path: Path, rasa: StubRasa, office_hours: str, third_party: ThirdPartySite
) -> Settings:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    return Settings(
        database_url=url,
        rasa_url=rasa.url,
        action_server_url=rasa.url,
        rasa_token="test-token",  # noqa: S106
        rasa_timeout_s=5,
        office_hours=office_hours,
        office_closed_on_holidays=False,
        cors_origins=[third_party.url],
    )


@pytest.fixture
def api_url(settings: Settings) -> Iterator[str]:
    with serve_api(settings) as url:
        yield url


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


def test_demo_page_and_files_are_served_with_the_right_headers(page: Page, api_url: str) -> None:
    response = page.request.get(api_url + "/")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert '<script src="/widget/pgb-chat.js"' in response.text()
    for name, kind in [("pgb-chat.js", "text/javascript"), ("pgb-chat.css", "text/css")]:
        response = page.request.get(f"{api_url}/widget/{name}")
        assert response.status == 200
        assert response.headers["content-type"].startswith(kind)
        assert "max-age" in response.headers["cache-control"]
        etag = response.headers["etag"]
        again = page.request.get(f"{api_url}/widget/{name}", headers={"If-None-Match": etag})
        assert again.status == 304
    assert page.request.get(api_url + "/widget/../api/main.py").status == 404
    assert page.request.get(api_url + "/widget/demo.html").status == 404


def test_conversation_with_buttons_survives_a_reload(
    page: Page, api_url: str, rasa: StubRasa
) -> None:
    rasa.reply = pgb_reply
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    parts = open_widget(page, api_url)
    expect(parts["input"]).to_be_focused()
    expect(parts["log"]).to_contain_text("digitale pgb-assistent")
    expect(parts["log"]).to_contain_text("Privacy:")

    say(parts, "Ik wil een pgb voor mijn moeder")
    expect(parts["log"]).to_contain_text("Voor welke zorg wilt u een pgb?")
    choice = page.get_by_role("button", name="Hulp thuis (Wmo)")
    expect(choice).to_be_visible()
    # The person can type while buttons are shown.
    expect(parts["input"]).to_be_editable()
    choice.click()
    # The title is shown as the person's message; the payload went to the bot.
    expect(page.locator(".pgb-msg-user").last).to_have_text(re.compile("Hulp thuis \\(Wmo\\)"))
    expect(parts["log"]).to_contain_text("keukentafelgesprek")
    assert rasa.received[-1]["message"] == '/choose_financing{"financing":"wmo"}'
    expect(choice).to_have_count(0)  # used quick replies go away
    # Short list and a safe, clickable link.
    expect(page.locator(".pgb-bubble li")).to_have_count(2)
    link = page.locator(".pgb-bubble a[target=_blank]")
    expect(link).to_have_attribute("href", "https://www.svb.nl/pgb")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    conversation_id = page.evaluate("localStorage.getItem('pgb-chat:conversation')")
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id)

    # A reload keeps the panel open and shows the history from the api.
    page.reload()
    parts = widget(page)
    expect(parts["panel"]).to_be_visible()
    expect(parts["log"]).to_contain_text("Ik wil een pgb voor mijn moeder")
    expect(parts["log"]).to_contain_text("keukentafelgesprek")
    expect(page.locator(".pgb-msg-user")).to_have_count(2)
    say(parts, "Dank u")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("Voor welke zorg")
    assert rasa.received[-1]["sender"] == conversation_id

    # "Nieuw gesprek" starts afresh.
    page.get_by_role("button", name="Nieuw gesprek").click()
    expect(page.locator(".pgb-msg-user")).to_have_count(0)
    expect(parts["log"]).to_contain_text("Nieuw gesprek gestart")
    expect(parts["input"]).to_be_focused()
    assert page.evaluate("localStorage.getItem('pgb-chat:conversation')") is None
    say(parts, "Hallo")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("Voor welke zorg")
    assert page.evaluate("localStorage.getItem('pgb-chat:conversation')") != conversation_id
    assert errors == []


def test_another_site_embeds_the_widget_with_one_tag(
    page: Page, api_url: str, third_party: ThirdPartySite
) -> None:
    tag = f'<script src="{api_url}/widget/pgb-chat.js" data-api-url="{api_url}" defer></script>'
    html = (
        f'<!doctype html><html lang="nl"><title>Zorgsite</title><main><h1>Zorgsite</h1></main>{tag}'
    )
    third_party.html = html.encode()
    page.goto(third_party.url + "/")
    parts = widget(page)
    parts["launcher"].click()
    say(parts, "Hallo vanaf een andere site")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Hallo vanaf een andere site")
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id(page))


def test_an_unknown_stored_conversation_starts_fresh(page: Page, api_url: str) -> None:
    page.goto(api_url + "/")
    page.evaluate("localStorage.setItem('pgb-chat:conversation', 'ab'.repeat(16))")
    page.reload()
    parts = widget(page)
    parts["launcher"].click()
    expect(parts["log"]).to_contain_text("digitale pgb-assistent")
    page.wait_for_function("localStorage.getItem('pgb-chat:conversation') === null")


def focused(page: Page) -> str:
    """Text (or label) of the focused element, looking into the widget's shadow root."""
    return str(
        page.evaluate(
            """() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                    el = el.shadowRoot.activeElement;
                }
                return el ? (el.getAttribute('aria-label') || el.textContent || el.tagName) : '';
            }"""
        )
    ).strip()


def test_keyboard_only(page: Page, api_url: str, rasa: StubRasa) -> None:
    rasa.reply = pgb_reply
    page.goto(api_url + "/")
    parts = widget(page)
    expect(parts["launcher"]).to_be_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page).startswith("Chat met ons"):
            break
    expect(parts["launcher"]).to_be_focused()
    expect(parts["launcher"]).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(parts["panel"]).to_be_visible()
    expect(parts["launcher"]).to_have_attribute("aria-expanded", "true")
    expect(parts["input"]).to_be_focused()

    page.keyboard.type("Ik wil een pgb")
    page.keyboard.press("Enter")
    expect(page.locator(".pgb-choice")).to_have_count(2)
    # From the input, Shift+Tab walks back into the quick replies.
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if focused(page) == "Hulp thuis (Wmo)":
            break
    assert focused(page) == "Hulp thuis (Wmo)"
    page.keyboard.press("Enter")
    expect(parts["log"]).to_contain_text("keukentafelgesprek")
    expect(parts["input"]).to_be_focused()  # the used button is gone; focus is not lost

    # Shift+Enter is a new line, not a send.
    page.keyboard.type("regel een")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("regel twee")
    expect(parts["input"]).to_have_value("regel een\nregel twee")

    page.keyboard.press("Escape")
    expect(parts["panel"]).to_be_hidden()
    expect(parts["launcher"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["input"]).to_be_focused()
    page.get_by_role("button", name="Chat sluiten").focus()
    page.keyboard.press("Enter")
    expect(parts["panel"]).to_be_hidden()
    expect(parts["launcher"]).to_be_focused()


def test_api_down_shows_a_dutch_error_and_retry_resends(
    page: Page, api_url: str, rasa: StubRasa
) -> None:
    parts = open_widget(page, api_url)
    page.route("**/api/chat", lambda route: route.abort("connectionrefused"))
    say(parts, "Wat is een pgb?")
    error = page.locator(".pgb-error")
    expect(error).to_contain_text("Het lukt nu niet om de assistent te bereiken")
    expect(page.locator(".pgb-msg-user")).to_contain_text("Niet verstuurd")
    expect(page.locator(".pgb-sr[role=alert]")).to_contain_text("Het lukt nu niet")
    assert rasa.received == []

    page.unroute("**/api/chat")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Wat is een pgb?")
    expect(error).to_have_count(0)
    expect(page.locator(".pgb-msg-user")).not_to_contain_text("Niet verstuurd")
    expect(page.locator(".pgb-msg-user")).to_have_count(1)

    # A gateway error with an HTML body: still a clear Dutch message and a retry.
    page.route("**/api/chat", lambda route: route.fulfill(status=502, body="<h1>Bad gateway</h1>"))
    say(parts, "Nog een vraag")
    expect(error).to_contain_text("er is een storing")
    page.unroute("**/api/chat")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Nog een vraag")


def test_a_4xx_shows_the_api_detail(page: Page, api_url: str) -> None:
    parts = open_widget(page, api_url)
    say(parts, "lang " * 1000)
    expect(page.locator(".pgb-error")).to_contain_text("Uw bericht is te lang")
    expect(page.get_by_role("button", name="Opnieuw proberen")).to_have_count(0)


XSS = (
    '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> '
    '[klik hier](javascript:window.__xss=3) <a href="javascript:window.__xss=4">a</a>'
)


def test_html_in_messages_is_shown_as_text(page: Page, api_url: str, rasa: StubRasa) -> None:
    rasa.reply = lambda text: [
        {"recipient_id": "x", "text": XSS, "buttons": [{"title": "<b>vet</b>", "payload": "/x"}]}
    ]
    parts = open_widget(page, api_url)
    say(parts, '<img src=x onerror="window.__xss=5">')
    bot = page.locator(".pgb-msg-bot").last
    expect(bot).to_contain_text("<script>window.__xss=2</script>")
    expect(bot).to_contain_text("[klik hier](javascript:window.__xss=3)")
    expect(page.get_by_role("button", name="<b>vet</b>")).to_be_visible()
    expect(page.locator(".pgb-msg-user")).to_contain_text('<img src=x onerror="window.__xss=5">')
    page.get_by_role("button", name="<b>vet</b>").click()
    expect(page.locator(".pgb-msg-user").last).to_have_text(re.compile("<b>vet</b>"))
    assert page.locator(".pgb-log img, .pgb-log script, .pgb-log b").count() == 0
    assert page.locator(".pgb-msg:not(.pgb-welcome) a").count() == 0
    assert page.evaluate("window.__xss") is None


def test_screenshots_reflow_and_reduced_motion(page: Page, api_url: str, rasa: StubRasa) -> None:
    rasa.reply = pgb_reply
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    parts = open_widget(page, api_url)
    say(parts, "Ik zorg voor mijn vader. " + "Heelerglangwoordzonderspaties" * 4)
    page.get_by_role("button", name="Hulp thuis (Wmo)").click()
    expect(parts["log"]).to_contain_text("keukentafelgesprek")
    say(parts, "En verder?")
    expect(page.locator(".pgb-choice")).to_have_count(2)
    page.screenshot(path=str(SCREENSHOTS / "widget-1280.png"))

    # 320 x 256 and 320 x 180 CSS px are 1280 x 1024 and 1280 x 720 screens at 400 % zoom
    # (WCAG 1.4.10 reflow); at 180 px high the whole panel scrolls.
    sizes = [(360, 740, "widget-360.png"), (320, 256, None), (320, 180, "widget-400pct-zoom.png")]
    for width, height, name in sizes:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("window.pgbChat.open()")
        if name:
            page.screenshot(path=str(SCREENSHOTS / name))
        overflow = page.evaluate(
            """() => {
                const root = document.querySelector('[data-pgb-chat]').shadowRoot;
                const panel = root.querySelector('.pgb-panel');
                const wide = [...root.querySelectorAll('.pgb-panel *')]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 1);
                return {panel: panel.scrollWidth - panel.clientWidth, wide: wide.length,
                        page: document.documentElement.scrollWidth - innerWidth};
            }"""
        )
        assert overflow == {"panel": 0, "wide": 0, "page": 0}, (width, overflow)
        parts["send"].scroll_into_view_if_needed()
        expect(parts["send"]).to_be_in_viewport()
        expect(page.get_by_role("button", name="Chat sluiten")).to_be_visible()

    page.emulate_media(reduced_motion="reduce")
    page.route("**/api/chat", lambda route: None)  # never answers: the typing dots stay
    say(parts, "Even wachten")
    dots = page.locator(".pgb-dots i").first
    expect(dots).to_be_visible()
    assert dots.evaluate("e => getComputedStyle(e).animationName") == "none"
    page.emulate_media(reduced_motion="no-preference")
    assert dots.evaluate("e => getComputedStyle(e).animationName") == "pgb-blink"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result
    ]


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def page_without_csp(browser: Browser) -> Iterator[Page]:
    """axe-core is injected as an inline script, which the demo page's CSP rightly refuses."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="run `npm ci --prefix tests/browser` first")
def test_axe_finds_no_serious_or_critical_violations(
    page_without_csp: Page, api_url: str, rasa: StubRasa
) -> None:
    page = page_without_csp
    rasa.reply = pgb_reply
    page.goto(api_url + "/")
    expect(widget(page)["launcher"]).to_be_visible()
    assert serious(axe_violations(page)) == []  # closed
    parts = open_widget(page, api_url)
    say(parts, "Ik wil een pgb")
    expect(page.locator(".pgb-choice")).to_have_count(2)
    page.route("**/api/chat", lambda route: route.abort())
    say(parts, "Dit lukt niet")
    expect(page.locator(".pgb-error")).to_be_visible()
    violations = axe_violations(page)
    assert serious(violations) == [], violations
    # Also at phone width, where the panel fills the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    assert serious(axe_violations(page)) == []


@pytest.mark.skipif(not AXE.exists(), reason="run `npm ci --prefix tests/browser` first")
def test_axe_on_advisor_and_system_messages_and_the_callback_form(
    page_without_csp: Page, api_url: str
) -> None:
    page = page_without_csp
    every_kind = {
        "conversation_id": "c" * 32,
        "state": "with_advisor",
        "messages": [
            {"id": 1, "sender": "bot", "text": "Zie **dit**:\n1. een\n2. twee", "buttons": []},
            {"id": 2, "sender": "system", "text": "Anna neemt het gesprek over.", "buttons": []},
            {"id": 3, "sender": "advisor", "text": "Hallo, ik ben Anna.", "buttons": []},
            {
                "id": 4,
                "sender": "system",
                "text": "Wilt u dat we u terugbellen?",
                "buttons": [],
                "custom": {"callback_form": True, "next_open": "2026-11-24T08:00:00Z"},
            },
        ],
    }
    page.route("**/api/chat", lambda route: route.fulfill(json=every_kind))
    page.route("**/ws", lambda route: route.abort())
    parts = open_widget(page, api_url)
    say(parts, "Hallo")
    expect(page.locator(".pgb-msg-advisor")).to_be_visible()
    expect(page.locator(".pgb-callback")).to_contain_text("dinsdag 24 november")
    page.get_by_role("button", name="Verstuur verzoek").click()
    expect(page.locator(".pgb-callback")).to_contain_text("Vul uw naam in.")
    violations = axe_violations(page)
    assert serious(violations) == [], violations


# ---------- handoff to a mantelzorgmakelaar ----------

PASSWORD = "correct horse battery"  # noqa: S105 - test account only


def handoff_reply(text: str) -> list[dict[str, Any]]:
    """The bot hands over when asked for a person; the custom payload is for the api only."""
    if text == "/request_human" or "mens" in text:
        return [
            {"recipient_id": "x", "text": "Ik breng u in contact met een mantelzorgmakelaar."},
            {"recipient_id": "x", "custom": {"handoff": {"reason": "user_request"}}},
        ]
    return echo_reply(text)


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


@pytest.fixture
def advisor(browser: Browser, api_url: str, settings: Settings) -> Iterator[Advisor]:
    with Session(get_engine(settings.database_url), future=True) as db:
        create_advisor(db, email="anna@example.nl", name="Anna de Vries", password=PASSWORD)
    context = browser.new_context(base_url=api_url)
    login = context.request.post(
        "/api/advisor/login", data={"email": "anna@example.nl", "password": PASSWORD}
    )
    assert login.ok, login.text()
    yield Advisor(context.request, login.json()["csrf_token"])
    context.close()


def conversation_id(page: Page) -> str:
    return str(page.evaluate("localStorage.getItem('pgb-chat:conversation')"))


class SocketWatch:
    """Counts the events the api pushed to the page's WebSockets."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.urls: list[str] = []
        self.frames = 0
        page.on("websocket", self._opened)

    def _opened(self, socket: Any) -> None:
        self.urls.append(socket.url)
        socket.on("framereceived", self._frame)

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
    assert sockets.urls == [api_url.replace("http", "ws") + f"/api/conversations/{cid}/ws"]

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
    # Reconnects back off: 1, 2, 4 ... seconds, not a tight loop.
    assert 2 <= len(attempts) <= 5, attempts
    gaps = [later - earlier for earlier, later in zip(attempts, attempts[1:], strict=False)]
    assert all(gap >= 700 for gap in gaps), gaps
    assert gaps == sorted(gaps), gaps

    advisor.post(f"/conversations/{cid}/close")
    expect(parts["log"]).to_contain_text("heeft het gesprek afgesloten", timeout=10_000)
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")


@pytest.mark.parametrize("office_hours", [NEVER_OPEN])
def test_outside_office_hours_the_callback_form(
    page: Page, api_url: str, rasa: StubRasa, advisor: Advisor
) -> None:
    rasa.reply = handoff_reply
    parts = open_widget(page, api_url)
    say(parts, "Ik wil een mens spreken")
    form = page.locator(".pgb-callback form")
    expect(form).to_be_visible()
    expect(parts["log"]).to_contain_text("geen mantelzorgmakelaar aan het werk")
    # The person can still type to the bot while the form is there.
    expect(parts["input"]).to_be_editable()

    submit = page.get_by_role("button", name="Verstuur verzoek")
    submit.click()
    expect(form).to_contain_text("Vul uw naam in.")
    expect(form).to_contain_text("Vul een telefoonnummer of een e-mailadres in.")
    expect(form).to_contain_text("Geef toestemming")
    name = page.get_by_label("Naam", exact=True)
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")

    page.set_viewport_size({"width": 360, "height": 740})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-callback-360.png"))
    name.fill("Jan")
    page.get_by_label("Telefoonnummer").fill("bel mij")
    page.get_by_label("Wanneer komt het u het best uit?").select_option(
        "Ochtend (9.00 tot 12.00 uur)"
    )
    page.get_by_label("Ik geef toestemming").check()
    submit.click()
    # The api checks the number and answers in Dutch.
    expect(form).to_contain_text("Dit telefoonnummer klopt niet")

    page.get_by_label("Telefoonnummer").fill("06 1234 5678")
    submit.click()
    expect(page.locator(".pgb-done")).to_have_text("Uw verzoek is verstuurd.")
    expect(page.locator(".pgb-done")).to_be_focused()
    expect(parts["log"]).to_contain_text("Bedankt. We hebben uw verzoek ontvangen.")
    [item] = advisor.queue()
    assert item["state"] == "callback"
    assert item["callbacks"][0]["phone"] == "06 1234 5678"
    assert item["callbacks"][0]["preferred_moment"] == "Ochtend (9.00 tot 12.00 uur)"

    # After a reload the form does not come back.
    page.reload()
    expect(parts["log"]).to_contain_text("Bedankt. We hebben uw verzoek ontvangen.")
    expect(form).to_have_count(0)
    expect(parts["log"]).to_contain_text("U heeft al gevraagd of we contact met u opnemen.")


def test_state_events_alone_show_who_joined_and_left(page: Page, api_url: str) -> None:
    """Against the contract alone: a server that sends only state events, no system messages."""
    waiting = {"conversation_id": "d" * 32, "state": "requested", "messages": []}
    page.route("**/api/chat", lambda route: route.fulfill(json=waiting))
    page.route("**/api/conversations/*/messages*", lambda route: route.fulfill(json=waiting))
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
    socket.send('{"type": "state", "state": "requested", "advisor": null}')
    socket.send('{"type": "state", "state": "with_advisor", "advisor": "Bram"}')
    expect(parts["log"]).to_contain_text("Bram, mantelzorgmakelaar, is in het gesprek gekomen.")
    socket.send(
        '{"type": "message", "message": {"id": 7, "sender": "advisor", "text": "Dag!",'
        ' "buttons": [], "custom": null, "created_at": "2026-11-23T10:00:00Z"}}'
    )
    socket.send('{"type": "message", "message": {"id": 7, "sender": "advisor", "text": "Dag!"}}')
    expect(page.locator(".pgb-msg-advisor")).to_have_count(1)  # de-duplicated by id
    expect(page.locator(".pgb-from")).to_have_text("Bram, mantelzorgmakelaar")
    socket.send('{"type": "state", "state": "bot", "advisor": null}')
    expect(parts["log"]).to_contain_text("De mantelzorgmakelaar heeft het gesprek verlaten.")
    expect(page.locator(".pgb-status")).to_have_text("Digitale hulp bij het pgb")


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
