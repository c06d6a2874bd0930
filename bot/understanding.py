"""Understanding a message in its place: the question inside a story, a follow-up after an answer.

The classifier sees one message at a time and learned from short examples. People write
otherwise: several sentences of context and then the question ("... de thuiszorg komt alleen
overdag. heeft een pgb dan zin?"), or a follow-up that only makes sense after the last answer
("en als ze maar 2 maanden gaat?"). So the private channel (bot/channel.py) asks the same
trained pipeline up to two more questions before the turn is logged:

- **The question of a story.** When a message has several sentences (or a clause that starts
  a question after a comma), the question part is parsed on its own and its ranking is averaged
  with that of the whole message. The context still counts, the question counts twice.
- **A follow-up.** When the message is short, reads as a question, and the pipeline found
  nothing clear in it (a fallback, small talk, out of scope, or a detail without a question),
  it is parsed together with the person's previous message; if that is clear, its intent is
  taken. The entities stay those of the message itself: the slots already hold the rest.
- **A question that names a benefit** ("ww en pgb gaat dat samen") and is otherwise unclear is a
  question about that benefit.
- **A near tie that names something to buy** (a care item) with spending among the top two is a
  spending question.
- **A story is not steering.** Outside a check, a message of more than a few words taken for
  "stop", "back" or "start again" takes the next intent of the ranking (or is unclear); so does
  a question of six words or more.
- **Two questions in one message.** When the message asks two things and one of its question
  parts alone is clearly another FAQ topic, the parse notes it (`also_asked`) and the channel
  answers it after the first (actions/faq.py ActionAnswerAlsoAsked).
- **Being paid is a question about paying someone.** "mogen wij dan ook zelf de zorg geven en
  daarvoor betaald worden" asks whether a relative may be paid from the pgb (the `asks` phrases
  of that spending record, bot/knowledge/spending.yaml), whatever topic its other words suggest;
  an intent about pay, benefits or tax for the caregiver stays, and so does a question that does
  not ask whether it may ("telt het als inkomen als ik betaald word").
- **The answer to the bot's own question.** The verdict on paying family asks "Woont de
  zorgverlener bij u in huis?"; "ja", "ze woont bij mij in trouwens" or "hij doet vooral het
  huishouden" right after it is answered with what that means: gebruikelijke zorg.
- **A law after a spending answer.** "en bij mijn moeder dan? die heeft een wlz pgb" right after
  a spending verdict asks the same question for that law (actions/spending.py answers it).
- **Combining a benefit is a benefit question.** "ww en pgb gaat dat samen" names a benefit, not
  zorg in natura, so it is not about combining a pgb with care in kind.
- **A long story is answered.** When the pipeline falls back only because the two likeliest
  topics of a story of 15 words or more are near each other, the likelier is taken.
- **A question is not small talk.** "ok moet ik dat dan zelf doorgeven?" is not a thank-you:
  a question classified as small talk takes the next intent of the ranking.

The result is only taken when it is clear by the pipeline's own fallback settings (the top intent
at least THRESHOLD, AMBIGUITY ahead of the next); otherwise the original parse stands.
Despair (bot/components/safety.py) and button payloads are never reinterpreted; distress that
only the classifier saw, not sure of it, in a question without any feeling phrase, is.
Measured on the seen part of tests/evaluation/realistic.yml and the development set (issue 16).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.trackers import DialogueStateTracker

from bot.components.safety import feelings
from bot.pgb.spending import asked_about, match_item
from bot.questions import is_question, question_part, questions, words

# The FallbackClassifier's settings in bot/config.yml (a test checks they agree).
THRESHOLD = 0.25
AMBIGUITY = 0.05
FALLBACK = "nlu_fallback"
DISTRESS = "express_distress"
# Below this the classifier's distress on a question without any feeling phrase is a guess: true
# distress in the development and held-out sets scored 0.9 or more, "hoeveel hou ik dan over"
# 0.45.
DISTRESS_SURE = 0.6
# Intents that are never a question ("ben jij een mens?" is bot_challenge, a question).
SMALL_TALK = frozenset({"thank", "goodbye", "greet", "affirm", "deny", "say_dont_know"})
# Intents that say nothing about what a follow-up asks.
UNCLEAR = SMALL_TALK | {FALLBACK, "out_of_scope", "inform", "chitchat"}
# Steering a guided check ("stop maar"): not what "en als ze maar 2 dagen werkt" means.
STEERING = frozenset({"stop_flow", "go_back", "restart_flow"})
BENEFIT_QUESTION = "start_benefit_check"
SPENDING = "ask_spending"
BENEFIT_ENTITIES = frozenset({"benefit", "allowance"})
# Entities a bare detail is answered from directly (actions/context.py).
DETAIL_ENTITIES = frozenset({"benefit", "allowance", "care_item", "care_function"})
MAX_FOLLOW_UP_WORDS = 25
# "stop", "terug", "opnieuw" are short commands; a longer message outside a check that the
# classifier took for one is a story that happens to mention stopping.
MAX_STEERING_WORDS = 10
# A story this long with two near topics gets the likelier one, not "which of these?".
MIN_STORY_WORDS = 15
# Outside a check, a question this long is not "kan ik terug?" but a question about something.
MIN_QUESTION_WORDS = 6
FOLLOW_UP_OPENERS = ("en ", "maar ", "ook ", "dus ", "en?", "stel ")
# A second question in one message is answered after the first when the pipeline, reading that
# question alone, is at least this sure of an FAQ topic (the parse key the channel reads).
ALSO_ASKED = "also_asked"
FAQ = "faq_"
SURE = 0.85
MIN_SECOND_WORDS = 3

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
# Intents that answer a question about being paid from a pgb, or about what that pay means for
# the caregiver's benefits, allowances or tax. Not gebruikelijke zorg: the verdict on paying
# family names it, and answers "mogen wij dan daarvoor betaald worden" right after it.
ABOUT_PAY = frozenset(
    {
        SPENDING,
        BENEFIT_QUESTION,
        "faq_informal_care_pay",
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

# A verb before its subject anywhere ("ww en pgb, gaat dat samen"): loosely a question.
_INVERSION = re.compile(
    r"\b(?:gaat|mag|kan|kun|moet|telt|krijg|krijgt|heb|heeft|is|wordt|valt|zit)\s+"
    r"(?:ik|je|jij|u|we|wij|dat|het|die|dit|ze|zij|hij|er)\b",
    re.IGNORECASE,
)


class Parser(Protocol):
    async def parse_message(
        self, message: UserMessage, tracker: DialogueStateTracker | None = None
    ) -> dict[str, Any]: ...


def is_clear(ranking: list[dict[str, Any]]) -> bool:
    if not ranking or ranking[0]["name"] == FALLBACK:
        return False
    top = ranking[0]["confidence"]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    return top >= THRESHOLD and top - second >= AMBIGUITY


def _ranking(parse: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK]


def averaged(*parses: dict[str, Any]) -> list[dict[str, Any]]:
    """The intents of several parses, by their mean confidence (absent counts as 0)."""
    total: dict[str, float] = {}
    for parse in parses:
        for r in _ranking(parse):
            total[r["name"]] = total.get(r["name"], 0.0) + float(r["confidence"])
    ranked = sorted(total.items(), key=lambda item: -item[1])
    return [{"name": name, "confidence": value / len(parses)} for name, value in ranked]


def with_intent(parse: dict[str, Any], ranking: list[dict[str, Any]], how: str) -> dict[str, Any]:
    """The parse with a new intent ranking; `how` says which reading was taken (for review)."""
    return {**parse, "intent": dict(ranking[0]), "intent_ranking": ranking, "understood_by": how}


def previous_text(tracker: DialogueStateTracker) -> str | None:
    """The person's previous message, when it was written text (not a button)."""
    for event in reversed(tracker.events):
        if event.type_name == "user":
            text = getattr(event, "text", None) or ""
            return None if text.startswith("/") else text
    return None


def _is_detail(parse: dict[str, Any]) -> bool:
    intent = (parse.get("intent") or {}).get("name")
    entities = {e.get("entity") for e in parse.get("entities") or []}
    return intent == "inform" and bool(entities & DETAIL_ENTITIES)


def _unsure_distress(parse: dict[str, Any], text: str) -> bool:
    """A practical question the classifier half took for distress ("hoeveel hou ik dan over").

    Only when the safety net found no despair, grief or exhaustion phrase in it and the
    classifier is not sure; a message that shows any feeling keeps 113 and a person.
    """
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    return confidence < DISTRESS_SURE and is_question(text) and not feelings(text)


def _reads_as_follow_up(text: str, intent: str | None, in_check: bool) -> bool:
    """Short, and a question or "en ..." ; or anything short the pipeline could not place
    ("ik word er zelf ook uit betaald, 10 uur per week"); or, outside a check, a short
    statement that adds a fact to the last question ("we hebben wel samen een koophuis").
    Inside a check such a statement answers the check's question."""
    plain = text.strip().lower()
    return len(words(plain)) <= MAX_FOLLOW_UP_WORDS and (
        intent == FALLBACK
        or is_question(plain)
        or plain.startswith(FOLLOW_UP_OPENERS)
        or (intent == "inform" and not in_check)
    )


async def parse_in_context(
    parser: Parser, message: UserMessage, tracker: DialogueStateTracker
) -> dict[str, Any]:
    """Parse a message as the pipeline does, then read it in its place (see the module doc),
    and note a second question it asks (ALSO_ASKED)."""
    parse = await _read_in_context(parser, message, tracker)
    parse = _about_pay(parse, message.text or "", tracker)
    second = await second_question(parser, parse, message.text or "", tracker)
    return {**parse, ALSO_ASKED: second} if second else parse


def _ran_last_turn(tracker: DialogueStateTracker, action: str) -> bool:
    """Whether the bot ran `action` after the person's previous message."""
    for event in reversed(tracker.events):
        if event.type_name == "user":
            return False
        if getattr(event, "action_name", None) == action:
            return True
    return False


def _answer_to_family_question(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "ze woont bij mij" right after the family verdict asked whether the caregiver lives in."""
    intent = (parse.get("intent") or {}).get("name")
    last_item = tracker.get_slot("spending_last_item")
    if not last_item or not _ran_last_turn(tracker, SPENDING_ANSWER) or is_question(text):
        return None
    if intent != "affirm" and not _LIVES_WITH.search(text):
        return None
    record = match_item(str(last_item))
    if record is None or record.id != FAMILY_CAREGIVER:
        return None
    lives = {"name": LIVING_TOGETHER, "confidence": 1.0}
    return with_intent(parse, [lives, *_ranking(parse)], "answer_to_family_question")


def _law_after_spending_answer(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "en bij mijn moeder dan? die heeft een wlz pgb" right after a spending verdict."""
    intent = (parse.get("intent") or {}).get("name")
    kinds = {e.get("entity") for e in parse.get("entities") or []}
    if (
        tracker.get_slot("spending_last_item")
        and _ran_last_turn(tracker, SPENDING_ANSWER)
        and kinds & LAW_ENTITIES
        and len(words(text)) <= MAX_FOLLOW_UP_WORDS
        and (intent in LAW_FOLLOW_UP_INTENTS or text.lower().startswith(FOLLOW_UP_OPENERS))
    ):
        spending = {"name": SPENDING, "confidence": 1.0}
        others = [r for r in _ranking(parse) if r["name"] != SPENDING]
        return with_intent(parse, [spending, *others], "law_follow_up")
    return None


def _combined_benefit(
    parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> dict[str, Any] | None:
    """ "ww en pgb gaat dat samen": a benefit, not care in kind, is combined with the pgb."""
    intent = (parse.get("intent") or {}).get("name")
    kinds = {e.get("entity") for e in parse.get("entities") or []}
    if intent == COMBINE and kinds & BENEFIT_ENTITIES and not _IN_KIND.search(text):
        asked = {"name": BENEFIT_QUESTION, "confidence": 1.0}
        return with_intent(parse, [asked, *_ranking(parse)], "named_benefit")
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
    spending = [r for r in _ranking(parse) if r["name"] == SPENDING]
    others = [r for r in _ranking(parse) if r["name"] != SPENDING]
    paid = spending[:1] or [{"name": SPENDING, "confidence": 1.0}]
    return with_intent(parse, paid + others, "paid_person")


# Read in order after the rest; the first that applies decides (see the module doc).
_AFTER_THE_REST = (
    _answer_to_family_question,
    _law_after_spending_answer,
    _combined_benefit,
    _paid_person,
)


def _about_pay(parse: dict[str, Any], text: str, tracker: DialogueStateTracker) -> dict[str, Any]:
    """Paying a relative, the answer to the family verdict's question, a law after a spending
    answer, and combining a benefit; never for buttons, despair or inside a check."""
    intent = (parse.get("intent") or {}).get("name")
    if text.startswith("/") or intent == DISTRESS or tracker.active_loop_name:
        return parse
    for rule in _AFTER_THE_REST:
        read = rule(parse, text, tracker)
        if read is not None:
            return read
    return parse


async def second_question(
    parser: Parser, parse: dict[str, Any], text: str, tracker: DialogueStateTracker
) -> str | None:
    """The FAQ topic of another question in the same message ("moet ik het pgb opgeven bij de
    belasting? en kan ik de eigen bijdrage aftrekken?"), when the pipeline is sure of it on its
    own and it is not what the message was taken for; the channel answers it after the first."""
    intent = (parse.get("intent") or {}).get("name")
    if text.startswith("/") or intent in UNCLEAR or intent == DISTRESS:
        return None
    asked = [p for p in questions(text) if is_question(p) and len(words(p)) >= MIN_SECOND_WORDS]
    if len(asked) < 2 or tracker.active_loop_name:
        return None
    for piece in asked:
        ranking = _ranking(await parser.parse_message(UserMessage(piece), tracker))
        if not is_clear(ranking):
            continue
        top = ranking[0]
        if top["name"].startswith(FAQ) and top["name"] != intent and top["confidence"] >= SURE:
            return str(top["name"])
    return None


async def _read_in_context(
    parser: Parser, message: UserMessage, tracker: DialogueStateTracker
) -> dict[str, Any]:
    parse = await parser.parse_message(message, tracker)
    text = message.text or ""
    intent = (parse.get("intent") or {}).get("name")
    if text.startswith("/"):
        return parse
    if intent == DISTRESS:
        if not _unsure_distress(parse, text):
            return parse
        rest = [r for r in _ranking(parse) if r["name"] != DISTRESS]
        if not is_clear(rest):
            rest = [{"name": FALLBACK, "confidence": 1.0}, *rest]
        parse = with_intent(parse, rest, "question_not_distress")
        intent = parse["intent"]["name"]

    # Outside a check there is nothing to steer: a story is not "stop", and "krijg ik nog iets
    # voor de laatste maand" is not "go back" (unclear otherwise, it is read as a follow-up).
    if intent in STEERING and not tracker.active_loop_name:
        said = len(words(text))
        rest = [r for r in _ranking(parse) if r["name"] not in STEERING]
        asks = is_question(text) and said >= MIN_QUESTION_WORDS
        if said > MAX_STEERING_WORDS or asks:
            if not is_clear(rest):
                rest = [{"name": FALLBACK, "confidence": 1.0}, *rest]
            parse = with_intent(parse, rest, "story_not_steering")
            intent = parse["intent"]["name"]

    focus = question_part(text)
    if focus:
        asked = await parser.parse_message(UserMessage(focus), tracker)
        ranking = averaged(parse, asked)
        if is_clear(ranking) and ranking[0]["name"] not in UNCLEAR:
            if ranking[0]["name"] != intent:
                return with_intent(parse, ranking, "question_part")
            return parse

    steering = intent in STEERING and text.lower().startswith(FOLLOW_UP_OPENERS)
    if (
        (intent in UNCLEAR or steering)
        and not _is_detail(parse)
        and _reads_as_follow_up(text, intent, in_check=bool(tracker.active_loop_name))
    ):
        before = previous_text(tracker)
        if before:
            joined = await parser.parse_message(UserMessage(f"{before} {text}"), tracker)
            ranking = _ranking(joined)
            if is_clear(ranking) and ranking[0]["name"] not in UNCLEAR:
                return with_intent(parse, ranking, "follow_up")

    kinds = {e.get("entity") for e in parse.get("entities") or []}
    ranking = _ranking(parse)
    near_spending = SPENDING in [r["name"] for r in ranking[:2]]
    if intent == FALLBACK and "care_item" in kinds and near_spending:
        # "mag ik een administratiekantoor ... betalen uit mijn pgb": a near tie that names
        # something to buy is a spending question (answered for that item).
        spending = [r for r in ranking if r["name"] == SPENDING]
        others = [r for r in ranking if r["name"] != SPENDING]
        return with_intent(parse, spending + others, "named_item")

    named = kinds & BENEFIT_ENTITIES
    if intent in UNCLEAR - {"inform"} and named and (is_question(text) or _INVERSION.search(text)):
        # "ww en pgb gaat dat samen": a question that names a benefit or allowance is a question
        # about it (answered first from what it names: actions/benefits.py).
        asked = {"name": BENEFIT_QUESTION, "confidence": 1.0}
        return with_intent(parse, [asked, *_ranking(parse)], "named_benefit")

    ranking = _ranking(parse)
    if (
        intent == FALLBACK
        and len(words(text)) >= MIN_STORY_WORDS
        and ranking
        and ranking[0]["confidence"] >= THRESHOLD
        and ranking[0]["name"] not in UNCLEAR
    ):
        # A long story whose two likeliest topics are near: answering the likelier helps more
        # than asking which of two it was (the person wrote it all out already).
        return with_intent(parse, ranking, "story_near_tie")

    if intent in SMALL_TALK and is_question(text):
        ranking = [r for r in _ranking(parse) if r["name"] not in SMALL_TALK]
        if ranking and ranking[0]["confidence"] >= THRESHOLD:
            return with_intent(parse, ranking, "question_not_small_talk")
        # Better to ask what was meant than to say "graag gedaan" to a question.
        unsure = [{"name": FALLBACK, "confidence": 1.0}, *ranking]
        return with_intent(parse, unsure, "question_not_small_talk")
    return parse
