"""The vendored Chart.js (api/console/vendor/chart.js.json): the file is what the manifest
records, the page loads it with that integrity, and its licence travels with it.
scripts/vendor_chartjs.py checks the same file against the npm registry's tarball."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((ROOT / "api" / "console" / "vendor" / "chart.js.json").read_text())


def test_the_file_is_the_one_recorded() -> None:
    data = (ROOT / MANIFEST["file"]).read_bytes()
    digest = base64.b64encode(hashlib.sha384(data).digest()).decode()
    assert MANIFEST["integrity"] == f"sha384-{digest}"
    assert data.startswith(f"/*!\n * Chart.js v{MANIFEST['version']}\n".encode())
    assert MANIFEST["npm_integrity"].startswith("sha512-")


def test_the_page_loads_it_with_that_integrity() -> None:
    page = (ROOT / "api" / "console" / "insight.html").read_text()
    name = Path(MANIFEST["file"]).name
    assert f'src="/console/static/{name}" integrity="{MANIFEST["integrity"]}"' in page


def test_the_licence_travels_with_it() -> None:
    assert MANIFEST["license"] == "MIT"
    assert "The MIT License" in (ROOT / MANIFEST["license_file"]).read_text()


def test_the_api_serves_it(client: TestClient) -> None:
    response = client.get(f"/console/static/{Path(MANIFEST['file']).name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
