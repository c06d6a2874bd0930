"""Follow-ups read with the message before them (bot/understanding.py), against a table of
parses per text (tests/bot/parse_table.py)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.events import ActiveLoop

from bot import understanding
from bot.follow_ups import is_conditional
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


def test_a_follow_up_of_fifteen_words_still_points_back() -> None:
    before = "mijn moeder is vorige week overleden. ik weet niet wat ik moet"
    text = "ze had een pgb en ik was haar zorgverlener moet ik dat stop zetten"
    table = Table(
        {
            text: ranked(("faq_pgb_is_a_choice", 0.6), ("faq_x", 0.2)),
            "moet ik dat stop zetten": ranked(("faq_pgb_is_a_choice", 0.6), ("faq_x", 0.2)),
            f"{before} {text}": ranked(("faq_death_budget_holder", 0.9), ("faq_x", 0.02)),
        }
    )
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == "faq_death_budget_holder"
    assert result["understood_by"] == "points_back"


def test_a_follow_up_that_points_back_is_read_with_the_message_before_even_when_sure() -> None:
    before = "mijn broer is mijn vertegenwoordiger en doet de administratie van mijn pgb"
    text = "mag ik hem dan ook uit mijn pgb betalen voor dat werk?"
    table = Table(
        {
            text: ranked(("ask_spending", 0.85), ("faq_x", 0.05)),
            f"{before} {text}": ranked(("faq_roles_representative", 0.98), ("ask_spending", 0.01)),
        }
    )
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == "faq_roles_representative"
    assert result["understood_by"] == "points_back"


def test_en_als_asks_the_question_before_it_again() -> None:
    before = "mag ik met mijn pgb 2 maanden naar spanje met mijn zorgverlener"
    text = "en als het 3 maanden wordt?"
    table = Table(
        {
            text: ranked(("faq_child_turns_18", 0.91), ("faq_x", 0.05)),
            f"{before} {text}": ranked(("faq_care_abroad", 0.9), ("faq_child_turns_18", 0.05)),
        }
    )
    result = parse(table, text, previous=before)
    assert result["intent"]["name"] == "faq_care_abroad"
    assert result["understood_by"] == "points_back"


@pytest.mark.parametrize(
    ("text", "conditional"),
    [
        ("en als het 3 maanden wordt?", True),
        ("Maar wat als hij bij mij komt wonen", True),
        ("ok en als ze 18 wordt", True),
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
