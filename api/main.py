"""Wire the api together. Run with `uvicorn api.main:create_app --factory`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from api.conversation_locks import ConversationLocks
from api.housekeeping import purge_periodically
from api.rasa_client import RasaClient
from api.realtime import Hub
from api.routes import (
    accounts,
    advisor_auth,
    audit,
    chat,
    console,
    conversations,
    health,
    queue,
    review,
    transcripts,
    widget,
)
from api.security import security_headers
from api.settings import Settings, get_settings
from api.texts import error_text

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.rasa = RasaClient(settings.rasa_url, settings.rasa_token, settings.rasa_timeout_s)
        app.state.locks = ConversationLocks()
        app.state.hub = Hub()
        purging = asyncio.create_task(purge_periodically(settings))
        yield
        purging.cancel()
        app.state.rasa.close()

    app = FastAPI(title="pgb-assistent api", lifespan=lifespan)
    app.dependency_overrides[get_settings] = lambda: settings
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )

    app.middleware("http")(security_headers)

    @app.middleware("http")
    async def limit_body_size(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > settings.max_body_bytes):
            return JSONResponse({"detail": error_text("body_too_large")}, status_code=413)
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Say what was wrong without echoing the input back.
        fields = [".".join(str(part) for part in error["loc"]) for error in exc.errors()]
        return JSONResponse(
            {"detail": error_text("invalid_request"), "fields": fields}, status_code=422
        )

    @app.exception_handler(SQLAlchemyError)
    async def database_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database error on %s: %s", request.url.path, type(exc).__name__)
        return JSONResponse({"detail": error_text("database_unavailable")}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"detail": error_text("internal")}, status_code=500)

    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(conversations.router)
    app.include_router(advisor_auth.router)
    app.include_router(accounts.router)
    app.include_router(audit.router)
    app.include_router(queue.router)
    app.include_router(transcripts.router)
    app.include_router(review.router)
    app.include_router(console.router)
    app.include_router(widget.router)
    return app
