"""Readings of a message as a question about a benefit or allowance (bot/understanding.py).

The classifier often takes a question about the person's own benefit for the topic of the story
around it, or of the answer before it. These rules read such a message as the benefit question
(start_benefit_check), whose action answers for the benefits it names or named before:
- a "lowered pgb" that names a benefit ("krijg ik nu minder huurtoeslag");
- a short question whether a benefit it names goes down or counts ("ik heb aow, gaat die dan
  omlaag?"), whatever the previous answer was;
- right after an answer about benefits, a short question about reporting the income
  ("binnen hoeveel tijd moet ik dat doorgeven"); with "en" first, even when the classifier is
  sure of another topic ("en moet hij dat dan zelf doorgeven of doet de svb dat");
- a story whose question, read alone, is about the benefit it names ("... wat gebeurt er dan met
  de wao"), or whose last question is, when the question part holds more than one.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.trackers import DialogueStateTracker

from bot.parses import (
    BENEFIT_ENTITIES,
    BENEFIT_QUESTION,
    BENEFIT_TOPIC,
    FOLLOW_UP_OPENERS,
    MAX_FOLLOW_UP_WORDS,
    NOT_A_TOPIC,
    SURE,
    Parser,
    ranking_of,
    taken_as,
)
from bot.questions import is_question, questions, words

# FAQ topics about benefits, allowances or tax on pgb pay: a question that names a benefit is
# already where it belongs there.
BENEFIT_TOPICS = frozenset(
    f"faq_{topic}"
    for topic in (
        "pgb_not_income",
        "bijstand_sollicitatieplicht",
        "caregiver_rights_changing",
        "quit_job_to_care",
        "loonheffingskorting",
        "caregiver_income_tax",
        "toetsingsinkomen",
        "toeslagen_vermogen",
        "toeslagpartner",
        "kinderopvangtoeslag_work",
        "child_benefits_toeslagen",
    )
)
# A refusal or a lowered pgb ("de gemeente heeft mijn uren verlaagd"); "gaat mijn aow dan niet
# omlaag" names a benefit and asks about that.
LOWERED = "report_refusal"
# Whether a benefit goes down, counts or changes: "gaat die omlaag", "telt dat mee", "word ik
# gekort", "heeft dat gevolgen voor".
_BENEFIT_CHANGES = re.compile(
    r"\b(?:omlaag|lager|minder|gekort|korting|kort(?:en|t)|telt|tellen|meetellen|invloed"
    r"|gevolg\w*|verander\w*|kwijt|stopgezet|ingehouden)\b",
    re.IGNORECASE,
)
# Reporting income: "binnen hoeveel tijd moet ik dat doorgeven", "moet ik dat meteen melden".
_REPORTING = re.compile(
    r"\b(?:door\s?geven|doorgegeven|geef\w*\b.*\bdoor|meld(?:en|t)?|gemeld|opgeven)\b",
    re.IGNORECASE,
)


def named_benefits(parse: dict[str, Any]) -> set[str]:
    """The kinds of benefit entity (benefit, allowance) the message names."""
    return {e.get("entity") for e in parse.get("entities") or []} & BENEFIT_ENTITIES


def _intent(parse: dict[str, Any]) -> tuple[str | None, float]:
    intent = parse.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def lowered_benefit(parse: dict[str, Any], text: str) -> dict[str, Any] | None:
    """A question read as a lowered pgb that names a benefit ("gaat mijn aow dan niet
    omlaag") read as that benefit's question, or None."""
    if _intent(parse)[0] == LOWERED and named_benefits(parse) and is_question(text):
        return taken_as(parse, BENEFIT_QUESTION, "named_benefit")
    return None


def benefit_follow_up(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """The message read as a benefit question by the first three rules, or None."""
    intent, confidence = _intent(parse)
    lowered = lowered_benefit(parse, text)
    if lowered is not None:
        return lowered
    reporting = tracker.get_slot("topic") == BENEFIT_TOPIC and _REPORTING.search(text)
    changes = tracker.get_slot("topic") == BENEFIT_TOPIC and _BENEFIT_CHANGES.search(text)
    short = len(words(text)) <= MAX_FOLLOW_UP_WORDS
    if (reporting or changes) and short and text.lower().startswith(FOLLOW_UP_OPENERS):
        # Right after the benefit answer, "en ..." about reporting that income ("en moet hij dat
        # dan zelf doorgeven of doet de svb dat") or about the benefit changing ("en wie beslist
        # hoeveel ze korten"): still that benefit, even when the classifier is sure of another
        # topic (it took "beslist" for guardianship).
        return taken_as(
            parse, BENEFIT_QUESTION, "reporting_follow_up" if reporting else "changes_follow_up"
        )
    sure_elsewhere = confidence >= SURE and intent != BENEFIT_QUESTION
    if sure_elsewhere or not short:
        return None
    if named_benefits(parse) and _BENEFIT_CHANGES.search(text):
        # Also when the pipeline read it so, not sure: then no earlier answer's topic takes it
        # ("ik heb aow, gaat die dan omlaag" after an answer on who may help).
        return taken_as(parse, BENEFIT_QUESTION, "benefit_changes")
    if intent == BENEFIT_QUESTION:
        return None
    if reporting:
        # When and where to report the pgb income is part of that benefit's answer.
        return taken_as(parse, BENEFIT_QUESTION, "reporting_follow_up")
    return None


def _taken_elsewhere(parse: dict[str, Any]) -> bool:
    """Taken, without being sure, for a topic that is not about benefits or allowances."""
    intent, confidence = _intent(parse)
    return intent not in BENEFIT_TOPICS | NOT_A_TOPIC | {BENEFIT_QUESTION} and confidence < SURE


def _leans_to_benefits(asked: dict[str, Any]) -> bool:
    """A question that names a benefit and, read alone, has it among its two likeliest readings."""
    top = [r["name"] for r in ranking_of(asked)[:2]]
    return bool(named_benefits(asked)) and BENEFIT_QUESTION in top


async def benefit_in_question(
    parser: Parser,
    parse: dict[str, Any],
    asked: dict[str, Any],
    text: str,
    tracker: DialogueStateTracker,
) -> bool:
    """The story (`parse`) was taken elsewhere, and its question part (`asked`) leans to the
    benefit it names, or else its last question alone does when the part holds more ("zijn broer
    vraagt of mijn man via het pgb kan komen. wat gebeurt er dan met de wao": the first
    question's words pull the part elsewhere). The last question is parsed only when it could
    change the reading."""
    if not _taken_elsewhere(parse):
        return False
    if _leans_to_benefits(asked):
        return True
    asked_parts = questions(text)
    if not named_benefits(parse) or len(asked_parts) < 2:
        return False
    return _leans_to_benefits(await parser.parse_message(UserMessage(asked_parts[-1]), tracker))
