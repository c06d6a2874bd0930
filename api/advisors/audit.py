"""The audit log: who viewed, exported, erased or handled which conversation, who logged in,
and who changed which advisor account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api.advisors.auth import normalise_email
from api.models import Advisor, AuditEntry

# Each name fits AuditEntry.action (20 characters); a test checks it.
ACTIONS = (
    "view",
    "export",
    "erase",
    "claim",
    "close",
    "login",
    "purge",
    "create_account",
    "change_password",
    "unlock",
    "deactivate",
    "reactivate",
)


def record(
    session: Session,
    advisor: Advisor | None,
    action: str,
    conversation_id: str | None = None,
    *,
    account: Advisor | None = None,
) -> None:
    """Add an entry; the caller commits it with the change it describes.

    `advisor` did it (None: the system); `account` is the advisor account it was done to.
    """
    assert action in ACTIONS, action
    session.add(
        AuditEntry(
            advisor_id=advisor.id if advisor else None,
            advisor_email=advisor.email if advisor else "system",
            action=action,
            conversation_id=conversation_id,
            account_email=account.email if account else None,
        )
    )


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    # Matches who did it and whose account it was done to.
    email: str | None = None
    conversation_id: str | None = None


def search(
    session: Session, filters: AuditFilters, limit: int, offset: int
) -> tuple[int, list[AuditEntry]]:
    """The matching entries, newest first, and how many match in all."""
    query = select(AuditEntry)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.email:
        email = normalise_email(filters.email)
        query = query.where(
            or_(AuditEntry.advisor_email == email, AuditEntry.account_email == email)
        )
    if filters.conversation_id:
        query = query.where(AuditEntry.conversation_id == filters.conversation_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    newest_first = query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    return total, list(session.scalars(newest_first.limit(limit).offset(offset)))
