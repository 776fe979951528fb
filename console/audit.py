"""The append-only audit log: who did what to which record, and when.

The log is tamper-evident: the store chains every entry to the one before by a hash
(``console/store/audit_hash.py``, migration 0020) and ``support-console audit verify``
checks the chain (``console/privacy/audit_chain.py``).

**Entries are written when the transaction commits**, after everything else it
changed: :func:`record` keeps the entry with the session and a ``before_commit``
hook inserts it last. On PostgreSQL the insert takes the chain head's row lock
until the commit, so a transaction that holds it must wait for nothing else, or two
seats could deadlock (one holding the head and waiting for a conversation row the
other holds while it waits for the head). An entry recorded inside a savepoint that
is rolled back is dropped with it. A query of the log in the recording transaction
still sees its entries (they are written then, before the query).

**Details hold ids, codes and counts, never a customer's personal data** (an e-mail
address, a phone number, a name, a message text): erasing a customer must not need
to change this append-only log. :func:`record` scrubs e-mail addresses and phone
numbers from free-text values as a last guard.

Action names other features use (sign-in, reveal, export, erasure, roles and scope)
are constants here, with a helper each.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from console.store.models import AuditEntry, utcnow

#: Who a change is recorded for when no person is known (a seat before anyone is chosen).
UNKNOWN_ACTOR = "unknown agent"

# -- Action names --------------------------------------------------------------------------
#: A person signed in (team mode); entity "agent", entity_id their id.
SIGN_IN = "sign_in"
#: A sign-in was refused (wrong password, disabled, expired); entity "agent" if known.
SIGN_IN_REFUSED = "sign_in_refused"
SIGN_OUT = "sign_out"
#: A person opened a conversation in the window; entity "conversation".
CONVERSATION_OPENED = "open_conversation"
#: A masked value was shown for a stated reason; entity "customer", detail: field, reason.
REVEAL = "reveal"
#: A data-subject export (entity "customer"); the name console/privacy/subject_export.py uses.
CUSTOMER_EXPORT = "customer_export"
#: A data-subject erasure (entity "customer"); the name console/privacy/subject_erase.py uses.
CUSTOMER_ERASE = "customer_erase"
#: A retention run erased a market's old conversations; the name console/privacy/retention.py uses.
RETENTION_RUN = "retention_apply"
#: A person's role changed (entity "agent"; detail: role_before, role).
ROLE_CHANGED = "role_changed"
#: A person's scope changed: queues, markets, vendor, masking (entity "agent").
SCOPE_CHANGED = "scope_changed"

#: Actions that concern data protection (the audit viewer lists them first).
PRIVACY_ACTIONS = (
    SIGN_IN,
    SIGN_IN_REFUSED,
    SIGN_OUT,
    CONVERSATION_OPENED,
    REVEAL,
    CUSTOMER_EXPORT,
    CUSTOMER_ERASE,
    RETENTION_RUN,
    ROLE_CHANGED,
    SCOPE_CHANGED,
)

_PENDING = "console.audit.pending"
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+\d[\d ()./-]{6,}\d")  # international form: +49 171 1234567
_SCRUBBED_EMAIL = "[e-mail]"
_SCRUBBED_PHONE = "[phone]"


def actor_name(agent: object | None) -> str:
    """The name an audit entry records for ``agent`` (anything with a ``name``), or the unknown."""
    name = getattr(agent, "name", None)
    return name if isinstance(name, str) and name else UNKNOWN_ACTOR


def scrub(value: Any) -> Any:
    """``value`` with e-mail addresses and phone numbers in its texts replaced by a marker.

    A last guard for free text (a reason typed by a person): callers pass ids, not
    addresses. Phone numbers are caught in their international form (``+`` and at least
    eight digits); order and tracking numbers, dates and times stay.
    """
    if isinstance(value, str):
        if "@" in value:
            value = _EMAIL.sub(_SCRUBBED_EMAIL, value)
        if "+" in value:
            value = _PHONE.sub(_phone_marker, value)
        return value
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    return value


def _phone_marker(match: re.Match[str]) -> str:
    text = match.group(0)
    return _SCRUBBED_PHONE if sum(c.isdigit() for c in text) >= 8 else text


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    **detail: Any,
) -> None:
    """Record an audit entry; it is written when ``session`` commits (see the module text)."""
    entry = AuditEntry(
        at=utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=scrub(detail),
    )
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_PENDING, []).append((transaction, entry))


def pending(session: Session) -> list[AuditEntry]:
    """The entries recorded in ``session`` and not written yet (for tests and previews)."""
    return [entry for _transaction, entry in session.info.get(_PENDING, ())]


# -- Helpers for the actions other features audit -------------------------------------------


def record_sign_in(session: Session, *, person_id: int, actor: str, seat: str = "") -> None:
    """A person signed in (``seat``: the computer or client, never the password)."""
    record(session, actor=actor, action=SIGN_IN, entity="agent", entity_id=person_id, seat=seat)


def record_sign_in_refused(
    session: Session, *, login: str, reason: str, person_id: int | None = None
) -> None:
    """A sign-in was refused; ``login`` is the login role tried, ``reason`` a code
    (``"password"``, ``"disabled"``, ``"expired"``, ``"unknown"``)."""
    record(
        session,
        actor=login or UNKNOWN_ACTOR,
        action=SIGN_IN_REFUSED,
        entity="agent",
        entity_id=person_id,
        reason=reason,
    )


def record_sign_out(session: Session, *, person_id: int, actor: str) -> None:
    record(session, actor=actor, action=SIGN_OUT, entity="agent", entity_id=person_id)


def record_conversation_opened(session: Session, *, conversation_id: int, actor: str) -> None:
    """A person opened a conversation (the window's conversation pane)."""
    record(
        session,
        actor=actor,
        action=CONVERSATION_OPENED,
        entity="conversation",
        entity_id=conversation_id,
    )


def record_reveal(
    session: Session,
    *,
    customer_id: int,
    field: str,
    reason: str,
    actor: str,
    conversation_id: int | None = None,
    identity_id: int | None = None,
) -> None:
    """A masked value was shown: which customer and which field (``"name"``,
    ``"address"``, ``"identity"`` with ``identity_id``), never the value; ``reason`` as
    the person stated it."""
    record(
        session,
        actor=actor,
        action=REVEAL,
        entity="customer",
        entity_id=customer_id,
        field=field,
        reason=reason,
        conversation_id=conversation_id,
        identity_id=identity_id,
    )


def record_role_change(
    session: Session, *, person_id: int, role_before: str | None, role: str, actor: str
) -> None:
    record(
        session,
        actor=actor,
        action=ROLE_CHANGED,
        entity="agent",
        entity_id=person_id,
        role_before=role_before,
        role=role,
    )


def record_scope_change(session: Session, *, person_id: int, actor: str, **scope: Any) -> None:
    """A person's scope changed; ``scope``: what changed, as ids and codes (queue ids,
    market codes, vendor, masked), e.g. ``markets_before=[...], markets=[...]``."""
    record(session, actor=actor, action=SCOPE_CHANGED, entity="agent", entity_id=person_id, **scope)


# -- Writing the entries last ---------------------------------------------------------------


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    entries = session.info.pop(_PENDING, None)
    if not entries:
        return
    session.flush()  # everything else first: the chain's lock is taken last
    session.add_all([entry for _transaction, entry in entries])
    session.flush()


@event.listens_for(Session, "do_orm_execute")
def _visible_to_readers(state: ORMExecuteState) -> None:
    """A query of the log in the recording transaction sees its entries (autoflush writes
    them now: only such a transaction takes the chain's lock before its end)."""
    session = state.session
    if _PENDING not in session.info or not state.is_select:
        return
    if any(mapper.class_ is AuditEntry for mapper in state.all_mappers):
        entries = session.info.pop(_PENDING)
        session.add_all([entry for _transaction, entry in entries])


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    entries = session.info.get(_PENDING)
    if not entries:
        return
    kept = [(t, e) for t, e in entries if not _within(t, previous_transaction)]
    if kept:
        session.info[_PENDING] = kept
    else:
        session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the session's transaction is over, whichever way
        session.info.pop(_PENDING, None)


def _within(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False
