"""What anyone may fetch: the chat widget's static files, its demo page at `/`, and health:

- GET /livez: the process answers (an orchestrator restarts it when not);
- GET /readyz: it can serve: its database answers and, with Redis, its live-event relay is
  subscribed (an orchestrator sends it no traffic when not). Rasa is not part of it: without
  Rasa a person still gets the Dutch fallback and the offer of a person;
- GET /healthz: everything, for people and monitoring: the api, its database, its live
  events, every Rasa replica and the action server (503 when any is down);
- GET /metrics: Prometheus metrics of this worker (api/core/metrics.py), for the cluster's
  Prometheus only: the proxy answers 404 and the Ingress does not route it. Off (404) with
  PGB_METRICS_ENABLED=false.

The widget files are not fingerprinted, so browsers may keep them only briefly and must then
revalidate (cheap: an ETag and 304). The demo page gets a Content-Security-Policy that allows
only its own origin, which also proves the widget needs no inline code or third-party hosts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

import httpx2
from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.core.deps import HubDep, MetricsDep, RasaDep, SessionDep, SettingsDep
from api.core.metrics import CONTENT_TYPE
from api.models import Conversation, State

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"

# name -> (media type, Cache-Control)
FILES: dict[str, tuple[str, str]] = {
    "pgb-chat.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    # The ES modules pgb-chat.js imports (texts, rendering, live connection, feedback, storage,
    # the app).
    "pgb-chat-app.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-texts.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-render.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-live.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-feedback.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-store.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat-send.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "pgb-chat.css": ("text/css; charset=utf-8", "public, max-age=300"),
    "pgb-chat-callback.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
    "demo.css": ("text/css; charset=utf-8", "public, max-age=300"),
}
DEMO_PAGE = "demo.html"

DEMO_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

router = APIRouter()


def _file_response(request: Request, name: str, media_type: str, cache: str) -> Response:
    # Read per request: the files are a few kB, and edits show up without a restart.
    body = (WIDGET_DIR / name).read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {
        "Cache-Control": cache,
        "ETag": etag,
        "X-Content-Type-Options": "nosniff",
        # Any site may embed the widget, also sites that set Cross-Origin-Embedder-Policy.
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get("/", include_in_schema=False)
def demo_page(request: Request) -> Response:
    response = _file_response(request, DEMO_PAGE, "text/html; charset=utf-8", "no-cache")
    response.headers["Content-Security-Policy"] = DEMO_CSP
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@router.get("/widget/{name}", include_in_schema=False)
def widget_file(request: Request, name: str) -> Response:
    if name not in FILES:
        raise HTTPException(404)
    media_type, cache = FILES[name]
    return _file_response(request, name, media_type, cache)


def _action_server_ready(url: str) -> bool:
    try:
        return httpx2.get(f"{url}/health", timeout=3).status_code == 200
    except httpx2.HTTPError:
        return False


def _database_ok(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False


def _word(ok: bool) -> str:
    return "ok" if ok else "unavailable"


class Liveness(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ok", "unavailable"]
    database: str
    live_events: str


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    api: str
    database: str
    live_events: str
    # "ok" when every replica is; "degraded" when some are; "unavailable" when none is.
    rasa: str
    rasa_replicas: dict[str, str]
    action_server: str


@router.get("/livez", response_model=Liveness)
def livez() -> Liveness:
    return Liveness(status="ok")


@router.get("/readyz", response_model=Readiness)
def readyz(response: Response, session: SessionDep, hub: HubDep) -> Readiness:
    ready = Readiness(
        status="ok", database=_word(_database_ok(session)), live_events=_word(hub.ready)
    )
    if "unavailable" in (ready.database, ready.live_events):
        ready.status = "unavailable"
        response.status_code = 503
    return ready


@router.get("/healthz", response_model=Health)
def healthz(
    response: Response, session: SessionDep, rasa: RasaDep, hub: HubDep, settings: SettingsDep
) -> Health:
    replicas = rasa.readiness()
    up = sum(replicas.values())
    health = Health(
        status="ok",
        api="ok",
        database=_word(_database_ok(session)),
        live_events=_word(hub.ready),
        rasa="ok" if up == len(replicas) else "degraded" if up else "unavailable",
        rasa_replicas={url: _word(ok) for url, ok in replicas.items()},
        action_server=_word(_action_server_ready(settings.action_server_url)),
    )
    parts = (health.database, health.live_events, health.rasa, health.action_server)
    if any(part != "ok" for part in parts):
        health.status = "degraded"
        response.status_code = 503
    return health


@router.get("/metrics", include_in_schema=False)
def metrics(session: SessionDep, settings: SettingsDep, metrics: MetricsDep) -> Response:
    if not settings.metrics_enabled:
        raise HTTPException(404)
    # The queue at scrape time, in one query (the same number on every worker).
    waiting = session.scalar(
        select(func.count()).select_from(Conversation).where(Conversation.state == State.REQUESTED)
    )
    metrics.queue.set(waiting or 0)
    return Response(metrics.render(), media_type=CONTENT_TYPE)
