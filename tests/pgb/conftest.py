"""Shared fixtures for the pgb knowledge-layer tests."""

from __future__ import annotations

import pytest

from bot.pgb.knowledge import Knowledge, load_knowledge


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    """The real knowledge base in ``bot/knowledge``."""
    return load_knowledge()
