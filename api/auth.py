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

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.models import Advisor, AdvisorSession, as_utc, utcnow
from api.settings import Settings

COOKIE = "pgb_console"
CSRF_HEADER = "X-CSRF-Token"
ROLES = ("advisor", "admin")
MIN_PASSWORD_CHARS = 12

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")


class LoginFailed(Exception):
    """Wrong e-mail or password (deliberately not saying which)."""


class AccountLocked(Exception):
    """Too many wrong passwords in a row; wait for the lockout to end."""


class WeakPassword(ValueError):
    """A new password is too short."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
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
    advisor = session.scalar(select(Advisor).where(Advisor.email == normalise_email(email)))
    if advisor is None or not advisor.active:
        verify_password(_DUMMY_HASH, password)
        raise LoginFailed
    if not check_password(session, settings, advisor, password):
        raise LoginFailed
    session.commit()
    return advisor


def is_locked(advisor: Advisor) -> bool:
    """Locked now by too many wrong passwords (a lockout that has passed does not count)."""
    return advisor.locked_until is not None and as_utc(advisor.locked_until) > utcnow()


def check_password(session: Session, settings: Settings, advisor: Advisor, password: str) -> bool:
    """Is `password` the advisor's password? Used by login and by a password change.

    Raises AccountLocked while the account is locked. A wrong password is counted (and
    committed at once, even if the caller refuses the request); the last one allowed locks the
    account for a while. A right one clears the count.
    """
    if is_locked(advisor):
        raise AccountLocked
    if verify_password(advisor.password_hash, password):
        clear_lockout(advisor)
        return True
    advisor.failed_logins += 1
    if advisor.failed_logins >= settings.login_max_failures:
        advisor.locked_until = utcnow() + timedelta(minutes=settings.login_lockout_minutes)
        advisor.failed_logins = 0
    session.commit()
    return False


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


def find_session(session: Session, settings: Settings, token: str | None) -> AdvisorSession | None:
    """The live login for a cookie value, or None (unknown, expired, idle too long, disabled)."""
    if not token or len(token) > 100:
        return None
    found = session.get(AdvisorSession, token_hash(token))
    if found is None:
        return None
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    if as_utc(found.expires_at) <= now or as_utc(found.last_seen_at) + idle <= now:
        session.delete(found)
        session.commit()
        return None
    if not found.advisor.active:
        return None
    if now - as_utc(found.last_seen_at) > timedelta(minutes=1):  # one write a minute at most
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
    return int(result.rowcount)
