"""Shared dependencies for the routes, as typed aliases.

A route that works on one conversation takes it as a dependency (`PersonConversationDep` for
the person, `ConversationDep` for an advisor): it is loaded once, or the request ends with the
same Dutch 404 whether the conversation does not exist or is not the caller's to see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Header, Path, Request
from sqlalchemy.orm import Session
from starlette.requests import HTTPConnection

from api.advisors.access import may_see
from api.advisors.auth import COOKIE, CSRF_HEADER, csrf_ok, find_session
from api.conversation import token as conversation_token
from api.conversation.locks import TurnLocks
from api.conversation.rasa import RasaClient
from api.core.db import session_scope
from api.core.metrics import Metrics
from api.core.schemas import CONVERSATION_ID, MAX_ID
from api.core.settings import Settings
from api.errors import Forbidden, NotFound, Unauthorized
from api.handoff.office_hours import OfficeHours
from api.live.hub import Hub
from api.models import Advisor, AdvisorSession, Conversation

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


# The dependencies that only read the app's state are `async def`. FastAPI runs a plain `def`
# dependency in its thread pool: a hand-over to a thread and back per dependency and request.
# A chat turn made eleven (yappi, 2026-12-07). What stays in the pool does blocking work: the
# database session, the rate limit (Redis in production) and the route itself.
async def get_rasa(request: Request) -> RasaClient:
    client: RasaClient = request.app.state.rasa
    return client


async def get_locks(request: Request) -> TurnLocks:
    locks: TurnLocks = request.app.state.locks
    return locks


async def get_hub(request: HTTPConnection) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def metrics_of(connection: HTTPConnection) -> Metrics:
    metrics: Metrics = connection.app.state.metrics
    return metrics


async def get_metrics(request: HTTPConnection) -> Metrics:
    return metrics_of(request)


async def app_settings(connection: HTTPConnection) -> Settings:
    """The settings the app was made with (api/main.py create_app)."""
    settings: Settings = connection.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    yield from session_scope(settings.database_url)


SessionDep = Annotated[Session, Depends(get_session)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
LocksDep = Annotated[TurnLocks, Depends(get_locks)]
HubDep = Annotated[Hub, Depends(get_hub)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]


async def get_office(settings: SettingsDep) -> OfficeHours:
    return OfficeHours(
        settings.office_hours, settings.office_timezone, settings.office_closed_on_holidays
    )


OfficeDep = Annotated[OfficeHours, Depends(get_office)]


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
        raise Unauthorized("not_logged_in")
    if request.method not in SAFE_METHODS and (
        not csrf_ok(login, request.headers.get(CSRF_HEADER)) or not same_origin(request)
    ):
        raise Forbidden("csrf")
    return login


LoginDep = Annotated[AdvisorSession, Depends(get_login)]


def get_advisor(login: LoginDep) -> Advisor:
    return login.advisor


def get_admin(advisor: Annotated[Advisor, Depends(get_advisor)]) -> Advisor:
    if advisor.role != "admin":
        raise Forbidden("admin_only")
    return advisor


AdvisorDep = Annotated[Advisor, Depends(get_advisor)]
AdminDep = Annotated[Advisor, Depends(get_admin)]

# A row id in a path: the database's integer range, so an absurd number is a Dutch 422, not an
# overflow in the database driver.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]


def get_conversation(
    conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep
) -> Conversation:
    """The conversation in the path, if `advisor` may read it (api/advisors/access.py)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not may_see(advisor, conversation):
        raise NotFound("conversation_not_found")
    return conversation


ConversationDep = Annotated[Conversation, Depends(get_conversation)]


def get_person_conversation(
    session: SessionDep,
    conversation_id: Annotated[str | None, Header(alias=conversation_token.ID_HEADER)] = None,
    token: Annotated[str | None, Header(alias=conversation_token.TOKEN_HEADER)] = None,
) -> Conversation:
    """The conversation named by the request's headers, for the person who holds its token."""
    conversation = conversation_token.find(session, conversation_id, token)
    if conversation is None:
        raise conversation_token.UnknownConversation
    return conversation


PersonConversationDep = Annotated[Conversation, Depends(get_person_conversation)]
