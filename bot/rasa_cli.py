"""`python -m bot.rasa_cli ARGS` is `rasa ARGS` (run, train, shell, ...), started and trained
faster.

Training runs the graph's independent parts two at a time (`train_in_two_threads`).

Five things before Rasa's own command line (issue 14). Rasa alone, from start to ready, on
this 2-core machine with another stack busy (2026-12-03): 72 to 75 s before, 16 s with the
first, 10 to 11.5 s with the first two.
- The CRF entity extractor's taggers are kept in the model and read back instead of being
  trained again at every start (bot/crf_taggers.py).
- skops, which loads the intent classifier, is imported before Rasa imports TensorFlow. At
  import, skops finds the module of every numpy and scipy ufunc by scanning all loaded modules,
  which takes seconds once TensorFlow's thousands of modules are loaded. Its list of trusted
  types comes out the same in either order (compared on 2026-12-03).
- The action server's replies and the training data's entity annotations are checked by
  validators built once (bot/schema_checks.py).
- Tokens, features and messages get their fingerprint for the training cache in one hash each
  (bot/fingerprints.py).
- The conversation sent to the action server is written as JSON by ujson (bot/action_json.py).
"""

from __future__ import annotations

import functools
import sys


def train_in_two_threads() -> None:
    """Let `rasa train` run independent parts of the graph at the same time, on two threads.

    Rasa 3.6 runs its graph with `dask.get`, dask's one-thread scheduler, so the intent
    classifier, the CRF, the safety and situation nets and the rule policy are trained one after
    the other although none needs another's output. Most of their time is spent in numpy,
    scipy and the embedder's C code, which let other threads run meanwhile. The embedder is
    shared behind a lock (bot/components/sentence_embedding.py).

    Measured 2026-12-07 with `measure_training` (scripts/benchmark.py), same machine, one after
    the other: after one more NLU example 94 s instead of 121 s; from empty caches 322 s against
    307 s (there the classifier competes with the nets' embedding for both cores). A model
    trained so has the same classifier coefficients (compared, difference 0.0) and the same rules.
    """
    import dask
    import dask.threaded

    dask.get = functools.partial(dask.threaded.get, num_workers=2)


def main() -> None:
    import skops.io  # noqa: F401 - see the module docstring: before rasa.core imports TensorFlow

    from bot import action_json, crf_taggers, fingerprints, schema_checks

    action_json.install()
    crf_taggers.install()
    schema_checks.install()
    fingerprints.install()
    if "train" in sys.argv[1:2]:
        train_in_two_threads()

    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"  # how Rasa's help and errors name the command
    rasa_main()


if __name__ == "__main__":
    main()
