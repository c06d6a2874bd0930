"""Tests for bot.pgb.normalize: Dutch text folding and term matching."""

from __future__ import annotations

import pytest

from bot.pgb.normalize import fold, stem, term_score, term_tokens, tokens, word_matches


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
    """Compounds match only where a term asks for it with ``*`` (issue 13, finding 9)."""
    assert term_score(term_tokens("*cadeau"), tokens("kerstcadeau voor de hulp")) > 0
    assert term_score(term_tokens("bemiddeling*"), tokens("een bemiddelingsbureau")) > 0
    assert term_score(term_tokens("cursus pgb"), tokens("cursus over het pgb")) > 0
    assert term_score(term_tokens("cursus pgb"), tokens("cursus ehbo")) == 0
    # Short words never match inside other words.
    assert term_score(term_tokens("*cak"), tokens("cakejes")) == 0


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("opvang", "kinderopvang"),  # spend_supported_housing must not catch childcare
        ("cadeau", "kerstcadeau"),  # unmarked: whole words only
        ("bemiddeling", "bemiddelingsbureau"),
        ("*opvang", "opvangcentrum"),  # an end marker does not match the start
    ],
)
def test_unmarked_words_never_match_inside_compounds(term: str, text: str) -> None:
    assert term_score(term_tokens(term), tokens(text)) == 0


def test_exact_match_scores_above_compound_match() -> None:
    exact = term_score(term_tokens("*cadeau"), tokens("cadeau"))
    partial = term_score(term_tokens("*cadeau"), tokens("kerstcadeau"))
    assert exact > partial > 0


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("kerstpakket", "kerstpakketje"),
        ("cadeau", "cadeautje"),
        ("bloem", "bloemetje"),
        ("*cadeau", "kerstcadeautje"),
        ("kerstpakket", "kerstpakketjes"),
    ],
)
def test_a_diminutive_matches_its_word(term: str, text: str) -> None:
    assert word_matches(term_tokens(term)[0], tokens(text)[0]) > 0
