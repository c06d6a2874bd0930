"""Play the Rasa test stories (tests/stories) against the trained model with `rasa test core`.

Prints how many stories pass, names the ones that fail and writes results/stories.json; exits 1
when a story fails. `rasa test core` writes its own details to results/stories/.

    .venv/bin/python scripts/story_check.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
STORIES = ROOT / "tests" / "stories"
OUT = ROOT / "results" / "stories"
RESULTS = ROOT / "results" / "stories.json"


def story_names(path: Path) -> list[str]:
    """The names of the stories in a story file or a folder of them."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    names = []
    for file in files:
        names += [s["story"] for s in (yaml.safe_load(file.read_text()) or {}).get("stories", [])]
    return names


def main() -> int:
    from train import current_model

    model = current_model()
    if not model.exists():
        print("no current model: run `make train` first", file=sys.stderr)
        return 1
    failed_file = OUT / "failed_test_stories.yml"
    failed_file.unlink(missing_ok=True)
    # `rasa test core`, through bot.rasa_cli: it reads the model's CRF taggers instead of
    # fitting them again (about a minute).
    rasa = [sys.executable, "-m", "bot.rasa_cli"]
    command = [*rasa, "test", "core", "--model", str(model), "--stories", str(STORIES)]
    command += ["--out", str(OUT), "--no-plot", "--quiet"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if run.returncode != 0 or not failed_file.exists():
        print(run.stdout[-3000:] + run.stderr[-3000:], file=sys.stderr)
        print("rasa test core did not finish", file=sys.stderr)
        return 1

    stories = story_names(STORIES)
    # rasa names a failed story "<name> (<file>)" in failed_test_stories.yml.
    failed = [name.split(" (")[0] for name in story_names(failed_file)]
    RESULTS.write_text(json.dumps({"stories": stories, "failed": failed}, indent=2))
    print(f"test stories        {len(stories) - len(failed)}/{len(stories)} pass")
    for name in failed:
        print(f"  failed: {name}")
    print(f"details: {failed_file.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
