"""Whom to call after an answer (bot/whom_to_call.py)."""

from __future__ import annotations

import pytest

from bot.whom_to_call import asks_whom_to_call, whom_to_call


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("wie moet ik bellen", True),
        ("ik kom er niet in met inloggen, wie kan ik bellen", True),
        ("waar kan ik daarmee terecht?", True),
        ("welk nummer is dat", True),
        ("hoe bereik ik ze", True),
        # Asking to be called, or a person: not a question about an organisation.
        ("kan iemand mij terugbellen", False),
        ("ik wil een mens spreken", False),
        ("wat moet ik doen als ik ziek ben", False),
    ],
)
def test_which_messages_ask_whom_to_call(text: str, asks: bool) -> None:
    assert asks_whom_to_call(text) is asks


def test_the_most_specific_organisation_of_the_previous_answer() -> None:
    answer = "Met een Wmo-pgb betaalt u de gemeente niets; het CAK int het abonnementstarief."
    assert whom_to_call("wie moet ik bellen", answer) == "utter_call_cak"
    answer = "Bij een pgb van de gemeente of het zorgkantoor staat het geld bij de SVB."
    assert whom_to_call("wie kan ik bellen", answer) == "utter_call_svb"


def test_the_message_names_the_organisation_itself() -> None:
    answer = "Het CAK stuurt u een rekening."
    assert whom_to_call("en het uwv, wie bel ik daar", answer) == "utter_call_uwv"


def test_nothing_named_nothing_said() -> None:
    assert whom_to_call("wie moet ik bellen", "Goed. Waar kan ik u verder mee helpen?") is None
