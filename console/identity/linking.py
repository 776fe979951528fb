"""Which customer wrote a message: by channel identity, then by e-mail, phone or order number.

Rules (applied to each incoming message, in this order):

1. The channel identity ``(channel, address)`` is known: that customer.
2. Otherwise a *certain* key is known: the same e-mail address, or the same
   phone number once normalised to E.164 (``phonenumbers``). The new identity
   is linked to that customer automatically.
3. Otherwise the same order number with the same customer name: linked too.
   The same order number under another name is not certain (a gift, a
   shared account, a typo): a new customer is made and a merge suggestion
   offered.
4. Otherwise a new customer.

A key that already belongs to another *existing* customer (two histories that
turn out to share an e-mail or a phone) is never merged silently: it becomes a
merge suggestion, because merging two histories is an agent's decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import phonenumbers
from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.dialects import postgresql as postgresql_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.customers.country import country_at_ingest
from console.incoming import IncomingMessage
from console.store.channel_tables import CustomerKey, MergeSuggestion
from console.store.lookup import rows_with_keys
from console.store.models import ADDRESS_CHARS, ChannelIdentity, ChannelKind, Customer, utcnow

CERTAIN_KINDS = ("email", "phone")
_CUSTOMERS = cast(Table, Customer.__table__)
_IDENTITIES = cast(Table, ChannelIdentity.__table__)
_KEYS = cast(Table, CustomerKey.__table__)
_SUGGESTIONS = cast(Table, MergeSuggestion.__table__)
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def normalize_email(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().strip("<>").strip().lower()
    return value if _EMAIL.match(value) else None


def normalize_phone(value: str | None, country: str | None = None) -> str | None:
    """E.164 (``+4915123456789``) when the number is valid, else None."""
    if not value or not any(ch.isdigit() for ch in value):
        return None
    try:
        number = phonenumbers.parse(value, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_order(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = "".join(value.split()).lstrip("#").upper()
    return cleaned or None


Key = tuple[str, str]


def keys_of(item: IncomingMessage) -> list[Key]:
    keys: list[Key] = []
    emails = [item.email]
    if item.channel is ChannelKind.EMAIL:
        emails.insert(0, item.address)
    for raw in emails:
        email = normalize_email(raw)
        if email and ("email", email) not in keys:
            keys.append(("email", email))
    phones = [item.phone]
    if item.channel is ChannelKind.PHONE:
        phones.insert(0, item.address)
    for raw in phones:
        phone = normalize_phone(raw, item.customer.country)
        if phone and ("phone", phone) not in keys:
            keys.append(("phone", phone))
    order = normalize_order(item.order_number)
    if order:
        keys.append(("order", order))
    return keys


@dataclass
class _New:
    """A customer to be created at the end of the batch (placeholder id < 0)."""

    placeholder: int
    item: IncomingMessage


def resolve_customers(session: Session, items: Sequence[IncomingMessage]) -> list[int]:
    """The customer id of each item (aligned with ``items``), creating and linking as needed."""
    item_keys = [keys_of(item) for item in items]
    identities: dict[tuple[ChannelKind, str], int] = {}
    pairs = {(item.channel, item.address) for item in items}
    if pairs:
        for channel, address, owner in rows_with_keys(
            session,
            select(ChannelIdentity.kind, ChannelIdentity.address, ChannelIdentity.customer_id),
            (ChannelIdentity.kind, ChannelIdentity.address),
            pairs,
        ):
            identities[(ChannelKind(channel), address)] = owner
    known_keys: dict[Key, int] = {}
    all_keys = {key for keys in item_keys for key in keys}
    if all_keys:
        for key_kind, value, key_owner in rows_with_keys(
            session,
            select(CustomerKey.kind, CustomerKey.value, CustomerKey.customer_id),
            (CustomerKey.kind, CustomerKey.value),
            all_keys,
        ):
            known_keys[(key_kind, value)] = key_owner
    names = _names(session, {cid for cid in known_keys.values() if cid > 0})

    new: list[_New] = []
    new_identities: dict[tuple[ChannelKind, str], int] = {}
    new_keys: dict[Key, int] = {}
    suggestions: dict[tuple[int, int], str] = {}
    result: list[int] = []
    for item, keys in zip(items, item_keys, strict=True):
        pair = (item.channel, item.address)
        found = identities.get(pair)
        if found is None:
            found = _by_keys(item, keys, known_keys, names, suggestions)
        if found is None:
            placeholder = -(len(new) + 1)
            new.append(_New(placeholder, item))
            names[placeholder] = item.customer.name
            found = placeholder
        customer_id = found
        if pair not in identities:
            identities[pair] = customer_id
            new_identities[pair] = customer_id
        for key in keys:
            holder = known_keys.get(key)
            if holder is None:
                known_keys[key] = customer_id
                new_keys[key] = customer_id
            elif holder != customer_id:
                # Both keep their history; an agent decides.
                suggestions.setdefault((holder, customer_id), _reason(key))
        result.append(customer_id)

    real = _create_customers(session, new)
    # Another transaction may have stored the same identity or key since they were read
    # above: they are inserted "if absent", then read back, so each exists once and the
    # owner stored first wins (rule 1), on SQLite and on PostgreSQL alike.
    wanted = {pair: real.get(cid, cid) for pair, cid in new_identities.items()}
    owners = _claim_identities(session, wanted)
    replaced = _drop_unused_customers(session, set(real.values()), wanted, owners)

    def final(cid: int) -> int:
        cid = real.get(cid, cid)
        return replaced.get(cid, cid)

    result = [
        owners.get((item.channel, item.address)) or final(cid)
        for item, cid in zip(items, result, strict=True)
    ]
    if new_keys:
        wanted_keys = {key: final(cid) for key, cid in new_keys.items()}
        holders = _claim_keys(session, wanted_keys)
        for key, holder in holders.items():
            if holder != wanted_keys[key]:
                # Someone else stored this key meanwhile: both keep their history.
                suggestions.setdefault((holder, wanted_keys[key]), _reason(key))
    if suggestions:
        suggest(session, {(final(a), final(b)): reason for (a, b), reason in suggestions.items()})
    return result


def _insert_if_absent(
    session: Session, table: Table, rows: list[dict[str, object]], unique: tuple[str, ...]
) -> None:
    """Insert ``rows``, skipping any whose ``unique`` columns are already stored."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(
            sqlite_dialect.insert(table).on_conflict_do_nothing(index_elements=list(unique)), rows
        )
        return
    if dialect == "postgresql":
        session.execute(
            postgresql_dialect.insert(table).on_conflict_do_nothing(index_elements=list(unique)),
            rows,
        )
        return
    for row in rows:  # any other database: one savepoint per row
        try:
            with session.begin_nested():
                session.execute(insert(table), [row])
        except IntegrityError:
            continue


def _claim_identities(
    session: Session, wanted: dict[tuple[ChannelKind, str], int]
) -> dict[tuple[ChannelKind, str], int]:
    """Store the wanted identities where absent; returns every wanted pair's actual owner."""
    if not wanted:
        return {}
    _insert_if_absent(
        session,
        _IDENTITIES,
        [
            {"customer_id": cid, "kind": kind, "address": address}
            for (kind, address), cid in wanted.items()
        ],
        ("kind", "address"),
    )
    return {
        (ChannelKind(kind), address): owner
        for kind, address, owner in rows_with_keys(
            session,
            select(_IDENTITIES.c.kind, _IDENTITIES.c.address, _IDENTITIES.c.customer_id),
            (_IDENTITIES.c.kind, _IDENTITIES.c.address),
            list(wanted),
        )
    }


def _claim_keys(session: Session, wanted: dict[Key, int]) -> dict[Key, int]:
    """Store the wanted keys where absent; returns every wanted key's actual holder."""
    _insert_if_absent(
        session,
        _KEYS,
        [
            {"customer_id": cid, "kind": kind, "value": value}
            for (kind, value), cid in wanted.items()
        ],
        ("kind", "value"),
    )
    return {
        (kind, value): holder
        for kind, value, holder in rows_with_keys(
            session,
            select(_KEYS.c.kind, _KEYS.c.value, _KEYS.c.customer_id),
            (_KEYS.c.kind, _KEYS.c.value),
            list(wanted),
        )
    }


def _drop_unused_customers(
    session: Session,
    created: set[int],
    wanted: dict[tuple[ChannelKind, str], int],
    owners: dict[tuple[ChannelKind, str], int],
) -> dict[int, int]:
    """Delete customers made here whose identities all went to another customer.

    Returns each deleted customer's replacement: the owner of its first identity.
    """
    if not created:
        return {}
    kept = {owner for owner in owners.values() if owner in created}
    replaced: dict[int, int] = {}
    for pair, cid in wanted.items():
        if cid in created and cid not in kept and pair in owners:
            replaced.setdefault(cid, owners[pair])
    if replaced:
        session.execute(delete(_CUSTOMERS).where(_CUSTOMERS.c.id.in_(list(replaced))))
    return replaced


def _by_keys(
    item: IncomingMessage,
    keys: list[Key],
    known: dict[Key, int],
    names: dict[int, str],
    suggestions: dict[tuple[int, int], str],
) -> int | None:
    certain = sorted({known[key] for key in keys if key[0] in CERTAIN_KINDS and key in known})
    if certain:
        for other in certain[1:]:
            suggestions.setdefault((certain[0], other), "same e-mail or phone number")
        return certain[0]
    for key in keys:
        owner = known.get(key)
        if (
            key[0] == "order"
            and owner is not None
            and _same_name(names.get(owner, ""), item.customer.name)
        ):
            return owner
            # Not certain: the caller makes a new customer; the key conflict
            # found there becomes a suggestion.
    return None


def _same_name(a: str, b: str) -> bool:
    return bool(a) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _reason(key: Key) -> str:
    kind, value = key
    label = {"email": "same e-mail address", "phone": "same phone number"}.get(
        kind, "same order number"
    )
    return f"{label} {value}"


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
    return {customer_id: name for customer_id, name in rows}


def _create_customers(session: Session, new: list[_New]) -> dict[int, int]:
    if not new:
        return {}
    now = utcnow()
    ids = session.scalars(
        insert(_CUSTOMERS).returning(_CUSTOMERS.c.id, sort_by_parameter_order=True),
        [
            {
                "name": entry.item.customer.name,
                # The channel's country, else the evidence's guess: once per new customer.
                **country_at_ingest(entry.item).columns(),
                "region": entry.item.customer.region,
                "city": entry.item.customer.city,
                "address": (entry.item.customer.address or "")[:ADDRESS_CHARS] or None,
                "locale": entry.item.customer.locale,
                "preferred_language": entry.item.customer.preferred_language,
                "time_zone": entry.item.customer.time_zone,
                "created_at": now,
            }
            for entry in new
        ],
    ).all()
    return {entry.placeholder: real for entry, real in zip(new, ids, strict=True)}


def suggest(session: Session, pairs: dict[tuple[int, int], str]) -> int:
    """Record merge suggestions (each unordered pair once); returns how many are new."""
    wanted = {(min(a, b), max(a, b)): reason for (a, b), reason in pairs.items() if a != b}
    if not wanted:
        return 0
    existing = set(
        session.execute(
            select(MergeSuggestion.customer_a_id, MergeSuggestion.customer_b_id).where(
                or_(
                    *(
                        (MergeSuggestion.customer_a_id == a) & (MergeSuggestion.customer_b_id == b)
                        for a, b in wanted
                    )
                )
            )
        ).all()
    )
    rows = [
        {
            "customer_a_id": a,
            "customer_b_id": b,
            "reason": reason[:500],
            "status": "open",
            "created_at": utcnow(),
        }
        for (a, b), reason in wanted.items()
        if (a, b) not in existing
    ]
    if rows:
        session.execute(insert(_SUGGESTIONS), rows)
    return len(rows)
