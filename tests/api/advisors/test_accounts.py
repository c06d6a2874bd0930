"""Advisor accounts: changing your own password; admins unlock, deactivate and reactivate
accounts and see which are active and locked. Every change lands in the audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.texts import error_text, texts
from api.models import Advisor, AdvisorSession, AuditEntry, Conversation
from tests.api.conftest import PASSWORD, Account, log_in, person_asks_for_human
from tests.support.stub_rasa import StubRasa

NEW_PASSWORD = "a new and longer passphrase"  # noqa: S105 - a test account
PASSWORD_URL = "/api/advisor/me/password"
ACCOUNT_CHANGES = ["unlock", "deactivate", "reactivate"]


def login_status(client: TestClient, email: str, password: str = PASSWORD) -> int:
    """Try a login in a fresh browser; the status code it gets."""
    response = TestClient(client.app).post(
        "/api/advisor/login", json={"email": email, "password": password}
    )
    return response.status_code


def lock_out(client: TestClient, email: str) -> None:
    for _ in range(5):
        TestClient(client.app).post("/api/advisor/login", json={"email": email, "password": "no"})
    assert login_status(client, email) == 401  # locked, but the answer does not say so


def audit_entries(db: Session, action: str) -> list[tuple[str, str | None]]:
    """(who did it, whose account) of each entry for `action`, oldest first."""
    db.expire_all()
    query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    entries = db.scalars(query)
    return [(e.advisor_email, e.account_email) for e in entries]


def stored(db: Session, account: Account) -> Advisor:
    db.expire_all()
    advisor = db.get(Advisor, account.id)
    assert advisor is not None
    return advisor


def sessions_of(db: Session, account: Account) -> int:
    db.expire_all()
    return len(db.scalars(select(AdvisorSession).filter_by(advisor_id=account.id)).all())


# Changing your own password.


def test_a_password_change_ends_the_other_logins_of_that_advisor_only(
    client: TestClient, console: TestClient, second_console: TestClient, anna: Account, db: Session
) -> None:
    elsewhere = log_in(TestClient(client.app), anna.email)
    changed = console.post(
        PASSWORD_URL, json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert changed.status_code == 204
    assert console.get("/api/advisor/me").status_code == 200  # this login stays
    assert elsewhere.get("/api/advisor/me").status_code == 401
    assert second_console.get("/api/advisor/me").status_code == 200  # Bert is not touched
    assert sessions_of(db, anna) == 1
    assert login_status(client, anna.email) == 401
    assert login_status(client, anna.email, NEW_PASSWORD) == 200
    assert audit_entries(db, "change_password") == [(anna.email, anna.email)]


def test_a_wrong_current_password_is_refused_in_dutch(
    client: TestClient, console: TestClient, anna: Account, db: Session
) -> None:
    elsewhere = log_in(TestClient(client.app), anna.email)
    response = console.post(
        PASSWORD_URL, json={"current_password": "not my password", "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": error_text("wrong_password")}
    assert login_status(client, anna.email) == 200
    assert elsewhere.get("/api/advisor/me").status_code == 200
    assert audit_entries(db, "change_password") == []


@pytest.mark.parametrize(
    ("new_password", "error"),
    [("te kort", "weak_password"), ("", "weak_password"), (PASSWORD, "same_password")],
)
def test_a_weak_or_unchanged_new_password_is_refused(
    client: TestClient, console: TestClient, anna: Account, new_password: str, error: str
) -> None:
    response = console.post(
        PASSWORD_URL, json={"current_password": PASSWORD, "new_password": new_password}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": error_text(error)}
    assert login_status(client, anna.email) == 200


def test_wrong_current_passwords_count_towards_the_lockout(
    client: TestClient, console: TestClient, anna: Account
) -> None:
    """An open session left behind must not let someone guess the password without limit."""
    for _ in range(5):
        wrong = {"current_password": "guess guess", "new_password": NEW_PASSWORD}
        assert console.post(PASSWORD_URL, json=wrong).status_code == 403
    right = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    locked = console.post(PASSWORD_URL, json=right)
    assert locked.status_code == 429
    assert locked.json() == {"detail": error_text("login_locked", minutes=15)}
    assert login_status(client, anna.email) == 401  # locked


def test_a_password_change_needs_a_login_and_the_csrf_token(
    client: TestClient, console: TestClient, anna: Account
) -> None:
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert TestClient(client.app).post(PASSWORD_URL, json=body).status_code == 401
    console.headers.pop("X-CSRF-Token")
    refused = console.post(PASSWORD_URL, json=body)
    assert refused.status_code == 403
    assert refused.json() == {"detail": error_text("csrf")}
    assert login_status(client, anna.email) == 200


# Admins manage accounts.


def test_the_list_shows_whether_accounts_are_active_and_locked_now(
    admin_console: TestClient, anna: Account, bert: Account, db: Session
) -> None:
    lock_out(admin_console, anna.email)
    stored(db, bert).active = False
    db.commit()
    listed = {a["email"]: a for a in admin_console.get("/api/advisor/advisors").json()}
    assert (listed[anna.email]["active"], listed[anna.email]["locked"]) == (True, True)
    assert listed[anna.email]["locked_until"] is not None
    assert (listed[bert.email]["active"], listed[bert.email]["locked"]) == (False, False)
    assert listed[bert.email]["locked_until"] is None
    assert listed["beheer@example.nl"]["role"] == "admin"


def test_a_locked_account_can_log_in_after_an_unlock(
    admin_console: TestClient, admin: Account, anna: Account, db: Session
) -> None:
    lock_out(admin_console, anna.email)
    response = admin_console.post(f"/api/advisor/advisors/{anna.id}/unlock")
    assert response.status_code == 200
    assert (response.json()["locked"], response.json()["locked_until"]) == (False, None)
    assert stored(db, anna).failed_logins == 0
    assert login_status(admin_console, anna.email) == 200
    assert audit_entries(db, "unlock") == [(admin.email, anna.email)]


def test_a_deactivated_advisor_is_logged_out_and_cannot_log_in_until_reactivated(
    admin_console: TestClient, console: TestClient, admin: Account, anna: Account, db: Session
) -> None:
    response = admin_console.post(f"/api/advisor/advisors/{anna.id}/deactivate")
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert sessions_of(db, anna) == 0
    assert console.get("/api/advisor/me").status_code == 401
    refused = TestClient(console.app).post(
        "/api/advisor/login", json={"email": anna.email, "password": PASSWORD}
    )
    assert refused.status_code == 401
    assert refused.json() == {"detail": error_text("login_failed", minutes=15)}  # nothing more

    again = admin_console.post(f"/api/advisor/advisors/{anna.id}/reactivate")
    assert again.status_code == 200
    assert again.json()["active"] is True
    assert login_status(admin_console, anna.email) == 200
    assert audit_entries(db, "deactivate") == [(admin.email, anna.email)]
    assert audit_entries(db, "reactivate") == [(admin.email, anna.email)]


def test_deactivating_an_advisor_puts_their_conversations_back_in_the_queue(
    admin_console: TestClient, console: TestClient, rasa: StubRasa, anna: Account, db: Session
) -> None:
    asker = person_asks_for_human(console, rasa)
    conversation_id = asker.conversation_id
    console.post(f"/api/advisor/conversations/{conversation_id}/claim")
    with console.websocket_connect("/api/conversation/ws") as person:
        person.send_json({"type": "auth", "conversation_id": conversation_id, "token": asker.token})
        assert person.receive_json()["state"] == "with_advisor"
        admin_console.post(f"/api/advisor/advisors/{anna.id}/deactivate")
        told = person.receive_json()
        assert told["message"]["text"] == texts()["handoff"]["released"]
        assert person.receive_json() == {"type": "state", "state": "requested", "advisor": None}

    waiting = admin_console.get("/api/advisor/queue").json()
    assert [(c["id"], c["state"]) for c in waiting] == [(conversation_id, "requested")]
    db.expire_all()
    conversation = db.get(Conversation, conversation_id)
    assert conversation is not None and conversation.advisor_id is None


def test_an_admin_cannot_deactivate_themselves(
    admin_console: TestClient, admin: Account, db: Session
) -> None:
    response = admin_console.post(f"/api/advisor/advisors/{admin.id}/deactivate")
    assert response.status_code == 409
    assert response.json() == {"detail": error_text("own_account")}
    assert admin_console.get("/api/advisor/me").status_code == 200
    assert audit_entries(db, "deactivate") == []


@pytest.mark.parametrize("change", ACCOUNT_CHANGES)
def test_advisors_cannot_change_accounts(
    console: TestClient, bert: Account, db: Session, change: str
) -> None:
    response = console.post(f"/api/advisor/advisors/{bert.id}/{change}")
    assert response.status_code == 403
    assert response.json() == {"detail": error_text("admin_only")}
    assert stored(db, bert).active is True
    assert audit_entries(db, change) == []


@pytest.mark.parametrize("change", ACCOUNT_CHANGES)
def test_account_changes_need_the_csrf_token(
    admin_console: TestClient, anna: Account, db: Session, change: str
) -> None:
    admin_console.headers.pop("X-CSRF-Token")
    response = admin_console.post(f"/api/advisor/advisors/{anna.id}/{change}")
    assert response.status_code == 403
    assert response.json() == {"detail": error_text("csrf")}
    assert audit_entries(db, change) == []


@pytest.mark.parametrize("change", ACCOUNT_CHANGES)
def test_changing_an_unknown_account_is_a_dutch_404(admin_console: TestClient, change: str) -> None:
    response = admin_console.post(f"/api/advisor/advisors/9999/{change}")
    assert response.status_code == 404
    assert response.json() == {"detail": error_text("advisor_not_found")}


def test_creating_an_account_is_audited(
    admin_console: TestClient, admin: Account, db: Session
) -> None:
    new = {"email": "Cas@Example.nl", "name": "Cas", "password": PASSWORD}
    created = admin_console.post("/api/advisor/advisors", json=new)
    assert created.status_code == 201
    assert created.json()["active"] is True
    assert audit_entries(db, "create_account") == [(admin.email, "cas@example.nl")]


def test_the_account_and_admin_pages_are_served_to_advisors(console: TestClient) -> None:
    for page in ["/console/account", "/console/admin"]:
        response = console.get(page)
        assert response.status_code == 200
        assert 'href="/console/admin" data-admin-only hidden' in response.text


# Open sockets end with the login (issue 17).


def test_switching_an_account_off_closes_its_open_sockets(
    admin_console: TestClient, console: TestClient, rasa: StubRasa, anna: Account
) -> None:
    from tests.api.advisors.test_auth import assert_socket_closed

    person = person_asks_for_human(console, rasa)
    url = f"/api/advisor/conversations/{person.conversation_id}/ws"
    with console.websocket_connect(url) as socket:
        assert socket.receive_json()["state"] == "requested"
        admin_console.post(f"/api/advisor/advisors/{anna.id}/deactivate")
        assert person.say(console, "geheim").status_code == 200  # type: ignore[attr-defined]
        assert_socket_closed(socket)


def test_a_password_change_closes_the_sockets_of_the_other_logins_only(
    client: TestClient, console: TestClient, rasa: StubRasa, anna: Account
) -> None:
    from tests.api.advisors.test_auth import assert_socket_closed

    person = person_asks_for_human(console, rasa)
    elsewhere = log_in(TestClient(client.app), anna.email)
    url = f"/api/advisor/conversations/{person.conversation_id}/ws"
    with elsewhere.websocket_connect(url) as other, console.websocket_connect(url) as mine:
        assert other.receive_json()["state"] == "requested"
        assert mine.receive_json()["state"] == "requested"
        changed = console.post(
            PASSWORD_URL, json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        )
        assert changed.status_code == 204
        assert person.say(console, "nog iets").status_code == 200  # type: ignore[attr-defined]
        assert_socket_closed(other)
        assert mine.receive_json()["message"]["text"] == "nog iets"
