"""Agreement of two reviewers on one conversation, and scores per agent and vendor by week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from quality_world import WEEK, WEEK_START, add_agent, add_conversation

from console.quality import (
    BY_AGENT,
    BY_VENDOR,
    FAILED,
    MET,
    NOT_MET,
    PARTLY,
    PASSED,
    ScoreRow,
    calibration,
    ensure_default_rubric,
    reviewer_queue,
    scores_by_week,
    submit_review,
)
from console.quality.rubrics import RubricView
from console.store import Store
from console.store.models import AgentRole
from console.store.quality_tables import QualityAssignment


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _scores(rubric: RubricView, **by_key: int | None) -> dict[int, int | None]:
    return {
        item.id: by_key.get(item.key, PASSED if item.auto_fail else MET) for item in rubric.items
    }


def _review(store: Store, reviewer: int, agent: int, week: date, **by_key: int | None) -> float:
    """A conversation of ``agent`` in ``week`` given to ``reviewer`` and scored."""
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        start = WEEK_START + (week - WEEK)
        conversation = add_conversation(session, agent, at=start, subject=f"{agent} {week}")
        assignment = QualityAssignment(
            week_start=week, agent_id=agent, conversation_id=conversation, reviewer_id=reviewer
        )
        session.add(assignment)
        session.flush()
        return submit_review(
            session, assignment.id, reviewer_id=reviewer, rubric_version_id=rubric.version_id,
            scores=_scores(rubric, **by_key),
        ).total  # fmt: skip


def test_two_reviewers_of_one_conversation_show_their_agreement(store: Store) -> None:
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        gao = add_agent(session, "Gao Qa", AgentRole.QA)
        hu = add_agent(session, "Hu Qa", AgentRole.QA)
        lead = add_agent(session, "Li Wei", AgentRole.LEAD)
        rubric = ensure_default_rubric(session)
        conversation = add_conversation(session, agent, subject="Refund for a broken kettle")
        for reviewer in (gao, hu, lead):
            session.add(
                QualityAssignment(
                    week_start=WEEK, agent_id=agent, conversation_id=conversation,
                    reviewer_id=reviewer, reason="calibration",
                )
            )  # fmt: skip
        add_conversation(session, agent, subject="reviewed once")
    verdicts = {
        gao: _scores(rubric),  # 100
        hu: _scores(rubric, policy_correct=PARTLY, tone=NOT_MET),  # 12 - 1.5 - 1 of 12
        lead: _scores(rubric, wrong_language=FAILED),  # 0, auto-fail
    }
    for reviewer, scores in verdicts.items():
        with store.session() as session:
            (entry,) = reviewer_queue(session, reviewer)
            submit_review(
                session, entry.assignment_id, reviewer_id=reviewer,
                rubric_version_id=rubric.version_id, scores=scores,
            )  # fmt: skip
    with store.session() as session:
        pairs = calibration(session)
        later = calibration(session, since=WEEK + timedelta(days=7))
    assert later == []
    by_reviewers = {(p.reviewer_a, p.reviewer_b): p for p in pairs}
    assert set(by_reviewers) == {("Gao Qa", "Hu Qa"), ("Gao Qa", "Li Wei"), ("Hu Qa", "Li Wei")}
    gao_hu = by_reviewers["Gao Qa", "Hu Qa"]
    assert (gao_hu.items_compared, gao_hu.items_same) == (10, 8)
    assert gao_hu.agreement == pytest.approx(0.8)
    assert gao_hu.total_b == pytest.approx(100 * 9.5 / 12, abs=0.01)
    assert gao_hu.difference == pytest.approx(100 - 79.17, abs=0.01)
    gao_lead = by_reviewers["Gao Qa", "Li Wei"]
    assert (gao_lead.items_same, gao_lead.difference) == (9, 100.0)
    assert gao_hu.subject == "Refund for a broken kettle" and gao_hu.agent == "Zhang Min"


def test_scores_per_agent_and_vendor_by_week(store: Store) -> None:
    with store.session() as session:
        zhang = add_agent(session, "Zhang Min", vendor="Shenzhen Support Co")
        chen = add_agent(session, "Chen Jing", vendor="Shenzhen Support Co")
        wang = add_agent(session, "Wang Fang")  # in-house
        qa = add_agent(session, "Gao Qa", AgentRole.QA)
    next_week = WEEK + timedelta(days=7)
    _review(store, qa, zhang, WEEK)  # 100
    _review(store, qa, zhang, WEEK, tone=NOT_MET, next_steps=NOT_MET)  # 10/12
    _review(store, qa, chen, WEEK, other_customer_data=FAILED)  # 0
    _review(store, qa, wang, WEEK, understood=PARTLY)  # 11/12
    _review(store, qa, zhang, next_week, policy_correct=NOT_MET)  # 9/12
    with store.session() as session:
        agents = scores_by_week(session, BY_AGENT)
        vendors = scores_by_week(session, BY_VENDOR)
        only_next = scores_by_week(session, BY_VENDOR, since=next_week)
    assert agents == [
        ScoreRow(WEEK, "Chen Jing", 1, 0.0, 1),
        ScoreRow(WEEK, "Wang Fang", 1, 91.67, 0),
        ScoreRow(WEEK, "Zhang Min", 2, round((100 + 83.33) / 2, 2), 0),
        ScoreRow(next_week, "Zhang Min", 1, 75.0, 0),
    ]
    assert vendors == [
        ScoreRow(WEEK, "", 1, 91.67, 0),
        ScoreRow(WEEK, "Shenzhen Support Co", 3, round((100 + 83.33 + 0) / 3, 2), 1),
        ScoreRow(next_week, "Shenzhen Support Co", 1, 75.0, 0),
    ]
    assert only_next == [ScoreRow(next_week, "Shenzhen Support Co", 1, 75.0, 0)]
