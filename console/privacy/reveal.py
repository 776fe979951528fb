"""*Reveal*: one masked value shown to a person for a stated reason, audited (Qt-free).

Who may reveal: leads, compliance staff and administrators, and anyone who reads
customer data unmasked (they see it anyway); a masked agent or QA person may not
(the window offers them no *Reveal*). :func:`may_reveal` is that rule, once.

:func:`reveal_value` fetches the value:

* a team store (PostgreSQL): ``console_private.reveal(customer_id, field, reason,
  identity_id)`` (console/store/masking_sql.py, SECURITY DEFINER) checks the signed-in
  login role, its scope and the reason, audits and returns the raw value, which a
  masked login role cannot read otherwise; its errors become the problems below;
* a single seat (SQLite): the console reads the raw value itself, only if the
  person's role may reveal (the seat has no database roles), and audits it with
  ``console.audit.record_reveal``.

The audit entry names the customer, the field (``name``, ``address`` or ``identity``
with its id) and the reason, never the value.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console import audit
from console.problems import ProblemError, define, problem
from console.store.masking_sql import REVEAL_ROLES
from console.store.models import Agent, AgentRole, ChannelIdentity, Customer

REASON_MISSING = define(
    "privacy.reveal_reason_missing",
    "Say why you need to see this value; nothing was revealed.",
)
NOT_ALLOWED = define("privacy.reveal_not_allowed", "Your role may not reveal masked customer data.")
NOT_FOUND = define(
    "privacy.reveal_not_found",
    "This customer or value is not there (or outside what you serve).",
)

#: What can be revealed: the customer's name, postal address, or one channel identity.
NAME = "name"
ADDRESS = "address"
IDENTITY = "identity"
FIELDS = (NAME, ADDRESS, IDENTITY)
#: Longest reason kept (a sentence, not a document).
REASON_CHARS = 500

#: The SQL function's errors (SQLSTATE) as problems.
_SQL_STATES = {"42501": NOT_ALLOWED, "22023": REASON_MISSING, "P0002": NOT_FOUND}


class RevealRefused(ProblemError):
    """Nothing was revealed: no reason, a role that may not, or no such value."""


class Revealer(Protocol):
    """Who asks (an ``AgentSummary``, ``PersonView`` or ``Agent``): their id is enough."""

    @property
    def id(self) -> int: ...


def may_reveal(role: str | AgentRole | None, masked: bool) -> bool:
    """THE rule: an unmasked person, or a lead, compliance person or administrator."""
    if not masked:
        return True
    value = role.value if isinstance(role, AgentRole) else role
    return value in REVEAL_ROLES


def offers_reveal(role: str | AgentRole | None, masked: bool) -> bool:
    """Whether the window shows *Reveal*: only where values are masked and the role may."""
    return masked and may_reveal(role, masked)


def reveal_value(
    session: Session,
    person: Revealer | None,
    customer_id: int,
    field: str,
    reason: str,
    identity_id: int | None = None,
) -> str:
    """The raw ``field`` of ``customer_id`` for ``person``, audited (see the module text).

    Raises :class:`RevealRefused` (nothing shown, nothing recorded) without a reason,
    for a role that may not reveal, or when the customer or value is not there.
    """
    stated = " ".join((reason or "").split())[:REASON_CHARS]
    if not stated:
        raise RevealRefused(problem(REASON_MISSING))
    if field not in FIELDS or (field == IDENTITY) != (identity_id is not None):
        raise RevealRefused(problem(NOT_FOUND))
    if session.get_bind().dialect.name == "postgresql":
        return _reveal_in_database(session, customer_id, field, stated, identity_id)
    agent = session.get(Agent, person.id) if person is not None else None
    if agent is None or agent.disabled_at is not None or not may_reveal(agent.role, agent.masked):
        raise RevealRefused(problem(NOT_ALLOWED))
    value = _raw_value(session, customer_id, field, identity_id)
    if value is None:
        raise RevealRefused(problem(NOT_FOUND))
    audit.record_reveal(
        session,
        customer_id=customer_id,
        field=field,
        reason=stated,
        actor=agent.name,
        identity_id=identity_id,
    )
    return value


def _raw_value(
    session: Session, customer_id: int, field: str, identity_id: int | None
) -> str | None:
    if field == IDENTITY:
        found = session.scalar(
            select(ChannelIdentity.address).where(
                ChannelIdentity.id == identity_id, ChannelIdentity.customer_id == customer_id
            )
        )
        return str(found) if found is not None else None
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    value = customer.name if field == NAME else customer.address
    return value or None


def _reveal_in_database(
    session: Session, customer_id: int, field: str, reason: str, identity_id: int | None
) -> str:
    try:
        with session.begin_nested():
            value = session.scalar(
                text("SELECT console_private.reveal(:customer, :field, :reason, :identity)"),
                {
                    "customer": customer_id,
                    "field": field,
                    "reason": audit.scrub(reason),  # as record() keeps a typed reason
                    "identity": identity_id,
                },
            )
    except DBAPIError as exc:
        code = _sqlstate(exc)
        if code in _SQL_STATES:
            raise RevealRefused(problem(_SQL_STATES[code])) from None
        if code == "42883":  # no such function (masking not installed): nothing to reveal
            raise RevealRefused(problem(NOT_FOUND)) from None
        raise
    if value is None:
        raise RevealRefused(problem(NOT_FOUND))
    return str(value)


def _sqlstate(exc: DBAPIError) -> str | None:
    original: Any = exc.orig
    return getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
