"""Outside office hours a request for a person gets the callback form: validation in Dutch,
the api's check of the phone number, the request in the advisors' queue, and no second
form after a reload.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.widget_support import (
    NEVER_OPEN,
    SCREENSHOTS,
    Advisor,
    handoff_reply,
    open_widget,
    say,
)
from tests.support.stub_rasa import StubRasa


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


@pytest.mark.parametrize("office_hours", [NEVER_OPEN])
def test_a_callback_form_that_cannot_load_says_so_in_dutch(
    page: Page, api_url: str, rasa: StubRasa
) -> None:
    """The form lives in its own file, fetched when first needed; the network may fail then."""
    page.route("**/widget/pgb-chat-callback.js", lambda route: route.abort())
    rasa.reply = handoff_reply
    parts = open_widget(page, api_url)
    say(parts, "Ik wil een mens spreken")
    expect(page.locator(".pgb-callback")).to_contain_text("kon niet worden geladen")
    expect(parts["input"]).to_be_editable()
