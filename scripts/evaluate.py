"""Evaluate the trained model on the held-out Dutch test set (tests/nlu_holdout), which is never
trained on. Prints intent accuracy, macro-F1 (FAQ topics count as their own intents, e.g.
faq/what_is_pgb), entity F1 and the most-confused pairs; writes results/nlu_evaluation.json.

    .venv/bin/python scripts/evaluate.py [--min-macro-f1 0.92]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
HOLDOUT = ROOT / "tests" / "nlu_holdout"
RESULTS = ROOT / "results" / "nlu_evaluation.json"


def label_of(parse: dict[str, Any]) -> str:
    """The full intent the bot understood, with the FAQ topic for the retrieval intent."""
    intent = (parse.get("intent") or {}).get("name") or "none"
    if intent == "faq":
        key = parse.get("response_selector", {}).get("faq", {}).get("response", {})
        return key.get("intent_response_key") or intent
    return str(intent)


def spans(entities: list[dict[str, Any]]) -> set[tuple[str, int, int]]:
    return {(e["entity"], int(e["start"]), int(e["end"])) for e in entities if "start" in e}


def f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


async def predict(model: Path, examples: list[Any]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    return [await agent.parse_message(example.get("text")) for example in examples]


def evaluate(examples: list[Any], parses: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.metrics import f1_score

    gold = [e.get("intent_response_key") or e.get("intent") for e in examples]
    predicted = [label_of(p) for p in parses]
    labels = sorted(set(gold))
    per_intent = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    confused = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)

    tp = fp = fn = 0
    for example, parse in zip(examples, parses, strict=True):
        expected = spans(example.get("entities") or [])
        found = spans(parse.get("entities") or [])
        tp, fp, fn = (
            tp + len(expected & found),
            fp + len(found - expected),
            fn + len(expected - found),
        )
    return {
        "examples": len(examples),
        "intent_accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold),
        "intent_macro_f1": float(per_intent.mean()),
        "entity_f1": f1(tp, fp, fn),
        "per_intent_f1": dict(zip(labels, map(float, per_intent), strict=True)),
        "most_confused": [
            {"expected": g, "predicted": p, "count": n} for (g, p), n in confused.most_common(10)
        ],
        "errors": [
            {"text": e.get("text"), "expected": g, "predicted": p}
            for e, g, p in zip(examples, gold, predicted, strict=True)
            if g != p
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-macro-f1", type=float, default=None)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.disable(logging.WARNING)

    from rasa.shared.nlu.training_data.loading import load_data
    from train import model_path

    model = model_path()
    if not model.exists():
        print("no current model: run `make train` first", file=sys.stderr)
        return 1
    examples = load_data(str(HOLDOUT)).intent_examples
    report = evaluate(examples, asyncio.run(predict(model, examples)))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False))

    print(f"held-out examples   {report['examples']}")
    print(f"intent accuracy     {report['intent_accuracy']:.3f}")
    print(f"intent macro-F1     {report['intent_macro_f1']:.3f}")
    print(f"entity F1           {report['entity_f1']:.3f}")
    print(
        "weakest intents     "
        + ", ".join(
            f"{name} {score:.2f}"
            for name, score in sorted(report["per_intent_f1"].items(), key=lambda x: x[1])[:5]
        )
    )
    print("most confused:")
    for pair in report["most_confused"]:
        print(f"  {pair['count']:3d}  {pair['expected']} -> {pair['predicted']}")
    print(f"details: {RESULTS.relative_to(ROOT)}")
    if args.min_macro_f1 is not None and report["intent_macro_f1"] < args.min_macro_f1:
        print(f"macro-F1 below {args.min_macro_f1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
