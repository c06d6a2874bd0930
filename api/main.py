"""Wire the api together. Run with `uvicorn api.main:create_app --factory`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.conversation.locks import turn_locks
from api.conversation.rasa import RasaClient
from api.core.handlers import CatchAll, add_handlers
from api.core.metrics import Metrics
from api.core.ratelimit import RateLimiter
from api.core.security import CORS, RequestGuard, SecurityHeaders, protect_sqlite_files
from api.core.settings import Settings, get_settings
from api.live.broker import make_hub
from api.review.housekeeping import purge_periodically
from api.router import router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    settings.check_secrets()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        protect_sqlite_files(settings.database_url, settings.tracker_store_url)
        app.state.rasa = RasaClient(
            settings.rasa_replicas, settings.rasa_token, settings.rasa_timeout_s
        )
        app.state.locks = turn_locks(
            settings.database_url, settings.turn_lock_timeout_s, settings.turn_lock_connections
        )
        app.state.hub = make_hub(settings)
        await app.state.hub.start()
        purging = asyncio.create_task(purge_periodically(settings))
        yield
        # uvicorn has closed the sockets (1012) and finished the requests by now (it waits up
        # to --timeout-graceful-shutdown); what is left is ours to close.
        purging.cancel()
        app.state.hub.close_all()
        await app.state.hub.stop()
        app.state.locks.close()
        app.state.rasa.close()

    # The docs list every path and field, advisors' too: only in development.
    docs = settings.development
    app = FastAPI(
        title="pgb-assistent api",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    # Routes read these settings (api/core/deps.py). Not through dependency_overrides: with
    # any override set, FastAPI rebuilds every dependency's signature on every request.
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(settings)
    app.state.metrics = Metrics()  # this app's own registry (api/core/metrics.py)
    # Middleware added first runs innermost: CatchAll sits closest to the routes, so even its
    # 500 gets the security and CORS headers.
    app.add_middleware(CatchAll)
    app.add_middleware(RequestGuard, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        CORS,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        # The person's conversation id and secret (api/conversation/token.py).
        allow_headers=["Content-Type", "X-Conversation-Id", "X-Conversation-Token"],
    )

    add_handlers(app)

    app.include_router(router)
    return app
