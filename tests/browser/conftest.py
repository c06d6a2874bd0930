"""Real Chromium (Debian's package, installed by `make test`) driven by Playwright.

Playwright's own browser downloads are not used: the browser is launched through
`executable_path`, with the flags this closed network needs.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from tests.browser.widget_support import ALWAYS_OPEN, PASSWORD, Advisor, ThirdPartySite
from tests.support.live import migrate, serve_api
from tests.support.stub_rasa import StubRasa

# A loaded CI machine can take longer than Playwright's default 5 s to show a change.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    yield context.new_page()
    context.close()


# The widget's stack: the real api on SQLite, a stand-in Rasa, a third-party site,
# and a logged-in advisor.


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    yield stub
    stub.close()


@pytest.fixture
def office_hours() -> str:
    """Overridden with @pytest.mark.parametrize("office_hours", [NEVER_OPEN]) for callbacks."""
    return ALWAYS_OPEN


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
        environment="development",  # cookies without Secure over plain http
        # Every browser test logs in and chats from 127.0.0.1 against one api: the limits per
        # address are tested in tests/api/test_ratelimit.py, not here.
        rate_limit_login_per_address="10000/minute",
        rate_limit_chat="10000/minute",
        rasa_timeout_s=5,
        office_hours=office_hours,
        office_closed_on_holidays=False,
        cors_origins=[third_party.url],
    )


@pytest.fixture
def api_url(settings: Settings) -> Iterator[str]:
    with serve_api(settings) as url:
        yield url


@pytest.fixture
def advisor(browser: Browser, api_url: str, settings: Settings) -> Iterator[Advisor]:
    with Session(get_engine(settings.database_url)) as db:
        create_advisor(db, email="anna@example.nl", name="Anna de Vries", password=PASSWORD)
    context = browser.new_context(base_url=api_url)
    login = context.request.post(
        "/api/advisor/login", data={"email": "anna@example.nl", "password": PASSWORD}
    )
    assert login.ok, login.text()
    yield Advisor(context.request, login.json()["csrf_token"])
    context.close()
