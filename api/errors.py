"""The refusals the api can explain, raised by the rooms' services (which import no FastAPI).

Each names its HTTP status and the key of its Dutch text under `errors:` in api/texts.yml;
api/core/handlers.py answers them, so no route translates errors with a try/except of its own.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the api refuses for a reason it can explain: `status` and the key of the
    Dutch text under `errors:` in api/texts.yml (with the values it needs, such as minutes)."""

    status = 400
    key = "request_refused"
    retry_after_s: int | None = None  # sent as Retry-After when set

    def __init__(self, key: str | None = None, **values: object) -> None:
        self.key = key or self.key
        self.values = values
        super().__init__(self.key)


class NotFound(DomainError):
    status = 404
    key = "not_found"


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class Invalid(DomainError):
    status = 422
    key = "invalid_request"


class Unavailable(DomainError):
    status = 503


class Unauthorized(DomainError):
    status = 401
    key = "not_logged_in"


class TooManyTries(DomainError):
    status = 429
    key = "rate_limited"
