"""Rate limits with the `limits` library: per client address on login, chat and the callback form,
and per account on login. Over a limit: a Dutch 429 with Retry-After.

The moving window counts every request of the last period, so a burst at the turn of a minute
cannot get twice the limit. Counts live in `PGB_RATE_LIMIT_STORAGE_URL`: memory (one api process)
or Redis (shared by several workers). The client address is what the server sees; behind a proxy,
run uvicorn with --proxy-headers and --forwarded-allow-ips so it is the person's, not the proxy's.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from api.core.settings import Settings
from api.core.texts import error_text

log = logging.getLogger(__name__)


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limits:
    login_per_address: RateLimitItem
    login_per_account: RateLimitItem
    chat: RateLimitItem
    callback: RateLimitItem


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self._limiter = MovingWindowRateLimiter(
            storage_from_string(settings.rate_limit_storage_url)
        )
        self.limits = Limits(
            login_per_address=parse(settings.rate_limit_login_per_address),
            login_per_account=parse(settings.rate_limit_login_per_account),
            chat=parse(settings.rate_limit_chat),
            callback=parse(settings.rate_limit_callback),
        )

    def hit(self, item: RateLimitItem, scope: str, key: str) -> None:
        """Count one request for `key`; raise RateLimited when it is one too many.

        A storage that cannot be reached (Redis down) lets the request through: the chat must
        keep working, and logins still have their lockout.
        """
        try:
            allowed = self._limiter.hit(item, scope, key)
            if allowed:
                return
            reset_at, _remaining = self._limiter.get_window_stats(item, scope, key)
        except Exception as error:  # any storage failure: fail open, and say so
            log.warning("rate limit storage failed: %s", type(error).__name__)
            return
        raise RateLimited(max(1, math.ceil(reset_at - time.time())))


def too_many(limited: RateLimited) -> HTTPException:
    return HTTPException(
        429, error_text("rate_limited"), headers={"Retry-After": str(limited.retry_after)}
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def account_key(email: str) -> str:
    """The per-account key: a hash, so no e-mail address is written to the limit storage."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def per_address(choose: Callable[[Limits], RateLimitItem], scope: str) -> Callable[[Request], None]:
    """A route dependency that limits requests per client address."""

    def limit(request: Request) -> None:
        limiter: RateLimiter = request.app.state.rate_limiter
        try:
            limiter.hit(choose(limiter.limits), scope, client_address(request))
        except RateLimited as limited:
            raise too_many(limited) from None

    return limit


limit_chat = per_address(lambda limits: limits.chat, "chat")
limit_callback = per_address(lambda limits: limits.callback, "callback")
limit_login = per_address(lambda limits: limits.login_per_address, "login-address")


def limit_login_account(request: Request, email: str) -> None:
    """Limit logins to one account from every address together (also unknown accounts, so the
    answer says nothing about which exist)."""
    limiter: RateLimiter = request.app.state.rate_limiter
    try:
        limiter.hit(limiter.limits.login_per_account, "login-account", account_key(email))
    except RateLimited as limited:
        raise too_many(limited) from None
