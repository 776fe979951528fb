"""The customer's country at ingest (from the channel, else from evidence) and the agent's
correction of country, region and city, which later ingest never overwrites."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.channels.importer import import_path
from console.customers import country as country_module
from console.customers.country import (
    AGENT,
    CHANNEL,
    PLACE_TOO_LONG,
    PLACE_UNKNOWN_COUNTRY,
    customer_place,
    set_customer_place,
)
from console.identity import linking as linking_module
from console.inbox.ingest import ingest
from console.incoming import IncomingMessage
from console.policies import policy_view
from console.policies.classifier import RequestKind
from console.problems import ProblemError
from console.store import Store
from console.store.models import AuditEntry, ChannelIdentity, Conversation, Customer, Market


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


ERASURE_NL = (
    "Beste klantenservice,\n\nIk wil dat u al mijn persoonsgegevens wist. "
    "Verwijder mijn account en mijn gegevens volgens de AVG.\n\nMet vriendelijke groet,\nSanne"
)


def _eml(
    folder: Path,
    sender: str,
    *,
    text: str = ERASURE_NL,
    date: str = "Tue, 13 Jan 2026 09:30:00 +0100",
    subject: str = "Verwijder mijn gegevens",
    name: str = "mail.eml",
) -> Path:
    raw = (
        f"From: Sanne de Vries <{sender}>\r\n"
        "To: support@shop.example\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {date}\r\n"
        f"Message-ID: <{name}.{sender}>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{text}\r\n"
    ).encode()
    path = folder / name
    path.write_bytes(raw)
    return path


def _customer_of(store: Store, address: str) -> Customer:
    with store.session() as session:
        customer = session.scalars(
            select(Customer)
            .join(ChannelIdentity, ChannelIdentity.customer_id == Customer.id)
            .where(ChannelIdentity.address == address)
        ).one()
        session.expunge(customer)
        return customer


def _add_market(store: Store, code: str, countries: list[str]) -> int:
    with store.session() as session:
        market = Market(code=code, name=code, countries=countries, languages=[])
        session.add(market)
        session.flush()
        return market.id


def test_eml_from_a_dutch_domain_gives_the_customer_nl(store: Store, tmp_path: Path) -> None:
    nl_market = _add_market(store, "NL", ["NL"])
    report = import_path(store, _eml(tmp_path, "sanne@voorbeeld.nl"))
    assert report.imported == 1

    customer = _customer_of(store, "sanne@voorbeeld.nl")
    assert customer.country == "NL"
    assert customer.country_source == "email_domain"
    assert customer.country_evidence is not None
    assert customer.country_evidence["evidence"] == "voorbeeld.nl"
    assert customer.country_evidence["certain"] is True
    with store.session() as session:
        place = customer_place(session, customer.id)
        conversation = session.scalars(
            select(Conversation).where(Conversation.customer_id == customer.id)
        ).one()
        assert conversation.market_id == nl_market  # the market follows the guessed country
    assert place is not None and place.guessed and place.certain
    assert (place.country, place.evidence) == ("NL", "voorbeeld.nl")


def test_a_dutch_erasure_request_gets_the_dutch_rules_and_deadline(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, _eml(tmp_path, "sanne@voorbeeld.nl"))
    customer = _customer_of(store, "sanne@voorbeeld.nl")
    with store.session() as session:
        conversation_id = session.scalars(
            select(Conversation.id).where(Conversation.customer_id == customer.id)
        ).one()
        view = policy_view(session, conversation_id)
    assert view is not None, "no rules for the customer's country"
    assert view.market_code == "NL"
    assert RequestKind.DATA_DELETION in view.detected
    assert view.data_request_deadline is not None
    assert any(offer.kind is RequestKind.DATA_DELETION for offer in view.offers)


def test_the_channels_country_is_kept_as_declared(store: Store, message: MessageFactory) -> None:
    ingest(store, [message(address="kai@beispiel.nl", country="DE")])
    customer = _customer_of(store, "kai@beispiel.nl")
    assert (customer.country, customer.country_source) == ("DE", CHANNEL)


def test_a_declared_country_name_is_stored_as_its_code(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message(address="kai@example.com", country="Deutschland")])
    assert _customer_of(store, "kai@example.com").country == "DE"


def test_an_international_phone_number_gives_the_country(
    store: Store, message: MessageFactory
) -> None:
    item = replace(message(address="pia@example.com", country=None), phone="+46 8 123 456 78")
    ingest(store, [item])
    customer = _customer_of(store, "pia@example.com")
    assert (customer.country, customer.country_source) == ("SE", "phone")
    assert customer.country_evidence is not None
    assert customer.country_evidence["evidence"] == "+46 8 123 456 78"


def test_date_offset_and_language_give_an_uncertain_guess_with_alternatives(
    store: Store, message: MessageFactory
) -> None:
    item = replace(
        message(address="lotte@gmail.com", country=None, language="nl"),
        date_header="Tue, 13 Jan 2026 09:30:00 +0100",
    )
    ingest(store, [item])
    with store.session() as session:
        customer_id = session.scalars(select(Customer.id)).one()
        place = customer_place(session, customer_id)
    assert place is not None
    assert (place.country, place.source, place.certain) == ("NL", "date_offset_language", False)
    assert place.guessed
    assert "BE" in place.alternatives
    assert place.evidence == "UTC+01:00 · nl"


def test_no_evidence_leaves_the_country_unknown(store: Store, message: MessageFactory) -> None:
    # No letters: no language either (text in a language is evidence since detection at ingest).
    ingest(store, [message("#4711", address="someone@gmail.com", country=None)])
    customer = _customer_of(store, "someone@gmail.com")
    assert (customer.country, customer.country_source, customer.country_evidence) == (
        None,
        None,
        None,
    )


def test_the_resolver_runs_once_per_new_customer_not_per_message(
    store: Store, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = country_module.country_at_ingest

    def counting(item: IncomingMessage) -> country_module.CountryEvidence:
        calls.append(item.address)
        return real(item)

    monkeypatch.setattr(linking_module, "country_at_ingest", counting)  # where ingest calls it
    first = [message(address="a@voorbeeld.nl", country=None) for _ in range(5)]
    first += [message(address="b@exemple.fr", country=None) for _ in range(5)]
    ingest(store, first)
    assert sorted(calls) == ["a@voorbeeld.nl", "b@exemple.fr"]
    ingest(store, [message(address="a@voorbeeld.nl", country=None) for _ in range(5)])
    assert len(calls) == 2  # a known customer costs nothing
    assert _customer_of(store, "b@exemple.fr").country == "FR"


def test_the_agent_sets_the_place_audited_and_ingest_never_overwrites_it(
    store: Store, tmp_path: Path
) -> None:
    nl = _add_market(store, "NL", ["NL"])
    be = _add_market(store, "BE", ["BE"])
    import_path(store, _eml(tmp_path, "sanne@voorbeeld.nl"))
    customer = _customer_of(store, "sanne@voorbeeld.nl")
    with store.session() as session:
        place = set_customer_place(
            session,
            customer.id,
            country="België",
            region=" Antwerpen ",
            city="Mechelen",
            actor="Mia Jansen",
        )
    assert (place.country, place.region, place.city) == ("BE", "Antwerpen", "Mechelen")
    assert (place.source, place.set_by, place.certain) == (AGENT, "Mia Jansen", True)
    assert place.set_at is not None

    # Another message from the same address, with a Dutch domain, later.
    later = _eml(
        tmp_path, "sanne@voorbeeld.nl", text="Nog een vraag.", subject="Vraag", name="two.eml"
    )
    import_path(store, later)
    with store.session() as session:
        stored = customer_place(session, customer.id)
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "set_customer_place")
        ).all()
        markets = set(
            session.scalars(
                select(Conversation.market_id).where(Conversation.customer_id == customer.id)
            )
        )
    assert stored is not None
    assert (stored.country, stored.region, stored.city, stored.source) == (
        "BE",
        "Antwerpen",
        "Mechelen",
        AGENT,
    )
    assert [(e.actor, e.entity_id) for e in entries] == [("Mia Jansen", customer.id)]
    assert entries[0].detail["previous"]["country"] == "NL"
    assert entries[0].detail["country"] == "BE"
    assert markets == {be} and nl not in markets  # the conversation follows the country


def test_an_unknown_country_or_an_overlong_city_is_refused(
    store: Store, message: MessageFactory
) -> None:
    ingest(store, [message(address="x@voorbeeld.nl", country=None)])
    customer = _customer_of(store, "x@voorbeeld.nl")
    with store.session() as session:
        with pytest.raises(ProblemError) as unknown:
            set_customer_place(
                session, customer.id, country="Narnia", region=None, city=None, actor="Mia"
            )
        assert unknown.value.problem.code == PLACE_UNKNOWN_COUNTRY
        with pytest.raises(ProblemError) as long_city:
            set_customer_place(
                session, customer.id, country="NL", region=None, city="x" * 101, actor="Mia"
            )
        assert long_city.value.problem.code == PLACE_TOO_LONG
    assert _customer_of(store, "x@voorbeeld.nl").country == "NL"


def test_an_empty_country_means_unknown(store: Store, message: MessageFactory) -> None:
    ingest(store, [message(address="y@voorbeeld.nl", country=None)])
    customer = _customer_of(store, "y@voorbeeld.nl")
    with store.session() as session:
        place = set_customer_place(
            session, customer.id, country="", region="", city="Utrecht", actor="Mia"
        )
    assert (place.country, place.region, place.city, place.source) == (
        None,
        None,
        "Utrecht",
        AGENT,
    )
