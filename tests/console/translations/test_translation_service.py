"""The store side of translation: what to translate, detections, overrides, saving."""

from __future__ import annotations

from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import AuditEntry, Conversation, Direction, Market, Message, Translation
from console.translations.service import (
    detection_context,
    pending_requests,
    record_detection,
    save_translation,
    set_language,
)


def _thread(store: Store, message: MessageFactory) -> tuple[int, list[int]]:
    ingest(
        store,
        [
            message("¿Dónde está mi pedido?", minutes=1, language="es", country="ES"),
            message("Lo enviamos ayer.", minutes=2, direction=Direction.OUTBOUND),
            message("ok gracias", minutes=3),
            message("   ", minutes=4),
            message("where is it", minutes=5, language="zh"),
        ],
    )
    with store.session() as session:
        session.add(Market(code="IB", name="Iberia", countries=["ES"], languages=["es", "pt"]))
        conversation_id = session.scalars(select(Conversation.id)).one()
        ids = list(session.scalars(select(Message.id).order_by(Message.sent_at)))
    return conversation_id, ids


def test_pending_requests_are_inbound_untranslated_newest_first(
    store: Store, message: MessageFactory
) -> None:
    conversation_id, ids = _thread(store, message)
    with store.session() as session:
        requests = pending_requests(session, conversation_id, "zh")
    # Outbound, blank and already-in-the-target-language messages are skipped.
    assert [r.message_id for r in requests] == [ids[2], ids[0]]
    # "ok gracias" came without a language: it was detected as it arrived.
    assert requests[1].language == "es" and requests[0].language == "es"

    with store.session() as session:
        save_translation(
            session, ids[0], "zh", engine="apertium", engine_version="1", text="我的订单在哪里？"
        )
    with store.session() as session:
        assert [r.message_id for r in pending_requests(session, conversation_id, "zh")] == [ids[2]]


def test_saving_again_replaces_the_same_engine_version(
    store: Store, message: MessageFactory
) -> None:
    _, ids = _thread(store, message)
    for text in ("first", "second"):
        with store.session() as session:
            view = save_translation(
                session, ids[0], "en", engine="argos", engine_version="1.0", text=text
            )
    assert view is not None and view.text == "second"
    with store.session() as session:
        assert session.scalars(select(Translation.text)).all() == ["second"]
        assert (
            save_translation(session, 999, "en", engine="x", engine_version="1", text="t") is None
        )


def test_agent_correction_wins_over_detection_and_clears_translations(
    store: Store, message: MessageFactory
) -> None:
    _, ids = _thread(store, message)
    with store.session() as session:
        save_translation(
            session, ids[2], "en", engine="apertium", engine_version="1", text="ok thanks"
        )
        set_language(session, ids[2], "es", actor="Chen Jing")
    with store.session() as session:
        record_detection(session, ids[2], "pt", 0.55)  # a later detection must not undo it
    with store.session() as session:
        corrected = session.get(Message, ids[2])
        assert corrected is not None
        assert (corrected.language, corrected.language_source) == ("es", "agent")
        assert session.scalars(select(Translation)).all() == []
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "set_language")).one()
        assert entry.detail == {"previous": "es", "language": "es"}  # "es" detected at arrival


def test_detection_context_has_market_languages_and_thread_history(
    store: Store, message: MessageFactory
) -> None:
    conversation_id, ids = _thread(store, message)
    with store.session() as session:
        record_detection(session, ids[2], "es", 0.93)
    with store.session() as session:
        context = detection_context(session, conversation_id)
    assert context.candidates == ("es", "pt")
    assert sorted(context.earlier_languages) == ["es", "es", "zh"]
    assert context.country == "ES"
