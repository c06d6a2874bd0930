"""The multilingual sentence embedding that the intent classifier reads (bot/components)."""

from __future__ import annotations

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components import sentence_embedding
from bot.components.sentence_embedding import SentenceEmbeddingFeaturizer, embed, embed_cached


def test_rows_are_unit_vectors() -> None:
    rows = embed(["mag ik mijn moeder betalen uit het pgb", "hoe vraag ik een pgb aan"])
    assert rows.shape == (2, 384)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)


def test_the_same_question_in_other_words_is_closer_than_another_question() -> None:
    asked, same, other = embed(
        [
            "kan ik als partner betaald worden voor de verzorging van mijn vrouw",
            "mag ik mijn echtgenoot uit het persoonsgebonden budget betalen",
            "wanneer moet ik bezwaar maken tegen het besluit van de gemeente",
        ]
    )
    assert asked @ same > asked @ other


def test_the_cache_gives_the_same_rows_and_embeds_only_new_texts(tmp_path, monkeypatch) -> None:
    texts = ["wat is een pgb", "wie betaalt mijn pgb", "wat is een pgb"]
    first = embed_cached(texts, tmp_path)
    assert np.allclose(first, embed(texts), atol=1e-5)

    embedded: list[str] = []

    def counting(batch: list[str]) -> np.ndarray:
        embedded.extend(batch)
        return embed(batch)

    monkeypatch.setattr(sentence_embedding, "embed", counting)
    again = embed_cached(["wie betaalt mijn pgb", "kan ik een pgb krijgen"], tmp_path)
    assert embedded == ["kan ik een pgb krijgen"]
    assert np.allclose(again[0], first[1], atol=1e-6)


def test_the_featurizer_adds_a_scaled_sentence_feature(tmp_path) -> None:
    featurizer = SentenceEmbeddingFeaturizer.create(
        {**SentenceEmbeddingFeaturizer.get_default_config(), "scale": 30.0},
        LocalModelStorage(tmp_path),
        Resource("e5"),
        ExecutionContext(node_name="e5", graph_schema=None),  # type: ignore[arg-type]
    )
    message = Message({TEXT: "mag ik mijn buurvrouw betalen uit mijn pgb"})
    featurizer.process([message, Message({TEXT: ""})])
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence is None
    assert sentence.features.shape == (1, 384)
    assert np.isclose(np.linalg.norm(sentence.features), 30.0, atol=0.05)

    examples = [Message({TEXT: "wat is een pgb", "intent": "faq_what_is_pgb"})]
    featurizer.process_training_data(TrainingData(examples))
    assert examples[0].get_dense_features(TEXT)[1].features.shape == (1, 384)


def test_questions_only_embeds_the_question_of_a_story(tmp_path) -> None:
    featurizer = SentenceEmbeddingFeaturizer.create(
        {**SentenceEmbeddingFeaturizer.get_default_config(), "questions_only": True},
        LocalModelStorage(tmp_path),
        Resource("e5"),
        ExecutionContext(node_name="e5", graph_schema=None),  # type: ignore[arg-type]
    )
    story = Message({TEXT: "mijn moeder is 84 en woont alleen. wie betaalt dan haar pgb?"})
    featurizer.process([story])
    row = story.get_dense_features(TEXT)[1].features[0] / 30.0
    assert np.allclose(row, embed(["wie betaalt dan haar pgb?"])[0], atol=1e-5)
    # A short question is embedded with its story: alone it says too little.
    vague = Message({TEXT: "mijn broer wil mij 8 euro per uur geven. mag dat eigenlijk"})
    featurizer.process([vague])
    row = vague.get_dense_features(TEXT)[1].features[0] / 30.0
    assert np.allclose(row, embed([vague.get(TEXT)])[0], atol=1e-5)


def test_a_story_and_its_question_part_are_embedded_once(tmp_path, monkeypatch) -> None:
    featurizer = SentenceEmbeddingFeaturizer.create(
        {**SentenceEmbeddingFeaturizer.get_default_config(), "questions_only": True},
        LocalModelStorage(tmp_path),
        Resource("e5"),
        ExecutionContext(node_name="e5", graph_schema=None),  # type: ignore[arg-type]
    )
    embedded: list[str] = []

    def counting(batch: list[str]) -> np.ndarray:
        embedded.extend(batch)
        return embed(batch)

    monkeypatch.setattr(sentence_embedding, "embed", counting)
    sentence_embedding.embed_one.cache_clear()
    story = Message({TEXT: "mijn vader is 90 en woont alleen. wie betaalt dan zijn pgb eigenlijk?"})
    question = Message({TEXT: "wie betaalt dan zijn pgb eigenlijk?"})
    featurizer.process([story])
    featurizer.process([question])
    assert embedded == ["wie betaalt dan zijn pgb eigenlijk?"]
    assert np.array_equal(
        story.get_dense_features(TEXT)[1].features, question.get_dense_features(TEXT)[1].features
    )
