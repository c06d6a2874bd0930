"""Reading a message in its place (bot/understanding.py): the question of a story, follow-ups.

The pipeline is replaced by a table of parses per text, so each test states what the trained
model would say and checks what parse_in_context makes of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.core.events import ActiveLoop

from bot import understanding
from bot.parses import AMBIGUITY, THRESHOLD
from bot.questions import is_question, parts, question_part, question_ranges
from bot.understanding import averaged
from tests.bot.parse_table import Table, parse, parse_after, ranked, tracker_after

ROOT = Path(__file__).resolve().parents[2]


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


def test_asking_whether_it_is_a_person_stays_that_question() -> None:
    table = Table({"ben jij een echt mens?": ranked(("bot_challenge", 1.0))})
    result = parse(table, "ben jij een echt mens?", previous="wat is een pgb")
    assert result["intent"]["name"] == "bot_challenge"
    assert table.asked == ["ben jij een echt mens?"]


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
    assert result[understanding.ALSO_ASKED] == "faq_eigen_bijdrage_deduction"


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
    assert understanding.ALSO_ASKED not in parse(table, text), why


def test_a_story_that_asks_for_a_person_is_answered_and_then_gets_one() -> None:
    question = "kan iemand van jullie mij daarover bellen?"
    story = f"de svb betaalt de hulp van mijn moeder al twee maanden niet. {question}"
    table = Table(
        {
            story: ranked(("faq_payment_missing", 0.9), ("request_human", 0.05)),
            question: ranked(("request_human", 0.9), ("faq_payment_missing", 0.05)),
        }
    )
    result = parse(table, story)
    assert result["intent"]["name"] == "faq_payment_missing"
    assert result[understanding.ALSO_ASKED] == "request_human"


def test_a_request_for_a_person_alone_is_not_asked_twice() -> None:
    text = "kan iemand mij bellen?"
    table = Table({text: ranked(("request_human", 0.95), ("faq_x", 0.01))})
    assert understanding.ALSO_ASKED not in parse(table, text)
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
    assert understanding.ALSO_ASKED not in result
    assert table.asked == [text, "wat is een pgb?"]


def test_question_ranges_are_where_the_questions_are() -> None:
    text = "ik krijg al verzorging. mag ik een schoonmaakster betalen? het huis is een zooi"
    assert [text[a:b] for a, b in question_ranges(text)] == ["mag ik een schoonmaakster betalen?"]
    # All question, or no question: nothing to narrow down.
    assert question_ranges("mag ik een schoonmaakster betalen?") == []
    assert question_ranges("mijn moeder is 81. ze valt vaak") == []


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


def test_a_short_follow_up_that_points_back_is_read_with_the_message_before() -> None:
    before = "mijn dochter zorgt voor mij met mijn pgb en ze is zwanger. krijgt ze verlof?"
    text = "en wie zorgt er dan voor mij in die tijd"
    table = Table(
        {
            text: ranked(("faq_which_financier", 0.7), ("inform", 0.2)),
            f"{before} {text}": ranked(("faq_caregiver_pregnant", 0.95), ("faq_x", 0.02)),
        }
    )
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == "faq_caregiver_pregnant"
    assert result["understood_by"] == "points_back"


@pytest.mark.parametrize(
    ("text", "alone", "joined", "why"),
    [
        (
            "en heb ik dan recht op ww?",
            ranked(("faq_caregiver_rights_changing", 0.9), ("faq_x", 0.05)),
            ranked(("faq_quit_job_to_care", 0.95)),
            "sure on its own",
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
