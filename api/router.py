"""Collects the rooms' routers; it does nothing else (after full-stack-fastapi-template's
backend/app/api/main.py). A room's router never imports another room's router."""

from __future__ import annotations

from fastapi import APIRouter

from api.advisors.router import router as advisors
from api.console.router import router as console
from api.conversation.router import router as conversation
from api.handoff.router import router as handoff
from api.insight.router import router as insight
from api.live.sockets import router as live
from api.review.router import router as review
from api.site.router import router as site

router = APIRouter()
for room in (conversation, handoff, live, advisors, review, insight, console, site):
    router.include_router(room)
