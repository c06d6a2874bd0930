"""Train an NLU-only model with a candidate config and score it on the development set.

For choosing pipeline settings (issue 14): prints the training time and the development-set
intent macro-F1 and accuracy. Never uses the held-out set.

    .venv/bin/python scripts/nlu_experiment.py CONFIG [--dev tests/nlu_dev] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", type=Path)
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "nlu_dev")
    parser.add_argument("--keep", type=Path, help="folder to keep the model in")
    parser.add_argument(
        "--flatten-faq",
        action="store_true",
        help="train FAQ topics as plain intents (faq_<topic>) instead of a retrieval intent",
    )
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="nlu-exp-"))
    nlu = ROOT / "data" / "nlu"
    if args.flatten_faq:
        nlu = out / "nlu"
        nlu.mkdir(parents=True, exist_ok=True)
        for file in (ROOT / "data" / "nlu").glob("*.yml"):
            (nlu / file.name).write_text(file.read_text().replace("intent: faq/", "intent: faq_"))
    command = [
        # Rasa through bot.rasa_cli, so the model keeps its CRF taggers (bot/crf_taggers.py).
        sys.executable,
        "-m",
        "bot.rasa_cli",
        "train",
        "nlu",
        "--config",
        str(args.config),
        "--nlu",
        str(nlu),
        "--domain",
        "bot/domain",
        "--out",
        str(out),
        "--fixed-model-name",
        "exp",
    ]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    started = time.monotonic()
    log = out / "train.log"
    out.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        result = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        print(log.read_text()[-3000:], file=sys.stderr)
        return 1

    logging.disable(logging.WARNING)
    from evaluate import evaluate, predict
    from rasa.shared.nlu.training_data.loading import load_data

    examples = load_data(str(args.dev)).intent_examples
    parses = asyncio.run(predict(out / "exp.tar.gz", examples))
    for parse in parses:
        name = (parse.get("intent") or {}).get("name") or ""
        if name.startswith("faq_"):
            parse["intent"] = {**parse["intent"], "name": "faq/" + name[4:]}
    report = evaluate(examples, parses)
    print(
        f"{args.config.name}: training {seconds:.0f} s, dev macro-F1 "
        f"{report['intent_macro_f1']:.3f}, accuracy {report['intent_accuracy']:.3f}, "
        f"entity F1 {report['entity_f1']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
