"""Talk to the Rasa server: one call per turn through the private channel (bot/channel.py).

The channel answers with the bot's messages and what Rasa understood (intent, actions, the
knowledge records its answers state; its
slots too, which the api leaves: the case summary comes with the handoff request) in the same
response, and refuses any request without the shared secret. Rasa 3.6 hides failures (an
unreachable action server gives an empty reply with HTTP 200), so this client turns every way
a turn can fail into `RasaUnavailable`, and the caller can tell the person.

With several Rasa replicas each conversation has its own (api/conversation/replicas.py). The
client tries the next replica only when the connection is refused: then the turn never reached
Rasa. After a timeout, a 5xx or an empty reply the message may already be in that replica's
tracker (they share the tracker store), so asking another would store it twice; the person gets
the fallback instead. The whole call has a deadline (PGB_RASA_TIMEOUT_S, at most 10 s): a Rasa
that hangs, or waits for a hanging action server, is cut off.

Also here: the text cleaning on the way in (what Rasa may read of a message) and on the way
out (the bot's messages as the widget shows them, with the handoff control payload taken out:
it is a request to the api, not something to show or store). Trailing punctuation is cut in
api/nlu_text.py, which stays outside the rooms and standard-library only because
scripts/evaluate.py imports it from Rasa's environment.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx2

from api.conversation.replicas import ranked
from api.core.schemas import Button, ChatMessage

log = logging.getLogger(__name__)

CHANNEL = "/webhooks/pgb_api"
SECRET_HEADER = "X-Pgb-Channel-Secret"  # noqa: S105 - a header name, not a secret
REQUEST_HUMAN_PAYLOAD = "/request_human"
# Payloads a person may always send, offered or not. The widget itself sends no payload of its
# own (it starts with the person's words), so only asking for a person is on this list.
ALWAYS_ALLOWED_PAYLOADS = frozenset({REQUEST_HUMAN_PAYLOAD})
_PAYLOAD_PREFIX = re.compile(r"^[\s/]+")  # Rasa strips whitespace before it looks for "/"
CONNECT_TIMEOUT_S = 2.0  # a replica that does not even accept the connection is not answering
READY_TIMEOUT_S = 3.0


class RasaUnavailable(Exception):
    """Rasa did not answer the turn (down, timed out, error, or an empty reply). `kind` names
    the failure for the operators' metrics: refused, timeout, transport, http_4xx, http_5xx,
    bad_json, empty_reply, no_usable_message."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Understanding:
    intent: str | None
    confidence: float | None
    # The actions the bot took after the latest user message.
    actions: list[str] = field(default_factory=list)
    # The knowledge records the bot's answers state (FAQ answer, spending verdict, advice).
    knowledge: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HandoffRequest:
    """The bot asks the api for a person (actions/handoff.py, handoff_payload)."""

    reason: str
    # The case summary as the handoff action sent it: the answers of the guided checks.
    answers: dict[str, Any] = field(default_factory=dict)


def plain_text(text: str) -> str:
    """The text without the leading "/" that would make Rasa read it as an intent payload."""
    return _PAYLOAD_PREFIX.sub("", text)


def bot_text(text: str, offered: set[str]) -> str:
    """What Rasa gets of a message: a payload only when it is a button just offered (or always
    allowed); anything else starting with "/" as plain text, so a person cannot trigger any
    intent by typing it, and Rasa never logs it as an invalid payload."""
    if text in offered or text in ALWAYS_ALLOWED_PAYLOADS:
        return text
    return plain_text(text)


def read_replies(raw: list[dict[str, Any]]) -> tuple[list[ChatMessage], HandoffRequest | None]:
    """The bot's messages as the widget shows them, and the handoff it asks for, if any.

    The {"handoff": ...} control payload is consumed here: it never reaches the widget or the
    stored timeline (the api's own system message records the handoff)."""
    messages, handoff = [], None
    for item in raw:
        custom = dict(item["custom"]) if isinstance(item.get("custom"), dict) else {}
        control = custom.pop("handoff", None)
        if isinstance(control, dict) and handoff is None:
            answers = control.get("answers")
            handoff = HandoffRequest(
                reason=str(control.get("reason") or "user_request"),
                answers=answers if isinstance(answers, dict) else {},
            )
        buttons = [
            Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in item.get("buttons") or []
            if isinstance(b, dict)
        ]
        if item.get("text") or buttons or custom:
            messages.append(
                ChatMessage(text=item.get("text"), buttons=buttons, custom=custom or None)
            )
    return messages, handoff


def understanding_of(raw: Any) -> Understanding:
    raw = raw if isinstance(raw, dict) else {}
    confidence = raw.get("confidence")
    return Understanding(
        intent=raw.get("intent") if isinstance(raw.get("intent"), str) else None,
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        actions=[str(a) for a in raw.get("actions") or [] if isinstance(a, str)],
        knowledge=[k[:100] for k in raw.get("knowledge") or [] if isinstance(k, str) and k][:50],
    )


class RasaClient:
    def __init__(self, replicas: str | Sequence[str], secret: str, deadline_s: float) -> None:
        self.replicas = [replicas] if isinstance(replicas, str) else list(replicas)
        self._deadline_s = deadline_s
        self._http = httpx2.Client(headers={SECRET_HEADER: secret})

    def close(self) -> None:
        self._http.close()

    def send(self, sender_id: str, text: str) -> tuple[list[dict[str, Any]], Understanding]:
        """One user turn: the bot's messages (text, buttons, custom payloads) and what Rasa
        understood of the message. Asks the conversation's own replica, and the next one only
        when a replica refuses the connection."""
        deadline = time.monotonic() + self._deadline_s
        for replica in ranked(sender_id, self.replicas):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                response = self._http.post(
                    f"{replica}{CHANNEL}/turn",
                    json={"sender": sender_id, "message": text},
                    timeout=httpx2.Timeout(left, connect=min(CONNECT_TIMEOUT_S, left)),
                )
            except httpx2.ConnectError:
                # Refused (or no such host): the turn never reached this replica.
                log.warning("Rasa replica %s refused the connection; trying the next", replica)
                continue
            except httpx2.TimeoutException as error:
                raise RasaUnavailable(type(error).__name__, "timeout") from error
            except httpx2.HTTPError as error:
                raise RasaUnavailable(type(error).__name__, "transport") from error
            return _read_turn(response)
        if time.monotonic() >= deadline:
            raise RasaUnavailable("the deadline passed", "timeout")
        raise RasaUnavailable("no replica took the connection", "refused")

    def models(self) -> list[dict[str, Any]]:
        """What each replica runs (bot/channel.py, GET .../model): the model file, its hash,
        when it was trained and its recorded evaluation; replicas that do not answer are left
        out."""
        found = []
        for replica in self.replicas:
            try:
                response = self._http.get(f"{replica}{CHANNEL}/model", timeout=READY_TIMEOUT_S)
                body = response.json() if response.status_code == 200 else None
            except (httpx2.HTTPError, ValueError):
                body = None
            if isinstance(body, dict):
                found.append(body)
        return found

    def readiness(self) -> dict[str, bool]:
        """Whether each replica has loaded its model (readiness needs no secret)."""
        return {replica: self._ready(replica) for replica in self.replicas}

    def is_ready(self) -> bool:
        return any(self.readiness().values())

    def _ready(self, replica: str) -> bool:
        try:
            response = self._http.get(f"{replica}{CHANNEL}/", timeout=READY_TIMEOUT_S)
            return response.status_code == 200 and response.json().get("ready") is True
        except (httpx2.HTTPError, ValueError, AttributeError):
            return False


def _read_turn(response: httpx2.Response) -> tuple[list[dict[str, Any]], Understanding]:
    if not response.is_success:
        kind = f"http_{response.status_code // 100}xx"  # http_5xx, http_4xx, ...
        raise RasaUnavailable(f"HTTP {response.status_code}", kind)
    try:
        body = response.json()
    except ValueError as error:
        raise RasaUnavailable(type(error).__name__, "bad_json") from error
    messages = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(messages, list) or not messages:
        raise RasaUnavailable("empty reply", "empty_reply")
    return [m for m in messages if isinstance(m, dict)], understanding_of(body.get("understood"))
