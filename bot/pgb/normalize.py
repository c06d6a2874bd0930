"""Normalisation of Dutch free text for matching against knowledge terms.

Kept deliberately simple and predictable (no NLP model): lower-case, strip accents, turn
punctuation into spaces, and strip common Dutch plural endings so that "cadeaus",
"cursussen" and "hulpmiddelen" meet their singular terms.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
#: A term word this long or longer also matches inside a compound word.
MIN_COMPOUND_PART = 5


def fold(text: str) -> str:
    """Lower-case, remove accents and punctuation, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", without_accents).strip()


def stem(word: str) -> str:
    """Strip a Dutch plural ending: -'s/-s after a vowel, -en (with consonant undoubling)."""
    if len(word) > 4 and word.endswith("en"):
        base = word[:-2]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiou":
            base = base[:-1]
        return base
    if len(word) > 4 and word.endswith("s") and word[-2] in "aeiouy":
        return word[:-1]
    return word


def tokens(text: str) -> tuple[str, ...]:
    """The stemmed words of ``text``."""
    return tuple(stem(word) for word in fold(text).split())


def word_matches(term_word: str, text_word: str) -> int:
    """Score how well one (stemmed) term word matches one text word.

    2 for an exact match, 1 when a long term word is the start or end of a compound
    ("bemiddeling" in "bemiddelingsbureau", "cadeau" in "kerstcadeau"), 0 otherwise.
    """
    if term_word == text_word:
        return 2
    if (
        len(term_word) >= MIN_COMPOUND_PART
        and len(text_word) > len(term_word)
        and (text_word.startswith(term_word) or text_word.endswith(term_word))
    ):
        return 1
    return 0


def term_score(term: tuple[str, ...], text: tuple[str, ...]) -> int:
    """Score a multi-word term against text: every term word must match some text word.

    Returns 0 when a word is missing; otherwise the summed word scores weighted by word
    length, so that longer and exact matches win over short or partial ones.
    """
    if not term:
        return 0
    total = 0
    for term_word in term:
        best = max((word_matches(term_word, w) for w in text), default=0)
        if best == 0:
            return 0
        total += best * len(term_word)
    return total
