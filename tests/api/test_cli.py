"""python -m api.cli: create the first admin, purge, erase."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.advisors.auth import authenticate
from api.cli import main
from api.core.settings import Settings, get_settings
from api.models import Advisor, Conversation, utcnow
from tests.support.live import ROOT


@pytest.fixture
def cli_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr("api.cli.get_settings", lambda: settings)
    return settings


def test_create_advisor_non_interactive_first_is_admin(
    cli_settings: Settings, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    args = ["create-advisor", "--email", "Eva@Example.nl", "--name", "Eva", "--password-stdin"]
    assert main(args) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert (
        main(["create-advisor", "--email", "f@example.nl", "--name", "F", "--password-stdin"]) == 0
    )

    roles = dict(db.execute(select(Advisor.email, Advisor.role)).all())
    assert roles == {"eva@example.nl": "admin", "f@example.nl": "advisor"}
    assert authenticate(db, cli_settings, "eva@example.nl", "a long enough password")


def test_create_advisor_refuses_short_passwords_and_duplicates(
    cli_settings: Settings, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    with pytest.raises(SystemExit):
        main(["create-advisor", "--email", "a@b.nl", "--name", "A", "--password-stdin"])
    assert db.scalars(select(Advisor)).all() == []


def test_create_advisor_prompts_when_interactive(
    cli_settings: Settings, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["g@example.nl", "Gijs"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "een heel lang wachtwoord")
    assert main(["create-advisor"]) == 0
    assert db.scalars(select(Advisor.name)).all() == ["Gijs"]


def test_purge_command(
    cli_settings: Settings, client, db: Session, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/chat", json={"text": "oud"})
    db.execute(update(Conversation).values(updated_at=utcnow() - timedelta(days=400)))
    db.commit()
    assert main(["purge"]) == 0
    assert "deleted 1 conversations" in capsys.readouterr().out
    assert db.scalars(select(Conversation)).all() == []


def test_the_module_runs_as_a_command(settings: Settings) -> None:
    env = {**os.environ, "PGB_DATABASE_URL": settings.database_url}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "api.cli", "create-advisor", "--email", "h@example.nl",
         "--name", "Hanna", "--password-stdin"],
        input="nog een lang wachtwoord\n", capture_output=True, text=True, cwd=ROOT, env=env,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "created admin h@example.nl" in result.stdout
    get_settings.cache_clear()
