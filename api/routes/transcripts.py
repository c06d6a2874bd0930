"""Transcripts for review: the list with filters and search, one conversation, export, erase."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from api import audit, handoff, privacy
from api.console_schemas import ConversationDetail, TranscriptPage
from api.deps import AdminDep, AdvisorDep, SessionDep, SettingsDep
from api.messages import console_message
from api.models import Advisor, Conversation, as_utc
from api.routes.queue import callback_out
from api.schemas import CONVERSATION_ID
from api.texts import error_text
from api.transcripts import Filters, corrections, may_see, notes, search

router = APIRouter(prefix="/api/advisor")
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]


@router.get("/conversations", response_model=TranscriptPage)
def transcripts(  # noqa: PLR0913 - one parameter per filter of the console
    advisor: AdvisorDep,
    session: SessionDep,
    settings: SettingsDep,
    date_from: date | None = None,
    date_to: date | None = None,
    intent: Annotated[str | None, Query(max_length=100)] = None,
    handed_off: bool | None = None,
    low_confidence: bool | None = None,
    tag: Annotated[str | None, Query(max_length=40)] = None,
    reviewed: bool | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    state: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> TranscriptPage:
    filters = Filters(
        date_from, date_to, intent or None, handed_off, low_confidence, tag or None, reviewed,
        (q or "").strip() or None, state or None,
    )  # fmt: skip
    total, items = search(session, advisor, filters, settings.low_confidence, limit, offset)
    return TranscriptPage(total=total, items=items)


def get_conversation(session: SessionDep, conversation_id: str, advisor: Advisor) -> Conversation:
    """The conversation, if `advisor` may read it; the same 404 whether it does not exist or
    is not theirs to read (api/transcripts.py, visible_to)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not may_see(advisor, conversation):
        raise HTTPException(404, error_text("conversation_not_found"))
    return conversation


def detail(session: SessionDep, conversation: Conversation, me: Advisor) -> ConversationDetail:
    return ConversationDetail(
        id=conversation.id,
        created_at=as_utc(conversation.created_at),
        updated_at=as_utc(conversation.updated_at),
        state=conversation.state,
        handoff_reason=conversation.handoff_reason,
        handoff_at=as_utc(conversation.handoff_at) if conversation.handoff_at else None,
        advisor=conversation.advisor.name if conversation.advisor else None,
        mine=conversation.advisor_id == me.id and conversation.state == "with_advisor",
        reviewed=conversation.reviewed,
        tags=[t.name for t in conversation.tags],
        slots=conversation.slots or {},
        messages=[console_message(m) for m in conversation.messages],
        notes=notes(session, conversation.id),
        callbacks=[
            callback_out(c) for c in handoff.conversation_callbacks(session, conversation.id)
        ],
        corrections=corrections(session, me, conversation.id),
    )


@router.get("/conversations/{conversation_id}", response_model=ConversationDetail)
def conversation(
    conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep
) -> ConversationDetail:
    found = get_conversation(session, conversation_id, advisor)
    shown = detail(session, found, advisor)
    audit.record(session, advisor, "view", conversation_id)
    session.commit()
    return shown


@router.get("/conversations/{conversation_id}/export")
def export(conversation_id: ConversationId, advisor: AdvisorDep, session: SessionDep) -> Response:
    """The whole conversation as a JSON file (timeline, tags, notes, callbacks, corrections)."""
    found = get_conversation(session, conversation_id, advisor)
    body = jsonable_encoder(detail(session, found, advisor))
    audit.record(session, advisor, "export", conversation_id)
    session.commit()
    filename = f"gesprek-{conversation_id}.json"
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.delete("/conversations/{conversation_id}", status_code=204)
def erase(
    conversation_id: ConversationId, admin: AdminDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Erase on request (AVG): here and in Rasa's tracker store. Admins only."""
    try:
        erased = privacy.erase(session, settings, conversation_id)
    except privacy.TrackerStoreUnavailable:
        session.rollback()
        raise HTTPException(503, error_text("tracker_unavailable")) from None
    if not erased:
        raise HTTPException(404, error_text("conversation_not_found"))
    audit.record(session, admin, "erase", conversation_id)
    session.commit()
    return Response(status_code=204)
