"""Inzicht for logged-in advisors: every overview of a period as JSON, one as CSV, and the
running model with its recorded evaluation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.core.deps import AdvisorDep, RasaDep, SessionDep, SettingsDep
from api.errors import NotFound
from api.insight.export import as_csv
from api.insight.model import ModelOut, facts
from api.insight.period import Period, parse_period
from api.insight.queries import SECTIONS
from api.insight.schemas import Insight, PeriodOut

router = APIRouter(prefix="/api/advisor/insight")

DateText = Annotated[str | None, Query(max_length=20)]
StepText = Annotated[str | None, Query(max_length=10)]


def _period(
    settings: SettingsDep, date_from: str | None, date_to: str | None, step: str | None
) -> Period:
    return parse_period(date_from, date_to, step, settings.office_timezone)


@router.get("", response_model=Insight)
def insight(
    advisor: AdvisorDep,
    session: SessionDep,
    settings: SettingsDep,
    date_from: DateText = None,
    date_to: DateText = None,
    step: StepText = None,
) -> Insight:
    """The last 4 weeks by day unless asked otherwise (local days, Europe/Amsterdam)."""
    period = _period(settings, date_from, date_to, step)
    return Insight(
        period=PeriodOut(
            date_from=period.first.isoformat(),
            date_to=period.last.isoformat(),
            step=period.step,
            timezone=settings.office_timezone,
        ),
        sections=[make(session, period, settings.low_confidence) for make in SECTIONS.values()],
    )


@router.get("/model", response_model=ModelOut)
def running_model(advisor: AdvisorDep, rasa: RasaDep, settings: SettingsDep) -> ModelOut:
    """The model the bot runs now, with the figures recorded for it."""
    return facts(rasa.models(), settings.office_timezone)


@router.get("/{section}.csv")
def insight_csv(  # noqa: PLR0913 - the section and the period's three parts
    section: str,
    advisor: AdvisorDep,
    session: SessionDep,
    settings: SettingsDep,
    date_from: DateText = None,
    date_to: DateText = None,
    step: StepText = None,
) -> Response:
    make = SECTIONS.get(section)
    if make is None:
        raise NotFound("insight_unknown_section")
    period = _period(settings, date_from, date_to, step)
    shown = make(session, period, settings.low_confidence)
    filename = f"inzicht-{section}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return Response(
        as_csv(shown),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
