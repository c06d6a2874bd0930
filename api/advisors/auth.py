"""Advisor accounts and logins: argon2 password hashes, lockout, server-side sessions.

The session cookie holds a random token; the database holds only its SHA-256, an absolute
expiry and an idle timeout. Every cookie-authenticated request that changes something must
carry the session's CSRF token in the `X-CSRF-Token` header (the console reads it from
`GET /api/advisor/me`); the cookie is also SameSite=Strict and HttpOnly.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from api.core.db import affected_rows
from api.core.settings import Settings
from api.errors import Invalid, TooManyTries, Unauthorized
from api.models import Advisor, AdvisorSession, utcnow

COOKIE = "pgb_console"
CSRF_HEADER = "X-CSRF-Token"
ROLES = ("advisor", "admin")
MIN_PASSWORD_CHARS = 12

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown or the account locked, so every refusal
    takes as long as a real check. Made on first use: importing the api hashes nothing."""
    return _hasher.hash("not-a-password-of-anyone")


class LoginFailed(Unauthorized):
    """Wrong e-mail or password, or the account is switched off or locked (deliberately not
    saying which)."""

    key = "login_failed"


class AccountLocked(TooManyTries):
    """Too many wrong passwords in a row; wait for the lockout to end."""

    key = "login_locked"


class WeakPassword(Invalid, ValueError):
    """A new password is too short."""

    key = "weak_password"


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPassword
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_advisor(
    session: Session, *, email: str, name: str, password: str, role: str | None = None
) -> Advisor:
    """Create an account. The very first account is always an admin."""
    first = session.scalar(select(func.count()).select_from(Advisor)) == 0
    role = "admin" if first else (role or "advisor")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    advisor = Advisor(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
    )
    session.add(advisor)
    session.commit()
    return advisor


def authenticate(session: Session, settings: Settings, email: str, password: str) -> Advisor:
    """The advisor with this e-mail and password; LoginFailed otherwise, also for an account
    that is switched off or locked. Every refusal verifies one hash, so all take as long."""
    advisor = session.scalar(select(Advisor).where(Advisor.email == normalise_email(email)))
    if advisor is None or not advisor.active:
        verify_password(_dummy_hash(), password)
        raise LoginFailed(minutes=settings.login_lockout_minutes)
    try:
        right = check_password(session, settings, advisor, password)
    except AccountLocked:
        verify_password(_dummy_hash(), password)
        raise LoginFailed(minutes=settings.login_lockout_minutes) from None
    if not right:
        raise LoginFailed(minutes=settings.login_lockout_minutes)
    session.commit()
    return advisor


def is_locked(advisor: Advisor) -> bool:
    """Locked now by too many wrong passwords (a lockout that has passed does not count)."""
    return advisor.locked_until is not None and advisor.locked_until > utcnow()


def check_password(session: Session, settings: Settings, advisor: Advisor, password: str) -> bool:
    """Is `password` the advisor's password? Used by login and by a password change.

    Every check first counts itself as a wrong password, atomically in the database, and only
    then verifies; a right password clears the count again. So checks that arrive at the same
    moment each get their own number: the one that reaches `login_max_failures` locks the
    account if it is wrong, and those past it are refused unverified. However many guesses
    arrive at once, at most that many are checked per lockout. Counts and locks are committed
    at once, even if the caller refuses the request.

    Raises AccountLocked while the account is locked.
    """
    attempt = _count_attempt(session, advisor.id)
    if attempt is None:
        raise AccountLocked(minutes=settings.login_lockout_minutes)
    if attempt > settings.login_max_failures:
        _lock(session, settings, advisor)  # someone is guessing faster than we verify
        raise AccountLocked(minutes=settings.login_lockout_minutes)
    if verify_password(advisor.password_hash, password):
        _set_counts(session, advisor.id, failed_logins=0, locked_until=None)
        return True
    if attempt == settings.login_max_failures:
        _lock(session, settings, advisor)
    return False


def _count_attempt(session: Session, advisor_id: int) -> int | None:
    """Add one to the account's count unless it is locked; the new count, or None if locked.

    One UPDATE (failed = failed + 1) ... RETURNING the new count, not read-then-write: the
    database serialises concurrent ones, and each gets its own result.
    """
    now = utcnow()
    attempt = session.scalar(
        update(Advisor)
        .where(
            Advisor.id == advisor_id,
            or_(Advisor.locked_until.is_(None), Advisor.locked_until <= now),
        )
        .values(failed_logins=Advisor.failed_logins + 1)
        .returning(Advisor.failed_logins)
        .execution_options(synchronize_session=False)
    )
    session.commit()  # before the slow hash, so other checks are not held up
    _forget_counts(session, advisor_id)
    return attempt


def _lock(session: Session, settings: Settings, advisor: Advisor) -> None:
    """Lock the account for a while; the count starts again after the lockout."""
    until = utcnow() + timedelta(minutes=settings.login_lockout_minutes)
    _set_counts(session, advisor.id, failed_logins=0, locked_until=until)


def _set_counts(session: Session, advisor_id: int, **values: object) -> None:
    session.execute(
        update(Advisor)
        .where(Advisor.id == advisor_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    _forget_counts(session, advisor_id)


def _forget_counts(session: Session, advisor_id: int) -> None:
    """The loaded advisor's count and lockout are stale after a direct UPDATE: reload them."""
    advisor = session.get(Advisor, advisor_id)
    if advisor is not None:
        session.expire(advisor, ["failed_logins", "locked_until"])


def clear_lockout(advisor: Advisor) -> None:
    advisor.failed_logins, advisor.locked_until = 0, None


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str


def start_session(session: Session, settings: Settings, advisor: Advisor) -> NewSession:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        AdvisorSession(
            token_hash=token_hash(token),
            advisor_id=advisor.id,
            csrf_token=csrf,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_hours),
        )
    )
    session.commit()
    return NewSession(token, csrf)


def find_session(
    session: Session, settings: Settings, token: str | None, *, touch: bool = True
) -> AdvisorSession | None:
    """The live login for a cookie value, or None (unknown, expired, idle too long, disabled).

    `touch` counts this as activity against the idle timeout; an open WebSocket checking that
    its login still holds does not (events arriving are not the advisor doing something).
    """
    if not token or len(token) > 100:
        return None
    found = session.get(AdvisorSession, token_hash(token))
    if found is None:
        return None
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    if found.expires_at <= now or found.last_seen_at + idle <= now:
        session.delete(found)
        session.commit()
        return None
    if not found.advisor.active:
        return None
    if touch and now - found.last_seen_at > timedelta(minutes=1):  # one write a minute
        found.last_seen_at = now
        session.commit()
    return found


def csrf_ok(login: AdvisorSession, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(login.csrf_token, header or "")


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(
            delete(AdvisorSession).where(AdvisorSession.token_hash == token_hash(token))
        )
        session.commit()


def purge_sessions(session: Session) -> int:
    result = session.execute(delete(AdvisorSession).where(AdvisorSession.expires_at <= utcnow()))
    session.commit()
    return affected_rows(result)
