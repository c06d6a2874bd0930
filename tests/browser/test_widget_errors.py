"""When sending fails: the api unreachable or a gateway's 5xx give a Dutch message and a
retry that resends; a 4xx shows the api's own detail and no retry.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.widget_support import open_widget, say
from tests.support.stub_rasa import StubRasa


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
    expect(page.locator(".pgb-msg-bot").last).to_contain_text("echo: Wat is een pgb")
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
