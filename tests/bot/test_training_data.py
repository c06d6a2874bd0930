"""The Rasa project is consistent: `rasa data validate` passes and generated files are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_data_validate_passes() -> None:
    # `rasa` through bot/rasa_cli.py: texts that passed Rasa's schema check in the training just
    # before are not checked again (bot/schema_checks.py); 14 s instead of 29 s (2026-12-06).
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.rasa_cli",
            "data",
            "validate",
            "--config",
            "bot/config.yml",
            "--domain",
            "bot/domain",
            "--data",
            "data",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.parametrize("script", ["build_faq_domain.py", "augment_nlu.py"])
def test_generated_files_are_current(script: str) -> None:
    """bot/domain/faq.yml and data/rules/faq.yml from the knowledge; data/nlu/augmented.yml
    from the training data."""
    result = subprocess.run(
        [sys.executable, f"scripts/{script}", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_new_example_changes_only_its_own_augmented_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each question's context is drawn by itself: a new example in one file leaves every other
    copy as it was (so retraining embeds only what changed)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import augment_nlu

    (tmp_path / "faq").mkdir()
    files = {
        "faq/a.yml": ["wat is een pgb", "hoe werkt een pgb"],
        "faq/b.yml": ["mag ik mijn zoon betalen", "wat is het tarief", "hoe lang duurt het"],
    }

    def write(extra: list[str]) -> None:
        for name, texts in files.items():
            intent = "faq_" + Path(name).stem
            lines = "".join(f"    - {t}\n" for t in texts + (extra if name == "faq/a.yml" else []))
            block = f"nlu:\n- intent: {intent}\n  examples: |\n{lines}"
            (tmp_path / name).write_text(block, encoding="utf-8")

    monkeypatch.setattr(augment_nlu, "NLU", tmp_path)
    monkeypatch.setattr(augment_nlu, "SOURCES", tuple(files))
    write([])
    before = augment_nlu.render().splitlines()
    write(["kan ik het pgb stoppen"])
    after = augment_nlu.render().splitlines()
    assert [line for line in after if line not in before] == [
        next(line for line in after if line.endswith("kan ik het pgb stoppen"))
    ]
    assert len(after) == len(before) + 1


def test_every_faq_answer_has_training_examples() -> None:
    from bot.pgb.knowledge import answer_ids

    trained = {
        block["intent"]
        for file in (ROOT / "data" / "nlu" / "faq").glob("*.yml")
        for block in yaml.safe_load(file.read_text())["nlu"]
        if "intent" in block
    }
    assert trained == {f"faq_{answer_id}" for answer_id in answer_ids()}


@pytest.mark.parametrize("folder", ["nlu_holdout", "nlu_dev"])
def test_evaluation_examples_are_not_in_the_training_data(folder: str) -> None:
    """Neither the held-out test set nor the development set may leak into training."""

    def examples(path: Path) -> set[str]:
        found = set()
        for file in path.rglob("*.yml"):
            for block in yaml.safe_load(file.read_text()).get("nlu", []):
                for line in block.get("examples", "").splitlines():
                    found.add(line.lstrip("- ").strip().lower())
        return found

    evaluation = examples(ROOT / "tests" / folder)
    assert len(evaluation) >= 300
    overlap = evaluation & examples(ROOT / "data" / "nlu")
    assert not overlap, sorted(overlap)


@pytest.mark.parametrize(
    "name",
    [
        "realistic.yml",
        "realistic_tuning.yml",
        "realistic_validation.yml",
        "realistic_analysis.yml",
        "realistic_analysis_2.yml",
        "realistic_analysis_3.yml",
        "realistic_check.yml",
    ],
)
def test_no_realistic_message_is_a_training_example(name: str) -> None:
    """The blind conversation sets measure how people write; none of their messages may be
    copied into training (annotations stripped; short common phrases such as "dank u" or "ik
    wil een mens spreken" are anyone's words)."""
    said = {
        turn["user"].strip().lower()
        for conversation in yaml.safe_load((ROOT / "tests" / "evaluation" / name).read_text())[
            "conversations"
        ]
        for turn in conversation["turns"]
        if len(turn["user"].split()) >= 6
    }
    trained = set()
    for file in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in yaml.safe_load(file.read_text()).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                plain = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", line.lstrip("- "))
                trained.add(plain.strip().lower())
    copied = said & trained
    assert not copied, sorted(copied)
