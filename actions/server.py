"""`python -m actions.server ARGS` runs rasa-sdk's action server, as `rasa run actions ARGS`
does, with the knowledge loaded before it listens.

The knowledge files (bot/knowledge) were otherwise read at the first question that needs
them: the first such answer after a start took 0.7 to 2.6 s, later ones 0.2 to 0.7 s; now it
takes 0.14 to 0.39 s (2026-12-03, a busy 2-core machine; py-spy: 0.86 s of YAML; issue 14).
A broken file now also stops the server at its start instead of failing a person's question.
Starting rasa-sdk directly skips Rasa's command line and its imports, which pays for the
loading: ready in 1.1 to 1.4 s, as before.
"""

from __future__ import annotations


def main() -> None:
    from rasa_sdk.__main__ import main as run_action_server

    from bot.pgb.knowledge import load_knowledge

    load_knowledge()  # cached: the actions get this same object
    run_action_server()


if __name__ == "__main__":
    main()
