"""Benchmark the running stack: cold start until ready, resident memory per service, and chat
latency through POST /api/chat. Prints numbers; asserts nothing.

    .venv/bin/python scripts/benchmark.py [--turns 50]

Starts its own stack (scripts/stack.py) on free ports with throwaway SQLite files.
"""

from __future__ import annotations

import argparse
import os
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
        if "rasa run actions" in cmd:
            found["action server"] = int(proc.name)
        elif "rasa run --model" in cmd:
            found["rasa"] = int(proc.name)
        elif "uvicorn api.main:create_app" in cmd:
            found["api"] = int(proc.name)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pgb-bench-"))
    port = free_port()
    env = dict(
        os.environ,
        PGB_API_PORT=str(port),
        PGB_RASA_PORT=str(free_port()),
        PGB_ACTIONS_PORT=str(free_port()),
        PGB_DATABASE_URL=f"sqlite:///{tmp / 'api.db'}",
        PGB_TRACKER_STORE_URL=f"sqlite:///{tmp / 'tracker.db'}",
    )
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
        url = f"http://127.0.0.1:{port}/api/chat"
        latencies = []
        conversation = None
        with httpx.Client(timeout=60) as client:
            for turn in range(args.turns):
                text = MESSAGES[turn % len(MESSAGES)]
                begin = time.perf_counter()
                reply = client.post(url, json={"conversation_id": conversation, "text": text})
                latencies.append((time.perf_counter() - begin) * 1000)
                conversation = reply.json()["conversation_id"]
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(f"chat turns               {len(latencies)}")
        print(
            f"latency p50 / p95 / max  {statistics.median(latencies):.0f} / {p95:.0f} / "
            f"{latencies[-1]:.0f} ms"
        )
        for name, pid in sorted(service_pids().items()):
            print(f"resident memory {name:<14} {rss_mib(pid):7.0f} MiB")
    finally:
        stack.send_signal(signal.SIGINT)
        stack.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
