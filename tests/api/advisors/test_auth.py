"""Advisor logins: passwords, lockout, sessions, CSRF, and nothing reachable anonymously."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.advisors.auth import COOKIE, token_hash
from api.core.texts import error_text
from api.models import Advisor, AdvisorSession, utcnow
from tests.api.conftest import PASSWORD, Account, ask_for_human, log_in, person_asks_for_human
from tests.support.stub_rasa import StubRasa

ADVISOR_GETS = [
    "/api/advisor/me",
    "/api/advisor/queue",
    "/api/advisor/conversations",
    "/api/advisor/conversations/{id}",
    "/api/advisor/conversations/{id}/export",
    "/api/advisor/corrections",
    "/api/advisor/corrections/nlu.yml",
    "/api/advisor/corrections/incorrect-advice",
    "/api/advisor/intents",
    "/api/advisor/advisors",
    "/api/advisor/audit",
]


def test_first_account_is_admin_and_passwords_are_argon2(
    db: Session, admin: Account, anna: Account
) -> None:
    assert (admin.role, anna.role) == ("admin", "advisor")
    stored = db.scalars(select(Advisor.password_hash)).all()
    assert all(h.startswith("$argon2id$") for h in stored)
    assert PASSWORD not in " ".join(stored)


def test_login_sets_a_hardened_cookie_and_returns_the_csrf_token(
    client: TestClient, anna: Account, db: Session
) -> None:
    response = client.post(
        "/api/advisor/login", json={"email": "ANNA@example.nl ", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["role"]) == ("Anna de Vries", "advisor")
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    token = client.cookies[COOKIE]
    session = db.get(AdvisorSession, token_hash(token))
    assert session is not None and session.csrf_token == body["csrf_token"]
    assert db.get(AdvisorSession, token) is None  # only the hash is stored


def test_cookie_is_secure_outside_development(settings, anna: Account) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    production = settings.model_copy(update={"environment": "production"})
    with TestClient(create_app(production), base_url="https://testserver") as client:
        response = client.post(
            "/api/advisor/login", json={"email": anna.email, "password": PASSWORD}
        )
    assert "Secure" in response.headers["set-cookie"]


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("anna@example.nl", "wrong password!!"),
        ("nobody@example.nl", PASSWORD),
        ("' OR 1=1 --", "x"),
    ],
)
def test_wrong_credentials_get_one_dutch_answer(
    client: TestClient, anna: Account, email: str, password: str
) -> None:
    response = client.post("/api/advisor/login", json={"email": email, "password": password})
    assert response.status_code == 401
    assert response.json() == {"detail": error_text("login_failed", minutes=15)}
    assert COOKIE not in client.cookies


def test_lockout_after_repeated_failures_even_for_the_right_password(
    client: TestClient, anna: Account, db: Session
) -> None:
    for _ in range(5):
        client.post("/api/advisor/login", json={"email": anna.email, "password": "nope nope"})
    locked = client.post("/api/advisor/login", json={"email": anna.email, "password": PASSWORD})
    assert locked.status_code == 401  # the same answer as a wrong password
    assert locked.json() == {"detail": error_text("login_failed", minutes=15)}

    db.execute(update(Advisor).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert log_in(client, anna.email).get("/api/advisor/me").status_code == 200


@pytest.mark.parametrize("path", ADVISOR_GETS)
def test_nothing_is_reachable_without_a_login(
    client: TestClient, rasa: StubRasa, path: str
) -> None:
    conversation_id = ask_for_human(client, rasa)
    response = client.get(path.format(id=conversation_id))
    assert response.status_code == 401
    assert response.json() == {"detail": error_text("not_logged_in")}
    assert "ik wil een mens" not in response.text


def test_a_forged_cookie_is_no_login(client: TestClient, anna: Account) -> None:
    client.cookies.set(COOKIE, "forged-value")
    assert client.get("/api/advisor/queue").status_code == 401
    client.cookies.set(COOKIE, "x" * 5000)
    assert client.get("/api/advisor/queue").status_code == 401


@pytest.mark.parametrize("column", ["expires_at", "last_seen_at"])
def test_expired_or_idle_sessions_end(console: TestClient, db: Session, column: str) -> None:
    long_ago = utcnow() - timedelta(days=2)
    db.execute(update(AdvisorSession).values({column: long_ago}))
    db.commit()
    response = console.get("/api/advisor/queue")
    assert response.status_code == 401
    assert db.scalars(select(AdvisorSession)).all() == []


def test_changes_need_the_csrf_token(console: TestClient, rasa: StubRasa) -> None:
    conversation_id = ask_for_human(console, rasa)
    url = f"/api/advisor/conversations/{conversation_id}/claim"
    token = console.headers.pop("X-CSRF-Token")
    missing = console.post(url)
    assert missing.status_code == 403
    assert missing.json() == {"detail": error_text("csrf")}
    assert console.post(url, headers={"X-CSRF-Token": "guess"}).status_code == 403
    cross_site = console.post(
        url, headers={"X-CSRF-Token": token, "Origin": "https://evil.example"}
    )
    assert cross_site.status_code == 403
    assert console.get("/api/advisor/queue").json()[0]["state"] == "requested"
    ok = console.post(url, headers={"X-CSRF-Token": token, "Origin": "http://testserver"})
    assert ok.status_code == 200


def test_login_from_another_site_is_refused(client: TestClient, anna: Account) -> None:
    response = client.post(
        "/api/advisor/login",
        json={"email": anna.email, "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_logout_ends_the_session(console: TestClient, db: Session) -> None:
    assert console.post("/api/advisor/logout").status_code == 204
    assert db.scalars(select(AdvisorSession)).all() == []
    assert console.get("/api/advisor/me").status_code == 401


def test_console_pages_need_a_login_and_send_security_headers(
    client: TestClient, anna: Account
) -> None:
    pages = ["/console/", "/console/transcripts", "/console/conversation"]
    for page in [*pages, "/console/account", "/console/admin", "/console/insight"]:
        response = client.get(page, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/console/login"
    login_page = client.get("/console/login")
    assert login_page.status_code == 200
    headers = login_page.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    log_in(client, anna.email)
    assert client.get("/console/").status_code == 200
    assert client.get("/console/static/../../settings.py").status_code == 404
    assert client.get("/console/header").status_code == 404  # a fragment, not a page
    assert client.get("/console/nope").status_code == 404


def test_every_console_page_has_the_shared_header(console: TestClient) -> None:
    for page in [
        "/console/",
        "/console/transcripts",
        "/console/conversation",
        "/console/corrections",
        "/console/account",
        "/console/admin",
    ]:
        html = console.get(page).text
        assert '<nav aria-label="Console">' in html, page
        assert 'id="logout"' in html, page
        assert "include:" not in html, page
    assert '<nav aria-label="Console">' not in console.get("/console/login").text


def test_cors_only_for_configured_origins(settings) -> None:  # type: ignore[no-untyped-def]
    from api.main import create_app

    configured = settings.model_copy(update={"cors_origins": ["https://zorg.example"]})
    with TestClient(create_app(configured)) as client:
        allowed = client.options(
            "/api/chat",
            headers={"Origin": "https://zorg.example", "Access-Control-Request-Method": "POST"},
        )
        refused = client.options(
            "/api/chat",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert allowed.headers["access-control-allow-origin"] == "https://zorg.example"
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-credentials" not in allowed.headers


def test_admins_create_accounts_advisors_cannot(
    client: TestClient, admin: Account, anna: Account
) -> None:
    new = {"email": "cas@example.nl", "name": "Cas", "password": PASSWORD}
    as_anna = log_in(TestClient(client.app), anna.email)
    denied = as_anna.post("/api/advisor/advisors", json=new)
    assert denied.status_code == 403
    assert denied.json() == {"detail": error_text("admin_only")}

    log_in(client, admin.email)
    assert client.post("/api/advisor/advisors", json=new).status_code == 201
    assert client.post("/api/advisor/advisors", json=new).status_code == 409
    weak = client.post("/api/advisor/advisors", json={**new, "email": "d@e.nl", "password": "kort"})
    assert weak.json() == {"detail": error_text("weak_password")}
    names = [a["name"] for a in client.get("/api/advisor/advisors").json()]
    assert names == ["Anna de Vries", "Bea Beheer", "Cas"]


# Logins under attack (issue 17).


def test_concurrent_wrong_passwords_lock_the_account(
    settings, anna: Account, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """30 wrong passwords at once: at most 5 are checked, and the account ends up locked."""
    import threading

    from api.advisors import auth
    from api.main import create_app

    checked = 0
    count_lock = threading.Lock()
    real_verify = auth.verify_password

    def counting_verify(password_hash: str, password: str) -> bool:
        nonlocal checked
        if password_hash != auth._dummy_hash():
            with count_lock:
                checked += 1
        return real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    # Rate limits out of the way: this is about the lockout itself.
    generous = settings.model_copy(
        update={"rate_limit_login_per_address": "1000/minute",
                "rate_limit_login_per_account": "1000/minute"}
    )  # fmt: skip
    with TestClient(create_app(generous)) as client:
        barrier = threading.Barrier(30)
        statuses: list[int] = []

        def guess(i: int) -> None:
            barrier.wait()
            response = client.post(
                "/api/advisor/login", json={"email": anna.email, "password": f"guess {i:04d}"}
            )
            statuses.append(response.status_code)

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        right = client.post("/api/advisor/login", json={"email": anna.email, "password": PASSWORD})

    assert sorted(set(statuses)) == [401]
    db.expire_all()
    advisor = db.get(Advisor, anna.id)
    assert advisor is not None and advisor.locked_until is not None
    assert checked <= 5
    assert right.status_code == 401  # locked: even the right password waits


def login_answer(client: TestClient, email: str, password: str) -> tuple[int, object]:
    response = TestClient(client.app).post(
        "/api/advisor/login", json={"email": email, "password": password}
    )
    return response.status_code, response.json()


def test_unknown_locked_switched_off_and_wrong_get_the_same_answer(
    client: TestClient, anna: Account, bert: Account, db: Session
) -> None:
    wrong = login_answer(client, anna.email, "wrong password!!")
    unknown = login_answer(client, "nobody@example.nl", PASSWORD)
    db.execute(update(Advisor).where(Advisor.id == anna.id).values(
        locked_until=utcnow() + timedelta(minutes=10)))  # fmt: skip
    db.execute(update(Advisor).where(Advisor.id == bert.id).values(active=False))
    db.commit()
    locked = login_answer(client, anna.email, PASSWORD)
    switched_off = login_answer(client, bert.email, PASSWORD)
    assert wrong == unknown == locked == switched_off
    assert wrong[0] == 401


def assert_socket_closed(socket) -> None:  # type: ignore[no-untyped-def]
    """The next thing the socket gets is the close (1008), not an event."""
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect) as closed:
        socket.receive_json()
    assert closed.value.code == 1008


def test_logging_out_closes_the_advisors_open_sockets(console: TestClient, rasa: StubRasa) -> None:
    person = person_asks_for_human(console, rasa)
    url = f"/api/advisor/conversations/{person.conversation_id}/ws"
    with console.websocket_connect(url) as socket:
        assert socket.receive_json()["state"] == "requested"
        assert console.post("/api/advisor/logout").status_code == 204
        # What the person says next must not reach a logged-out console.
        assert person.say(console, "geheim").status_code == 200  # type: ignore[attr-defined]
        assert_socket_closed(socket)
