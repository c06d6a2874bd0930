"""'Is een pgb iets voor mij?': fill the suitability form and give the advice of bot.pgb."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    LAW_BY_ASSESSOR,
    UNKNOWN,
    entity_values,
    intent_of,
    law_from,
    law_of,
    said_dont_know,
    slot_list,
)
from actions.feelings import acknowledge
from actions.guided_form import GuidedFormValidation
from actions.presenting import bullet_points, say_law_note, say_note, source_values
from actions.settings import local_areas
from bot.pgb import (
    CareFunction,
    CaregiverSource,
    DutiesBy,
    ReasonCode,
    SuitabilityAnswers,
    assess_suitability,
)
from bot.pgb.knowledge import get_text, load_knowledge
from bot.pgb.provenance import provenance

NOT_NEEDED = "not_needed"
# NLU values (data/nlu/synonyms.yml) to the care functions of bot.pgb.
CARE_FUNCTIONS = {
    "persoonlijke_verzorging": CareFunction.PERSOONLIJKE_VERZORGING,
    "verpleging": CareFunction.VERPLEGING,
    "begeleiding": CareFunction.BEGELEIDING_INDIVIDUEEL,
    "dagbesteding": CareFunction.BEGELEIDING_GROEP,
    "kortdurend_verblijf": CareFunction.LOGEREN,
    "huishoudelijke_hulp": CareFunction.HUISHOUDELIJKE_HULP,
    "hulpmiddel": CareFunction.HULPMIDDEL,
}
CAREGIVERS = {
    "netwerk": CaregiverSource.OWN_NETWORK,
    "professional": CaregiverSource.PROFESSIONALS,
    "beide": CaregiverSource.BOTH,
}
DUTIES = {
    "zelf": DutiesBy.SELF,
    "vertegenwoordiger": DutiesBy.REPRESENTATIVE,
    "niemand": DutiesBy.NOBODY,
}


def _law(tracker: Tracker) -> str | None:
    if tracker.get_slot("requested_slot") == "law" and said_dont_know(tracker):
        return UNKNOWN
    return law_from(tracker)


def _assessor(tracker: Tracker) -> str | None:
    if tracker.get_slot("requested_slot") == "assessor" and said_dont_know(tracker):
        return UNKNOWN
    found = entity_values(tracker, "assessor")
    return found[0] if found else None


def _care_functions(tracker: Tracker) -> list[str] | None:
    found = [v for v in entity_values(tracker, "care_function") if v in CARE_FUNCTIONS]
    return found or None


def _care_giver(tracker: Tracker) -> str | None:
    found = [v for v in entity_values(tracker, "care_giver") if v in CAREGIVERS]
    if len(set(found)) > 1:
        return "beide"
    if found:
        return found[0]
    if tracker.get_slot("requested_slot") == "care_giver" and said_dont_know(tracker):
        return UNKNOWN
    return None


def _administrator(tracker: Tracker) -> str | None:
    found = [v for v in entity_values(tracker, "administrator") if v in DUTIES]
    if found:
        return found[0]
    if tracker.get_slot("requested_slot") == "administrator" and said_dont_know(tracker):
        return UNKNOWN
    return None


def _pgb_reasons(tracker: Tracker) -> list[str] | None:
    codes = {r.value for r in ReasonCode}
    found = [v for v in entity_values(tracker, "pgb_reason") if v in codes]
    if not found and tracker.get_slot("requested_slot") == "pgb_reasons":
        # Any other answer to "why" is still a reason; bot.pgb treats it as 'other'.
        text = (tracker.latest_message.get("text") or "").strip()
        return [ReasonCode.OTHER.value] if text and not said_dont_know(tracker) else None
    return found or None


SUMMARY = "pgb_or_natura"  # bot/knowledge/texts.yaml
YES_NO = {"affirm": "ja", "deny": "nee", "say_dont_know": UNKNOWN}
NETWORK = frozenset({"netwerk", "beide"})


def _yes_no(slot: str) -> Callable[[Tracker], str | None]:
    def extract(tracker: Tracker) -> str | None:
        if tracker.get_slot("requested_slot") != slot:
            return None
        return YES_NO.get(intent_of(tracker) or "")

    return extract


class ValidateSuitabilityForm(GuidedFormValidation):
    extractors = {
        "law": _law,
        "assessor": _assessor,
        "care_functions": _care_functions,
        "care_giver": _care_giver,
        "caregiver_lives_in": _yes_no("caregiver_lives_in"),
        "mantelzorger_overloaded": _yes_no("mantelzorger_overloaded"),
        "administrator": _administrator,
        "representative_is_caregiver": _yes_no("representative_is_caregiver"),
        "pgb_reasons": _pgb_reasons,
    }
    yes_no_slots = frozenset(
        {"caregiver_lives_in", "mantelzorger_overloaded", "representative_is_caregiver"}
    )

    def name(self) -> str:
        return "validate_suitability_form"

    def extract(self, tracker: Tracker, requested: str | None) -> dict[str, Any]:
        found = super().extract(tracker, requested)
        law = found.get("law", tracker.get_slot("law"))
        assessor = found.get("assessor")
        if assessor in LAW_BY_ASSESSOR:
            found["law"] = LAW_BY_ASSESSOR[assessor]
        elif law and law != UNKNOWN and not tracker.get_slot("assessor"):
            # The assessor question only helps when the person does not know the law.
            found["assessor"] = NOT_NEEDED
        # Whether the caregiver lives in, whether the mantelzorger copes and whether the
        # representative is the caregiver matter only when someone the person knows gives care.
        giver = found.get("care_giver", tracker.get_slot("care_giver"))
        administrator = found.get("administrator", tracker.get_slot("administrator"))
        if giver and giver not in NETWORK:
            found.setdefault("caregiver_lives_in", NOT_NEEDED)
            found.setdefault("mantelzorger_overloaded", NOT_NEEDED)
        if (giver and giver not in NETWORK) or (
            administrator and administrator != "vertegenwoordiger"
        ):
            found.setdefault("representative_is_caregiver", NOT_NEEDED)
        return found


def answers_from(tracker: Tracker) -> SuitabilityAnswers:
    law = tracker.get_slot("law")
    return SuitabilityAnswers(
        law=law_of(law),
        care_needed=frozenset(
            CARE_FUNCTIONS[v] for v in slot_list(tracker, "care_functions") if v in CARE_FUNCTIONS
        ),
        caregivers=CAREGIVERS.get(tracker.get_slot("care_giver"), CaregiverSource.UNKNOWN),
        duties_by=DUTIES.get(tracker.get_slot("administrator"), DutiesBy.UNKNOWN),
        reasons=frozenset(
            ReasonCode(v)
            for v in slot_list(tracker, "pgb_reasons")
            if v in ReasonCode._value2member_map_
        ),
        caregiver_lives_with_zorgvrager=tracker.get_slot("caregiver_lives_in") == "ja",
        mantelzorger_overloaded=tracker.get_slot("mantelzorger_overloaded") == "ja",
        # A representative who gives the care is paid for it from the pgb.
        representative_is_caregiver=tracker.get_slot("representative_is_caregiver") == "ja",
        representative_wants_pay=tracker.get_slot("representative_is_caregiver") == "ja",
    )


class ActionSuitabilityAdvice(Action):
    def name(self) -> str:
        return "action_suitability_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        advice = assess_suitability(answers_from(tracker), local_areas=local_areas())
        every_item = (*advice.reasons, *advice.risks, *advice.next_steps, advice.combine_natura)
        combine = (advice.combine_natura,) if advice.suggest_combination else ()
        shown = (*advice.reasons, *advice.risks, *advice.next_steps, *combine)
        # The records the advice comes from, for the api's "did this help?" (bot/channel.py).
        dispatcher.utter_message(
            response=f"utter_advice_fit_{advice.fit.value}",
            knowledge=[item.id for item in shown if item.id],
        )
        for section, items in (
            ("reasons", advice.reasons),
            ("risks", advice.risks),
            ("next_steps", advice.next_steps),
        ):
            if items:
                dispatcher.utter_message(
                    response=f"utter_advice_{section}", points=bullet_points(items)
                )
        if advice.suggest_combination and advice.combine_natura.text:
            dispatcher.utter_message(
                response="utter_advice_combine", text=advice.combine_natura.text
            )
        refs = [ref for item in every_item for ref in item.sources]
        if refs:
            dispatcher.utter_message(response="utter_advice_sources", **source_values(refs))
        if advice.offer_advisor:
            dispatcher.utter_message(response="utter_offer_advisor")
        else:
            dispatcher.utter_message(response="utter_offer_more")
        return []


class ActionAnswerSuitabilityQuestion(Action):
    """ "Is een pgb iets voor ons?": first the short answer (what a pgb gives and asks, and zorg
    in natura), then the offer of the guided check."""

    def name(self) -> str:
        return "action_answer_suitability_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(dispatcher, tracker)
        kb = load_knowledge()
        record = kb.get(SUMMARY)
        dispatcher.utter_message(
            response="utter_suitability_summary",
            text_summary=get_text(SUMMARY, kb),
            line=provenance(kb.source_refs(record))["line"],
        )
        law = law_of(law_from(tracker) or tracker.get_slot("law"))
        if law is not None:
            say_law_note(dispatcher, tracker, "what_is_pgb", law.value)
        if "waiting_list" in entity_values(tracker, "pgb_reason"):
            # "de gemeente zegt neem maar een pgb, er is een wachtlijst": a pgb is a choice.
            say_note(dispatcher, tracker, "pgb_not_for_waiting_lists")
        dispatcher.utter_message(response="utter_offer_suitability_check")
        return [SlotSet("topic", "suitability")]
