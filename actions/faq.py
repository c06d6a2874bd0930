"""A single question answered from the knowledge base (the FAQ topic the NLU selected)."""

from __future__ import annotations

import re
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    LAW_BY_FINANCIER,
    LAWS,
    entity_values,
    intent_of,
    law_from,
    law_in_conversation,
)
from actions.benefits import (
    ActionAnswerBenefitQuestion,
    answer_named,
    is_budget_holders_question,
    named_in,
)
from actions.feelings import acknowledge
from actions.guided_form import FAQ_PREFIX
from actions.presenting import say_law_note, say_note, say_text
from bot.parses import HEARD_OF_A_CHANGE, OPDRACHT
from bot.pgb import get_answer
from bot.pgb.amounts import amount_on, format_eur
from bot.pgb.consequences import minimum_wage
from bot.pgb.knowledge import change_note, format_date


def selected_topic(tracker: Tracker) -> str | None:
    """The FAQ answer id ("what_is_pgb") of the latest message's intent (faq_what_is_pgb)."""
    intent = intent_of(tracker) or ""
    return intent.removeprefix(FAQ_PREFIX) if intent.startswith(FAQ_PREFIX) else None


# Answers that name an amount: the amount in force today comes from bot/knowledge/amounts.yaml,
# said by the response utter_amount_<key>, or "unknown" when no record is in force.
AMOUNTS_BY_TOPIC = {"eigen_bijdrage": "wmo_abonnementstarief"}
# The amounts are the Wmo's: said when the law is the Wmo or not known, not to a parent with a
# Jeugdwet pgb, for whom the answer says there is no contribution.
AMOUNT_LAWS = frozenset({None, "unknown", "wmo"})


# The AOW age by calendar year (Rijksoverheid, "Wanneer gaat mijn AOW in?", found with search
# on 2026-12-06; source RO-aow-leeftijd): 67 up to 2027, 67 years and 3 months in 2028. A year
# not here gets no personal answer.
AOW_AGE_BY_YEAR = {2024: 67, 2025: 67, 2026: 67, 2027: 67}
PARTNER = re.compile(
    r"\b(mijn|m'n) (man|vrouw|partner|echtgenoot|echtgenote)\b"
    r"|\b(getrouwd|samenwonend|wonen samen|samen wonen)\b"
)
# "ik ben 55", "mijn man is 60", "Ik (71)", "63 jaar": an age, not hours, euros or a percentage.
AGE = re.compile(
    r"\((\d{2,3})\)|\b(?:ben|is)\s+(\d{2,3})\b(?!\s*(?:uur|euro|%|procent|dag|week|maand))"
    r"|\b(\d{2,3})\s*jaar\b"
)


def ages_in(text: str) -> list[int]:
    found = (int(next(g for g in m.groups() if g)) for m in AGE.finditer(text))
    return [age for age in found if 18 <= age <= 110]


def partner_under_aow_age(text: str, today: date) -> int | None:
    """The AOW age of this year, when the message names a partner and an age below it: then a
    couple pays no Wmo contribution (CAK). None when that cannot be told from the message."""
    aow_age = AOW_AGE_BY_YEAR.get(today.year)
    lowered = text.lower()
    if aow_age is None or not PARTNER.search(lowered):
        return None
    return aow_age if any(age < aow_age for age in ages_in(lowered)) else None


def say_amount(dispatcher: CollectingDispatcher, key: str, today: date) -> None:
    amount = amount_on(key, today)
    if amount is None:
        dispatcher.utter_message(response="utter_amount_unknown")
        return
    dispatcher.utter_message(
        response=f"utter_amount_{key}",
        amount=format_eur(amount.amount_eur),
        valid_from=format_date(amount.holds_from),
    )


# "hoeveel is het minimumloon nu per uur", "krijg ik dan minimaal het minimumloon?"
MINIMUM_WAGE = re.compile(r"\bminimum\s?(?:uur)?loon\b", re.IGNORECASE)


def say_minimum_wage(dispatcher: CollectingDispatcher, tracker: Tracker, today: date) -> None:
    """After an answer to a message that names the minimum wage: the amount in force, or that
    it is not known and where it is published; once per conversation."""
    if not MINIMUM_WAGE.search(tracker.latest_message.get("text") or ""):
        return
    wage = minimum_wage(today)
    say_text(dispatcher, tracker, wage.text, wage.sources)


# Answers followed by this year's zorgtoeslag income limits ("wat is de inkomensgrens als ik
# alleen woon?" is read as the question which income counts), unless the message names only
# other allowances ("ik krijg kgb en huurtoeslag": the zorgtoeslag's limits are not theirs).
ZORGTOESLAG_LIMIT_TOPICS = frozenset({"toetsingsinkomen"})


def asks_about_zorgtoeslag(tracker: Tracker) -> bool:
    """The message names the zorgtoeslag, or no allowance at all."""
    named = entity_values(tracker, "allowance")
    return not named or "zorgtoeslag" in named


def say_zorgtoeslag_limits(dispatcher: CollectingDispatcher, today: date) -> None:
    """Both limits of the year, or nothing when the fact base has no record for it."""
    single = amount_on("zorgtoeslag_income_limit", today, "single")
    partner = amount_on("zorgtoeslag_income_limit", today, "partner")
    if single is None or partner is None:
        return
    dispatcher.utter_message(
        response="utter_amount_zorgtoeslag_income_limit",
        year=str(today.year),
        single=format_eur(single.amount_eur),
        partner=format_eur(partner.amount_eur),
    )


# Answers that a paid caregiver who names their own benefit can be mistaken for: the budget
# holder's side, and who may be paid ("ik heb iva, mag ik betaald worden uit haar pgb?"). For
# them the benefit decides, so the benefit question is answered.
MISTAKEN_BY_A_PAID_CAREGIVER = frozenset({"pgb_not_income", "informal_care_pay"})
# Answers about what the person pays, in which "betalen" says nothing about being paid.
CONTRIBUTIONS = frozenset(
    {"eigen_bijdrage", "eigen_bijdrage_pause", "eigen_bijdrage_deduction", "zvw_eigen_risico"}
)
# Answers for the paid caregiver that a budget holder who names their own benefit can be mistaken
# for ("moeder heeft bijstand en nu ook pgb van de gemeente, wordt haar bijstand lager?"): for
# them a pgb is no income, which is the answer.
MISTAKEN_BY_A_BUDGET_HOLDER = frozenset(
    {"bijstand_sollicitatieplicht", "caregiver_income_tax", "caregiver_rights_changing"}
)
PAID = re.compile(
    r"\b(mij|me|ik)\b.*\bbeta(al|ald|alde|alt|len)\b|\bbeta(al|ald|alde|alt|len)\b.*\b(mij|me)\b"
    # "mijn ouders willen mij een vast bedrag per maand geven", "ik krijg geld uit haar pgb"
    r"|\b(mij|me)\b.{0,40}\b(geven|vergoeden)\b"
    r"|\bik\b.{0,40}\b(krijg|ontvang)\b.{0,40}\buit (het|haar|zijn|hun) pgb\b"
)


def answer_response(tracker: Tracker, topic: str, domain: DomainDict) -> str:
    """The response that answers the topic: for a caregiver on an overeenkomst van opdracht
    its own, when the answer has one; else the answer for the person's law, when it has one
    ("moet hij dan ook iets betalen" after a Wlz indication: the Wlz's contribution only)."""
    responses = domain.get("responses", {})
    opdracht = f"utter_faq_{topic}_opdracht"
    text = (tracker.latest_message.get("text") or "").lower()
    if OPDRACHT.search(text) and opdracht in responses:
        return opdracht
    law = law_in_conversation(tracker)
    if law and f"utter_faq_{topic}_{law}" in responses:
        return f"utter_faq_{topic}_{law}"
    return f"utter_faq_{topic}"


def is_budget_holder(tracker: Tracker) -> bool:
    """The message names a benefit or allowance of someone who has a pgb, and nobody is paid
    (as the benefit question's action decides it)."""
    text = (tracker.latest_message.get("text") or "").lower()
    return any(named_in(tracker)) and is_budget_holders_question(text)


def is_paid_caregiver(tracker: Tracker) -> bool:
    """The message names a benefit or allowance and says the person is (to be) paid."""
    named = entity_values(tracker, "benefit") or entity_values(tracker, "allowance")
    return bool(named) and bool(PAID.search((tracker.latest_message.get("text") or "").lower()))


def laws_named(tracker: Tracker) -> set[str]:
    """Every law the latest message names (directly or through its financier), and the
    person's law from earlier in the conversation."""
    named = {law for law in entity_values(tracker, "law") if law in LAWS}
    named |= {
        LAW_BY_FINANCIER[f] for f in entity_values(tracker, "financier") if f in LAW_BY_FINANCIER
    }
    earlier = law_in_conversation(tracker)
    return named | {earlier} if earlier else named


# "een rolstoel", "mijn zoon van 12", "ons kind is 9", "onder de 18": a wheelchair or a minor.
WHEELCHAIR_OR_MINOR = re.compile(
    r"\brolstoel|\bminderjarig|\b(?:onder de|jonger dan) 18\b"
    r"|\b(?:kind|zoon|zoontje|dochter|dochtertje)\b\D{0,20}\b(?:[1-9]|1[0-7])\b"
    r"(?!\s*(?:uur|euro|%|dag|keer|maand|week|weken))",
    re.IGNORECASE,
)


def says_wmo_exemptions(tracker: Tracker) -> bool:
    """A contribution question about a wheelchair or a child under 18, with no law named but
    the Wmo (the Jeugdwet has no contribution at all; the Wlz's has other rules)."""
    text = tracker.latest_message.get("text") or ""
    return bool(WHEELCHAIR_OR_MINOR.search(text)) and laws_named(tracker) <= {"wmo"}


# "ik woon met mijn zoon van 41 ... geen eigen bijdrage als iemand nog geen aow heeft": a
# housemate who is not a partner, and the AOW age.
NOT_A_PARTNER = re.compile(
    r"\b(?:zoon|dochter|kind|kleinzoon|kleindochter|kleinkind|broer|zus|moeder|vader|neef"
    r"|nicht|schoon\w+)\b",
    re.IGNORECASE,
)
LIVES_WITH = re.compile(r"\b(?:woon\w*|inwon\w*|in huis|thuis ?wonend\w*)\b", re.IGNORECASE)
AOW = re.compile(r"\baow", re.IGNORECASE)


def says_partner_only(tracker: Tracker) -> bool:
    """A Wmo contribution question from someone living with a relative who is not a partner,
    about the AOW age: the exemption is for couples only."""
    text = tracker.latest_message.get("text") or ""
    named = all(pattern.search(text) for pattern in (NOT_A_PARTNER, LIVES_WITH, AOW))
    return named and laws_named(tracker) <= {"wmo"}


# "de gemeente wil haar tarief verlagen naar het minimumloon, mag dat zomaar?", "5 euro per uur,
# dat is toch belachelijk": a dispute about the network tariff a gemeente sets.
TARIFF_DISPUTE = re.compile(
    r"\b(?:te laag|belachelijk|schandalig|oneerlijk|verlag\w*|omlaag|minimumloon"
    r"|mag dat (?:wel|zomaar)|mogen ze dat)\b",
    re.IGNORECASE,
)


def disputes_the_network_tariff(tracker: Tracker) -> bool:
    """A question about the informal tariff that disputes it, for a gemeente's pgb (the Wlz and
    the Zvw have other maximums)."""
    text = tracker.latest_message.get("text") or ""
    return bool(TARIFF_DISPUTE.search(text)) and laws_named(tracker) <= {"wmo", "jeugdwet"}


# "kan de gemeente mij verplichten", "moet ik dat echt zelf doen", "dat kunnen ze toch niet eisen"
MUST_I = re.compile(
    r"\b(?:verplicht\w*|dwingen|afdwingen|opleggen|eisen|moet ik|moeten wij|moeten we)\b",
    re.IGNORECASE,
)
# Answers after which such a question is about having to give the care.
WHO_MUST_CARE = frozenset({"gebruikelijke_zorg", "motiveringsplicht"})


def say_change(dispatcher: CollectingDispatcher, topic: str) -> list[EventType]:
    """After news of a change to the rule of the last answer ("ik hoorde dat het volgend jaar
    anders wordt"): what is known of a change to that rule (its `change` in answers.yaml, with
    its status and whom to ask), else that no decided change is known."""
    note = change_note(get_answer(topic))
    if note:
        dispatcher.utter_message(response="utter_change_known", note=note)
    else:
        dispatcher.utter_message(response="utter_change_not_known")
    return [SlotSet("topic", f"faq_{topic}")]


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topic = selected_topic(tracker)
        # "... geen eigen bijdrage hoeft te betalen als er iemand is die nog geen aow heeft": a
        # contribution is paid, not earned; the AOW is its age rule, not a benefit to answer.
        paid_caregiver = topic not in CONTRIBUTIONS and is_paid_caregiver(tracker)
        if topic in MISTAKEN_BY_A_PAID_CAREGIVER and paid_caregiver:
            # "ik krijg bijstand en mijn moeder wil mij betalen uit haar pgb": the person is
            # the caregiver, so it is their benefit that the question is about.
            return await ActionAnswerBenefitQuestion().run(dispatcher, tracker, domain)
        if topic in MISTAKEN_BY_A_BUDGET_HOLDER and is_budget_holder(tracker):
            topic = "pgb_not_income"
        acknowledge(dispatcher, tracker)
        if topic is None or f"utter_faq_{topic}" not in domain.get("responses", {}):
            dispatcher.utter_message(response="utter_ask_rephrase_or_person")
            return []
        if tracker.latest_message.get("understood_by") == HEARD_OF_A_CHANGE:
            return say_change(dispatcher, topic)
        if topic == "eigen_bijdrage" and law_in_conversation(tracker) == "wmo":
            # "mijn man is 60 en heeft via de wmo een pgb. ik ben 55. moeten wij betalen?": their
            # own answer first, then the rule.
            today = date.today()
            aow_age = partner_under_aow_age(tracker.latest_message.get("text") or "", today)
            if aow_age is not None:
                dispatcher.utter_message(
                    response="utter_wmo_contribution_partner_under_aow",
                    aow_age=aow_age,
                    year=today.year,
                )
        if topic == "eigen_bijdrage" and says_wmo_exemptions(tracker):
            # "moet ik eigen bijdrage betalen voor de rolstoel van mijn zoon van 12?"
            say_note(dispatcher, tracker, "wmo_contribution_exemptions")
        if topic == "eigen_bijdrage" and says_partner_only(tracker):
            # "ik woon met mijn zoon van 41, geen eigen bijdrage als iemand nog geen aow heeft?"
            say_note(dispatcher, tracker, "wmo_contribution_partner_only")
        if topic == "eigen_bijdrage" and {"wlz", "wmo"} <= laws_named(tracker):
            # "ze betaalt al een eigen bijdrage voor haar wlz pgb. nu krijgt ze een scootmobiel
            # via de wmo, moet ze dan 2x betalen?": no, the CAK says; that first.
            say_note(dispatcher, tracker, "wlz_contribution_covers_wmo")
        dispatcher.utter_message(response=answer_response(tracker, topic, domain))
        extra: list[EventType] = []
        if topic == "informal_care_pay" or paid_caregiver:
            # "ik krijg iow, moet ik dat doorgeven als ik mijn zus begeleid via haar pgb", "ze
            # betaalt me uit haar pgb. ik heb een iow uitkering": the person is or will be the
            # paid relative, so their own benefit matters too, whatever else the answer says.
            benefits, allowances = named_in(tracker)
            if benefits or allowances:
                extra = answer_named(dispatcher, tracker, benefits, allowances)
        named = law_from(tracker)
        law = named or tracker.get_slot("law")
        # As answer_response chose the text: no Wmo amount after the Wlz's contribution.
        if topic in AMOUNTS_BY_TOPIC and law_in_conversation(tracker) in AMOUNT_LAWS:
            say_amount(dispatcher, AMOUNTS_BY_TOPIC[topic], date.today())
        if topic in ZORGTOESLAG_LIMIT_TOPICS and asks_about_zorgtoeslag(tracker):
            say_zorgtoeslag_limits(dispatcher, date.today())
        if topic == "informal_care_pay" and disputes_the_network_tariff(tracker):
            # The CRvB of 2023 on basing it on the minimum wage, and that later rulings differ.
            say_note(dispatcher, tracker, "network_tariff_not_minimum_wage")
        say_minimum_wage(dispatcher, tracker, date.today())
        if topic in WHO_MUST_CARE and MUST_I.search(tracker.latest_message.get("text") or ""):
            say_note(dispatcher, tracker, "care_is_voluntary")
        if law:
            say_law_note(dispatcher, tracker, topic, law)
        events = [SlotSet("topic", f"faq_{topic}")]
        # The law a question names holds for the person's next questions too ("en moet ik dan
        # een eigen bijdrage betalen?" after a question about jeugdhulp).
        if named:
            events.append(SlotSet("law", named))
        return [*events, *extra]


class ActionAnswerAlsoAsked(Action):
    """The second question of a message, after the first was answered (bot/channel.py): its
    title, so the person sees which question this is, then its FAQ answer. It is the last
    answer, so a follow-up ("en bij de wlz?") is read against its topic."""

    introduction = "utter_also_asked"
    sets_topic = True

    def name(self) -> str:
        return "action_answer_also_asked"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topic = (tracker.get_slot("also_asked") or "").removeprefix(FAQ_PREFIX)
        response = answer_response(tracker, topic, domain)
        done: list[EventType] = [SlotSet("also_asked", None)]
        if response not in domain.get("responses", {}) or response in said_this_turn(tracker):
            return done
        title = str(get_answer(topic).get("title"))
        dispatcher.utter_message(response=self.introduction, title=title)
        dispatcher.utter_message(response=response)
        law = tracker.get_slot("law")
        if law:
            say_law_note(dispatcher, tracker, topic, law)
        if self.sets_topic:
            done.append(SlotSet("topic", f"{FAQ_PREFIX}{topic}"))
        return done


class ActionAnswerMaybeMeant(ActionAnswerAlsoAsked):
    """The second likely topic of a message (bot/second_answers.py maybe_meant), after the
    answer to the first: "Of bedoelt u: <title>", then its FAQ answer."""

    introduction = "utter_maybe_meant"
    # Only a guess at what the person meant: the first answer stays the topic.
    sets_topic = False

    def name(self) -> str:
        return "action_answer_maybe_meant"


def said_this_turn(tracker: Tracker) -> set[str]:
    """The responses the bot sent since the person's latest message."""
    said: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            said.add((event.get("metadata") or {}).get("utter_action") or "")
    return said
