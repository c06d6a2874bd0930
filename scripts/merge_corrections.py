"""`make corrections`: merge the approved intent corrections of the advisor console into
data/nlu/corrections.yml, each example with its reviewer, approval date and source conversation
as a comment. Then `make train` and `make evaluate` show whether they helped.

Runs in the api's environment (.venv-api) against the api's database (PGB_DATABASE_URL, as the
api reads it). The file only grows: examples merged earlier stay, also after their conversation
was deleted (retention, AVG). Skipped, and said: an intent the domain does not know, and an
example data/nlu/ already has (under its intent: nothing to add; under another: a conflict a
person must resolve).

    .venv-api/bin/python scripts/merge_corrections.py [--database-url URL] [--dry-run]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from api.core.db import get_engine  # noqa: E402
from api.core.settings import get_settings  # noqa: E402
from api.models import Correction, Message  # noqa: E402
from api.nlu_text import nlu_text  # noqa: E402

TARGET = ROOT / "data" / "nlu" / "corrections.yml"
DOMAIN = ROOT / "bot" / "domain"
NLU = ROOT / "data" / "nlu"
HEADER = (
    'version: "3.1"\n'
    "# Approved corrections from the advisor console, merged by `make corrections`\n"
    "# (scripts/merge_corrections.py). Each example keeps its reviewer, approval date and\n"
    "# source conversation. Merged examples stay; edit with care.\n"
    "nlu:\n"
)
_BLOCK = re.compile(
    r"  # (?P<meta>.*)\n  - intent: (?P<intent>\S+)\n    examples: \|\n      - (?P<text>.*)\n"
)


@dataclass(frozen=True)
class Example:
    intent: str
    text: str
    meta: str

    def block(self) -> str:
        return f"  # {self.meta}\n  - intent: {self.intent}\n    examples: |\n      - {self.text}\n"


def read_merged(path: Path) -> list[Example]:
    if not path.exists():
        return []
    return [Example(m["intent"], m["text"], m["meta"]) for m in _BLOCK.finditer(path.read_text())]


def known_intents(domain: Path = DOMAIN) -> set[str]:
    found: set[str] = set()
    for file in sorted(domain.glob("*.yml")):
        for intent in (yaml.safe_load(file.read_text()) or {}).get("intents") or []:
            found.add(next(iter(intent)) if isinstance(intent, dict) else str(intent))
    return found


def training_examples(nlu: Path = NLU, skip: Path = TARGET) -> dict[str, str]:
    """Every example text of data/nlu/ (without the merged file), with its intent."""
    found: dict[str, str] = {}
    for file in sorted(nlu.rglob("*.yml")):
        if file == skip:
            continue
        for block in (yaml.safe_load(file.read_text()) or {}).get("nlu") or []:
            if "intent" in block and isinstance(block.get("examples"), str):
                for line in block["examples"].splitlines():
                    text = line.strip().removeprefix("- ").strip()
                    if text:
                        found.setdefault(text.lower(), str(block["intent"]))
    return found


def approved(session: Session) -> list[Example]:
    query = (
        select(Correction, Message)
        .join(Message, Message.id == Correction.message_id)
        .where(Correction.kind == "intent", Correction.approved_at.is_not(None))
        .order_by(Correction.approved_at, Correction.id)
    )
    found = []
    for correction, message in session.execute(query):
        # One line, as the bot reads it (api/nlu_text.py); the text was redacted when stored.
        text = nlu_text(" ".join((message.text or "").split()))
        if not text or not correction.intent:
            continue
        assert correction.approved_at is not None
        meta = (
            f"reviewer: {correction.approved_by}, approved {correction.approved_at.date()}, "
            f"conversation {message.conversation_id}, message {message.id}"
        )
        found.append(Example(correction.intent, text, meta))
    return found


def merge(
    merged: list[Example],
    new: list[Example],
    intents: set[str],
    training: dict[str, str],
) -> tuple[list[Example], list[str]]:
    """The merged file's examples after adding `new`, and what was skipped and why."""
    result, notes = list(merged), []
    seen = {e.text.lower(): e.intent for e in merged}
    for example in new:
        key = example.text.lower()
        if "](" in example.text or "]{" in example.text:
            notes.append(f"skipped (reads as an entity annotation): {example.text}")
        elif example.intent not in intents:
            notes.append(f"skipped (unknown intent {example.intent}): {example.text}")
        elif key in seen or training.get(key) == example.intent:
            continue  # merged before, or already training data
        elif key in training:
            notes.append(
                f"skipped (data/nlu/ has it under {training[key]}, not {example.intent}): "
                f"{example.text}"
            )
        else:
            result.append(example)
            seen[key] = example.intent
    return result, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    url = args.database_url or get_settings().database_url
    with Session(get_engine(url)) as session:
        new = approved(session)
    merged = read_merged(TARGET)
    result, notes = merge(merged, new, known_intents(), training_examples())
    for note in notes:
        print(note)
    added = len(result) - len(merged)
    if not args.dry_run and added:
        TARGET.write_text(HEADER + "".join(e.block() for e in result))
    print(f"{added} new example(s) in {TARGET.relative_to(ROOT)} ({len(result)} in all)")
    if added:
        print("next: make train && make evaluate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
