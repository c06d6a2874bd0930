"""Start the action server, the Rasa server and the api together; stop them together.

Used by `make run` and by the end-to-end tests. `make cluster` (`stack.py cluster`) starts
what production runs instead: two api workers and two Rasa replicas with one action server, on
PostgreSQL and Redis (docs/scale-out.md). Every setting is an environment variable with an
embedded default (SQLite files under var/), see .env.example. Logs go to var/log/<service>.log.
The action server and Rasa run from Rasa's environment (the Python running this script, `.venv`),
the api and its migrations from the api's own environment, `.venv-api`.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from train import current_model, rasa_command

ROOT = Path(__file__).resolve().parent.parent
API_BIN = ROOT / ".venv-api" / "bin"
READY_TIMEOUT_S = float(os.environ.get("PGB_READY_TIMEOUT", "240"))
# A refused connection costs nothing, and `make run` is ready as soon as the last service is.
POLL_S = 0.1


@dataclass
class Service:
    name: str
    command: list[str]
    ready_url: str
    process: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)  # on top of the shared environment

    @property
    def log(self) -> Path:
        return ROOT / "var" / "log" / f"{self.name}.log"


def environment() -> dict[str, str]:
    """The process environment with every embedded default filled in."""
    env = dict(os.environ)
    # The api defaults to production (Secure cookies, no api docs); this local stack serves
    # plain http on this machine, so it runs in development unless told otherwise, and says so.
    env.setdefault("PGB_ENVIRONMENT", "development")
    host = env.setdefault("PGB_HOST", "127.0.0.1")
    env.setdefault("PGB_API_PORT", "8000")
    env.setdefault("PGB_RASA_PORT", "5005")
    env.setdefault("PGB_ACTIONS_PORT", "5055")
    env.setdefault("PGB_RASA_URL", f"http://{host}:{env['PGB_RASA_PORT']}")
    env.setdefault("PGB_ACTION_SERVER_URL", f"http://{host}:{env['PGB_ACTIONS_PORT']}")
    env.setdefault("PGB_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'api.db'}")
    env.setdefault("PGB_TRACKER_STORE_URL", f"sqlite:///{ROOT / 'var' / 'rasa_tracker.db'}")
    env.setdefault("PGB_LOCK_STORE", "in_memory")
    env.setdefault("PGB_REDIS_HOST", "127.0.0.1")
    env.setdefault("PGB_REDIS_PORT", "6379")
    env.setdefault("PGB_REDIS_DB", "1")
    # One secret per start unless the operator sets one: only the api may talk to Rasa, through
    # its private channel (bot/channel.py). It travels in the environment, never on a command line.
    env["PGB_RASA_TOKEN"] = env.get("PGB_RASA_TOKEN") or secrets.token_urlsafe(24)
    # The action server listens only where the api and Rasa run (rasa-sdk reads SANIC_HOST).
    env.setdefault("SANIC_HOST", host)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Rasa reports telemetry and errors to its makers by default; conversations hold health
    # data, so nothing leaves this machine.
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def actions_service(env: dict[str, str], name: str = "actions") -> Service:
    port = env["PGB_ACTIONS_PORT"]
    # rasa-sdk's server with the knowledge loaded before it listens (actions/server.py).
    command = [sys.executable, "-m", "actions.server", "--actions", "actions", "--port", port]
    return Service(name, command, f"{env['PGB_ACTION_SERVER_URL']}/health")


def rasa_service(env: dict[str, str], model: Path, name: str, port: str) -> Service:
    host = env["PGB_HOST"]
    return Service(
        name,
        [
            *rasa_command(),
            "run",
            "--model",
            str(model),
            "--endpoints",
            "bot/endpoints.yml",
            "--credentials",
            "bot/credentials.yml",
            "--interface",
            host,
            "--port",
            port,
        ],
        # No HTTP API and no open channel: only the api's private channel, which needs
        # the shared secret (bot/credentials.yml reads it from the environment).
        f"http://{host}:{port}/webhooks/pgb_api/",
    )


def api_service(env: dict[str, str], name: str, port: str, ready_path: str = "/healthz") -> Service:
    host = env["PGB_HOST"]
    return Service(
        name,
        [
            str(API_BIN / "uvicorn"),
            "api.main:create_app",
            "--factory",
            "--host",
            host,
            "--port",
            port,
            # On SIGTERM: stop accepting, close the sockets (1012), let turns finish.
            "--timeout-graceful-shutdown",
            "10",
        ],
        f"http://{host}:{port}{ready_path}",
    )


def services(env: dict[str, str], model: Path) -> list[Service]:
    return [
        actions_service(env),
        rasa_service(env, model, "rasa", env["PGB_RASA_PORT"]),
        api_service(env, "api", env["PGB_API_PORT"]),
    ]


# The cluster: what production runs, on this machine.

CLUSTER_POSTGRES = "postgresql://postgres@127.0.0.1:5432"


def cluster_environment(env: dict[str, str]) -> dict[str, str]:
    """The environment of `make cluster`: PostgreSQL for the api and Rasa's tracker store,
    Redis for live events, two replicas of each; every value can be set from outside."""
    env = dict(env)
    postgres = env.get("PGB_CLUSTER_POSTGRES", CLUSTER_POSTGRES)
    if env["PGB_DATABASE_URL"].startswith("sqlite"):
        env["PGB_DATABASE_URL"] = f"{postgres}/pgb_cluster_api"
    if env["PGB_TRACKER_STORE_URL"].startswith("sqlite"):
        env["PGB_TRACKER_STORE_URL"] = f"{postgres}/pgb_cluster_tracker"
    env.setdefault("PGB_REDIS_URL", "redis://127.0.0.1:6379/0")
    # Rate limit counts shared by the workers (a Redis outage lets requests through).
    if env.get("PGB_RATE_LIMIT_STORAGE_URL", "memory://") == "memory://":
        env["PGB_RATE_LIMIT_STORAGE_URL"] = "redis://127.0.0.1:6379/2"
    env.setdefault("PGB_DEPLOYMENT", "local-cluster")
    host, rasa_port, api_port = env["PGB_HOST"], int(env["PGB_RASA_PORT"]), int(env["PGB_API_PORT"])
    env.setdefault("PGB_RASA_URLS", f"http://{host}:{rasa_port},http://{host}:{rasa_port + 1}")
    env.setdefault("PGB_API_PORTS", f"{api_port},{api_port + 1}")
    # One Sanic worker per Rasa process, the in-memory lock store (the api serializes and pins
    # turns), and a small tracker store pool per replica (docs/scale-out.md, the budget).
    env["SANIC_WORKERS"] = "1"
    env.setdefault("PGB_LOCK_STORE", "in_memory")
    env.setdefault("SQL_POOL_SIZE", "3")
    env.setdefault("SQL_MAX_OVERFLOW", "2")
    return env


def cluster_services(env: dict[str, str], model: Path) -> list[Service]:
    rasa = [rasa_service(env, model, f"rasa-{n + 1}", url.rsplit(":", 1)[1])
            for n, url in enumerate(env["PGB_RASA_URLS"].split(","))]  # fmt: skip
    # Ready when it can serve (/readyz): /healthz also waits for every replica.
    api = [api_service(env, f"api-{n + 1}", port, "/readyz")
           for n, port in enumerate(env["PGB_API_PORTS"].split(","))]  # fmt: skip
    return [actions_service(env), *rasa, *api]


def ensure_databases(env: dict[str, str]) -> None:
    """Create the cluster's PostgreSQL databases when they do not exist yet."""
    import sqlalchemy as sa

    for url in (env["PGB_DATABASE_URL"], env["PGB_TRACKER_STORE_URL"]):
        base, name = url.rsplit("/", 1)
        admin = sa.create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()


def is_ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(service: Service, env: dict[str, str]) -> None:
    service.log.parent.mkdir(parents=True, exist_ok=True)
    with service.log.open("ab") as log:
        service.process = subprocess.Popen(  # noqa: S603
            service.command,
            cwd=ROOT,
            env={**env, **service.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so Ctrl-C reaches us first
        )


def stop(all_services: list[Service]) -> None:
    running = [s for s in all_services if s.process and s.process.poll() is None]
    for service in running:
        os.killpg(service.process.pid, signal.SIGTERM)  # type: ignore[union-attr]
    deadline = time.monotonic() + 15
    for service in running:
        try:
            service.process.wait(timeout=max(0.1, deadline - time.monotonic()))  # type: ignore[union-attr]
        except subprocess.TimeoutExpired:
            os.killpg(service.process.pid, signal.SIGKILL)  # type: ignore[union-attr]


def wait_until_ready(all_services: list[Service]) -> Service | None:
    """Block until every service answers; return the first one that died or timed out."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    pending = list(all_services)
    while pending:
        for service in list(pending):
            if service.process and service.process.poll() is not None:
                return service
            if is_ready(service.ready_url):
                print(f"  {service.name} is ready", flush=True)
                pending.remove(service)
        if time.monotonic() > deadline:
            return pending[0]
        time.sleep(POLL_S)
    return None


def migrate_command() -> list[str]:
    """The api database's migrations (also the container's `migrate`, deploy/entrypoint.py)."""
    return [str(API_BIN / "alembic"), "-c", "alembic.ini", "upgrade", "head"]


def migrate(env: dict[str, str]) -> None:
    subprocess.run(migrate_command(), cwd=ROOT, env=env, check=True)  # noqa: S603


def shell(env: dict[str, str], model: Path) -> int:
    """`make chat`: the action server in the background, Rasa's terminal chat in front."""
    actions = services(env, model)[0]
    start(actions, env)
    try:
        if wait_until_ready([actions]):
            print(f"the action server did not start; see {actions.log}", file=sys.stderr)
            return 1
        command = [
            *rasa_command(),
            "shell",
            "--model",
            str(model),
            "--endpoints",
            "bot/endpoints.yml",
        ]
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603
    finally:
        stop([actions])


def protect_var() -> None:
    """Everything under var/ (databases, logs) readable by this user only: new files through the
    umask, which the three services inherit, and files from earlier runs by their mode."""
    os.umask(0o077)
    var = ROOT / "var"
    var.mkdir(mode=0o700, exist_ok=True)
    for path in [var, *var.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def ready_message(env: dict[str, str], all_services: list[Service]) -> str:
    lines = ["", "pgb-assistent is ready (Ctrl-C stops everything):"]
    for service in all_services:
        parts = urlsplit(service.ready_url)
        note = "   (POST /api/chat, GET /healthz)" if service.name.startswith("api") else ""
        lines.append(f"  {service.name:<12} {parts.scheme}://{parts.netloc}{note}")
    if env.get("PGB_REDIS_URL"):
        lines.append("  shared       PostgreSQL (api, tracker store), Redis (live events)")
    lines.append(f"  logs         {ROOT / 'var' / 'log'}")
    return "\n".join(lines) + "\n"


def main() -> int:
    env = environment()
    protect_var()
    model = current_model()
    if not model.exists():
        print(f"no trained model {model.name}: run `make train` first", file=sys.stderr)
        return 1
    if sys.argv[1:] == ["shell"]:
        return shell(env, model)
    if not (API_BIN / "uvicorn").exists():
        print(f"no api environment in {API_BIN.parent}: run `make setup` first", file=sys.stderr)
        return 1
    cluster = sys.argv[1:] == ["cluster"]
    if cluster:
        env = cluster_environment(env)
        ensure_databases(env)
    all_services = cluster_services(env, model) if cluster else services(env, model)
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    note = ""
    if env["PGB_ENVIRONMENT"] == "development":
        note = " (local: no Secure cookies, api docs on; deployments set production)"
    print(f"environment: {env['PGB_ENVIRONMENT']}{note}", flush=True)
    names = ", ".join(s.name for s in all_services)
    print(f"starting {names} ...", flush=True)
    # The first Rasa replica creates the tracker store's tables; the others start once it is
    # ready, so no two replicas race to create them.
    later = [s for s in all_services if s.name.startswith("rasa-") and s.name != "rasa-1"]
    first = [s for s in all_services if s not in later]
    apis = [s for s in first if s.name.startswith("api")]
    # Rasa takes longest to start and needs nothing of the api's database, so it and the
    # action server start first and the api's migrations run while they load.
    for service in first:
        if service not in apis:
            start(service, env)
    try:
        migrate(env)
    except subprocess.CalledProcessError:
        print("the api database's migrations failed", file=sys.stderr)
        stop(all_services)
        return 1
    for service in apis:
        start(service, env)
    failed = wait_until_ready(first)
    if not failed and later:
        for service in later:
            start(service, env)
        failed = wait_until_ready(later)
    if failed:
        print(f"{failed.name} did not start; the end of {failed.log}:", file=sys.stderr)
        print(failed.log.read_text(errors="replace")[-3000:], file=sys.stderr)
        stop(all_services)
        return 1
    print(ready_message(env, all_services), flush=True)
    while not stopping:
        died = next((s for s in all_services if s.process and s.process.poll() is not None), None)
        if died:
            print(f"{died.name} stopped unexpectedly; see {died.log}", file=sys.stderr)
            stop(all_services)
            return 1
        time.sleep(0.5)
    print("stopping ...", flush=True)
    stop(all_services)
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
