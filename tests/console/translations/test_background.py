"""Background translation: what is pending, in which order, into which languages (real store)."""

from __future__ import annotations

import shutil

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.store import Store
from console.store.coverage_tables import MarketAssignment
from console.store.models import Agent, Conversation, Market, Message, Translation
from console.translations.background import (
    PendingKey,
    load_pending,
    pending_keys,
    store_results,
    translate_pending,
    translate_slice,
    wanted_targets,
)
from translation.engines import ApertiumEngine
from translation.translator import Translator


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


def _markets(store: Store) -> dict[str, int]:
    """ES served by an agent reading zh+en; DE served by one reading zh+de; FR by nobody."""
    with store.session() as session:
        markets = {
            code: Market(code=code, name=code, countries=[code], languages=[])
            for code in ("ES", "DE", "FR")
        }
        session.add_all(markets.values())
        chen = Agent(name="Chen", languages=["zh", "en"])
        wang = Agent(name="Wang", languages=["zh", "de"])
        session.add_all([chen, wang])
        session.flush()
        session.add_all(
            [
                MarketAssignment(market_id=markets["ES"].id, agent_id=chen.id),
                MarketAssignment(market_id=markets["DE"].id, agent_id=wang.id),
            ]
        )
        return {code: market.id for code, market in markets.items()}


def test_targets_are_the_languages_of_the_agents_serving_each_market(store: Store) -> None:
    ids = _markets(store)
    with store.session() as session:
        plan = wanted_targets(session)
        assert plan == {
            "de": frozenset({ids["DE"]}),
            "en": frozenset({ids["ES"]}),
            "zh": frozenset({ids["ES"], ids["DE"]}),
        }
        seat = wanted_targets(session, seat_language="zh_CN")
        assert seat["zh"] is None  # the seat reads every conversation
        assert seat["en"] == frozenset({ids["ES"]})
        assert wanted_targets(session, only=["EN", "ja"]) == {"en": None, "ja": None}


def test_pending_is_newest_first_with_given_conversations_first(
    store: Store, message: MessageFactory
) -> None:
    ids = _markets(store)
    ingest(
        store,
        [
            message("Hola, ¿dónde está mi pedido?", address="a@x.es", country="ES", minutes=10,
                    language="es"),
            message("Quiero un reembolso", address="b@x.es", country="ES", minutes=30,
                    language="es"),
            message("Das Paket ist kaputt", address="c@x.de", country="DE", minutes=20,
                    language="de"),
            message("Bonjour, mon colis?", address="d@x.fr", country="FR", minutes=40,
                    language="fr"),
            message("Gracias", address="a@x.es", country="ES", minutes=50, language="es"),
        ],
    )  # fmt: skip
    with store.session() as session:
        by_text = {m.text: m for m in session.scalars(select(Message))}
        conv = {text: m.conversation_id for text, m in by_text.items()}
        mid = {text: m.id for text, m in by_text.items()}
        markets = {c.id: c.market_id for c in session.scalars(select(Conversation))}
        assert markets[conv["Das Paket ist kaputt"]] == ids["DE"]
        plan = {"en": frozenset({ids["ES"]})}
        newest = pending_keys(session, plan)
        assert newest == [
            PendingKey(mid["Gracias"], "en"),
            PendingKey(mid["Quiero un reembolso"], "en"),
            PendingKey(mid["Hola, ¿dónde está mi pedido?"], "en"),
        ]
        # Conversation b (on screen) before a's newer message.
        given = pending_keys(session, plan, first={conv["Quiero un reembolso"]})
        assert [key.message_id for key in given] == [
            mid["Quiero un reembolso"], mid["Gracias"], mid["Hola, ¿dónde está mi pedido?"],
        ]  # fmt: skip
        # Into the agents' languages: German into zh only (already German), French nowhere.
        full = pending_keys(session, wanted_targets(session))
        assert PendingKey(mid["Das Paket ist kaputt"], "zh") in full
        assert PendingKey(mid["Das Paket ist kaputt"], "de") not in full
        assert all(key.message_id != mid["Bonjour, mon colis?"] for key in full)
        assert full[:2] == [PendingKey(mid["Gracias"], "en"), PendingKey(mid["Gracias"], "zh")]
        assert pending_keys(session, plan, limit=1) == newest[:1]
        # A stored translation takes the message out of that language's queue.
        session.add(
            Translation(message_id=mid["Gracias"], target_language="en", engine="x",
                        engine_version="1", text="Thanks")
        )  # fmt: skip
        session.flush()
        assert pending_keys(session, plan) == newest[1:]


@pytest.fixture
def apertium() -> Translator:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    return Translator([ApertiumEngine()])


def test_translate_pending_stores_and_counts_then_nothing_is_left(
    store: Store, message: MessageFactory, apertium: Translator
) -> None:
    ingest(
        store,
        [
            message("El paquete llegó roto, quiero un reembolso.", address="a@x.es",
                    country="ES", language="es"),
            message("¿Cuándo llega mi pedido?", address="b@x.es", country="ES"),  # detected
            message("where is my order?", address="c@x.us", country="US", language="en"),
            message("注文した商品がまだ届きません", address="d@x.jp", country="JP", language="ja"),
        ],
    )  # fmt: skip
    plan = {"en": None}
    slices_seen: list[int] = []
    report = translate_pending(
        store, apertium, plan, slice_size=2,
        after_slice=lambda done: slices_seen.append(done.total.handled),
    )  # fmt: skip
    counts = report.targets["en"]
    assert (counts.translated, counts.no_model, counts.failed) == (2, 1, 0)
    assert slices_seen == [2, 1]  # three pending (the English one never was), two slices
    with store.session() as session:
        stored = session.execute(
            select(Message.text, Message.language, Translation.text, Translation.engine).join(
                Translation, Translation.message_id == Message.id
            )
        ).all()
        assert len(stored) == 2
        assert {row.language for row in stored} == {"es"}  # the detected one is recorded
        assert {row.engine for row in stored} == {"apertium"}
        texts = {row[0]: row[2] for row in stored}
        assert "package" in texts["El paquete llegó roto, quiero un reembolso."].lower()
    again = translate_pending(store, apertium, plan)
    assert again.targets["en"].translated == 0
    assert again.targets["en"].no_model == 1  # Japanese stays wanted, and says why


def test_slice_results_keep_their_keys_across_targets(
    store: Store, message: MessageFactory, apertium: Translator
) -> None:
    ingest(store, [message("Hola, gracias por todo.", country="ES", language="es")])
    with store.session() as session:
        keys = pending_keys(session, {"en": None, "es": None})
        items = load_pending(session, keys)
    assert [key.target for key in keys] == ["en"]  # already Spanish: not pending into es
    results = translate_slice(apertium, items)
    with store.session() as session:
        report = store_results(session, results)
    assert report.targets["en"].translated == 1
    assert report.translated_messages == {items[0].request.message_id}
