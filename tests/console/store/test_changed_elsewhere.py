"""A versioned row changed by another writer between read and write: refused, said, kept."""

from __future__ import annotations

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.store import Store
from console.store.errors import CHANGED_ELSEWHERE, ChangedElsewhereError
from console.store.models import Conversation, Priority


def test_a_write_over_a_row_another_seat_changed_meanwhile_is_refused_with_a_problem(
    any_store: Store, message: MessageFactory
) -> None:
    ingest(any_store, [message("Where is my parcel?")])
    with pytest.raises(ChangedElsewhereError) as refused, any_store.session() as mine:
        conversation = mine.scalars(select(Conversation)).one()
        with any_store.session() as theirs:  # another seat, committed first
            theirs.scalars(select(Conversation)).one().subject = "Their subject"
        conversation.priority = Priority.HIGH
    assert refused.value.problem.code == CHANGED_ELSEWHERE
    with any_store.session() as session:
        stored = session.scalars(select(Conversation)).one()
        assert (stored.subject, stored.priority) == ("Their subject", Priority.NORMAL)
