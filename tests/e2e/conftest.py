"""One running stack (started as `make run` starts it) shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.stack import running_stack

# Always open, so a handoff is a live handoff whatever the day and hour the tests run; all test
# conversations come from one address, so the per-address chat limit is lifted.
ALWAYS_OPEN = {
    "PGB_OFFICE_HOURS": "mon-sun 00:00-24:00",
    "PGB_OFFICE_CLOSED_ON_HOLIDAYS": "false",
    "PGB_RATE_LIMIT_CHAT": "100000/minute",
}


@pytest.fixture(scope="session")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("stack")
    settings = {
        "PGB_DATABASE_URL": f"sqlite:///{tmp / 'api.db'}",
        "PGB_TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.db'}",
        **ALWAYS_OPEN,
    }
    with running_stack(settings, tmp / "stack.log") as url:
        yield url


# The secret of each conversation these tests started, as the widget keeps it.
TOKENS: dict[str, str] = {}


def say(api_url: str, text: str, conversation_id: str | None = None) -> dict[str, Any]:
    token = TOKENS.get(conversation_id or "")
    headers = {"X-Conversation-Token": token} if token else {}
    response = httpx.post(
        f"{api_url}/api/chat",
        json={"conversation_id": conversation_id, "text": text},
        headers=headers,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    reply = dict(response.json())
    if reply.get("conversation_token"):
        TOKENS[reply["conversation_id"]] = reply["conversation_token"]
    return reply


def texts(reply: dict[str, Any]) -> str:
    return "\n".join(m["text"] or "" for m in reply["messages"])


def payloads(reply: dict[str, Any]) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m["buttons"]]
