"""Safe by default (issue 17): production unless told otherwise, no api docs in production, and
data files only the service itself can read."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.core.settings import Settings
from api.main import create_app

DOCS = ["/docs", "/redoc", "/openapi.json"]
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def test_production_is_the_default_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGB_ENVIRONMENT", raising=False)
    monkeypatch.setenv("PGB_RASA_TOKEN", "a-real-secret")
    settings = Settings()
    assert settings.environment == "production"
    assert settings.secure_cookies is True


def test_production_refuses_the_development_rasa_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGB_ENVIRONMENT", raising=False)
    monkeypatch.delenv("PGB_RASA_TOKEN", raising=False)
    with pytest.raises(ValueError, match="PGB_RASA_TOKEN"):
        create_app(Settings())


@pytest.mark.parametrize("token", ["", "  ", "rasaToken", "changeme", "dev-rasa-token"])
def test_production_refuses_an_empty_or_placeholder_rasa_token(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    """A deployment that forgot the secret (an empty Secret value, a template's default) does
    not start (issue 11)."""
    monkeypatch.delenv("PGB_ENVIRONMENT", raising=False)
    monkeypatch.setenv("PGB_RASA_TOKEN", token)
    with pytest.raises(ValueError, match="PGB_RASA_TOKEN"):
        create_app(Settings())


@SQLITE_ONLY
@pytest.mark.parametrize("path", DOCS)
def test_no_api_docs_in_production(settings: Settings, path: str) -> None:
    production = settings.model_copy(update={"environment": "production"})
    with TestClient(create_app(production)) as client:
        assert client.get(path).status_code == 404


@SQLITE_ONLY
@pytest.mark.parametrize("path", DOCS)
def test_api_docs_in_development(settings: Settings, path: str) -> None:
    development = settings.model_copy(update={"environment": "development"})
    with TestClient(create_app(development)) as client:
        assert client.get(path).status_code == 200


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@SQLITE_ONLY
def test_sqlite_files_are_readable_by_the_service_only(settings: Settings) -> None:
    database = Path(settings.database_url.removeprefix("sqlite:///"))
    database.chmod(0o644)
    database.parent.chmod(0o755)
    with TestClient(create_app(settings)) as client:
        client.post("/api/chat", json={"text": "hallo"})  # creates the -wal and -shm files
        files = [p for p in database.parent.glob(database.name + "*")]
        assert {mode(p) for p in files} == {0o600}, [(p.name, oct(mode(p))) for p in files]
    assert mode(database.parent) == 0o700


def test_the_local_stack_runs_in_development_and_says_so() -> None:
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location("stack", root / "scripts" / "stack.py")
        assert spec and spec.loader
        stack = importlib.util.module_from_spec(spec)
        sys.modules["stack"] = stack
        spec.loader.exec_module(stack)
    finally:
        sys.path.remove(str(root / "scripts"))
        sys.modules.pop("stack", None)
    import os

    saved = os.environ.pop("PGB_ENVIRONMENT", None)
    try:
        assert stack.environment()["PGB_ENVIRONMENT"] == "development"
        os.environ["PGB_ENVIRONMENT"] = "production"
        assert stack.environment()["PGB_ENVIRONMENT"] == "production"
    finally:
        os.environ.pop("PGB_ENVIRONMENT", None)
        if saved is not None:
            os.environ["PGB_ENVIRONMENT"] = saved
    source = (root / "scripts" / "stack.py").read_text()
    assert "environment" in source and "umask(0o077)" in source


# The validators: a typo in the configuration stops the api at start, not at the first request.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rate_limit_chat", "120 per minuut"),
        ("rate_limit_login_per_address", "veel"),
        ("rate_limit_callback", ""),
        ("office_hours", "ma-vr 09:00-17:00"),
        ("office_hours", "mon-fri 17:00-09:00"),
    ],
)
def test_a_misspelt_limit_or_office_hours_is_refused(
    monkeypatch: pytest.MonkeyPatch, field: str, value: str
) -> None:
    monkeypatch.setenv(f"PGB_{field.upper()}", value)
    with pytest.raises(ValueError, match=field):
        Settings()


def test_valid_values_are_kept_and_urls_lose_a_trailing_slash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGB_RATE_LIMIT_CHAT", "30/minute")
    monkeypatch.setenv("PGB_OFFICE_HOURS", "mon-fri 09:00-17:00; sat 10:00-12:00")
    monkeypatch.setenv("PGB_RASA_URL", "http://rasa:5005/")
    monkeypatch.setenv("PGB_ACTION_SERVER_URL", "http://actions:5055//")
    settings = Settings()
    assert settings.rate_limit_chat == "30/minute"
    assert settings.office_hours == "mon-fri 09:00-17:00; sat 10:00-12:00"
    assert (settings.rasa_url, settings.action_server_url) == (
        "http://rasa:5005",
        "http://actions:5055",
    )


def test_cookies_follow_the_environment_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGB_ENVIRONMENT", "development")
    assert Settings().secure_cookies is False
    monkeypatch.setenv("PGB_COOKIE_SECURE", "true")
    assert Settings().secure_cookies is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ["http://rasa:5005"]),  # PGB_RASA_URL, the single replica
        ("http://a:5005/, http://b:5005", ["http://a:5005", "http://b:5005"]),
        ('["http://a:5005", "http://a:5005/"]', ["http://a:5005"]),
    ],
)
def test_rasa_replicas_come_from_pgb_rasa_urls_or_pgb_rasa_url(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: list[str]
) -> None:
    monkeypatch.setenv("PGB_RASA_URL", "http://rasa:5005/")
    monkeypatch.setenv("PGB_RASA_URLS", value)
    assert Settings().rasa_replicas == expected


@pytest.mark.parametrize("seconds", ["0", "10.5", "30"])
def test_the_turn_deadline_is_at_most_ten_seconds(
    monkeypatch: pytest.MonkeyPatch, seconds: str
) -> None:
    monkeypatch.setenv("PGB_RASA_TIMEOUT_S", seconds)
    with pytest.raises(ValidationError):
        Settings()


def test_the_app_sets_no_dependency_overrides(settings: Settings) -> None:
    """Routes read the app's own settings from app.state (api/core/deps.py). With any
    dependency override set, FastAPI builds every dependency's signature again on every
    request: about a quarter of the api's own time in a turn (py-spy, 2026-12-07)."""
    app = create_app(settings)
    assert app.dependency_overrides == {}
    assert app.state.settings is settings
