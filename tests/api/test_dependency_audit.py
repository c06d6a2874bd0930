"""The offline dependency audit (docs/dependency-audit.md): both lock files checked against the
advisories that page lists, since no advisory service or current database is reachable here."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "docs" / "dependency-audit.md"


def locked(lock_file: str) -> dict[str, Version]:
    """name -> version of every `name==version` line."""
    pins: dict[str, Version] = {}
    for line in (ROOT / lock_file).read_text().splitlines():
        name, separator, version = line.partition("==")
        if separator and not line.startswith("#"):
            pins[canonicalize_name(name.strip())] = Version(version.strip())
    return pins


def table(heading: str) -> list[dict[str, str]]:
    """The rows of the Markdown table in the section under `heading`, by column name."""
    section = AUDIT.read_text().split(heading, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header, _rule, *rows = ([cell.strip() for cell in line.strip("|").split("|")] for line in lines)
    return [dict(zip(header, row, strict=True)) for row in rows]


FIXED_BY_THE_SPLIT = table("## The api: current releases")
PINNED_BY_RASA = table("## Rasa's environment: pinned by Rasa 3.6")


def test_the_tables_were_read() -> None:
    assert [row["package"] for row in FIXED_BY_THE_SPLIT] == ["starlette"]
    assert len(PINNED_BY_RASA) >= 8


@pytest.mark.parametrize("row", FIXED_BY_THE_SPLIT, ids=lambda row: row["package"])
def test_the_api_is_past_every_fix(row: dict[str, str]) -> None:
    version = locked("constraints-api.txt")[canonicalize_name(row["package"])]
    assert version == Version(row["now"])
    assert version >= Version(row["fixed in"])


@pytest.mark.parametrize("row", PINNED_BY_RASA, ids=lambda row: row["package"])
def test_the_page_names_what_rasa_has_locked(row: dict[str, str]) -> None:
    """A changed lock fails here until docs/dependency-audit.md is reviewed again."""
    name, version = canonicalize_name(row["package"]), Version(row["locked"])
    assert locked("constraints.txt")[name] == version
    assert locked("constraints-api.txt").get(name) != version


def test_the_api_environment_has_nothing_of_rasa() -> None:
    api = locked("constraints-api.txt")
    assert not {"rasa", "rasa-sdk", "tensorflow", "keras", "skops", "sanic", "spacy"} & set(api)
    assert api["pydantic"].major == 2
    assert api["sqlalchemy"].major == 2
