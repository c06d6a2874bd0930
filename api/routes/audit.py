"""The audit log for admins: newest first, filtered by action, e-mail or conversation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import audit
from api.console_schemas import AuditEntryOut, AuditPage
from api.deps import AdminDep, SessionDep
from api.models import as_utc

router = APIRouter(prefix="/api/advisor")


@router.get("/audit", response_model=AuditPage)
def audit_log(
    admin: AdminDep,
    session: SessionDep,
    action: Annotated[str | None, Query(max_length=20)] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
    conversation_id: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> AuditPage:
    """`email` matches both who did it and whose account it was done to."""
    filters = audit.AuditFilters(
        action or None, (email or "").strip() or None, (conversation_id or "").strip() or None
    )
    total, entries = audit.search(session, filters, limit, offset)
    return AuditPage(
        total=total,
        items=[
            AuditEntryOut(
                id=e.id,
                created_at=as_utc(e.created_at),
                advisor_email=e.advisor_email,
                action=e.action,
                account_email=e.account_email,
                conversation_id=e.conversation_id,
            )
            for e in entries
        ],
    )
