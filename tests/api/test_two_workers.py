"""Scale out (issue 10): two api worker processes on PostgreSQL and Redis in front of two
stand-in Rasa replicas and one that refuses connections.

- every conversation stays on its replica (a refused one fails over to the next in its order);
- two posts to one conversation through different workers never reach Rasa together;
- an advisor reply sent through worker A reaches the person's socket held by worker B;
- a replica that timed out is not asked again elsewhere: the person gets the fallback;
- Redis restarting closes the sockets (1012) and the client catches up with nothing missing;
- a worker told to stop closes its sockets with 1012.

The workers are real uvicorn processes; the replicas are real HTTP servers (StubRasa). Waits
are for conditions (with generous limits); no assertion is about time.
"""

from __future__ import annotations

import json
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
from sqlalchemy.orm import Session
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from api.advisors.auth import create_advisor
from api.conversation.replicas import ranked
from api.core.db import get_engine
from api.core.texts import texts
from tests.api.conftest import PASSWORD, fresh_database
from tests.support.cluster import ApiWorker
from tests.support.redis_server import OwnRedis
from tests.support.stack import free_port
from tests.support.stub_rasa import SECRET, StubRasa

pytestmark = pytest.mark.postgres
DEADLINE_S = 1.5  # PGB_RASA_TIMEOUT_S of these workers
HANDOFF = [
    {"recipient_id": "x", "text": "Ik zoek iemand voor u."},
    {"recipient_id": "x", "custom": {"handoff": {"reason": "user_request"}}},
]


def echo(text: str) -> list[dict[str, Any]]:
    return [{"recipient_id": "x", "text": f"echo: {text}"}]


@dataclass
class Cluster:
    a: ApiWorker
    b: ApiWorker
    replicas: list[StubRasa]
    refused: str
    urls: list[str]  # PGB_RASA_URLS
    redis: OwnRedis
    database_url: str

    def home(self, conversation_id: str) -> StubRasa:
        """The replica that answers a conversation: the first in its order that listens."""
        first = next(u for u in ranked(conversation_id, self.urls) if u != self.refused)
        return next(r for r in self.replicas if r.url == first)

    def reset(self) -> None:
        for replica in self.replicas:
            replica.received.clear()
            replica.reply = echo
            replica.delay_s = 0
            replica.most_at_once = 0


def until(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("cluster")
    replicas = [StubRasa(), StubRasa()]
    refused = f"http://127.0.0.1:{free_port()}"  # a replica that is down: nothing listens
    urls = [replicas[0].url, replicas[1].url, refused]
    redis = OwnRedis(folder)
    redis.start()
    with fresh_database("postgresql", folder) as database_url:
        env = {
            "PGB_ENVIRONMENT": "development",
            "PGB_DATABASE_URL": database_url,
            "PGB_TRACKER_STORE_URL": f"sqlite:///{folder / 'tracker.db'}",
            "PGB_RASA_URLS": ",".join(urls),
            "PGB_RASA_TOKEN": SECRET,
            "PGB_RASA_TIMEOUT_S": str(DEADLINE_S),
            "PGB_ACTION_SERVER_URL": replicas[0].url,
            "PGB_REDIS_URL": redis.url,
            "PGB_DEPLOYMENT": f"test-{uuid.uuid4().hex[:8]}",
            "PGB_OFFICE_HOURS": "mon-sun 00:00-24:00",
            "PGB_OFFICE_CLOSED_ON_HOLIDAYS": "false",
            "PGB_RATE_LIMIT_CHAT": "100000/minute",
        }
        workers = [ApiWorker(name, env, folder) for name in ("worker-a", "worker-b")]
        try:
            for worker in workers:
                assert worker.wait_until(ready=True), worker.log_text()
            yield Cluster(*workers, replicas, refused, urls, redis, database_url)
        finally:
            for worker in workers:
                worker.stop()
            for replica in replicas:
                replica.close()
            redis.stop()


@pytest.fixture
def fresh(cluster: Cluster) -> Cluster:
    cluster.reset()
    return cluster


@dataclass
class Person:
    conversation_id: str
    token: str

    def say(self, worker: ApiWorker, text: str) -> httpx2.Response:
        return httpx2.post(
            f"{worker.url}/api/chat",
            json={"conversation_id": self.conversation_id, "text": text},
            headers={"X-Conversation-Token": self.token},
            timeout=30,
        )

    def history(self, worker: ApiWorker, after: int = 0) -> list[dict[str, Any]]:
        response = httpx2.get(
            f"{worker.url}/api/conversation/messages?after={after}",
            headers={"X-Conversation-Id": self.conversation_id, "X-Conversation-Token": self.token},
        )
        assert response.status_code == 200, response.text
        return list(response.json()["messages"])

    @contextmanager
    def socket(self, worker: ApiWorker) -> Iterator[ClientConnection]:
        """The widget's live socket on `worker`, past its first event (the state)."""
        url = worker.url.replace("http", "ws") + "/api/conversation/ws"
        with connect(url, open_timeout=10) as ws:
            auth = {"type": "auth", "conversation_id": self.conversation_id, "token": self.token}
            ws.send(json.dumps(auth))
            assert json.loads(ws.recv(timeout=10))["type"] == "state"
            yield ws


def start(worker: ApiWorker, text: str = "hallo") -> tuple[Person, dict[str, Any]]:
    response = httpx2.post(f"{worker.url}/api/chat", json={"text": text}, timeout=30)
    assert response.status_code == 200, response.text
    body = response.json()
    return Person(body["conversation_id"], body["conversation_token"]), body


def test_every_conversation_stays_on_its_replica(fresh: Cluster) -> None:
    people = [start(fresh.a if n % 2 else fresh.b)[0] for n in range(12)]
    for turn in range(3):
        for n, person in enumerate(people):
            worker = fresh.a if (n + turn) % 2 else fresh.b  # each turn through the other one
            assert person.say(worker, f"vraag {turn}").status_code == 200
    for replica in fresh.replicas:
        served = set(replica.senders())
        assert served == {
            p.conversation_id for p in people if fresh.home(p.conversation_id) is replica
        }
    assert all(replica.received for replica in fresh.replicas)  # both served
    # Some conversations had the refused replica as their own and failed over to their next.
    assert any(ranked(p.conversation_id, fresh.urls)[0] == fresh.refused for p in people)


def test_two_posts_through_different_workers_never_overlap(fresh: Cluster) -> None:
    person, _ = start(fresh.a)
    for replica in fresh.replicas:
        replica.delay_s = 0.5
    answers: dict[str, int] = {}
    threads = [
        threading.Thread(
            target=lambda w=worker, t=text: answers.__setitem__(t, person.say(w, t).status_code)
        )
        for worker, text in ((fresh.a, "via a"), (fresh.b, "via b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {"via a": 200, "via b": 200}  # the second waited for the first
    home = fresh.home(person.conversation_id)
    assert home.senders().count(person.conversation_id) == 3
    assert home.most_at_once == 1
    users = [m["text"] for m in person.history(fresh.b) if m["sender"] == "user"]
    assert sorted(users) == ["hallo", "via a", "via b"]


def test_a_timed_out_replica_is_not_asked_again_elsewhere(fresh: Cluster) -> None:
    slow, other = fresh.replicas
    slow.delay_s = DEADLINE_S + 1.5
    for _ in range(40):  # new conversations until one is homed on the slow replica
        person, body = start(fresh.a, "wat is een pgb")
        if fresh.home(person.conversation_id) is slow:
            break
    else:
        pytest.fail("no conversation was homed on the slow replica")
    assert body["messages"][0]["text"] == texts()["bot_unavailable"]["text"]
    assert body["messages"][0]["buttons"][0]["payload"] == "/request_human"
    assert person.conversation_id in slow.senders()
    assert person.conversation_id not in other.senders()


def advisor_login(cluster: Cluster, worker: ApiWorker) -> httpx2.Client:
    email = f"{uuid.uuid4().hex[:8]}@example.nl"
    with Session(get_engine(cluster.database_url)) as session:
        create_advisor(session, email=email, name="Anna de Vries", password=PASSWORD, role=None)
    console = httpx2.Client(base_url=worker.url, timeout=30)
    response = console.post("/api/advisor/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    console.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return console


def with_advisor(cluster: Cluster, console: httpx2.Client) -> Person:
    """A conversation started on worker B that asked for a person and was claimed on A."""
    for replica in cluster.replicas:
        replica.reply = lambda _text: HANDOFF
    person, body = start(cluster.b, "ik wil een mens")
    for replica in cluster.replicas:
        replica.reply = echo
    assert body["state"] == "requested"
    claimed = console.post(f"/api/advisor/conversations/{person.conversation_id}/claim")
    assert claimed.status_code == 200, claimed.text
    return person


def next_message(ws: ClientConnection) -> dict[str, Any]:
    while True:
        event = json.loads(ws.recv(timeout=10))
        if event["type"] == "message":
            return dict(event["message"])


def test_an_advisor_reply_through_worker_a_reaches_the_socket_on_worker_b(
    fresh: Cluster,
) -> None:
    console = advisor_login(fresh, fresh.a)
    person = with_advisor(fresh, console)
    with person.socket(fresh.b) as ws:
        sent = console.post(
            f"/api/advisor/conversations/{person.conversation_id}/messages",
            json={"text": "Goedemiddag, ik help u verder."},
        )
        assert sent.status_code == 201, sent.text
        assert next_message(ws)["text"] == "Goedemiddag, ik help u verder."
    console.close()


def test_a_redis_restart_closes_sockets_and_the_client_catches_up(fresh: Cluster) -> None:
    console = advisor_login(fresh, fresh.a)
    person = with_advisor(fresh, console)
    seen = max(m["id"] for m in person.history(fresh.b))
    with person.socket(fresh.b) as ws:
        fresh.redis.stop()
        assert fresh.b.wait_until(ready=False), "B stayed ready without its relay"
        # Meanwhile the advisor answers through A: B's relay cannot hear it.
        sent = console.post(
            f"/api/advisor/conversations/{person.conversation_id}/messages",
            json={"text": "Bent u er nog?"},
        )
        assert sent.status_code == 201, sent.text
        fresh.redis.start()
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=30)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012
    assert fresh.a.wait_until(ready=True) and fresh.b.wait_until(ready=True)
    # The widget reconnects and fetches what came after the last message it had.
    missed = person.history(fresh.b, after=seen)
    assert [m["text"] for m in missed] == ["Bent u er nog?"]
    console.close()


def test_a_stopping_worker_closes_its_sockets_with_1012(cluster: Cluster, tmp_path: Path) -> None:
    """Graceful shutdown: uvicorn closes the sockets (1012, "service restart") and lets the
    requests finish; the widget reconnects to another worker."""
    env = {
        "PGB_ENVIRONMENT": "development",
        "PGB_DATABASE_URL": cluster.database_url,
        "PGB_RASA_URLS": cluster.replicas[0].url,
        "PGB_RASA_TOKEN": SECRET,
        "PGB_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "PGB_PURGE_INTERVAL_S": "0",
    }
    worker = ApiWorker("worker-stopping", env, tmp_path)
    try:
        assert worker.wait_until(ready=True), worker.log_text()
        person, _ = start(worker)
        with person.socket(worker) as ws:
            stopping = threading.Thread(target=worker.stop)
            stopping.start()
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(timeout=20)
            stopping.join()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012
        # uvicorn ends by raising the signal again once it has shut down cleanly.
        assert worker.process.returncode in (0, -signal.SIGTERM), worker.log_text()
        assert "Traceback" not in worker.log_text()
    finally:
        worker.stop()
