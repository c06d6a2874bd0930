"""Advisor login, logout and who am I. Accounts themselves: api/routes/accounts.py."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from api import audit
from api.auth import (
    COOKIE,
    AccountLocked,
    LoginFailed,
    authenticate,
    end_session,
    start_session,
)
from api.console_schemas import LoginRequest, Me
from api.deps import LoginDep, SessionDep, SettingsDep, same_origin
from api.models import Advisor
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


@router.post("/login", response_model=Me)
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> Me:
    if not same_origin(request):  # no logging people in from another site (login CSRF)
        raise HTTPException(403, error_text("csrf"))
    try:
        advisor = authenticate(session, settings, body.email, body.password)
    except LoginFailed:
        raise HTTPException(401, error_text("login_failed")) from None
    except AccountLocked:
        minutes = settings.login_lockout_minutes
        raise HTTPException(429, error_text("login_locked", minutes=minutes)) from None
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
def logout(request: Request, login: LoginDep, session: SessionDep) -> Response:
    end_session(session, request.cookies.get(COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me", response_model=Me)
def me(login: LoginDep) -> Me:
    return _me(login.advisor, login.csrf_token)
