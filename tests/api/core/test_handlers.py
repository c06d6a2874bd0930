"""Every error answer is Dutch, odd input is a Dutch 422 (never a 500), and a body over the limit
is refused however it is sent (issue 17)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx2
import pytest
from fastapi.testclient import TestClient

from api.core.settings import Settings
from api.core.texts import error_text
from api.main import create_app
from tests.api.conftest import PASSWORD, Account, Person, log_in, start_conversation
from tests.support.live import serve_api

HUGE = 10**30
LONE_SURROGATE = b'"\\ud800"'  # valid JSON, but no text: half of a UTF-16 pair


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    """A client that gets the 500 answer a browser would get instead of the exception."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def person(app_client: TestClient) -> Person:
    return start_conversation(app_client)


def assert_dutch_422(response: httpx2.Response) -> None:
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == error_text("invalid_request")


def assert_quiet(caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    """Nothing logged with a traceback, and nothing that names the conversation."""
    for record in caplog.records:
        assert record.exc_info is None, record.getMessage()
        assert not any(secret in record.getMessage() for secret in secrets), record.getMessage()


def raw_json(client: TestClient, url: str, body: bytes, **kwargs: object) -> httpx2.Response:
    headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    return client.post(url, content=body, headers=headers, **kwargs)  # type: ignore[arg-type]


# Odd input.


def test_a_lone_surrogate_in_a_chat_message_is_a_dutch_422(
    app_client: TestClient, person: Person, caplog: pytest.LogCaptureFixture
) -> None:
    new = raw_json(app_client, "/api/chat", b'{"text": ' + LONE_SURROGATE + b"}")
    assert_dutch_422(new)
    body = b'{"conversation_id": "%s", "text": "a\\udfffb"}' % person.conversation_id.encode()
    later = raw_json(app_client, "/api/chat", body, headers={"X-Conversation-Token": person.token})
    assert_dutch_422(later)
    assert_quiet(caplog, person.conversation_id)


def test_a_lone_surrogate_in_the_callback_form_is_a_dutch_422(
    app_client: TestClient, person: Person, caplog: pytest.LogCaptureFixture
) -> None:
    body = b'{"name": ' + LONE_SURROGATE + b', "phone": "0612345678", "consent": true}'
    response = raw_json(app_client, "/api/conversation/callback", body, headers=person.headers)
    assert_dutch_422(response)
    assert_quiet(caplog, person.conversation_id)


def test_a_lone_surrogate_in_a_login_is_a_dutch_422(
    app_client: TestClient, anna: Account, caplog: pytest.LogCaptureFixture
) -> None:
    for body in [
        b'{"email": ' + LONE_SURROGATE + b', "password": "x"}',
        b'{"email": "anna@example.nl", "password": ' + LONE_SURROGATE + b"}",
    ]:
        assert_dutch_422(raw_json(app_client, "/api/advisor/login", body))
    assert_quiet(caplog)


@pytest.mark.parametrize("field", ["text", "name", "email", "password"])
def test_nul_characters_are_a_dutch_422(
    app_client: TestClient, person: Person, anna: Account, caplog: pytest.LogCaptureFixture,
    field: str,
) -> None:  # fmt: skip
    """PostgreSQL cannot store NUL; it is refused before it gets there, on every database."""
    if field == "text":
        response = app_client.post("/api/chat", json={"text": "hal\x00lo"})
    elif field == "name":
        form = {"name": "Els\x00", "phone": "0612345678", "consent": True}
        response = app_client.post("/api/conversation/callback", json=form, headers=person.headers)
    else:
        login = {"email": anna.email, "password": PASSWORD, field: "x\x00y"}
        response = app_client.post("/api/advisor/login", json=login)
    assert_dutch_422(response)
    assert_quiet(caplog, person.conversation_id)


@pytest.mark.parametrize("after", [str(HUGE), "-1", "1e3", "NaN"])
def test_absurd_numbers_in_the_history_are_a_dutch_422(
    app_client: TestClient, person: Person, caplog: pytest.LogCaptureFixture, after: str
) -> None:
    response = app_client.get(f"/api/conversation/messages?after={after}", headers=person.headers)
    assert_dutch_422(response)
    assert_quiet(caplog, person.conversation_id)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", f"/api/advisor/messages/{HUGE}/corrections"),
        ("post", "/api/advisor/messages/-5/corrections"),
        ("post", f"/api/advisor/advisors/{HUGE}/unlock"),
        ("post", "/api/advisor/advisors/0/deactivate"),
        ("get", f"/api/advisor/conversations?offset={HUGE}"),
        ("get", f"/api/advisor/audit?offset={HUGE}"),
        ("get", "/api/advisor/conversations?q=a%00b"),
        ("get", "/api/advisor/conversations?tag=%00"),
        ("get", "/api/advisor/audit?email=%00"),
    ],
)
def test_absurd_ids_and_filters_for_advisors_are_a_dutch_422(
    app_client: TestClient, admin: Account, caplog: pytest.LogCaptureFixture, method: str,
    path: str,
) -> None:  # fmt: skip
    log_in(app_client, admin.email)
    response = getattr(app_client, method)(
        path, **({"json": {"kind": "new_intent"}} if method == "post" else {})
    )
    assert_dutch_422(response)
    assert_quiet(caplog)


# Dutch errors for what FastAPI and Starlette answer by default.


def test_an_unknown_path_is_a_dutch_404(app_client: TestClient) -> None:
    for path in ["/nope", "/api/nope", "/api/advisor/nope", "/widget/../api/main.py"]:
        response = app_client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": error_text("not_found")}


def test_a_wrong_method_is_a_dutch_405_that_says_what_is_allowed(app_client: TestClient) -> None:
    response = app_client.get("/api/chat")
    assert response.status_code == 405
    assert response.json() == {"detail": error_text("method_not_allowed")}
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(
    "body",
    [b"{", b'{"text": "hallo",}', b"\xff\xfe{}", b'{"text": "\xc3\x28"}', b"", b"null", b"[]"],
)
def test_a_body_that_is_no_json_object_is_a_dutch_error(
    app_client: TestClient, body: bytes
) -> None:
    response = raw_json(app_client, "/api/chat", body)
    assert response.status_code in (400, 422)
    assert response.json()["detail"] == error_text("invalid_request")


def test_a_wrong_content_type_is_a_dutch_error(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/chat",
        content=b"text=hallo",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == error_text("invalid_request")


def test_an_unexpected_error_is_a_dutch_500_without_details(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from api.conversation import router as chat

    secret = "mijn nummer is " + "0612345678"  # what a message might hold

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(secret)

    monkeypatch.setattr(chat, "take_turn", broken)
    response = app_client.post("/api/chat", json={"text": "hallo"})
    assert response.status_code == 500
    assert response.json() == {"detail": error_text("internal")}
    assert error_text("internal").startswith("Sorry, er ging iets mis")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged and "/api/chat" in logged
    assert "0612345678" not in logged + "".join(str(r.exc_info) for r in caplog.records)


# The body limit counts bytes as they arrive.


def test_a_chunked_body_over_the_limit_is_refused(settings: Settings) -> None:
    """No Content-Length to check: 2 MiB sent in chunks, over a real socket."""

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(2 * 1024):
            yield b"x" * 1024
        yield b'"}'

    with serve_api(settings) as url:
        response = httpx2.post(
            f"{url}/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 413
    assert response.json() == {"detail": error_text("body_too_large")}


def test_a_chunked_body_under_the_limit_is_read(settings: Settings) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": '
        yield b'"hallo"}'

    with serve_api(settings) as url:
        response = httpx2.post(
            f"{url}/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 200


def test_a_false_content_length_is_refused(app_client: TestClient) -> None:
    for length in ["-1", "abc", str(HUGE)]:
        response = app_client.post(
            "/api/chat", content=b'{"text": "hallo"}',
            headers={"Content-Type": "application/json", "Content-Length": length},
        )  # fmt: skip
        assert response.status_code in (400, 413)
        assert "detail" in response.json()


def test_logging_stays_quiet_on_ordinary_errors(
    app_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    app_client.post("/api/chat", json={"text": ""})
    app_client.get("/api/nope")
    assert_quiet(caplog)


def test_a_refused_cors_preflight_is_dutch(settings: Settings) -> None:
    configured = settings.model_copy(update={"cors_origins": ["https://zorg.example"]})
    with TestClient(create_app(configured)) as client:
        refused = client.options(
            "/api/chat",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert refused.status_code == 400
    assert refused.json() == {"detail": error_text("request_refused")}
    assert "access-control-allow-origin" not in refused.headers
