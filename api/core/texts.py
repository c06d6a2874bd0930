"""The api's Dutch texts, read once from texts.yml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).resolve().parents[1] / "texts.yml"


@lru_cache
def texts() -> dict[str, Any]:
    with TEXTS_FILE.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.safe_load(file)
    return loaded


def error_text(key: str, **values: object) -> str:
    return str(texts()["errors"][key]).format(**values)
