"""End to end: the trained stack, started the way `make run` does, through POST /api/chat."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import payloads, say, texts

pytestmark = pytest.mark.e2e


def test_all_three_services_report_ready(api_url: str) -> None:
    health = httpx.get(f"{api_url}/healthz", timeout=30).json()
    replicas = health.pop("rasa_replicas")
    assert health == {
        "status": "ok",
        "api": "ok",
        "database": "ok",
        "live_events": "ok",
        "rasa": "ok",
        "action_server": "ok",
    }
    assert list(replicas.values()) == ["ok"]


def test_a_short_dutch_conversation(api_url: str) -> None:
    hello = say(api_url, "hallo")
    conversation = hello["conversation_id"]
    assert "pgb-assistent" in texts(hello)
    assert "Privacy" in texts(hello)  # the one-line privacy notice
    assert payloads(hello)

    answer = say(api_url, "wat is een pgb eigenlijk", conversation)
    assert "persoonsgebonden budget" in texts(answer)
    assert "Bron:" in texts(answer)

    goodbye = say(api_url, "oke dankjewel, doei", conversation)
    assert goodbye["messages"] and goodbye["state"] == "bot"


def test_asking_for_a_person_requests_a_handoff(api_url: str) -> None:
    reply = say(api_url, "ik wil graag met een echt mens praten")
    assert reply["state"] == "requested"
    assert "mantelzorgmakelaar" in texts(reply)


def test_a_question_while_waiting_for_a_person_is_answered_and_waits(api_url: str) -> None:
    waiting = say(api_url, "ik wil graag met een echt mens praten")
    reply = say(api_url, "wat is een pgb", waiting["conversation_id"])
    assert reply["state"] == "requested"
    assert "persoonsgebonden budget" in texts(reply)
    assert reply["messages"][-1]["sender"] == "system"
    assert "mantelzorgmakelaar" in reply["messages"][-1]["text"]
    # A greeting while waiting gets only the note: the person answers that.
    hello = say(api_url, "hallo", waiting["conversation_id"])
    assert [m["sender"] for m in hello["messages"]] == ["system"]


def test_identifiers_never_reach_the_bot(api_url: str) -> None:
    reply = say(api_url, "mijn bsn is 111222333, mag ik de sportschool betalen van mijn pgb?")
    assert "111222333" not in texts(reply)
