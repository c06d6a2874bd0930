"""The api's configuration: environment variables with the prefix PGB_ and safe local defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, validator

ROOT = Path(__file__).resolve().parent.parent
DEV_RASA_TOKEN = "dev-rasa-token"  # noqa: S105 - a local default, refused in production


class Settings(BaseSettings):
    environment: str = "development"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'api.db'}"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = DEV_RASA_TOKEN
    action_server_url: str = "http://127.0.0.1:5055"
    rasa_timeout_s: float = 30.0
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
    # Transcripts: a user message below this confidence counts as "not well understood".
    low_confidence: float = 0.5

    class Config:
        env_prefix = "PGB_"

    @validator("rasa_token")
    def _no_default_token_in_production(cls, value: str, values: dict[str, object]) -> str:
        if values.get("environment") == "production" and value == DEV_RASA_TOKEN:
            raise ValueError("set PGB_RASA_TOKEN to a secret value in production")
        return value

    @validator("office_hours")
    def _parse_office_hours(cls, value: str) -> str:
        from api.office_hours import parse_office_hours

        parse_office_hours(value)  # fail fast on a typo
        return value

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is None:
            return self.environment != "development"
        return self.cookie_secure

    @validator("rasa_url", "action_server_url")
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
