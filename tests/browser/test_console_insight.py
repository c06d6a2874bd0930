"""Inzicht in real Chromium: a "no" in the widget shows up there and on the review list; the
charts render from the same numbers as their tables; each table matches its CSV; axe-core
finds nothing serious; screenshots at 1280 and 360 px (var/screenshots/console-insight-*.png)
and what the page loads (var/screenshots/console-insight-weight.json)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from tests.api.insight.test_insight import Turn, conversation
from tests.browser.test_widget_accessibility import axe_violations, serious
from tests.browser.test_widget_feedback import faq_bot
from tests.browser.widget_support import AXE, PASSWORD, SCREENSHOTS, open_widget, say
from tests.support.stub_rasa import StubRasa

SECTIONS = ["volume", "topics", "checks", "not_understood", "handoffs", "feedback"]
# What a coordinator's browser may load for the page (HTML, CSS, JS, data); Chart.js is
# about 205 kB of it.
BUDGET_BYTES = 400_000


@pytest.fixture
def coordinator(browser: Browser, api_url: str, settings: Settings) -> Iterator[Page]:
    """The first account (an admin, so the review list shows bot-only conversations too),
    logged in to the console; the page fails the test on any script error."""
    with Session(get_engine(settings.database_url)) as db:
        create_advisor(db, email="coordinator@example.nl", name="Cor Dinator", password=PASSWORD)
    context = browser.new_context(locale="nl-NL", base_url=api_url, bypass_csp=False)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and "favicon" not in str(m.location.get("url"))
            else None
        ),
    )
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto("/console/login")
    page.locator("#email").fill("coordinator@example.nl")
    page.locator("#password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/")
    yield page
    assert errors == []
    context.close()


def seed_recent(settings: Settings) -> None:
    """Six FAQ conversations two days ago (five answers did not help) and five spending checks
    yesterday, so the charts have counts of 5 and more."""
    now = datetime.now(timezone.utc)
    with Session(get_engine(settings.database_url)) as db:
        for i in range(6):
            said = Turn("faq_what_is_pgb", 0.9, helpful=i == 5)
            conversation(db, now - timedelta(days=2, minutes=i), [said])
        for i in range(5):
            turns = [Turn("ask_spending", 0.8, actions=["spending_form"])]
            conversation(db, now - timedelta(days=1, minutes=i), turns, "user_request")


def table_rows(page: Page, section: str) -> list[list[str]]:
    return list(
        page.locator(f"table[data-section={section}]").evaluate(
            """t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent))"""
        )
    )


def as_csv_text(cell: str) -> str:
    """A table cell as the CSV writes it: Dutch number format back to plain, "–" empty."""
    if cell == "–":
        return ""
    if cell[:1].isdigit():
        return cell.replace(".", "").replace(",", ".")
    return cell


def same(cell: str) -> str | float:
    """A CSV cell as a number when it is one (the table writes 0.0 as 0)."""
    try:
        return float(cell)
    except ValueError:
        return cell


def test_a_no_in_the_widget_shows_in_inzicht_and_on_the_review_list(
    page: Page, coordinator: Page, api_url: str, rasa: StubRasa, settings: Settings
) -> None:
    seed_recent(settings)
    faq_bot(rasa)
    parts = open_widget(page, api_url)
    say(parts, "wat is een pgb")
    page.get_by_role("button", name="Nee", exact=True).click()
    page.get_by_role("button", name="Overslaan").click()
    expect(page.locator(".pgb-feedback-done")).to_be_visible()

    coordinator.get_by_role("link", name="Inzicht").click()
    feedback = coordinator.locator("table[data-section=feedback]")
    expect(feedback).to_contain_text("faq_what_is_pgb")
    # Five seeded "no"s and the person's: 6 (the one "yes" is "< 5").
    assert table_rows(coordinator, "feedback") == [["faq_what_is_pgb", "< 5", "6"]]

    coordinator.goto("/console/transcripts")
    coordinator.locator("input[name=tag]").fill("feedback-nee")
    coordinator.locator("input[name=tag]").press("Enter")
    expect(coordinator.locator("main")).to_contain_text("wat is een pgb")
    coordinator.get_by_role("link", name="wat is een pgb").click()
    expect(coordinator.locator("#timeline")).to_contain_text(
        "Feedback van de persoon: niet geholpen"
    )


def test_charts_tables_csv_screenshots_and_weight(coordinator: Page, settings: Settings) -> None:
    seed_recent(settings)
    page = coordinator
    page.goto("/console/insight")
    expect(page.locator("figure[data-chart]")).to_have_count(len(SECTIONS))
    for section in SECTIONS:
        figure = page.locator(f"figure[data-chart={section}]")
        box = figure.locator("canvas").bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, section
        # The chart draws the table's numbers ("< 5" left out).
        drawn = figure.locator("canvas").evaluate(
            "c => Chart.getChart(c).data.datasets.map(d => d.data)"
        )
        rows = table_rows(page, section)
        rows = rows[1:] if section == "not_understood" else rows
        first = [as_csv_text(r[1]) for r in rows]
        assert [str(v) if v is not None else None for v in drawn[0]] == [
            v if v and v[0].isdigit() else None for v in first
        ], section
    volume = table_rows(page, "volume")
    assert len(volume) == 28 and sum(int(r[1]) for r in volume if r[1].isdigit()) == 11

    # Every table is its CSV.
    for link in page.locator("a.csv").all():
        href = link.get_attribute("href") or ""
        section = href.split("/insight/")[1].split(".csv")[0]
        response = page.request.get(href)
        assert response.ok
        read = list(csv.reader(io.StringIO(response.text())))
        columns = page.locator(f"table[data-section={section}] thead th").all_text_contents()
        assert read[0] == columns
        assert [[same(c) for c in row] for row in read[1:]] == [
            [same(as_csv_text(c)) for c in row]
            for row in table_rows(page, section)
            if row != ["Geen gegevens in deze periode."]
        ], section

    # A week view, chosen with the form.
    page.locator("#step").select_option("week")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#status")).to_contain_text("per week")
    page.locator("#step").select_option("day")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#status")).to_contain_text("per dag")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / "console-insight-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(300)  # Chart.js resizes on the next frame
    widths = page.locator("figure[data-chart] canvas").evaluate_all(
        "cs => cs.map(c => c.getBoundingClientRect().right)"
    )
    assert max(widths) <= 360
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.table-wrap'))
                 .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wide == []  # nothing but a table's scrollable region is wider than the phone
    page.screenshot(path=str(SCREENSHOTS / "console-insight-360.png"), full_page=True)

    # What the console loads for the page, fresh (no cache).
    page.reload()
    expect(page.locator("figure[data-chart]")).to_have_count(len(SECTIONS))
    loaded = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'),
                  ...performance.getEntriesByType('resource')]
                 .map(e => ({name: e.name.split('/').slice(3).join('/'),
                             bytes: e.decodedBodySize, transferred: e.transferSize}))"""
    )
    total = sum(entry["bytes"] for entry in loaded)
    (SCREENSHOTS / "console-insight-weight.json").write_text(
        json.dumps({"total_bytes": total, "resources": loaded}, indent=2)
    )
    assert total < BUDGET_BYTES, loaded


@pytest.mark.skipif(not AXE.exists(), reason="run `npm ci --prefix tests/browser` first")
def test_axe_finds_nothing_serious_on_inzicht(
    browser: Browser, coordinator: Page, settings: Settings
) -> None:
    seed_recent(settings)
    # axe-core is injected inline, which the console's CSP rightly refuses: a second page
    # with the same login cookie and CSP bypassed.
    context = browser.new_context(
        locale="nl-NL", bypass_csp=True, storage_state=coordinator.context.storage_state()
    )
    page = context.new_page()
    page.goto(coordinator.url.split("/console")[0] + "/console/insight")
    expect(page.locator("figure[data-chart]")).to_have_count(len(SECTIONS))
    assert serious(axe_violations(page)) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert serious(axe_violations(page)) == []
    context.close()
