"""When a person takes over: blind messages for the fact base's 15 handoff situations.

tests/evaluation/person_situations.yml was written blind on 2026-12-05 by a helper who saw only
the fact base (shared/domain/pgb-facts.md, "15 situations in which the bot should hand off"),
never the bot's data, rules or bot/person.yml: 12 messages for each situation, and 80 ordinary
questions that need no person. Each message is the first of a new conversation against a running
stack. Half of the set, chosen by a fixed hash of each id, is unseen: only its counts are printed.

    .venv/bin/python -m tests.e2e.person_situations [API_URL]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.realistic import HANDED_OFF

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "evaluation" / "person_situations.yml"
UNSEEN_SALT = "pgb-person-unseen-v1"


def is_unseen(message_id: str) -> bool:
    digest = hashlib.sha256(f"{UNSEEN_SALT}:{message_id}".encode()).hexdigest()
    return int(digest, 16) % 2 == 0


def main() -> None:
    import argparse

    from tests.e2e.conftest import say

    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    messages = yaml.safe_load(SET.read_text())["messages"]
    right: dict[tuple[str, int], list[bool]] = defaultdict(list)
    for message in messages:
        reply = say(args.url, message["text"])
        handed = reply.get("state") in HANDED_OFF
        part = "unseen" if is_unseen(message["id"]) else "seen"
        right[(part, message["situation"])].append(handed == message["person"])
        if part == "seen" and handed != message["person"]:
            said = " | ".join(m.get("text") or "" for m in reply.get("messages", []))
            print(f"{message['id']} situation {message['situation']}: {message['text']}")
            print(f"    handed over: {handed}; bot: {said[:300]}")
    for part in ("seen", "unseen"):
        person = [ok for (p, s), oks in right.items() if p == part and s for ok in oks]
        none = [ok for (p, s), oks in right.items() if p == part and not s for ok in oks]
        print(
            f"{part}: handed over {sum(person)}/{len(person)} that need a person; "
            f"answered alone {sum(none)}/{len(none)} that need none"
        )
    situations = sorted({s for _, s in right})
    print("per situation (seen + unseen): " + ", ".join(_rate(right, s) for s in situations))


def _rate(right: dict[tuple[str, int], list[bool]], situation: int) -> str:
    oks: list[Any] = right[("seen", situation)] + right[("unseen", situation)]
    return f"{situation}: {sum(oks)}/{len(oks)}"


if __name__ == "__main__":
    main()
