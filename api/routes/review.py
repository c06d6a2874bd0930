"""Reviewing a conversation: tags, private notes, the reviewed flag, and corrections."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response
from sqlalchemy import select

from api.console_schemas import CorrectionIn, CorrectionOut, NoteIn, NoteOut, ReviewIn, TagsIn
from api.corrections import INTENT, incorrect_advice, nlu_yaml
from api.deps import AdvisorDep, RowId, SessionDep
from api.models import Correction, Message, Note, Tag, as_utc
from api.routes.transcripts import get_conversation
from api.schemas import CONVERSATION_ID
from api.texts import error_text
from api.transcripts import correction_out, corrections, may_see

router = APIRouter(prefix="/api/advisor")
ConversationId = Annotated[str, Path(pattern=CONVERSATION_ID)]
TAG = re.compile(r"^[\w -]{1,40}$")


@router.put("/conversations/{conversation_id}/tags")
def set_tags(
    conversation_id: ConversationId, body: TagsIn, advisor: AdvisorDep, session: SessionDep
) -> dict[str, list[str]]:
    names = sorted({" ".join(t.split()).lower() for t in body.tags})
    if any(not TAG.match(name) for name in names):
        raise HTTPException(422, error_text("bad_tag"))
    conversation = get_conversation(session, conversation_id, advisor)
    conversation.tags = [Tag(conversation_id=conversation_id, name=n) for n in names]
    session.commit()
    return {"tags": names}


@router.put("/conversations/{conversation_id}/review")
def set_reviewed(
    conversation_id: ConversationId, body: ReviewIn, advisor: AdvisorDep, session: SessionDep
) -> dict[str, bool]:
    conversation = get_conversation(session, conversation_id, advisor)
    conversation.reviewed = body.reviewed
    session.commit()
    return {"reviewed": conversation.reviewed}


@router.post("/conversations/{conversation_id}/notes", response_model=NoteOut, status_code=201)
def add_note(
    conversation_id: ConversationId, body: NoteIn, advisor: AdvisorDep, session: SessionDep
) -> NoteOut:
    text = body.text.strip()
    if not text:
        raise HTTPException(422, error_text("empty_note"))
    get_conversation(session, conversation_id, advisor)
    note = Note(conversation_id=conversation_id, advisor_id=advisor.id, text=text)
    session.add(note)
    session.commit()
    return NoteOut(
        id=note.id, text=note.text, advisor=advisor.name, created_at=as_utc(note.created_at)
    )


@router.post("/messages/{message_id}/corrections", response_model=CorrectionOut, status_code=201)
def correct(
    message_id: RowId, body: CorrectionIn, advisor: AdvisorDep, session: SessionDep
) -> CorrectionOut:
    message = session.get(Message, message_id)
    if message is None or not may_see(advisor, message.conversation):
        raise HTTPException(404, error_text("message_not_found"))
    intent, note = (body.intent or "").strip() or None, (body.note or "").strip() or None
    if body.kind in ("intent", "new_intent") and message.sender != "user":
        raise HTTPException(422, error_text("correction_user_only"))
    if body.kind == "intent" and not (intent and INTENT.match(intent)):
        raise HTTPException(422, error_text("bad_intent"))
    if body.kind == "incorrect_advice":
        if message.sender != "bot":
            raise HTTPException(422, error_text("correction_bot_only"))
        if not note:
            raise HTTPException(422, error_text("correction_needs_note"))
    correction = Correction(
        message_id=message.id,
        advisor_id=advisor.id,
        kind=body.kind,
        intent=intent if body.kind == "intent" else None,
        note=note,
    )
    session.add(correction)
    session.commit()
    return correction_out(correction)


@router.get("/corrections", response_model=list[CorrectionOut])
def all_corrections(advisor: AdvisorDep, session: SessionDep) -> list[CorrectionOut]:
    return corrections(session, advisor)


@router.get("/corrections/nlu.yml")
def corrections_as_nlu(advisor: AdvisorDep, session: SessionDep) -> Response:
    return Response(
        nlu_yaml(corrections(session, advisor)),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="correcties-nlu.yml"'},
    )


@router.get("/corrections/incorrect-advice")
def incorrect_advice_reports(advisor: AdvisorDep, session: SessionDep) -> list[dict[str, object]]:
    return incorrect_advice(corrections(session, advisor))


@router.get("/intents")
def known_intents(advisor: AdvisorDep, session: SessionDep) -> list[str]:
    """Intents the bot has recognised so far, to choose from when correcting."""
    query = select(Message.intent).where(Message.intent.is_not(None)).distinct()
    return sorted(i for i in session.scalars(query) if i)
