"""Text in every field a person or an advisor fills in, and the Dutch error texts."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.core.texts import texts
from tests.api.hostile.conftest import ENGLISH, Battery, assert_handled, send
from tests.api.hostile.inputs import TEXTS


def test_no_dutch_error_text_contains_a_word_the_check_looks_for() -> None:
    """Otherwise the check below would refuse our own texts."""
    for key, text in texts()["errors"].items():
        assert not [word for word in ENGLISH if word in text.lower()], key


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
