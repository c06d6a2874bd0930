"""The api's own tables: conversations and their messages (stored after redaction), advisors,
their sessions, callback requests, review data (tags, notes, corrections), the person's
feedback on answers and the audit log;
the handoff states and message senders as enums, so no room spells them as bare strings.

SQLAlchemy 2: `Mapped[...]` annotations with `mapped_column`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false


class State(str, Enum):
    """Where a conversation is in the handoff (api/handoff/service.py has the machine)."""

    BOT = "bot"
    REQUESTED = "requested"
    WITH_ADVISOR = "with_advisor"
    CLOSED = "closed"
    CALLBACK = "callback"

    def __str__(self) -> str:  # "requested", as stored and as the widget hears it
        return self.value


class Sender(str, Enum):
    """Who wrote a message; system: the api itself (handoff notes, the bot-down fallback)."""

    USER = "user"
    BOT = "bot"
    ADVISOR = "advisor"
    SYSTEM = "system"

    def __str__(self) -> str:
        return self.value


def _stored_as_value(enum: type[Enum], length: int) -> SqlEnum:
    """The enum in the existing VARCHAR column, by value ("with_advisor"), not by name."""
    return SqlEnum(
        enum, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, always handed back with its UTC zone: SQLite stores no zone and returns naive
    datetimes, PostgreSQL returns aware ones; every stored moment is UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """The api's tables (Alembic reads `Base.metadata`)."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_conversation_id() -> str:
    return uuid.uuid4().hex


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_conversation_id)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, index=True
    )
    # Handoff state owned by the api: bot, requested, with_advisor, closed, callback.
    state: Mapped[State] = mapped_column(
        _stored_as_value(State, 20), nullable=False, default=State.BOT, index=True
    )
    handoff_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # When the person last asked for a human; the queue shows how long they wait.
    handoff_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # When an advisor last took the conversation from the queue (the wait for Inzicht).
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    advisor_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("advisors.id", ondelete="SET NULL"), nullable=True
    )
    # The latest non-empty Rasa slots (redacted): the answers given in the guided checks.
    slots: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    reviewed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # SHA-256 of the person's secret for this conversation (api/conversation/token.py); null
    # for conversations from before migration 0005, which therefore cannot be continued.
    token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)

    messages: Mapped[list[Message]] = relationship(
        "Message",
        back_populates="conversation",
        order_by="Message.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    advisor: Mapped[Advisor | None] = relationship("Advisor")
    tags: Mapped[list[Tag]] = relationship(
        "Tag", order_by="Tag.name", cascade="all, delete-orphan", passive_deletes=True
    )


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, index=True
    )
    # user, bot, advisor, or system (a reply the api gave itself because the bot failed).
    sender: Mapped[Sender] = mapped_column(_stored_as_value(Sender, 10), nullable=False)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Buttons and custom payloads as the widget receives them.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # What the bot understood of a user message.
    intent: Mapped[str | None] = mapped_column(String(100), nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    # The actions the bot took in reply to a user message (utter_*, forms, custom actions).
    actions: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # On the bot answer the person is asked about: the knowledge records it states.
    knowledge: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)

    conversation: Mapped[Conversation] = relationship("Conversation", back_populates="messages")


class Feedback(Base):
    """A person's "did this answer help?" on one bot answer (at most once per answer)."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("messages.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    helpful: Mapped[bool] = mapped_column(Boolean, nullable=False)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)  # redacted
    # What the person had asked (the intent of their message before the answer), and the
    # records the answer stated, copied so Inzicht needs no join over the timeline.
    topic: Mapped[str | None] = mapped_column(String(100), nullable=True)
    knowledge: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, index=True
    )

    message: Mapped[Message] = relationship("Message")


class Advisor(Base):
    __tablename__ = "advisors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="advisor")  # or admin
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


class AdvisorSession(Base):
    """A login. Only the SHA-256 of the cookie value is stored, so a database leak is no login."""

    __tablename__ = "advisor_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    advisor_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)

    advisor: Mapped[Advisor] = relationship("Advisor")


class Callback(Base):
    """A person's request to be called back outside office hours (given with explicit consent)."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    preferred_moment: Mapped[str] = mapped_column(String(200), nullable=False)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Tag(Base):
    __tablename__ = "conversation_tags"

    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Note(Base):
    """A private note of an advisor on a conversation; never shown to the person."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True
    )
    advisor_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("advisors.id", ondelete="SET NULL"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    advisor: Mapped[Advisor | None] = relationship("Advisor")


class Correction(Base):
    """An advisor's verdict on one message: the right intent, a new intent, or wrong advice."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("messages.id", ondelete="CASCADE"), nullable=False, index=True
    )
    advisor_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("advisors.id", ondelete="SET NULL"), nullable=True
    )
    # intent (the right intent), new_intent (none fits yet), incorrect_advice (a bot answer).
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    intent: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    # An admin approved it for the training data (`make corrections` merges only those); the
    # reviewer's name is kept, as it goes into data/nlu/ with the example.
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(100), nullable=True)

    message: Mapped[Message] = relationship("Message")
    advisor: Mapped[Advisor | None] = relationship("Advisor")


class AuditEntry(Base):
    """Who viewed, exported, erased (or otherwise handled) which conversation, or changed which
    advisor account.

    No foreign keys: an entry must outlive the conversation it is about and the advisor.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, index=True
    )
    advisor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    advisor_email: Mapped[str] = mapped_column(String(254), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    conversation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    # The advisor account an account action (unlock, deactivate, ...) was about.
    account_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
