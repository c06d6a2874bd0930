"""Advisors: logging in and out, their own password, the accounts admins manage, and the audit
log. Every change to an account is in the audit log (api/advisors/accounts.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.advisors import accounts, audit
from api.advisors.auth import COOKIE, authenticate, end_session, is_locked, start_session
from api.advisors.schemas import (
    AccountOut,
    AuditEntryOut,
    AuditPage,
    LoginRequest,
    Me,
    NewAdvisor,
    PasswordChange,
)
from api.core.deps import (
    AdminDep,
    HubDep,
    LoginDep,
    RowId,
    SessionDep,
    SettingsDep,
    same_origin,
)
from api.core.ratelimit import limit_login, limit_login_account
from api.errors import Forbidden, NotFound
from api.handoff import service as handoff
from api.live import events
from api.models import Advisor

router = APIRouter(prefix="/api/advisor")


def _me(advisor: Advisor, csrf_token: str) -> Me:
    return Me(
        id=advisor.id,
        email=advisor.email,
        name=advisor.name,
        role=advisor.role,
        csrf_token=csrf_token,
    )


def account_out(advisor: Advisor) -> AccountOut:
    locked = is_locked(advisor)
    return AccountOut(
        id=advisor.id,
        email=advisor.email,
        name=advisor.name,
        role=advisor.role,
        active=advisor.active,
        locked=locked,
        locked_until=advisor.locked_until if locked else None,
    )


def get_account(session: SessionDep, advisor_id: RowId) -> Advisor:
    advisor = session.get(Advisor, advisor_id)
    if advisor is None:
        raise NotFound("advisor_not_found")
    return advisor


AccountDep = Annotated[Advisor, Depends(get_account)]


# Logging in and out.


@router.post("/login", response_model=Me, dependencies=[Depends(limit_login)])
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> Me:
    """One answer for every refusal: wrong password, unknown, switched off or locked account
    (api/advisors/auth.py, authenticate). Limited per client address and per account."""
    if not same_origin(request):  # no logging people in from another site (login CSRF)
        raise Forbidden("csrf")
    limit_login_account(request, body.email)
    advisor = authenticate(session, settings, body.email, body.password)
    new = start_session(session, settings, advisor)
    audit.record(session, advisor, "login")
    session.commit()
    response.set_cookie(
        COOKIE,
        new.token,
        max_age=settings.session_hours * 3600,
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )
    return _me(advisor, new.csrf_token)


@router.post("/logout", status_code=204)
def logout(request: Request, login: LoginDep, session: SessionDep, hub: HubDep) -> Response:
    """End this login, and with it the console's open sockets."""
    end_session(session, request.cookies.get(COOKIE))
    events.logins_ended(hub, [login.token_hash])
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me", response_model=Me)
def me(login: LoginDep) -> Me:
    return _me(login.advisor, login.csrf_token)


@router.post("/me/password", status_code=204)
def change_password(
    body: PasswordChange, login: LoginDep, session: SessionDep, settings: SettingsDep, hub: HubDep
) -> Response:
    """The logged-in advisor's new password; their logins elsewhere end (with their open
    sockets), this one stays."""
    ended = accounts.change_password(
        session, settings, login, body.current_password, body.new_password
    )
    session.commit()
    events.logins_ended(hub, ended)
    return Response(status_code=204)


# Accounts, for admins.


@router.get("/advisors", response_model=list[AccountOut])
def advisors(admin: AdminDep, session: SessionDep) -> list[AccountOut]:
    return [account_out(a) for a in accounts.all_advisors(session)]


@router.post("/advisors", response_model=AccountOut, status_code=201)
def add_advisor(body: NewAdvisor, admin: AdminDep, session: SessionDep) -> AccountOut:
    advisor = accounts.create(session, admin, body.email, body.name, body.password, body.role)
    session.commit()
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/unlock", response_model=AccountOut)
def unlock(admin: AdminDep, advisor: AccountDep, session: SessionDep) -> AccountOut:
    accounts.unlock(session, admin, advisor)
    session.commit()
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/deactivate", response_model=AccountOut)
def deactivate(
    admin: AdminDep, advisor: AccountDep, session: SessionDep, hub: HubDep
) -> AccountOut:
    """Switch an account off; the conversations it held go back to the queue."""
    ended = accounts.deactivate(session, admin, advisor)
    released = handoff.release(session, advisor)
    session.commit()
    events.logins_ended(hub, ended)
    for conversation, message in released:
        events.handoff_moved(hub, conversation, [message])
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/reactivate", response_model=AccountOut)
def reactivate(admin: AdminDep, advisor: AccountDep, session: SessionDep) -> AccountOut:
    accounts.reactivate(session, admin, advisor)
    session.commit()
    return account_out(advisor)


# The audit log, for admins.


@router.get("/audit", response_model=AuditPage)
def audit_log(
    admin: AdminDep,
    session: SessionDep,
    action: Annotated[str | None, Query(max_length=20)] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
    conversation_id: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> AuditPage:
    """`email` matches both who did it and whose account it was done to."""
    filters = audit.AuditFilters(
        action or None, (email or "").strip() or None, (conversation_id or "").strip() or None
    )
    total, entries = audit.search(session, filters, limit, offset)
    return AuditPage(
        total=total,
        items=[
            AuditEntryOut(
                id=e.id,
                created_at=e.created_at,
                advisor_email=e.advisor_email,
                action=e.action,
                account_email=e.account_email,
                conversation_id=e.conversation_id,
            )
            for e in entries
        ],
    )
