"""The reply library: variants, staleness, drafting with Apertium, finding and suggesting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import MessageFactory

from console.problems import ProblemError
from console.replies import (
    EntryView,
    approve_variant,
    draft_source,
    draft_text,
    draft_variant,
    library_languages,
    list_entries,
    render,
    reply_context,
    save_draft,
    save_entry,
    search,
    set_variant,
    suggest,
)
from console.replies.library import NO_DRAFT_ROUTE
from console.store import Store
from console.store.models import Agent, Market
from translation.engines import ApertiumEngine
from translation.translator import Translator


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


@pytest.fixture
def apertium_required() -> None:
    """Apertium is part of the project's setup (.ci/setup installs it): fail, not skip."""
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    assert Path("/usr/share/apertium/modes/eng-spa.mode").exists(), "run .ci/setup"


RETURN_EN = (
    "Hello {customer_name}, you can return order {order_number} until "
    "{withdrawal_deadline}. We will send you a return label."
)


def _seed(store: Store) -> int:
    with store.session() as session:
        entry = save_entry(
            session,
            "return_label",
            category="return",
            keywords=["label", "etiqueta"],
            source_language="en",
            variants={
                "en": RETURN_EN,
                "zh": "您好 {customer_name}，您可以在 {withdrawal_deadline} 之前退回订单 {order_number}。",
            },
        )
        save_entry(
            session,
            "data_export",
            category="data_request",
            keywords=["privacy"],
            source_language="en",
            variants={"en": "We will send a copy of your data before {data_request_deadline}."},
        )
        return entry.id


def test_apertium_drafts_a_spanish_variant_with_its_variables_intact(
    store: Store, apertium_required: None
) -> None:
    entry_id = _seed(store)
    translator = Translator([ApertiumEngine()])
    with store.session() as session:
        draft_variant(session, translator, entry_id, "es")
    entry = next(e for e in list_entries_of(store) if e.id == entry_id)
    spanish = entry.variants["es"]
    assert spanish.machine_draft and not spanish.stale
    for name in ("{customer_name}", "{order_number}", "{withdrawal_deadline}"):
        assert spanish.text.count(name) == 1, spanish.text
    assert spanish.text.startswith("Hola") and "enviaremos" in spanish.text, spanish.text
    assert "label" not in spanish.text
    filled = render(spanish.text, {"customer_name": "Lucía", "order_number": "A-1042"})
    assert "Lucía" in filled and "A-1042" in filled and "{withdrawal_deadline}" in filled


def list_entries_of(store: Store) -> list[EntryView]:
    with store.session() as session:
        return list_entries(session)


def test_a_variant_goes_stale_when_the_source_changes_and_fresh_when_approved(
    store: Store,
) -> None:
    entry_id = _seed(store)
    assert not list_entries_of(store)[1].variants["zh"].stale
    with store.session() as session:
        set_variant(session, entry_id, "en", RETURN_EN + " Thank you!")
    zh = next(e for e in list_entries_of(store) if e.id == entry_id).variants["zh"]
    assert zh.stale and not zh.machine_draft
    with store.session() as session:
        approve_variant(session, entry_id, "zh", by="Mei")
    zh = next(e for e in list_entries_of(store) if e.id == entry_id).variants["zh"]
    assert not zh.stale
    # Writing the source again with the same text changes nothing.
    with store.session() as session:
        set_variant(session, entry_id, "en", RETURN_EN + " Thank you!")
    assert not next(e for e in list_entries_of(store) if e.id == entry_id).variants["zh"].stale


def test_drafting_without_an_engine_says_which_pair_is_missing(store: Store) -> None:
    entry_id = _seed(store)
    with store.session() as session, pytest.raises(ProblemError) as caught:
        draft_variant(session, Translator([]), entry_id, "es")
    assert caught.value.problem.code == NO_DRAFT_ROUTE
    assert "es" not in next(e for e in list_entries_of(store) if e.id == entry_id).variants


def test_words_in_any_language_find_the_reply(store: Store) -> None:
    _seed(store)
    entries = list_entries_of(store)
    assert [e.key for e in search(entries, "退回")] == ["return_label"]
    assert [e.key for e in search(entries, "ETIQUETA")] == ["return_label"]
    assert [e.key for e in search(entries, "copy data")] == ["data_export"]
    assert search(entries, "nothing-like-this") == []


def test_a_return_request_suggests_the_return_replies(
    store: Store, message: MessageFactory
) -> None:
    from console.inbox.ingest import ingest

    _seed(store)
    ingest(store, [message(text="Quiero devolver el pedido, desisto del contrato.")])
    ingest(
        store,
        [message(address="b@example.com", text="Please delete my personal data under GDPR.")],
    )
    from sqlalchemy import select

    from console.store.models import Conversation

    with store.session() as session:
        ids = list(session.scalars(select(Conversation.id).order_by(Conversation.id)))
        first, second = reply_context(session, ids[0]), reply_context(session, ids[1])
    assert first.suggested == ("return",)
    assert [
        e.key for e in suggest(first.entries, ["Quiero devolver el pedido, desisto del contrato."])
    ] == ["return_label"]
    assert second.suggested == ("data_request",)
    assert first.variables["customer_name"]


def test_a_draft_made_off_the_store_lane_is_stale_if_the_source_moved_on_meanwhile(
    store: Store, apertium_required: None
) -> None:
    entry_id = _seed(store)
    translator = Translator([ApertiumEngine()])
    with store.session() as session:
        source = draft_source(session, entry_id)
    text = draft_text(translator, source.text, source.language, "es", source.key)
    with store.session() as session:  # the source changes while the engine works
        set_variant(session, entry_id, "en", RETURN_EN + " Thank you.")
    with store.session() as session:
        save_draft(session, source, "es", text)
    spanish = next(e for e in list_entries_of(store) if e.id == entry_id).variants["es"]
    assert spanish.machine_draft and spanish.stale
    assert "{withdrawal_deadline}" in spanish.text


def test_the_library_speaks_the_markets_and_agents_languages(store: Store) -> None:
    _seed(store)
    with store.session() as session:
        session.add(Market(code="DACH", name="DACH", countries=["DE"], languages=["de"]))
        session.add(Agent(name="Kim", languages=["ko", "en"]))
        session.commit()
    with store.session() as session:
        assert library_languages(session) == ["de", "en", "ko", "zh"]
