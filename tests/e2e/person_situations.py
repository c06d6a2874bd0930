"""When a person takes over: blind messages for the fact base's 15 handoff situations.

tests/evaluation/person_situations.yml was written blind on 2026-12-05 by a helper who saw only
the fact base (shared/domain/pgb-facts.md, "15 situations in which the bot should hand off"),
never the bot's data, rules or bot/person.yml: 12 messages for each situation, and 80 ordinary
questions that need no person. Each message is the first of a new conversation against a running
stack. Half of the set, chosen by a fixed hash of each id, is unseen: only its counts are kept.
person_situations_dev.yml, written blind the same way by another helper, is for error analysis.

    .venv/bin/python -m tests.e2e.person_situations [--set FILE] [API_URL]

prints the counts and the seen half's misses (for error analysis); tests/e2e/test_realistic.py
writes the counts to results/person_situations.json for `make evaluate`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.realistic import HANDED_OFF, Say, first_replies

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "evaluation" / "person_situations.yml"
UNSEEN_SALT = "pgb-person-unseen-v1"


def is_unseen(message_id: str) -> bool:
    digest = hashlib.sha256(f"{UNSEEN_SALT}:{message_id}".encode()).hexdigest()
    return int(digest, 16) % 2 == 0


def measure(say: Say, path: Path = SET) -> dict[str, Any]:
    """Per part (seen, unseen): messages that need a person and were handed over, ordinary
    questions answered without one; per situation both parts together; the seen half's misses.
    Another set than SET (the development set) is all seen."""
    right: dict[str, dict[str, list[int]]] = {"seen": {}, "unseen": {}}
    by_situation: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    seen_misses = []
    messages = yaml.safe_load(path.read_text())["messages"]
    replies = first_replies([message["text"] for message in messages], say)
    for message, reply in zip(messages, replies, strict=True):
        handed = reply.get("state") in HANDED_OFF
        ok = handed == message["person"]
        part = "unseen" if path == SET and is_unseen(message["id"]) else "seen"
        kind = "person" if message["person"] else "none"
        counts = right[part].setdefault(kind, [0, 0])
        counts[0] += ok
        counts[1] += 1
        by_situation[message["situation"]][0] += ok
        by_situation[message["situation"]][1] += 1
        if part == "seen" and not ok:
            said = " | ".join(m.get("text") or "" for m in reply.get("messages", []))
            seen_misses.append({"id": message["id"], "text": message["text"], "bot": said})
    return {
        "parts": right,
        "situations": {str(s): by_situation[s] for s in sorted(by_situation)},
        "seen_misses": seen_misses,
    }


def lines(report: dict[str, Any]) -> list[str]:
    """The counts, in words."""
    out = []
    for part, counts in report["parts"].items():
        person, none = counts.get("person", [0, 0]), counts.get("none", [0, 0])
        out.append(
            f"{part}: handed over {person[0]}/{person[1]} that need a person; "
            f"answered alone {none[0]}/{none[1]} that need none"
        )
    situations = ", ".join(f"{s}: {ok}/{n}" for s, (ok, n) in report["situations"].items())
    out.append(f"per situation (0 = no person needed): {situations}")
    return out


def main() -> None:
    import argparse

    from tests.e2e.conftest import say

    parser = argparse.ArgumentParser()
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    report = measure(lambda text, cid: say(args.url, text, cid), args.set.resolve())
    for miss in report["seen_misses"]:
        print(f"{miss['id']}: {miss['text']}\n    bot: {miss['bot'][:300]}")
    print("\n".join(lines(report)))


if __name__ == "__main__":
    main()
