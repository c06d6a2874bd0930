"""What the NLU reads of a message.

Most Dutch chat messages (and most training examples) have no closing punctuation, but the
tokenizer keeps "?" as a token, so "is een pgb iets voor mij?" and "is een pgb iets voor mij"
were understood differently. Trailing punctuation carries no meaning for the intent, so it is
removed before the text goes to Rasa; the stored message keeps it. Only the end of the text
changes, so entity positions stay valid.
"""

from __future__ import annotations

TRAILING = " \t\n?!.,;:…"


def nlu_text(text: str) -> str:
    """The text without trailing punctuation; button payloads ("/intent{...}") stay as sent."""
    if text.startswith("/"):
        return text
    return text.rstrip(TRAILING) or text
