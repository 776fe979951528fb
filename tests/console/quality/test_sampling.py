"""The weekly draw: count or share, heavier for newcomers and temporary agents, reproducible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from quality_world import WEEK, WEEK_START, add_agent, add_conversation
from sqlalchemy import delete, select

from console.quality import (
    COUNT,
    SHARE,
    QualityError,
    SamplingSettings,
    sample_week,
    sampling_settings,
    save_sampling_settings,
)
from console.store import Store
from console.store.models import AgentRole
from console.store.quality_tables import QualityAssignment


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _settings(store: Store, **changes: object) -> None:
    with store.session() as session:
        admin = add_agent(session, "Admin", AgentRole.ADMIN)  # sets, does not review
        base = SamplingSettings(calibration_share=0.0)
        save_sampling_settings(
            session, SamplingSettings(**{**base.__dict__, **changes}), agent_id=admin
        )


def _replies(store: Store, agent: int, count: int, *, days: int = 1) -> list[int]:
    with store.session() as session:
        return [
            add_conversation(session, agent, at=WEEK_START + timedelta(days=days, minutes=n),
                             subject=f"order {agent}-{days}-{n}")
            for n in range(count)
        ]  # fmt: skip


def _sampled(store: Store, agent: int | None = None) -> list[tuple[int, int, str]]:
    """(conversation, reviewer, reason) of the assignments, of ``agent`` when given."""
    query = select(QualityAssignment).order_by(QualityAssignment.id)
    if agent is not None:
        query = query.where(QualityAssignment.agent_id == agent)
    with store.session() as session:
        return [(a.conversation_id, a.reviewer_id, a.reason) for a in session.scalars(query)]


def test_a_count_per_agent_from_the_conversations_they_replied_in_that_week(store: Store) -> None:
    _settings(store, mode=COUNT, count=3)
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        qa = add_agent(session, "Gao Qa", AgentRole.QA)
    this_week = _replies(store, agent, 10)
    _replies(store, agent, 5, days=-3)  # the week before
    with store.session() as session:
        add_conversation(session, None, subject="nobody replied")
        result = sample_week(session, WEEK + timedelta(days=3))
    sampled = _sampled(store)
    assert result.week_start == WEEK and (result.agents, result.assigned) == (1, 3)
    assert len({c for c, _, _ in sampled}) == 3
    assert {c for c, _, _ in sampled} <= set(this_week)
    assert {r for _, r, _ in sampled} == {qa}


def test_a_share_of_the_weeks_conversations_rounds_up(store: Store) -> None:
    _settings(store, mode=SHARE, share=0.25)
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        add_agent(session, "Gao Qa", AgentRole.QA)
    _replies(store, agent, 10)
    with store.session() as session:
        sample_week(session, WEEK)
    assert len(_sampled(store)) == 3  # 2.5 -> 3


def test_newcomers_and_temporary_agents_are_sampled_more(store: Store) -> None:
    _settings(store, mode=COUNT, count=2, newcomer_factor=2.0, temporary_factor=1.5)
    with store.session() as session:
        veteran = add_agent(session, "Veteran", joined_on=WEEK - timedelta(days=400))
        newcomer = add_agent(session, "Newcomer", joined_on=WEEK - timedelta(days=20))
        day_29 = add_agent(session, "Day 29 on Sunday", joined_on=WEEK - timedelta(days=23))
        past = add_agent(session, "Past 30 days", joined_on=WEEK - timedelta(days=30))
        temporary = add_agent(session, "Peak help", expires_on=WEEK + timedelta(days=60))
        both = add_agent(
            session, "New peak help", joined_on=WEEK, expires_on=WEEK + timedelta(days=30)
        )
        add_agent(session, "Gao Qa", AgentRole.QA)
    people = (veteran, newcomer, day_29, past, temporary, both)
    for person in people:
        _replies(store, person, 8)
    with store.session() as session:
        sample_week(session, WEEK)
    counts = [len(_sampled(store, person)) for person in people]
    # 2; 2x2; still in the first 30 days on Sunday; 2; 2x1.5; the larger factor.
    assert counts == [2, 4, 4, 2, 3, 4]


def test_the_draw_is_reproducible_and_not_repeated(store: Store) -> None:
    _settings(store, mode=COUNT, count=4)
    with store.session() as session:
        agents = [add_agent(session, f"Agent {n}") for n in range(3)]
        add_agent(session, "Gao Qa", AgentRole.QA)
        add_agent(session, "Hu Qa", AgentRole.QA)
    for agent in agents:
        _replies(store, agent, 12)
    with store.session() as session:
        first = sample_week(session, WEEK)
    drawn = _sampled(store)
    with store.session() as session:
        again = sample_week(session, WEEK)
    assert (again.assigned, _sampled(store)) == (0, drawn)  # already drawn: nothing new
    with store.session() as session:
        session.execute(delete(QualityAssignment))
        redrawn = sample_week(session, WEEK)
    assert redrawn.assigned == first.assigned == 12
    assert _sampled(store) == drawn  # same store, same week: the same draw
    reviewers = [r for _, r, _ in drawn]
    assert abs(reviewers.count(reviewers[0]) - len(reviewers) / 2) <= 1  # spread evenly


def test_no_reviewer_gets_a_conversation_twice_nor_their_own_replies(store: Store) -> None:
    _settings(store, mode=COUNT, count=5)
    with store.session() as session:
        first = add_agent(session, "Zhang Min")
        second = add_agent(session, "Chen Jing")
        qa = add_agent(session, "Gao Qa", AgentRole.QA)
    shared = _replies(store, first, 2)
    with store.session() as session:
        # Chen Jing answered in the same two conversations too, and Gao Qa replied in one.
        from console.store.models import ChannelKind, Direction, Message

        for conversation in shared:
            session.add(
                Message(conversation_id=conversation, direction=Direction.OUTBOUND,
                        channel=ChannelKind.EMAIL, sent_at=WEEK_START + timedelta(days=2),
                        author_agent_id=second, text="Noch eine Antwort")
            )  # fmt: skip
        add_conversation(session, qa, subject="the reviewer's own")
        sample_week(session, WEEK)
    sampled = _sampled(store)
    assert sorted(c for c, _, _ in sampled) == sorted(shared)  # once each, for Zhang Min
    assert _sampled(store, second) == [] and _sampled(store, qa) == []
    # A lead reviews too: Gao Qa's own conversation goes to Li Wei.
    with store.session() as session:
        lead = add_agent(session, "Li Wei", AgentRole.LEAD)
        session.execute(delete(QualityAssignment))
        sample_week(session, WEEK)
    assert [r for _, r, _ in _sampled(store, qa)] == [lead]


def test_a_share_goes_to_a_second_reviewer_for_calibration(store: Store) -> None:
    _settings(store, mode=COUNT, count=3, calibration_share=1.0)
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        add_agent(session, "Gao Qa", AgentRole.QA)
        add_agent(session, "Hu Qa", AgentRole.QA)
    _replies(store, agent, 5)
    with store.session() as session:
        result = sample_week(session, WEEK)
    sampled = _sampled(store)
    assert (result.assigned, result.calibration) == (6, 3)
    by_conversation: dict[int, set[int]] = {}
    for conversation, reviewer, _reason in sampled:
        by_conversation.setdefault(conversation, set()).add(reviewer)
    assert all(len(reviewers) == 2 for reviewers in by_conversation.values())
    assert [reason for _, _, reason in sampled].count("calibration") == 3


def test_only_leads_set_sampling_and_within_bounds(store: Store) -> None:
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        lead = add_agent(session, "Li Wei", AgentRole.LEAD)
        with pytest.raises(QualityError) as not_lead:
            save_sampling_settings(session, SamplingSettings(), agent_id=agent)
        with pytest.raises(QualityError) as too_much:
            save_sampling_settings(session, SamplingSettings(share=1.5), agent_id=lead)
        save_sampling_settings(session, SamplingSettings(mode=SHARE, share=0.2), agent_id=lead)
    assert not_lead.value.problem.code == "quality.not_lead"
    assert too_much.value.problem.code == "quality.setting_out_of_range"
    with store.session() as session:
        assert sampling_settings(session) == SamplingSettings(mode=SHARE, share=0.2)
