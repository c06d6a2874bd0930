"""Request and response bodies of logging in, accounts and the audit log (/api/advisor/...)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.core.schemas import Moment, RequestBody


class LoginRequest(RequestBody):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1000)


class AdvisorOut(BaseModel):
    id: int
    email: str
    name: str
    role: str


class Me(AdvisorOut):
    csrf_token: str


class NewAdvisor(RequestBody):
    email: str = Field(..., max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    name: str = Field(..., min_length=1, max_length=100)
    password: str = Field(..., max_length=1000)
    role: Literal["advisor", "admin"] = "advisor"


class AccountOut(AdvisorOut):
    """An advisor account as admins manage it."""

    active: bool
    locked: bool  # locked now, after too many wrong passwords
    locked_until: Moment | None  # only while locked


class PasswordChange(RequestBody):
    current_password: str = Field(..., max_length=1000)
    new_password: str = Field(..., max_length=1000)


class AuditEntryOut(BaseModel):
    id: int
    created_at: Moment
    advisor_email: str  # who did it, or "system"
    action: str
    account_email: str | None
    conversation_id: str | None


class AuditPage(BaseModel):
    total: int
    items: list[AuditEntryOut]
