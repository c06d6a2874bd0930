"""The api has its own environment (.venv-api) because it imports nothing of Rasa's side, and
`make test` runs every test directory in the environment that has what it imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.imports import imported_roots

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "api").rglob("*.py"))
# Rasa's side: not installed in .venv-api, and the api image must not need it.
FORBIDDEN = {"rasa", "rasa_sdk", "bot", "actions", "spacy", "tensorflow", "sanic"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_api_imports_nothing_of_rasa(module: Path) -> None:
    assert not imported_roots(module) & FORBIDDEN


def test_the_checker_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from rasa.core import agent\nimport bot.pgb\nimport fastapi\n")
    assert imported_roots(bad) & FORBIDDEN == {"rasa", "bot"}


def make_variable(name: str) -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(rf"^{name} := (.*)$", makefile, re.MULTILINE)
    assert found, name
    return found.group(1).split()


def test_make_test_runs_every_test_directory_once() -> None:
    rasa, api = make_variable("RASA_TESTS"), make_variable("API_TESTS")
    with_tests = {
        f"tests/{folder.name}"
        for folder in (ROOT / "tests").iterdir()
        if folder.is_dir() and any(folder.glob("test_*.py"))
    }
    assert sorted(rasa + api) == sorted(with_tests)
    assert not list((ROOT / "tests").glob("test_*.py")), "a test file outside both lists"
