"""The chat widget in real Chromium, against the real api (SQLite) and a stand-in Rasa over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from api.settings import Settings
from tests.support.live import migrate, serve_api
from tests.support.stub_rasa import StubRasa

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    yield stub
    stub.close()


@pytest.fixture
def settings(tmp_path: Path, rasa: StubRasa) -> Settings:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    return Settings(
        database_url=url,
        rasa_url=rasa.url,
        action_server_url=rasa.url,
        rasa_token="test-token",  # noqa: S106
        rasa_timeout_s=5,
    )


@pytest.fixture
def api_url(settings: Settings) -> Iterator[str]:
    with serve_api(settings) as url:
        yield url


def pgb_reply(text: str) -> list[dict[str, Any]]:
    """A small scripted bot: a question with buttons, and answers to the button payloads."""
    if text == "/choose_financing{\"financing\":\"wmo\"}":
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
                {"title": "Hulp thuis (Wmo)", "payload": "/choose_financing{\"financing\":\"wmo\"}"},
                {"title": "Verpleging (Zvw)", "payload": "/choose_financing{\"financing\":\"zvw\"}"},
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
        lambda r: errors.append(f"{r.status} {r.url}")
        if r.status >= 400 and not r.url.endswith("/favicon.ico")
        else None,
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
    assert rasa.received[-1]["message"] == "/choose_financing{\"financing\":\"wmo\"}"
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
