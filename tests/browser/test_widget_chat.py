"""A conversation with the bot in the widget: quick-reply buttons, links and lists, the
history after a reload, "Nieuw gesprek", a stale stored conversation (or one without its
secret), and HTML in messages shown as text (no XSS).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.widget_support import open_widget, pgb_reply, say, widget
from tests.support.stub_rasa import StubRasa


def test_conversation_with_buttons_survives_a_reload(
    page: Page, api_url: str, rasa: StubRasa
) -> None:
    rasa.reply = pgb_reply
    errors: list[str] = []
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
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
    token = page.evaluate("localStorage.getItem('pgb-chat:token')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)

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
    assert page.evaluate("localStorage.getItem('pgb-chat:token')") is None
    say(parts, "Hallo")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("Voor welke zorg")
    assert page.evaluate("localStorage.getItem('pgb-chat:conversation')") != conversation_id
    assert page.evaluate("localStorage.getItem('pgb-chat:token')") not in (None, token)
    assert errors == []
    # The history was fetched after the reload, but no address held the id or its secret.
    assert any("/api/conversation/messages" in url for url in urls)
    assert not [url for url in urls if conversation_id in url or token in url]


@pytest.mark.parametrize(
    "token",
    [None, "t" * 43],
    ids=["id only, as widgets before the secret kept it", "unknown id or wrong secret"],
)
def test_an_unknown_stored_conversation_starts_fresh(
    page: Page, api_url: str, rasa: StubRasa, token: str | None
) -> None:
    page.goto(api_url + "/")
    page.evaluate("localStorage.setItem('pgb-chat:conversation', 'ab'.repeat(16))")
    if token:
        page.evaluate(f"localStorage.setItem('pgb-chat:token', '{token}')")
    page.reload()
    parts = widget(page)
    parts["launcher"].click()
    expect(parts["log"]).to_contain_text("digitale pgb-assistent")
    forgotten = (
        "localStorage.getItem('pgb-chat:conversation') === null"
        " && localStorage.getItem('pgb-chat:token') === null"
    )
    # Polled from here: page.wait_for_function evaluates a string predicate with eval in the
    # page once it has to wait, which the widget's Content-Security-Policy forbids.
    for _ in range(100):
        if page.evaluate(forgotten):
            break
        page.wait_for_timeout(50)
    assert page.evaluate(forgotten)
    say(parts, "Hallo")
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Hallo")
    assert rasa.received[-1]["sender"] != "ab" * 16
    expect(page.locator(".pgb-error")).to_have_count(0)


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
