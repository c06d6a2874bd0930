"""Benchmark the running stack and print numbers (asserts nothing): cold start until ready,
resident memory per service, and chat latency through POST /api/chat next to Rasa's own channel
for the same messages on the same model (so a reader sees ratios, not only times):
- sequential turns: p50 and p95, api and Rasa directly;
- one long conversation: median of turns 91-100 over turns 1-10;
- 20 conversations at once, 8 turns each, no think time: messages per second and p95.

    .venv/bin/python scripts/benchmark.py [--turns 50] [--users 20]

Starts its own stack (scripts/stack.py) on free ports with throwaway SQLite files.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "hallo",
    "wat is een pgb?",
    "mag ik de sportschool betalen van mijn pgb",
    "wat betekent het voor mijn bijstand als ik betaald word uit een pgb",
    "stop",
    "hoe werkt het met de svb",
    "mijn zorgverlener is ziek wat nu",
    "doei",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def service_pids() -> dict[str, int]:
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "-m actions.server" in cmd:
            found["action server"] = int(proc.name)
        elif "bot.rasa_cli run --model" in cmd:
            found["rasa"] = int(proc.name)
        elif "uvicorn api.main:create_app" in cmd:
            found["api"] = int(proc.name)
    return found


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered):5.0f} ms, p95 {p95:5.0f} ms"


class Api:
    """POST /api/chat as the widget does it: the conversation's token after the first turn."""

    def __init__(self, base: str) -> None:
        self.url = f"{base}/api/chat"
        self.tokens: dict[str, str] = {}

    async def turn(self, client: httpx.AsyncClient, conversation: str | None, text: str) -> str:
        token = self.tokens.get(conversation or "")
        headers = {"X-Conversation-Token": token} if token else {}
        body = {"conversation_id": conversation, "text": text}
        reply = (await client.post(self.url, json=body, headers=headers)).json()
        if reply.get("conversation_token"):
            self.tokens[reply["conversation_id"]] = reply["conversation_token"]
        return str(reply["conversation_id"])


class Rasa:
    """Rasa's channel for the api (bot/channel.py) directly: the same model without the api."""

    def __init__(self, base: str, secret: str) -> None:
        self.url = f"{base}/webhooks/pgb_api/turn"
        self.headers = {"X-Pgb-Channel-Secret": secret}

    async def turn(self, client: httpx.AsyncClient, conversation: str | None, text: str) -> str:
        sender = conversation or secrets.token_hex(8)
        body = {"sender": sender, "message": text}
        (await client.post(self.url, json=body, headers=self.headers)).raise_for_status()
        return sender


async def conversation(target: Api | Rasa, client: httpx.AsyncClient, turns: int) -> list[float]:
    latencies, current = [], None
    for turn in range(turns):
        begin = time.perf_counter()
        current = await target.turn(client, current, MESSAGES[turn % len(MESSAGES)])
        latencies.append((time.perf_counter() - begin) * 1000)
    return latencies


async def measure(target: Api | Rasa, name: str, turns: int, users: int) -> None:
    async with httpx.AsyncClient(timeout=120) as client:
        sequential = await conversation(target, client, turns)
        print(f"{name:<5} sequential, {turns} turns       {summary(sequential)}")
        long = await conversation(target, client, 100)
        growth = statistics.median(long[90:]) / statistics.median(long[:10])
        print(f"{name:<5} turns 91-100 / turns 1-10       {growth:5.2f}x")
        begin = time.perf_counter()
        results = await asyncio.gather(
            *(conversation(target, client, len(MESSAGES)) for _ in range(users))
        )
        elapsed = time.perf_counter() - begin
        together = [x for r in results for x in r]
        print(
            f"{name:<5} {users} at once x {len(MESSAGES)} turns     "
            f"{len(together) / elapsed:5.1f} msg/s, {summary(together)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    secret = secrets.token_urlsafe(24)
    tmp = Path(tempfile.mkdtemp(prefix="pgb-bench-"))
    port = free_port()
    env = dict(
        os.environ,
        PGB_API_PORT=str(port),
        PGB_RASA_PORT=str(free_port()),
        PGB_ACTIONS_PORT=str(free_port()),
        PGB_DATABASE_URL=f"sqlite:///{tmp / 'api.db'}",
        PGB_TRACKER_STORE_URL=f"sqlite:///{tmp / 'tracker.db'}",
        PGB_RASA_TOKEN=secret,
        PGB_RATE_LIMIT_CHAT="1000000/minute",  # every benchmark conversation has one address
    )
    env["PGB_RASA_URL"] = f"http://127.0.0.1:{env['PGB_RASA_PORT']}"
    log = tmp / "stack.log"
    started = time.monotonic()
    with log.open("w") as out:
        stack = subprocess.Popen(  # noqa: S603
            [sys.executable, "scripts/stack.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        while "is ready (Ctrl-C" not in log.read_text():
            if stack.poll() is not None:
                print(log.read_text()[-2000:], file=sys.stderr)
                return 1
            time.sleep(0.2)
        print(f"cold start until ready   {time.monotonic() - started:6.1f} s")
        api = Api(f"http://127.0.0.1:{port}")
        rasa = Rasa(env["PGB_RASA_URL"], secret)
        asyncio.run(measure(rasa, "rasa", args.turns, args.users))
        asyncio.run(measure(api, "api", args.turns, args.users))
        for name, pid in sorted(service_pids().items()):
            print(f"resident memory {name:<14} {rss_mib(pid):7.0f} MiB")
    finally:
        stack.send_signal(signal.SIGINT)
        stack.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
