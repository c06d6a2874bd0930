"""rasa-sdk action server: thin adapters between the dialogue and bot.pgb.

The action server (actions/server.py, rasa-sdk's) imports every module of this package.
"""

from actions.benefits import (
    ActionAnswerBenefitQuestion,
    ActionBenefitConsequences,
    ValidateBenefitForm,
)
from actions.checks import ActionGoBack, ActionResetChecks
from actions.clarify import ActionAnswerFaqTopic, ActionClarify
from actions.context import ActionAcceptOffer, ActionFollowUp
from actions.faq import ActionAnswerAlsoAsked, ActionAnswerFaq, ActionAnswerMaybeMeant
from actions.handoff import ActionComplexCase, ActionRequestHandoff, ActionWhomToCall
from actions.spending import ActionAnswerSpending, ValidateSpendingForm
from actions.suitability import (
    ActionAnswerSuitabilityQuestion,
    ActionSuitabilityAdvice,
    ValidateSuitabilityForm,
)

__all__ = [
    "ActionAcceptOffer",
    "ActionAnswerBenefitQuestion",
    "ActionAnswerAlsoAsked",
    "ActionAnswerMaybeMeant",
    "ActionAnswerFaq",
    "ActionAnswerSuitabilityQuestion",
    "ActionFollowUp",
    "ActionAnswerFaqTopic",
    "ActionClarify",
    "ActionComplexCase",
    "ActionAnswerSpending",
    "ActionBenefitConsequences",
    "ActionGoBack",
    "ActionRequestHandoff",
    "ActionResetChecks",
    "ActionSuitabilityAdvice",
    "ActionWhomToCall",
    "ValidateBenefitForm",
    "ValidateSpendingForm",
    "ValidateSuitabilityForm",
]
