"""The api's private channel into Rasa: one call per turn, with a shared secret.

Rasa's REST channel takes any sender from anyone, and what the api needs besides the replies
(the intent, the slots of the guided checks, the actions taken) would cost a second call to the
HTTP API for the whole tracker. This channel does one turn and answers with both, read from the
tracker the turn just worked on. It refuses any request without the shared secret
(`PGB_RASA_CHANNEL_SECRET`, in bot/credentials.yml), so Rasa needs no open channel and no HTTP
API at all.

    POST /webhooks/pgb_api/turn   {"sender": id, "message": text}   (header X-Pgb-Channel-Secret)
      -> {"messages": [...],
          "understood": {"intent", "confidence", "slots", "actions", "knowledge"}}
    GET  /webhooks/pgb_api/       {"ready": true} once a model is loaded
    GET  /webhooks/pgb_api/model  the running model: file, hash, when trained, and the figures
                                  `make evaluate` recorded next to it (X-Pgb-Channel-Secret)

The turn follows rasa.core.processor.MessageProcessor.handle_message (Rasa 3.6) step by step,
under the agent's lock for the conversation, so it behaves like the REST channel, with two
additions: the message is read in its place before it is logged (bot/understanding.py: the
question of a long story, a follow-up read with the previous message), and a second question of
the same message that is clearly another FAQ topic is answered after the turn's own answer, and
a message that is one of the situations for a person (bot/person.yml) is handed over after it.
Grief and exhaustion are acknowledged at the front of the reply, whatever the turn answered.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.actions.action import action_for_name_or_text
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.policies.policy import PolicyPrediction
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.parses import REQUEST_HUMAN, SAFETY, ran_since_last_message, said_since_last_message
from bot.person import reason_for_a_person
from bot.second_answers import ALSO_ASKED, MAYBE_MEANT
from bot.understanding import parse_in_context
from bot.whom_to_call import asks_whom_to_call

SECRET_HEADER = "X-Pgb-Channel-Secret"  # noqa: S105 - a header name, not a secret
MAX_TEXT = 5000
MAX_SENDER = 100
# Rasa's own bookkeeping slots, of no use to an advisor.
HIDDEN_SLOTS = frozenset({"requested_slot", "session_started_metadata"})
# A FAQ answer's response is utter_faq_<id>, <id> being its record in bot/knowledge/answers.yaml.
FAQ_RESPONSE = "utter_faq_"
# Where scripts/train.py puts models and scripts/evaluate.py their figures (PGB_MODELS_DIR).
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_SUFFIX = ".tar.gz"
# Answers the second question of a message (bot/second_answers.py second_question) from the slot.
ALSO_ASKED_ACTION = "action_answer_also_asked"
# Answers the second likely topic of a message the same way, as "maybe you meant".
MAYBE_MEANT_ACTION = "action_answer_maybe_meant"
# "wie moet ik bellen": whom, before the rest of the reply (bot/whom_to_call.py).
WHOM_TO_CALL_ACTION = "action_whom_to_call"
# A request for a person after the answer: as data/rules/handoff.yml does for request_human.
HANDOFF_ACTION = "action_request_handoff"
HANDOFF_ACTIONS = ("utter_handoff_explain", HANDOFF_ACTION)
# What a death or a carer at the end of their strength hears first (the entity `feeling` of the
# safety net; actions/feelings.py says the same inside its answers). Grief before exhaustion.
ACKNOWLEDGEMENTS = {"grief": "utter_ack_grief", "exhaustion": "utter_ack_exhaustion"}


async def answer_second_question(
    processor: Any,
    parse: dict[str, Any],
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """After the turn's own answer, the other FAQ question the message asked, or the person it
    asked for, or the topic it maybe meant, unless the turn left the person in a guided check
    (its question comes last then) or handed them over already."""
    topic = parse.get(ALSO_ASKED) or parse.get(MAYBE_MEANT)
    if not topic or tracker.active_loop_name or not processor._should_handle_message(tracker):
        return
    if ran_since_last_message(tracker, HANDOFF_ACTION):
        return
    domain = processor.domain
    if topic == REQUEST_HUMAN:
        names = HANDOFF_ACTIONS
    else:
        names = (ALSO_ASKED_ACTION if parse.get(ALSO_ASKED) else MAYBE_MEANT_ACTION,)
        tracker.update(SlotSet(ALSO_ASKED, topic))
    if not set(names) <= set(domain.action_names_or_texts):
        return  # a model trained before the action existed
    await _run(processor, names, tracker, collector)


async def hand_to_a_person(
    processor: Any,
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """After the answers, a person when the message is one of the situations of bot/person.yml
    (a death, a benefit calculation, a document to send): first a sentence why, then the
    handoff, whose action tells the api the same reason. Not inside a guided check (its
    question comes last), and not when the turn handed over already."""
    if tracker.active_loop_name or not processor._should_handle_message(tracker):
        return
    if ran_since_last_message(tracker, HANDOFF_ACTION):
        return
    latest = tracker.latest_message
    if latest is None:
        return
    reason = reason_for_a_person(
        latest.text or "",
        latest.intent.get("name"),
        latest.entities,
        tracker.get_slot,
    )
    names = (f"utter_person_{reason}", HANDOFF_ACTION)
    if reason is None or not set(names) <= set(processor.domain.action_names_or_texts):
        return
    await _run(processor, names, tracker, collector)


async def acknowledge_first(
    processor: Any,
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """Grief and exhaustion are acknowledged first, whatever the turn said: the answers of
    actions/ do it themselves, a handoff, a guided check or small talk does not. The
    acknowledgement runs after the turn (the rules must see the message right after it was
    heard) and its message is moved to the front of the reply. Not after 113 or 112 (SAFETY),
    which come first."""
    latest = tracker.latest_message
    if latest is None or latest.intent.get("name") in SAFETY:
        return
    found = {e.get("value") for e in latest.entities if e.get("entity") == "feeling"}
    name = next((r for feeling, r in ACKNOWLEDGEMENTS.items() if feeling in found), None)
    if name is None or name not in processor.domain.action_names_or_texts:
        return
    if any(said_since_last_message(tracker, r) for r in ACKNOWLEDGEMENTS.values()):
        return
    await _run_first(processor, name, tracker, collector)


async def whom_to_call_first(
    processor: Any,
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """ "wie moet ik bellen" after an answer, taken for a request for a person: the organisation
    that answer is about and its number (bot/whom_to_call.py) before the person, as asked. A
    question of its own ("wie moet ik bellen als mijn zorgverlener ziek is") has its answer."""
    latest = tracker.latest_message
    if latest is None or latest.intent.get("name") != REQUEST_HUMAN:
        return
    if not asks_whom_to_call(latest.text or ""):
        return
    if WHOM_TO_CALL_ACTION not in processor.domain.action_names_or_texts:
        return  # a model trained before the action existed
    await _run_first(processor, WHOM_TO_CALL_ACTION, tracker, collector)


async def _run_first(
    processor: Any,
    name: str,
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """Run the action after the turn, and move what it said to the front of the reply."""
    before = len(collector.messages)
    await _run(processor, (name,), tracker, collector)
    said = collector.messages[before:]
    del collector.messages[before:]
    collector.messages[:0] = said


async def _run(
    processor: Any,
    names: tuple[str, ...],
    tracker: DialogueStateTracker,
    collector: CollectingOutputChannel,
) -> None:
    """Run these actions after the turn's own, then listen again, as the prediction loop ends
    every turn."""
    for name in names:
        action = action_for_name_or_text(name, processor.domain, processor.action_endpoint)
        prediction = PolicyPrediction.for_action_name(processor.domain, name)
        await processor._run_action(action, tracker, collector, processor.nlg, prediction)
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


def understood(tracker: DialogueStateTracker) -> dict[str, Any]:
    """What Rasa understood of the latest message, and what it did about it."""
    intent = tracker.latest_message.intent if tracker.latest_message else {}
    actions: list[str] = []
    knowledge: list[str] = []
    for event in reversed(tracker.events):
        if event.type_name == "user":
            break
        name = getattr(event, "action_name", None)
        if event.type_name == "action" and name and name != "action_listen":
            actions.append(name)
        if event.type_name == "bot":
            knowledge[:0] = knowledge_of(getattr(event, "metadata", None) or {})
    slots = {
        name: slot.value
        for name, slot in tracker.slots.items()
        if slot.value not in (None, "", [], {}) and name not in HIDDEN_SLOTS
    }
    return {
        "intent": (intent or {}).get("name"),
        "confidence": (intent or {}).get("confidence"),
        "slots": slots,
        "actions": actions[::-1],
        "knowledge": list(dict.fromkeys(knowledge)),
    }


def knowledge_of(metadata: dict[str, Any]) -> list[str]:
    """The knowledge records a bot message states: a FAQ answer's own record, and the ids an
    action passed with its message (`knowledge=[...]`, which Rasa keeps in the event's
    metadata). The api asks the person whether such an answer helped."""
    ids: list[str] = []
    response = metadata.get("utter_action")
    if isinstance(response, str) and response.startswith(FAQ_RESPONSE):
        ids.append(response.removeprefix(FAQ_RESPONSE))
    given = metadata.get("knowledge")
    if isinstance(given, list):
        ids += [str(i) for i in given if isinstance(i, str) and i]
    return ids


def evaluation_file(model_file: str, models_dir: Path | None = None) -> Path:
    """models/pgb-<hash>.evaluation.json for models/pgb-<hash>.tar.gz."""
    folder = models_dir or Path(os.environ.get("PGB_MODELS_DIR") or MODELS_DIR)
    return folder / (model_file.removesuffix(MODEL_SUFFIX) + ".evaluation.json")


def model_info(
    model_file: str | None,
    model_id: str | None,
    trained_at: str | None,
    models_dir: Path | None = None,
) -> dict[str, Any]:
    """The running model and its recorded evaluation (None when not evaluated yet)."""
    evaluation = None
    if model_file:
        path = evaluation_file(model_file, models_dir)
        try:
            evaluation = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            evaluation = None
    name = (model_file or "").removesuffix(MODEL_SUFFIX)
    return {
        "file": model_file,
        "hash": name.removeprefix("pgb-") if name.startswith("pgb-") else None,
        "id": model_id,
        "trained_at": trained_at,
        "evaluation": evaluation if isinstance(evaluation, dict) else None,
    }


class PgbApiInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "pgb_api"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> PgbApiInput:
        return cls(str((credentials or {}).get("secret") or ""))

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def _allowed(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret) and hmac.compare_digest(given.encode(), self.secret.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        channel = self
        webhook = Blueprint("pgb_api_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            return response.json({"ready": bool(agent and agent.is_ready())})

        @webhook.route("/model", methods=["GET"])
        async def model(request: Request) -> HTTPResponse:
            if not channel._allowed(request):
                return response.json({"error": "forbidden"}, status=403)
            agent = getattr(request.app.ctx, "agent", None)
            processor = agent.processor if agent is not None else None
            if processor is None:
                return response.json({"error": "no model"}, status=503)
            metadata = processor.model_metadata
            return response.json(
                model_info(
                    processor.model_filename,
                    metadata.model_id,
                    metadata.trained_at.isoformat() if metadata.trained_at else None,
                )
            )

        @webhook.route("/turn", methods=["POST"])
        async def turn(request: Request) -> HTTPResponse:
            if not channel._allowed(request):
                return response.json({"error": "forbidden"}, status=403)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not (isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER):
                return response.json({"error": "sender"}, status=400)
            if not (isinstance(text, str) and 0 < len(text) <= MAX_TEXT):
                return response.json({"error": "message"}, status=400)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return response.json({"error": "no model"}, status=503)
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=channel.name())
            processor = agent.processor
            async with agent.lock_store.lock(sender):
                # processor.log_message, with the message read in its place first.
                tracker = await processor.fetch_tracker_and_update_session(sender, collector, None)
                message.parse_data = await parse_in_context(processor, message, tracker)
                await processor._handle_message_with_tracker(message, tracker)
                tracker = await processor.run_action_extract_slots(collector, tracker)
                await processor._run_prediction_loop(collector, tracker)
                await answer_second_question(processor, message.parse_data, tracker, collector)
                await hand_to_a_person(processor, tracker, collector)
                await whom_to_call_first(processor, tracker, collector)
                await acknowledge_first(processor, tracker, collector)
                await processor.run_anonymization_pipeline(tracker)
                await processor.save_tracker(tracker)
            return response.json(
                {"messages": collector.messages, "understood": understood(tracker)}
            )

        return webhook
