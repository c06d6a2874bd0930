"""Reading a message in its place (bot/understanding.py): the question of a story, despair that
is a question, steering that is a story, near ties. Follow-ups: test_follow_ups.py; a second
question in the same message: test_second_question.py; where the question is: test_questions.py;
questions about a benefit: test_benefit_readings.py.

The pipeline is replaced by a table of parses per text, so each test states what the trained
model would say and checks what parse_in_context makes of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered

from bot import understanding
from bot.parses import AMBIGUITY, THRESHOLD
from bot.questions import question_part
from bot.understanding import averaged
from tests.bot.parse_table import Table, parse, parse_after, ranked, tracker_after

ROOT = Path(__file__).resolve().parents[2]


def test_averaged_counts_a_missing_intent_as_zero() -> None:
    ranking = averaged(ranked(("a", 0.6), ("b", 0.4)), ranked(("b", 0.8), ("c", 0.2)))
    assert [(r["name"], round(r["confidence"], 2)) for r in ranking] == [
        ("b", 0.6),
        ("a", 0.3),
        ("c", 0.1),
    ]


def test_the_question_of_a_story_decides_when_the_whole_is_unclear() -> None:
    story = "mijn vrouw heeft copd. ze is vaak benauwd. heeft een pgb dan zin?"
    table = Table(
        {
            story: ranked(
                (understanding.FALLBACK, 1.0), ("faq_care_functions", 0.3), ("suit", 0.28)
            ),
            "heeft een pgb dan zin?": ranked(("suit", 0.8), ("faq_care_functions", 0.1)),
        }
    )
    result = parse(table, story)
    assert result["intent"]["name"] == "suit"
    assert result["understood_by"] == "question_part"


# Written for this test in the way people write, not taken from the evaluation sets.
def test_a_story_whose_question_makes_it_a_lowered_pgb_asks_about_the_benefit_it_names() -> None:
    story = (
        "ik zorg al jaren voor mijn zus, ze heeft ms en woont bij ons om de hoek. ze heeft nu"
        " een pgb en wil me betalen voor de uren. maar gaat mijn ww dan omlaag"
    )
    question = "maar gaat mijn ww dan omlaag"
    table = Table(
        {
            story: ranked(
                ("start_benefit_check", 0.45),
                ("report_refusal", 0.4),
                entities=(("benefit", "ww"),),
            ),
            question: ranked(
                ("report_refusal", 0.7), ("faq_payment_missing", 0.2), entities=(("benefit", "ww"),)
            ),
        }
    )
    result = parse(table, story)
    assert result["intent"]["name"] == "start_benefit_check"
    assert result["understood_by"] == "named_benefit"


def test_a_clear_story_stays_as_it_was() -> None:
    story = "mijn vader is 88. wat is een pgb?"
    table = Table(
        {
            story: ranked(("faq_what_is_pgb", 0.9), ("x", 0.05)),
            "wat is een pgb?": ranked(("faq_what_is_pgb", 0.95)),
        }
    )
    assert parse(table, story) is table.parses[story]


def test_a_question_is_not_small_talk() -> None:
    table = Table(
        {"ok moet ik dat dan zelf doorgeven?": ranked(("thank", 0.5), ("faq_toeslagen", 0.3))}
    )
    result = parse(table, "ok moet ik dat dan zelf doorgeven?")
    assert result["intent"]["name"] == "faq_toeslagen"
    # Nothing else likely: ask what was meant rather than say "graag gedaan".
    table = Table({"hoeveel hou ik over": ranked(("thank", 0.8), ("faq_x", 0.1))})
    assert parse(table, "hoeveel hou ik over")["intent"]["name"] == understanding.FALLBACK


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Written for this test in the way people write.
        ("pff wat een gedoe allemaal. ok bedankt", True),
        ("wat fijn, dank je wel", True),
        # Thanks that close a question do not end the conversation.
        ("wat moet ik dan doen? bedankt", False),
        ("wat kost dat alvast bedankt", False),
    ],
)
def test_thanks_at_the_end_are_thanks_though_it_starts_like_a_question(
    text: str, kept: bool
) -> None:
    # The question of a message with one is read on its own (and taken for a topic).
    asked = {"wat moet ik dan doen?": ranked(("faq_x", 0.9), ("thank", 0.05))}
    table = Table({text: ranked(("thank", 0.95), ("faq_x", 0.02)), **asked})
    result = parse(table, text)
    assert (result["intent"]["name"] == "thank") is kept


def test_despair_and_buttons_are_never_reinterpreted() -> None:
    text = "ik zie het niet meer zitten. wat moet ik doen?"
    table = Table({text: ranked((understanding.DISTRESS, 1.0))})
    assert parse(table, text)["intent"]["name"] == understanding.DISTRESS
    assert table.asked == [text]
    table = Table({"/deny": ranked(("deny", 1.0))})
    assert parse(table, "/deny", previous="x")["intent"]["name"] == "deny"


def test_a_practical_question_the_classifier_half_took_for_distress_is_read_again() -> None:
    before = "ik heb ww en ga voor mijn vader zorgen via zijn pgb, telt dat als inkomen?"
    text = "hoeveel hou ik dan ongeveer over"
    table = Table(
        {
            text: ranked((understanding.DISTRESS, 0.45), ("faq_leftover_budget", 0.13)),
            f"{before} {text}": ranked(("start_benefit_check", 0.8), ("x", 0.1)),
        }
    )
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == "start_benefit_check"


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        # Sure of it.
        ("hoeveel hou ik dan ongeveer over", 0.9),
        # Not a question.
        ("ik zit hier te huilen achter de computer", 0.4),
        # A feeling phrase the safety net knows (exhaustion).
        ("ik ben helemaal op, wat moet ik doen?", 0.4),
    ],
)
def test_distress_stays_when_sure_or_felt_or_not_a_question(text: str, confidence: float) -> None:
    table = Table({text: ranked((understanding.DISTRESS, confidence), ("faq_x", 0.3))})
    assert parse(table, text, previous="wat is een pgb")["intent"]["name"] == understanding.DISTRESS


def test_a_statement_about_a_benefit_the_classifier_half_took_for_distress_is_read_again() -> None:
    text = "ik heb geen volle aow want ik heb ook in marokko gewoond, ik krijg aio erbij van de svb"
    half = ranked((understanding.DISTRESS, 0.31), ("faq_svb_trekkingsrecht", 0.14))
    half["entities"] = [{"entity": "benefit", "value": "aio"}]
    result = parse(Table({text: half}), text)
    assert result["intent"]["name"] != understanding.DISTRESS
    # The same benefit with a feeling phrase keeps 113 and a person.
    felt = "ik krijg aio erbij en ik zie het niet meer zitten"
    half = ranked((understanding.DISTRESS, 0.31), ("faq_x", 0.14))
    half["entities"] = [{"entity": "benefit", "value": "aio"}]
    assert parse(Table({felt: half}), felt)["intent"]["name"] == understanding.DISTRESS


# Written for this test in the way people write, not taken from the evaluation sets.
def test_an_answer_in_a_check_the_classifier_half_took_for_distress_is_read_again() -> None:
    text = "mijn broer doet het grootste deel"
    half = ranked((understanding.DISTRESS, 0.52), ("inform", 0.44))
    in_check = tracker_after("wie gaat de zorg geven?")
    in_check.update(ActiveLoop("suitability_form"))
    assert parse_after(Table({text: half}), text, in_check)["intent"]["name"] == "inform"
    # Outside a check the same statement keeps 113 and a person (it is no question).
    assert parse(Table({text: half}), text)["intent"]["name"] == understanding.DISTRESS
    # In a check, a feeling phrase keeps 113 and a person.
    felt = "mijn broer doet het meeste want ik ben helemaal op"
    half = ranked((understanding.DISTRESS, 0.52), ("inform", 0.44))
    assert (
        parse_after(Table({felt: half}), felt, in_check)["intent"]["name"] == understanding.DISTRESS
    )


def test_a_near_tie_that_names_something_to_buy_is_a_spending_question() -> None:
    text = "mag ik een administratiekantoor betalen uit mijn wmo pgb"
    tie = ranked(
        (understanding.FALLBACK, 0.25), ("ask_spending", 0.49), ("faq_roles_representative", 0.48)
    )
    tie["entities"] = [{"entity": "care_item", "value": "administratiekantoor"}]
    result = parse(Table({text: tie}), text)
    assert result["intent"]["name"] == "ask_spending"
    # Without an item, or with spending further down, the bot still asks what was meant.
    tie["entities"] = []
    assert parse(Table({text: tie}), text)["intent"]["name"] == understanding.FALLBACK
    far = ranked((understanding.FALLBACK, 0.25), ("x", 0.4), ("y", 0.38), ("ask_spending", 0.1))
    far["entities"] = [{"entity": "care_item", "value": "administratiekantoor"}]
    assert parse(Table({text: far}), text)["intent"]["name"] == understanding.FALLBACK


def test_thresholds_match_the_fallback_classifier() -> None:
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text())
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == THRESHOLD
    assert fallback["ambiguity_threshold"] == AMBIGUITY


def test_a_question_part_outside_a_check_is_not_steering() -> None:
    # Written for this test in the way people write: "wordt het dan meer?" read alone leans to
    # "start again", and with the whole message that came out on top.
    text = "en als de buurvrouw stopt en ze thuiszorg in natura krijgt, wordt het dan meer?"
    table = Table(
        {
            text: ranked(("faq_switch_to_natura", 0.5), ("restart_flow", 0.3), ("faq_x", 0.1)),
            "wordt het dan meer?": ranked(("restart_flow", 0.9), ("faq_x", 0.05)),
        }
    )
    assert parse(table, text)["intent"]["name"] == "faq_switch_to_natura"


def test_asking_whether_it_is_a_person_stays_that_question() -> None:
    table = Table({"ben jij een echt mens?": ranked(("bot_challenge", 1.0))})
    result = parse(table, "ben jij een echt mens?", previous="wat is een pgb")
    assert result["intent"]["name"] == "bot_challenge"
    assert table.asked == ["ben jij een echt mens?"]


def test_a_story_outside_a_check_is_not_steering() -> None:
    text = "ik krijg kindgebonden budget en ga betaald worden uit het pgb van mijn vader. gevolgen?"
    story = ranked(("stop_flow", 0.32), ("start_benefit_check", 0.2), ("faq_toeslagpartner", 0.19))
    story["entities"] = [{"entity": "allowance", "value": "kindgebonden_budget"}]
    table = Table({text: story, "gevolgen?": ranked(("stop_flow", 0.4), ("thank", 0.3))})
    # The rest of the ranking is a near tie, so it is unclear; it names an allowance and asks.
    assert parse(table, text)["intent"]["name"] == understanding.BENEFIT_QUESTION
    clear = ranked(("go_back", 0.4), ("faq_how_to_apply", 0.35), ("faq_what_is_pgb", 0.1))
    long_text = "we willen terug naar de gemeente om opnieuw een pgb aan te vragen hoe doe je dat"
    assert parse(Table({long_text: clear}), long_text)["intent"]["name"] == "faq_how_to_apply"
    # A short command stays a command.
    assert parse(Table({"stop maar": clear}), "stop maar")["intent"]["name"] == "go_back"
    # A question of six words or more is no command either, outside a check.
    question = "krijg ik nog iets voor de laatste maand"
    after = ranked(("go_back", 0.41), ("faq_death_budget_holder", 0.35), ("faq_x", 0.05))
    assert parse(Table({question: after}), question)["intent"]["name"] == "faq_death_budget_holder"
    assert parse(Table({"kan ik terug?": after}), "kan ik terug?")["intent"]["name"] == "go_back"
    # Unclear otherwise, it is read with the message before it.
    unclear = ranked(("go_back", 0.35), ("faq_death_budget_holder", 0.2), ("faq_x", 0.18))
    before = "mijn moeder is overleden"
    table = Table(
        {question: unclear, f"{before} {question}": ranked(("faq_death_budget_holder", 0.7))}
    )
    result = parse_after(table, question, tracker_after(before))
    assert result["intent"]["name"] == "faq_death_budget_holder"
    # Distress behind the command is checked as distress on top would be: an unsure practical
    # question is no despair (the model of 2026-12-06 had go_back 0.5, express_distress 0.26).
    behind = ranked(("go_back", 0.5), ("express_distress", 0.26), ("out_of_scope", 0.11))
    table = Table(
        {question: behind, f"{before} {question}": ranked(("faq_death_budget_holder", 0.85))}
    )
    result = parse_after(table, question, tracker_after(before))
    assert result["intent"]["name"] == "faq_death_budget_holder"


def test_a_long_story_with_two_near_topics_gets_the_likelier() -> None:
    story = (
        "mijn broer heeft een wmo pgb voor begeleiding en het budget is krap, "
        "dus hij wil mij minder per uur geven. mag dat eigenlijk"
    )
    near = ranked(("nlu_fallback", 0.25), ("faq_informal_care_pay", 0.26), ("report_refusal", 0.23))
    table = Table({story: near})
    table.parses[question_part(story) or story] = ranked(("affirm", 0.9))
    result = parse(table, story)
    assert result["intent"]["name"] == "faq_informal_care_pay"
    assert result["understood_by"] == "story_near_tie"
    # A short message still gets the question which of the two.
    short = "mag dat van het budget"
    assert parse(Table({short: near}), short)["intent"]["name"] == "nlu_fallback"


def test_a_story_with_grief_is_not_a_goodbye() -> None:
    text = "de begrafenis was gisteren, mijn moeder. nu moet ik alles met de svb regelen"
    goodbye = ranked(("goodbye", 0.5), ("faq_budgetholder_dies", 0.4))
    table = Table({text: goodbye, "nu moet ik alles met de svb regelen": goodbye})
    assert parse(table, text)["intent"]["name"] == "faq_budgetholder_dies"
    # A short goodbye with a feeling stays a goodbye.
    table = Table({"dag, ik ben zo moe": ranked(("goodbye", 0.9), ("faq_x", 0.05))})
    assert parse(table, "dag, ik ben zo moe")["intent"]["name"] == "goodbye"


def test_a_question_part_that_points_back_leaves_a_clear_story_as_it_is() -> None:
    story = "het pgb van mijn moeder loopt over 2 maanden af. gaat dat vanzelf door?"
    table = Table(
        {
            story: ranked(("faq_pgb_duration", 0.7), ("faq_svb", 0.2)),
            "gaat dat vanzelf door?": ranked(("faq_svb", 0.9), ("faq_pgb_duration", 0.05)),
        }
    )
    assert parse(table, story)["intent"]["name"] == "faq_pgb_duration"
    # A question part that names its own topic still counts twice.
    story = "het pgb van mijn moeder loopt over 2 maanden af. hoe werkt de svb?"
    table = Table(
        {
            story: ranked(("faq_pgb_duration", 0.55), ("faq_svb", 0.4)),
            "hoe werkt de svb?": ranked(("faq_svb", 0.9), ("faq_pgb_duration", 0.05)),
        }
    )
    assert parse(table, story)["intent"]["name"] == "faq_svb"
    # Whether something may be paid from the pgb is the question's own, pointing back or not.
    story = "het cak stuurt een rekening voor de eigen bijdrage. kan ik die met het pgb betalen?"
    table = Table(
        {
            story: ranked(("faq_eigen_bijdrage", 0.6), ("ask_spending", 0.25)),
            "kan ik die met het pgb betalen?": ranked(("ask_spending", 0.5), ("faq_x", 0.3)),
        }
    )
    assert parse(table, story)["intent"]["name"] == "ask_spending"


def test_a_follow_up_never_takes_despair_from_the_previous_message() -> None:
    before = "ik zie het leven niet meer zitten, wat moet ik met het pgb"
    text = "en de svb?"
    table = Table(
        {
            text: ranked((understanding.FALLBACK, 1.0), ("faq_svb", 0.2)),
            f"{before} {text}": ranked((understanding.DISTRESS, 1.0), ("faq_svb", 0.7)),
        }
    )
    assert parse(table, text, previous=before)["intent"]["name"] == "faq_svb"


def test_a_follow_up_after_a_short_follow_up_is_read_with_the_message_that_set_the_topic() -> None:
    first = "mijn zorgverlener is ziek, moet ik haar doorbetalen?"
    tracker = tracker_after(first)
    for event in (
        UserUttered("moet dat vandaag?", {"name": "faq_caregiver_ill", "confidence": 0.9}),
        ActionExecuted("utter_faq_caregiver_ill"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    text = "en wie komt er dan"
    table = Table(
        {
            text: ranked(("inform", 0.7), ("faq_x", 0.1)),
            f"{first} moet dat vandaag? {text}": ranked(("faq_caregiver_ill", 0.8)),
        }
    )
    assert parse_after(table, text, tracker)["intent"]["name"] == "faq_caregiver_ill"


# Written for this test in the way people write, not taken from the evaluation sets.
def test_a_spending_question_without_anything_to_buy_leaves_a_clear_story_its_topic() -> None:
    story = "onze hulp is in verwachting en stopt straks even. mag ik haar loon dan doorbetalen?"
    question = question_part(story) or ""
    story_reading = ranked(("faq_caregiver_pregnant", 0.6), ("ask_spending", 0.2))
    table = Table({story: story_reading, question: ranked(("ask_spending", 0.95))})
    assert parse(table, story)["intent"]["name"] == "faq_caregiver_pregnant"
    # Something to buy named in the story: the spending question is its own.
    item = ranked(
        ("faq_caregiver_pregnant", 0.6), ("ask_spending", 0.2), entities=(("care_item", "taxi"),)
    )
    table = Table({story: item, question: ranked(("ask_spending", 0.95))})
    assert parse(table, story)["intent"]["name"] == "ask_spending"


@pytest.mark.parametrize(
    "text",
    [
        "kan ik iemand spreken ik snap die brieven van het zorgkantoor echt niet",
        "ik wil gewoon een mens spreken over mijn declaratie",
    ],
)
def test_asking_for_a_person_is_honoured_when_the_classifier_half_agrees(text: str) -> None:
    table = Table({text: ranked(("faq_svb_contact", 0.5), ("request_human", 0.39))})
    assert parse(table, text)["intent"]["name"] == "request_human"
    # Despair stays despair, whatever else the message asks.
    table = Table({text: ranked((understanding.DISTRESS, 1.0), ("request_human", 0.3))})
    assert parse(table, text)["intent"]["name"] == understanding.DISTRESS


def test_a_person_in_the_question_is_not_a_request_when_the_classifier_never_thought_so() -> None:
    text = "kan ik iemand spreken bij de svb over mijn declaratie"
    table = Table({text: ranked(("faq_svb_contact", 0.7), ("faq_declaring", 0.2), ("x", 0.1))})
    assert parse(table, text)["intent"]["name"] == "faq_svb_contact"
