"""Reviewing conversations: the transcripts with filters and search, one conversation, export
and erase; tags, private notes, the reviewed flag, and corrections."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import select

from api.advisors import audit
from api.advisors.access import may_see
from api.conversation import feedback as answers
from api.conversation.messages import console_message
from api.core.deps import (
    AdminDep,
    AdvisorDep,
    ConversationDep,
    ConversationId,
    RowId,
    SessionDep,
    SettingsDep,
)
from api.core.schemas import MAX_ID
from api.errors import Invalid, NotFound
from api.handoff import service as handoff
from api.handoff.queue import callback_out
from api.models import (
    Advisor,
    Conversation,
    Correction,
    Message,
    Note,
    Sender,
    State,
    Tag,
    utcnow,
)
from api.review import privacy, stories
from api.review.corrections import INTENT, incorrect_advice, nlu_yaml
from api.review.schemas import (
    ApprovalIn,
    ConversationDetail,
    CorrectionIn,
    CorrectionOut,
    FeedbackShown,
    NoteIn,
    NoteOut,
    ReviewIn,
    TagsIn,
    TranscriptPage,
)
from api.review.transcripts import Filters, correction_out, corrections, notes, search

router = APIRouter(prefix="/api/advisor")
TAG = re.compile(r"^[\w -]{1,40}$")


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


def detail(session: SessionDep, conversation: Conversation, me: Advisor) -> ConversationDetail:
    return ConversationDetail(
        id=conversation.id,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
        state=conversation.state,
        handoff_reason=conversation.handoff_reason,
        handoff_at=conversation.handoff_at,
        advisor=conversation.advisor.name if conversation.advisor else None,
        mine=conversation.advisor_id == me.id and conversation.state == State.WITH_ADVISOR,
        reviewed=conversation.reviewed,
        tags=[t.name for t in conversation.tags],
        slots=conversation.slots or {},
        messages=[console_message(m) for m in conversation.messages],
        notes=notes(session, conversation.id),
        callbacks=[
            callback_out(c) for c in handoff.conversation_callbacks(session, conversation.id)
        ],
        corrections=corrections(session, me, conversation.id),
        feedback=[
            FeedbackShown(
                message_id=f.message_id,
                helpful=f.helpful,
                comment=f.comment,
                topic=f.topic,
                knowledge=f.knowledge or [],
                created_at=f.created_at,
            )
            for f in answers.of_conversation(session, conversation.id)
        ],
    )


@router.get("/conversations/{conversation_id}", response_model=ConversationDetail)
def conversation(
    conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep
) -> ConversationDetail:
    """One audit row per view: the console loads this once per page and follows the rest
    over its socket."""
    shown = detail(session, conversation, advisor)
    audit.record(session, advisor, "view", conversation.id)
    session.commit()
    return shown


@router.get("/conversations/{conversation_id}/messages")
def messages_after(
    conversation: ConversationDep,
    session: SessionDep,
    after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[dict[str, object]]:
    """What the console's page missed while its socket was away (it asks once per reconnect):
    part of the view already audited, so no audit row of its own."""
    query = select(Message).where(Message.conversation_id == conversation.id, Message.id > after)
    return [console_message(m) for m in session.scalars(query.order_by(Message.id))]


@router.get("/conversations/{conversation_id}/export")
def export(conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep) -> Response:
    """The whole conversation as a JSON file (timeline, tags, notes, callbacks, corrections)."""
    body = jsonable_encoder(detail(session, conversation, advisor))
    audit.record(session, advisor, "export", conversation.id)
    session.commit()
    filename = f"gesprek-{conversation.id}.json"
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/conversations/{conversation_id}/story.yml")
def export_story(
    conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep
) -> Response:
    """The conversation as a Rasa test story, with the intents advisors corrected."""
    body = stories.story_yaml(
        conversation.id, stories.turns_of(session, conversation.id), advisor.name, date.today()
    )
    audit.record(session, advisor, "export", conversation.id)
    session.commit()
    return Response(
        body,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="story-{conversation.id}.yml"'},
    )


@router.delete("/conversations/{conversation_id}", status_code=204)
def erase(
    conversation_id: ConversationId, admin: AdminDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Erase on request (AVG): here and in Rasa's tracker store. Admins only."""
    if not privacy.erase(session, settings, conversation_id):
        raise NotFound("conversation_not_found")
    audit.record(session, admin, "erase", conversation_id)
    session.commit()
    return Response(status_code=204)


@router.put("/conversations/{conversation_id}/tags")
def set_tags(
    body: TagsIn, conversation: ConversationDep, session: SessionDep
) -> dict[str, list[str]]:
    names = sorted({" ".join(t.split()).lower() for t in body.tags})
    if any(not TAG.match(name) for name in names):
        raise Invalid("bad_tag")
    conversation.tags = [Tag(conversation_id=conversation.id, name=n) for n in names]
    session.commit()
    return {"tags": names}


@router.put("/conversations/{conversation_id}/review")
def set_reviewed(
    body: ReviewIn, conversation: ConversationDep, session: SessionDep
) -> dict[str, bool]:
    conversation.reviewed = body.reviewed
    session.commit()
    return {"reviewed": conversation.reviewed}


@router.post("/conversations/{conversation_id}/notes", response_model=NoteOut, status_code=201)
def add_note(
    body: NoteIn, conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep
) -> NoteOut:
    text = body.text.strip()
    if not text:
        raise Invalid("empty_note")
    note = Note(conversation_id=conversation.id, advisor_id=advisor.id, text=text)
    session.add(note)
    session.commit()
    return NoteOut(id=note.id, text=note.text, advisor=advisor.name, created_at=note.created_at)


@router.post("/messages/{message_id}/corrections", response_model=CorrectionOut, status_code=201)
def correct(
    message_id: RowId, body: CorrectionIn, advisor: AdvisorDep, session: SessionDep
) -> CorrectionOut:
    message = session.get(Message, message_id)
    if message is None or not may_see(advisor, message.conversation):
        raise NotFound("message_not_found")
    intent, note = (body.intent or "").strip() or None, (body.note or "").strip() or None
    if body.kind in ("intent", "new_intent") and message.sender != Sender.USER:
        raise Invalid("correction_user_only")
    if body.kind == "intent" and not (intent and INTENT.match(intent)):
        raise Invalid("bad_intent")
    if body.kind == "incorrect_advice":
        if message.sender != Sender.BOT:
            raise Invalid("correction_bot_only")
        if not note:
            raise Invalid("correction_needs_note")
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


@router.put("/corrections/{correction_id}/approval", response_model=CorrectionOut)
def approve(
    correction_id: RowId, body: ApprovalIn, admin: AdminDep, session: SessionDep
) -> CorrectionOut:
    """An admin approves an intent correction for the training data (`make corrections`)."""
    correction = session.get(Correction, correction_id)
    if correction is None:
        raise NotFound("correction_not_found")
    if correction.kind != "intent":
        raise Invalid("approve_intent_only")
    correction.approved_at = utcnow() if body.approved else None
    correction.approved_by = admin.name if body.approved else None
    session.commit()
    return correction_out(correction)


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
