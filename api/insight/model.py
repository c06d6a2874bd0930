"""Which model is running, and the figures `make evaluate` recorded for it, as facts for the
console: the team sees whether last week's corrections moved the numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from api.core.texts import texts
from api.errors import Unavailable

FIGURES = ("intent_macro_f1", "intent_accuracy", "entity_f1", "examples")


class Fact(BaseModel):
    label: str
    value: str


class ModelOut(BaseModel):
    facts: list[Fact]
    models: list[dict[str, Any]]  # what each replica answered, for the curious


def _moment(raw: object, zone: ZoneInfo) -> str:
    try:
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        return str(raw)
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M")


def _figure(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def facts(models: list[dict[str, Any]], zone_name: str) -> ModelOut:
    """Facts of the first replica's model; a warning when replicas run different models."""
    if not models:
        raise Unavailable("model_unavailable")
    labels = texts()["insight"]["model"]
    zone = ZoneInfo(zone_name)
    model = models[0]
    shown = [
        Fact(label=labels["file"], value=str(model.get("file") or "–")),
        Fact(label=labels["hash"], value=str(model.get("hash") or "–")),
    ]
    if model.get("trained_at"):
        shown.append(Fact(label=labels["trained_at"], value=_moment(model["trained_at"], zone)))
    evaluation = model.get("evaluation")
    if isinstance(evaluation, dict):
        if evaluation.get("evaluated_at"):
            moment = _moment(evaluation["evaluated_at"], zone)
            shown.append(Fact(label=labels["evaluated_at"], value=moment))
        shown += [
            Fact(label=labels[key], value=_figure(evaluation[key]))
            for key in FIGURES
            if key in evaluation
        ]
    else:
        shown.append(Fact(label=labels["evaluation"], value=labels["not_evaluated"]))
    if len({m.get("file") for m in models}) > 1:
        shown.append(Fact(label=labels["file"], value=labels["replicas_differ"]))
    return ModelOut(facts=shown, models=models)
