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
from api.nlu_text import nlu_text
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
