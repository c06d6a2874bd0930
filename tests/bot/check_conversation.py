"""A conversation with what makes Rasa's applied events differ from the events: a guided check
with a form (the form runs again at each answer, and Rasa's applied events then drop its earlier
run), a message reverted the default fallback's way, a pause, a second form, a new session. For
the tests that compare what the bot computes with what Rasa computes (tracker store, rule
policy)."""

from __future__ import annotations

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)


def check_events() -> list[Event]:
    def user(intent: str, **entities: str) -> UserUttered:
        found = [{"entity": k, "value": v, "start": 0, "end": 1} for k, v in entities.items()]
        return UserUttered(f"({intent})", {"name": intent, "confidence": 0.9}, found)

    listen = ActionExecuted("action_listen")
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        listen,
        user("greet"),
        ActionExecuted("utter_greet"),
        listen,
        user("start_benefit_check"),
        ActionExecuted("benefit_form"),
        ActiveLoop("benefit_form"),
        SlotSet("requested_slot", "benefits"),
        listen,
        user("inform", benefit="ww"),
        ActionExecuted("benefit_form"),
        SlotSet("benefits", ["ww"]),
        SlotSet("requested_slot", "allowances"),
        listen,
        user("inform", allowance="huurtoeslag"),
        ActionExecuted("benefit_form"),
        SlotSet("allowances", ["huurtoeslag"]),
        SlotSet("requested_slot", None),
        ActiveLoop(None),
        ActionExecuted("action_answer_benefits"),
        BotUttered("antwoord"),
        listen,
        user("xyz"),
        ActionExecuted("action_default_fallback"),
        UserUtteranceReverted(),
        listen,
        user("faq_what_is_pgb"),
        ActionExecuted("utter_faq"),
        listen,
        ConversationPaused(),
        ConversationResumed(),
        user("ask_spending"),
        ActionExecuted("spending_form"),
        ActiveLoop("spending_form"),
        SlotSet("requested_slot", "spending_item"),
        listen,
        user("inform", care_item="taxi"),
        ActionExecuted("spending_form"),
        SlotSet("spending_item", "taxi"),
        SlotSet("requested_slot", None),
        ActiveLoop(None),
        ActionExecuted("action_answer_spending"),
        BotUttered("antwoord"),
        listen,
        ActionExecuted("action_session_start"),
        SessionStarted(),
        listen,
        user("goodbye"),
        ActionExecuted("utter_goodbye"),
        listen,
    ]
