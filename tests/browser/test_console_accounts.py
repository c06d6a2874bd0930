"""The console's account pages in real Chromium, keyboard only: an admin changes their password
on "Mijn account", then unlocks and deactivates an advisor on "Beheer" and finds it in the
audit log; an advisor who is not an admin gets a clear message instead. axe-core checks both
pages.

Screenshots go to var/screenshots/console-accounts-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from tests.browser.test_widget_accessibility import axe_violations, serious
from tests.browser.widget_support import AXE, PASSWORD, SCREENSHOTS

NEW_PASSWORD = "een nieuwe lange wachtzin"  # noqa: S105 - a test account
BEA, ANNA, CAS = "bea@example.nl", "anna@example.nl", "cas@example.nl"


@pytest.fixture
def accounts(settings: Settings) -> dict[str, int]:
    """Bea (the first account, so admin), advisors Anna and Cas; their ids by e-mail."""
    ids = {}
    with Session(get_engine(settings.database_url)) as db:
        for email, name in [(BEA, "Bea Beheer"), (ANNA, "Anna de Vries"), (CAS, "Cas Smit")]:
            ids[email] = create_advisor(db, email=email, name=name, password=PASSWORD).id
    return ids


def login_status(api_url: str, email: str, password: str = PASSWORD) -> int:
    response = httpx2.post(
        f"{api_url}/api/advisor/login", json={"email": email, "password": password}
    )
    return response.status_code


def other_device(api_url: str, email: str) -> httpx2.Client:
    """A login elsewhere (another computer or phone) that a change should end."""
    client = httpx2.Client(base_url=api_url)
    response = client.post("/api/advisor/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"console-accounts-{name}.png"), full_page=True)


def go_by_keyboard(page: Page, link: str) -> None:
    page.get_by_role("link", name=link, exact=True).focus()
    page.keyboard.press("Enter")


@pytest.fixture
def console(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    assert dialogs == []
    context.close()


def test_an_admin_changes_their_password_then_unlocks_and_deactivates_an_advisor(
    console: Page, api_url: str, accounts: dict[str, int]
) -> None:
    page = console
    for _ in range(5):
        login_status(api_url, ANNA, "wrong password")
    assert login_status(api_url, ANNA) == 401  # a lockout answers like a wrong password
    bea_elsewhere = other_device(api_url, BEA)

    page.goto(f"{api_url}/console/login")
    expect(page.locator("#email")).to_be_focused()  # autofocus first, then type
    page.keyboard.type(BEA)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{api_url}/console/")
    expect(page.get_by_role("link", name="Beheer")).to_be_visible()

    # Mijn account: change the password; the login on the other device ends, this one stays.
    go_by_keyboard(page, "Mijn account")
    expect(page).to_have_url(f"{api_url}/console/account")
    expect(page.locator("#details")).to_contain_text(BEA)
    page.locator("#current-password").focus()
    page.keyboard.type("not my password")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Enter")
    status = page.locator("#status")
    expect(status).to_have_text(
        "Uw huidige wachtwoord klopt niet. Uw wachtwoord is niet gewijzigd."
    )
    expect(page.locator("#current-password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(status).to_have_text(
        "Uw wachtwoord is gewijzigd. Op andere computers en telefoons bent u nu uitgelogd."
    )
    assert bea_elsewhere.get("/api/advisor/me").status_code == 401
    assert login_status(api_url, BEA) == 401
    assert login_status(api_url, BEA, NEW_PASSWORD) == 200
    shot(page, "1-account")

    # Beheer: Anna is locked; lift it, then switch her account off.
    go_by_keyboard(page, "Beheer")
    expect(page).to_have_url(f"{api_url}/console/admin")
    anna = page.locator("#accounts tr", has_text="Anna de Vries")
    expect(anna).to_contain_text("Geblokkeerd tot")
    bea = page.locator("#accounts tr", has_text="Bea Beheer")
    expect(bea).to_contain_text("Dit bent u")
    expect(bea.get_by_role("button")).to_have_count(0)
    anna.get_by_role("button", name="Blokkade opheffen: Anna de Vries").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(
        "De blokkade van Anna de Vries is opgeheven. Anna de Vries kan weer inloggen."
    )
    expect(anna).not_to_contain_text("Geblokkeerd")
    # Focus lands on her name, not on a button a second Enter would press.
    expect(page.locator(f"#account-{accounts[ANNA]}")).to_be_focused()
    anna_device = other_device(api_url, ANNA)
    assert anna_device.get("/api/advisor/me").status_code == 200

    page.keyboard.press("Tab")
    expect(anna.get_by_role("button", name="Uitzetten: Anna de Vries")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text(
        "Het account van Anna de Vries is uitgezet. "
        "Anna de Vries is uitgelogd en kan niet meer inloggen."
    )
    expect(anna).to_contain_text("Uitgezet")
    expect(anna.get_by_role("button", name="Weer aanzetten: Anna de Vries")).to_be_visible()
    assert anna_device.get("/api/advisor/me").status_code == 401
    assert login_status(api_url, ANNA) == 401

    # The audit log, filtered on what happened to Anna's account.
    expect(page.locator("#audit")).to_contain_text("account uitgezet")
    page.locator("#audit-action").select_option("deactivate")
    page.locator("#audit-filters input[name=email]").focus()
    page.keyboard.type(ANNA)
    page.keyboard.press("Enter")
    expect(page.locator("#audit-count")).to_have_text("1 regel gevonden.")
    expect(page.locator("#audit tr")).to_have_count(1)
    expect(page.locator("#audit tr")).to_contain_text(BEA)
    expect(page.locator("#audit tr")).to_contain_text(ANNA)
    shot(page, "2-admin")
    bea_elsewhere.close()
    anna_device.close()


def test_an_advisor_sees_no_admin_link_and_a_clear_message(
    console: Page, api_url: str, accounts: dict[str, int]
) -> None:
    page = console
    assert page.request.post(
        f"{api_url}/api/advisor/login", data={"email": CAS, "password": PASSWORD}
    ).ok
    page.goto(f"{api_url}/console/account")
    expect(page.locator("#details")).to_contain_text(CAS)
    expect(page.get_by_role("link", name="Beheer")).to_have_count(0)  # hidden
    page.goto(f"{api_url}/console/admin")
    expect(page.locator("#not-admin")).to_be_visible()
    expect(page.locator("#not-admin")).to_contain_text("Alleen een beheerder")
    expect(page.locator("#admin-area")).to_be_hidden()
    shot(page, "3-not-admin")


@pytest.mark.skipif(not AXE.exists(), reason="run `npm ci --prefix tests/browser` first")
def test_axe_finds_no_serious_violations_on_the_account_pages(
    browser: Browser, api_url: str, accounts: dict[str, int]
) -> None:
    # axe-core is injected as an inline script, which the console's CSP rightly refuses.
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    assert page.request.post(
        f"{api_url}/api/advisor/login", data={"email": BEA, "password": PASSWORD}
    ).ok
    page.goto(f"{api_url}/console/account")
    expect(page.locator("#details")).to_contain_text(BEA)
    assert serious(axe_violations(page)) == []
    page.goto(f"{api_url}/console/admin")
    expect(page.locator("#audit-count")).to_contain_text("gevonden")
    violations = axe_violations(page)
    assert serious(violations) == [], violations
    context.close()
