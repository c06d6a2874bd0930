"""The action server loads the knowledge before it listens (actions/server.py)."""

from __future__ import annotations

import pytest
import rasa_sdk.__main__

import bot.pgb.knowledge
from actions import server


def test_the_knowledge_is_loaded_before_the_server_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(bot.pgb.knowledge, "load_knowledge", lambda: calls.append("knowledge"))
    monkeypatch.setattr(rasa_sdk.__main__, "main", lambda: calls.append("server"))
    server.main()
    assert calls == ["knowledge", "server"]
