"""The conversation posted to the action server, written by ujson (bot/action_json.py)."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot import action_json
from tests.support.stack import free_port


async def test_the_action_server_receives_the_same_json() -> None:
    received: dict[str, Any] = {}

    async def webhook(request: web.Request) -> web.Response:
        received["type"] = request.content_type
        received["body"] = await request.read()
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    # What Rasa sends: events with accents, slashes, floats and nesting.
    payload = {
        "next_action": "action_answer_faq",
        "tracker": {
            "events": [
                {
                    "event": "user",
                    "text": "mag ik de fysio/ergo betalen? één vraag",
                    "confidence": 1 / 3,
                },
                {"event": "bot", "text": "Ja \u2028 nee", "data": {"buttons": []}},
                {"event": "slot", "name": "law", "value": None, "timestamp": 1733480000.123456},
            ]
        },
    }
    try:
        action_json.install()
        assert EndpointConfig.request is action_json._request
        reply = await EndpointConfig(f"http://127.0.0.1:{port}/webhook").request(json=payload)
    finally:
        await runner.cleanup()
    assert received["type"] == "application/json"
    assert json.loads(received["body"].decode("utf-8")) == payload
    assert reply == {"events": [], "responses": []}
