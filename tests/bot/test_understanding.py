"""Reading a message in its place (bot/understanding.py): the question of a story, despair that
is a question, steering that is a story, near ties. Follow-ups: test_follow_ups.py; a second
question in the same message: test_second_question.py; where the question is: test_questions.py.

The pipeline is replaced by a table of parses per text, so each test states what the trained
model would say and checks what parse_in_context makes of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, UserUttered

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


def test_an_unclear_question_that_names_a_benefit_is_about_that_benefit() -> None:
    unclear = ranked((understanding.FALLBACK, 1.0), ("inform", 0.21), ("faq_what_is_pgb", 0.18))
    unclear["entities"] = [{"entity": "benefit", "value": "ww"}]
    table = Table({"ww en pgb gaat dat samen": unclear})
    result = parse(table, "ww en pgb gaat dat samen")
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["entities"] == unclear["entities"]
    # A statement with a benefit stays what it was (the follow-up action answers it).
    detail = ranked(("inform", 0.8))
    detail["entities"] = [{"entity": "benefit", "value": "ww"}]
    table = Table({"ik heb ww": detail})
    assert parse(table, "ik heb ww")["intent"]["name"] == "inform"


def test_a_story_whose_question_names_a_benefit_is_about_that_benefit() -> None:
    story = (
        "mijn man heeft een oude wao. zijn broer wil hem betalen uit zijn pgb. "
        "wat gebeurt er dan met de wao"
    )
    question = question_part(story)
    entities = (("benefit", "wao_wia"),)
    whole = ranked(("faq_objection_deadline", 0.6), ("start_benefit_check", 0.2), entities=entities)
    alone = ranked(("start_benefit_check", 0.29), ("out_of_scope", 0.2), entities=entities)
    # The second-question check reads each sentence of the story on its own too.
    pieces = {
        "zijn broer wil hem betalen uit zijn pgb.": ranked(("inform", 0.5)),
        "wat gebeurt er dan met de wao": alone,
    }
    result = parse(Table({story: whole, question: alone, **pieces}), story)
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["understood_by"] == "benefit_in_question"
    # Not when the story is sure of its topic, or its topic is about benefits already.
    sure = ranked(("faq_objection_deadline", 0.9), entities=entities)
    assert parse(Table({story: sure, question: alone, **pieces}), story)["intent"]["name"] == (
        "faq_objection_deadline"
    )
    tax = ranked(("faq_caregiver_income_tax", 0.6), entities=entities)
    assert parse(Table({story: tax, question: alone, **pieces}), story)["intent"]["name"] == (
        "faq_caregiver_income_tax"
    )


def test_the_last_question_of_a_story_can_name_the_benefit_alone() -> None:
    # Written for this test: the question part holds two questions, and the first one's words
    # pull the part away from benefits; the last one, read alone, asks about the benefit.
    story = (
        "ik heb al jaren een wajong. mag ik mijn tante helpen via haar pgb? "
        "en hoe zit het dan met mijn wajong"
    )
    entities = (("benefit", "wajong"),)
    whole = ranked(("faq_how_to_apply", 0.6), ("start_benefit_check", 0.2), entities=entities)
    first = "mag ik mijn tante helpen via haar pgb?"
    last = "en hoe zit het dan met mijn wajong"
    table = Table(
        {
            story: whole,
            question_part(story): ranked(
                ("faq_how_to_apply", 0.5), ("inform", 0.3), entities=entities
            ),
            first: ranked(("faq_informal_care_pay", 0.6)),
            last: ranked(("start_benefit_check", 0.3), ("inform", 0.2), entities=entities),
        }
    )
    assert question_part(story) == f"{first} {last}"
    result = parse(table, story)
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["understood_by"] == "benefit_in_question"


def test_a_lowered_benefit_is_not_a_lowered_pgb() -> None:
    text = "ik heb zelf een wmo pgb voor huishoudelijke hulp, krijg ik nu minder huurtoeslag"
    lowered = ranked(("report_refusal", 0.6), ("start_benefit_check", 0.3))
    lowered["entities"] = [{"entity": "allowance", "value": "huurtoeslag"}]
    assert parse(Table({text: lowered}), text)["intent"]["name"] == understanding.BENEFIT_QUESTION
    # A lowered pgb without a benefit stays a refusal (a person and the deadline).
    text = "de gemeente heeft mijn pgb verlaagd, wat nu?"
    table = Table(
        {text: ranked(("report_refusal", 0.9)), "wat nu?": ranked(("report_refusal", 0.5))}
    )
    assert parse(table, text)["intent"]["name"] == "report_refusal"


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


def test_whether_a_named_benefit_goes_down_is_about_that_benefit_after_any_answer() -> None:
    text = "ik heb aow, gaat die dan omlaag?"
    unsure = ranked(("go_back", 0.36), ("faq_roles_representative", 0.3))
    unsure["entities"] = [{"entity": "benefit", "value": "aow"}]
    table = Table({text: unsure})
    result = parse(table, text, previous="mag ik mijn zus betalen uit het pgb")
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    # Without a change asked about, the benefit is a detail for the previous question.
    detail = ranked(("inform", 0.7))
    detail["entities"] = [{"entity": "benefit", "value": "aow"}]
    table = Table({"en als ik aow heb": detail})
    assert parse(table, "en als ik aow heb")["intent"]["name"] == "inform"


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


def test_reporting_right_after_a_benefit_answer_is_about_that_benefit() -> None:
    # Written for this test in the way people write.
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    def after(topic: str) -> DialogueStateTracker:
        events = [
            ActionExecuted("action_listen"),
            UserUttered("ik heb ww, mag mijn vader mij betalen uit zijn pgb"),
            ActionExecuted("action_answer_benefit_question"),
            SlotSet("topic", topic),
            ActionExecuted("action_listen"),
        ]
        return DialogueStateTracker.from_events("c1", events, slots=[TextSlot("topic", [])])

    text = "hoe snel moet ik dat dan melden"
    table = Table({text: ranked(("faq_declare_hours", 0.3), ("faq_pgb_duration", 0.25))})
    result = parse_after(table, text, after("benefits"))
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["understood_by"] == "reporting_follow_up"
    # After another answer it is not read as a benefit question.
    unsure = ranked(("faq_declare_hours", 0.3), ("faq_pgb_duration", 0.25))
    joined = ranked(("faq_informal_care_pay", 0.6), ("faq_declare_hours", 0.2))
    previous = "ik heb ww, mag mijn vader mij betalen uit zijn pgb"
    table = Table({text: unsure, f"{previous} {text}": joined, "melden": unsure})
    result = parse_after(table, text, after("faq_declare_hours"))
    assert result["intent"]["name"] != understanding.BENEFIT_QUESTION


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
