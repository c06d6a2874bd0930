"""Which model is running (api/insight/model.py): asked of Rasa's private channel, shown with
the figures `make evaluate` recorded next to it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.stub_rasa import StubRasa


def shown(console: TestClient) -> dict[str, str]:
    response = console.get("/api/advisor/insight/model")
    assert response.status_code == 200, response.text
    return {fact["label"]: fact["value"] for fact in response.json()["facts"]}


def test_the_running_model_with_its_figures(console: TestClient, rasa: StubRasa) -> None:
    facts = shown(console)
    assert facts["Hash (vingerafdruk van config en data)"] == "0f1e2d3c"
    assert facts["Getraind op"] == "2026-12-01 09:30"
    assert facts["Geëvalueerd op"] == "2026-12-01 11:05"  # Amsterdam time
    assert facts["Intent macro-F1"] == "0.951"
    assert facts["Voorbeelden in de testset"] == "412"


def test_a_model_not_evaluated_yet(console: TestClient, rasa: StubRasa) -> None:
    rasa.model = {**rasa.model, "evaluation": None}
    facts = shown(console)
    assert facts["Evaluatie"] == "Nog niet geëvalueerd: draai make evaluate."
    assert "Intent macro-F1" not in facts


def test_no_answer_from_the_bot_is_a_dutch_503(console: TestClient, rasa: StubRasa) -> None:
    rasa.model = []  # type: ignore[assignment] - not a model: the api leaves it out
    response = console.get("/api/advisor/insight/model")
    assert response.status_code == 503
    assert "de bot antwoordt niet" in response.json()["detail"]


def test_only_for_advisors(client: TestClient) -> None:
    assert client.get("/api/advisor/insight/model").status_code == 401
