"""The chat widget's static files and its demo page at `/`.

The widget files are not fingerprinted, so browsers may keep them only briefly and must then
revalidate (cheap: an ETag and 304). The demo page gets a Content-Security-Policy that allows
only its own origin, which also proves the widget needs no inline code or third-party hosts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"

# name -> (media type, Cache-Control)
FILES: dict[str, tuple[str, str]] = {
    "pgb-chat.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
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

router = APIRouter(include_in_schema=False)


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


@router.get("/")
def demo_page(request: Request) -> Response:
    response = _file_response(request, DEMO_PAGE, "text/html; charset=utf-8", "no-cache")
    response.headers["Content-Security-Policy"] = DEMO_CSP
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@router.get("/widget/{name}")
def widget_file(request: Request, name: str) -> Response:
    if name not in FILES:
        raise HTTPException(404)
    media_type, cache = FILES[name]
    return _file_response(request, name, media_type, cache)
