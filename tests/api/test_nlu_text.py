"""Trailing punctuation is not sent to the NLU; payloads and the rest of the text are."""

from __future__ import annotations

import pytest

from api.conversation.rasa import nlu_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is een pgb iets voor mij?", "is een pgb iets voor mij"),
        ("wat is een pgb ???", "wat is een pgb"),
        ("mag dat?!", "mag dat"),
        ("ik weet het niet...", "ik weet het niet"),
        ("mag ik in 2026 €21,80 betalen? ja", "mag ik in 2026 €21,80 betalen? ja"),
        ('/inform{"law":"wlz"}', '/inform{"law":"wlz"}'),
        ("?", "?"),
    ],
)
def test_nlu_text(text: str, expected: str) -> None:
    assert nlu_text(text) == expected
