"""Accessibility of the widget: keyboard only and focus, reflow at 360 px and 400 % zoom,
reduced motion, axe-core on every kind of message and the callback form, and the
screenshots in var/screenshots/widget-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.widget_support import AXE, SCREENSHOTS, open_widget, pgb_reply, say, widget
from tests.support.stub_rasa import StubRasa


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
