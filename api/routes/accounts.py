"""Advisor accounts: an advisor's own password; admins list, create, unlock, deactivate and
reactivate accounts. Every change is in the audit log."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from sqlalchemy.exc import IntegrityError

from api import accounts, audit, handoff
from api.auth import AccountLocked, WeakPassword, create_advisor, is_locked
from api.console_schemas import AccountOut, NewAdvisor, PasswordChange
from api.deps import AdminDep, HubDep, LoginDep, RowId, SessionDep, SettingsDep
from api.models import Advisor, as_utc
from api.texts import error_text

router = APIRouter(prefix="/api/advisor")


def account_out(advisor: Advisor) -> AccountOut:
    locked = is_locked(advisor)
    return AccountOut(
        id=advisor.id,
        email=advisor.email,
        name=advisor.name,
        role=advisor.role,
        active=advisor.active,
        locked=locked,
        locked_until=as_utc(advisor.locked_until) if locked and advisor.locked_until else None,
    )


def get_account(session: SessionDep, advisor_id: RowId) -> Advisor:
    advisor = session.get(Advisor, advisor_id)
    if advisor is None:
        raise HTTPException(404, error_text("advisor_not_found"))
    return advisor


@router.post("/me/password", status_code=204)
def change_password(
    body: PasswordChange, login: LoginDep, session: SessionDep, settings: SettingsDep, hub: HubDep
) -> Response:
    """The logged-in advisor's new password; their logins elsewhere end (with their open
    sockets), this one stays."""
    try:
        ended = accounts.change_password(
            session, settings, login, body.current_password, body.new_password
        )
    except accounts.WrongPassword:
        raise HTTPException(403, error_text("wrong_password")) from None
    except AccountLocked:
        minutes = settings.login_lockout_minutes
        raise HTTPException(429, error_text("login_locked", minutes=minutes)) from None
    except WeakPassword:
        raise HTTPException(422, error_text("weak_password")) from None
    except accounts.SamePassword:
        raise HTTPException(422, error_text("same_password")) from None
    session.commit()
    hub.end_logins(ended)
    return Response(status_code=204)


@router.get("/advisors", response_model=list[AccountOut])
def advisors(admin: AdminDep, session: SessionDep) -> list[AccountOut]:
    return [account_out(a) for a in accounts.all_advisors(session)]


@router.post("/advisors", response_model=AccountOut, status_code=201)
def add_advisor(body: NewAdvisor, admin: AdminDep, session: SessionDep) -> AccountOut:
    try:
        advisor = create_advisor(
            session, email=body.email, name=body.name, password=body.password, role=body.role
        )
    except WeakPassword:
        raise HTTPException(422, error_text("weak_password")) from None
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, error_text("email_taken")) from None
    audit.record(session, admin, "create_account", account=advisor)
    session.commit()
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/unlock", response_model=AccountOut)
def unlock(advisor_id: RowId, admin: AdminDep, session: SessionDep) -> AccountOut:
    advisor = get_account(session, advisor_id)
    accounts.unlock(session, admin, advisor)
    session.commit()
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/deactivate", response_model=AccountOut)
def deactivate(advisor_id: RowId, admin: AdminDep, session: SessionDep, hub: HubDep) -> AccountOut:
    """Switch an account off; the conversations it held go back to the queue."""
    advisor = get_account(session, advisor_id)
    try:
        ended = accounts.deactivate(session, admin, advisor)
    except accounts.OwnAccount:
        raise HTTPException(409, error_text("own_account")) from None
    released = handoff.release(session, advisor)
    session.commit()
    hub.end_logins(ended)
    for conversation, message in released:
        handoff.publish(hub, conversation, [message])
    return account_out(advisor)


@router.post("/advisors/{advisor_id}/reactivate", response_model=AccountOut)
def reactivate(advisor_id: RowId, admin: AdminDep, session: SessionDep) -> AccountOut:
    advisor = get_account(session, advisor_id)
    accounts.reactivate(session, admin, advisor)
    session.commit()
    return account_out(advisor)
