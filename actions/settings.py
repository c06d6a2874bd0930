"""The action server's settings, read from the environment once (never at import)."""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=1)
def local_areas() -> str:
    """PGB_LOCAL_AREAS: the deployment's own organisation and gemeenten, separated by ";"
    (e.g. "ISD Bollenstreek; Gemeente Lisse"). Their local rules apply; no others do."""
    return os.environ.get("PGB_LOCAL_AREAS", "")
