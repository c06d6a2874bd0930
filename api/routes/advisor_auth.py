"""Advisor login, logout and who am I. Accounts themselves: api/routes/accounts.py."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from api import audit
from api.auth import COOKIE, LoginFailed, authenticate, end_session, start_session
from api.console_schemas import LoginRequest, Me
from api.deps import HubDep, LoginDep, SessionDep, SettingsDep, same_origin
from api.models import Advisor
from api.ratelimit import limit_login, limit_login_account
from api.texts import error_text

router = APIRouter(prefix="/api/advisor")


def _me(advisor: Advisor, csrf_token: str) -> Me:
    return Me(
        id=advisor.id,
        email=advisor.email,
        name=advisor.name,
        role=advisor.role,
        csrf_token=csrf_token,
    )


@router.post("/login", response_model=Me, dependencies=[Depends(limit_login)])
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> Me:
    """One answer for every refusal: wrong password, unknown, switched off or locked account
    (api/auth.py, authenticate). Limited per client address and per account."""
    if not same_origin(request):  # no logging people in from another site (login CSRF)
        raise HTTPException(403, error_text("csrf"))
    limit_login_account(request, body.email)
    try:
        advisor = authenticate(session, settings, body.email, body.password)
    except LoginFailed:
        minutes = settings.login_lockout_minutes
        raise HTTPException(401, error_text("login_failed", minutes=minutes)) from None
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
    hub.end_logins([login.token_hash])
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me", response_model=Me)
def me(login: LoginDep) -> Me:
    return _me(login.advisor, login.csrf_token)
