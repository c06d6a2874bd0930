"""A second question in the same message, and a request for a person at the end of a story
(bot/second_answers.py, read by bot/understanding.py), against a table of parses per text."""

from __future__ import annotations

from typing import Any

import pytest

from bot import second_answers
from tests.bot.parse_table import Table, parse, ranked


def test_a_second_question_in_the_same_message_is_noted() -> None:
    first, second = (
        "moet ik het pgb opgeven bij de belasting?",
        "en kan ik de eigen bijdrage aftrekken?",
    )
    text = f"ik ben budgethouder. {first} {second}"
    table = Table(
        {
            text: ranked(("faq_pgb_not_income", 0.7), ("faq_eigen_bijdrage_deduction", 0.2)),
            f"{first} {second}": ranked(("faq_pgb_not_income", 0.6), ("faq_x", 0.3)),
            first: ranked(("faq_pgb_not_income", 0.9), ("faq_x", 0.05)),
            second: ranked(("faq_eigen_bijdrage_deduction", 0.9), ("faq_x", 0.05)),
        }
    )
    result = parse(table, text)
    assert result["intent"]["name"] == "faq_pgb_not_income"
    assert result[second_answers.ALSO_ASKED] == "faq_eigen_bijdrage_deduction"


@pytest.mark.parametrize(
    ("second_parse", "why"),
    [
        (ranked(("faq_eigen_bijdrage_deduction", 0.8), ("faq_x", 0.1)), "not sure enough"),
        (ranked(("faq_eigen_bijdrage_deduction", 0.88), ("faq_x", 0.85)), "a near tie"),
        (ranked(("ask_spending", 0.9), ("faq_x", 0.05)), "not an FAQ topic"),
        (ranked(("faq_pgb_not_income", 0.9), ("faq_x", 0.05)), "the same question"),
    ],
)
def test_no_second_question_unless_it_is_clearly_another_faq_topic(
    second_parse: dict[str, Any], why: str
) -> None:
    first, second = "moet ik het pgb opgeven?", "kan ik iets aftrekken?"
    text = f"{first} {second}"
    table = Table(
        {
            text: ranked(("faq_pgb_not_income", 0.7), ("faq_x", 0.2)),
            first: ranked(("faq_pgb_not_income", 0.9), ("faq_x", 0.05)),
            second: second_parse,
        }
    )
    assert second_answers.ALSO_ASKED not in parse(table, text), why


@pytest.mark.parametrize(
    ("story_parse", "question_parse"),
    [
        (
            ranked(("faq_payment_missing", 0.9), ("request_human", 0.05)),
            ranked(("request_human", 0.9), ("faq_payment_missing", 0.05)),
        ),
        # Averaged with its question part, asking for a person comes out on top; the story's own
        # clear topic still stands (the api strips the "?", which moved this near tie).
        (
            ranked(("faq_payment_missing", 0.92), ("request_human", 0.08)),
            ranked(("request_human", 1.0), ("faq_x", 0.0)),
        ),
    ],
)
def test_a_story_that_asks_for_a_person_is_answered_and_then_gets_one(
    story_parse: dict[str, Any], question_parse: dict[str, Any]
) -> None:
    question = "kan iemand van jullie mij daarover bellen?"
    story = f"de svb betaalt de hulp van mijn moeder al twee maanden niet. {question}"
    table = Table({story: story_parse, question: question_parse})
    result = parse(table, story)
    assert result["intent"]["name"] == "faq_payment_missing"
    assert result[second_answers.ALSO_ASKED] == "request_human"
    # The question part is read once, for the story and for the person asked for.
    assert table.asked == [story, question]


def test_a_request_for_a_person_alone_is_not_asked_twice() -> None:
    text = "kan iemand mij bellen?"
    table = Table({text: ranked(("request_human", 0.95), ("faq_x", 0.01))})
    assert second_answers.ALSO_ASKED not in parse(table, text)
    assert table.asked == [text]


def test_one_question_with_a_story_has_no_second_question() -> None:
    text = "mijn moeder is 81. wat is een pgb?"
    table = Table(
        {
            text: ranked(("faq_what_is_pgb", 0.9), ("faq_x", 0.05)),
            "wat is een pgb?": ranked(("faq_what_is_pgb", 0.9), ("faq_x", 0.05)),
        }
    )
    result = parse(table, text)
    assert second_answers.ALSO_ASKED not in result
    assert table.asked == [text, "wat is een pgb?"]


@pytest.mark.parametrize(
    ("ranking", "maybe"),
    [
        (ranked(("faq_budget_plan", 0.5), ("faq_how_to_apply", 0.3)), "faq_how_to_apply"),
        (ranked(("faq_budget_plan", 0.5), ("faq_how_to_apply", 0.1)), None),
        (ranked(("faq_budget_plan", 0.5), ("ask_spending", 0.4)), None),
        (ranked(("ask_spending", 0.5), ("faq_how_to_apply", 0.4)), "faq_how_to_apply"),
        (ranked(("thank", 0.5), ("faq_how_to_apply", 0.4)), None),
        (ranked(("request_human", 0.5), ("faq_how_to_apply", 0.4)), None),
    ],
)
def test_a_second_likely_faq_topic_is_noted_as_maybe_meant(
    ranking: dict[str, Any], maybe: str | None
) -> None:
    text = "wat moeten we nu precies opsturen"
    result = parse(Table({text: ranking}), text)
    assert result.get(second_answers.MAYBE_MEANT) == maybe


def test_nothing_is_maybe_meant_when_the_bot_asks_what_was_meant() -> None:
    text = "wat moeten we nu precies opsturen"
    ranking = ranked(("faq_budget_plan", 0.24), ("faq_how_to_apply", 0.2))
    unclear = {**ranking, "intent": {"name": "nlu_fallback", "confidence": 0.24}}
    assert second_answers.MAYBE_MEANT not in parse(Table({text: unclear}), text)


def test_a_second_question_is_answered_rather_than_a_maybe() -> None:
    first, second = "moet ik het pgb opgeven?", "kan ik de eigen bijdrage aftrekken?"
    text = f"{first} {second}"
    table = Table(
        {
            text: ranked(("faq_pgb_not_income", 0.5), ("faq_eigen_bijdrage", 0.4)),
            first: ranked(("faq_pgb_not_income", 0.9), ("faq_x", 0.05)),
            second: ranked(("faq_eigen_bijdrage_deduction", 0.9), ("faq_x", 0.05)),
        }
    )
    result = parse(table, text)
    assert result[second_answers.ALSO_ASKED] == "faq_eigen_bijdrage_deduction"
    assert second_answers.MAYBE_MEANT not in result
