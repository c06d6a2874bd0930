"""A message without one word of the training data is not understood (bot/components)."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.known_words import FALLBACK, KnownWords


def parsed(text: str, intent: str = "goodbye", confidence: float = 0.3) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "inform", "confidence": 0.2}]
    return Message({"text": text, "intent": ranking[0], "intent_ranking": ranking})


def test_unknown_words_are_not_understood_and_the_words_survive_loading(tmp_path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("known_words")
    context = ExecutionContext(node_name="known_words", graph_schema=None)  # type: ignore[arg-type]
    examples = [Message({"text": "doei, tot ziens"}), Message({"text": "Mag ik moeder betalen?"})]
    KnownWords.create({}, storage, resource, context).train(TrainingData(examples))
    component = KnownWords.load({}, storage, resource, context)

    gibberish, typo, button = parsed("xyzzy plugh"), parsed("moedr betalen"), parsed("/deny")
    component.process([gibberish, typo, button])
    assert gibberish.get("intent")["name"] == FALLBACK
    assert [r["name"] for r in gibberish.get("intent_ranking")] == [FALLBACK, "goodbye", "inform"]
    # One known word is enough; payloads are never touched.
    assert typo.get("intent")["name"] == "goodbye"
    assert button.get("intent")["name"] == "goodbye"
