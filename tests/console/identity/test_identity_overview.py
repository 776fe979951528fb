"""What the identity panel reads and does: a customer's suggestions, accepting one, undo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.identity import (
    IdentityError,
    accept_suggestion,
    identity_overview,
    open_suggestions,
    undo_change,
)
from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import ChannelKind, Customer


def _pair(store: Store, message: MessageFactory) -> tuple[int, int, int]:
    ana = replace(message("where?", address="ana@example.com"), order_number="A-1")
    bruno = replace(
        message("gift?", channel=ChannelKind.CHAT, address="v9", name="Bruno"), order_number="A-1"
    )
    third = message("hello", address="carla@example.com", name="Carla")
    ingest(store, [ana, bruno, third])
    with store.session() as session:
        ids = {name: cid for name, cid in session.execute(select(Customer.name, Customer.id))}
    return ids["Ana Souza"], ids["Bruno"], ids["Carla"]


def test_overview_accept_and_undo(store: Store, message: MessageFactory) -> None:
    ana, bruno, carla = _pair(store, message)
    with store.session() as session:
        overview = identity_overview(session, bruno)
        (suggestion,) = overview.suggestions
        assert (suggestion.other_customer_id, suggestion.other_name) == (ana, "Ana Souza")
        assert (suggestion.reason_kind, suggestion.reason_value) == ("order", "A-1")
        assert overview.last_change is None
        assert identity_overview(session, carla).suggestions == ()
        with pytest.raises(IdentityError, match="not part"):
            accept_suggestion(session, suggestion.id, carla, actor="agent")
        change = accept_suggestion(session, suggestion.id, bruno, actor="agent")
        assert (change.to_customer_id, change.from_customer_id) == (bruno, ana)
    with store.session() as session:
        overview = identity_overview(session, bruno)
        assert overview.suggestions == ()
        assert overview.last_change is not None and overview.last_change.action == "merge"
        assert overview.last_change_other_name == "Ana Souza"
        with pytest.raises(IdentityError, match="no longer open"):
            accept_suggestion(session, suggestion.id, bruno, actor="agent")
        undo_change(session, overview.last_change.id, actor="agent")
    with store.session() as session:
        assert identity_overview(session, bruno).last_change is None
        assert open_suggestions(session) == []  # accepted stays accepted after an undo
