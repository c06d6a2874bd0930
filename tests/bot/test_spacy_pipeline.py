"""The Dutch spaCy pipeline that `make setup` builds (scripts/build_spacy_nl.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

PIPELINE = Path(__file__).resolve().parents[2] / "build" / "spacy" / "nl_pgb"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    assert PIPELINE.exists(), "run `make setup` to build the Dutch spaCy pipeline"
    return spacy.load(PIPELINE)


def test_the_pipeline_says_what_it_is_built_from() -> None:
    meta = json.loads((PIPELINE / "meta.json").read_text())
    assert meta["lang"] == "nl"
    assert meta["pgb_base"] in {"blank", "nl_core_news_sm"}


def test_dutch_tokenisation(nlp: spacy.language.Language) -> None:
    doc = nlp("Mag ik de sportschool betalen van m'n pgb? Ja, 't kan.")
    assert [t.text for t in doc][:8] == [
        "Mag",
        "ik",
        "de",
        "sportschool",
        "betalen",
        "van",
        "m'n",
        "pgb",
    ]


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("verzorgt", "verzorgen"),
        ("jaren", "jaar"),
        ("zorgverleners", "zorgverlener"),
        ("mantelzorgers", "mantelzorger"),
        ("betaalt", "betalen"),
        ("ging", "gaan"),
    ],
)
def test_dutch_lemmas(nlp: spacy.language.Language, word: str, lemma: str) -> None:
    assert nlp(word)[0].lemma_ == lemma
