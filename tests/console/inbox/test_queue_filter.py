"""The inbox by routing queue, on both engines: each row names its queue (in the same batch
query), and the queue filter lists one queue's conversations."""

from __future__ import annotations

from datetime import UTC, datetime

from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.inbox.queries import (
    InboxFilter,
    InboxView,
    QueueOption,
    conversation_ids,
    filter_options,
    inbox_rows,
)
from console.routing import queue_names, route_pending
from console.store import Store
from console.store.models import Conversation, Customer, Market

# Nobody has a shift: every routed conversation waits in its queue.
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def _routed(store: Store, message: MessageFactory) -> dict[str, int]:
    with store.session() as session:
        session.add_all(
            [
                Market(code="DACH", name="DACH", countries=["DE", "AT"], languages=["de"]),
                Market(code="FR", name="France", countries=["FR"], languages=["fr"]),
            ]
        )
    ingest(
        store,
        [
            message("Wo ist mein Paket?", address="a@de", name="Anna", country="DE", language="de"),
            message("Ich mache eine Rückbuchung bei meiner Bank!", address="b@de", name="Bernd",
                    country="AT", language="de"),
            message("Où est mon colis ?", address="c@fr", name="Chloé", country="FR", language="fr"),
            message("where is it", address="d@us", name="Dan", country="US", language="en"),
        ],
    )  # fmt: skip
    with store.session() as session:
        route_pending(session, NOW)
    with store.session() as session:
        return {
            name: conversation_id
            for conversation_id, name in session.execute(
                select(Conversation.id, Customer.name).join(
                    Customer, Customer.id == Conversation.customer_id
                )
            )
        }


def test_rows_name_their_queue_and_the_filter_lists_one_queue(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _routed(any_store, message)
    with any_store.session() as session:
        rows = inbox_rows(session, list(ids.values()))
        options = filter_options(session)
        names = queue_names(session)
    queue_of = {name: (rows[i].queue_name, rows[i].in_escalation) for name, i in ids.items()}
    assert queue_of == {
        "Anna": ("DACH", False),
        "Bernd": ("escalation", True),  # a chargeback threat
        "Chloé": ("FR", False),
        "Dan": (None, False),  # no market: not routed
    }
    # The rows and the filter name each queue as routing does.
    assert {o.id: o.name for o in options.queues} == names
    assert [o.name for o in options.queues] == ["escalation", "DACH", "FR"]
    escalation, dach, france = options.queues
    assert escalation == QueueOption(escalation.id, "escalation", True)

    def listed(queue: QueueOption | None, **criteria: object) -> set[int]:
        with any_store.session() as session:
            inbox_filter = InboxFilter(queue_id=queue.id if queue else None, **criteria)  # type: ignore[arg-type]
            return set(conversation_ids(session, inbox_filter))

    assert listed(escalation) == {ids["Bernd"]}
    assert listed(dach) == {ids["Anna"]}
    assert listed(france) == {ids["Chloé"]}
    assert listed(None) == set(ids.values())
    # It combines with the views and the search like the other filters.
    assert listed(escalation, view=InboxView.UNASSIGNED, search="Rückbuchung") == {ids["Bernd"]}
    assert listed(dach, search="Rückbuchung") == set()
