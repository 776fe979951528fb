"""Two compliance officers editing one market's rules: a save made on a version that is no
longer the newest is refused and names who saved since (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from policy_test_helpers import add_agent

from console.policies import ensure_seed_pack, market_rules, restore_version, save_market
from console.policies.rules import RulesChangedMeanwhile
from console.store import Store
from console.store.models import AgentRole


def test_a_rules_change_on_an_old_version_is_refused(any_store: Store) -> None:
    with any_store.session() as session:
        ensure_seed_pack(session)
    clara = add_agent(any_store, "Clara Compliance", AgentRole.COMPLIANCE)
    li = add_agent(any_store, "Li Lei", AgentRole.COMPLIANCE)
    with any_store.session() as session:
        rules = market_rules(session, "DE")
        assert rules is not None
        data, shown = rules.data, rules.version  # both officers open version 1
    theirs = {**data, "notes": "Clara's change"}
    mine = {**data, "notes": "Li's change"}
    with any_store.session() as session:
        assert save_market(session, clara, theirs, reason="update", based_on=shown) == shown + 1
    with pytest.raises(RulesChangedMeanwhile) as refused, any_store.session() as session:
        save_market(session, li, mine, reason="update", based_on=shown)
    assert str(refused.value).startswith("Clara Compliance saved a new version of the DE rules")
    with pytest.raises(RulesChangedMeanwhile), any_store.session() as session:
        restore_version(session, li, "DE", 1, reason="back", based_on=shown)
    with any_store.session() as session:
        current = market_rules(session, "DE")
        assert current is not None and current.data["notes"] == "Clara's change"
        # On the reloaded (newest) version the change is saved.
        assert save_market(session, li, mine, reason="update", based_on=shown + 1) == shown + 2
