"""The customer's store work, as named operations (console/ui/lanes/operations.py).

Where the customer is (place, zone, local time) and who they are (addresses,
merges, splits). Writes record their actor, taken by the caller from
:class:`~console.ui.app_state.AppState`, and say which customer changed; a
merge or split also changes which conversations belong to whom (``listing``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.customers import CustomerLocalView, correct_customer_zone, customer_local_view
from console.customers.country import CustomerPlace, customer_place, set_customer_place
from console.identity import (
    IdentityOverview,
    accept_suggestion,
    dismiss_suggestion,
    identity_overview,
    split_off_identities,
    undo_change,
)
from console.privacy.reveal import Revealer, reveal_value
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote


def _customer(customer_id: int) -> Changes:
    return Changes(customers=frozenset({customer_id}))


def _moved(customer_id: int) -> Changes:
    """Identities moved between customers: their conversations may have moved too."""
    return Changes(customers=frozenset({customer_id}), listing=True)


# -- where the customer is ----------------------------------------------------------------


def load_place(
    *,
    parent: QObject,
    customer_id: int,
    success: Callable[[CustomerPlace | None], None],
) -> QueryOp[CustomerPlace | None]:
    """The customer's country, region and city, and where the country came from."""
    return QueryOp(
        parent=parent, op=lambda session: customer_place(session, customer_id), success=success
    )


def set_place(
    *,
    parent: QObject,
    customer_id: int,
    country: str,
    region: str,
    city: str,
    actor: str,
    success: Callable[[CustomerPlace], None],
) -> WriteOp[CustomerPlace]:
    """The agent's word on where the customer is (audited; ingest never overwrites it)."""

    def op(session: Session) -> Wrote[CustomerPlace]:
        place = set_customer_place(
            session, customer_id, country=country, region=region, city=city, actor=actor
        )
        return Wrote(place, _customer(customer_id))

    return WriteOp(parent=parent, op=op, success=success)


def load_local_view(
    *,
    parent: QObject,
    customer_id: int,
    success: Callable[[CustomerLocalView | None], None],
) -> QueryOp[CustomerLocalView | None]:
    """The customer's clock now: zone (and why), business hours, their market's hours."""
    return QueryOp(
        parent=parent,
        op=lambda session: customer_local_view(session, customer_id, datetime.now(UTC)),
        success=success,
    )


def correct_zone(
    *,
    parent: QObject,
    customer_id: int,
    zone: str,
    actor: str,
    success: Callable[[CustomerLocalView | None], None],
) -> WriteOp[CustomerLocalView | None]:
    """Store ``zone`` as the customer's (audited); the value is their clock as it is now."""

    def op(session: Session) -> Wrote[CustomerLocalView | None]:
        correct_customer_zone(session, customer_id, zone, actor=actor)
        view = customer_local_view(session, customer_id, datetime.now(UTC))
        return Wrote(view, _customer(customer_id))

    return WriteOp(parent=parent, op=op, success=success)


# -- who the customer is --------------------------------------------------------------------


def load_identities(
    *,
    parent: QObject,
    customer_id: int,
    success: Callable[[IdentityOverview], None],
) -> QueryOp[IdentityOverview]:
    """The customer's addresses, possible duplicates and the last merge or split."""
    return QueryOp(
        parent=parent, op=lambda session: identity_overview(session, customer_id), success=success
    )


def split_off(
    *,
    parent: QObject,
    customer_id: int,
    identity_ids: Sequence[int],
    name: str | None,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Move these addresses (and conversations that came only through them) to a new
    customer named ``name``; the value is ``customer_id``."""
    chosen = list(identity_ids)

    def op(session: Session) -> Wrote[int]:
        split_off_identities(session, customer_id, chosen, name=name, actor=actor)
        return Wrote(customer_id, _moved(customer_id))

    return WriteOp(parent=parent, op=op, success=success)


def merge_suggested(
    *,
    parent: QObject,
    suggestion_id: int,
    keep: int,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Merge a suggested duplicate into customer ``keep``; the value is ``keep``."""

    def op(session: Session) -> Wrote[int]:
        accept_suggestion(session, suggestion_id, keep, actor=actor)
        return Wrote(keep, _moved(keep))

    return WriteOp(parent=parent, op=op, success=success)


def dismiss_suggested(
    *,
    parent: QObject,
    suggestion_id: int,
    actor: str,
    success: Callable[[None], None],
) -> WriteOp[None]:
    """ "Not the same": the suggestion goes and is not made again.

    No customer changes (nothing the inbox or the conversation shows): the panel
    that dismissed it loads its suggestions again itself.
    """

    def op(session: Session) -> Wrote[None]:
        dismiss_suggestion(session, suggestion_id, actor=actor)
        return Wrote(None, Changes())

    return WriteOp(parent=parent, op=op, success=success)


def undo_identity_change(
    *,
    parent: QObject,
    change_id: int,
    customer_id: int,
    actor: str,
    success: Callable[[int], None],
) -> WriteOp[int]:
    """Take back the last merge or split; the value is ``customer_id``."""

    def op(session: Session) -> Wrote[int]:
        undo_change(session, change_id, actor=actor)
        return Wrote(customer_id, _moved(customer_id))

    return WriteOp(parent=parent, op=op, success=success)


# -- a masked value, revealed for a reason ------------------------------------------------


def reveal_customer_value(
    *,
    parent: QObject,
    person: Revealer | None,
    customer_id: int,
    field: str,
    reason: str,
    identity_id: int | None,
    success: Callable[[str], None],
) -> WriteOp[str]:
    """One raw value for a stated reason (console/privacy/reveal.py), audited; the value is
    shown by the panel only, never stored or published."""

    def op(session: Session) -> Wrote[str]:
        value = reveal_value(session, person, customer_id, field, reason, identity_id)
        return Wrote(value, Changes(audit=True))

    return WriteOp(parent=parent, op=op, success=success)
