"""The redaction table (tests/evaluation/redaction.yml): recall of identifiers, and ordinary
words kept. Prints the recall for the closing note and the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from api.redaction import redact

CASES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "evaluation" / "redaction.yml").read_text()
)["cases"]
TODAY = date(2026, 11, 23)
# Street names without a recognisable suffix ("Lange Voorhout 9") are a known miss.
MIN_RECALL = 0.95


def test_redaction_recall_and_precision() -> None:
    secrets = missed = kept_wrongly = 0
    misses = []
    for case in CASES:
        clean = redact(case["text"], today=TODAY)
        for secret in case.get("secrets", []):
            secrets += 1
            if secret in clean:
                missed += 1
                misses.append(f"{case['text']!r} -> {clean!r}")
        for word in case.get("keep", []):
            if word not in clean:
                kept_wrongly += 1
                misses.append(f"over-redacted {case['text']!r} -> {clean!r}")
    recall = 1 - missed / secrets
    print(
        f"redaction recall {recall:.1%} ({secrets - missed}/{secrets}); "
        f"ordinary text wrongly redacted: {kept_wrongly}"
    )
    print("\n".join(misses))
    assert recall >= MIN_RECALL, misses
    assert kept_wrongly == 0, misses
