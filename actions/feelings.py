"""Acknowledge grief or exhaustion before answering (the entity `feeling` of the safety net)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import entity_values

# Grief before exhaustion: someone who lost a person hears that first.
ACKNOWLEDGEMENTS = {"grief": "utter_ack_grief", "exhaustion": "utter_ack_exhaustion"}


def acknowledge(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say the acknowledgement the latest message needs, if any; True when one was said."""
    found = entity_values(tracker, "feeling")
    for feeling, response in ACKNOWLEDGEMENTS.items():
        if feeling in found:
            dispatcher.utter_message(response=response)
            return True
    return False
