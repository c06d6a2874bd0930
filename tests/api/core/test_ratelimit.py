"""Rate limits: per client address and per account on login, generous ones on the chat and the
callback form; a Dutch 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.core.settings import Settings
from api.core.texts import error_text
from api.main import create_app
from tests.api.conftest import PASSWORD, Account, start_conversation

# Limits do not depend on the database.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def limited(settings: Settings) -> Iterator[TestClient]:
    strict = settings.model_copy(
        update={
            "rate_limit_login_per_address": "3/minute",
            "rate_limit_login_per_account": "4/minute",
            "rate_limit_chat": "5/minute",
            "rate_limit_callback": "2/minute",
        }
    )
    with TestClient(create_app(strict)) as client:
        yield client


def from_address(client: TestClient, address: str) -> TestClient:
    """Another browser on the same running app, at another client address."""
    return TestClient(client.app, client=(address, 50000))


def assert_dutch_429(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 429
    assert response.json() == {"detail": error_text("rate_limited")}
    assert 1 <= int(response.headers["retry-after"]) <= 60


def login(client: TestClient, email: str, password: str = "wrong password"):  # type: ignore[no-untyped-def]
    return client.post("/api/advisor/login", json={"email": email, "password": password})


def test_logins_from_one_address_are_limited(limited: TestClient, anna: Account) -> None:
    browser = from_address(limited, "192.0.2.1")
    for i in range(3):
        assert login(browser, f"someone{i}@example.nl").status_code == 401
    assert_dutch_429(login(browser, anna.email, PASSWORD))
    # Another address is not affected.
    assert login(from_address(limited, "192.0.2.2"), anna.email, PASSWORD).status_code == 200


def test_logins_to_one_account_are_limited_from_every_address(
    limited: TestClient, anna: Account
) -> None:
    for i in range(4):
        browser = from_address(limited, f"198.51.100.{i}")
        assert login(browser, anna.email).status_code == 401
    # Also for an address that has not tried yet, and whatever the case of the e-mail.
    assert_dutch_429(login(from_address(limited, "198.51.100.99"), anna.email.upper(), PASSWORD))


def test_unknown_accounts_are_limited_the_same_way(limited: TestClient) -> None:
    for i in range(4):
        login(from_address(limited, f"203.0.113.{i}"), "nobody@example.nl")
    assert_dutch_429(login(from_address(limited, "203.0.113.50"), "nobody@example.nl"))


def test_chat_messages_from_one_address_are_limited(limited: TestClient) -> None:
    for _ in range(5):
        assert limited.post("/api/chat", json={"text": "hallo"}).status_code == 200
    assert_dutch_429(limited.post("/api/chat", json={"text": "hallo"}))
    assert from_address(limited, "192.0.2.7").post("/api/chat", json={"text": "hallo"}).is_success


def test_callback_requests_from_one_address_are_limited(limited: TestClient) -> None:
    person = start_conversation(limited)
    url = "/api/conversation/callback"
    form = {"name": "Jan", "phone": "0612345678", "consent": True}
    for _ in range(2):
        assert limited.post(url, json=form, headers=person.headers).status_code == 201
    assert_dutch_429(limited.post(url, json=form, headers=person.headers))


def test_the_default_limits_leave_room_for_normal_use(client: TestClient) -> None:
    """A busy person or a shared office address is not refused by the defaults."""
    for _ in range(30):
        assert client.post("/api/chat", json={"text": "hallo"}).status_code == 200


def test_limits_are_kept_in_redis_when_configured(settings: Settings) -> None:
    """With several api workers the counts must be shared: Redis, as the live events."""
    shared = settings.model_copy(
        update={
            "rate_limit_storage_url": "redis://127.0.0.1:6379/3",
            "rate_limit_chat": "2/minute",
        }
    )
    address = f"192.0.2.{__import__('random').randint(1, 254)}"
    first, second = create_app(shared), create_app(shared)
    with (
        TestClient(first, client=(address, 1)) as one,
        TestClient(second, client=(address, 1)) as two,
    ):
        assert one.post("/api/chat", json={"text": "hallo"}).status_code == 200
        assert two.post("/api/chat", json={"text": "hallo"}).status_code == 200
        assert_dutch_429(one.post("/api/chat", json={"text": "hallo"}))
