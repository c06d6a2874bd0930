"""The advisor console's pages: static HTML, CSS and JS from this folder (no build step).

The pages hold no data: they fetch it from /api/advisor/... with the login cookie. Every page
but the login page still needs a login, so nothing of the console shows anonymously. Those pages
share one header (navigation, who is logged in, log out): header.html, put in place of the line
`<!-- include: header.html -->`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from api.advisors.auth import COOKIE, find_session
from api.core.deps import SessionDep, SettingsDep

CONSOLE_DIR = Path(__file__).resolve().parent
PAGES = {
    "": "queue.html",
    "login": "login.html",
    "transcripts": "transcripts.html",
    "conversation": "conversation.html",
    "corrections": "corrections.html",
    "insight": "insight.html",
    "account": "account.html",
    "admin": "admin.html",
}
INCLUDE_HEADER = "<!-- include: header.html -->\n"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

router = APIRouter(include_in_schema=False)


@router.get("/console")
def console_root() -> Response:
    return RedirectResponse("/console/", status_code=307)


@router.get("/console/static/{name}")
def static_file(name: str) -> Response:
    path = CONSOLE_DIR / "static" / name
    if "/" in name or path.suffix not in STATIC_TYPES or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type=STATIC_TYPES[path.suffix])


@router.get("/console/")
def queue_page(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    return page("", request, session, settings)


@router.get("/console/{page}")
def page(page: str, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    if page not in PAGES:
        raise HTTPException(404)
    logged_in = find_session(session, settings, request.cookies.get(COOKIE)) is not None
    if page != "login" and not logged_in:
        return RedirectResponse("/console/login", status_code=303)
    return HTMLResponse(render(PAGES[page]))


def render(name: str) -> str:
    """A page with the shared header in place (read per request: the files are small)."""
    header = (CONSOLE_DIR / "header.html").read_text()
    return (CONSOLE_DIR / name).read_text().replace(INCLUDE_HEADER, header)
