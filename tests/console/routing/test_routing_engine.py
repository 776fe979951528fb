"""Routing on both engines: eligibility, escalation, waiting, manual assignment, explanations,
and two runs at once assigning each conversation exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

from factories import MessageFactory
from sqlalchemy import func, select, update

from console.coverage import ShiftSpec, add_extra_shift, add_leave, assign_market, set_agent_shifts
from console.inbox import commands
from console.inbox.ingest import ingest
from console.routing import (
    AT_CAPACITY,
    NOBODY_ON_SHIFT,
    add_vip,
    explanation,
    next_shift_start,
    route_pending,
    set_capacity,
    set_queue_mode,
)
from console.routing.rules import load_settings
from console.store import Store
from console.store.models import (
    Agent,
    AgentRole,
    AuditEntry,
    Conversation,
    ConversationStatus,
    Market,
)
from console.store.routing_tables import ConversationRouting

# Wednesday 2026-11-18 12:00 UTC = 13:00 Berlin. Shifts below: 08:00-16:00 Berlin.
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
EVENING = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)  # 21:00 Berlin: nobody on shift
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _people(store: Store) -> dict[str, int]:
    with store.session() as session:
        lead = Agent(name="Li Wei", role=AgentRole.LEAD, languages=["en", "zh"], time_zone="UTC")
        wang = Agent(name="Wang Fang", languages=["de", "en"], time_zone="Europe/Berlin")
        jonas = Agent(name="Jonas", languages=["de"], time_zone="Europe/Berlin", vendor="OutCo")
        marie = Agent(name="Marie", languages=["fr"], time_zone="Europe/Berlin")
        dach = Market(code="DACH", name="DACH", countries=["DE", "AT", "CH"], languages=["de"])
        fr = Market(code="FR", name="France", countries=["FR"], languages=["fr"])
        session.add_all([lead, wang, jonas, marie, dach, fr])
        session.flush()
        ids = {
            "lead": lead.id, "wang": wang.id, "jonas": jonas.id, "marie": marie.id,
            "dach": dach.id, "fr": fr.id,
        }  # fmt: skip
        for who in ("wang", "jonas", "marie"):
            set_agent_shifts(
                session, ids[who], [ShiftSpec(d, "08:00", "16:00") for d in WEEKDAYS], actor="t"
            )
        assign_market(session, dach.id, wang.id, actor="t")
        assign_market(session, dach.id, jonas.id, actor="t")
        assign_market(session, fr.id, marie.id, actor="t")
        return ids


def _write(store: Store, message: MessageFactory, who: str, text: str, **kw: object) -> int:
    ingest(store, [message(text, address=f"{who}@example.com", name=who, **kw)])
    with store.session() as session:
        return (
            session.scalars(select(Conversation.id).order_by(Conversation.id.desc())).first() or 0
        )


def _route(store: Store, now: datetime = NOW) -> None:
    with store.session() as session:
        route_pending(session, now)


def _assignee(store: Store, conversation_id: int) -> str | None:
    with store.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return conversation.assignee.name if conversation.assignee else None


def _why(store: Store, conversation_id: int) -> Any:
    with store.session() as session:
        return explanation(session, conversation_id)


def test_goes_to_the_least_loaded_person_who_serves_the_market_and_speaks_the_language(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _people(any_store)
    first = _write(
        any_store, message, "anna", "Wo ist meine Bestellung?", country="DE", language="de"
    )
    second = _write(any_store, message, "ben", "Paket fehlt", country="AT", language="de")
    french = _write(any_store, message, "chloe", "Où est mon colis ?", country="FR", language="fr")
    _route(any_store)
    # Wang Fang and Jonas both serve DACH in de with 0 open: by name, Jonas then Wang Fang.
    assert {_assignee(any_store, first), _assignee(any_store, second)} == {"Jonas", "Wang Fang"}
    assert _assignee(any_store, french) == "Marie"
    why = _why(any_store, first)
    assert why is not None and why.outcome == "assigned" and why.market == "DACH"
    assert why.language == "de" and why.open_count == 0 and why.escalation is None
    assert why.queue == "DACH"
    # A third DACH conversation goes to whoever has fewer open: both have 1; Jonas by name.
    third = _write(any_store, message, "carl", "Rechnung bitte", country="CH", language="de")
    with any_store.session() as session:
        commands.set_statuses(session, [first], ConversationStatus.RESOLVED, actor="t")
    _route(any_store)
    holder_of_first = _why(any_store, first)
    assert holder_of_first is not None
    # The one whose conversation was resolved has 0 open now: they get the third.
    assert _assignee(any_store, third) == holder_of_first.agent
    assert _why(any_store, third).open_count == 0
    # Idempotent: nothing left, nothing changes.
    with any_store.session() as session:
        assert route_pending(session, NOW).empty
    del ids


def test_language_capacity_and_disabled_or_expired_people(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _people(any_store)
    with any_store.session() as session:
        set_capacity(session, ids["jonas"], 0, version=0, editor_id=ids["lead"], actor="Li Wei")
    english = _write(any_store, message, "dan", "Where is my parcel?", country="DE", language="en")
    _route(any_store)
    # Only Wang Fang speaks en among DACH's people.
    assert _assignee(any_store, english) == "Wang Fang"
    with any_store.session() as session:
        set_capacity(session, ids["wang"], 1, version=0, editor_id=ids["lead"], actor="Li Wei")
    german = _write(any_store, message, "eva", "Hallo", country="DE", language="de")
    _route(any_store)
    assert _assignee(any_store, german) is None  # Wang Fang full, Jonas capacity 0
    why = _why(any_store, german)
    assert why is not None and (why.outcome, why.why) == ("waiting", AT_CAPACITY)
    # Jonas gets room but his contract ended yesterday: still waiting, now nobody on shift.
    with any_store.session() as session:
        set_capacity(session, ids["jonas"], 5, version=1, editor_id=ids["lead"], actor="Li Wei")
        agent = session.get(Agent, ids["jonas"])
        assert agent is not None
        agent.expires_on = date(2026, 11, 17)
    _route(any_store)
    assert _assignee(any_store, german) is None
    with any_store.session() as session:
        agent = session.get(Agent, ids["jonas"])
        assert agent is not None
        agent.expires_on = date(2026, 11, 18)  # his last day is today: he works
        if hasattr(Agent, "disabled_at"):
            agent.disabled_at = NOW - timedelta(hours=1)
    _route(any_store)
    if hasattr(Agent, "disabled_at"):
        assert _assignee(any_store, german) is None  # disabled: never chosen
        with any_store.session() as session:
            agent = session.get(Agent, ids["jonas"])
            assert agent is not None
            agent.disabled_at = None
        _route(any_store)
    assert _assignee(any_store, german) == "Jonas"


def test_leave_extra_shift_and_waiting_until_a_shift_starts(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _people(any_store)
    with any_store.session() as session:
        add_leave(session, ids["wang"], date(2026, 11, 18), date(2026, 11, 18), actor="t")
        add_leave(session, ids["jonas"], date(2026, 11, 18), date(2026, 11, 18), actor="t")
    waiting = _write(any_store, message, "fritz", "Hallo", country="DE", language="de")
    _route(any_store)
    assert _assignee(any_store, waiting) is None
    why = _why(any_store, waiting)
    assert why is not None and (why.outcome, why.why, why.queue, why.language) == (
        "waiting", NOBODY_ON_SHIFT, "DACH", "de",
    )  # fmt: skip
    with any_store.session() as session:
        assert session.get(Conversation, waiting).queue_id is not None  # type: ignore[union-attr]
        # Thursday 08:00 Berlin = 07:00 UTC: the next shift start.
        assert next_shift_start(session, NOW) == datetime(2026, 11, 19, 7, 0, tzinfo=UTC)
    # In the evening Wang Fang works an extra shift: it is assigned then.
    with any_store.session() as session:
        add_extra_shift(session, ids["wang"], date(2026, 11, 18), "20:00", "23:00", actor="t")
    _route(any_store, EVENING)
    assert _assignee(any_store, waiting) == "Wang Fang"
    # A conversation arriving later in the evening waits until Thursday's shifts start.
    later = _write(any_store, message, "gerd", "Noch da?", country="DE", language="de")
    _route(any_store, datetime(2026, 11, 18, 23, 30, tzinfo=UTC))
    assert _assignee(any_store, later) is None
    _route(any_store, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    assert _assignee(any_store, later) == "Jonas"  # Wang Fang has one open already


def test_escalation_by_keyword_and_vip_goes_to_in_house_people(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _people(any_store)
    threat = _write(
        any_store, message, "hans", "Ich mache eine Rückbuchung bei meiner Bank!", country="DE",
        language="de",
    )  # fmt: skip
    vip = _write(any_store, message, "ida", "Hallo", country="AT", language="de")
    with any_store.session() as session:
        add_vip(session, "IDA@example.com", editor_id=ids["lead"], actor="Li Wei")
    chinese = _write(any_store, message, "jun", "我要投诉你们的服务", country="DE", language="zh")
    _route(any_store)
    why = _why(any_store, threat)
    assert why is not None and why.queue == "escalation" and why.escalation == "chargeback"
    assert why.matched == "rückbuchung" and why.in_house and why.agent == "Wang Fang"
    assert _assignee(any_store, threat) == "Wang Fang"  # Jonas works for a vendor
    vip_why = _why(any_store, vip)
    assert vip_why is not None and vip_why.escalation == "vip"
    # Nobody in-house on shift speaks zh (the lead has no shifts): it waits, escalated.
    complaint = _why(any_store, chinese)
    assert complaint is not None and complaint.escalation == "complaint"
    assert (complaint.outcome, complaint.why, complaint.matched) == (
        "waiting", NOBODY_ON_SHIFT, "投诉",
    )  # fmt: skip
    # The escalation queue worked by hand: nothing is assigned from it.
    with any_store.session() as session:
        settings = load_settings(session, ids["lead"])
        queue = next(q for q in settings.queues if q.escalation)
        set_queue_mode(
            session, queue.id, False, version=queue.version, editor_id=ids["lead"], actor="Li Wei"
        )
    another = _write(
        any_store, message, "kurt", "Das ist eine Beschwerde", country="DE", language="de"
    )
    _route(any_store)
    assert _assignee(any_store, another) is None
    assert _why(any_store, another).why == "by_hand"


def test_manual_assignment_is_kept_and_explanations_follow_it(
    any_store: Store, message: MessageFactory
) -> None:
    ids = _people(any_store)
    taken = _write(any_store, message, "lars", "Hallo", country="DE", language="de")
    routed = _write(any_store, message, "mia", "Hallo", country="DE", language="de")
    with any_store.session() as session:
        commands.assign(session, [taken], ids["marie"], actor="Li Wei")
    _route(any_store)
    assert _assignee(any_store, taken) == "Marie"  # by hand: routing leaves it
    assert _why(any_store, taken) is None
    assert _why(any_store, routed) is not None
    with any_store.session() as session:
        commands.assign(session, [routed], ids["marie"], actor="Li Wei")
    _route(any_store)
    assert _assignee(any_store, routed) == "Marie"
    assert _why(any_store, routed) is None  # routing's choice was overridden by hand
    with any_store.session() as session:
        routes = session.scalars(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "route")
        ).one()
        assert routes == 1  # one decision, recorded once


def test_reopened_conversation_without_owner_is_routed_again(
    any_store: Store, message: MessageFactory
) -> None:
    _people(any_store)
    conversation = _write(any_store, message, "nina", "Hallo", country="DE", language="de")
    with any_store.session() as session:
        session.execute(
            update(Conversation)
            .where(Conversation.id == conversation)
            .values(status=ConversationStatus.RESOLVED)
        )
    _route(any_store)
    assert _assignee(any_store, conversation) is None  # resolved: not routed
    ingest(any_store, [message("Noch eine Frage", address="nina@example.com", name="nina",
                               country="DE", language="de")])  # fmt: skip
    _route(any_store)
    assert _assignee(any_store, conversation) in {"Jonas", "Wang Fang"}


def test_two_runs_at_once_assign_each_conversation_exactly_once(
    pg_store: Store, message: MessageFactory
) -> None:
    ids = _people(pg_store)
    with pg_store.session() as session:
        for who in ("wang", "jonas"):
            set_capacity(session, ids[who], 8, version=0, editor_id=ids["lead"], actor="Li Wei")
    ingest(
        pg_store,
        [message("Hallo", address=f"c{n}@example.com", name=f"c{n}", country="DE",
                 language="de") for n in range(20)],
    )  # fmt: skip
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with pg_store.session() as session:
                barrier.wait(timeout=10)
                route_pending(session, NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with pg_store.session() as session:
        assigned = dict(
            session.execute(
                select(Conversation.assignee_id, func.count()).group_by(Conversation.assignee_id)
            ).all()
        )
        # 16 within the two capacities of 8, the rest waits; never above capacity.
        assert assigned == {ids["wang"]: 8, ids["jonas"]: 8, None: 4}
        decisions = session.scalars(select(func.count()).select_from(ConversationRouting)).one()
        assert decisions == 20
        routes = session.scalars(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "route")
        ).one()
        assert routes == 20  # each conversation decided once
