"""Search across languages: stored translations are searched like messages.

The index is one FTS5 table whose rowid carries the conversation (migration
0010); these tests check that it follows every change to messages and
translations, that a search says where it matched, and that the same holds on
PostgreSQL.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from factories import MessageFactory
from sqlalchemy import delete, select, text, update

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, SearchPlace, conversation_ids, search_places
from console.store import Store, open_store, sqlite_url
from console.store.engine import _alembic_config
from console.store.fts import highlight_spans, search_rowid, split_rowid
from console.store.models import Message, Translation
from console.translations.pipeline import translate_messages
from console.translations.service import (
    DetectionContext,
    TranslationRequest,
    save_translation,
    set_language,
)
from translation.engines import ApertiumEngine
from translation.translator import Translator


def _search(store: Store, query: str) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(search=query))


def _places(store: Store, query: str) -> dict[int, tuple[SearchPlace, ...]]:
    with store.session() as session:
        return search_places(session, query, conversation_ids(session, InboxFilter(search=query)))


def _message_id(store: Store, body: str) -> int:
    with store.session() as session:
        return int(session.scalars(select(Message.id).where(Message.text == body)).one())


def _translate(store: Store, message_id: int, language: str, body: str) -> None:
    with store.session() as session:
        save_translation(
            session, message_id, language, engine="test", engine_version="1", text=body
        )


SPANISH = "El paquete llegó roto, necesito el reembolso del dinero"


def test_apertium_translation_makes_a_spanish_message_findable_in_english(
    store: Store, message: MessageFactory
) -> None:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    ingest(
        store,
        [
            message(SPANISH, address="es@x", country="ES"),
            message("Where is my parcel?", address="en@x", country="GB"),
        ],
    )
    spanish_id = _message_id(store, SPANISH)
    # The pipeline the console runs: detect, translate with the real engine, store.
    (result,) = translate_messages(
        Translator([ApertiumEngine()]),
        [TranslationRequest(spanish_id, SPANISH, None, None)],
        "en",
        DetectionContext(candidates=("es", "en"), earlier_languages=(), country="ES"),
    )
    assert result.language == "es" and result.translation is not None
    english = result.translation.text
    assert "repayment" in english.lower() and "repayment" not in SPANISH.lower()
    with store.session() as session:
        save_translation(
            session,
            spanish_id,
            "en",
            engine=result.translation.route[0].engine,
            engine_version=result.engine_version,
            text=english,
        )
        conversation = session.get(Message, spanish_id)
        assert conversation is not None
        spanish_conversation = conversation.conversation_id

    assert _search(store, "repay") == [spanish_conversation]  # a prefix, in English
    places = _places(store, "repayment")
    assert places == {
        spanish_conversation: (SearchPlace(spanish_id, "en", english),),
    }
    assert places[spanish_conversation][0].in_translation
    # The Spanish words still find it, as written.
    (original,) = _places(store, "reembolso")[spanish_conversation]
    assert original == SearchPlace(spanish_id, None, SPANISH)
    assert not original.in_translation
    # Every term must match in the same text: one in each language finds nothing.
    assert _search(store, "reembolso repayment") == []


def test_a_chinese_translation_is_found_by_chinese_characters_inside_it(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("Quiero un reembolso", address="es@x"), message("hola", address="b@x")])
    message_id = _message_id(store, "Quiero un reembolso")
    _translate(store, message_id, "zh", "我想要退款，谢谢")
    _translate(store, message_id, "en", "I want a refund")
    (found,) = _search(store, "退款")
    assert _places(store, "退款") == {found: (SearchPlace(message_id, "zh", "我想要退款，谢谢"),)}
    assert _search(store, "refun") == [found]
    assert _search(store, "退货") == []


def test_the_index_follows_translations_and_their_messages(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("Wo ist mein Paket?", address="de@x")])
    message_id = _message_id(store, "Wo ist mein Paket?")
    _translate(store, message_id, "en", "Where is my parcel?")
    assert len(_search(store, "parcel")) == 1
    # A translation replaced by a newer one: the old words go, the new ones come.
    with store.session() as session:
        session.execute(update(Translation).values(text="Where is my package?"))
    assert _search(store, "parcel") == []
    assert len(_search(store, "package")) == 1
    # An agent corrects the language: the stale translations leave the index.
    with store.session() as session:
        set_language(session, message_id, "nl", actor="test")
    assert _search(store, "package") == []
    # A message deleted takes its translations out of the index with it.
    _translate(store, message_id, "en", "Where is my package?")
    assert len(_search(store, "package")) == 1
    with store.session() as session:
        session.execute(delete(Message))
        assert session.scalars(select(Translation.id)).all() == []
        assert session.execute(text("SELECT count(*) FROM message_fts")).scalar() == 0
        counted = text("SELECT count(*) FROM message_fts_translations")
        assert session.execute(counted).scalar() == 0
    assert _search(store, "package") == []
    assert _search(store, "Paket") == []


def test_the_index_rowid_names_conversation_and_row() -> None:
    assert split_rowid(search_rowid(2**31 - 1, 4_000_000_000)) == (2**31 - 1, 4_000_000_000)
    assert split_rowid(search_rowid(1, 7)) == (1, 7)
    # Rowids grow with the row id, whatever the conversation: FTS5 batches stay one segment.
    assert search_rowid(1, 8) > search_rowid(2**31 - 1, 7)


def test_every_stored_row_has_the_rowid_the_search_decodes(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message("one", address="a@x"), message("two", address="b@x")])
    _translate(store, _message_id(store, "two"), "fr", "deux")
    with store.session() as session:
        messages = {
            search_rowid(conversation_id, message_id)
            for message_id, conversation_id in session.execute(
                select(Message.id, Message.conversation_id)
            )
        }
        translations = {
            search_rowid(conversation_id, translation_id)
            for translation_id, conversation_id in session.execute(
                select(Translation.id, Message.conversation_id).join(Message)
            )
        }
        in_messages = set(session.scalars(text("SELECT rowid FROM message_fts")))
        in_translations = set(session.scalars(text("SELECT rowid FROM message_fts_translations")))
    assert (in_messages, in_translations) == (messages, translations)
    assert len(translations) == 1


def test_upgrading_an_older_store_indexes_its_translations(
    tmp_path: Path, message: MessageFactory
) -> None:
    store = open_store(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        # Down to 0009 while empty (a downgrade that rebuilds ``conversations`` on SQLite is
        # refused once it holds rows: with foreign keys on, dropping the old table would
        # cascade to the messages), then the old store's data as 0009 stored it.
        with store.engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0009")
            for statement in _OLD_STORE_ROWS:
                connection.execute(text(statement))
        _translate(store, _message_id(store, "Quiero un reembolso"), "en", "I want a refund")
        assert len(_search_raw(store, "reembolso")) == 1  # the old index, message ids as rowids
        with store.engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")
        assert len(_search(store, "refund")) == 1
        assert len(_search(store, "reembolso")) == 1
    finally:
        store.close()


_OLD_STORE_ROWS = (
    "INSERT INTO customers (id, name, created_at) VALUES (1, 'Ana', '2026-01-01 00:00:00')",
    "INSERT INTO conversations (id, customer_id, status, priority, preview, message_count, "
    "unread_count, awaiting_reply, last_activity_at, created_at) VALUES (1, 1, 'open', 1, "
    "'Quiero un reembolso', 1, 1, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    "INSERT INTO messages (id, conversation_id, direction, channel, sent_at, text) VALUES "
    "(1, 1, 'inbound', 'email', '2026-01-01 00:00:00', 'Quiero un reembolso')",
)


def _search_raw(store: Store, word: str) -> list[int]:
    with store.engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT rowid FROM message_fts WHERE message_fts MATCH :q"), {"q": word}
            ).scalars()
        )


@pytest.mark.parametrize(
    ("body", "query", "marked"),
    [
        ("I want a Refund now", "refun", ["Refun"]),
        ("Je veux être remboursé", "rembourse", ["remboursé"]),
        ("我想要退款，谢谢", "退款", ["退款"]),
        ("unrefundable refund", "refund", ["refund"]),  # words start where the index says
        ("Paket und Pakete", "PAKET", ["Paket", "Paket"]),
        ("", "x", []),
    ],
)
def test_highlight_marks_what_the_index_matched(body: str, query: str, marked: list[str]) -> None:
    spans = highlight_spans(body, query)
    assert [body[start:end] for start, end in spans] == marked


def test_highlight_marks_each_term_and_merges_overlaps() -> None:
    body = "Order 12: order refunded, 订单退款"
    spans = highlight_spans(body, "order refund 订单")
    assert [body[start:end] for start, end in spans] == ["Order", "order", "refund", "订单"]


def test_translations_are_searched_on_both_engines(
    any_store: Store, message: MessageFactory
) -> None:
    ingest(
        any_store,
        [message("Quiero un reembolso", address="es@x"), message("hola", address="b@x")],
    )
    message_id = _message_id(any_store, "Quiero un reembolso")
    _translate(any_store, message_id, "en", "I want a refund")
    _translate(any_store, message_id, "zh", "我想要退款")
    (found,) = _search(any_store, "refun")
    assert _search(any_store, "退款") == [found]
    assert _search(any_store, "reembolso") == [found]
    assert _places(any_store, "refund") == {
        found: (SearchPlace(message_id, "en", "I want a refund"),)
    }
    assert _search(any_store, "refund 退款") == []
