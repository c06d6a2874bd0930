"""The audit log: every action name fits its column; admins read it newest first, filtered and
paged; nobody else reads it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.advisors import audit
from api.core.texts import error_text
from api.models import AuditEntry
from tests.api.conftest import Account, ask_for_human
from tests.support.stub_rasa import StubRasa

AUDIT_URL = "/api/advisor/audit"


@pytest.mark.parametrize("action", audit.ACTIONS)
def test_every_action_name_fits_the_column(action: str) -> None:
    assert len(action) <= AuditEntry.__table__.c.action.type.length


def rows(response: Any) -> list[tuple[str, str, str | None, str | None]]:
    assert response.status_code == 200, response.text
    return [
        (e["advisor_email"], e["action"], e["account_email"], e["conversation_id"])
        for e in response.json()["items"]
    ]


@pytest.fixture
def history(
    admin_console: TestClient, console: TestClient, rasa: StubRasa, admin: Account, anna: Account
) -> str:
    """Bea logs in, Anna logs in and views a conversation, Bea unlocks Anna; the conversation id."""
    conversation_id = ask_for_human(console, rasa)
    assert console.get(f"/api/advisor/conversations/{conversation_id}").status_code == 200
    assert admin_console.post(f"/api/advisor/advisors/{anna.id}/unlock").status_code == 200
    return conversation_id


def test_the_log_is_newest_first(
    admin_console: TestClient, history: str, admin: Account, anna: Account
) -> None:
    response = admin_console.get(AUDIT_URL)
    assert rows(response) == [
        (admin.email, "unlock", anna.email, None),
        (anna.email, "view", None, history),
        (anna.email, "login", None, None),
        (admin.email, "login", None, None),
    ]
    assert response.json()["total"] == 4
    assert response.json()["items"][0]["created_at"].endswith("+00:00")


def test_the_log_pages(admin_console: TestClient, history: str) -> None:
    everything = rows(admin_console.get(AUDIT_URL))
    first = admin_console.get(AUDIT_URL, params={"limit": 3})
    second = admin_console.get(AUDIT_URL, params={"limit": 3, "offset": 3})
    assert rows(first) + rows(second) == everything
    assert first.json()["total"] == second.json()["total"] == 4


@pytest.mark.parametrize("limit", [0, 201, -1])
def test_the_page_size_has_bounds(admin_console: TestClient, limit: int) -> None:
    response = admin_console.get(AUDIT_URL, params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["detail"] == error_text("invalid_request")


def test_filter_by_action(admin_console: TestClient, history: str, anna: Account) -> None:
    assert rows(admin_console.get(AUDIT_URL, params={"action": "view"})) == [
        (anna.email, "view", None, history)
    ]
    assert rows(admin_console.get(AUDIT_URL, params={"action": "erase"})) == []


def test_filter_by_email_finds_what_someone_did_and_what_was_done_to_their_account(
    admin_console: TestClient, history: str, admin: Account, anna: Account
) -> None:
    found = admin_console.get(AUDIT_URL, params={"email": " Anna@Example.nl "})
    assert [action for _, action, _, _ in rows(found)] == ["unlock", "view", "login"]
    assert found.json()["total"] == 3
    both = {"email": admin.email, "action": "login"}
    assert rows(admin_console.get(AUDIT_URL, params=both)) == [(admin.email, "login", None, None)]


def test_filter_by_conversation(admin_console: TestClient, history: str, anna: Account) -> None:
    found = admin_console.get(AUDIT_URL, params={"conversation_id": history})
    assert rows(found) == [(anna.email, "view", None, history)]
    other = admin_console.get(AUDIT_URL, params={"conversation_id": "0" * 32})
    assert rows(other) == []


def test_only_admins_read_the_log(console: TestClient, history: str) -> None:
    response = console.get(AUDIT_URL)
    assert response.status_code == 403
    assert response.json() == {"detail": error_text("admin_only")}
    assert history not in response.text
