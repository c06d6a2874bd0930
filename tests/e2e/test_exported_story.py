"""A real conversation, exported from the console as a test story, is a valid Rasa test story:
it passes `rasa data validate` and plays under `rasa test core --fail-on-prediction-errors`
(api/review/stories.py; the format of tests/stories/).

The whole stack runs (as `make run` starts it) on its own database, so the test can make an
advisor account there and correct an intent through the console's api.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.e2e.conftest import ALWAYS_OPEN, say
from tests.support.stack import running_stack

ROOT = Path(__file__).resolve().parents[2]
API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
RASA = Path(sys.executable).with_name("rasa")
PASSWORD = "correct horse battery"  # noqa: S105 - a test account
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The running stack's api URL and its database URL."""
    tmp = tmp_path_factory.mktemp("story_stack")
    database = f"sqlite:///{tmp / 'api.db'}"
    settings = {
        "PGB_DATABASE_URL": database,
        "PGB_TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.db'}",
        **ALWAYS_OPEN,
    }
    with running_stack(settings, tmp / "stack.log") as url:
        yield url, database


@pytest.fixture(scope="module")
def console(stack: tuple[str, str]) -> httpx.Client:
    """The first account (an admin, who may review conversations with the bot alone), logged
    in; created in the api's own environment, as `make advisor` does."""
    api_url, database = stack
    create = (
        "import sys; from sqlalchemy.orm import Session; from api.core.db import get_engine;"
        "from api.advisors.auth import create_advisor;"
        "s = Session(get_engine(sys.argv[1]));"
        "create_advisor(s, email='cor@example.nl', name='Cor', password=sys.argv[2])"
    )
    subprocess.run([API_PYTHON, "-c", create, database, PASSWORD], cwd=ROOT, check=True)  # noqa: S603
    client = httpx.Client(base_url=api_url, timeout=60)
    login = client.post(
        "/api/advisor/login", json={"email": "cor@example.nl", "password": PASSWORD}
    )
    assert login.status_code == 200, login.text
    client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
    return client


def rasa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [str(RASA), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_an_exported_conversation_is_a_passing_test_story(
    stack: tuple[str, str], console: httpx.Client, tmp_path: Path
) -> None:
    api_url, _ = stack
    first = say(api_url, "hallo")
    conversation_id = first["conversation_id"]
    answer = say(api_url, "wat is een pgb?", conversation_id)
    # A FAQ answer states facts: the real bot reports its record, so the widget asks about it.
    assert any(m["feedback"] for m in answer["messages"]), answer
    say(api_url, "hoe werkt het met de svb?", conversation_id)
    say(api_url, "dankjewel", conversation_id)

    detail = console.get(f"/api/advisor/conversations/{conversation_id}").json()
    read = [m for m in detail["messages"] if m["sender"] == "user" and m["intent"]]
    assert len(read) == 4, read
    # The advisor says the second question was about something else (both are FAQ answers,
    # so the bot's actions still fit): the story must hold the advisor's intent.
    guessed = read[1]["intent"]
    corrected = "faq_which_financier" if guessed != "faq_which_financier" else "faq_how_to_apply"
    verdict = console.post(
        f"/api/advisor/messages/{read[1]['id']}/corrections",
        json={"kind": "intent", "intent": corrected},
    )
    assert verdict.status_code == 201, verdict.text

    exported = console.get(f"/api/advisor/conversations/{conversation_id}/story.yml")
    assert exported.status_code == 200, exported.text
    story_file = tmp_path / "test_exported.yml"
    story_file.write_text(exported.text)
    steps = yaml.safe_load(exported.text)["stories"][0]["steps"]
    assert [s["intent"] for s in steps if "intent" in s][1] == corrected

    # Against the domain and the rules; the NLU files' own validity is test_training_data.py's,
    # and reading them again took 23 of its 29 s (2026-12-06).
    validated = rasa(
        "data", "validate", "--config", "bot/config.yml", "--domain", "bot/domain",
        "--data", "data/rules", str(story_file),
    )  # fmt: skip
    assert validated.returncode == 0, validated.stdout[-3000:] + validated.stderr[-3000:]

    sys.path.insert(0, str(ROOT / "scripts"))
    from train import current_model

    out = tmp_path / "results"
    played = rasa(
        "test", "core", "--model", str(current_model()), "--stories", str(story_file),
        "--out", str(out), "--no-plot", "--fail-on-prediction-errors",
    )  # fmt: skip
    print(exported.text)
    assert played.returncode == 0, played.stdout[-3000:] + played.stderr[-3000:]
    failed = (out / "failed_test_stories.yml").read_text()
    assert "story:" not in failed, failed


def test_the_console_shows_the_running_model(console: httpx.Client) -> None:
    """Through the real channel (bot/channel.py, GET .../model)."""
    response = console.get("/api/advisor/insight/model")
    assert response.status_code == 200, response.text
    model = response.json()["models"][0]
    sys.path.insert(0, str(ROOT / "scripts"))
    from train import current_model

    assert model["file"] == current_model().name
    assert model["hash"] and model["trained_at"]
