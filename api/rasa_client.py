"""Talk to the Rasa server: one call per turn through the private channel (bot/channel.py).

The channel answers with the bot's messages and what Rasa understood (intent, slots, actions)
in the same response, and refuses any request without the shared secret. Rasa 3.6 hides
failures (an unreachable action server gives an empty reply with HTTP 200), so this client turns
every way a turn can fail into `RasaUnavailable`, and the caller can tell the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx2

CHANNEL = "/webhooks/pgb_api"
SECRET_HEADER = "X-Pgb-Channel-Secret"  # noqa: S105 - a header name, not a secret


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


def understanding_of(raw: Any) -> Understanding:
    raw = raw if isinstance(raw, dict) else {}
    confidence = raw.get("confidence")
    return Understanding(
        intent=raw.get("intent") if isinstance(raw.get("intent"), str) else None,
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        slots=raw.get("slots") if isinstance(raw.get("slots"), dict) else {},
        actions=[str(a) for a in raw.get("actions") or [] if isinstance(a, str)],
    )


class RasaClient:
    def __init__(self, base_url: str, secret: str, timeout_s: float) -> None:
        self._base_url = base_url
        self._http = httpx2.Client(timeout=timeout_s, headers={SECRET_HEADER: secret})

    def close(self) -> None:
        self._http.close()

    def send(self, sender_id: str, text: str) -> tuple[list[dict[str, Any]], Understanding]:
        """One user turn: the bot's messages (text, buttons, custom payloads) and what Rasa
        understood of the message."""
        try:
            response = self._http.post(
                f"{self._base_url}{CHANNEL}/turn", json={"sender": sender_id, "message": text}
            )
            response.raise_for_status()
            body = response.json()
        except (httpx2.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        messages = body.get("messages") if isinstance(body, dict) else None
        if not isinstance(messages, list) or not messages:
            raise RasaUnavailable("empty reply")
        return [m for m in messages if isinstance(m, dict)], understanding_of(
            body.get("understood")
        )

    def is_ready(self) -> bool:
        try:
            response = self._http.get(f"{self._base_url}{CHANNEL}/")
            return response.status_code == 200 and response.json().get("ready") is True
        except (httpx2.HTTPError, ValueError, AttributeError):
            return False
