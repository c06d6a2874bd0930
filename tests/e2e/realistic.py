"""Score the realistic conversations of tests/evaluation/realistic.yml against the live bot.

The set was written blind (by writers who saw only the topic list and the fact base, never the
training data or the rules) and frozen before tuning. A third of it, chosen by a fixed hash of
each conversation's id, is the *unseen* part: its failures are never printed, only counted, so
error analysis cannot tune to it.

A turn passes when every `must` group has at least one of its phrases in the bot's reply, no
`must_not` phrase is in it, the reply is not a "did not understand" message, and, with
`handoff: true`, the conversation is handed to a person. A conversation passes when every turn does.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "evaluation" / "realistic.yml"
TUNING_SET = ROOT / "tests" / "evaluation" / "realistic_tuning.yml"
VALIDATION_SET = ROOT / "tests" / "evaluation" / "realistic_validation.yml"
ANALYSIS_SET = ROOT / "tests" / "evaluation" / "realistic_analysis.yml"
# Two more analysis sets (2026-12-06, 2026-12-07), played by hand while tuning (`--set`).
MORE_ANALYSIS_SETS = (
    ROOT / "tests" / "evaluation" / "realistic_analysis_2.yml",
    ROOT / "tests" / "evaluation" / "realistic_analysis_3.yml",
)
# Written blind like the others and never used for error analysis: all of it is unseen.
CHECK_SET = ROOT / "tests" / "evaluation" / "realistic_check.yml"
UNSEEN_SALT = "pgb-realistic-unseen-v1"
HANDED_OFF = {"requested", "with_advisor", "callback"}
# Replies that mean the bot did not understand (bot/domain/core.yml, clarify.yml).
NOT_UNDERSTOOD = (
    "sorry, ik weet even niet hoe ik verder moet",
    "sorry, dat begrijp ik niet goed",
    "ik weet niet zeker wat u bedoelt",
)

PROBLEM_KINDS = ("missing", "wrong", "not understood", "no handoff")
# Conversations played at once: Rasa works on one while the api and the action server handle
# another: the analysis set took 15 s instead of 35 s on 2 cores (2026-12-06), same results.
PLAYERS = 3

Say = Callable[[str, str | None], dict[str, Any]]


def is_unseen(conversation_id: str) -> bool:
    digest = hashlib.sha256(f"{UNSEEN_SALT}:{conversation_id}".encode()).hexdigest()
    return int(digest, 16) % 3 == 0


def load(path: Path = SET) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text())["conversations"])


def turn_problems(turn: dict[str, Any], reply: dict[str, Any]) -> list[str]:
    said = "\n".join(m.get("text") or "" for m in reply.get("messages", [])).lower()
    problems = [
        f"missing one of {group!r}"
        for group in turn.get("must") or []
        if not any(str(p).lower() in said for p in group)
    ]
    problems += [f"wrong {p!r}" for p in turn.get("must_not") or [] if str(p).lower() in said]
    if any(phrase in said for phrase in NOT_UNDERSTOOD) and not turn.get("must"):
        problems.append("not understood")
    if turn.get("handoff") and reply.get("state") not in HANDED_OFF:
        problems.append(f"no handoff (state {reply.get('state')!r})")
    return problems


@dataclass
class Result:
    conversation: dict[str, Any]
    failures: list[tuple[int, str, list[str], str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def play(conversation: dict[str, Any], say: Say) -> Result:
    result = Result(conversation)
    conversation_id = None
    for number, turn in enumerate(conversation["turns"], start=1):
        reply = say(turn["user"], conversation_id)
        conversation_id = reply["conversation_id"]
        problems = turn_problems(turn, reply)
        if problems:
            said = " | ".join(m.get("text") or "" for m in reply.get("messages", []))
            result.failures.append((number, turn["user"], problems, said))
    return result


def play_all(conversations: list[dict[str, Any]], say: Say) -> list[Result]:
    """Play each conversation, PLAYERS at a time (each its own conversation with the bot), in
    the order given. The bot answers one conversation the same whatever else it answers."""
    with ThreadPoolExecutor(max_workers=PLAYERS) as pool:
        return list(pool.map(lambda conversation: play(conversation, say), conversations))


def first_replies(texts: list[str], say: Say) -> list[dict[str, Any]]:
    """The bot's reply to each text as the first message of its own conversation, PLAYERS at a
    time, in the order given."""
    with ThreadPoolExecutor(max_workers=PLAYERS) as pool:
        return list(pool.map(lambda text: say(text, None), texts))


def failure_kinds(results: list[Result]) -> dict[str, int]:
    """How many failed turns were the first turn or a later one, and how many problems of each
    kind (missing, wrong, not understood, no handoff) they had."""
    kinds: dict[str, int] = defaultdict(int)
    for r in results:
        for number, _, problems, _ in r.failures:
            kinds["first turn" if number == 1 else "later turn"] += 1
            for problem in problems:
                kinds[next(k for k in PROBLEM_KINDS if problem.startswith(k))] += 1
    return dict(sorted(kinds.items()))


def summary(results: list[Result], frozen: bool = True, hidden: bool = False) -> dict[str, Any]:
    """Pass rates overall, for the seen and unseen parts, and per topic.

    Only the frozen set has an unseen part; a tuning set (frozen=False) is all seen, the check
    set (hidden=True) all unseen.
    """

    def rate(items: list[Result]) -> dict[str, Any]:
        passed = sum(r.passed for r in items)
        return {"passed": passed, "total": len(items), "rate": passed / len(items) if items else 0}

    by_topic: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_topic[r.conversation["topic"]].append(r)
    unseen = [r for r in results if hidden or (frozen and is_unseen(r.conversation["id"]))]
    seen = [r for r in results if r not in unseen]
    return {
        "all": rate(results),
        "seen": rate(seen),
        "unseen": rate(unseen),
        # Counts only, so the unseen part's failures stay unread while showing their kind.
        "unseen_kinds": failure_kinds(unseen),
        "topics": {topic: rate(items) for topic, items in sorted(by_topic.items())},
        # Only the seen part's failures are written out: the unseen third stays unseen.
        "seen_failures": [
            {
                "id": r.conversation["id"],
                "topic": r.conversation["topic"],
                "turns": [
                    {"turn": n, "user": user, "problems": problems, "bot": said}
                    for n, user, problems, said in r.failures
                ],
            }
            for r in seen
            if not r.passed
        ],
    }


def main() -> None:
    """Play a set against a running stack:
    `python -m tests.e2e.realistic [--set FILE] [API_URL] [ID ...]`.

    For error analysis while tuning (start the stack with `make run` and the settings of
    tests/e2e/conftest.py). Prints the numbers and the seen part's failures; never the unseen.
    `--set` plays another set, such as TUNING_SET (written blind for tuning; all of it seen).
    """
    import argparse
    import json

    from tests.e2e.conftest import say

    parser = argparse.ArgumentParser()
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    frozen = args.set.resolve() == SET
    hidden = args.set.resolve() == CHECK_SET
    chosen = [c for c in load(args.set) if not args.ids or c["id"] in args.ids]
    results = play_all(chosen, lambda text, cid: say(args.url, text, cid))
    report = summary(results, frozen, hidden)
    for failure in report["seen_failures"]:
        print(json.dumps(failure, ensure_ascii=False, indent=1))
    for part in ("all", "seen", "unseen"):
        r = report[part]
        print(f"realistic {part}: {r['passed']}/{r['total']} ({r['rate']:.1%})")
    print(f"unseen failed turns by kind: {report['unseen_kinds']}")
    for topic, r in report["topics"].items():
        print(f"  {topic:18s} {r['passed']}/{r['total']} ({r['rate']:.0%})")


if __name__ == "__main__":
    main()
