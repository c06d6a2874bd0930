"""Security headers, and what no route should ever see: a body over the size limit or a NUL in
the address.

Console pages and advisor endpoints may not be framed, load nothing from elsewhere and run no
inline script; every response says nosniff and sends no referrer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.texts import error_text

log = logging.getLogger(__name__)

CONSOLE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CONSOLE_PREFIXES = ("/console", "/api/advisor")


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response. Plain ASGI rather than
    Starlette's BaseHTTPMiddleware, which runs every request in a task group of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        console = str(scope["path"]).startswith(CONSOLE_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if console:
                    headers["Content-Security-Policy"] = CONSOLE_CSP
                    headers["X-Frame-Options"] = "DENY"
                    headers["Cache-Control"] = "no-store"  # transcripts stay out of caches
                    headers["Cross-Origin-Opener-Policy"] = "same-origin"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CORS(CORSMiddleware):
    """Starlette's CORS middleware, but a refused preflight gets a Dutch answer too."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        headers = {
            k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")
        }
        detail = {"detail": error_text("request_refused")}
        return JSONResponse(detail, status_code=response.status_code, headers=headers)


class RequestGuard:
    """ASGI middleware: refuse a body over `max_bytes` and a NUL character in the address.

    The body is counted as it arrives, so a chunked request (no Content-Length) cannot pass the
    limit either; a Content-Length over the limit is refused before anything is read. Written
    by hand because Starlette has no body limit of its own and uvicorn's only applies to
    headers. A NUL (%00) in the path or query would reach the database, where PostgreSQL
    refuses it with an error; it is a Dutch 422 here instead.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            if scope["type"] == "http":
                await _refuse(422, "invalid_request", scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _refuse(413, "body_too_large", scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes an HTTPException raised while reading the body on to the
                    # exception handlers, so this becomes the Dutch 413.
                    raise HTTPException(413, error_text("body_too_large"))
            return message

        await self.app(scope, counting_receive, send)


async def _refuse(status: int, key: str, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"detail": error_text(key)}, status_code=status)
    await response(scope, receive, send)


def protect_sqlite_files(*database_urls: str) -> None:
    """SQLite files (and their -wal, -shm and -journal files) readable by this service only:
    they hold health and financial data. SQLite creates its -wal and -shm files with the mode
    of the database file, so setting that file's mode covers them too; its folder gets 0700.
    PostgreSQL keeps its own files. A file owned by someone else keeps its mode, with a warning.
    """
    for url in database_urls:
        if not url.startswith("sqlite:///"):
            continue
        database = Path(url.removeprefix("sqlite:///"))
        paths = [database.parent, database] + [
            database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")
        ]
        for path in paths:
            try:
                if path.exists():
                    path.chmod(0o700 if path.is_dir() else 0o600)
            except OSError as error:
                log.warning("cannot restrict %s: %s", path.name, type(error).__name__)
