"""Normalisation of Dutch free text for matching against knowledge terms.

Kept deliberately simple and predictable (no NLP model): lower-case, strip accents, turn
punctuation into spaces, and strip common Dutch plural endings so that "cadeaus",
"cursussen" and "hulpmiddelen" meet their singular terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")
#: A term word must be this long to match as part of a compound (with a ``*`` marker).
MIN_COMPOUND_PART = 4
#: In a knowledge term, ``*cadeau`` also matches the end of a compound ("kerstcadeau") and
#: ``bemiddeling*`` its start ("bemiddelingsbureau"). Without a star a term word matches only
#: the whole word: "opvang" does not match "kinderopvang" (issue 13, finding 9).
COMPOUND = "*"


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


@lru_cache(maxsize=8192)
def term_tokens(term: str) -> tuple[str, ...]:
    """The stemmed words of a knowledge term, keeping the compound markers (``*``).

    Remembered: the same few thousand terms of the knowledge base are matched against every
    message (a spending question took about 60 ms in the action server, mostly here)."""
    words = []
    for part in term.split():
        head = part.startswith(COMPOUND)
        tail = part.endswith(COMPOUND) and len(part) > 1
        for word in fold(part.strip(COMPOUND)).split():
            core = stem(word)
            words.append(f"{COMPOUND if head else ''}{core}{COMPOUND if tail else ''}")
    return tuple(words)


# Dutch diminutive endings (a plural -s is stripped by stem): "kerstpakketje", "cadeautje",
# "bloemetje", "boompje", "kettinkje".
_DIMINUTIVE = ("etje", "tje", "pje", "kje", "je")


def word_matches(term_word: str, text_word: str) -> int:
    """Score how well one term word (from :func:`term_tokens`) matches one text word.

    2 for an exact match; 1 when a term word marked ``*word`` ends a compound ("*cadeau" in
    "kerstcadeau") or one marked ``word*`` starts it ("bemiddeling*" in
    "bemiddelingsbureau"); 0 otherwise. Unmarked words match whole words only. A diminutive
    counts as its word: "kerstpakketje" is "kerstpakket".
    """
    if text_word.endswith("je"):
        bases = [text_word[: -len(e)] for e in _DIMINUTIVE if text_word.endswith(e)]
        return max(_word_score(term_word, w) for w in [text_word, *bases] if w)
    return _word_score(term_word, text_word)


def _word_score(term_word: str, text_word: str) -> int:
    core = term_word.strip(COMPOUND)
    if core == text_word:
        return 2
    if len(core) < MIN_COMPOUND_PART or len(text_word) <= len(core):
        return 0
    if term_word.startswith(COMPOUND) and text_word.endswith(core):
        return 1
    if term_word.endswith(COMPOUND) and text_word.startswith(core):
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
        total += best * len(term_word.strip(COMPOUND))
    return total
