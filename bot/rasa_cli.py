"""`python -m bot.rasa_cli ARGS` is `rasa ARGS` (run, train, shell, ...), started faster.

Five things before Rasa's own command line (issue 14). Rasa alone, from start to ready, on this
2-core machine with another stack busy (2026-12-03): 72 to 75 s before, 16 s with the first, 10
to 11.5 s with the first two.
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

import sys


def main() -> None:
    import skops.io  # noqa: F401 - see the module docstring: before rasa.core imports TensorFlow

    from bot import action_json, crf_taggers, fingerprints, schema_checks

    action_json.install()
    crf_taggers.install()
    schema_checks.install()
    fingerprints.install()

    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"  # how Rasa's help and errors name the command
    rasa_main()


if __name__ == "__main__":
    main()
