"""Hostile input against the person's and the advisors' endpoints: never a 5xx, and every error a
Dutch `detail` (issue 17). The inputs are in inputs.py; the tests by kind of input:
test_texts.py (text in every field), test_bodies.py (request bodies and content types),
test_addresses.py (ids, numbers, paths and methods).

One app per database for the whole package (a fresh one per case would take minutes), with rate
limits out of the way: the battery is about input, test_ratelimit.py about limits. The app
answers a 500 instead of raising it, as a browser would see it, and nothing may be logged at
ERROR level.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from api.main import create_app
from tests.api.conftest import DATABASES, PASSWORD, Person, fresh_database, log_in
from tests.support.stub_rasa import StubRasa

# Words of FastAPI's, Starlette's and pydantic's own (English) error answers.
ENGLISH = (
    "not found",
    "method not allowed",
    "required",
    "error",
    "parsing",
    "value",
    "invalid",
    "request",
    "expected",
    "ensure",
    "field",
    "internal",
    "entity",
    "too many",
)


@dataclass
class Battery:
    client: TestClient  # the person's browser
    console: TestClient  # an advisor (not an admin), logged in
    person: Person  # a conversation with the bot
    handed: Person  # a conversation handed to the advisors


@pytest.fixture(scope="package", params=DATABASES)
def battery(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Battery]:
    rasa = StubRasa()
    many = "100000/minute"
    with fresh_database(request.param, tmp_path_factory.mktemp("battery")) as url:
        settings = Settings(
            environment="development",
            database_url=url,
            rasa_url=rasa.url,
            action_server_url=rasa.url,
            rasa_token="test-token",  # noqa: S106
            rasa_timeout_s=5,
            tracker_store_url=f"sqlite:///{tmp_path_factory.mktemp('tracker') / 'tracker.db'}",
            office_hours="mon-sun 00:00-24:00",
            office_closed_on_holidays=False,
            rate_limit_login_per_address=many,
            rate_limit_login_per_account=many,
            rate_limit_chat=many,
            rate_limit_callback=many,
        )
        with Session(get_engine(url)) as db:
            create_advisor(db, email="beheer@example.nl", name="Bea Beheer", password=PASSWORD)
            create_advisor(db, email="anna@example.nl", name="Anna de Vries", password=PASSWORD)
            create_advisor(db, email="doel@example.nl", name="Doel Wit", password=PASSWORD)
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            console = log_in(
                TestClient(client.app, raise_server_exceptions=False), "anna@example.nl"
            )
            body = client.post("/api/chat", json={"text": "hallo"}).json()
            person = Person(body["conversation_id"], body["conversation_token"])
            rasa.reply = lambda _text: [
                {"recipient_id": "x", "custom": {"handoff": {"reason": "user_request"}}}
            ]
            body = client.post("/api/chat", json={"text": "ik wil een mens"}).json()
            handed = Person(body["conversation_id"], body["conversation_token"])
            rasa.reply = lambda text: [{"recipient_id": "x", "text": f"echo: {text}"}]
            yield Battery(client, console, person, handed)
    rasa.close()


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


def send(
    client: TestClient, method: str, url: str, body: object, **kwargs: object
) -> httpx2.Response:
    """A JSON request, encoded as a browser's JSON.stringify would: lone surrogates and NUL as
    \\u escapes (httpx2's own json= cannot encode a lone surrogate)."""
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    content = json.dumps(body).encode()
    return client.request(method.upper(), url, content=content, headers=headers, **kwargs)  # type: ignore[arg-type]


def assert_handled(response: httpx2.Response) -> None:
    """No 5xx; an error has a Dutch `detail` and no English from the frameworks."""
    assert response.status_code < 500, response.text[:300]
    if response.status_code < 400:
        return
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    lowered = detail.lower()
    assert not [word for word in ENGLISH if word in lowered], detail
