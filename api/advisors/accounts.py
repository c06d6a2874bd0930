"""Managing advisor accounts: an advisor changes their own password; an admin unlocks,
deactivates and reactivates accounts.

Every function here changes the account and writes the audit entry in the same unit of work;
the caller commits both at once, so no change goes unaudited. The one exception is a wrong
current password, which is counted (and committed) even though the change is refused.
"""

from __future__ import annotations

from sqlalchemy import delete, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.advisors import audit
from api.advisors.auth import check_password, clear_lockout, create_advisor, hash_password
from api.core.settings import Settings
from api.errors import Conflict, Forbidden, Invalid
from api.models import Advisor, AdvisorSession


class WrongPassword(Forbidden):
    """The current password given with a password change is not the advisor's password."""

    key = "wrong_password"


class SamePassword(Invalid):
    """The new password is the current one: changing it would protect nothing."""

    key = "same_password"


class OwnAccount(Conflict):
    """An admin tried to deactivate their own account (and could lock everyone out)."""

    key = "own_account"


class EmailTaken(Conflict):
    key = "email_taken"


def all_advisors(session: Session) -> list[Advisor]:
    return list(session.scalars(select(Advisor).order_by(Advisor.name, Advisor.id)))


def create(
    session: Session, admin: Advisor, email: str, name: str, password: str, role: str | None
) -> Advisor:
    """A new account, created by `admin`; EmailTaken if the e-mail has one already."""
    try:
        advisor = create_advisor(session, email=email, name=name, password=password, role=role)
    except IntegrityError:
        session.rollback()
        raise EmailTaken from None
    audit.record(session, admin, "create_account", account=advisor)
    return advisor


def end_sessions(session: Session, advisor: Advisor, *, keep: str | None = None) -> list[str]:
    """End every login of `advisor`, except the one whose token hash is `keep`; the token
    hashes of the logins ended, so the caller can close their open sockets (Hub.end_logins)."""
    mine = AdvisorSession.advisor_id == advisor.id
    others = AdvisorSession.token_hash != keep if keep is not None else true()
    ended = list(session.scalars(select(AdvisorSession.token_hash).where(mine, others)))
    session.execute(delete(AdvisorSession).where(mine, others))
    return ended


def change_password(
    session: Session, settings: Settings, login: AdvisorSession, current: str, new: str
) -> list[str]:
    """Set a new password for the logged-in advisor and end their other logins (their token
    hashes are returned).

    A wrong current password counts as a wrong login, so a borrowed, still open session cannot
    be used to guess the password; raises WrongPassword, AccountLocked, WeakPassword or
    SamePassword.
    """
    advisor = login.advisor
    if not check_password(session, settings, advisor, current):
        raise WrongPassword
    if new == current:
        raise SamePassword
    advisor.password_hash = hash_password(new)
    ended = end_sessions(session, advisor, keep=login.token_hash)
    audit.record(session, advisor, "change_password", account=advisor)
    return ended


def unlock(session: Session, admin: Advisor, advisor: Advisor) -> None:
    """Lift a lockout after wrong passwords, and forget the wrong passwords so far."""
    clear_lockout(advisor)
    audit.record(session, admin, "unlock", account=advisor)


def deactivate(session: Session, admin: Advisor, advisor: Advisor) -> list[str]:
    """Stop an account from logging in and end its logins (their token hashes are returned);
    the account and its history stay."""
    if advisor.id == admin.id:
        raise OwnAccount
    advisor.active = False
    ended = end_sessions(session, advisor)
    audit.record(session, admin, "deactivate", account=advisor)
    return ended


def reactivate(session: Session, admin: Advisor, advisor: Advisor) -> None:
    advisor.active = True
    audit.record(session, admin, "reactivate", account=advisor)
