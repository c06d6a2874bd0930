"""Ids and numbers in addresses and headers, and paths and methods nobody should use."""

from __future__ import annotations

import httpx2
import pytest

from tests.api.hostile.conftest import Battery, assert_handled
from tests.api.hostile.inputs import (
    AFTER_VALUES,
    BODIES,
    BODY_URLS,
    CONTENT_TYPES,
    CONVERSATION_IDS,
    ODD_REQUESTS,
    PATH_IDS,
    TEXTS,
)


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
