"""Benchmark this bot and print numbers (asserts nothing), each next to a bare Rasa measured in
the same run, so a reader sees ratios, not only times (issue 14):
- training from empty caches (Rasa's training cache and the sentence embeddings), and again
  after one NLU example is added; beside it `rasa init`'s starter bot trained in a temporary
  folder;
- cold start until ready, resident memory per service (and the starter bot's Rasa);
- chat latency through POST /api/chat, through Rasa's channel for the api on the same model,
  and through the starter bot's REST channel:
  - sequential turns: p50 and p95;
  - one long conversation: median of turns 91-100 over turns 1-10;
  - 20 conversations at once, 10 turns each, no think time: messages per second and p95.

Each target cycles through ten messages, so turns 1-10 and 91-100 of a long conversation hold the
same messages and their ratio is the cost of the conversation's length alone.

    .venv/bin/python scripts/benchmark.py [--turns 50] [--users 20] [--skip-training]

Starts its own stack (scripts/stack.py) on free ports with throwaway SQLite files; training
timings (about 10 minutes on 2 cores) go to a temporary folder and never touch models/.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from train import train_command

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "hallo",
    "wat is een pgb?",
    "mag ik de sportschool betalen van mijn pgb",
    "wat betekent het voor mijn bijstand als ik betaald word uit een pgb",
    "stop",
    "hoe werkt het met de svb",
    "mijn zorgverlener is ziek wat nu",
    "wat is een zorgovereenkomst",
    "dank je wel",
    "doei",
]
# The starter bot's own intents (rasa init: greet, mood, bot challenge, goodbye).
STARTER_MESSAGES = [
    "hello",
    "I am feeling very sad",
    "yes",
    "are you a bot?",
    "I am great",
    "hi there",
    "no",
    "good morning",
    "that is great",
    "goodbye",
]
RASA = Path(sys.executable).with_name("rasa")
# Conversations of 100 turns whose early and late turns are compared (growth with length).
LONG_RUNS = 3


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

    messages = MESSAGES

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

    messages = MESSAGES

    def __init__(self, base: str, secret: str) -> None:
        self.url = f"{base}/webhooks/pgb_api/turn"
        self.headers = {"X-Pgb-Channel-Secret": secret}

    async def turn(self, client: httpx.AsyncClient, conversation: str | None, text: str) -> str:
        sender = conversation or secrets.token_hex(8)
        body = {"sender": sender, "message": text}
        (await client.post(self.url, json=body, headers=self.headers)).raise_for_status()
        return sender


class Starter:
    """Rasa's REST channel of the starter bot (`rasa init`): bare Rasa, in-memory tracker."""

    messages = STARTER_MESSAGES

    def __init__(self, base: str) -> None:
        self.url = f"{base}/webhooks/rest/webhook"

    async def turn(self, client: httpx.AsyncClient, conversation: str | None, text: str) -> str:
        sender = conversation or secrets.token_hex(8)
        body = {"sender": sender, "message": text}
        (await client.post(self.url, json=body)).raise_for_status()
        return sender


Target = Api | Rasa | Starter


async def conversation(target: Target, client: httpx.AsyncClient, turns: int) -> list[float]:
    latencies, current = [], None
    for turn in range(turns):
        begin = time.perf_counter()
        current = await target.turn(client, current, target.messages[turn % len(target.messages)])
        latencies.append((time.perf_counter() - begin) * 1000)
    return latencies


async def measure(target: Target, name: str, turns: int, users: int) -> None:
    async with httpx.AsyncClient(timeout=120) as client:
        sequential = await conversation(target, client, turns)
        print(f"{name:<7} sequential, {turns} turns     {summary(sequential)}")
        # One conversation's ten turns vary by 20 % or more from run to run on this machine, so
        # LONG_RUNS conversations of 100 turns are held and each window's median is taken over
        # all of their turns in it.
        longs = [await conversation(target, client, 100) for _ in range(LONG_RUNS)]

        def growth(first: slice, later: slice) -> float:
            early = [x for run in longs for x in run[first]]
            late = [x for run in longs for x in run[later]]
            return statistics.median(late) / statistics.median(early)

        issue = growth(slice(0, 10), slice(90, 100))
        print(f"{name:<7} turns 91-100 / turns 1-10     {issue:5.2f}x ({LONG_RUNS} conversations)")
        begin = time.perf_counter()
        results = await asyncio.gather(
            *(conversation(target, client, len(MESSAGES)) for _ in range(users))
        )
        elapsed = time.perf_counter() - begin
        together = [x for r in results for x in r]
        print(
            f"{name:<7} {users} at once x {len(MESSAGES)} turns   "
            f"{len(together) / elapsed:5.1f} msg/s, {summary(together)}"
        )


def timed(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> float:
    begin = time.monotonic()
    with log.open("a") as out:
        subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=True)  # noqa: S603
    return time.monotonic() - begin


def rasa_env() -> dict[str, str]:
    return dict(os.environ, RASA_TELEMETRY_ENABLED="false")


def measure_training(tmp: Path) -> None:
    """This bot from empty caches, and again after one more NLU example."""
    env = dict(
        rasa_env(),
        RASA_CACHE_DIRECTORY=str(tmp / "rasa-cache"),
        PGB_EMBEDDING_CACHE=str(tmp / "embeddings"),
        PGB_CRF_CACHE=str(tmp / "crf-cache"),
        PGB_FIT_CACHE=str(tmp / "fit-cache"),
        PGB_SCHEMA_CACHE=str(tmp / "schema-cache"),
    )
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    train = train_command(data, tmp / "models", "benchmark")
    log = tmp / "training.log"
    print(f"training this bot, empty caches      {timed(train, ROOT, env, log):6.0f} s")
    extra = (
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - goedemiddag allemaal\n'
    )
    (data / "nlu" / "benchmark_extra.yml").write_text(extra)
    print(f"training after one NLU example        {timed(train, ROOT, env, log):6.0f} s")


def train_starter(tmp: Path) -> float:
    """`rasa init` in tmp/starter: the starter project, trained; seconds taken."""
    (tmp / "starter").mkdir()
    init = [str(RASA), "init", "--no-prompt", "--init-dir", str(tmp / "starter")]
    return timed(init, tmp, rasa_env(), tmp / "training.log")


def serve_starter(tmp: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """The starter bot's model behind Rasa's REST channel, once it answers."""
    port = free_port()
    started = time.monotonic()
    with (tmp / "starter.log").open("w") as out:
        server = subprocess.Popen(  # noqa: S603
            [str(RASA), "run", "--port", str(port), "--enable-api"],
            cwd=tmp / "starter",
            env=rasa_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            reply = httpx.post(
                f"{base}/webhooks/rest/webhook", json={"sender": "x", "message": "hi"}
            )
            if reply.is_success and reply.json():
                return server, base, time.monotonic() - started
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise RuntimeError((tmp / "starter.log").read_text()[-2000:])
        time.sleep(0.5)


def measure_starter(tmp: Path, turns: int, users: int) -> None:
    print(f"starter bot: rasa init, which trains {train_starter(tmp):6.0f} s")
    server, base, ready = serve_starter(tmp)
    try:
        print(f"starter cold start until it answers  {ready:6.1f} s")
        asyncio.run(measure(Starter(base), "starter", turns, users))
        print(f"resident memory starter rasa   {rss_mib(server.pid):7.0f} MiB")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--skip-training", action="store_true", help="only run and chat")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress as it comes
    secret = secrets.token_urlsafe(24)
    tmp = Path(tempfile.mkdtemp(prefix="pgb-bench-"))
    if not args.skip_training:
        measure_training(tmp)
    measure_starter(tmp, args.turns, args.users)
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
