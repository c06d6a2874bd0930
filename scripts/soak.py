"""`make soak`: the cluster under load and faults, with the numbers printed.

Starts the cluster of `make cluster` (2 api workers, 1 action server, Rasa replicas, PostgreSQL
and Redis) on its own ports and fresh databases, then runs the same loopback load twice through
POST /api/chat, spread over both api workers:

1. against one Rasa replica (the second is not started yet: conversations pinned to it find
   its connection refused and fail over to the first, as the api does in production);
2. against two replicas, with one of them killed (SIGKILL) halfway.

Afterwards it checks in SQL that every turn sent has exactly one stored user message and one
Rasa `user` event, in the order sent, and that every turn was answered (the Dutch fallback only
for a turn in flight at the kill, at most one per conversation). It prints msg/s, p50/p95,
errors and fallbacks per phase, and exits 1 when a check fails.

    python scripts/soak.py [--conversations 40] [--turns 20] [--clients 4]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa
import stack
from train import current_model

QUESTIONS = [
    "wat is een pgb",
    "mag ik mijn moeder betalen uit het pgb",
    "hoe vraag ik een pgb aan",
    "wat is het verschil tussen zorg in natura en een pgb",
    "moet ik een zorgovereenkomst afsluiten",
    "wat doet de svb met mijn budget",
    "telt pgb geld als inkomen voor de toeslagen",
    "mag ik een schoonmaker betalen met mijn pgb",
    "wie beslist over een pgb voor jeugdhulp",
    "wat moet ik doen als mijn zorgverlener ziek is",
]
FALLBACK = "Sorry, de digitale assistent werkt nu even niet"
MARK = re.compile(r"vraag (\d+)$")


@dataclass
class Turn:
    conversation: int
    number: int
    started: float
    ended: float = 0.0
    status: int = 0
    fallback: bool = False
    answered: bool = False


@dataclass
class Phase:
    name: str
    turns: list[Turn] = field(default_factory=list)
    ids: dict[int, str] = field(default_factory=dict)  # conversation number -> id
    started: float = 0.0
    ended: float = 0.0
    killed_at: float | None = None


def say(client: httpx.Client, api: str, conv: dict[str, str], text: str) -> httpx.Response:
    headers = {"X-Conversation-Token": conv["token"]} if conv.get("token") else {}
    return client.post(
        f"{api}/api/chat",
        json={"conversation_id": conv.get("id"), "text": text},
        headers=headers,
        timeout=60,
    )


def run_load(
    phase: Phase, apis: list[str], conversations: int, turns: int, clients: int,
    kill: threading.Event | None = None,
) -> None:  # fmt: skip
    """`clients` threads; each owns some conversations and sends their turns round-robin, so
    turns of different conversations interleave and each conversation's turns are in order."""
    lock = threading.Lock()
    total = conversations * turns

    def client_thread(owned: list[int]) -> None:
        state = {c: {} for c in owned}  # type: dict[int, dict[str, str]]
        with httpx.Client() as client:
            for number in range(1, turns + 1):
                for c in owned:
                    api = apis[(c + number) % len(apis)]  # each turn through the other worker
                    text = f"{QUESTIONS[(c + number) % len(QUESTIONS)]} vraag {number}"
                    turn = Turn(c, number, time.monotonic())
                    try:
                        response = say(client, api, state[c], text)
                        turn.status = response.status_code
                        if response.status_code == 200:
                            body = response.json()
                            state[c]["id"] = body["conversation_id"]
                            state[c]["token"] = body.get("conversation_token") or state[c]["token"]
                            messages = body["messages"]
                            turn.answered = bool(messages)
                            turn.fallback = any(
                                (m.get("text") or "").startswith(FALLBACK) for m in messages
                            )
                    except httpx.HTTPError:
                        turn.status = -1
                    turn.ended = time.monotonic()
                    with lock:
                        phase.turns.append(turn)
                        phase.ids[c] = state[c].get("id", "")
                        done = len(phase.turns)
                        if kill is not None and done == total // 2:
                            kill.set()
                        if done % 100 == 0:
                            print(f"    {done}/{total} turns", flush=True)

    phase.started = time.monotonic()
    threads = [
        threading.Thread(
            target=client_thread, args=(list(range(n, conversations, clients)),), daemon=True
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():  # short joins, so Ctrl-C reaches the main thread
            thread.join(0.5)
    phase.ended = time.monotonic()


def markers(texts: list[str]) -> list[int]:
    return [int(m.group(1)) for t in texts if (m := MARK.search(t.strip(" ?.!")))]


@dataclass
class Check:
    sent: int = 0
    stored: int = 0
    duplicated: int = 0
    reordered: int = 0  # conversations whose turns are not in the order sent
    lost: int = 0

    def add(self, sent: list[int], found: list[int]) -> None:
        self.sent += len(sent)
        self.stored += len(found)
        self.duplicated += len(found) - len(set(found))
        self.reordered += found != sorted(found)
        self.lost += len(set(sent) - set(found))

    def line(self, name: str) -> str:
        return (
            f"  {name:<20} sent {self.sent}, stored {self.stored}, duplicated "
            f"{self.duplicated}, reordered {self.reordered}, lost {self.lost}"
        )


def check_sql(phase: Phase, env: dict[str, str], turns: int) -> tuple[Check, Check]:
    api, rasa = Check(), Check()
    api_db = sa.create_engine(env["PGB_DATABASE_URL"])
    tracker_db = sa.create_engine(env["PGB_TRACKER_STORE_URL"])
    sent = list(range(1, turns + 1))
    with api_db.connect() as a, tracker_db.connect() as t:
        for conversation_id in phase.ids.values():
            stored = a.execute(
                sa.text(
                    "SELECT text FROM messages WHERE conversation_id = :c AND sender = 'user'"
                    " ORDER BY id"
                ),
                {"c": conversation_id},
            ).scalars()
            api.add(sent, markers(list(stored)))
            events = t.execute(
                sa.text(
                    "SELECT data FROM events WHERE sender_id = :c AND type_name = 'user'"
                    " ORDER BY id"
                ),
                {"c": conversation_id},
            ).scalars()
            rasa.add(sent, markers([json.loads(e).get("text") or "" for e in events]))
    api_db.dispose()
    tracker_db.dispose()
    return api, rasa


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(phase: Phase) -> tuple[str, list[str]]:
    """The phase's numbers, and what broke the rules (empty: nothing)."""
    took = phase.ended - phase.started
    latencies = sorted(t.ended - t.started for t in phase.turns)
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    errors = [t for t in phase.turns if t.status != 200]
    fallbacks = [t for t in phase.turns if t.fallback]
    unanswered = [t for t in phase.turns if t.status == 200 and not t.answered]
    problems = []
    if errors:
        problems.append(f"{len(errors)} turns got no 200")
    if unanswered:
        problems.append(f"{len(unanswered)} turns got no message")
    at_kill = [
        t for t in fallbacks
        if phase.killed_at is not None and t.started <= phase.killed_at <= t.ended + 0.5
    ]  # fmt: skip
    if len(at_kill) != len(fallbacks):
        problems.append(f"{len(fallbacks) - len(at_kill)} fallbacks not at the kill")
    per_conversation = [t.conversation for t in at_kill]
    if len(per_conversation) != len(set(per_conversation)):
        problems.append("more than one fallback in one conversation")
    line = (
        f"  {phase.name:<34} {len(phase.turns)} turns in {took:.1f} s: "
        f"{len(phase.turns) / took:.1f} msg/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"errors {len(errors)}, fallbacks {len(fallbacks)}"
    )
    return line, problems


def main() -> int:  # noqa: PLR0915 - one run, top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--turns", type=int, default=20)
    # Sized so that one replica can still serve the whole load after the other is killed (on
    # 2 cores, 12 clients kept the survivor past the 10 s deadline: 142 fallbacks, 2026-12-02).
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    # SIGTERM like Ctrl-C: stop the services and drop the databases on the way out.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    run = uuid.uuid4().hex[:8]
    postgres = os.environ.get("PGB_CLUSTER_POSTGRES", stack.CLUSTER_POSTGRES)
    os.environ.update(
        PGB_API_PORT="8100",
        PGB_RASA_PORT="5105",
        PGB_ACTIONS_PORT="5155",
        PGB_DATABASE_URL=f"{postgres}/pgb_soak_api_{run}",
        PGB_TRACKER_STORE_URL=f"{postgres}/pgb_soak_tracker_{run}",
        PGB_DEPLOYMENT=f"soak-{run}",
        PGB_RATE_LIMIT_CHAT="1000000/minute",
        PGB_OFFICE_HOURS="mon-sun 00:00-24:00",
        PGB_OFFICE_CLOSED_ON_HOLIDAYS="false",
        PGB_PURGE_INTERVAL_S="0",
    )
    env = stack.cluster_environment(stack.environment())
    stack.protect_var()
    model = current_model()
    if not model.exists():
        print(f"no trained model {model}: run `make train` (or set PGB_MODEL)", file=sys.stderr)
        return 1
    stack.ensure_databases(env)
    stack.migrate(env)
    services = stack.cluster_services(env, model)
    by_name = {s.name: s for s in services}
    first, second = by_name["rasa-1"], by_name["rasa-2"]
    apis = [f"http://{env['PGB_HOST']}:{p}" for p in env["PGB_API_PORTS"].split(",")]
    print(f"soak {run}: {args.conversations} conversations x {args.turns} turns, "
          f"{args.clients} clients, api workers {', '.join(apis)}", flush=True)  # fmt: skip
    started = [s for s in services if s is not second]
    try:
        for service in started:
            stack.start(service, env)
        failed = stack.wait_until_ready(started)
        if failed:
            print(f"{failed.name} did not start; see {failed.log}", file=sys.stderr)
            return 1

        one = Phase("one replica (rasa-1)")
        cpu_before = cpu_seconds(first.process.pid)  # type: ignore[union-attr]
        run_load(one, apis, args.conversations, args.turns, args.clients)
        print(f"  rasa-1 CPU {cpu_seconds(first.process.pid) - cpu_before:.0f} s", flush=True)  # type: ignore[union-attr]

        stack.start(second, env)
        if stack.wait_until_ready([second]):
            print(f"rasa-2 did not start; see {second.log}", file=sys.stderr)
            return 1
        two = Phase("two replicas, rasa-1 killed halfway")
        kill = threading.Event()
        cpu = {s.name: cpu_seconds(s.process.pid) for s in (first, second)}  # type: ignore[union-attr]

        def killer() -> None:
            kill.wait()
            cpu["rasa-1"] = cpu_seconds(first.process.pid) - cpu["rasa-1"]  # type: ignore[union-attr]
            two.killed_at = time.monotonic()
            os.killpg(first.process.pid, signal.SIGKILL)  # type: ignore[union-attr]

        threading.Thread(target=killer, daemon=True).start()
        run_load(two, apis, args.conversations, args.turns, args.clients, kill)
        cpu["rasa-2"] = cpu_seconds(second.process.pid) - cpu["rasa-2"]  # type: ignore[union-attr]
        print(f"  CPU before the kill: rasa-1 {cpu['rasa-1']:.0f} s; rasa-2 over the phase "
              f"{cpu['rasa-2']:.0f} s", flush=True)  # fmt: skip

        failures = []
        print("\nload (through POST /api/chat, both api workers):")
        for phase in (one, two):
            line, problems = report(phase)
            print(line)
            failures += [f"{phase.name}: {p}" for p in problems]
        print("\nSQL after the load (user turns by their marker 'vraag N'):")
        for phase in (one, two):
            api_check, rasa_check = check_sql(phase, env, args.turns)
            print(f" {phase.name}")
            print(api_check.line("api messages"))
            print(rasa_check.line("Rasa user events"))
            for name, check in (("api", api_check), ("Rasa", rasa_check)):
                if check.duplicated or check.reordered:
                    failures.append(f"{phase.name}: {name} duplicated or reordered")
            if api_check.lost:
                failures.append(f"{phase.name}: api lost messages")
            # A replica killed before saving its tracker loses the turn it was working on.
            in_flight = len({t.conversation for t in phase.turns if t.fallback})
            if rasa_check.lost > in_flight:
                failures.append(f"{phase.name}: Rasa lost more than the turns at the kill")
        if cpu["rasa-1"] < 1 or cpu["rasa-2"] < 1:
            failures.append("a replica did not serve")
        print(
            "\n" + ("all checks passed" if not failures else "FAILED:\n  " + "\n  ".join(failures))
        )
        return 1 if failures else 0
    finally:
        stack.stop(services)
        admin = sa.create_engine(f"{postgres}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for url in (env["PGB_DATABASE_URL"], env["PGB_TRACKER_STORE_URL"]):
                name = url.rsplit("/", 1)[1]
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
