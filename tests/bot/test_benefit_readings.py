"""Reading a message as a question about a benefit or allowance (bot/benefit_readings.py, used by
bot/understanding.py): an unclear question that names one, a story whose question names one, a
lowered benefit, whether a named benefit goes down, reporting or a change after a benefit answer.

The pipeline is replaced by a table of parses per text (tests/bot/parse_table.py).
"""

from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot import understanding
from bot.questions import question_part
from tests.bot.parse_table import Table, parse, parse_after, ranked


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


def after(topic: str) -> DialogueStateTracker:
    """A conversation right after an answer on `topic` to a benefit question."""
    events = [
        ActionExecuted("action_listen"),
        UserUttered("ik heb ww, mag mijn vader mij betalen uit zijn pgb"),
        ActionExecuted("action_answer_benefit_question"),
        SlotSet("topic", topic),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events("c1", events, slots=[TextSlot("topic", [])])


def test_reporting_right_after_a_benefit_answer_is_about_that_benefit() -> None:
    # Written for this test in the way people write.
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
    # "en ..." about reporting, right after the benefit answer: that income's reporting, even
    # when the classifier is sure of another topic; without "en" a sure reading stays.
    follow_up = "en moet hij dat dan zelf doorgeven of doet de svb dat"
    sure = ranked(("faq_roles_representative", 0.9), ("faq_declare_hours", 0.05))
    # Read with the benefit question before it (it points back), it stays about the same.
    table = Table({follow_up: sure, follow_up[3:]: sure, f"{previous} {follow_up[3:]}": sure})
    result = parse_after(table, follow_up, after("benefits"))
    assert result["understood_by"] == "reporting_follow_up"
    result = parse_after(table, follow_up[3:], after("benefits"))
    assert result["intent"]["name"] == "faq_roles_representative"


def test_en_about_the_benefit_changing_right_after_the_benefit_answer_stays_there() -> None:
    follow_up = "en wie beslist hoeveel ze korten"
    sure = ranked(("faq_mentorship_bewind", 0.9), ("faq_roles_representative", 0.05))
    table = Table({follow_up: sure, follow_up[3:]: sure})
    result = parse_after(table, follow_up, after("benefits"))
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["understood_by"] == "changes_follow_up"
    # After another answer, or without "en", the sure reading stays.
    assert parse_after(table, follow_up, after("faq_declare_hours"))["intent"]["name"] == (
        "faq_mentorship_bewind"
    )
    assert parse_after(table, follow_up[3:], after("benefits"))["intent"]["name"] == (
        "faq_mentorship_bewind"
    )


def test_a_benefit_question_read_unsure_is_not_taken_by_the_previous_answer() -> None:
    # Short and pointing back ("die", "dan"), but it names a benefit and asks whether it changes.
    text = "ik heb aow, gaat die dan omlaag"
    previous = "mag mijn buurman mijn boodschappen doen via mijn pgb"
    unsure = ranked(("start_benefit_check", 0.74), ("goodbye", 0.1))
    unsure["entities"] = [{"entity": "benefit", "value": "aow"}]
    joined = ranked(("faq_roles_representative", 0.95))
    table = Table({text: unsure, f"{previous} {text}": joined})
    result = parse(table, text, previous=previous)
    assert result["intent"]["name"] == understanding.BENEFIT_QUESTION
    assert result["understood_by"] == "benefit_changes"
