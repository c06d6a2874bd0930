"""Tests for bot.pgb.normalize: Dutch text folding and term matching."""

from __future__ import annotations

import pytest

from bot.pgb.normalize import fold, stem, term_score, tokens


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("België!", "belgie"),
        ("  Per-Saldo's  ", "per saldo s"),
        ("CAK/eigen bijdrage", "cak eigen bijdrage"),
        ("Curaçao", "curacao"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("cursussen", "cursus"),
        ("cadeaus", "cadeau"),
        ("hulpmiddelen", "hulpmiddel"),
        ("kosten", "kost"),
        ("pgb", "pgb"),
        ("spanje", "spanje"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_compound_and_multiword_terms() -> None:
    assert term_score(tokens("cadeau"), tokens("kerstcadeau voor de hulp")) > 0
    assert term_score(tokens("bemiddeling"), tokens("een bemiddelingsbureau")) > 0
    assert term_score(tokens("cursus pgb"), tokens("cursus over het pgb")) > 0
    assert term_score(tokens("cursus pgb"), tokens("cursus ehbo")) == 0
    # Short words never match inside other words.
    assert term_score(tokens("cak"), tokens("cakejes")) == 0


def test_exact_match_scores_above_compound_match() -> None:
    exact = term_score(tokens("cadeau"), tokens("cadeau"))
    partial = term_score(tokens("cadeau"), tokens("kerstcadeau"))
    assert exact > partial > 0
