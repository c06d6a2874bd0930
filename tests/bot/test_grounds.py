"""A refusal, reclaim or dispute that the classifier is not sure of needs a word that says so,
and the Wlz answer on home or an institution a word for the Wlz (bot/grounds.py, read by
bot/understanding.py), against a table of parses per text."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.parse_table import Table, parse, ranked


@pytest.mark.parametrize(
    ("text", "ranking", "intent"),
    [
        # Not sure, and nothing is disputed: the next reading.
        (
            "mag mijn zorgverlener ook op zondag werken",
            ranked(("report_conflict", 0.43), ("faq_arbodienst", 0.3), ("ask_spending", 0.1)),
            "faq_arbodienst",
        ),
        # Not sure, nothing disputed, and no clear next reading: the bot asks.
        (
            "mag mijn zorgverlener ook op zondag werken",
            ranked(("report_conflict", 0.43), ("faq_arbodienst", 0.1), ("ask_spending", 0.1)),
            "nlu_fallback",
        ),
        # A word for the decision: the refusal stands.
        (
            "de gemeente heeft mijn uren verlaagd",
            ranked(("report_refusal", 0.6), ("faq_objection_deadline", 0.3)),
            "report_refusal",
        ),
        # Sure of it: it stands without such a word.
        (
            "mag mijn zorgverlener ook op zondag werken",
            ranked(("report_conflict", 0.9), ("faq_arbodienst", 0.05)),
            "report_conflict",
        ),
        # Care at home in general is not the Wlz answer on home or an institution ...
        (
            "kan mijn man na de revalidatie thuis zorg krijgen met een pgb",
            ranked(("faq_wlz_home_or_institution", 0.54), ("faq_which_financier", 0.35)),
            "faq_which_financier",
        ),
        # ... a Wlz indication is.
        (
            "moet mijn vader met zijn indicatie van het ciz naar een verpleeghuis",
            ranked(("faq_wlz_home_or_institution", 0.54), ("faq_which_financier", 0.35)),
            "faq_wlz_home_or_institution",
        ),
    ],
)
def test_an_unsure_refusal_or_dispute_needs_grounds(
    text: str, ranking: dict[str, Any], intent: str
) -> None:
    assert parse(Table({text: ranking}), text)["intent"]["name"] == intent
