"""Whom to call: "wie moet ik bellen" right after an answer gets the organisation that answer is
about, with its number where a checked source gives one (bot/channel.py runs
actions/handoff.py ActionWhomToCall before the handoff the person asked for).

The organisation is the one the person's own message names, else the most specific one the
bot's previous answer named: the CAK and the SVB before UWV and Dienst Toeslagen, and those
before a financier (zorgkantoor, zorgverzekeraar, gemeente), which every answer mentions.
"""

from __future__ import annotations

import re

_ASKS = re.compile(
    r"\b(?:wie|wat|waar|welke?) (?:\w+ ){0,3}?(?:bellen|bel|mailen|contact|terecht)\b"
    r"|\b(?:welk|wat is het|het) (?:telefoon)?nummer\b|\bhoe bereik ik\b",
    re.IGNORECASE,
)
# Most specific first; each with the response that says how to reach it (bot/domain/handoff.yml).
ORGANISATIONS = (
    (re.compile(r"\bcak\b", re.I), "utter_call_cak"),
    (re.compile(r"\bsvb\b|\bmijn ?pgb\b", re.I), "utter_call_svb"),
    (re.compile(r"\buwv\b", re.I), "utter_call_uwv"),
    (re.compile(r"\btoeslag\w*|\bbelastingdienst\b", re.I), "utter_call_toeslagen"),
    (re.compile(r"\bzorgkantoor\b", re.I), "utter_call_zorgkantoor"),
    (re.compile(r"\bzorgverzekeraar\b", re.I), "utter_call_zorgverzekeraar"),
    (re.compile(r"\bgemeente\b", re.I), "utter_call_gemeente"),
)


def asks_whom_to_call(text: str) -> bool:
    """ "wie moet ik bellen", "welk nummer", "waar kan ik terecht", "hoe bereik ik ze"."""
    return bool(_ASKS.search(text))


def whom_to_call(message: str, previous_answer: str) -> str | None:
    """The response naming whom to call: for the organisation the message names, else the most
    specific one the previous answer named; None when neither names one."""
    for text in (message, previous_answer):
        for pattern, response in ORGANISATIONS:
            if pattern.search(text):
                return response
    return None
