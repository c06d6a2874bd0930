"""Request bodies that are not what an endpoint expects, and wrong content types."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.api.hostile.conftest import Battery, assert_handled
from tests.api.hostile.inputs import BODIES, BODY_URLS, CONTENT_TYPES


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


def test_json_escapes_reach_the_app_as_sent() -> None:
    """`send` passes lone surrogates and NUL as JSON escapes, so the app really gets them."""
    assert json.dumps({"t": "\ud800\x00"}) == '{"t": "\\ud800\\u0000"}'
