"""Talk to the Rasa server: one turn through the REST channel, and what Rasa understood.

Rasa 3.6 hides failures: an unreachable action server gives an empty reply with HTTP 200. This
client turns every way a turn can fail into `RasaUnavailable`, so the caller can tell the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa did not answer the turn (down, timed out, error, or an empty reply)."""


@dataclass(frozen=True)
class Understanding:
    intent: str | None
    confidence: float | None
    # Slots that have a value: the answers given in the guided checks, for the advisor.
    slots: dict[str, Any] = field(default_factory=dict)
    # The actions the bot took after the latest user message.
    actions: list[str] = field(default_factory=list)


def actions_after_last_user_message(events: list[dict[str, Any]]) -> list[str]:
    taken: list[str] = []
    for event in reversed(events):
        if event.get("event") == "user":
            break
        name = event.get("name")
        if event.get("event") == "action" and name and name != "action_listen":
            taken.append(str(name))
    return taken[::-1]


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout_s: float) -> None:
        self._base_url = base_url
        self._token = token
        self._http = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        self._http.close()

    def send(self, sender_id: str, text: str) -> list[dict[str, Any]]:
        """Send one user turn and return the bot's messages (text, buttons, custom payloads)."""
        try:
            response = self._http.post(
                f"{self._base_url}/webhooks/rest/webhook",
                json={"sender": sender_id, "message": text},
            )
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(messages, list) or not messages:
            raise RasaUnavailable("empty reply")
        return [m for m in messages if isinstance(m, dict)]

    def understanding(self, sender_id: str) -> Understanding:
        """What Rasa understood of the latest user message and did about it (best effort)."""
        try:
            response = self._http.get(
                f"{self._base_url}/conversations/{sender_id}/tracker",
                params={"include_events": "AFTER_RESTART", "token": self._token},
            )
            response.raise_for_status()
            tracker = response.json()
            intent = tracker.get("latest_message", {}).get("intent") or {}
            raw_slots = tracker.get("slots") or {}
            slots = {
                str(k): v
                for k, v in raw_slots.items()
                if v not in (None, "", [], {})
                and not str(k).startswith("requested_slot")
                and k != "session_started_metadata"
            }
        except (httpx.HTTPError, ValueError, AttributeError):
            return Understanding(None, None)
        actions = actions_after_last_user_message(tracker.get("events") or [])
        return Understanding(intent.get("name"), intent.get("confidence"), slots, actions)

    def is_ready(self) -> bool:
        try:
            response = self._http.get(f"{self._base_url}/status", params={"token": self._token})
            return response.status_code == 200 and bool(response.json().get("model_id"))
        except (httpx.HTTPError, ValueError):
            return False
