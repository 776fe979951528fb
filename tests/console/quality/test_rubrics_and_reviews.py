"""Scorecards: the seeded rubric, weighted totals, auto-fail, versions that keep old scores."""

from __future__ import annotations

import pytest
from quality_world import WEEK, add_agent, add_conversation

from console.quality import (
    FAILED,
    MET,
    NOT_MET,
    PARTLY,
    PASSED,
    ItemSpec,
    QualityError,
    current_rubric,
    ensure_default_rubric,
    localized,
    review_detail,
    review_material,
    reviewer_queue,
    reviews_of_agent,
    sample_week,
    save_rubric,
    submit_review,
)
from console.quality.rubrics import RubricView
from console.store import Store
from console.store.models import AgentRole


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def _team(store: Store) -> tuple[int, int, int, int]:
    """An agent with one sampled conversation, its QA reviewer, an admin (who leads but does
    not review); the assignment id."""
    with store.session() as session:
        agent = add_agent(session, "Zhang Min")
        qa = add_agent(session, "Gao Qa", AgentRole.QA)
        lead = add_agent(session, "Li Wei", AgentRole.ADMIN)
        add_conversation(session, agent)
        ensure_default_rubric(session)
        sample_week(session, WEEK)
        (entry,) = reviewer_queue(session, qa)
    return agent, qa, lead, entry.assignment_id


def _all(rubric: RubricView, **by_key: int | None) -> dict[int, int | None]:
    """MET for weighted items and PASSED for auto-fail ones, unless named."""
    return {
        item.id: by_key.get(item.key, PASSED if item.auto_fail else MET) for item in rubric.items
    }


def test_the_default_rubric_is_seeded_in_english_and_chinese(store: Store) -> None:
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        again = ensure_default_rubric(session)
    assert again.version_id == rubric.version_id and rubric.version == 1
    keys = {item.key: item for item in rubric.items}
    deadline = keys["wrong_statutory_deadline"]
    assert deadline.auto_fail and deadline.weight == 0
    assert localized(deadline.names, "zh_CN") == "说错了法定期限"
    assert localized(deadline.names, "en") == "Stated a wrong statutory deadline"
    assert localized(deadline.names, "fr") == "Stated a wrong statutory deadline"
    assert {"other_customer_data", "wrong_language"} <= {i.key for i in rubric.items if i.auto_fail}
    assert localized(keys["tone"].section, "zh") == "沟通"


def test_the_total_is_the_weighted_share_of_points(store: Store) -> None:
    agent, qa, _lead, assignment = _team(store)
    with store.session() as session:
        material = review_material(session, assignment, qa, "en")
        # Weights 2,2,3,2,1,1,1: policy half met (1.5 of 3), tone does not apply.
        scores = _all(material.rubric, policy_correct=PARTLY, tone=None)
        review = submit_review(
            session,
            assignment,
            reviewer_id=qa,
            rubric_version_id=material.rubric.version_id,
            scores=scores,
            comment="  Good, but the refund rule was only half right. ",
        )
    assert review.total == pytest.approx(100 * 9.5 / 11, abs=0.01)
    assert not review.auto_failed
    with store.session() as session:
        (mine,) = reviews_of_agent(session, agent)
        detail = review_detail(session, mine.review_id, agent)
        assert reviewer_queue(session, qa) == []
    assert mine.reviewer == "Gao Qa" and mine.total == review.total
    assert [c.text for c in detail.comments] == ["Good, but the refund rule was only half right."]
    scored = {item.key: item.score for item in detail.items}
    assert scored["policy_correct"] == PARTLY and scored["tone"] is None


def test_an_auto_fail_item_zeroes_the_score(store: Store) -> None:
    _agent, qa, _lead, assignment = _team(store)
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        review = submit_review(
            session,
            assignment,
            reviewer_id=qa,
            rubric_version_id=rubric.version_id,
            scores=_all(rubric, wrong_language=FAILED),
        )
    assert review.total == 0 and review.auto_failed


def test_every_item_needs_an_answer_and_auto_fail_items_cannot_be_left_out(store: Store) -> None:
    _agent, qa, _lead, assignment = _team(store)
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        missing = _all(rubric)
        del missing[rubric.items[0].id]
        with pytest.raises(QualityError) as unscored:
            submit_review(
                session,
                assignment,
                reviewer_id=qa,
                rubric_version_id=rubric.version_id,
                scores=missing,
            )
        with pytest.raises(QualityError) as left_out:
            submit_review(
                session,
                assignment,
                reviewer_id=qa,
                rubric_version_id=rubric.version_id,
                scores=_all(rubric, other_customer_data=None),
            )
        nothing = {i.id: (PASSED if i.auto_fail else None) for i in rubric.items}
        with pytest.raises(QualityError) as none_scored:
            submit_review(
                session, assignment, reviewer_id=qa, rubric_version_id=rubric.version_id,
                scores=nothing,
            )  # fmt: skip
    assert unscored.value.problem.code == "quality.item_unscored"
    assert left_out.value.problem.code == "quality.bad_score"
    assert none_scored.value.problem.code == "quality.nothing_scored"


def test_only_the_assigned_reviewer_scores_and_only_once(store: Store) -> None:
    agent, qa, lead, assignment = _team(store)
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        for someone in (lead, agent):
            with pytest.raises(QualityError) as other:
                review_material(session, assignment, someone, "en")
            assert other.value.problem.code == "quality.not_your_assignment"
        submit_review(
            session, assignment, reviewer_id=qa, rubric_version_id=rubric.version_id,
            scores=_all(rubric),
        )  # fmt: skip
    with store.session() as session, pytest.raises(QualityError) as twice:
        submit_review(
            session, assignment, reviewer_id=qa, rubric_version_id=rubric.version_id,
            scores=_all(rubric),
        )  # fmt: skip
    assert twice.value.problem.code == "quality.already_reviewed"


def test_a_changed_rubric_is_a_new_version_and_old_reviews_keep_theirs(store: Store) -> None:
    agent, qa, lead, assignment = _team(store)
    with store.session() as session:
        v1 = ensure_default_rubric(session)
        old = submit_review(
            session, assignment, reviewer_id=qa, rubric_version_id=v1.version_id,
            scores=_all(v1, tone=NOT_MET),
        )  # fmt: skip
    specs = [ItemSpec(i.key, i.section, i.names, i.weight, i.auto_fail) for i in v1.items]
    tone = next(n for n, s in enumerate(specs) if s.key == "tone")
    specs[tone] = ItemSpec("tone", specs[tone].section, specs[tone].names, 5.0)
    specs.append(
        ItemSpec("", {"en": "Accuracy"}, {"en": "Named the carrier", "zh": "说明了承运商"}, 1)
    )
    with store.session() as session:
        with pytest.raises(QualityError) as not_lead:
            save_rubric(session, specs, agent_id=qa)
        v2 = save_rubric(session, specs, agent_id=lead)
        unchanged = save_rubric(session, specs, agent_id=lead)
    assert not_lead.value.problem.code == "quality.not_lead"
    assert (v2.version, unchanged.version_id) == (2, v2.version_id)
    assert v2.items[-1].key == "named_the_carrier"
    assert {i.key: i.weight for i in v2.items}["tone"] == 5.0
    with store.session() as session:
        current = current_rubric(session)
        (kept,) = reviews_of_agent(session, agent)
        detail = review_detail(session, kept.review_id, agent)
    assert current is not None and current.version == 2
    assert kept.rubric_version == 1 and kept.total == old.total == pytest.approx(1100 / 12, 0.001)
    assert {i.key: i.weight for i in detail.items}["tone"] == 1.0
    assert "named_the_carrier" not in {i.key for i in detail.items}


def test_a_rubric_needs_weighted_named_items(store: Store) -> None:
    _agent, _qa, lead, _assignment = _team(store)
    fail = ItemSpec("", {}, {"en": "Shared a password"}, 0, auto_fail=True)
    cases = {
        "quality.no_weighted_item": [fail],
        "quality.item_without_name": [ItemSpec("", {}, {"en": "  "}, 1)],
        "quality.bad_weight": [ItemSpec("", {}, {"en": "Tone"}, 0)],
    }
    for code, specs in cases.items():
        with store.session() as session, pytest.raises(QualityError) as refused:
            save_rubric(session, specs, agent_id=lead)
        assert refused.value.problem.code == code


def test_the_reviewer_reads_each_message_beside_its_translation(store: Store) -> None:
    _agent, qa, _lead, assignment = _team(store)
    with store.session() as session:
        material = review_material(session, assignment, qa, "en_US")
    customer, reply = material.messages
    assert (customer.original, customer.original_language) == ("Wo ist meine Bestellung?", "de")
    assert (customer.translation, customer.translation_language) == ("Where is my order?", "en")
    assert customer.inbound and not reply.inbound and reply.author == "Zhang Min"
    assert (reply.original, reply.original_language) == ("您的订单已发货。", "zh")
    assert (reply.translation, reply.translation_language) == (
        "Ihre Bestellung ist unterwegs.",
        "de",
    )
