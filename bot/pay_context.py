"""Reading a message against the last spending answer and what paying someone means.

Read after the rest of bot/understanding.py, in order; the first rule that applies decides:

- **The answer to the bot's own question.** The verdict on paying family asks "Woont de
  zorgverlener bij u in huis?"; "ja", "ze woont bij mij in trouwens" or "hij doet vooral het
  huishouden" right after it is answered with what that means: gebruikelijke zorg.
- **A law after a spending answer.** "en bij mijn moeder dan? die heeft een wlz pgb" right after
  a spending verdict asks the same question for that law (actions/spending.py answers it).
- **Already paid, after a spending answer.** "wat als ik het al gedaan heb" right after a spending
  verdict asks that question again, with what happens when it was paid anyway unless the verdict
  said it may be paid (the financier can stop the pgb or reclaim the money).
- **"maakt dat uit?" after an answer.** "hij heeft trouwens een wlz indicatie, maakt dat uit?"
  adds a fact and asks whether it changes the last answer: that question again, with what the
  message names (a law for a spending verdict; the law or agreement for an FAQ answer).
- **A law after an answer that differs per law.** "en mijn vader heeft wlz, betaalt die wel?"
  right after the answer on the eigen bijdrage asks it again for the Wlz (actions/faq.py answers
  with that law's text), not who pays a pgb.
- **An amount of what was just answered.** "hoeveel is dat dan", "hoeveel gaat die dan omhoog"
  right after an answer asks how much the thing of that answer is: its answer again (which says
  who calculates it), and bot/person.py decides whether a person works it out. The classifier
  took such a question for the informal tariff, the topic of most amount questions it learned.
- **An agreement after the answer on a sick or holidaying caregiver.** "ze heeft een familie
  overeenkomst, maakt dat nog uit?" right after it asks the same question for that agreement
  (actions/faq.py answers with the answer's text_opdracht).
- **Combining a benefit is a benefit question.** "ww en pgb gaat dat samen" names a benefit, not
  zorg in natura, so it is not about combining a pgb with care in kind.
- **"ik word er zelf uit betaald" after an answer** says the writer is the paid caregiver: what
  that pay means for them is answered, for the benefits and allowances named before it, else
  for tax (pay from a pgb is the caregiver's taxed income).
- **Building a pension.** "bouw ik pensioen op als ik via het pgb voor mijn moeder zorg?" is
  answered by the answer on pgb income, which says that pay from a pgb builds no pension; the
  benefit question's answer says it too, so that reading stays.
- **Being paid is a question about paying someone.** "mogen wij dan ook zelf de zorg geven en
  daarvoor betaald worden" asks whether a relative may be paid from the pgb (the `asks` phrases
  of that spending record, bot/knowledge/spending.yaml), whatever topic its other words suggest;
  an intent about pay, benefits or tax for the caregiver stays, and so does a question that does
  not ask whether it may ("telt het als inkomen als ik betaald word").

Never for buttons, despair or inside a check.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.shared.core.trackers import DialogueStateTracker

from bot.parses import (
    AGREEMENT_TOPICS,
    BENEFIT_ENTITIES,
    BENEFIT_QUESTION,
    FAQ,
    FAQ_ANSWER,
    FOLLOW_UP_OPENERS,
    LAW_FOLLOW_UP,
    MAX_FOLLOW_UP_WORDS,
    OPDRACHT,
    PAID_ALREADY,
    SAFETY,
    SPENDING,
    UNCLEAR,
    ran_since_last_message,
    ranking_of,
    taken_as,
    with_intent,
)
from bot.pgb import get_answer
from bot.pgb.schema_fields import LAW_TEXT_FIELDS
from bot.pgb.spending import asked_about, match_item
from bot.questions import is_question, questions, words

# The spending record about paying a relative or friend (bot/knowledge/spending.yaml), the action
# that answers it, and the answer to its question "does the caregiver live with you?".
FAMILY_CAREGIVER = "spend_family_caregiver"
SPENDING_ANSWER = "action_answer_spending"
LIVING_TOGETHER = "faq_gebruikelijke_zorg"
_LIVES_WITH = re.compile(
    r"\b(?:woont|wonen|woon)\b.*\b(?:bij (?:mij|me|ons)|in huis|thuis)\b"
    r"|\b(?:huisgenoot|huisgenoten|inwonend|inwonende|samenwonen|samen wonen|huishouden)\b",
    re.IGNORECASE,
)
# "mag ik ... betaald worden": asking whether it is allowed ("telt het als inkomen als ik betaald
# word" asks something else).
MAY = frozenset({"mag", "mogen", "kan", "kun", "kunnen"})
# Entities that name a law, directly or through who pays or assesses (actions/answers.law_from).
LAW_ENTITIES = frozenset({"law", "financier", "assessor"})
# What a follow-up that only adds a law is often taken for.
LAW_FOLLOW_UP_INTENTS = UNCLEAR | {"faq_which_financier", SPENDING}
COMBINE = "faq_combine_natura"
_IN_KIND = re.compile(r"natura|thuiszorg|\bzin\b|zorgaanbieder|zorginstelling", re.IGNORECASE)
# "ik word er zelf ook uit betaald", "ik ben degene die betaald wordt": the writer is the paid
# caregiver (a statement; "mag ik betaald worden" asks whether, see _paid_person).
_I_AM_PAID = re.compile(
    r"\bik (?:word|ben) (?:\w+ ){0,5}betaald\b"
    r"|\bik krijg (?:\w+ ){0,3}(?:loon|salaris) (?:uit|van|via)\b",
    re.IGNORECASE,
)
INCOME_TAX = "faq_caregiver_income_tax"
# Intents that answer a question about being paid from a pgb, or about what that pay means for
# the caregiver's benefits, allowances or tax. Not gebruikelijke zorg: the verdict on paying
# family names it, and answers "mogen wij dan daarvoor betaald worden" right after it. Not the
# informal tariff either: "mag ik mijn zoon betalen uit mijn pgb?" asks whether, and the family
# verdict says it, with the tariff and its question whether he lives in.
ABOUT_PAY = frozenset(
    {
        SPENDING,
        BENEFIT_QUESTION,
        "faq_family_agreement_who",
        "faq_motiveringsplicht",
        "faq_contract_types",
        "faq_quit_job_to_care",
        "faq_caregiver_income_tax",
        "faq_loonheffingskorting",
        "faq_toeslagpartner",
        "faq_bijstand_sollicitatieplicht",
        "faq_child_benefits_toeslagen",
        "faq_kinderopvangtoeslag_work",
    }
)


def _answered_spending(tracker: DialogueStateTracker) -> bool:
    """Whether the bot gave a spending verdict since the person's last message."""
    return bool(tracker.get_slot("spending_last_item")) and ran_since_last_message(
        tracker, SPENDING_ANSWER
    )


def _answer_to_family_question(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "ze woont bij mij" right after the family verdict asked whether the caregiver lives in."""
    intent = (parse.get("intent") or {}).get("name")
    last_item = tracker.get_slot("spending_last_item")
    if not last_item or not ran_since_last_message(tracker, SPENDING_ANSWER) or is_question(text):
        return None
    if intent != "affirm" and not _LIVES_WITH.search(text):
        return None
    record = match_item(str(last_item))
    if record is None or record.id != FAMILY_CAREGIVER:
        return None
    return taken_as(parse, LIVING_TOGETHER, "answer_to_family_question")


def _law_after_spending_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "en bij mijn moeder dan? die heeft een wlz pgb" right after a spending verdict."""
    intent = (parse.get("intent") or {}).get("name")
    kinds = {e.get("entity") for e in parse.get("entities") or []}
    if (
        _answered_spending(tracker)
        and kinds & LAW_ENTITIES
        and len(words(text)) <= MAX_FOLLOW_UP_WORDS
        and (intent in LAW_FOLLOW_UP_INTENTS or text.lower().startswith(FOLLOW_UP_OPENERS))
    ):
        return taken_as(parse, SPENDING, LAW_FOLLOW_UP)
    return None


# "wat als ik het al gedaan heb", "ik heb hem toch al gekocht": it was bought or paid already.
_ALREADY_PAID = re.compile(
    r"\b(?:al|toch|allang|reeds)\b(?: \w+){0,3} "
    r"(?:gedaan|gekocht|betaald|besteld|uitgegeven|aangeschaft|gedeclareerd)\b",
    re.IGNORECASE,
)


def _paid_already_after_spending_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "wat als ik het al gedaan heb" right after a spending verdict."""
    if (
        _answered_spending(tracker)
        and len(words(text)) <= MAX_FOLLOW_UP_WORDS
        and _ALREADY_PAID.search(text)
    ):
        # The last question again (actions/spending.py reads the reading's name).
        return taken_as(parse, SPENDING, PAID_ALREADY)
    return None


def _answered_topic(tracker: DialogueStateTracker) -> str | None:
    """The FAQ topic ("faq_<id>") the bot answered since the person's last message, if any."""
    topic = str(tracker.get_slot("topic") or "")
    if topic.startswith(FAQ) and ran_since_last_message(tracker, FAQ_ANSWER):
        return topic
    return None


# "maakt dat (nog) uit?", "maakt het verschil", "verandert dat iets?", "geldt dat dan ook?"
_CHANGES_IT = re.compile(
    r"\b(?:maakt (?:dat|het) (?:nog |iets |wat )?(?:uit|verschil)"
    r"|verandert (?:dat|het) (?:nog )?(?:iets|wat)|geldt dat (?:dan )?ook)\W*$",
    re.IGNORECASE,
)
MAX_CHANGES_IT_WORDS = 15


def _changes_the_last_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "hij heeft trouwens een wlz indicatie, maakt dat uit?" right after a spending verdict or
    an FAQ answer: that question again, also when the pipeline is sure the added fact is about
    something else (here: living at home with a Wlz indication). The question must end the
    message: "maakt dat uit voor de eigen bijdrage?" names its own topic."""
    if len(words(text)) > MAX_CHANGES_IT_WORDS or not _CHANGES_IT.search(text):
        return None
    if _answered_spending(tracker):
        return taken_as(parse, SPENDING, LAW_FOLLOW_UP)
    topic = _answered_topic(tracker)
    return taken_as(parse, topic, "changes_the_last_answer") if topic else None


def _has_law_versions(topic: str) -> bool:
    """Whether the FAQ answer of `topic` ("faq_<id>") has a text for a particular law."""
    try:
        answer = get_answer(topic.removeprefix(FAQ))
    except LookupError:
        return False
    return any(answer.get(field) for field in LAW_TEXT_FIELDS)


def _law_after_faq_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "en mijn vader heeft wlz, betaalt die wel?" right after an answer with a text per law."""
    intent = (parse.get("intent") or {}).get("name")
    topic = _answered_topic(tracker)
    kinds = {e.get("entity") for e in parse.get("entities") or []}
    if (
        topic
        and kinds & LAW_ENTITIES
        and len(words(text)) <= MAX_FOLLOW_UP_WORDS
        and (intent in LAW_FOLLOW_UP_INTENTS or text.lower().startswith(FOLLOW_UP_OPENERS))
        and intent != topic
        and _has_law_versions(topic)
    ):
        return taken_as(parse, topic, "law_after_faq_answer")
    return None


# "hoeveel is dat dan", "en hoe hoog is die bijdrage", "wat kost dat": an amount of something
# pointed back to ("hoeveel krijg ik dan" asks a new question).
_AMOUNT_OF_THAT = re.compile(
    r"^(?:(?:en|maar|ok\w*|oke),? )?(?:hoeveel|hoe ?veel|hoe hoog|wat kost)\b"
    r"(?: \w+)?? (?:dat|die|dit|het)\b",
    re.IGNORECASE,
)
MAX_AMOUNT_WORDS = 12


def _amount_after_faq_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "hoeveel is dat dan" right after an answer: the amount of what it answered."""
    intent = (parse.get("intent") or {}).get("name")
    topic = _answered_topic(tracker)
    if (
        topic
        and len(words(text)) <= MAX_AMOUNT_WORDS
        and _AMOUNT_OF_THAT.search(text.strip())
        and intent != topic
    ):
        return taken_as(parse, topic, "amount_after_answer")
    return None


def _agreement_after_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "ze heeft een familie overeenkomst, ze is mijn zus. maakt dat nog uit?" right after the
    answer on a sick or holidaying caregiver asks that question again for that agreement."""
    topic = tracker.get_slot("topic")
    if (
        topic in AGREEMENT_TOPICS
        and ran_since_last_message(tracker, FAQ_ANSWER)
        and len(words(text)) <= MAX_FOLLOW_UP_WORDS
        and OPDRACHT.search(text.lower())
    ):
        return taken_as(parse, str(topic), "agreement_follow_up")
    return None


def _combined_benefit(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "ww en pgb gaat dat samen": a benefit, not care in kind, is combined with the pgb."""
    intent = (parse.get("intent") or {}).get("name")
    kinds = {e.get("entity") for e in parse.get("entities") or []}
    if intent == COMBINE and kinds & BENEFIT_ENTITIES and not _IN_KIND.search(text):
        return taken_as(parse, BENEFIT_QUESTION, "named_benefit")
    return None


def _named_before(tracker: DialogueStateTracker) -> list[dict[str, Any]]:
    """The benefits and allowances the person's earlier messages named (their entities)."""
    named: list[dict[str, Any]] = []
    for event in tracker.events:
        if event.type_name == "user":
            entities = (getattr(event, "parse_data", None) or {}).get("entities") or []
            named += [e for e in entities if e.get("entity") in BENEFIT_ENTITIES]
    return named


def _paid_caregiver_after_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "en ik word er zelf uit betaald, 15 uur per week" after an answer (the hours made it a
    question about holiday hours): what the pay means for the writer, for the benefits and
    allowances named in the conversation, else for tax."""
    intent = (parse.get("intent") or {}).get("name")
    if (
        intent in ABOUT_PAY
        or not tracker.get_slot("topic")
        or len(words(text)) > MAX_FOLLOW_UP_WORDS
        or not _I_AM_PAID.search(text)
        or any(MAY & set(words(p)) for p in questions(text) if is_question(p))
    ):
        return None
    entities = list(parse.get("entities") or [])
    if not any(e.get("entity") in BENEFIT_ENTITIES for e in entities):
        entities += _named_before(tracker)
    named = any(e.get("entity") in BENEFIT_ENTITIES for e in entities)
    # Only the chosen reading: the holiday hours it replaced are no "Of bedoelt u".
    answer = BENEFIT_QUESTION if named else INCOME_TAX
    read = with_intent(parse, [{"name": answer, "confidence": 1.0}], "paid_caregiver")
    return {**read, "entities": entities}


# "bouw ik pensioen op", "en bouw ik dan ook pensioen op", "hoe zit het met mijn pensioenopbouw"
_PENSION = re.compile(r"\bbouw\w*\b.*\bpensioen\w*\b.*\bop\b|\bpensioen\s?opbouw", re.IGNORECASE)
PGB_INCOME = "faq_pgb_not_income"


def _pension_question(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "bouw ik pensioen op als ik uit het pgb betaald word": the answer on pgb income."""
    intent = (parse.get("intent") or {}).get("name")
    asked = [p for p in questions(text) if is_question(p) and _PENSION.search(p)]
    if asked and intent not in (PGB_INCOME, BENEFIT_QUESTION):
        return taken_as(parse, PGB_INCOME, "pension_question")
    return None


def _paid_person(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "mogen wij dan ook zelf de zorg geven en daarvoor betaald worden": paying a relative."""
    if (parse.get("intent") or {}).get("name") in ABOUT_PAY:
        return None
    asked = [p for p in questions(text) if is_question(p) and MAY & set(words(p))]
    if not any((r := asked_about(p)) is not None and r.id == FAMILY_CAREGIVER for p in asked):
        return None
    spending = [r for r in ranking_of(parse) if r["name"] == SPENDING]
    others = [r for r in ranking_of(parse) if r["name"] != SPENDING]
    paid = spending[:1] or [{"name": SPENDING, "confidence": 1.0}]
    return with_intent(parse, paid + others, "paid_person")


# Read in order after the rest; the first that applies decides (see the module doc).
_AFTER_THE_REST = (
    _answer_to_family_question,
    _law_after_spending_answer,
    _paid_already_after_spending_answer,
    _law_after_faq_answer,
    _amount_after_faq_answer,
    _agreement_after_answer,
    _changes_the_last_answer,
    _combined_benefit,
    _paid_caregiver_after_answer,
    _pension_question,
    _paid_person,
)


def read_pay_context(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any]:
    """Paying a relative, the answer to the family verdict's question, a law after a spending
    answer, and combining a benefit; never for buttons, despair or inside a check."""
    intent = (parse.get("intent") or {}).get("name")
    if text.startswith("/") or intent in SAFETY or tracker.active_loop_name:
        return parse
    for rule in _AFTER_THE_REST:
        read = rule(parse, text, tracker)
        if read is not None:
            return read
    return parse
