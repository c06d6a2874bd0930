"""Where the question is in a message (bot/questions.py): sentences, clauses, question parts."""

from __future__ import annotations

import pytest

from bot.questions import is_question, parts, question_part, question_ranges


def test_parts_split_sentences_and_a_question_after_a_comma() -> None:
    assert parts("Mijn moeder is 81. Ze valt vaak! Wat nu?") == [
        "Mijn moeder is 81.",
        "Ze valt vaak!",
        "Wat nu?",
    ]
    assert parts("via mijn zorgverzekering, loopt de uitbetaling via de svb") == [
        "via mijn zorgverzekering",
        "loopt de uitbetaling via de svb",
    ]
    assert parts("ze gaat hard achteruit, hoe krijg ik meer uren") == [
        "ze gaat hard achteruit",
        "hoe krijg ik meer uren",
    ]
    assert parts("ik kom er telefonisch niet doorheen, kan iemand mij terugbellen") == [
        "ik kom er telefonisch niet doorheen",
        "kan iemand mij terugbellen",
    ]
    # A comma before an ordinary word does not split.
    assert parts("mijn vader, die 88 is, valt vaak") == ["mijn vader, die 88 is, valt vaak"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("ok moet ik dat dan zelf doorgeven", True),
        ("klinkt ingewikkeld. helpt de svb daarbij", True),
        ("klopt helemaal", False),
        ("is goed, ga maar door", False),
        ("weet ik eigenlijk niet", False),
        ("en als ze maar 2 maanden gaat?", True),
        ("hoeveel hou ik dan over", True),
        ("telt dat mee", True),
        ("ik heb aow, gaat die dan omlaag", True),
        ("dan hoef ik zelf niks te regelen toch", True),
        # The api strips the closing "?": a polite question counts by its first words.
        ("kunt u mij zeggen of de taxi ook vergoed wordt", True),
        ("hebt u ook een lijstje van wat niet mag", True),
        ("maakt het uit dat hij bij ons inwoont", True),
        ("wilt u nog even kijken", True),
        ("wil graag een mens spreken", False),
        ("ik word betaald uit het pgb", False),
        ("dank je wel", False),
        ("mijn moeder heeft een wlz pgb", False),
        ("nee", False),
    ],
)
def test_is_question(text: str, question: bool) -> None:
    assert is_question(text) is question


def test_the_question_part_of_a_story() -> None:
    story = "mijn vrouw heeft copd. de thuiszorg komt alleen overdag. heeft een pgb dan zin?"
    assert question_part(story) == "heeft een pgb dan zin?"
    # Without a question, the last sentence is what is asked.
    assert question_part("mijn man is ziek. ik wil hem zelf verzorgen.") == (
        "ik wil hem zelf verzorgen."
    )
    assert question_part("wat is een pgb?") is None


def test_question_ranges_are_where_the_questions_are() -> None:
    text = "ik krijg al verzorging. mag ik een schoonmaakster betalen? het huis is een zooi"
    assert [text[a:b] for a, b in question_ranges(text)] == ["mag ik een schoonmaakster betalen?"]
    # All question, or no question: nothing to narrow down.
    assert question_ranges("mag ik een schoonmaakster betalen?") == []
    assert question_ranges("mijn moeder is 81. ze valt vaak") == []
