"""Shared dependencies for the routes, as typed aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Path, Request
from sqlalchemy.orm import Session
from starlette.requests import HTTPConnection

from api.auth import COOKIE, CSRF_HEADER, csrf_ok, find_session
from api.conversation_locks import ConversationLocks
from api.db import session_scope
from api.models import Advisor, AdvisorSession
from api.office_hours import OfficeHours
from api.rasa_client import RasaClient
from api.realtime import Hub
from api.schemas import MAX_ID
from api.settings import Settings, get_settings
from api.texts import error_text


def get_session(settings: Annotated[Settings, Depends(get_settings)]) -> Iterator[Session]:
    yield from session_scope(settings.database_url)


def get_rasa(request: Request) -> RasaClient:
    client: RasaClient = request.app.state.rasa
    return client


def get_locks(request: Request) -> ConversationLocks:
    locks: ConversationLocks = request.app.state.locks
    return locks


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
LocksDep = Annotated[ConversationLocks, Depends(get_locks)]


def get_hub(request: HTTPConnection) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def get_office(settings: SettingsDep) -> OfficeHours:
    return OfficeHours(
        settings.office_hours, settings.office_timezone, settings.office_closed_on_holidays
    )


HubDep = Annotated[Hub, Depends(get_hub)]
OfficeDep = Annotated[OfficeHours, Depends(get_office)]
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def same_origin(request: HTTPConnection) -> bool:
    """A browser's Origin header (if any) must be this server: console calls are same-origin."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def get_login(request: Request, session: SessionDep, settings: SettingsDep) -> AdvisorSession:
    """The logged-in advisor's session; for changes also a valid CSRF token and same origin."""
    login = find_session(session, settings, request.cookies.get(COOKIE))
    if login is None:
        raise HTTPException(401, error_text("not_logged_in"))
    if request.method not in SAFE_METHODS and (
        not csrf_ok(login, request.headers.get(CSRF_HEADER)) or not same_origin(request)
    ):
        raise HTTPException(403, error_text("csrf"))
    return login


LoginDep = Annotated[AdvisorSession, Depends(get_login)]


def get_advisor(login: LoginDep) -> Advisor:
    return login.advisor


def get_admin(advisor: Annotated[Advisor, Depends(get_advisor)]) -> Advisor:
    if advisor.role != "admin":
        raise HTTPException(403, error_text("admin_only"))
    return advisor


AdvisorDep = Annotated[Advisor, Depends(get_advisor)]
AdminDep = Annotated[Advisor, Depends(get_admin)]

# A row id in a path: the database's integer range, so an absurd number is a Dutch 422, not an
# overflow in the database driver.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
