"""Every inbound message has its language once its batch is stored: detected at ingest."""

from __future__ import annotations

import shutil
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.cli import main
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids, filter_options
from console.store import Store, open_store, sqlite_url
from console.store.models import Conversation, Customer, Direction, Market, Message
from console.translations.arrival import Arrival, detect_arrivals, store_languages

SPANISH = (
    "Hola, el pedido que hice la semana pasada todavía no ha llegado. "
    "¿Me pueden decir dónde está mi paquete? Gracias."
)
GERMAN = (
    "Guten Tag, meine Bestellung ist immer noch nicht angekommen. "
    "Können Sie mir bitte sagen, wo mein Paket ist? Vielen Dank."
)


def _eml(path: Path, sender: str, subject: str, text: str, minute: int) -> Path:
    from datetime import UTC, datetime

    msg = EmailMessage()
    msg["From"] = f"Kunde <{sender}>"
    msg["To"] = "support@shop.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 3, 2, 10, minute, tzinfo=UTC))
    msg["Message-ID"] = f"<{sender.replace('@', '.')}.{minute}@mail.example>"
    msg.set_content(text)
    path.write_bytes(msg.as_bytes())
    return path


def test_cli_import_of_spanish_and_german_mail_fills_the_language_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite_url(tmp_path / "s.sqlite3")
    spanish = _eml(tmp_path / "es.eml", "lucia@correo.example", "Mi pedido", SPANISH, 1)
    german = _eml(tmp_path / "de.eml", "jonas@post.example", "Meine Bestellung", GERMAN, 2)
    for path in (spanish, german):
        assert main(["import", str(path), "--db", db]) == 0
    assert capsys.readouterr().out.count("imported 1,") == 2
    store = open_store(db)
    try:
        with store.session() as session:
            options = filter_options(session)
            assert {"es", "de"} <= set(options.languages)
            found = conversation_ids(session, InboxFilter(language="es"))
            subjects = session.scalars(
                select(Conversation.subject).where(Conversation.id.in_(found))
            ).all()
            assert subjects == ["Mi pedido"]
            assert [
                session.scalars(select(Conversation.subject).where(Conversation.id.in_(ids))).all()
                for ids in [conversation_ids(session, InboxFilter(language="de"))]
            ] == [["Meine Bestellung"]]
            rows = session.execute(
                select(Message.subject, Message.language, Message.language_source).order_by(
                    Message.id
                )
            ).all()
            assert [tuple(row) for row in rows] == [
                ("Mi pedido", "es", "detected"),
                ("Meine Bestellung", "de", "detected"),
            ]
    finally:
        store.close()


def test_ingest_detects_inbound_keeps_given_and_marks_undetermined(
    store: Store, message: MessageFactory
) -> None:
    ingest(
        store,
        [
            message(SPANISH, address="a@example.com", name="A"),
            message("#4711 · 12/03", address="b@example.com", name="B"),  # no letters: undetermined
            message(
                "Bonjour", address="c@example.com", name="C", language="fr"
            ),  # the channel said so
            message(GERMAN, address="a@example.com", direction=Direction.OUTBOUND),
        ],
    )
    with store.session() as session:
        rows = session.execute(
            select(
                Message.text, Message.language, Message.language_source, Message.direction
            ).order_by(Message.id)
        ).all()
        got = {
            text[:7]: (language, source, direction) for text, language, source, direction in rows
        }
        assert got["Hola, e"] == ("es", "detected", Direction.INBOUND)
        assert got["#4711 ·"] == ("und", "detected", Direction.INBOUND)
        assert got["Bonjour"] == ("fr", None, Direction.INBOUND)
        assert got["Guten T"] == (None, None, Direction.OUTBOUND)  # replies are not guessed
        languages = {
            customer: language
            for customer, language in session.execute(
                select(Customer.name, Conversation.language).join(
                    Customer, Customer.id == Conversation.customer_id
                )
            )
        }
        # "und" never becomes a conversation's language: the inbox filter lists real ones.
        assert sorted(filter_options(session).languages) == ["es", "fr"]
        assert languages == {"A": "es", "B": None, "C": "fr"}


def test_detected_language_feeds_a_new_customers_country_guess(
    store: Store, message: MessageFactory
) -> None:
    ingest(
        store,
        [
            message(GERMAN, address="jonas@gmail.com", name="Jonas", country=None),
            message("12345 67890", address="kim@gmail.com", name="Kim", country=None),
        ],
    )
    with store.session() as session:
        places = dict(
            session.execute(
                select(Customer.name, Customer.country_source).order_by(Customer.id)
            ).all()
        )
        countries = dict(session.execute(select(Customer.name, Customer.country)).all())
    assert countries["Jonas"] == "DE" and places["Jonas"] == "language"
    # An undetermined language is no evidence: no country is made up from it.
    assert countries["Kim"] is None and places["Kim"] is None


def test_store_markets_limit_the_candidates_and_the_country_tips_short_texts(
    store: Store,
) -> None:
    with store.session() as session:
        assert store_languages(session) == ()
        session.add(Market(code="PT", name="Portugal", countries=["PT"], languages=["pt", "en"]))
        session.add(Market(code="ES", name="Spain", countries=["ES"], languages=["es", "en"]))
        session.flush()
        candidates = store_languages(session)
    assert candidates == ("pt", "en", "es")
    found = detect_arrivals(
        [Arrival(SPANISH), Arrival(SPANISH), Arrival("obrigado"), Arrival("🙂")],
        candidates,
    )
    assert [d.language for d in found] == ["es", "es", "pt", "und"]
    assert found[0] is found[1]  # one detection per distinct text
    orders = detect_arrivals([Arrival("Wo ist A-1001?"), Arrival("Wo ist A-2002?")], ("de", "en"))
    assert orders[0] is orders[1]  # order numbers are no part of the language
    assert all(d.language in (*candidates, "und") for d in found)


@pytest.mark.skipif(
    shutil.which("apertium") is None, reason="Apertium is not installed (.ci/setup installs it)"
)
def test_undetermined_at_arrival_is_detected_again_with_the_thread_context() -> None:
    from console.translations.pipeline import translate_messages
    from console.translations.service import DetectionContext, TranslationRequest
    from translation.engines import ApertiumEngine
    from translation.translator import Translator

    context = DetectionContext(candidates=("es", "en"), earlier_languages=("es",), country="ES")
    [result] = translate_messages(
        Translator([ApertiumEngine()]),
        [TranslationRequest(7, "¿y mi paquete?", "und", 0.0)],
        "en",
        context,
    )
    assert result.language == "es" and result.detection is not None
    assert result.translation is not None and result.problem is None
