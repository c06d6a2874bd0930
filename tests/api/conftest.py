"""The api under test: a real database (SQLite, and PostgreSQL on 127.0.0.1:5432) migrated with
Alembic, real HTTP to a stand-in Rasa, and FastAPI's TestClient."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher, profiles
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.advisors import auth
from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from api.main import create_app
from api.models import Conversation
from tests.support.live import migrate
from tests.support.stub_rasa import StubRasa

POSTGRES_ADMIN_URL = os.environ.get(
    "PGB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """argon2id with argon2-cffi's CHEAPEST parameters instead of the production ones (about
    0.2 s per hash and again per login; the tests create and log in hundreds of accounts). The
    algorithm and every code path stay the same; test_auth checks the hashes are argon2id."""
    patch = pytest.MonkeyPatch()
    patch.setattr(auth, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    patch.undo()


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """A new, migrated api database (SQLite in `folder`, or PostgreSQL); its URL."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'api.db'}"
        migrate(url)
        yield url
        return
    name = f"pgb_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        migrate(url)
        yield url
    finally:
        get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    yield stub
    stub.close()


@pytest.fixture
def settings(database_url: str, rasa: StubRasa, tmp_path: Path) -> Settings:
    return Settings(
        # Plain http in tests, so no Secure cookie; production is tested on purpose where it
        # matters (test_settings.py, the Secure cookie).
        environment="development",
        database_url=database_url,
        rasa_url=rasa.url,
        action_server_url=rasa.url,
        rasa_token="test-token",  # noqa: S106
        rasa_timeout_s=5,
        tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}",
        # Always open, so handoff tests do not depend on the clock; closed hours are tested
        # with their own settings.
        office_hours="mon-sun 00:00-24:00",
        office_closed_on_holidays=False,
        # No purge loop in the background: it would race the tests that purge themselves
        # (test_cli's purge found the loop's lock taken). The lock is tested on its own.
        purge_interval_s=0,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def db(database_url: str) -> Iterator[Session]:
    with Session(get_engine(database_url)) as session:
        yield session


PASSWORD = "correct horse battery"  # noqa: S105 - test accounts only


@dataclass
class Account:
    id: int
    email: str
    name: str
    role: str


def make_advisor(db: Session, email: str, name: str, role: str = "advisor") -> Account:
    advisor = create_advisor(db, email=email, name=name, password=PASSWORD, role=role)
    return Account(advisor.id, advisor.email, advisor.name, advisor.role)


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> TestClient:
    """Log the client in and send the CSRF token with every later request, as the console does."""
    response = client.post("/api/advisor/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


@pytest.fixture
def admin(db: Session) -> Account:
    """The first account, so an admin."""
    return make_advisor(db, "beheer@example.nl", "Bea Beheer")


@pytest.fixture
def anna(db: Session, admin: Account) -> Account:
    return make_advisor(db, "anna@example.nl", "Anna de Vries")


@pytest.fixture
def bert(db: Session, admin: Account) -> Account:
    return make_advisor(db, "bert@example.nl", "Bert Jansen")


@pytest.fixture
def console(client: TestClient, anna: Account) -> TestClient:
    """The test client, logged in as advisor Anna."""
    return log_in(client, anna.email)


@pytest.fixture
def second_console(client: TestClient, bert: Account) -> TestClient:
    """Another browser on the same running app (no second lifespan), logged in as Bert."""
    return log_in(TestClient(client.app), bert.email)


@pytest.fixture
def admin_console(client: TestClient, admin: Account) -> TestClient:
    """Another browser on the same running app, logged in as admin Bea."""
    return log_in(TestClient(client.app), admin.email)


def ask_for_human(client: TestClient, rasa: StubRasa, text: str = "ik wil een mens") -> str:
    """A conversation whose bot turn asked for a handoff; returns its id."""
    rasa.reply = lambda _text: [
        {"recipient_id": "x", "text": "Ik zoek iemand voor u."},
        {"recipient_id": "x", "custom": {"handoff": {"reason": "user_request"}}},
    ]
    body = client.post("/api/chat", json={"text": text}).json()
    rasa.reply = lambda text: [{"recipient_id": "x", "text": f"echo: {text}"}]
    return str(body["conversation_id"])


@dataclass
class Person:
    """A person's conversation as their widget holds it: the id and its secret."""

    conversation_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Conversation-Id": self.conversation_id, "X-Conversation-Token": self.token}

    def say(self, client: TestClient, text: str) -> object:
        return client.post(
            "/api/chat",
            json={"conversation_id": self.conversation_id, "text": text},
            headers={"X-Conversation-Token": self.token},
        )


def start_conversation(client: TestClient, text: str = "hallo") -> Person:
    body = client.post("/api/chat", json={"text": text}).json()
    return Person(body["conversation_id"], body["conversation_token"])


def person_asks_for_human(
    client: TestClient, rasa: StubRasa, text: str = "ik wil een mens", reason: str = "user_request"
) -> Person:
    """Like ask_for_human, but keeps the person's secret to talk on; `reason` is the bot's
    reason for the handoff ("distress" after despair)."""
    rasa.reply = lambda _text: [
        {"recipient_id": "x", "text": "Ik zoek iemand voor u."},
        {"recipient_id": "x", "custom": {"handoff": {"reason": reason}}},
    ]
    person = start_conversation(client, text)
    rasa.reply = lambda text: [{"recipient_id": "x", "text": f"echo: {text}"}]
    return person


def state_of(db: Session, conversation_id: str) -> str:
    """A conversation's state as stored now."""
    db.expire_all()
    conversation = db.get(Conversation, conversation_id)
    assert conversation is not None
    return conversation.state
