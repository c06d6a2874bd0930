"""The action server can start: every custom action of the domain is registered, and nothing
else (an abstract base class registered by mistake stops `rasa run actions`)."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import ActionExecutor


def test_the_action_server_registers_exactly_the_domain_actions(domain: dict[str, Any]) -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    forms = set(domain["forms"])
    declared = {a for a in domain["actions"]}
    assert set(executor.actions) == declared
    assert {f"validate_{form}" for form in forms} <= declared
