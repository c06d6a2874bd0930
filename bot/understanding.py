"""Understanding a message in its place: the question inside a story, a follow-up after an answer.

The classifier sees one message at a time and learned from short examples. People write
otherwise: several sentences of context and then the question ("... de thuiszorg komt alleen
overdag. heeft een pgb dan zin?"), or a follow-up that only makes sense after the last answer
("en als ze maar 2 maanden gaat?"). So the private channel (bot/channel.py) asks the same
trained pipeline up to two more questions before the turn is logged:

- **The question of a story.** When a message has several sentences (or a clause that starts
  a question after a comma), the question part is parsed on its own and its ranking is averaged
  with that of the whole message. The context still counts, the question counts twice. Not
  when the question names its topic only by pointing back ("gaat dat vanzelf door?") and the
  story as a whole is clear: then the story says what it is about. Nor when the question asks
  whether something may be paid but nothing to buy is named anywhere, and the story is clearly
  about one topic ("... ze is zwanger. mag ik haar loon dan blijven betalen").
- **A follow-up** (which messages count as one, and the previous messages: bot/follow_ups.py).
  When the message is short, reads as a question, and the pipeline found
  nothing clear in it (a fallback, small talk, out of scope, or a detail without a question),
  it is parsed together with the person's previous message; if that is clear, its intent is
  taken (never despair or danger: those are the message's own). The entities stay those of
  the message itself: the slots already hold the rest. When the previous message was itself a
  short follow-up, the one before it is read too.
- **A story whose question names a benefit** ("... wat gebeurt er dan met de wao") is about that
  benefit when the question read alone leans that way and the story was taken, without being
  sure, for a topic that is not about benefits (bot/benefit_readings.py).
- **A question that names a benefit** ("ww en pgb gaat dat samen") and is otherwise unclear is a
  question about that benefit; so is a short one that asks whether a benefit it names goes down
  or counts ("ik heb aow, gaat die dan omlaag?"), whatever the previous answer was about; and
  so is a story its question part made a lowered pgb ("... maar gaat mijn aow dan niet omlaag").
- **A near tie that names something to buy** (a care item) with spending among the top two is a
  spending question.
- **A story is not steering.** Outside a check, a message of more than a few words taken for
  "stop", "back" or "start again" takes the next intent of the ranking (or is unclear); so does
  a question of six words or more.
- **A second answer** (bot/second_answers.py): another question the message asks, a person it
  asks for at the end of a story, or a second topic it may have meant, answered after the first.
- **A refusal, a reclaim or a dispute needs grounds** (so does the Wlz answer on living at home
  or in an institution: bot/grounds.py). The first three hand the person over without an
  answer, so when the pipeline is not sure of one and the message names no decision, reclaim or
  dispute (bot/grounds.py), the next reading of the ranking is taken.
- **Paying someone, and the last spending answer** (bot/pay_context.py): "mogen wij ...
  daarvoor betaald worden" is about paying a relative; "ze woont bij mij" answers the family
  verdict's question; a law after a spending answer asks that question again; "ww en pgb gaat
  dat samen" is about the benefit.
- **A long story is answered.** When the pipeline falls back only because the two likeliest
  topics of a story of 15 words or more are near each other, the likelier is taken.
- **A follow-up that points back.** A short message with "daar", "dan", "die", "er", "ook"
  ("en wie zorgt er dan voor mij in die tijd") that the pipeline took for another topic, sure of
  it or not, is parsed with the previous message too, and the two readings are averaged. A short
  "en als ..." ("en als het 3 maanden wordt?") asks the question before it again for another
  case: its joined reading counts twice.
- **News of a change** ("ik hoorde dat het volgend jaar anders wordt") right after an FAQ answer
  is about that answer's rule: it is answered with what is known of a change to it
  (actions/faq.py), not taken for despair or a goodbye. Not when the safety net found despair or
  a feeling in it, nor when it is about the person's own pgb (bot/follow_ups.py).
- **A question is not small talk.** "ok moet ik dat dan zelf doorgeven?" is not a thank-you:
  a question classified as small talk takes the next intent of the ranking; so does a story
  with grief or exhaustion in it ("de begrafenis was vandaag. ...") that was taken for a goodbye.

The result is only taken when it is clear by the pipeline's own fallback settings (the top intent
at least THRESHOLD, AMBIGUITY ahead of the next); otherwise the original parse stands.
Despair and danger (bot/components/safety.py) and button payloads are never reinterpreted;
distress that only the classifier saw, not sure of it, in a question, a message about a benefit or
an answer inside a guided check, without any feeling phrase, is.
Measured on the seen part of tests/evaluation/realistic.yml and the development set (issue 16).
"""

from __future__ import annotations

import re
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.trackers import DialogueStateTracker

from bot.benefit_readings import (
    benefit_follow_up,
    benefit_in_question,
    lowered_benefit,
    named_benefits,
)
from bot.components.safety import feelings
from bot.follow_ups import (
    heard_of_a_change,
    is_conditional,
    points_back,
    reads_as_follow_up,
    with_previous,
    without_safety,
)
from bot.grounds import NEEDS_GROUNDS, has_grounds
from bot.parses import (
    BENEFIT_ENTITIES,
    BENEFIT_QUESTION,
    DANGER,
    DISTRESS,
    FALLBACK,
    FAQ,
    FOLLOW_UP_OPENERS,
    HEARD_OF_A_CHANGE,
    NOT_A_TOPIC,
    REQUEST_HUMAN,
    SAFETY,
    SMALL_TALK,
    SPENDING,
    STEERING,
    SURE,
    THRESHOLD,
    UNCLEAR,
    Parser,
    averaged,
    is_clear,
    next_reading,
    ranking_of,
    taken_as,
    with_intent,
)
from bot.pay_context import read_pay_context
from bot.pgb.spending import match_item
from bot.questions import is_question, question_part, words
from bot.second_answers import ALSO_ASKED, MAYBE_MEANT, maybe_meant, second_question

# Below this the classifier's distress on a question without any feeling phrase is a guess: true
# distress in the development and held-out sets scored 0.9 or more, "hoeveel hou ik dan over"
# 0.45, and after the blind despair examples (2026-12-06) "ik heb geen volle aow ..., ik krijg
# aio erbij" 0.77. Despair the safety net found, by phrase or by meaning, has 1.0.
DISTRESS_SURE = 0.85
# "kan ik iemand spreken, ik snap die formulieren niet": asking for a person is honoured at once
# (the fact base's first situation for a person), also when the rest names a topic the
# classifier liked a little more.
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:kan|mag|kun|wil|zou) ik (?:\w+ ){0,2}(?:iemand|een mens|een medewerker|een adviseur"
    r"|een persoon|een mantelzorgmakelaar) (?:\w+ ){0,3}(?:spreken|bellen|aan de lijn)\b"
    r"|\bik wil (?:\w+ ){0,2}(?:een (?:echt )?mens|iemand) (?:\w+ ){0,2}(?:spreken|aan de lijn)\b",
    re.IGNORECASE,
)
# How high in the ranking a request for a person must be for those words to decide.
PERSON_RANK = 3
# What a spending question asks about (actions/spending.py).
ITEM_ENTITIES = frozenset({"care_item", "care_function"})
# Entities a bare detail is answered from directly (actions/context.py).
DETAIL_ENTITIES = frozenset({"benefit", "allowance", "care_item", "care_function"})
# "stop", "terug", "opnieuw" are short commands; a longer message outside a check that the
# classifier took for one is a story that happens to mention stopping.
MAX_STEERING_WORDS = 10
# "bedankt, ik ben zo moe" is a thank-you; a longer message with a feeling in it is a story.
MAX_SMALL_TALK_WORDS = 6
# A question part with one of these words names its topic by pointing back into the story; a
# story the pipeline reads this clearly then keeps its own reading.
_NAMES_BACK = re.compile(r"\b(?:dat|dit|die|deze|daar\w*|hier\w+)\b", re.IGNORECASE)
STORY_CLEAR = 0.5
# A story this long with two near topics gets the likelier one, not "which of these?".
MIN_STORY_WORDS = 15
# Outside a check, a question this long is not "kan ik terug?" but a question about something.
MIN_QUESTION_WORDS = 6
# A verb before its subject anywhere ("ww en pgb, gaat dat samen"): loosely a question.
_INVERSION = re.compile(
    r"\b(?:gaat|mag|kan|kun|moet|telt|krijg|krijgt|heb|heeft|is|wordt|valt|zit)\s+"
    r"(?:ik|je|jij|u|we|wij|dat|het|die|dit|ze|zij|hij|er)\b",
    re.IGNORECASE,
)


# "wat een gedoe zeg. ok bedankt": thanks at the very end of a message without a question mark
# close the conversation, though "wat een ..." starts like a question. Not "alvast bedankt",
# which closes a question.
_THANKS_AT_THE_END = re.compile(
    r"(?<!alvast )\b(?:bedankt|dank\s?(?:je|u)(?:\s?wel)?|dankjewel|dankuwel|thanks)\W*$",
    re.IGNORECASE,
)


def _closes_with_thanks(parse: dict[str, Any], text: str) -> bool:
    intent = (parse.get("intent") or {}).get("name")
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    sure = intent == "thank" and confidence >= SURE
    return sure and "?" not in text and bool(_THANKS_AT_THE_END.search(text.strip()))


def _safety_net_decided(parse: dict[str, Any], text: str) -> bool:
    """Despair or danger the safety net found (a phrase, or despair by meaning: it is sure), or
    any feeling phrase; the classifier's own unsure reading of distress is not."""
    intent = (parse.get("intent") or {}).get("name")
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    return (intent in SAFETY and confidence >= DISTRESS_SURE) or bool(feelings(text))


def _is_detail(parse: dict[str, Any]) -> bool:
    intent = (parse.get("intent") or {}).get("name")
    entities = {e.get("entity") for e in parse.get("entities") or []}
    return intent == "inform" and bool(entities & DETAIL_ENTITIES)


def _leans_on_story(focus: str, parse: dict[str, Any], asked: dict[str, Any]) -> bool:
    """A question part that names its topic only by pointing back ("moet ik zelf iets doen of
    gaat dat vanzelf door" after "het pgb loopt over 2 maanden af"), in a story the pipeline
    reads clearly as a whole: the story says what it is about. Not when the question part asks
    whether something may be paid from the pgb ("kan ik die met het pgb-geld voldoen?"): that
    question is its own, the story only names what."""
    ranking = ranking_of(parse)
    spending = SPENDING in [r["name"] for r in ranking_of(asked)[:2]]
    return (
        not spending
        and bool(_NAMES_BACK.search(focus))
        and bool(ranking)
        and is_clear(ranking)
        and ranking[0]["confidence"] >= STORY_CLEAR
        and ranking[0]["name"] not in NOT_A_TOPIC
    )


def _names_an_item(parse: dict[str, Any], text: str) -> bool:
    """Whether the message names something to buy: a care item or kind of care, or anything
    the spending rules know (bot.pgb.spending, as actions/spending.py finds it)."""
    tagged = any(e.get("entity") in ITEM_ENTITIES for e in parse.get("entities") or [])
    return tagged or match_item(text) is not None


def _clear_topic(parse: dict[str, Any]) -> bool:
    """Whether the pipeline is clear the message is about one FAQ topic."""
    ranking = ranking_of(parse)
    return bool(ranking) and is_clear(ranking) and str(ranking[0]["name"]).startswith(FAQ)


def _unsure_distress(parse: dict[str, Any], text: str, in_check: bool) -> bool:
    """A practical question the classifier half took for distress ("hoeveel hou ik dan over"),
    a statement about a benefit ("ik heb geen volle aow ..., ik krijg aio erbij"), or an answer
    to a guided check's question ("mijn man doet het meeste", to who will give the care: 0.52).

    Only when the safety net found no despair, grief or exhaustion phrase in it and the
    classifier is not sure; a message that shows any feeling keeps 113 and a person.
    """
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    practical = is_question(text) or bool(named_benefits(parse)) or in_check
    return confidence < DISTRESS_SURE and practical and not feelings(text)


class _EachTextOnce:
    """The pipeline, asked each text at most once while one message is read: a story's question
    part is read for the story (its question part) and again for a second question."""

    def __init__(self, parser: Parser) -> None:
        self._parser = parser
        self._parses: dict[str, dict[str, Any]] = {}

    async def parse_message(
        self, message: UserMessage, tracker: DialogueStateTracker | None = None
    ) -> dict[str, Any]:
        text = message.text or ""
        if text not in self._parses:
            self._parses[text] = await self._parser.parse_message(message, tracker)
        return self._parses[text]


async def parse_in_context(
    parser: Parser, message: UserMessage, tracker: DialogueStateTracker
) -> dict[str, Any]:
    """Parse a message as the pipeline does, then read it in its place (see the module doc),
    and note a second question it asks (ALSO_ASKED)."""
    parser = _EachTextOnce(parser)
    parse = await _read_in_context(parser, message, tracker)
    parse = read_pay_context(parse, message.text or "", tracker)
    second = await second_question(parser, parse, message.text or "", tracker)
    if second:
        return {**parse, ALSO_ASKED: second}
    maybe = maybe_meant(parse, message.text or "", tracker)
    return {**parse, MAYBE_MEANT: maybe} if maybe else parse


async def _read_in_context(
    parser: Parser, message: UserMessage, tracker: DialogueStateTracker
) -> dict[str, Any]:
    parse = await parser.parse_message(message, tracker)
    text = message.text or ""
    intent = (parse.get("intent") or {}).get("name")
    if text.startswith("/") or intent == DANGER or _closes_with_thanks(parse, text):
        return parse
    # Outside a check there is nothing to steer: a story is not "stop", and "krijg ik nog iets
    # voor de laatste maand" is not "go back" (unclear otherwise, it is read as a follow-up).
    # Before the check on distress: the next reading may be distress, and is checked like one.
    if intent in STEERING and not tracker.active_loop_name:
        said = len(words(text))
        asks = is_question(text) and said >= MIN_QUESTION_WORDS
        if said > MAX_STEERING_WORDS or asks:
            parse = next_reading(parse, STEERING, "story_not_steering")
            intent = parse["intent"]["name"]

    topic = str(tracker.get_slot("topic") or "")
    if topic.startswith(FAQ) and heard_of_a_change(text) and not _safety_net_decided(parse, text):
        # "ik hoorde dat het volgend jaar anders wordt" after the answer on the Wmo contribution.
        return taken_as(parse, topic, HEARD_OF_A_CHANGE)

    asked_for = [r["name"] for r in ranking_of(parse)[:PERSON_RANK]]
    if intent != DISTRESS and REQUEST_HUMAN in asked_for and _ASKS_FOR_A_PERSON.search(text):
        return taken_as(parse, REQUEST_HUMAN, "asks_for_a_person")

    if intent == DISTRESS:
        if not _unsure_distress(parse, text, in_check=bool(tracker.active_loop_name)):
            return parse
        parse = next_reading(parse, frozenset({DISTRESS}), "question_not_distress")
        intent = parse["intent"]["name"]

    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    if intent in NEEDS_GROUNDS and confidence < SURE and not has_grounds(intent, text):
        parse = next_reading(parse, NEEDS_GROUNDS, "no_grounds", share=True)
        intent = parse["intent"]["name"]

    follow_up = benefit_follow_up(parse, text, tracker)
    if follow_up is not None:
        return follow_up

    focus = question_part(text)
    asked = await parser.parse_message(UserMessage(focus), tracker) if focus else None
    if asked is not None and await benefit_in_question(parser, parse, asked, text, tracker):
        # "mijn man heeft een oude wao uitkering. ... kan hij via het pgb bij zijn broer
        # werken. wat gebeurt er dan met de wao": the story looked like bezwaar to the
        # classifier; the question names the benefit, and is answered for it.
        return taken_as(parse, BENEFIT_QUESTION, "benefit_in_question")
    # Outside a check a question part is not steering either ("en als de buurvrouw stopt en ze
    # thuiszorg in natura krijgt, wordt het dan meer?" is no "start again").
    not_asked = UNCLEAR if tracker.active_loop_name else UNCLEAR | STEERING
    if asked is not None and not _leans_on_story(focus or "", parse, asked):
        ranking = averaged(parse, asked)
        if is_clear(ranking) and ranking[0]["name"] not in not_asked:
            if ranking[0]["name"] == REQUEST_HUMAN and _clear_topic(parse):
                # "... hoe declareer ik de uren in het portaal. kan iemand mij daarover bellen":
                # the story is answered, then handed to a person (second_question).
                return parse
            spending = ranking[0]["name"] == SPENDING
            if spending and _clear_topic(parse) and not _names_an_item(parse, text):
                # "mijn zorgverlener is zwanger en gaat met verlof. ... mag ik haar loon dan
                # van het budget blijven betalen": nothing to buy is named, so the spending
                # check could only ask what; the story's own topic is answered.
                return parse
            if ranking[0]["name"] != intent:
                taken = with_intent(parse, ranking, "question_part")
                # "... onze dochter zegt laat je betalen. maar gaat mijn aow dan niet omlaag":
                # the question made it a lowered pgb, but it asks about the benefit it names.
                return lowered_benefit(taken, text) or taken
            return parse

    steering = intent in STEERING and text.lower().startswith(FOLLOW_UP_OPENERS)
    if (
        (intent in UNCLEAR or steering)
        and not _is_detail(parse)
        and reads_as_follow_up(text, intent, in_check=bool(tracker.active_loop_name))
    ):
        joined = await with_previous(parser, tracker, text)
        if joined:
            ranking = without_safety(ranking_of(joined))
            if is_clear(ranking) and ranking[0]["name"] not in UNCLEAR:
                return with_intent(parse, ranking, "follow_up")

    if points_back(text, parse) and not tracker.active_loop_name:
        # "en wie zorgt er dan voor mij in die tijd" after the answer on a pregnant caregiver:
        # a short message that points back, taken for another topic (sure of it or not),
        # is also read with the message before it, and the two readings are averaged (as a
        # story's question part is): a new question keeps its own topic when it is as likely.
        joined = await with_previous(parser, tracker, text)
        if joined:
            # "en als ..." asks the question before it again: the joined reading counts twice.
            readings = (parse, joined, joined) if is_conditional(text) else (parse, joined)
            ranking = without_safety(averaged(*readings))
            if is_clear(ranking) and ranking[0]["name"] not in UNCLEAR | {intent}:
                return with_intent(parse, ranking, "points_back")

    kinds = {e.get("entity") for e in parse.get("entities") or []}
    ranking = ranking_of(parse)
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
        return taken_as(parse, BENEFIT_QUESTION, "named_benefit")

    ranking = ranking_of(parse)
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

    if intent in SMALL_TALK and len(words(text)) > MAX_SMALL_TALK_WORDS and feelings(text):
        # "de begrafenis was vandaag. mijn vader. ..." is not a goodbye: a story with grief or
        # exhaustion in it takes the likeliest topic, when there is one.
        ranking = [r for r in ranking_of(parse) if r["name"] not in SMALL_TALK]
        if ranking and ranking[0]["confidence"] >= THRESHOLD:
            return with_intent(parse, ranking, "feeling_not_small_talk")

    if intent in SMALL_TALK and is_question(text):
        ranking = [r for r in ranking_of(parse) if r["name"] not in SMALL_TALK]
        if ranking and ranking[0]["confidence"] >= THRESHOLD:
            return with_intent(parse, ranking, "question_not_small_talk")
        # Better to ask what was meant than to say "graag gedaan" to a question.
        unsure = [{"name": FALLBACK, "confidence": 1.0}, *ranking]
        return with_intent(parse, unsure, "question_not_small_talk")
    return parse
