"""Every setting the api reads is documented for operators: docs/deploy.md and .env.example."""

from __future__ import annotations

import pytest

from api.core.settings import Settings
from tests.deploy.conftest import ROOT

VARIABLES = sorted(f"PGB_{name.upper()}" for name in Settings.model_fields)


@pytest.mark.parametrize("variable", VARIABLES)
def test_every_setting_is_in_the_deploy_guide_and_env_example(variable: str) -> None:
    assert f"`{variable}`" in (ROOT / "docs" / "deploy.md").read_text()
    assert f"\n{variable}=" in (ROOT / ".env.example").read_text()
