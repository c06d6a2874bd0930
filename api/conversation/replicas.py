"""Which Rasa replica answers a conversation: rendezvous (highest random weight) hashing.

Every replica gets a score from a hash of (replica, conversation id); the conversation goes to
the highest score and, only when that replica refuses the connection, to the next. Adding a
replica to N moves about 1/(N+1) of the conversations (those whose new highest score is the new
replica) and removing one moves only its own: the rest keep their replica, and every api
worker computes the same order with no shared state. A replica is known by its URL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def _score(replica: str, conversation_id: str) -> int:
    digest = hashlib.blake2b(f"{replica}\n{conversation_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def ranked(conversation_id: str, replicas: Sequence[str]) -> list[str]:
    """The replicas in the order this conversation tries them: its own first."""
    return sorted(replicas, key=lambda replica: _score(replica, conversation_id), reverse=True)
