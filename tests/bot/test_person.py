"""The situations in which a person takes over after the answer (bot/person.py, bot/person.yml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.components.situations import NONE, bank
from bot.person import SITUATIONS as SITUATIONS_FILE
from bot.person import in_context, reason_for_a_person

ROOT = Path(__file__).resolve().parents[2]

# Written for these tests in the way people write, not taken from the evaluation sets.
SITUATIONS = [
    ("hoeveel word ik dan gekort op mijn bijstand per maand", "calculation"),
    ("kunt u uitrekenen wat ik netto overhoud als ik wajong heb", "calculation"),
    ("wat is de kostendelersnorm als mijn vader bij ons komt wonen", "calculation"),
    ("ik heb bijstand en ga bij mijn moeder intrekken om voor haar te zorgen", "calculation"),
    ("ik heb bijstand. als ik mijn oom help met zijn pgb word ik dan gekort", "calculation"),
    ("ik zit in de bijstand en ga bij hem wonen om hem te verzorgen", "calculation"),
    ("hoeveel mag ik mijn dochter per uur betalen uit het wlz pgb", "amount_unknown"),
    ("ik snap er niks meer van, je geeft steeds een ander antwoord", "frustrated"),
    ("de svb wil 3000 euro terugvorderen, wat nu", "reclaim"),
    ("ik moet de zorgtoeslag terugbetalen zeggen ze", "reclaim"),
    ("mag ik mijn zorgverlener ontslaan als ze al maanden ziek is", "employment"),
    ("we hebben ruzie met onze zorgverlener over de uren", "employment"),
    ("ik ben zijn moeder, kan ik betaald worden uit het jeugdwet pgb van mijn zoon", "family_pay"),
    ("de gemeente geeft mijn zus alleen het minimumloon, dat is toch oneerlijk", "family_pay"),
    ("wij willen met een paar ouders een wooninitiatief starten met pgb", "complex_case"),
    ("mijn broer heeft een bewindvoerder, wie regelt het pgb dan", "representation"),
    ("ik ben zijn vertegenwoordiger, mag ik ook betaald worden uit zijn pgb?", "representation"),
    ("mijn bsn is [BSN], kunt u kijken hoe het zit", "documents"),
    ("kun je de zorgovereenkomst voor mij invullen en opsturen", "documents"),
    ("ik kan je de beschikking sturen met mijn bsn erop", "documents"),
    ("ik wil stoppen met mijn werk om voor mijn moeder te zorgen, is dat slim", "job_change"),
    ("mijn broer zegt stop gewoon met werken en laat je betalen", "job_change"),
    ("als ik ontslag neem om voor mijn vader te zorgen, krijg ik dan ww", "job_change"),
    ("ik wil graag hulp van een mantelzorgmakelaar bij de aanvraag, wat kost dat", "user_request"),
    ("ik zou wel een mantelzorgmakelaar willen spreken over mijn moeder", "user_request"),
    ("hoeveel gaat de gemeente van mijn bijstand afhalen", "calculation"),
    ("wat blijft er dan nog over van mijn wajong", "calculation"),
    ("krijgen we dan nog huurtoeslag met 1400 euro per maand", "calculation"),
    ("mijn zoon is mijn zorgverlener en woont hier, is hij nu mijn toeslagpartner", "calculation"),
    ("de svb doet een steekproef en wil alle urenbriefjes zien", "reclaim"),
    ("mag ik als stiefmoeder betaald worden uit het jeugdwet pgb", "family_pay"),
    ("mag ik zelf uren declareren uit haar pgb, ik ben moeder van mijn dochtertje", "family_pay"),
    ("wat is het uurtarief voor familie in de wlz voor 2026", "amount_unknown"),
    ("wordt de eigen bijdrage volgend jaar hoger", "amount_unknown"),
    ("ik regel alles voor mijn oom met een volmacht", "representation"),
    ("kun je mijn brief even nakijken", "documents"),
    ("hierbij een foto van de beschikking", "documents"),
    ("je snapt het echt niet he", "frustrated"),
    ("mijn vader gaat definitief naar het verpleeghuis, wat nu met het pgb", "life_event"),
    ("het pgb is verlaagd naar 6 uur, hoe pas ik de overeenkomst aan", "complex_case"),
    ("ik wil bezwaar maken, hoe doe ik dat", "complex_case"),
    ("de begeleiding gaat van 6 naar 3 uur per week, wat kan ik doen", "complex_case"),
    ("we hebben een wlz pgb en krijgen ook hulp via de wmo, kan dat tegelijk", "complex_case"),
    ("de cak rekent 350 euro eigen bijdrage per maand, klopt dat", "calculation"),
    ("mijn oud-hulp stapt naar een advocaat", "employment"),
    ("we zijn pleegouders, mogen we betaald worden uit het budget van ons pleegkind", "family_pay"),
    ("mijn vader kan het pgb niet meer zelf doen, wie kan dat overnemen", "representation"),
    ("kun je de ziekmelding voor mij bij de svb doen", "documents"),
    ("wat een nutteloze bot", "frustrated"),
    ("ik zit in de bijstand en mijn oom wil me betalen uit zijn pgb", "calculation"),
    ("ik heb aio, mag mijn buurvrouw mij een vergoeding geven uit haar pgb", "calculation"),
    ("hoeveel halen ze er dan af van mijn wajong", "calculation"),
    ("mag ik bezwaar maken tegen die beslissing", "complex_case"),
    ("ze is al 3 maanden ziek en heeft een arbeidsovereenkomst bij ons", "employment"),
]
ENOUGH = [
    "hoe vraag ik een pgb aan",
    "kunt u mij uitleggen hoe ik een pgb kan aanvragen",
    "hoeveel uur mag mijn dochter werken naast haar studie",
    "hoeveel krijg ik per uur als mantelzorger",
    "ik heb bijstand, telt het pgb geld als inkomen",
    "wat is een vertegenwoordiger",
    "moet ik de zorgovereenkomst opsturen naar de svb?",
    "hoe lang duurt het voordat de svb betaalt",
    "mijn zoon heeft een jeugdwet pgb, wat mag ik ermee kopen",
    "de gemeente wil mij nog geen beschikking geven",
    "hoe hoog is de eigen bijdrage voor de wmo",
    "wat is bezwaar maken eigenlijk",
    "mijn moeder gaat een week logeren, wat gebeurt er met het pgb",
    "mijn zorgverlener wil minder uren werken",
    "mag ik mijn dochter betalen uit het wlz pgb",
    "wat is het verschil tussen een wlz en een wmo pgb",
    "kun je uitleggen wat er in een zorgovereenkomst staat",
    "kan ik mijn declaratie uploaden in het portaal",
    "ik stuur de svb een kopie van de beschikking, is dat goed",
    "mijn moeder heeft bijstand en nu ook een pgb, wordt haar bijstand lager?",
    "ik heb bijstand en zorg 20 uur per week voor mijn broer, moet ik nog solliciteren",
    "mijn zorgverlener is 2 weken ziek geweest, moet ik iets melden",
    "wie betaalt een mantelzorgmakelaar",
    "ik wil weten wat een mantelzorgmakelaar doet",
]


@pytest.mark.parametrize(("text", "reason"), SITUATIONS)
def test_a_situation_for_a_person_is_recognised(text: str, reason: str) -> None:
    assert reason_for_a_person(text, "start_benefit_check", []) == reason


@pytest.mark.parametrize("text", ENOUGH)
def test_an_ordinary_question_is_only_answered(text: str) -> None:
    assert reason_for_a_person(text, "faq_how_to_apply", []) is None


def test_the_topic_of_the_question_decides_first() -> None:
    assert reason_for_a_person("wat moet ik regelen", "faq_death_budget_holder", []) == "life_event"
    assert reason_for_a_person("wat moet ik regelen", "faq_how_to_apply", []) is None


@pytest.mark.parametrize(
    ("text", "benefits"),
    [
        ("hoeveel gaat er dan af", ["ww"]),
        ("word ik dan gekort?", ["wajong"]),
        ("en als ik bij haar ga wonen", ["bijstand"]),
        ("en hoeveel gaat er af", ["wao_wia"]),
    ],
)
def test_a_short_follow_up_after_a_benefit_answer_is_read_with_its_benefits(
    text: str, benefits: list[str]
) -> None:
    assert reason_for_a_person(text, "affirm", []) is None
    after = in_context(text, "benefits", benefits)
    assert reason_for_a_person(after, "affirm", []) == "calculation"
    assert in_context(text, "informal_pay", benefits) == text


@pytest.mark.parametrize(
    "text", ["hoeveel is dat dan per uur", "en hoe hoog is dat", "hoeveel krijg ik dan"]
)
def test_an_amount_asked_right_after_the_informal_pay_answer_needs_a_person(text: str) -> None:
    # Written for this test in the way people write. The informal tariff is the gemeente's
    # under the Wmo and not verified for the Wlz and Zvw (fact base 4.6, situation 11).
    assert reason_for_a_person(text, "faq_informal_care_pay", []) is None
    after = in_context(text, "faq_informal_care_pay", [])
    assert reason_for_a_person(after, "faq_informal_care_pay", []) == "amount_unknown"
    assert reason_for_a_person(in_context(text, "faq_declare_hours", []), None, []) is None


def test_asking_the_informal_tariff_itself_needs_a_person() -> None:
    text = "hoeveel is het informele tarief bij de wlz eigenlijk"
    assert reason_for_a_person(text, "faq_informal_care_pay", []) == "amount_unknown"


def test_representation_when_the_budget_holder_can_no_longer_manage() -> None:
    # Written for this test in the way people write (fact base situation 12).
    assert reason_for_a_person("ze kan dat zelf niet meer, ze heeft dementie", None, []) == (
        "representation"
    )
    assert reason_for_a_person("mijn zoon wordt volgende maand 18", "faq_child_turns_18", []) == (
        "representation"
    )
    # Not every "niet meer": a caregiver who stops coming is no question of representation.
    assert reason_for_a_person("ze kan niet meer komen, ze heeft een nieuwe baan", None, []) is None


def test_the_wmo_contribution_of_a_household_is_answered_without_a_person() -> None:
    # Written for this test in the way people write. The Wmo rate is one fixed amount (5.4);
    # the Wlz contribution depends on the household's income (situation 4).
    wmo = "mijn vader is 81 en heeft wmo begeleiding. hoeveel eigen bijdrage moet hij betalen"
    wlz = "mijn vader is 81 en heeft een wlz pgb. hoeveel eigen bijdrage moet hij betalen"
    assert reason_for_a_person(wmo, "faq_eigen_bijdrage", []) is None
    assert reason_for_a_person(wlz, "faq_eigen_bijdrage", []) == "calculation"


def test_a_long_admission_is_a_life_event() -> None:
    # Written for this test in the way people write (fact base 6.4 and situation 8).
    long = "mijn man is opgenomen in de kliniek, het gaat zeker drie maanden duren"
    assert reason_for_a_person(long, None, []) == "life_event"
    short = "mijn man is een week opgenomen in het ziekenhuis, loopt het pgb door?"
    assert reason_for_a_person(short, None, []) is None


def test_whether_the_aow_is_cut_is_answered_without_a_person() -> None:
    # Pgb pay does not lower the AOW: the answer says so, nobody has to calculate.
    after = in_context("word ik dan gekort", "benefits", ["aow"])
    assert reason_for_a_person(after, None, []) is None


def test_a_long_message_after_a_benefit_answer_is_read_alone() -> None:
    story = "mijn moeder is 80 en ik help haar elke dag met wassen en eten koken, " * 2
    assert in_context(story, "benefits", ["ww"]) == story


def test_grief_and_exhaustion_from_the_safety_net() -> None:
    grief = [{"entity": "feeling", "value": "grief"}]
    tired = [{"entity": "feeling", "value": "exhaustion"}]
    assert reason_for_a_person("ik weet niet wat ik moet", None, grief) == "life_event"
    assert reason_for_a_person("hoe kom ik van de administratie af", None, tired) == "exhaustion"
    assert reason_for_a_person("hoe kom ik van de administratie af", None, []) is None


def test_every_reason_has_its_sentence_and_every_topic_its_answer() -> None:
    """A reason without utter_person_<reason> would hand over without saying why; a topic that
    is not an answer of bot/knowledge/answers.yaml would never match."""
    domain = yaml.safe_load((ROOT / "bot/domain/handoff.yml").read_text(encoding="utf-8"))
    assert {f"utter_person_{r}" for r in _reasons()} <= set(domain["responses"])
    raw = yaml.safe_load(SITUATIONS_FILE.read_text(encoding="utf-8"))
    answers = yaml.safe_load((ROOT / "bot/knowledge/answers.yaml").read_text(encoding="utf-8"))
    assert set(raw["topics"]) <= {record["id"] for record in answers["records"]}


def test_the_advisor_sees_every_reason_in_words() -> None:
    """The console's queue and the insight report name each reason in Dutch, not as a key."""
    console = (ROOT / "api/console/static/console.js").read_text(encoding="utf-8")
    insight = yaml.safe_load((ROOT / "api/texts.yml").read_text(encoding="utf-8"))
    for reason in _reasons():
        assert f"    {reason}: " in console, reason
        assert reason in insight["insight"]["reasons"], reason


def test_a_situation_read_by_meaning_is_a_reason() -> None:
    situation = [{"entity": "situation", "value": "doubt"}, {"entity": "feeling", "value": "grief"}]
    assert reason_for_a_person("ik weet het niet meer", None, situation) == "doubt"
    assert reason_for_a_person("hoeveel word ik gekort op mijn bijstand", None, situation) == (
        "calculation"
    )


def test_a_situation_read_by_meaning_does_not_count_for_another_subject() -> None:
    """ "kunt u een sollicitatiebrief voor mij schrijven" is out of scope, not a document to
    send; a phrase still counts there."""
    situation = [{"entity": "situation", "value": "documents"}]
    assert reason_for_a_person("schrijf een brief voor mij", "out_of_scope", situation) is None
    assert reason_for_a_person("mijn bsn is [BSN]", "out_of_scope", situation) == "documents"


def _reasons() -> set[str]:
    """Every reason of bot/person.yml and every label of the situation detector's bank."""
    raw = yaml.safe_load(SITUATIONS_FILE.read_text(encoding="utf-8"))
    labels = set(bank()) - {NONE}
    return {*raw["phrases"], *raw["topics"].values(), *raw["feelings"].values(), *labels}


@pytest.mark.parametrize("text", ["hoeveel is dat dan", "hoeveel gaat die dan ongeveer omhoog?"])
def test_an_amount_asked_right_after_the_wlz_contribution_answer_needs_a_person(text: str) -> None:
    # Written for this test. The Wlz contribution depends on the household's income and assets
    # (the CAK calculates it, situation 4); the Wmo's is one fixed rate the answer gives.
    topic = "faq_eigen_bijdrage"

    def slots(topic: str, law: str | None) -> Callable[[str], str | None]:
        return {"topic": topic, "law": law}.get

    assert reason_for_a_person(text, topic, [], slots(topic, "wlz")) == "calculation"
    assert reason_for_a_person(text, topic, [], slots(topic, "wmo")) is None
    assert reason_for_a_person(text, topic, [], slots(topic, None)) is None
    assert reason_for_a_person(text, None, [], slots("faq_declare_hours", "wlz")) is None
    # Asked on its own, the answer's rekenhulp is enough.
    assert reason_for_a_person("hoeveel is de eigen bijdrage wlz", topic, []) is None
