"""rasa-sdk action server: thin adapters between the dialogue and bot.pgb.

`rasa run actions --actions actions` imports every module of this package.
"""

from actions.handoff import ActionRequestHandoff

__all__ = ["ActionRequestHandoff"]
