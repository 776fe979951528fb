"""Versions, diff, restore, future effective dates, the role gate, the review queue, import/export."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta

import pytest
from policy_test_helpers import add_agent
from sqlalchemy import select

from console.policies import (
    PolicyPermissionError,
    PolicyValidationError,
    editor_access,
    ensure_seed_pack,
    export_pack,
    import_pack,
    list_markets,
    mark_reviewed,
    market_rules,
    restore_version,
    review_queue,
    save_market,
    set_review_period,
    version_history,
)
from console.policies.rules import PolicyError, load_seed_pack
from console.store import Store
from console.store.models import AgentRole, AuditEntry, utcnow
from console.store.policy_tables import PolicyVersion

SEEDED = len(load_seed_pack()["markets"])


@pytest.fixture
def seeded(store: Store) -> Store:
    with store.session() as session:
        assert ensure_seed_pack(session) is True
        assert ensure_seed_pack(session) is False
    return store


@pytest.fixture
def officer(seeded: Store) -> int:
    return add_agent(seeded, "Clara Compliance", AgentRole.COMPLIANCE)


@pytest.fixture
def agent(seeded: Store) -> int:
    return add_agent(seeded, "Arun Agent", AgentRole.AGENT)


def _de(store: Store) -> dict:
    with store.session() as session:
        rules = market_rules(session, "DE")
        assert rules is not None
        return rules.data


def test_only_compliance_may_edit(seeded: Store, officer: int, agent: int) -> None:
    lead = add_agent(seeded, "Lee Lead", AgentRole.LEAD)
    data = _de(seeded)
    data["notes"] = "changed"
    with seeded.session() as session:
        assert editor_access(session, officer).can_edit
        denied = editor_access(session, agent)
        assert not denied.can_edit
        assert denied.reason == (
            "Arun Agent is not in the compliance team; only compliance staff can edit rules."
        )
        assert not editor_access(session, None).can_edit
    for who in (agent, lead, None):
        with pytest.raises(PolicyPermissionError), seeded.session() as session:
            save_market(session, who, data, reason="try")
        with pytest.raises(PolicyPermissionError), seeded.session() as session:
            restore_version(session, who, "DE", 1, reason="try")
        with pytest.raises(PolicyPermissionError), seeded.session() as session:
            mark_reviewed(session, who, "DE")
        with pytest.raises(PolicyPermissionError), seeded.session() as session:
            set_review_period(session, who, 30)
    with seeded.session() as session:
        assert len(version_history(session, "DE")) == 1


def test_every_change_is_a_version_with_author_reason_and_diff(seeded: Store, officer: int) -> None:
    data = _de(seeded)
    data["store_policy"]["return_window_days"] = 30
    data["notes"] = "30-day goodwill returns"
    with seeded.session() as session:
        assert save_market(session, officer, data, reason="Goodwill policy") == 2
    with seeded.session() as session:
        history = version_history(session, "DE")
        rules = market_rules(session, "DE")
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "policy_edit")).all()
    assert rules is not None and rules.version == 2
    newest = history[0]
    assert (newest.version, newest.action, newest.author, newest.reason) == (
        2,
        "edit",
        "Clara Compliance",
        "Goodwill policy",
    )
    assert newest.is_current and not history[1].is_current
    assert newest.diff_text.splitlines() == [
        "notes:  → 30-day goodwill returns",
        "store_policy.return_window_days: (none) → 30",
    ]
    assert len(audit) == 1 and audit[0].detail["reason"] == "Goodwill policy"


def test_a_reason_is_required_and_bad_data_changes_nothing(seeded: Store, officer: int) -> None:
    data = _de(seeded)
    with pytest.raises(PolicyError, match="reason"), seeded.session() as session:
        save_market(session, officer, data, reason="  ")
    data["store_policy"]["return_window_days"] = 7
    with pytest.raises(PolicyValidationError) as raised, seeded.session() as session:
        save_market(session, officer, data, reason="shorter")
    assert raised.value.errors[0].path == "store_policy.return_window_days"
    assert "shorter than the statutory withdrawal period of 14 days" in str(raised.value)
    with seeded.session() as session:
        assert len(version_history(session, "DE")) == 1


def test_restore_brings_an_old_version_back_as_a_new_one(seeded: Store, officer: int) -> None:
    data = _de(seeded)
    data["guarantee"]["months"] = 36
    with seeded.session() as session:
        save_market(session, officer, data, reason="wrong edit")
    with seeded.session() as session:
        assert restore_version(session, officer, "DE", 1, reason="undo the wrong edit") == 3
    with seeded.session() as session:
        rules = market_rules(session, "DE")
        history = version_history(session, "DE")
    assert rules is not None and rules.data["guarantee"]["months"] == 24
    assert history[0].action == "restore" and history[0].restored_from == 1
    assert [str(change) for change in history[0].changes] == ["guarantee.months: 36 → 24"]
    with pytest.raises(PolicyError), seeded.session() as session:
        restore_version(session, officer, "DE", 99, reason="no such version")


def test_changes_can_take_effect_at_a_future_date(seeded: Store, officer: int) -> None:
    data = _de(seeded)
    data["store_policy"]["return_window_days"] = 60
    start = utcnow() + timedelta(days=10)
    with seeded.session() as session:
        save_market(session, officer, data, reason="holiday returns", effective_from=start)
    with seeded.session() as session:
        today = market_rules(session, "DE")
        later = market_rules(session, "DE", start + timedelta(seconds=1))
        summary = next(m for m in list_markets(session) if m.code == "DE")
        history = version_history(session, "DE")
    assert today is not None and today.version == 1
    assert later is not None and later.version == 2
    assert summary.version == 1 and summary.pending_version == 2
    assert history[0].is_pending and history[1].is_current


def test_review_queue_flags_old_reviews_with_a_configurable_period(
    seeded: Store, officer: int
) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)  # the seed was reviewed 2026-11-20
    with seeded.session() as session:
        assert review_queue(session, now) == []
        set_review_period(session, officer, 5)
    with seeded.session() as session:
        queue = review_queue(session, now)
    assert len(queue) == SEEDED
    with seeded.session() as session:
        mark_reviewed(session, officer, "DE", today=date(2026, 11, 30))
    with seeded.session() as session:
        codes = [market.code for market in review_queue(session, now)]
        history = version_history(session, "DE")
    assert "DE" not in codes and len(codes) == SEEDED - 1
    assert history[0].action == "review"
    assert str(history[0].changes[0]) == "last_reviewed: 2026-11-20 → 2026-11-30"


def test_export_then_import_round_trips_and_only_changes_what_differs(
    seeded: Store, store_factory, officer: int
) -> None:
    with seeded.session() as session:
        pack = export_pack(session)
    assert len(pack["markets"]) == SEEDED and "not legal advice" in pack["notice"]
    empty = store_factory()
    with empty.session() as session:
        assert len(import_pack(session, pack, actor="cli").added) == SEEDED
        assert ensure_seed_pack(session) is False  # the imported pack is the store's pack
    other = store_factory()
    with other.session() as session:
        ensure_seed_pack(session)
    changed = copy.deepcopy(pack)
    next(m for m in changed["markets"] if m["code"] == "DE")["notes"] = "team note"
    changed["review_period_days"] = 90
    with other.session() as session:
        result = import_pack(session, changed, actor="cli")
    assert result.added == () and result.changed == ("DE",) and len(result.unchanged) == SEEDED - 1
    with other.session() as session:
        history = version_history(session, "DE")
        assert export_pack(session)["review_period_days"] == 90
    assert history[0].action == "import" and history[0].author == "cli"
    assert [str(c) for c in history[0].changes] == ["notes:  → team note"]


def test_a_bad_import_changes_nothing(seeded: Store, officer: int) -> None:
    with seeded.session() as session:
        pack = export_pack(session)
    pack["markets"][0]["notes"] = "should not land"
    pack["markets"][5]["withdrawal"]["days"] = -3
    with pytest.raises(PolicyValidationError) as raised, seeded.session() as session:
        import_pack(session, pack, actor="cli")
    assert [str(e) for e in raised.value.errors] == [
        "markets[5].withdrawal.days: must be at least 1, got -3",
    ]
    with seeded.session() as session:
        assert session.scalar(select(PolicyVersion.id).where(PolicyVersion.version > 1)) is None


def test_import_as_an_agent_needs_the_compliance_role(seeded: Store, agent: int) -> None:
    with seeded.session() as session:
        pack = export_pack(session)
    with pytest.raises(PolicyPermissionError), seeded.session() as session:
        import_pack(session, pack, actor="x", agent_id=agent)
