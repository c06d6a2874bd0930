"""Tests for bot.pgb.schema_fields: scope, area, changing rules and local exceptions are
validated at load (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pgb.errors import KnowledgeError
from bot.pgb.knowledge import load_knowledge

SOURCES = """sources:
  - id: S-ISD
    label: ISD Bollenstreek
    file: 004_562234ab19ec7adf.txt
  - id: TK
    label: Tweede Kamer
    url: https://www.tweedekamer.nl/
"""


def _load(tmp_path: Path, file: str, body: str) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / file).write_text("records:\n" + body, encoding="utf-8")
    load_knowledge(tmp_path)


@pytest.mark.parametrize(
    ("file", "body", "field"),
    [
        (
            "employer.yaml",
            "  - id: x\n    scope: local\n    text: Het mag niet.\n"
            "    source: S-ISD\n    checked: 2026-11-22\n    status: seed\n",
            "area",
        ),
        (
            "employer.yaml",
            "  - id: x\n    scope: local\n    area: ISD Bollenstreek\n    text: Het mag niet.\n"
            "    source: S-ISD\n    checked: 2026-11-22\n    status: seed\n",
            "area",
        ),
        (
            "answers.yaml",
            "  - id: x\n    scope: local\n    area: ISD Bollenstreek\n"
            "    text: Bij ISD Bollenstreek mag het niet.\n"
            "    source: S-ISD\n    checked: 2026-11-22\n    status: seed\n",
            "scope",
        ),
        (
            "employer.yaml",
            "  - id: x\n    text: Nu zo.\n    change:\n      status: rumour\n"
            "      text: Straks anders.\n      check_with: svb\n"
            "    source: TK\n    checked: 2026-12-02\n    status: verified\n",
            "change.status",
        ),
        (
            "employer.yaml",
            "  - id: x\n    text: Het mag.\n    source: S-ISD\n    checked: 2026-11-22\n"
            "    status: verified\n",
            "status",
        ),
    ],
    ids=[
        "local-without-area",
        "local-text-without-area",
        "local-answer",
        "bad-change",
        "seed-verified",
    ],
)
def test_scope_and_change_are_validated(tmp_path: Path, file: str, body: str, field: str) -> None:
    with pytest.raises(KnowledgeError) as err:
        _load(tmp_path, file, body)
    assert err.value.field == field


def test_local_spending_rule_must_name_its_area(tmp_path: Path) -> None:
    body = (
        "  - id: spend_x\n    terms: [x]\n    verdict: depends\n    reason: Het hangt ervan af.\n"
        "    local:\n      ISD Bollenstreek:\n        verdict: not_allowed\n"
        "        reason: Dat mag niet.\n    source: S-ISD\n    checked: 2026-11-22\n"
        "    status: seed\n"
    )
    with pytest.raises(KnowledgeError) as err:
        _load(tmp_path, "spending.yaml", body)
    assert err.value.field == "local.ISD Bollenstreek.reason"
