"""End to end: start the trained stack the way `make run` does and hold a Dutch conversation
through POST /api/chat. Needs the model that `make test` trains first."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("stack")
    port = free_port()
    env = dict(
        os.environ,
        PGB_API_PORT=str(port),
        PGB_RASA_PORT=str(free_port()),
        PGB_ACTIONS_PORT=str(free_port()),
        PGB_DATABASE_URL=f"sqlite:///{tmp / 'api.db'}",
        PGB_TRACKER_STORE_URL=f"sqlite:///{tmp / 'tracker.db'}",
    )
    log = (tmp / "stack.log").open("w+")
    stack = subprocess.Popen(  # noqa: S603
        [sys.executable, "scripts/stack.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 300
    while "is ready (Ctrl-C" not in (tmp / "stack.log").read_text():
        if stack.poll() is not None or time.monotonic() > deadline:
            stack.kill()
            pytest.fail("the stack did not start:\n" + (tmp / "stack.log").read_text()[-3000:])
        time.sleep(1)
    yield f"http://127.0.0.1:{port}"
    stack.send_signal(signal.SIGINT)
    assert stack.wait(timeout=60) == 0, (tmp / "stack.log").read_text()[-3000:]
    assert "stopped" in (tmp / "stack.log").read_text()


def say(api_url: str, text: str, conversation_id: str | None = None) -> dict:  # type: ignore[type-arg]
    response = httpx.post(
        f"{api_url}/api/chat", json={"conversation_id": conversation_id, "text": text}, timeout=60
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def texts(reply: dict) -> str:  # type: ignore[type-arg]
    return " ".join(m["text"] or "" for m in reply["messages"])


def test_all_three_services_report_ready(api_url: str) -> None:
    health = httpx.get(f"{api_url}/healthz", timeout=30).json()
    assert health == {
        "status": "ok",
        "api": "ok",
        "database": "ok",
        "rasa": "ok",
        "action_server": "ok",
    }


def test_a_short_dutch_conversation(api_url: str) -> None:
    hello = say(api_url, "hallo")
    conversation = hello["conversation_id"]
    assert "pgb-assistent" in texts(hello)
    assert "Privacy" in texts(hello)  # the one-line privacy notice
    assert any(m["buttons"] for m in hello["messages"])

    answer = say(api_url, "wat is een pgb eigenlijk", conversation)
    assert "persoonsgebonden budget" in texts(answer)
    assert "Bron:" in texts(answer)

    off_topic = say(api_url, "wat voor weer wordt het morgen in utrecht", conversation)
    assert "alleen iets over het pgb" in texts(off_topic)

    goodbye = say(api_url, "oke dankjewel, doei", conversation)
    assert goodbye["messages"] and goodbye["state"] == "bot"


def test_asking_for_a_person_requests_a_handoff(api_url: str) -> None:
    reply = say(api_url, "ik wil graag met een echt mens praten")
    assert reply["state"] == "requested"
    assert "mantelzorgmakelaar" in texts(reply)
    assert {"handoff": {"reason": "user_request"}} in [m["custom"] for m in reply["messages"]]


def test_gibberish_gets_the_offer_of_a_person(api_url: str) -> None:
    reply = say(api_url, "qwrtzp xkcd vbnm")
    payloads = [b["payload"] for m in reply["messages"] for b in m["buttons"]]
    assert "/request_human" in payloads


def test_english_gets_a_dutch_only_answer_with_a_person(api_url: str) -> None:
    reply = say(api_url, "hello, can you help me with my personal budget in english please")
    assert "only available in Dutch" in texts(reply)


def test_the_suitability_check_with_buttons_free_text_and_back(api_url: str) -> None:
    start = say(api_url, "is een pgb iets voor mij?")
    conversation = start["conversation_id"]
    assert "Wie betaalt uw zorg" in texts(start)

    assert "indicatie" in texts(say(api_url, "/say_dont_know", conversation))
    care = say(api_url, '/inform{"assessor":"ciz"}', conversation)
    assert "Welke zorg is er nodig" in texts(care)
    giver = say(api_url, '/inform{"care_function":"persoonlijke_verzorging"}', conversation)
    assert "Wie gaat de zorg geven" in texts(giver)
    back = say(api_url, "terug", conversation)
    assert "Welke zorg is er nodig" in texts(back)
    say(api_url, '/inform{"care_function":"persoonlijke_verzorging"}', conversation)
    duties = say(api_url, '/inform{"care_giver":"netwerk"}', conversation)
    assert "Wie gaat dat doen" in texts(duties)
    reasons = say(api_url, '/inform{"administrator":"niemand"}', conversation)
    assert "Waarom wilt u een pgb" in texts(reasons)

    advice = say(api_url, '/inform{"pgb_reason":"waiting_list"}', conversation)
    assert "Mijn advies" in texts(advice)
    assert "Let op" in texts(advice)
    assert "Bron:" in texts(advice)
    payloads = [b["payload"] for m in advice["messages"] for b in m["buttons"]]
    assert "/request_human" in payloads


def test_stop_ends_a_check(api_url: str) -> None:
    start = say(api_url, "ik wil weten of een pgb bij mij past")
    stopped = say(api_url, "stop", start["conversation_id"])
    assert "ik stop met de vragen" in texts(stopped)


def test_a_spending_question_that_depends_on_the_law(api_url: str) -> None:
    sport = say(api_url, "mag ik de sportschool betalen van mijn pgb?")
    assert "mag niet" in texts(sport)

    stay = say(api_url, "kan ik logeeropvang betalen met het pgb", sport["conversation_id"])
    assert "hangt ervan af" in texts(stay)
    law_buttons = [b["payload"] for m in stay["messages"] for b in m["buttons"]]
    assert '/inform{"law":"wlz"}' in law_buttons
    answer = say(api_url, '/inform{"law":"wlz"}', sport["conversation_id"])
    assert "logeeropvang" in texts(answer).lower()


def test_the_benefit_check(api_url: str) -> None:
    start = say(api_url, "wat betekent het voor mijn uitkering als ik betaald word uit een pgb")
    conversation = start["conversation_id"]
    assert "uitkering" in texts(start)
    say(api_url, '/inform{"benefit":"bijstand"}', conversation)
    say(api_url, '/inform{"allowance":"zorgtoeslag"}', conversation)
    say(api_url, "/deny", conversation)
    overview = say(api_url, '/inform{"law":"wmo"}', conversation)
    assert "bijstand" in texts(overview).lower()
    assert "Vraag het na bij" in texts(overview)
