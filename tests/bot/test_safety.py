"""The safety net (bot/components/safety.py): despair, grief and exhaustion in any message."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.despair import DespairDetector, pieces
from bot.components.safety import SafetyNet, feelings

DESPAIR = [
    "ik heb ms en zie het leven echt niet meer zitten",
    "mijn leven zie ik eigenlijk niet meer zitten",
    "ik zie geen uitweg meer met al die zorg",
    "ik ben levensmoe",
    "het hoeft voor mij allemaal niet meer.",
    "soms wil ik mijn leven beeindigen",
    "ik wou dat ik er niet meer was",
    "was ik maar dood",
    "ik denk erover een punt achter mijn leven te zetten",
    "ik wil een einde aan alles maken",
    "ik heb geen reden meer om te leven",
    "ik ben al pillen aan het sparen",
    "soms wil ik gewoon verdwijnen",
    "ik wil niet meer leven",
    "soms denk ik aan zelfmoord",
    "Suïcidale gedachten heb ik ook wel eens",
    "ik wil er een eind aan maken",
    "ik zie het niet meer zitten en ik weet niet of ik nog wil",
    "mijn moeder heeft alzheimer, ik doe alles alleen. soms wil ik gewoon dood. "
    "mag mijn zus betaald worden",
    "ik denk erover om mezelf iets aan te doen",
    "ik wil er niet meer zijn",
    "ik hoop dat ik niet meer wakker word",
    # Without "ik", as people type: tuning set T108 (issue 16).
    "ik kan niet meer. zorg alleen voor mn zoon. pgb is gestopt, geen geld. wil er niet meer zijn",
    "soms wil ik er gewoon niet meer zijn",
    "alles is op. wil niet meer.",
    "ik hoef er niet meer te zijn voor mij",
]
GRIEF = [
    "mijn vader is vorige week overleden, wat moet ik met het pgb",
    "mijn man overleed in maart",
    "sinds het overlijden van mijn moeder weet ik niet wat ik moet doen",
]
EXHAUSTION = [
    "ik kan niet meer",
    "ik ben op. mag ik respijtzorg betalen uit het pgb",
    "ik zit er helemaal doorheen",
    "ik denk dat ik een burn-out heb van het zorgen",
]
NEITHER = [
    "wat gebeurt er met het pgb als de budgethouder overlijdt",
    "ik ben op zoek naar een zorgverlener",
    "ik kan niet meer werken door de zorg, krijg ik dan ww",
    "mijn moeder wil niet meer naar de dagbesteding",
    "de thuiszorg wil er niet meer zijn op zondag",
    "mag ik een uitvaartverzekering betalen uit het pgb",
    "wat is een pgb",
]


DANGER = [
    "mijn man zakte net in elkaar en is niet meer aanspreekbaar",
    "haar gezicht hangt ineens scheef, moet ik de huisarts bellen",
    "vader krijgt bijna geen lucht meer en de thuiszorg komt pas om 6 uur",
    "ik denk dat de hulp mijn moeder mishandelt, ze heeft blauwe plekken",
    "mijn broer slaat haar als hij gedronken heeft",
    "de zorgverlener neemt geld van haar rekening zonder haar toestemming",
    "ik vermoed financieel misbruik door de buurman die haar pgb regelt",
    "oma wordt verwaarloosd door de mensen die we uit het pgb betalen",
    "opa praat ineens raar en zijn mond hangt naar een kant",
    "hij is erg benauwd en heeft blauwe lippen",
    "ik was zo moe dat ik mijn dochter bijna sloeg",
    "de buurvrouw durft er niks van te zeggen als hij geld pakt",
    "de bewindvoerder laat zichzelf elke maand extra uitbetalen uit haar pgb",
    "hij loopt al weken in dezelfde kleren en niemand wast hem",
]
# Near the danger words, but a question about the pgb.
NOT_DANGER = [
    "de svb reageert niet op mijn mail, wat nu",
    "dat slaat nergens op, de gemeente zegt eerst iets anders",
    "de gemeente zegt dat er een vermoeden van misbruik van het pgb is, wat moet ik doen",
    "mijn zorgverlener is gevallen en heeft haar pols gebroken, wie betaalt de vervanging",
    "de gemeente dwingt ons om zorg in natura te nemen",
    "mijn moeder met dementie praat wartaal, kan ik meer uren krijgen",
    "mijn man met copd is erg benauwd s nachts, kan ik nachtzorg inkopen",
    "ik ben bang dat ik iets verkeerd doe met de declaratie",
    "mag een vertegenwoordiger zichzelf uitbetalen uit het pgb",
    "onze zoon met autisme wil elke dag dezelfde kleren aan, valt dat onder begeleiding",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_is_recognised(text: str) -> None:
    assert "danger" in feelings(text)


@pytest.mark.parametrize("text", NOT_DANGER)
def test_a_pgb_question_near_the_danger_words_is_not_danger(text: str) -> None:
    assert "danger" not in feelings(text)


@pytest.mark.parametrize("text", DESPAIR)
def test_despair_is_recognised(text: str) -> None:
    assert "despair" in feelings(text)


@pytest.mark.parametrize("text", GRIEF)
def test_grief_is_recognised(text: str) -> None:
    assert feelings(text) == ["grief"]


@pytest.mark.parametrize("text", EXHAUSTION)
def test_exhaustion_is_recognised(text: str) -> None:
    assert feelings(text) == ["exhaustion"]


@pytest.mark.parametrize("text", NEITHER)
def test_ordinary_questions_are_left_alone(text: str) -> None:
    assert feelings(text) == []


def test_despair_overrides_the_intent_and_grief_adds_an_entity() -> None:
    despair = Message(
        data={"text": DESPAIR[5], "intent": {"name": "ask_spending", "confidence": 0.9}}
    )
    grief = Message(data={"text": GRIEF[0], "intent": {"name": "faq", "confidence": 0.8}})
    payload = Message(data={"text": '/inform{"law":"wlz"}', "intent": {"name": "inform"}})
    SafetyNet().process([despair, grief, payload])
    assert despair.get("intent") == {"name": "express_distress", "confidence": 1.0}
    assert despair.get("intent_ranking")[0]["name"] == "express_distress"
    assert grief.get("intent")["name"] == "faq"
    assert {"entity": "feeling", "value": "grief", "extractor": "SafetyNet"} in grief.get(
        "entities"
    )
    assert payload.get("intent") == {"name": "inform"}


@pytest.mark.parametrize(
    "text",
    [
        "soms denk ik dat iedereen beter af zou zijn zonder mij. ik wil eigenlijk gewoon niet meer",
        "ik wil niet meer verder",
    ],
)
def test_indirect_despair_is_recognised(text: str) -> None:
    assert "despair" in feelings(text)


def test_a_death_with_a_day_named_is_grief() -> None:
    assert feelings("mijn moeder is zondag overleden, wat nu met de svb") == ["grief"]


def test_a_death_with_a_time_of_several_words_is_grief() -> None:
    assert feelings("mijn schoonvader is in de zomer overleden") == ["grief"]
    # A death that has not happened is not grief.
    assert feelings("wat moet ik regelen als mijn vader overlijdt") == []


def test_danger_becomes_report_danger_and_despair_wins_over_it() -> None:
    danger = Message(data={"text": DANGER[0], "intent": {"name": "faq_x", "confidence": 0.9}})
    both = Message(
        data={"text": f"{DANGER[3]}. {DESPAIR[0]}", "intent": {"name": "faq_x", "confidence": 0.9}}
    )
    SafetyNet().process([danger, both])
    assert danger.get("intent") == {"name": "report_danger", "confidence": 1.0}
    assert both.get("intent")["name"] == "express_distress"


# Written for the phrases added on 2026-12-06 (not copied from tests/evaluation).
@pytest.mark.parametrize(
    "text",
    [
        "ik heb aan sucide gedacht",
        "mijn vriend zegt dat hij er een einde aan gaat maken",
        "hij hoopt dat hij morgen niet meer wakker wordt",
        "niemand zal me missen",
        "ik snap niet waarom ik hier nog ben",
        "ik wil niet meer bestaan",
        "mijn dochter snijdt zichzelf al maanden",
        "ik spaar mijn pillen op",
        "ik ben alleen maar een last voor iedereen",
        "mijn opa is klaar met het leven",
        "ik stond op de brug en wilde springen",
        "ik heb mijn besluit genomen en ik heb er vrede mee. wie moet ik bellen voor het pgb",
    ],
)
def test_more_ways_of_writing_despair_are_recognised(text: str) -> None:
    assert "despair" in feelings(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik wil een einde maken aan de zorgovereenkomst",
        "wanneer stopt het pgb als de budgethouder overlijdt",
        "ik ben het zat met de svb, ik wacht al weken op mijn geld",
        "mijn moeder wil niet meer naar de dagbesteding",
        "mag ik een dagje uit met de begeleider betalen uit het pgb",
        "ik heb mijn besluit genomen: we kiezen voor een pgb",
        "ik heb er vrede mee dat het besluit van de gemeente zo is",
    ],
)
def test_practical_messages_with_those_words_are_not_despair(text: str) -> None:
    assert "despair" not in feelings(text)


def test_a_death_after_an_emergency_is_grief_not_danger() -> None:
    text = "mijn vader is vorige week overleden, een hartstilstand. moet ik de svb bellen?"
    message = Message(data={"text": text, "intent": {"name": "faq_x", "confidence": 0.9}})
    SafetyNet().process([message])
    assert message.get("intent")["name"] == "faq_x"
    assert {"entity": "feeling", "value": "grief", "extractor": "SafetyNet"} in message.get(
        "entities"
    )


def test_the_detector_finds_despair_by_meaning_in_a_piece_of_a_story() -> None:
    # Two directions stand for despair and for anything else; the embedding is a stand-in
    # that puts a text on one of them by a word in it.
    despair_way, other_way = np.eye(2, 384, dtype=np.float32)
    rows = {"donker": despair_way, "licht": other_way}

    def embed(texts: list[str]) -> np.ndarray:
        return np.stack([next(v for k, v in rows.items() if k in t) for t in texts])

    detector = DespairDetector.fit(embed(["donker"] * 5), embed(["licht"] * 5))
    story = "het pgb is licht geregeld. maar alles voelt donker. kan de svb licht bellen?"
    assert detector.despair_in(story, embed)
    assert not detector.despair_in("alles licht. kan de svb licht bellen?", embed)
    assert np.allclose(DespairDetector.from_dict(detector.to_dict()).weights, detector.weights)


def test_a_long_sentence_is_read_in_windows() -> None:
    long = " ".join(f"woord{i}" for i in range(30))
    found = pieces(f"korte zin. {long}")
    assert found[0] == "korte zin."
    assert all(len(p.split()) <= 12 for p in found[1:])
    assert "woord29" in found[-1] and len(found) >= 4
