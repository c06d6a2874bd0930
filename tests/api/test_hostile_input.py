"""Hostile input against the person's and the advisors' endpoints: never a 5xx, and every error a
Dutch `detail` (issue 17).

One app per database for the whole module (a fresh one per case would take minutes), with rate
limits out of the way: the battery is about input, test_ratelimit.py about limits. The app
answers a 500 instead of raising it, as a browser would see it, and nothing may be logged at
ERROR level.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.advisors.auth import create_advisor
from api.core.db import get_engine
from api.core.settings import Settings
from api.core.texts import texts
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

# Text a person or an advisor might send, or someone trying to break in.
TEXTS = {
    "empty": "",
    "whitespace": " \t\n\r ",
    "4000 chars": "a" * 4000,
    "4001 chars": "a" * 4001,
    "60000 chars": "b" * 60_000,
    "1 MB": "c" * 1_000_000,
    "lone high surrogate": "\ud800",
    "lone low surrogate": "hallo \udfff",
    "reversed surrogates": "\udc00\ud800",
    "NUL": "\x00",
    "NUL inside": "mijn pgb\x00 vraag",
    "control characters": "".join(chr(c) for c in range(1, 32)),
    "ANSI escape": "\x1b[31mrood\x1b[0m",
    "RTL override": "pgb \u202egnirahcs\u202c",
    "zero-width": "p\u200bg\u200cb\u200d\ufeff",
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "line separators": "a\u2028b\u2029c\u0085d",
    "emoji flood": "😀" * 3000,
    "family emoji flood": "👨‍👩‍👧‍👦" * 500,
    "combining flood": "e" + "\u0301" * 3000,
    "mixed scripts": "مرحبا 你好 Привет İstanbul ß",
    "SQL quote": "' OR 1=1 --",
    "SQL drop": "'; DROP TABLE messages; --",
    "SQL union": "1 UNION SELECT password_hash FROM advisors",
    "SQL sleep": "'; SELECT pg_sleep(10); --",
    "LIKE wildcards": "%_%\\",
    "HTML script": "<script>alert(1)</script>",
    "HTML img": '<img src=x onerror="alert(1)">',
    "JS URL": "javascript:alert(document.cookie)",
    "template": "{{7*7}} ${7*7} #{7*7} {minutes} {0}",
    "format string": "%s%s%s%n%x",
    "path traversal": "../../../../etc/passwd",
    "encoded traversal": "..%2f..%2f..%2fetc%2fpasswd%00.png",
    "header injection": "hallo\r\nSet-Cookie: pgb_console=evil",
    "JSON in text": '{"text": "x", "conversation_id": "0"}',
    "payload": "/request_human",
    "payload with entities": '/faq/what_is_pgb{"x": "<script>"}',
    "slashes": "////",
    "huge number": "1" + "0" * 400,
    "float overflow": "1e309",
    "negative": "-99999999999999999999",
    "e-mail like": "a" * 250 + "@example.nl",
    "at signs": "@@@@",
    "BSN": "mijn bsn is 111222333",
}

# Request bodies that are not what the endpoint expects (sent as they are).
BODIES = {
    "not JSON": b"{text: hallo}",
    "trailing comma": b'{"text": "hallo",}',
    "truncated": b'{"text": "hal',
    "empty body": b"",
    "JSON null": b"null",
    "JSON list": b'["hallo"]',
    "JSON string": b'"hallo"',
    "JSON number": b"42",
    "deeply nested": b"[" * 60_000 + b"]" * 60_000,
    "nested object": b'{"text": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}",
    "invalid UTF-8": b'{"text": "\xff\xfe\xc3\x28"}',
    "UTF-16": '{"text": "hallo"}'.encode("utf-16"),
    "overlong UTF-8": b'{"text": "\xc0\xaf"}',
    "lone surrogate escape": b'{"text": "\\ud800", "name": "\\udbff", "email": "\\udfff"}',
    "NUL escape": b'{"text": "\\u0000", "name": "\\u0000", "email": "\\u0000"}',
    "raw NUL byte": b'{"text": "a\x00b"}',
    "duplicate keys": b'{"text": "a", "text": "\\ud800"}',
    "huge number": b'{"text": 1' + b"0" * 5000 + b"}",
    "NaN": b'{"text": NaN, "consent": NaN}',
    "Infinity": b'{"text": Infinity}',
    "text is list": b'{"text": ["hallo"]}',
    "text is object": b'{"text": {"$ne": null}}',
    "text is null": b'{"text": null}',
    "text is bool": b'{"text": true, "consent": "yes"}',
    "no fields": b"{}",
    "extra fields": b'{"text": "hallo", "state": "with_advisor", "role": "admin"}',
    "BOM": b'\xef\xbb\xbf{"text": "hallo"}',
}

CONTENT_TYPES = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "application/xml",
    "application/json; charset=utf-16",
    "application/json; boundary=\x7f",
    "",
]

# Conversation ids as the person's widget would send them in a header (ASCII only: headers).
CONVERSATION_IDS = {
    "unknown": "0" * 32,
    "empty": "",
    "too short": "0" * 31,
    "too long": "0" * 33,
    "upper case": "A" * 32,
    "traversal": "../../etc/passwd",
    "SQL": "' OR '1'='1",
    "very long": "a" * 5000,
    "encoded NUL": "%00" * 10,
    "spaces": " " * 32,
}

# Values in an address: ids and numbers (percent-encoded where they must be).
PATH_IDS = {
    "zero": "0",
    "negative": "-1",
    "huge": "1" + "0" * 30,
    "float": "1.5",
    "exponent": "1e3",
    "word": "abc",
    "NUL": "%00",
    "traversal": "..%2F..%2Fetc",
    "SQL": "1%20OR%201%3D1",
    "unknown": "2147483647",
    "one past the int range": "2147483648",
}

AFTER_VALUES = ["-1", "1" + "0" * 30, "1e400", "NaN", "", "0x10", "%00", "1;2", "2147483648"]


@dataclass
class Battery:
    client: TestClient  # the person's browser
    console: TestClient  # an advisor (not an admin), logged in
    person: Person  # a conversation with the bot
    handed: Person  # a conversation handed to the advisors


@pytest.fixture(scope="module", params=DATABASES)
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


def test_no_dutch_error_text_contains_a_word_the_check_looks_for() -> None:
    """Otherwise the check below would refuse our own texts."""
    for key, text in texts()["errors"].items():
        assert not [word for word in ENGLISH if word in text.lower()], key


# Text in every field a person or an advisor fills in.


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_chat_text(battery: Battery, text: str) -> None:
    assert_handled(send(battery.client, "post", "/api/chat", {"text": text}))


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_chat_text_in_a_conversation(battery: Battery, text: str) -> None:
    turn = {"conversation_id": battery.person.conversation_id, "text": text}
    headers = {"X-Conversation-Token": battery.person.token}
    assert_handled(send(battery.client, "post", "/api/chat", turn, headers=headers))


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_callback_form(battery: Battery, text: str) -> None:
    form = {"name": text, "phone": text[:40], "email": text, "preferred_moment": text}
    body = {**form, "consent": True}
    headers = battery.person.headers
    assert_handled(
        send(battery.client, "post", "/api/conversation/callback", body, headers=headers)
    )


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_login(battery: Battery, text: str) -> None:
    browser = TestClient(battery.client.app, raise_server_exceptions=False)
    login = "/api/advisor/login"
    assert_handled(send(browser, "post", login, {"email": text, "password": text}))
    assert_handled(send(browser, "post", login, {"email": "doel@example.nl", "password": text}))


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_advisor_note_and_reply(battery: Battery, text: str) -> None:
    base = f"/api/advisor/conversations/{battery.handed.conversation_id}"
    assert_handled(send(battery.console, "post", f"{base}/notes", {"text": text}))
    assert_handled(send(battery.console, "post", f"{base}/messages", {"text": text}))
    assert_handled(send(battery.console, "put", f"{base}/tags", {"tags": [text]}))


@pytest.mark.parametrize("text", [t[:200] for t in TEXTS.values()], ids=TEXTS.keys())
def test_transcript_search(battery: Battery, text: str) -> None:
    # Percent-encoded byte for byte, a lone surrogate as the bytes it would have in UTF-8.
    quoted = quote(text.encode("utf-8", "surrogatepass"))
    for name in ("q", "tag", "intent", "state"):
        assert_handled(battery.console.get(f"/api/advisor/conversations?{name}={quoted}"))


# Bodies and content types.

BODY_URLS = ["/api/chat", "/api/conversation/callback", "/api/advisor/login"]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
@pytest.mark.parametrize("url", BODY_URLS)
def test_malformed_bodies(battery: Battery, url: str, body: bytes) -> None:
    headers = {"Content-Type": "application/json", **battery.person.headers}
    assert_handled(battery.client.post(url, content=body, headers=headers))


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("url", BODY_URLS)
def test_wrong_content_types(battery: Battery, url: str, content_type: str) -> None:
    headers = {"Content-Type": content_type, **battery.person.headers}
    assert_handled(battery.client.post(url, content=b'{"text": "hallo"}', headers=headers))


def test_a_chunked_megabyte(battery: Battery) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(1024):
            yield b"x" * 1024
        yield b'"}'

    response = battery.client.post(
        "/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert_handled(response)


# Ids and numbers.


@pytest.mark.parametrize("value", CONVERSATION_IDS.values(), ids=CONVERSATION_IDS.keys())
def test_conversation_ids_in_the_persons_requests(battery: Battery, value: str) -> None:
    token = battery.person.token
    headers = {"X-Conversation-Id": value, "X-Conversation-Token": token}
    client = battery.client
    assert_handled(client.get("/api/conversation/messages", headers=headers))
    form = {"name": "Els", "phone": "0612345678", "consent": True}
    assert_handled(client.post("/api/conversation/callback", json=form, headers=headers))
    turn = {"conversation_id": value, "text": "hallo"}
    assert_handled(client.post("/api/chat", json=turn, headers={"X-Conversation-Token": token}))
    wrong_token = {**battery.person.headers, "X-Conversation-Token": value}
    assert_handled(client.get("/api/conversation/messages", headers=wrong_token))


@pytest.mark.parametrize("value", CONVERSATION_IDS.values(), ids=CONVERSATION_IDS.keys())
def test_conversation_ids_in_advisor_addresses(battery: Battery, value: str) -> None:
    quoted = httpx2.URL("/").copy_with(path="/" + value).raw_path.decode()[1:] or "x"
    base = f"/api/advisor/conversations/{quoted}"
    for method, path, body in [
        ("get", "", None),
        ("get", "/export", None),
        ("post", "/claim", None),
        ("post", "/close", None),
        ("post", "/notes", {"text": "notitie"}),
        ("put", "/review", {"reviewed": True}),
    ]:
        kwargs = {"json": body} if body is not None else {}
        assert_handled(getattr(battery.console, method)(base + path, **kwargs))


@pytest.mark.parametrize("value", PATH_IDS.values(), ids=PATH_IDS.keys())
def test_numbers_in_advisor_addresses(battery: Battery, value: str) -> None:
    console = battery.console
    assert_handled(
        console.post(f"/api/advisor/messages/{value}/corrections", json={"kind": "new_intent"})
    )
    assert_handled(console.post(f"/api/advisor/advisors/{value}/unlock"))
    assert_handled(console.get(f"/api/advisor/conversations?limit={value}&offset={value}"))


@pytest.mark.parametrize("after", AFTER_VALUES)
def test_history_after(battery: Battery, after: str) -> None:
    url = f"/api/conversation/messages?after={after}"
    assert_handled(battery.client.get(url, headers=battery.person.headers))


# Paths and methods nobody should use.

ODD_REQUESTS = [
    ("get", "/api/chat"),
    ("put", "/api/chat"),
    ("delete", "/api/conversation/messages"),
    ("get", "/api/nope"),
    ("get", "/api/advisor/../../etc/passwd"),
    ("get", "/widget/..%2F..%2Fapi%2Fmain.py"),
    ("get", "/console/static/..%2F..%2Fsettings.py"),
    ("get", "/console/%00"),
    ("get", "/" + "a" * 5000),
    ("get", "/api/conversation/messages?after=1&after=2"),
    ("patch", "/api/advisor/login"),
]


@pytest.mark.parametrize(("method", "path"), ODD_REQUESTS, ids=lambda v: str(v)[:40])
def test_odd_paths_and_methods(battery: Battery, method: str, path: str) -> None:
    assert_handled(battery.client.request(method.upper(), path, headers=battery.person.headers))


def test_the_battery_is_big_enough() -> None:
    inputs = (
        len(TEXTS) * 6
        + len(BODIES) * len(BODY_URLS)
        + len(CONTENT_TYPES) * len(BODY_URLS)
        + len(CONVERSATION_IDS) * 2
        + len(PATH_IDS)
        + len(AFTER_VALUES)
        + len(ODD_REQUESTS)
        + 1
    )
    assert inputs >= 100, inputs


def test_json_escapes_reach_the_app_as_sent() -> None:
    """`send` passes lone surrogates and NUL as JSON escapes, so the app really gets them."""
    assert json.dumps({"t": "\ud800\x00"}) == '{"t": "\\ud800\\u0000"}'
