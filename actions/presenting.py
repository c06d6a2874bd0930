"""Format knowledge for a chat message: bullet lists, the source line, and one record said as a
note after an answer (utter_law_note; also used for the waiting-list note). No prose here: the
sentences come from bot/knowledge and the domain responses."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.pgb import SourceRef
from bot.pgb.knowledge import load_knowledge
from bot.pgb.provenance import provenance
from bot.pgb.suitability import AdviceItem

BULLET = "• "


def bullet_points(items: Iterable[AdviceItem]) -> str:
    lines = []
    for item in items:
        if item.text:
            lines.append(BULLET + item.text)
        lines.extend(BULLET + point for point in item.items)
    return "\n".join(lines)


def source_values(refs: Iterable[SourceRef]) -> dict[str, str]:
    """Values for utter_advice_sources: the source line, with a check date only for sources
    that were checked (bot.pgb.provenance). Callers send it only when there is a source."""
    return provenance(refs)


def say_note(dispatcher: CollectingDispatcher, tracker: Tracker, record_id: str) -> None:
    """One knowledge record's text and sources after an answer (utter_law_note), unless the
    bot already said that text in this conversation."""
    kb = load_knowledge()
    record = kb.get(record_id)
    say_text(dispatcher, tracker, record.text or "", kb.source_refs(record))


def say_text(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str, refs: Iterable[SourceRef]
) -> None:
    """A text and its sources after an answer (utter_law_note), unless the bot already said
    that text in this conversation."""
    if text in {e.get("text") for e in tracker.events if e.get("event") == "bot"}:
        return
    dispatcher.utter_message(response="utter_law_note", note=text)
    refs = tuple(refs)
    if refs:
        dispatcher.utter_message(response="utter_advice_sources", **source_values(refs))


# The laws with their own records in bot/knowledge/financing.yaml (law_<law>, apply_<law>).
NOTE_LAWS = frozenset({"wmo", "jeugdwet", "zvw", "wlz"})
# A general answer made specific for the law the person has (named now or earlier): what that
# law's financier does, from bot/knowledge/financing.yaml ("law_zvw": the zorgverzekeraar, and a
# wijkverpleegkundige indicates). Said once per conversation for the same text.
LAW_NOTES = {
    "how_to_apply": "apply_{law}",
    "budget_plan": "apply_{law}",
    # Whether a representative may also be the paid caregiver: so far only the Wlz's rule.
    "roles_representative": "representative_caregiver_{law}",
    **dict.fromkeys(
        (
            "which_financier",
            "combine_natura",
            "informal_care_pay",
            "change_or_end_pgb",
            "death_budget_holder",
            "refusal_reasons",
            "switch_to_natura",
            "when_care_can_start",
            "pgb_vaardigheid",
            "what_is_pgb",
        ),
        "law_{law}",
    ),
}


def say_law_note(dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, law: str) -> None:
    """The law's own facts after a general answer, unless already said in this conversation."""
    if topic in LAW_NOTES and law in NOTE_LAWS:
        record_id = LAW_NOTES[topic].format(law=law)
        if record_id in load_knowledge().records:  # not every law has a note for every topic
            say_note(dispatcher, tracker, record_id)
