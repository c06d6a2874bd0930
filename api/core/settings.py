"""The api's configuration: environment variables with the prefix PGB_ and safe local defaults."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]
DEV_RASA_TOKEN = "dev-rasa-token"  # noqa: S105 - a local default, refused in production
# Placeholders that deployment templates ship (Rasa's Helm chart: rasaToken), refused in
# production like our own; so is an empty token (a Kubernetes Secret with an empty value).
PLACEHOLDER_TOKENS = {DEV_RASA_TOKEN, "", "rasatoken", "changeme", "change-me", "secret", "token"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PGB_")

    # Production unless told otherwise: a forgotten setting must not turn off Secure cookies or
    # publish the api docs. `make run` (scripts/stack.py) sets development and says so.
    environment: str = "production"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'api.db'}"
    rasa_url: str = "http://127.0.0.1:5005"
    # Several Rasa replicas: "http://a:5005,http://b:5005" (or a JSON list). Each conversation
    # is pinned to one of them (api/conversation/replicas.py). Empty: the one PGB_RASA_URL.
    rasa_urls: Annotated[list[str], NoDecode] = []
    rasa_token: str = DEV_RASA_TOKEN
    action_server_url: str = "http://127.0.0.1:5055"
    # The per-turn deadline: a Rasa that hangs (or waits for a hanging action server) is cut
    # off after this long and the person gets the Dutch fallback with the offer of a person.
    rasa_timeout_s: float = Field(default=10.0, gt=0, le=10)
    # One turn at a time per conversation, across api workers (api/conversation/locks.py): a
    # turn waits this long for the previous one, then the person hears "one moment".
    turn_lock_timeout_s: float = Field(default=15.0, gt=0)
    # PostgreSQL connections per api worker: the request sessions' pool, and the connections
    # that hold a turn's advisory lock while Rasa answers (docs/scale-out.md, the budget).
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=5, ge=0)
    turn_lock_connections: int = Field(default=20, ge=1)
    # Live events between api workers (api/live/broker.py): redis://host:6379/0. Empty: in
    # memory, for one api process.
    redis_url: str = ""
    # The deployment's name in the Redis channel (pub/sub ignores the database number, so two
    # deployments on one Redis would hear each other). Empty: derived from PGB_DATABASE_URL.
    deployment: str = ""
    # A person may tell their whole story in one message; beyond this it is no longer a chat.
    max_message_chars: int = 4000
    max_body_bytes: int = 64_000
    cors_origins: list[str] = []
    # Rasa's SQL tracker store, so erasing a conversation also erases Rasa's copy.
    tracker_store_url: str = f"sqlite:///{ROOT / 'var' / 'rasa_tracker.db'}"
    # Handoff: when mantelzorgmakelaars answer live ("mon-fri 09:00-17:00; sat 10:00-12:00").
    office_hours: str = "mon-fri 09:00-17:00"
    office_timezone: str = "Europe/Amsterdam"
    office_closed_on_holidays: bool = True  # Dutch public holidays (holidays.NL)
    # Privacy: conversations untouched this long are deleted, with Rasa's tracker events.
    retention_days: int = 180
    audit_retention_days: int = 730
    purge_interval_s: int = 3600
    # Advisor console logins.
    session_hours: int = 8  # absolute lifetime of a login
    session_idle_minutes: int = 60
    cookie_secure: bool | None = None  # None: Secure everywhere except in development
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    # How often an advisor's open WebSocket checks that its login still holds (it is also closed
    # at once on logout, deactivation or a password change in this process).
    socket_recheck_s: float = 30.0
    # Rate limits ("N/second|minute|hour", see the `limits` library), per client address and, for
    # logins, per account. Counts live in memory (one api process) or in Redis, which several
    # api workers share: redis://host:6379/2.
    rate_limit_storage_url: str = "memory://"
    rate_limit_login_per_address: str = "30/minute"
    rate_limit_login_per_account: str = "10/minute"
    rate_limit_chat: str = "120/minute"
    rate_limit_callback: str = "10/minute"
    # GET /metrics (Prometheus); off: 404. Internal only: the proxy and the Ingress never route it.
    metrics_enabled: bool = True
    # Transcripts: a user message below this confidence counts as "not well understood".
    low_confidence: float = 0.5

    @property
    def development(self) -> bool:
        return self.environment == "development"

    def check_secrets(self) -> None:
        """Refuse placeholder secrets outside development; checked when the api starts (the
        operator commands need no Rasa token)."""
        if not self.development and self.rasa_token.strip().lower() in PLACEHOLDER_TOKENS:
            raise ValueError("set PGB_RASA_TOKEN to a secret value, or PGB_ENVIRONMENT=development")

    @field_validator(
        "rate_limit_login_per_address",
        "rate_limit_login_per_account",
        "rate_limit_chat",
        "rate_limit_callback",
    )
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        from limits import parse

        parse(value)  # fail fast on a typo
        return value

    @field_validator("office_hours")
    @classmethod
    def _parse_office_hours(cls, value: str) -> str:
        from api.handoff.office_hours import parse_office_hours

        parse_office_hours(value)  # fail fast on a typo
        return value

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is None:
            return not self.development
        return self.cookie_secure

    @field_validator("rasa_url", "action_server_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("rasa_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if isinstance(value, list):
            return [str(url).strip().rstrip("/") for url in value if str(url).strip()]
        return value

    @property
    def rasa_replicas(self) -> list[str]:
        """Every Rasa replica the api may ask, without duplicates."""
        return list(dict.fromkeys(self.rasa_urls)) or [self.rasa_url]

    @property
    def events_channel(self) -> str:
        """The Redis channel of this deployment's live events."""
        name = self.deployment or hashlib.sha256(self.database_url.encode()).hexdigest()[:16]
        return f"pgb-assistent:{name}:events"


@lru_cache
def get_settings() -> Settings:
    return Settings()
