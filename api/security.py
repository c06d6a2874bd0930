"""Security headers. Console pages and advisor endpoints may not be framed, load nothing from
elsewhere and run no inline script; every response says nosniff and sends no referrer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

CONSOLE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CONSOLE_PREFIXES = ("/console", "/api/advisor")


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.url.path.startswith(CONSOLE_PREFIXES):
        response.headers["Content-Security-Policy"] = CONSOLE_CSP
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"  # transcripts stay out of caches
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response
