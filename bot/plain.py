"""Text as the phrase lists match it (bot/components/safety.yml, bot/person.yml). No Rasa
imports, so the action server can use it too."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Lower case, accents removed ("suïcide" -> "suicide"), whitespace squeezed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())
