"""The audit log: who viewed, exported, erased or handled which conversation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.models import Advisor, AuditEntry

ACTIONS = ("view", "export", "erase", "claim", "close", "login", "purge")


def record(
    session: Session, advisor: Advisor | None, action: str, conversation_id: str | None = None
) -> None:
    """Add an entry; the caller commits it with the change it describes."""
    assert action in ACTIONS, action
    session.add(
        AuditEntry(
            advisor_id=advisor.id if advisor else None,
            advisor_email=advisor.email if advisor else "system",
            action=action,
            conversation_id=conversation_id,
        )
    )
