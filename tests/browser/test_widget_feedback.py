"""'Heeft dit antwoord u geholpen?' in the widget (widget/pgb-chat-feedback.js), in real
Chromium: keyboard only, never in the way of typing, announced, asked once per answer, axe-core
clean, and a "no" reaches the api with its comment (redacted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.db import get_engine
from api.core.settings import Settings
from api.models import Conversation, Feedback
from tests.browser.test_widget_accessibility import axe_violations, focused
from tests.browser.widget_support import AXE, SCREENSHOTS, conversation_id, open_widget, say
from tests.support.stub_rasa import StubRasa

ANSWER = "Een pgb is geld om zelf zorg of ondersteuning in te kopen."


def faq_bot(rasa: StubRasa) -> None:
    """A bot whose every answer states a fact (a FAQ answer with its knowledge record)."""
    rasa.intent = {"name": "faq_what_is_pgb", "confidence": 0.95}
    rasa.knowledge = ["what_is_pgb"]
    rasa.reply = lambda _text: [{"recipient_id": "x", "text": ANSWER}]


def feedback_rows(settings: Settings) -> list[Feedback]:
    with Session(get_engine(settings.database_url)) as db:
        return list(db.scalars(select(Feedback).order_by(Feedback.id)))


@pytest.fixture
def page_without_csp(browser: Browser) -> Iterator[Page]:
    """axe-core is injected as an inline script, which the demo page's CSP rightly refuses."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_no_with_a_comment_by_keyboard_only(
    page: Page, api_url: str, rasa: StubRasa, settings: Settings
) -> None:
    faq_bot(rasa)
    parts = open_widget(page, api_url)
    say(parts, "wat is een pgb")
    question = page.get_by_role("group", name="Heeft dit antwoord u geholpen?")
    expect(question).to_be_visible()
    # Never in the way: the focus stays in the message box, and the answer is announced with
    # the question.
    expect(parts["input"]).to_be_focused()
    expect(page.locator(".pgb-sr[aria-live=polite]")).to_contain_text("geholpen")

    for _ in range(4):
        page.keyboard.press("Shift+Tab")
        if focused(page) == "Nee":
            break
    assert focused(page) == "Nee"
    page.keyboard.press("Enter")
    comment = page.get_by_role("textbox", name="Wat miste u? Dit mag u leeg laten.")
    expect(comment).to_be_focused()
    page.keyboard.type("Ik mis mijn situatie, mail me op jan@example.nl")
    page.keyboard.press("Enter")
    expect(page.locator(".pgb-feedback-done")).to_have_text("Bedankt voor uw reactie.")
    expect(parts["input"]).to_be_focused()  # back to typing

    rows = feedback_rows(settings)
    assert [(r.helpful, r.knowledge) for r in rows] == [(False, ["what_is_pgb"])]
    assert rows[0].comment and "jan@example.nl" not in rows[0].comment
    with Session(get_engine(settings.database_url)) as db:
        conversation = db.get(Conversation, conversation_id(page))
        assert conversation is not None and [t.name for t in conversation.tags] == ["feedback-nee"]

    # Asked once per answer: after a reload the answered question does not come back, and
    # typing on still works.
    page.reload()
    parts["launcher"].click()
    expect(parts["log"]).to_contain_text(ANSWER)
    expect(page.locator(".pgb-feedback")).to_have_count(0)


def test_yes_is_one_key_press(page: Page, api_url: str, rasa: StubRasa, settings: Settings) -> None:
    faq_bot(rasa)
    parts = open_widget(page, api_url)
    say(parts, "wat is een pgb")
    yes = page.get_by_role("button", name="Ja", exact=True)
    expect(yes).to_be_visible()
    yes.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".pgb-feedback-done")).to_be_visible()
    assert [r.helpful for r in feedback_rows(settings)] == [True]
    # A second answer asks again, about itself.
    say(parts, "en nog een vraag")
    expect(page.get_by_role("button", name="Ja", exact=True)).to_have_count(1)


@pytest.mark.skipif(not AXE.exists(), reason="run `npm ci --prefix tests/browser` first")
def test_axe_finds_nothing_on_the_question_and_the_comment(
    page_without_csp: Page, api_url: str, rasa: StubRasa
) -> None:
    page = page_without_csp
    faq_bot(rasa)
    parts = open_widget(page, api_url)
    say(parts, "wat is een pgb")
    expect(page.locator(".pgb-feedback")).to_be_visible()

    def in_feedback(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [v for v in violations if v["impact"] in ("serious", "critical")] + [
            v for v in violations if any("pgb-feedback" in str(n) for n in v["nodes"])
        ]

    assert in_feedback(axe_violations(page)) == []
    page.get_by_role("button", name="Nee", exact=True).click()
    expect(page.locator(".pgb-feedback-comment")).to_be_visible()
    assert in_feedback(axe_violations(page)) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 740})
    assert in_feedback(axe_violations(page)) == []
    page.screenshot(path=str(SCREENSHOTS / "widget-feedback-360.png"))
