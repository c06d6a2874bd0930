"""The advisor console in real Chromium: log in, claim a waiting handoff, reply live to the
person, hand back, review and tag the transcript, record a correction. Keyboard only.

Screenshots of each step go to var/screenshots/console-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from api.core.texts import error_text
from api.models import AuditEntry
from tests.support.live import ROOT, migrate, serve_api
from tests.support.stub_rasa import StubRasa

PASSWORD = "correct horse battery"  # noqa: S105 - a test account
XSS = "<img src=x onerror=alert(1)>"
SHOTS = ROOT / "var" / "screenshots"
# A loaded 2-core CI machine (a model training may run) needs more than Playwright's 5 s.
expect.set_options(timeout=15_000)


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[str, StubRasa]]:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    with Session(get_engine(url)) as session:
        create_advisor(session, email="anna@example.nl", name="Anna de Vries", password=PASSWORD)
    rasa = StubRasa()
    settings = Settings(
        database_url=url,
        rasa_url=rasa.url,
        action_server_url=rasa.url,
        rasa_token="test-token",  # noqa: S106
        environment="development",  # cookies without Secure over plain http
        # Every browser test logs in and chats from 127.0.0.1 against one api: the limits per
        # address are tested in tests/api/test_ratelimit.py, not here.
        rate_limit_login_per_address="10000/minute",
        rate_limit_chat="10000/minute",
        tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        office_hours="mon-sun 00:00-24:00",
        office_closed_on_holidays=False,
    )
    try:
        with serve_api(settings) as base:
            yield base, rasa
    finally:
        rasa.close()


def person_asks_for_a_human(base: str, rasa: StubRasa) -> tuple[str, str]:
    """The conversation's id and secret."""
    rasa.reply = lambda text: [
        {"recipient_id": "x", "text": "Dat is een vraag voor een mens."},
        {"recipient_id": "x", "custom": {"handoff": {"reason": "complex_case"}}},
    ]
    body = httpx2.post(f"{base}/api/chat", json={"text": f"Help met bezwaar {XSS}"}).json()
    rasa.reply = lambda text: [{"recipient_id": "x", "text": f"echo: {text}"}]
    assert body["state"] == "requested"
    return str(body["conversation_id"]), str(body["conversation_token"])


def open_person_socket(page: Page, base: str, conversation_id: str, token: str) -> None:
    """The person's side: a page on the api's origin holding the conversation's WebSocket."""
    page.goto(f"{base}/healthz")
    page.evaluate(
        """([url, auth]) => { window.events = []; const ws = new WebSocket(url);
           ws.onopen = () => ws.send(JSON.stringify(auth));
           ws.onmessage = (e) => window.events.push(JSON.parse(e.data)); }""",
        [
            base.replace("http", "ws") + "/api/conversation/ws",
            {"type": "auth", "conversation_id": conversation_id, "token": token},
        ],
    )
    page.wait_for_function("window.events.length >= 1")


def person_events(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.events"))


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"console-{name}.png"), full_page=True)


def views_of(tmp_path: Path, conversation_id: str) -> int:
    """How often the conversation was viewed, by the audit log."""
    with Session(get_engine(f"sqlite:///{tmp_path / 'api.db'}")) as db:
        query = select(AuditEntry.id).where(
            AuditEntry.action == "view", AuditEntry.conversation_id == conversation_id
        )
        return len(db.scalars(query).all())


def log_in(advisor: Page, base: str) -> None:
    advisor.goto(f"{base}/console/login")
    advisor.locator("#email").fill("anna@example.nl")
    advisor.locator("#password").fill(PASSWORD)
    advisor.locator("#password").press("Enter")
    expect(advisor).to_have_url(f"{base}/console/")


def test_the_queue_is_pushed_not_polled(browser: Browser, stack: tuple[str, StubRasa]) -> None:
    base, rasa = stack
    context = browser.new_context(locale="nl-NL")
    advisor = context.new_page()
    loads: list[str] = []
    queue_url = f"{base}/api/advisor/queue"
    advisor.on("request", lambda r: loads.append(r.url) if r.url == queue_url else None)
    log_in(advisor, base)
    expect(advisor.locator("#waiting")).to_contain_text("Niemand wacht op dit moment.")
    # The page loads the queue once, and once more at the socket's first event (on a busy
    # machine that can come seconds later); after that, only when the api says so.
    for _ in range(100):
        if len(loads) >= 2:
            break
        advisor.wait_for_timeout(100)
    assert loads == [queue_url, queue_url]
    loads.clear()
    advisor.wait_for_timeout(4000)  # the old page asked every 3 seconds
    assert loads == []

    person_asks_for_a_human(base, rasa)
    expect(advisor.locator("#waiting article")).to_contain_text(f"Help met bezwaar {XSS}")
    assert loads == [queue_url]  # one load, after the socket said so
    context.close()


def test_an_advisor_takes_over_replies_hands_back_and_reviews(
    browser: Browser, stack: tuple[str, StubRasa], tmp_path: Path
) -> None:
    base, rasa = stack
    conversation_id, token = person_asks_for_a_human(base, rasa)
    context = browser.new_context(locale="nl-NL")
    advisor, person = context.new_page(), browser.new_context().new_page()
    dialogs: list[str] = []
    advisor.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_person_socket(person, base, conversation_id, token)

    # Anonymous: the console sends you to the login page.
    advisor.goto(f"{base}/console/")
    expect(advisor).to_have_url(f"{base}/console/login")
    expect(advisor.locator("#email")).to_be_focused()
    advisor.keyboard.type("anna@example.nl")
    advisor.keyboard.press("Tab")
    advisor.keyboard.type("wrong password")
    advisor.keyboard.press("Enter")
    expect(advisor.locator("#status")).to_have_text(error_text("login_failed", minutes=15))
    advisor.keyboard.type(PASSWORD)  # the password field has the focus again
    advisor.keyboard.press("Enter")
    expect(advisor).to_have_url(f"{base}/console/")

    # The queue shows the waiting person, with the XSS attempt as plain text.
    card = advisor.locator("#waiting article")
    expect(card).to_contain_text(f"Help met bezwaar {XSS}")
    expect(card).to_contain_text("ingewikkelde situatie")
    assert advisor.locator("#waiting img").count() == 0
    shot(advisor, "1-queue")
    card.get_by_role("button", name="Overnemen").focus()
    advisor.keyboard.press("Enter")
    expect(advisor).to_have_url(f"{base}/console/conversation?id={conversation_id}")
    expect(advisor.locator("#summary")).to_contain_text("bij een adviseur")
    person.wait_for_function("window.events.some(e => e.state === 'with_advisor')")
    assert {"type": "state", "state": "with_advisor", "advisor": "Anna"} in person_events(person)

    # Reply with the keyboard; the reply reaches the person's socket.
    advisor.locator("#reply").focus()
    advisor.keyboard.type("Goedemiddag, ik ben Anna. Waar gaat het bezwaar over?")
    advisor.keyboard.press("Control+Enter")
    person.wait_for_function(
        "window.events.some(e => e.type === 'message' && e.message.sender === 'advisor')"
    )
    sent = [e for e in person_events(person) if e.get("message", {}).get("sender") == "advisor"]
    assert sent[0]["message"]["text"] == "Goedemiddag, ik ben Anna. Waar gaat het bezwaar over?"

    # The person answers; it appears in the console live, not at the bot.
    before = len(rasa.received)
    httpx2.post(
        f"{base}/api/chat",
        json={"conversation_id": conversation_id, "text": "Over de hoogte van mijn budget"},
        headers={"X-Conversation-Token": token},
    ).raise_for_status()
    expect(advisor.locator("#timeline li.user").last).to_contain_text("Over de hoogte")
    assert len(rasa.received) == before
    shot(advisor, "2-live")

    # Hand back to the bot; the person hears it.
    advisor.get_by_role("button", name="Teruggeven aan de bot").focus()
    advisor.keyboard.press("Enter")
    expect(advisor.locator("#summary")).to_contain_text("bij de bot")
    person.wait_for_function("window.events.some(e => e.state === 'bot')")

    # Review: reviewed flag and tags, by keyboard.
    advisor.locator("#reviewed").focus()
    advisor.keyboard.press("Space")
    expect(advisor.locator("#status")).to_have_text("Gemarkeerd als beoordeeld.")
    advisor.locator("#tags").focus()
    advisor.keyboard.type("bezwaar, Wachttijd")
    advisor.keyboard.press("Enter")
    expect(advisor.locator("#status")).to_have_text("Labels opgeslagen: bezwaar, wachttijd.")

    # Correction on the first user message: the right intent.
    first = advisor.locator("#timeline li.user").first
    expect(first).to_contain_text(XSS)
    first.locator("summary").focus()
    advisor.keyboard.press("Enter")
    first.locator("select[name=kind]").select_option("intent")
    first.locator("input[name=intent]").focus()
    advisor.keyboard.type("report_refusal")
    first.get_by_role("button", name="Correctie opslaan").focus()
    advisor.keyboard.press("Enter")
    expect(advisor.locator("#status")).to_have_text("De correctie is opgeslagen.")
    expect(advisor.locator("#timeline li.user").first).to_contain_text("Correctie: report_refusal")
    shot(advisor, "3-review")

    # One page load, one view in the audit log: claiming, live messages, handing back, tags
    # and the correction updated the page in place.
    assert views_of(tmp_path, conversation_id) == 1

    # What the console saved, read back through the api with the same login.
    detail = json.loads(
        advisor.evaluate(
            f"fetch('/api/advisor/conversations/{conversation_id}').then(r => r.text())"
        )
    )
    assert detail["reviewed"] is True
    assert detail["tags"] == ["bezwaar", "wachttijd"]
    nlu = advisor.evaluate("fetch('/api/advisor/corrections/nlu.yml').then(r => r.text())")
    assert "- intent: report_refusal" in nlu and XSS in nlu

    # The transcripts list finds it by a filter and by its text.
    advisor.goto(f"{base}/console/transcripts")
    advisor.locator("input[name=q]").fill("bezwaar")
    advisor.locator("input[name=tag]").fill("wachttijd")
    advisor.locator("input[name=q]").press("Enter")
    expect(advisor.locator("#count")).to_have_text("1 gesprekken gevonden.")
    expect(advisor.locator("#results")).to_contain_text(f"Help met bezwaar {XSS}")
    shot(advisor, "4-transcripts")
    advisor.goto(f"{base}/console/corrections")
    expect(advisor.locator("#nlu")).to_contain_text("report_refusal")
    shot(advisor, "5-corrections")

    assert dialogs == []  # no script from a message ever ran
    context.close()
