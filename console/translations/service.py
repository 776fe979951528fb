"""The store side of translation (Qt-free).

The console translates on its own thread (CPU work) and stores on the store
thread; these functions are the two halves' contract: plain data in, plain
data out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console import audit
from console.store.models import Conversation, Direction, Market, Message, Translation

#: Below this a detected language is shown as uncertain and offered for correction.
LOW_CONFIDENCE = 0.7


@dataclass(frozen=True)
class TranslationView:
    """A stored translation of a message, as the thread shows it."""

    target_language: str
    engine: str
    text: str


@dataclass(frozen=True)
class TranslationRequest:
    """A stored message that has no translation into the agent's language yet."""

    message_id: int
    text: str
    language: str | None
    confidence: float | None


@dataclass(frozen=True)
class DetectionContext:
    """What helps to detect short messages: the store's languages and the thread's."""

    candidates: tuple[str, ...]
    earlier_languages: tuple[str, ...]
    country: str | None


def pending_requests(
    session: Session, conversation_id: int, target: str
) -> list[TranslationRequest]:
    """Inbound messages of the conversation without a translation into ``target``, newest first."""
    translated = select(Translation.message_id).where(Translation.target_language == target)
    rows = session.execute(
        select(Message.id, Message.text, Message.language, Message.language_confidence)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.INBOUND,
            Message.id.not_in(translated),
        )
        .order_by(Message.sent_at.desc(), Message.id.desc())
    )
    return [
        TranslationRequest(message_id, text, language, confidence)
        for message_id, text, language, confidence in rows
        if text.strip() and language != target
    ]


def detection_context(session: Session, conversation_id: int) -> DetectionContext:
    languages: list[str] = []
    for market_languages in session.scalars(select(Market.languages)):
        languages.extend(lang for lang in market_languages if lang not in languages)
    conversation = session.get(Conversation, conversation_id)
    earlier = session.scalars(
        select(Message.language).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.INBOUND,
            Message.language.is_not(None),
            Message.language != "und",  # undetermined at arrival: no evidence
        )
    )
    return DetectionContext(
        candidates=tuple(languages),
        earlier_languages=tuple(lang for lang in earlier if lang),
        country=conversation.customer.country if conversation else None,
    )


def record_detection(session: Session, message_id: int, language: str, confidence: float) -> None:
    """Store a detected language, unless an agent has already set one."""
    message = session.get(Message, message_id)
    if message is None or message.language_source == "agent":
        return
    message.language = language
    message.language_confidence = confidence
    message.language_source = "detected"


def set_language(session: Session, message_id: int, language: str, *, actor: str) -> None:
    """An agent's correction: it wins over detection, and stale translations go."""
    message = session.get(Message, message_id)
    if message is None:
        raise ValueError(f"Message {message_id} no longer exists.")
    previous = message.language
    message.language = language
    message.language_confidence = 1.0
    message.language_source = "agent"
    session.execute(delete(Translation).where(Translation.message_id == message_id))
    audit.record(
        session,
        actor=actor,
        action="set_language",
        entity="message",
        entity_id=message_id,
        previous=previous,
        language=language,
    )


def save_translation(
    session: Session,
    message_id: int,
    target: str,
    *,
    engine: str,
    engine_version: str,
    text: str,
) -> TranslationView | None:
    """Keep a translation of a message (replacing one from the same engine version)."""
    if session.get(Message, message_id) is None:
        return None  # deleted meanwhile
    session.execute(
        delete(Translation).where(
            Translation.message_id == message_id,
            Translation.target_language == target,
            Translation.engine == engine,
            Translation.engine_version == engine_version,
        )
    )
    session.add(
        Translation(
            message_id=message_id,
            target_language=target,
            engine=engine,
            engine_version=engine_version,
            text=text,
        )
    )
    return TranslationView(target, engine, text)
