"""Approving corrections and `make corrections` (scripts/merge_corrections.py): approved intent
corrections go into data/nlu/corrections.yml with reviewer, date and conversation; the file only
grows, without duplicates, conflicts or intents the domain does not know."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

import merge_corrections as mc  # noqa: E402


def corrected(admin_console: TestClient, text: str, intent: str) -> tuple[str, int]:
    """A conversation whose first message an advisor corrected; its id and the correction's."""
    conversation_id = admin_console.post("/api/chat", json={"text": text}).json()["conversation_id"]
    detail = admin_console.get(f"/api/advisor/conversations/{conversation_id}").json()
    made = admin_console.post(
        f"/api/advisor/messages/{detail['messages'][0]['id']}/corrections",
        json={"kind": "intent", "intent": intent},
    )
    assert made.status_code == 201, made.text
    return conversation_id, made.json()["id"]


def approve(client: TestClient, correction_id: int, approved: bool = True) -> object:
    return client.put(
        f"/api/advisor/corrections/{correction_id}/approval", json={"approved": approved}
    )


def test_only_admins_approve_and_only_intent_corrections(
    admin_console: TestClient, console: TestClient
) -> None:
    _, correction_id = corrected(admin_console, "mag ik de buurvrouw betalen", "greet")
    refused = approve(console, correction_id)
    assert refused.status_code == 403  # type: ignore[attr-defined]
    approved = approve(admin_console, correction_id)
    assert approved.status_code == 200  # type: ignore[attr-defined]
    assert approved.json()["approved_by"] == "Bea Beheer"  # type: ignore[attr-defined]
    assert approve(admin_console, 999_999).status_code == 404  # type: ignore[attr-defined]
    withdrawn = approve(admin_console, correction_id, approved=False)
    assert withdrawn.json()["approved_at"] is None  # type: ignore[attr-defined]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    domain, nlu = tmp_path / "domain", tmp_path / "nlu"
    domain.mkdir()
    nlu.mkdir()
    (domain / "core.yml").write_text(
        'version: "3.1"\nintents:\n  - greet\n  - ask_pay_informal_carer\n  - thank\n'
    )
    (nlu / "core.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: thank\n    examples: |\n      - dank je wel\n'
    )
    return {"domain": domain, "nlu": nlu, "target": nlu / "corrections.yml"}


def test_approved_corrections_are_merged_with_reviewer_date_and_conversation(
    admin_console: TestClient, db: Session, files: dict[str, Path]
) -> None:
    intent = "ask_pay_informal_carer"
    first, approved_id = corrected(admin_console, "Mag ik de buurvrouw betalen?", intent)
    corrected(admin_console, "mag mijn zus helpen", intent)  # never approved: never merged
    _, unknown_id = corrected(admin_console, "hoi daar", "ask_weather")
    _, conflict_id = corrected(admin_console, "dank je wel", "greet")
    for correction_id in (approved_id, unknown_id, conflict_id):
        assert approve(admin_console, correction_id).status_code == 200  # type: ignore[attr-defined]
    intents = mc.known_intents(files["domain"])
    training = mc.training_examples(files["nlu"], files["target"])

    result, notes = mc.merge([], mc.approved(db), intents, training)

    assert [(e.intent, e.text) for e in result] == [
        ("ask_pay_informal_carer", "Mag ik de buurvrouw betalen")  # as the bot reads it
    ]
    assert "Bea Beheer" in result[0].meta and f"conversation {first}" in result[0].meta
    assert any("unknown intent ask_weather" in n for n in notes)
    assert any("under thank, not greet" in n for n in notes)
    files["target"].write_text(mc.HEADER + "".join(e.block() for e in result))
    loaded = yaml.safe_load(files["target"].read_text())
    assert loaded["nlu"] == [
        {"intent": "ask_pay_informal_carer", "examples": "- Mag ik de buurvrouw betalen\n"}
    ]
    assert "# reviewer: Bea Beheer, approved " in files["target"].read_text()

    # Merged again, and after the conversation was erased: nothing lost, nothing twice.
    assert admin_console.delete(f"/api/advisor/conversations/{first}").status_code == 204
    merged = mc.read_merged(files["target"])
    again, _ = mc.merge(merged, mc.approved(db), intents, training)
    assert again == merged
