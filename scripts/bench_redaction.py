"""Time api.redaction.redact on 4000-character messages (the api's maximum). Prints numbers;
asserts nothing.

    .venv-api/bin/python scripts/bench_redaction.py [--runs 200]

Three messages of exactly 4000 characters: ordinary pgb text, the same text with an
identifier in every sentence, and a worst case of digit groups and street-like words.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.conversation.redaction import redact  # noqa: E402

LENGTH = 4000
ORDINARY = (
    "Mijn moeder is 87 jaar en woont in Zwolle. Ze heeft een Wlz-indicatie sinds 1 januari "
    "2015 en de beschikking van 12-03-2026 zegt 16 uur per week. Ik werk 4 dagen per week van "
    "09:00-17:00 en krijg € 1.234,56 per maand; de zorgverlener vraagt 23,50 per uur. Volgens "
    "art. 2.3.6 van de Wmo 2015 mag dat, en per 1 juli 2026 gaat het tarief 3% omhoog. "
)
IDENTIFIERS = [
    "Mijn bsn is 111.222.333 en mijn IBAN NL91 ABNA 0417 1643 00.",
    "Bel me op (020) 123 45 67 of mail jan(at)example.nl.",
    "We wonen op de laan van meerdervoort 12, 2517 ab Den Haag.",
    "Ze is geboren op 12 mrt. 1956 en haar nummer is +32 470 12 34 56.",
]
WORST = "Kerkstraat 12 06 12 34 56 78 111 222 333 1234 AB geboren 12-03-56 NL91 ABNA 0417 "


def message(parts: list[str]) -> str:
    text = "".join(itertools.islice(itertools.cycle(parts), 200))
    return text[:LENGTH]


def measure(text: str, runs: int) -> tuple[list[float], float]:
    """Wall-clock milliseconds of each call, and the mean CPU milliseconds per call (which a
    busy shared machine disturbs less)."""
    redact(text)  # compile the patterns and load the phonenumbers metadata
    timings = []
    cpu_start = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        redact(text)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, (time.process_time() - cpu_start) * 1000 / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    messages = {
        "ordinary pgb text": message([ORDINARY]),
        "an identifier in every sentence": message(
            [part for pair in zip([ORDINARY] * 4, IDENTIFIERS, strict=True) for part in pair]
        ),
        "worst case (digits and streets only)": message([WORST]),
    }
    print(
        f"redact() on {LENGTH}-character messages, {runs} runs each, in milliseconds "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for name, text in messages.items():
        assert len(text) == LENGTH
        timings, cpu = measure(text, runs)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"  {name:38} median {statistics.median(timings):6.2f}  p95 {p95:6.2f}  "
            f"max {timings[-1]:6.2f}  cpu {cpu:6.2f}  labels {redact(text).count('[')}"
        )


if __name__ == "__main__":
    main()
