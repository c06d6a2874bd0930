"""The conversation Rasa sends to the action server, written as JSON by ujson.

At every custom action Rasa 3.6.21 posts the whole conversation (every event since it started)
to the action server, written out by Python's json module. After 100 turns that is about 900
events and 410 KB: 6.5 ms to write with json, 1.4 ms with ujson (measured 2026-12-06), once or
twice a turn, so a turn cost more the longer the conversation was (issue 14, py-spy on turns
1-16 against 81-96 of one conversation). ujson writes the same JSON values (floats round-trip
exactly; accents are kept as UTF-8, as JSON allows), and the action server's Sanic reads it with
ujson already. No Rasa setting chooses the writer.

install() makes EndpointConfig.request (Rasa's HTTP calls to its endpoints, among them the action
server) send a `json=` body as ujson's text; `python -m bot.rasa_cli` installs it before Rasa
starts.
"""

from __future__ import annotations

from typing import Any

import ujson
from rasa.utils.endpoints import EndpointConfig

_rasa_request = EndpointConfig.request


async def _request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    """Rasa's request, with a JSON body written by ujson."""
    if "json" in kwargs and content_type == "application/json":
        body = kwargs.pop("json")
        kwargs["data"] = ujson.dumps(body, ensure_ascii=False, escape_forward_slashes=False)
    return await _rasa_request(self, method, subpath, content_type, compress, **kwargs)


def install() -> None:
    EndpointConfig.request = _request  # type: ignore[method-assign]
