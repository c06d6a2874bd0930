"""Follow-ups read with the message before them (bot/understanding.py), against a table of
parses per text (tests/bot/parse_table.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot import understanding
from bot.follow_ups import is_conditional
from bot.questions import question_part
from tests.bot.parse_table import Table, parse, parse_after, ranked, tracker_after


def test_a_follow_up_is_read_with_the_previous_message() -> None:
    before = "mijn moeder gaat 4 maanden naar turkije, loopt het pgb door?"
    table = Table(
        {
            "en als ze maar 2 maanden gaat?": ranked(("out_of_scope", 0.4), ("inform", 0.3)),
            f"{before} en als ze maar 2 maanden gaat?": ranked(
                ("faq_care_abroad", 0.7), ("x", 0.1)
            ),
        }
    )
    result = parse(table, "en als ze maar 2 maanden gaat?", previous=before)
    assert result["intent"]["name"] == "faq_care_abroad"
    assert result["understood_by"] == "follow_up"
    # The entities stay those of the message itself.
    assert result["entities"] == []


def test_a_follow_up_is_not_steering_a_check() -> None:
    before = "hoeveel vakantiedagen heeft mijn hulp met 5 dagen per week"
    text = "en als ze maar 2 dagen zou werken"
    table = Table(
        {
            text: ranked(("stop_flow", 0.34), ("inform", 0.07)),
            f"{before} {text}": ranked(("faq_caregiver_holiday", 0.8)),
        }
    )
    assert parse(table, text, previous=before)["intent"]["name"] == "faq_caregiver_holiday"
    table = Table({"stop maar": ranked(("stop_flow", 0.9))})
    assert parse(table, "stop maar", previous=before)["intent"]["name"] == "stop_flow"


def test_no_follow_up_without_a_previous_message_or_for_a_plain_no() -> None:
    table = Table({"en als ze maar 2 maanden gaat?": ranked(("out_of_scope", 0.4))})
    assert parse(table, "en als ze maar 2 maanden gaat?")["intent"]["name"] == "out_of_scope"
    table = Table({"nee": ranked(("deny", 0.9))})
    assert parse(table, "nee", previous="wat is een pgb")["intent"]["name"] == "deny"
    assert table.asked == ["nee"]


def test_a_detail_with_a_benefit_is_left_to_the_follow_up_action() -> None:
    detail = ranked(("inform", 0.8))
    detail["entities"] = [{"entity": "benefit", "value": "wajong"}]
    table = Table({"en als ik wajong heb?": detail})
    assert parse(table, "en als ik wajong heb?", previous="telt pgb als inkomen?") is detail


def test_a_statement_the_pipeline_could_not_place_is_read_with_the_previous_message() -> None:
    before = "ik heb huurtoeslag, telt het pgb van mijn dochter als inkomen"
    text = "ik word er zelf ook uit betaald, 10 uur per week"
    table = Table(
        {
            text: ranked((understanding.FALLBACK, 1.0), ("faq_declare_hours", 0.22)),
            f"{before} {text}": ranked(("start_benefit_check", 0.7), ("x", 0.1)),
        }
    )
    assert parse(table, text, previous=before)["intent"]["name"] == "start_benefit_check"

    # Outside a check a statement adds a fact to the last question; inside one it answers
    # the check's question and is not reread.
    text = "we hebben wel samen een koophuis"
    before = "ik woon samen met mijn vriend, is hij dan mijn toeslagpartner"
    table = Table(
        {
            text: ranked(("inform", 0.95)),
            f"{before} {text}": ranked(("faq_toeslagpartner", 0.8), ("x", 0.1)),
        }
    )
    assert parse(table, text, previous=before)["intent"]["name"] == "faq_toeslagpartner"
    in_check = tracker_after(before)
    in_check.update(ActiveLoop("benefit_form"))
    result = parse_after(table, text, in_check)
    assert result["intent"]["name"] == "inform"


@pytest.mark.parametrize(
    ("before", "text", "alone", "joined", "meant"),
    [
        pytest.param(
            "mijn dochter zorgt voor mij met mijn pgb en ze is zwanger. krijgt ze verlof?",
            "en wie zorgt er dan voor mij in die tijd",
            ranked(("faq_which_financier", 0.7), ("inform", 0.2)),
            ranked(("faq_caregiver_pregnant", 0.95), ("faq_x", 0.02)),
            "faq_caregiver_pregnant",
            id="not sure of it alone",
        ),
        pytest.param(
            "mijn moeder is vorige week overleden. ik weet niet wat ik moet",
            "ze had een pgb en ik was haar zorgverlener moet ik dat stop zetten",
            ranked(("faq_pgb_is_a_choice", 0.6), ("faq_x", 0.2)),
            ranked(("faq_death_budget_holder", 0.9), ("faq_x", 0.02)),
            "faq_death_budget_holder",
            id="fifteen words",
        ),
        pytest.param(
            "mijn broer is mijn vertegenwoordiger en doet de administratie van mijn pgb",
            "mag ik hem dan ook uit mijn pgb betalen voor dat werk?",
            ranked(("ask_spending", 0.85), ("faq_x", 0.05)),
            ranked(("faq_roles_representative", 0.98), ("ask_spending", 0.01)),
            "faq_roles_representative",
            id="sure of it alone",
        ),
        pytest.param(
            "mag ik met mijn pgb 2 maanden naar spanje met mijn zorgverlener",
            "en als het 3 maanden wordt?",
            ranked(("faq_child_turns_18", 0.91), ("faq_x", 0.05)),
            ranked(("faq_care_abroad", 0.9), ("faq_child_turns_18", 0.05)),
            "faq_care_abroad",
            id="en als: the joined reading counts twice",
        ),
    ],
)
def test_a_follow_up_that_points_back_is_read_with_the_message_before(
    before: str, text: str, alone: dict[str, Any], joined: dict[str, Any], meant: str
) -> None:
    # A story's question part ("moet ik dat stop zetten") reads as the message does alone.
    table = Table({text: alone, question_part(text) or text: alone, f"{before} {text}": joined})
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == meant
    assert result["understood_by"] == "points_back"


@pytest.mark.parametrize(
    ("text", "conditional"),
    [
        ("en als het 3 maanden wordt?", True),
        ("Maar wat als hij bij mij komt wonen", True),
        ("ok en als ze 18 wordt", True),
        ("ook als het maar 150 euro per maand is?", True),
        ("als ik verhuis houd ik mijn pgb", False),
        ("en dan?", False),
    ],
)
def test_which_messages_ask_the_question_before_again(text: str, conditional: bool) -> None:
    assert is_conditional(text) is conditional


@pytest.mark.parametrize(
    ("text", "alone", "joined", "why"),
    [
        (
            "en heb ik dan recht op ww?",
            ranked(("faq_caregiver_rights_changing", 0.9), ("faq_x", 0.05)),
            ranked(("faq_quit_job_to_care", 0.95)),
            "sure on its own, and the joined reading no surer",
        ),
        (
            "hoe vraag ik een pgb aan bij de gemeente",
            ranked(("faq_how_to_apply", 0.6), ("faq_x", 0.3)),
            ranked(("faq_caregiver_pregnant", 0.95)),
            "no word that points back",
        ),
        (
            "en wat krijg ik dan per uur",
            ranked(("faq_informal_care_pay", 0.7), ("faq_x", 0.2)),
            ranked(("faq_combine_natura", 0.8), ("faq_informal_care_pay", 0.05)),
            "both readings about as likely",
        ),
        (
            "ok dan is het goed",
            ranked(("affirm", 0.6), ("faq_x", 0.3)),
            ranked(("faq_caregiver_pregnant", 0.95)),
            "small talk",
        ),
    ],
)
def test_a_follow_up_keeps_its_own_reading(
    text: str, alone: dict[str, Any], joined: dict[str, Any], why: str
) -> None:
    before = "mijn dochter is zwanger. krijgt ze verlof?"
    table = Table({text: alone, f"{before} {text}": joined})
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == alone["intent"]["name"], why


def _after_answer(topic: str, said: str) -> Any:
    events = [
        ActionExecuted("action_listen"),
        UserUttered(said, {"name": topic, "confidence": 0.9}),
        SlotSet("topic", topic),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events("c1", events, slots=[TextSlot("topic", mappings=[])])


# Written for this test in the way people write, not taken from the evaluation sets.
@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("ik las ergens dat die grens omlaag gaat", True),
        ("ze zeggen dat het in 2027 anders wordt", True),
        ("heb gehoord dat die regel wordt afgeschaft", True),
        ("ik las op facebook dat het volgend jaar een stuk duurder wordt", True),
        # About the person's own pgb: a decision, not news of a rule.
        ("ik hoorde van de gemeente dat mijn uren omlaag gaan", False),
        # No hearsay, or no change.
        ("gaat die grens omlaag?", False),
        ("ik hoorde dat van de buurvrouw", False),
    ],
)
def test_news_of_a_rule_changing_is_about_the_last_answer(text: str, news: bool) -> None:
    # Any other text asked (a question part, a joined reading) is unclear.
    parses = defaultdict(lambda: ranked((understanding.FALLBACK, 1.0)))
    parses[text] = ranked((understanding.DISTRESS, 0.7), ("goodbye", 0.2), ("faq_other", 0.1))
    result = parse_after(
        Table(parses), text, _after_answer("faq_toeslagen_vermogen", "mag ik sparen")
    )
    assert (result["intent"]["name"] == "faq_toeslagen_vermogen") is news, text
    assert (result.get("understood_by") == "heard_of_a_change") is news, text


def test_despair_in_news_of_a_change_stays_despair() -> None:
    text = "ik hoorde dat het omlaag gaat, ik zie het niet meer zitten"
    table = Table({text: ranked((understanding.DISTRESS, 1.0))})
    result = parse_after(table, text, _after_answer("faq_eigen_bijdrage", "wat kost het"))
    assert result["intent"]["name"] == understanding.DISTRESS
