"""Build the Dutch spaCy pipeline that Rasa's SpacyNLP loads from build/spacy/nl_pgb.

By default: spacy.blank("nl") plus spaCy's lookup lemmatizer, whose tables come from the
spacy-lookups-data package on PyPI. With PGB_SPACY_BASE=nl_core_news_sm (installed with
`pip install -e '.[nl-model]'` on a machine that can reach GitHub) the trained Dutch model is
copied instead. The base name is written to the pipeline's meta so nobody mistakes one for
the other.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "spacy" / "nl_pgb"
BLANK = "blank"


def build(base: str) -> spacy.language.Language:
    if base == BLANK:
        nlp = spacy.blank("nl")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the lookup tables from spacy-lookups-data into the pipeline
        nlp.meta["description"] = "spacy.blank('nl') + lookup lemmatizer (spacy-lookups-data)"
    else:
        nlp = spacy.load(base)
        nlp.meta["description"] = f"copy of {base}"
    nlp.meta["name"] = "nl_pgb"
    nlp.meta["pgb_base"] = base
    return nlp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--base", default=os.environ.get("PGB_SPACY_BASE", BLANK))
    args = parser.parse_args()
    try:
        nlp = build(args.base)
    except OSError as error:
        print(f"cannot load spaCy pipeline {args.base!r}: {error}", file=sys.stderr)
        print("install it with: .venv/bin/pip install -e '.[nl-model]'", file=sys.stderr)
        return 1
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"spaCy pipeline ({args.base}) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
