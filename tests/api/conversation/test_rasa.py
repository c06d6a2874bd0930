"""The Rasa client and the text cleaning on the way in and out: trailing punctuation is not
sent to the NLU, only offered payloads are payloads, and the handoff control payload is the
api's, not a message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.conversation.rasa import (
    HandoffRequest,
    RasaClient,
    RasaUnavailable,
    bot_text,
    plain_text,
    read_replies,
)
from api.conversation.replicas import ranked
from api.nlu_text import nlu_text
from tests.support.stack import free_port
from tests.support.stub_rasa import SECRET, StubRasa


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is een pgb iets voor mij?", "is een pgb iets voor mij"),
        ("wat is een pgb ???", "wat is een pgb"),
        ("mag dat?!", "mag dat"),
        ("ik weet het niet...", "ik weet het niet"),
        ("mag ik in 2026 €21,80 betalen? ja", "mag ik in 2026 €21,80 betalen? ja"),
        ('/inform{"law":"wlz"}', '/inform{"law":"wlz"}'),
        ("?", "?"),
    ],
)
def test_nlu_text(text: str, expected: str) -> None:
    assert nlu_text(text) == expected


# Reading the bot's replies: what the widget shows, and the handoff the bot asks for.


def test_the_handoff_control_payload_is_taken_out_of_the_replies() -> None:
    answers = {"situation": "mantelzorger"}
    messages, handoff = read_replies(
        [
            {"recipient_id": "x", "text": "Ik zoek iemand voor u."},
            {
                "recipient_id": "x",
                "custom": {"handoff": {"reason": "distress", "answers": answers}},
            },
        ]
    )
    assert [m.text for m in messages] == ["Ik zoek iemand voor u."]
    assert handoff == HandoffRequest("distress", answers)


def test_other_custom_payloads_stay_and_a_bad_handoff_gets_defaults() -> None:
    messages, handoff = read_replies(
        [
            {"custom": {"handoff": {"answers": "not a dict"}, "callback_form": True}},
            {"text": "", "buttons": [{"title": "Ja", "payload": "/affirm"}, "no button"]},
            {"text": None},
        ]
    )
    assert [(m.custom, [b.payload for b in m.buttons]) for m in messages] == [
        ({"callback_form": True}, []),
        (None, ["/affirm"]),
    ]
    assert handoff == HandoffRequest("user_request", {})


def test_only_an_offered_payload_reaches_the_bot_as_a_payload() -> None:
    assert bot_text("/affirm", {"/affirm"}) == "/affirm"
    assert bot_text("/request_human", set()) == "/request_human"
    assert bot_text("/inform{}", {"/affirm"}) == "inform{}"
    assert plain_text("  / /") == ""


# The client, against the stand-in Rasa over real HTTP.


@pytest.fixture
def stub() -> Iterator[StubRasa]:
    rasa = StubRasa()
    yield rasa
    rasa.close()


def test_one_call_brings_the_replies_and_what_was_understood(stub: StubRasa) -> None:
    stub.intent = {"name": "ask_what_is_pgb", "confidence": 0.91}
    client = RasaClient(stub.url, SECRET, 5)
    raw, understood = client.send("c" * 32, "wat is een pgb")
    client.close()
    assert raw == [{"recipient_id": "x", "text": "echo: wat is een pgb"}]
    assert (understood.intent, understood.confidence) == ("ask_what_is_pgb", 0.91)
    assert len(stub.received) == 1


@pytest.mark.parametrize(
    "reply",
    [lambda _text: [], lambda _text: {"messages": "nope"}, lambda _text: "no json object"],
    ids=["empty", "malformed", "not an object"],
)
def test_every_failed_turn_is_rasa_unavailable(stub: StubRasa, reply: object) -> None:
    stub.reply = reply  # type: ignore[assignment]
    client = RasaClient(stub.url, SECRET, 5)
    with pytest.raises(RasaUnavailable):
        client.send("c" * 32, "hallo")
    client.close()


def test_a_wrong_secret_or_no_server_is_rasa_unavailable(stub: StubRasa) -> None:
    wrong = RasaClient(stub.url, "wrong-secret", 5)
    with pytest.raises(RasaUnavailable):
        wrong.send("c" * 32, "hallo")
    assert wrong.is_ready()  # readiness needs no secret
    wrong.close()
    gone = RasaClient("http://127.0.0.1:9", SECRET, 1)
    with pytest.raises(RasaUnavailable):
        gone.send("c" * 32, "hallo")
    assert not gone.is_ready()
    gone.close()


# Several replicas: the conversation's own, and the next only when the connection is refused.


def refused_url() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there


def conversation_homed_on(replica: str, replicas: list[str]) -> str:
    """A conversation id whose own replica (first in its rendezvous order) is `replica`."""
    return next(c for n in range(1000) if ranked(c := f"{n:032x}", replicas)[0] == replica)


@pytest.fixture
def second() -> Iterator[StubRasa]:
    rasa = StubRasa()
    yield rasa
    rasa.close()


def test_each_conversation_goes_to_its_own_replica(stub: StubRasa, second: StubRasa) -> None:
    replicas = [stub.url, second.url]
    client = RasaClient(replicas, SECRET, 5)
    ids = [f"{n:032x}" for n in range(20)]
    for conversation_id in ids * 2:
        client.send(conversation_id, "hallo")
    client.close()
    for rasa in (stub, second):
        expected = [c for c in ids * 2 if ranked(c, replicas)[0] == rasa.url]
        assert rasa.senders() == expected
    assert stub.received and second.received


def test_a_refused_connection_fails_over_to_the_next_replica(stub: StubRasa) -> None:
    replicas = [refused_url(), stub.url]
    conversation_id = conversation_homed_on(replicas[0], replicas)
    client = RasaClient(replicas, SECRET, 5)
    raw, _ = client.send(conversation_id, "hallo")
    client.close()
    assert raw == [{"recipient_id": "x", "text": "echo: hallo"}]
    assert stub.senders() == [conversation_id]


def test_every_replica_refusing_is_rasa_unavailable() -> None:
    client = RasaClient([refused_url(), refused_url()], SECRET, 5)
    with pytest.raises(RasaUnavailable):
        client.send("c" * 32, "hallo")
    client.close()


@pytest.mark.parametrize("failure", ["timeout", "5xx", "empty"])
def test_a_replica_that_took_the_turn_is_never_asked_again_elsewhere(
    stub: StubRasa, second: StubRasa, failure: str
) -> None:
    """The message may already be in that replica's tracker: a retry would store it twice."""
    replicas = [stub.url, second.url]
    conversation_id = conversation_homed_on(stub.url, replicas)
    if failure == "timeout":
        stub.delay_s = 2
    elif failure == "5xx":
        stub.status = 500
    else:
        stub.reply = lambda _text: []
    client = RasaClient(replicas, SECRET, 0.5)
    with pytest.raises(RasaUnavailable):
        client.send(conversation_id, "hallo")
    client.close()
    assert stub.senders() == [conversation_id]
    assert second.received == []


def test_readiness_of_every_replica(stub: StubRasa) -> None:
    gone = refused_url()
    client = RasaClient([stub.url, gone], SECRET, 5)
    assert client.readiness() == {stub.url: True, gone: False}
    assert client.is_ready()
    client.close()
