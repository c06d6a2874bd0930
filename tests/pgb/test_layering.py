"""Layering: bot.pgb is a pure core (STYLE.md convention 1, ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.pgb
from tests.support.imports import imported_roots

PACKAGE_DIR = Path(bot.pgb.__file__).parent
FORBIDDEN = {
    "rasa",
    "rasa_sdk",
    "fastapi",
    "sqlalchemy",
    "spacy",
    "actions",
    "api",
    "starlette",
    "pydantic",
}
ALLOWED_THIRD_PARTY = {"yaml"}
MODULES = sorted(PACKAGE_DIR.glob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_framework_imports(module: Path) -> None:
    assert not imported_roots(module) & FORBIDDEN


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_only_stdlib_yaml_and_own_package(module: Path) -> None:
    import sys

    for root in imported_roots(module):
        assert (
            root in sys.stdlib_module_names
            or root in ALLOWED_THIRD_PARTY
            or root in {"bot", "__future__"}
        ), (module.name, root)


def test_the_checker_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from rasa_sdk import Action\nimport fastapi.routing\n", encoding="utf-8")
    assert imported_roots(bad) & FORBIDDEN == {"rasa_sdk", "fastapi"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_modules_stay_small(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 300
