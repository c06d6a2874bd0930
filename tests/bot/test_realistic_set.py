"""The realistic evaluation set, the check set and the feelings set are frozen, and a third of the
realistic set is the unseen part."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.e2e import feelings
from tests.e2e.realistic import CHECK_SET, SET, is_unseen, load


@pytest.mark.parametrize(
    "path", [SET, CHECK_SET, feelings.SET], ids=["realistic", "check", "feelings"]
)
def test_the_set_is_frozen(path: Path) -> None:
    recorded = path.with_suffix(".sha256").read_text().strip()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded, (
        f"tests/evaluation/{path.name} was written blind and frozen before tuning; "
        "do not edit it to make the bot pass"
    )


def test_about_a_third_is_unseen_and_every_conversation_is_well_formed() -> None:
    conversations = load()
    assert len(conversations) >= 150
    unseen = sum(is_unseen(c["id"]) for c in conversations)
    assert 0.25 < unseen / len(conversations) < 0.42
    for conversation in conversations:
        assert conversation["turns"], conversation["id"]
        for turn in conversation["turns"]:
            assert isinstance(turn["user"], str) and turn["user"].strip()
            for group in turn.get("must") or []:
                assert isinstance(group, list) and group, conversation["id"]
