"""What being paid from a pgb means for benefits and allowances (bot.pgb.benefit_consequences)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    UNKNOWN,
    entity_values,
    intent_of,
    law_from,
    law_in_conversation,
    law_of,
    said_dont_know,
    slot_list,
)
from actions.feelings import acknowledge
from actions.guided_form import GuidedFormValidation
from actions.presenting import BULLET, source_values
from actions.settings import local_areas
from actions.spending import answer_spending
from bot.parses import BENEFIT_TOPIC
from bot.pgb import (
    Allowance,
    Benefit,
    BenefitProfile,
    Consequence,
    Severity,
    benefit_consequences,
    contact_label,
)
from bot.pgb.consequences import ContractType
from bot.pgb.spending import match_item

NONE = "geen"
# Entity values (data/nlu/synonyms.yml) to bot.pgb's enums.
BENEFITS = {b.value: b for b in Benefit if b is not Benefit.NONE} | {NONE: Benefit.NONE}
ALLOWANCES = {a.value: a for a in Allowance}


def _benefits(tracker: Tracker) -> list[str] | None:
    found = [v for v in entity_values(tracker, "benefit") if v in BENEFITS]
    if not found and tracker.get_slot("requested_slot") == "benefits":
        if intent_of(tracker) == "deny":
            return [NONE]
        if said_dont_know(tracker):
            return [UNKNOWN]
    return found or None


def _allowances(tracker: Tracker) -> list[str] | None:
    found = [v for v in entity_values(tracker, "allowance") if v in ALLOWANCES]
    if not found and tracker.get_slot("requested_slot") == "allowances":
        if intent_of(tracker) == "deny" or "geen" in (tracker.latest_message.get("text") or ""):
            return [NONE]
        if said_dont_know(tracker):
            return [UNKNOWN]
    return found or None


def _toeslagpartner(tracker: Tracker) -> str | None:
    if tracker.get_slot("requested_slot") != "toeslagpartner":
        return None
    return {"affirm": "ja", "deny": "nee", "say_dont_know": UNKNOWN}.get(intent_of(tracker) or "")


# What the person may type for the agreement with the caregiver (fact base 4.4); a zzp'er
# works on an overeenkomst van opdracht. Buttons send the values themselves.
CONTRACT_WORDS = (
    ("familie", ContractType.ZORGOVEREENKOMST_FAMILIE),
    ("arbeid", ContractType.ARBEIDSOVEREENKOMST),
    ("loondienst", ContractType.ARBEIDSOVEREENKOMST),
    ("in dienst", ContractType.ARBEIDSOVEREENKOMST),
    ("opdracht", ContractType.OPDRACHT),
    ("zzp", ContractType.OPDRACHT),
    ("zelfstandig", ContractType.OPDRACHT),
)
CONTRACTS = {c.value for c in ContractType}
NOT_APPLICABLE = "nvt"


def _contract(tracker: Tracker) -> str | None:
    for value in entity_values(tracker, "contract"):
        if value in CONTRACTS:
            return value
    if tracker.get_slot("requested_slot") != "contract":
        return None
    if said_dont_know(tracker):
        return UNKNOWN
    text = (tracker.latest_message.get("text") or "").lower()
    return next((c.value for word, c in CONTRACT_WORDS if word in text), None)


def _days_per_week(tracker: Tracker) -> str | None:
    if tracker.get_slot("requested_slot") != "days_per_week":
        return None
    for value in entity_values(tracker, "days_per_week"):
        if value.isdigit():
            return value
    if said_dont_know(tracker):
        return UNKNOWN
    digits = re.search(r"\b([1-7])\b", tracker.latest_message.get("text") or "")
    return digits.group(1) if digits else None


def _law(tracker: Tracker) -> str | None:
    if tracker.get_slot("requested_slot") == "law" and said_dont_know(tracker):
        return UNKNOWN
    return law_from(tracker)


class ValidateBenefitForm(GuidedFormValidation):
    extractors = {
        "benefits": _benefits,
        "allowances": _allowances,
        "toeslagpartner": _toeslagpartner,
        "contract": _contract,
        "days_per_week": _days_per_week,
        "law": _law,
    }
    yes_no_slots = frozenset({"toeslagpartner", "benefits", "allowances"})

    def name(self) -> str:
        return "validate_benefit_form"

    def extract(self, tracker: Tracker, requested: str | None) -> dict[str, Any]:
        """Days per week matter only for an arbeidsovereenkomst; otherwise it is not asked."""
        found = super().extract(tracker, requested)
        contract = found.get("contract")
        if contract and contract != ContractType.ARBEIDSOVEREENKOMST.value:
            found["days_per_week"] = NOT_APPLICABLE
        elif contract and tracker.get_slot("days_per_week") == NOT_APPLICABLE:
            found["days_per_week"] = None
        return found


def profile_from(tracker: Tracker) -> BenefitProfile:
    law = tracker.get_slot("law")
    partner = tracker.get_slot("toeslagpartner")
    contract = tracker.get_slot("contract")
    days = str(tracker.get_slot("days_per_week") or "")
    return BenefitProfile(
        contract=ContractType(contract) if contract in CONTRACTS else ContractType.UNKNOWN,
        days_per_week=int(days) if days.isdigit() else None,
        benefits=frozenset(
            BENEFITS[v] for v in slot_list(tracker, "benefits") if v in BENEFITS and v != NONE
        ),
        allowances=frozenset(
            ALLOWANCES[v] for v in slot_list(tracker, "allowances") if v in ALLOWANCES
        ),
        caregiver_is_toeslagpartner={"ja": True, "nee": False}.get(partner or ""),
        law=law_of(law),
    )


def _bullets(consequences: list[Consequence]) -> str:
    return "\n".join(
        BULLET + " ".join(part for part in (c.text, c.check) if part) for c in consequences
    )


def say_contacts_and_sources(
    dispatcher: CollectingDispatcher, consequences: list[Consequence]
) -> None:
    """Who decides (who to check with) and the source line of these consequences."""
    labels = list(dict.fromkeys(contact_label(x) for c in consequences for x in c.contacts))
    # "de Belastingdienst" next to "de Belastingdienst (Dienst Toeslagen)" names it twice.
    contacts = [a for a in labels if not any(b.startswith(f"{a} (") for b in labels)]
    if contacts:
        dispatcher.utter_message(
            response="utter_consequences_contacts", contacts=", ".join(contacts)
        )
    refs = [ref for c in consequences for ref in c.sources]
    if refs:
        dispatcher.utter_message(response="utter_advice_sources", **source_values(refs))


class ActionBenefitConsequences(Action):
    def name(self) -> str:
        return "action_benefit_consequences"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        today = date.today()
        year = today.year
        consequences = benefit_consequences(
            profile_from(tracker), current_year=year, today=today, local_areas=local_areas()
        )
        important = [c for c in consequences if c.severity is Severity.IMPORTANT]
        other = [c for c in consequences if c.severity is not Severity.IMPORTANT]
        dispatcher.utter_message(response="utter_consequences_intro", year=str(year))
        if important:
            dispatcher.utter_message(
                response="utter_consequences_important", points=_bullets(important)
            )
        if other:
            dispatcher.utter_message(response="utter_consequences_other", points=_bullets(other))
        say_contacts_and_sources(dispatcher, consequences)
        dispatcher.utter_message(response="utter_offer_advisor")
        return []


# Words that make a question about being paid one about income, not about who may be paid.
INCOME_WORDS = ("uitkering", "toeslag", "inkomen", "inkomsten", "belasting", "pensioen", "gekort")
# General points said with a named benefit only when the question asks about them.
GENERAL_ASKED = (("pensioen", "cons_no_pension"), ("stopt", "cons_income_stops"))
# A general question about tax on pgb pay ("moet ik belasting betalen over het geld voor de zorg
# voor mijn vader") is answered with the tax answer, not a choice of benefits (issue 16).
TAX_WORDS = ("belasting", "aangifte", "loonheffing", "jaaropgave")
TAX_ANSWER = "utter_faq_caregiver_income_tax"
# "ik heb zelf een wmo pgb, krijg ik nu minder huurtoeslag", "moeder heeft bijstand en nu ook
# pgb": the person with the benefit has the pgb and nobody is paid, so the answer is that a pgb
# is no income for its budgethouder (issue 16).
# "het zorgkantoor geeft mij een budget van bijna 60 duizend" too (not a kindgebonden budget).
HAS_A_PGB = re.compile(
    r"\b(?:ik heb|heb ik|heeft|hebben|ik krijg|krijgt|geeft (?:mij|me|ons))\b(?: \w+){0,4}? "
    r"(?:een |het )?(?:\w+ )?(?:pgb|(?<!kindgebonden )budget)\b"
)
SOMEONE_PAID = re.compile(
    r"\bbeta(?:al|ald|alde|alt|len)\b|\bloon\b|\bsalaris|\bverdien|\bzorgverlener|"
    r"\bzorg (?:voor|ik)\b|\bverzorg|\bmantelzorg|\buit (?:zijn|haar|hun|het) (?:\w+ )?pgb\b"
)
# "ik ben bang dat ik alles terug moet betalen": paying back is not someone being paid.
PAYING_BACK = re.compile(r"\bterug ?(?:\w+ ){0,2}?beta(?:al|alt|len)\b")
BUDGET_HOLDER_ANSWER = "utter_faq_pgb_not_income"
# "... we zijn getrouwd. gaat die bijdrage dan omhoog?", "wat gebeurt er dan met onze toeslagen
# en met haar eigen bijdrage?": the CAK's contribution first, for the person's law (for the Wlz:
# a partner's pay from the pgb counts), then what the rest of the question asks (issue 16).
CONTRIBUTION = re.compile(r"\b(?:eigen )?bijdrage\b|\bcak\b")
CONTRIBUTION_ANSWER = "utter_faq_eigen_bijdrage"
# Allowances for children have their own FAQ answer rather than a consequence record.
CHILD_ALLOWANCES = frozenset({"kindgebonden_budget", "kinderopvangtoeslag"})
CHILD_ANSWER = "utter_faq_child_benefits_toeslagen"


def named_in(tracker: Tracker) -> tuple[list[str], list[str]]:
    """The benefits and allowances the latest message names (children's allowances as they
    are: answer_named answers those from the FAQ)."""
    benefits = [v for v in entity_values(tracker, "benefit") if v in BENEFITS and v != NONE]
    allowances = [
        v for v in entity_values(tracker, "allowance") if v in ALLOWANCES or v in CHILD_ALLOWANCES
    ]
    return benefits, allowances


def named_before(tracker: Tracker) -> tuple[list[str], list[str]]:
    """The benefits and allowances the person named earlier in the conversation (the slots
    answer_named sets), as named_in gives them."""
    benefits = [v for v in slot_list(tracker, "benefits") if v in BENEFITS and v != NONE]
    allowances = [
        v for v in slot_list(tracker, "allowances") if v in ALLOWANCES or v in CHILD_ALLOWANCES
    ]
    return benefits, allowances


@lru_cache(maxsize=4)
def general_ids(today: date, areas: str) -> frozenset[str]:
    """The consequences everyone gets (computed once a day, not for every message)."""
    return frozenset(
        c.id for c in benefit_consequences(BenefitProfile(), today=today, local_areas=areas)
    )


def answer_named(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    benefits: list[str],
    allowances: list[str],
    offer: bool = True,
) -> list[EventType]:
    """Answer for the benefits and allowances the person named: only what is specific to them,
    then (with `offer`) the offer of the full check, which starts with these answers filled in."""
    if any(a in CHILD_ALLOWANCES for a in allowances):
        dispatcher.utter_message(response=CHILD_ANSWER)
        allowances = [a for a in allowances if a not in CHILD_ALLOWANCES]
        if not benefits and not allowances:
            if offer:
                dispatcher.utter_message(response="utter_offer_benefit_check")
            return [SlotSet("topic", BENEFIT_TOPIC)]
    today = date.today()
    year = today.year
    profile = BenefitProfile(
        benefits=frozenset(BENEFITS[v] for v in benefits),
        allowances=frozenset(ALLOWANCES[v] for v in allowances),
        law=law_of(law_from(tracker)),
    )
    areas = local_areas()
    general = general_ids(today, areas)
    text = (tracker.latest_message.get("text") or "").lower()
    asked = {"cons_gross_income"} | {rid for word, rid in GENERAL_ASKED if word in text}
    specific = [
        c
        for c in benefit_consequences(profile, today=today, local_areas=areas)
        if c.id not in general or c.id in asked
    ]
    dispatcher.utter_message(response="utter_benefit_named_intro", year=str(year))
    dispatcher.utter_message(response="utter_consequences_points", points=_bullets(specific))
    say_contacts_and_sources(dispatcher, specific)
    if offer:
        dispatcher.utter_message(response="utter_offer_benefit_check")
    return [
        SlotSet("topic", BENEFIT_TOPIC),
        SlotSet("benefits", benefits or None),
        SlotSet("allowances", allowances or None),
    ]


def answer_then_offer_check(dispatcher: CollectingDispatcher, response: str) -> list[EventType]:
    """One FAQ answer for a general question, then the offer of the full benefit check."""
    dispatcher.utter_message(response=response)
    dispatcher.utter_message(response="utter_offer_benefit_check")
    return [SlotSet("topic", BENEFIT_TOPIC)]


def is_budget_holders_question(text: str) -> bool:
    """Whoever has the benefit has the pgb, and nobody in the message is paid or cares."""
    return bool(HAS_A_PGB.search(text)) and not SOMEONE_PAID.search(PAYING_BACK.sub(" ", text))


class ActionAnswerBenefitQuestion(Action):
    """A question about benefits or allowances: answer it first, offer the full check after.

    With a benefit or allowance named, the answer is for that one; without, the general fact
    and a choice of benefits (each button answers for that benefit).
    """

    def name(self) -> str:
        return "action_answer_benefit_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(dispatcher, tracker)
        benefits, allowances = named_in(tracker)
        text = (tracker.latest_message.get("text") or "").lower()
        if CONTRIBUTION.search(text):
            law = law_in_conversation(tracker)
            for_law = f"{CONTRIBUTION_ANSWER}_{law}"
            known = for_law in domain.get("responses", {})
            dispatcher.utter_message(response=for_law if known else CONTRIBUTION_ANSWER)
        if (benefits or allowances) and is_budget_holders_question(text):
            return answer_then_offer_check(dispatcher, BUDGET_HOLDER_ANSWER)
        if not (benefits or allowances) and tracker.get_slot("topic") == BENEFIT_TOPIC:
            # "moet ik dat meteen melden?" right after the answer for WIA: still about WIA.
            benefits, allowances = named_before(tracker)
        if benefits or allowances:
            return answer_named(dispatcher, tracker, benefits, allowances)
        if not any(word in text for word in INCOME_WORDS) and match_item(text) is not None:
            # "kan ik als partner betaald worden uit het pgb?" asks who may be paid.
            return answer_spending(dispatcher, tracker, domain, None)
        if any(word in text for word in TAX_WORDS) and TAX_ANSWER in domain.get("responses", {}):
            return answer_then_offer_check(dispatcher, TAX_ANSWER)
        dispatcher.utter_message(response="utter_benefit_general")
        return [SlotSet("topic", BENEFIT_TOPIC)]
