"""GET /healthz: is the api, its database, Rasa and the action server ready?"""

from __future__ import annotations

import httpx2
from fastapi import APIRouter, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import RasaDep, SessionDep, SettingsDep
from api.schemas import Health

router = APIRouter()


def _action_server_ready(url: str) -> bool:
    try:
        return httpx2.get(f"{url}/health", timeout=3).status_code == 200
    except httpx2.HTTPError:
        return False


@router.get("/healthz", response_model=Health)
def healthz(
    response: Response, session: SessionDep, rasa: RasaDep, settings: SettingsDep
) -> Health:
    try:
        session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        database = "unavailable"
    health = Health(
        status="ok",
        api="ok",
        database=database,
        rasa="ok" if rasa.is_ready() else "unavailable",
        action_server="ok" if _action_server_ready(settings.action_server_url) else "unavailable",
    )
    if "unavailable" in (health.database, health.rasa, health.action_server):
        health.status = "degraded"
        response.status_code = 503
    return health
