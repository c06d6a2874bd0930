"""Every error answer in Dutch: `{"detail": "<Dutch text>"}`, whoever raised it.

The rooms' services raise `DomainError`s (api/errors.py, free of FastAPI): each names its
status and the key of its Dutch text in api/texts.yml, answered here, so no route needs a
try/except to translate one.

FastAPI and Starlette answer some errors themselves, in English: 404 for an unknown path, 405
for a wrong method, 400 "There was an error parsing the body", and their 422 lists pydantic's
messages. Those are replaced here by status. Errors the api raises itself already carry a Dutch
text (api/texts.yml) and pass unchanged.

Nothing unexpected reaches the server's own error handling either: it would log the exception
with its message (which may quote what a person typed) and the raw path (which may hold a
conversation id). `CatchAll` answers a Dutch 500 and logs the exception type, the route's
template and the stack frames, not the message.
"""

from __future__ import annotations

import logging
import traceback
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.texts import error_text
from api.errors import DomainError

log = logging.getLogger(__name__)

# What FastAPI and Starlette put in `detail` themselves (besides the bare status phrases).
_ENGLISH_DETAILS = {
    "There was an error parsing the body",
    "Not authenticated",
    "Invalid authentication credentials",
}
# The Dutch text for each status whose English default is replaced.
_BY_STATUS = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal",
}


def _english_default(exc: HTTPException) -> bool:
    if not isinstance(exc.detail, str):
        return True
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = ""
    return exc.detail == phrase or exc.detail in _ENGLISH_DETAILS


def dutch_detail(status: int) -> str:
    if status >= 500:
        return error_text("internal")
    return error_text(_BY_STATUS.get(status, "request_refused"))


def route_template(scope: Scope) -> str:
    """The matched route's path with its placeholders ("/api/advisor/conversations/{id}"), so no
    conversation id lands in a log; "(no route)" before routing."""
    route = scope.get("route")
    return str(getattr(route, "path", "(no route)"))


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    detail = dutch_detail(exc.status_code) if _english_default(exc) else exc.detail
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Say which fields were wrong, without echoing the input back.
    fields = [".".join(str(part) for part in error["loc"]) for error in exc.errors()]
    return JSONResponse({"detail": error_text("invalid_request"), "fields": fields}, 422)


async def database_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
    log.error("database error on %s: %s", route_template(request.scope), type(exc).__name__)
    return JSONResponse({"detail": error_text("database_unavailable")}, status_code=503)


async def data_error(request: Request, exc: Exception) -> JSONResponse:
    """A value the database cannot take (a number out of range on PostgreSQL, too big for
    SQLite). Routes bound their input, so this is a safety net for one that forgot."""
    log.warning("value refused by the database on %s: %s", route_template(request.scope),
                type(exc).__name__)  # fmt: skip
    return JSONResponse({"detail": error_text("invalid_request")}, status_code=422)


async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
    return JSONResponse(
        {"detail": error_text(exc.key, **exc.values)}, status_code=exc.status, headers=headers
    )


def add_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(DataError, data_error)
    app.add_exception_handler(OverflowError, data_error)
    app.add_exception_handler(SQLAlchemyError, database_error)  # type: ignore[arg-type]


class CatchAll:
    """ASGI middleware: an unexpected exception becomes a Dutch 500, logged without its message.

    Written by hand because Starlette's own 500 handler re-raises the exception after
    answering, so the server logs it in full anyway.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # the last line of defence, logged below
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error(
                "unexpected %s on %s %s\n%s",
                type(exc).__name__,
                scope.get("method"),
                route_template(scope),
                frames,
            )
            if not started:
                response = JSONResponse({"detail": error_text("internal")}, status_code=500)
                await response(scope, receive, send)
