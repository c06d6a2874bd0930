"""Flag sentences of more than 20 words in what the bot says (B1 Dutch: short sentences).

Reads every response in bot/domain and every Dutch text field in bot/knowledge. Prints the
flagged sentences; `--max N` exits 1 when more than N are flagged.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_WORDS = 20
TEXT_FIELDS = ("text", "reason", "question", "check", "topic", "conditions", "items")
# A sentence ends at . ! ? or a line break; "bijv." and "o.a." style abbreviations are rare here.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Dutch text the bot can send."""
    for file in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        for name, variants in (yaml.safe_load(file.read_text()).get("responses") or {}).items():
            for variant in variants:
                yield f"{file.name}:{name}", str(variant.get("text") or "")
    for file in sorted((ROOT / "bot" / "knowledge").glob("*.yaml")):
        for record in yaml.safe_load(file.read_text()).get("records") or []:
            for field in TEXT_FIELDS:
                for text in _strings(record.get(field)):
                    yield f"{file.name}:{record.get('id')}.{field}", text


def long_sentences() -> list[tuple[str, int, str]]:
    flagged = []
    for where, text in texts():
        if where.startswith("faq.yml"):
            continue  # generated from answers.yaml, which is read itself
        for sentence in SENTENCE_END.split(text):
            words = len(re.findall(r"[\wÀ-ÿ'’-]+", sentence))
            if words > MAX_WORDS:
                flagged.append((where, words, sentence.strip()))
    return flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=None)
    args = parser.parse_args()
    flagged = long_sentences()
    for where, words, sentence in flagged:
        print(f"{words:3d} words  {where}: {sentence}")
    total = sum(1 for _ in texts())
    print(f"{len(flagged)} sentences over {MAX_WORDS} words in {total} texts")
    return 1 if args.max is not None and len(flagged) > args.max else 0


if __name__ == "__main__":
    sys.exit(main())
