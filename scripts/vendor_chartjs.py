"""Check (or refresh) the vendored Chart.js against the npm registry.

The console's charts use Chart.js's UMD build, committed in api/console/static/ so that
`make run`, CI and the image need no Node.js and no network. api/console/vendor/chart.js.json
records where it came from: the npm tarball's integrity (as `npm view chart.js dist.integrity`
gives it) and the file's own SRI hash, which the page's <script integrity> and
tests/api/console/test_vendored_chart.py check offline.

    python scripts/vendor_chartjs.py          # npm pack, verify the tarball, compare the file
    python scripts/vendor_chartjs.py --write  # the same, then (re)write the file and manifest

Needs npm and access to the npm registry; standard library otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "api" / "console" / "vendor" / "chart.js.json"


def sri(data: bytes, algorithm: str) -> str:
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode()}"


def main(write: bool) -> int:
    manifest = json.loads(MANIFEST.read_text())
    spec = f"{manifest['package']}@{manifest['version']}"
    with tempfile.TemporaryDirectory() as folder:
        npm = ["npm", "pack", spec, "--silent"]  # the version comes from our own manifest
        subprocess.run(npm, cwd=folder, check=True)  # noqa: S603, S607
        tarball = next(Path(folder).glob("*.tgz"))
        if sri(tarball.read_bytes(), "sha512") != manifest["npm_integrity"]:
            print(f"{spec}: the tarball does not match the recorded npm integrity")
            return 1
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(manifest["from"])
            assert member is not None
            built = member.read()
    vendored = ROOT / manifest["file"]
    if write:
        vendored.write_bytes(built)
        manifest["integrity"] = sri(built, "sha384")
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    if vendored.read_bytes() != built or sri(built, "sha384") != manifest["integrity"]:
        print(f"{manifest['file']} differs from {manifest['from']} in {spec}")
        return 1
    print(f"{manifest['file']} is {manifest['from']} of {spec} ({manifest['npm_integrity']})")
    return 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv[1:]))
