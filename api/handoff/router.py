"""The handoff: office hours and the callback form for the person; the queue, claiming,
replying and handing back for advisors. Who hears about each step: api/live/events.py."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.advisors import audit
from api.conversation.messages import console_message
from api.core.deps import (
    AdvisorDep,
    ConversationDep,
    HubDep,
    OfficeDep,
    PersonConversationDep,
    SessionDep,
    SettingsDep,
)
from api.core.ratelimit import limit_callback
from api.errors import Invalid
from api.handoff import queue as queue_page
from api.handoff import service as handoff
from api.handoff.schemas import Availability, CallbackRequest, QueueItem, ReplyRequest
from api.live import events
from api.models import utcnow

router = APIRouter()


@router.get("/api/handoff/availability", response_model=Availability)
def availability(office: OfficeDep) -> Availability:
    now = utcnow()
    return Availability(open=office.is_open(now), next_open=office.next_open(now))


@router.post("/api/conversation/callback", status_code=201, dependencies=[Depends(limit_callback)])
def leave_callback(
    conversation: PersonConversationDep, body: CallbackRequest, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    details = handoff.callback_details(
        body.name, body.phone, body.email, body.preferred_moment, consent=body.consent
    )
    message = handoff.leave_callback(session, conversation, details)
    events.callback_left(hub, conversation, message)
    return {"status": conversation.state}


@router.get("/api/advisor/queue", response_model=list[QueueItem])
def queue(advisor: AdvisorDep, session: SessionDep) -> list[QueueItem]:
    """Waiting conversations (longest wait first), those with an advisor, and callbacks."""
    return queue_page.queue(session, advisor.id, utcnow())


@router.post("/api/advisor/conversations/{conversation_id}/claim")
def claim(
    conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    conversation, joined = handoff.claim(session, conversation.id, advisor)
    audit.record(session, advisor, "claim", conversation.id)
    session.commit()
    events.handoff_moved(hub, conversation, [joined])
    return {"state": conversation.state, "advisor": advisor.name}


@router.post("/api/advisor/conversations/{conversation_id}/messages", status_code=201)
def reply(
    conversation: ConversationDep,
    body: ReplyRequest,
    advisor: AdvisorDep,
    session: SessionDep,
    settings: SettingsDep,
    hub: HubDep,
) -> dict[str, object]:
    text = body.text.strip()
    if not text:
        raise Invalid("empty_text")
    if len(text) > settings.max_message_chars:
        raise Invalid("too_long", max_chars=settings.max_message_chars)
    message = handoff.reply(session, conversation, advisor, text)
    events.advisor_replied(hub, conversation, message)
    return console_message(message)


@router.post("/api/advisor/conversations/{conversation_id}/close")
def close(
    conversation: ConversationDep, advisor: AdvisorDep, session: SessionDep, hub: HubDep
) -> dict[str, str]:
    message = handoff.close(session, conversation, advisor)
    audit.record(session, advisor, "close", conversation.id)
    session.commit()
    events.handoff_moved(hub, conversation, [message])
    return {"state": conversation.state}
