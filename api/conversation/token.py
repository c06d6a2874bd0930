"""The person's credential for a conversation: a secret issued with its id.

The id names a conversation; the token proves the request comes from the person who started
it. Only the token's SHA-256 is stored (the token has 256 random bits, so a slow password hash
would add nothing), and a wrong or missing token gets the same Dutch 404 as an unknown id, so
nobody learns which ids exist. Conversations from before the token (migration 0005) have no
hash and cannot be continued: the widget then starts a new one.

Neither the id nor the token ever travels in a URL, so they stay out of every access log (the
api's and any proxy's): POST /api/chat has the id in its body, the other requests of the person
send it in a header, and the WebSocket receives both in its first message.
"""

from __future__ import annotations

import hmac
import re
import secrets

from sqlalchemy.orm import Session

from api.advisors.auth import token_hash
from api.core.schemas import CONVERSATION_ID
from api.errors import NotFound
from api.models import Conversation

ID_HEADER = "X-Conversation-Id"
TOKEN_HEADER = "X-Conversation-Token"  # noqa: S105 - a header name, not a secret
_ID = re.compile(CONVERSATION_ID)
# Ours have 43 URL-safe characters; anything else (longer, or with a character that cannot
# even be encoded, such as half a surrogate pair) is wrong without hashing it.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,100}")


class UnknownConversation(NotFound):
    """The answer for an unknown id and for a wrong token alike."""

    key = "unknown_conversation"


def issue(conversation: Conversation) -> str:
    """Give a new conversation its secret; only the hash is kept, the token is returned once."""
    token = secrets.token_urlsafe(32)
    conversation.token_hash = token_hash(token)
    return token


def matches(conversation: Conversation, token: str | None) -> bool:
    if not conversation.token_hash or not token or not _TOKEN.fullmatch(token):
        return False
    return hmac.compare_digest(conversation.token_hash, token_hash(token))


def find(session: Session, conversation_id: object, token: object) -> Conversation | None:
    """The conversation, if the id exists and the token is its own; otherwise None."""
    if not isinstance(conversation_id, str) or not _ID.fullmatch(conversation_id):
        return None
    if not isinstance(token, str):
        return None
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not matches(conversation, token):
        return None
    return conversation
