"""What each console role's group role may do with each table of a team store (Qt-free).

Row-level security (migration 0022) decides *which rows* a person sees; these table
privileges decide *what a role may do* with a table at all, so the database refuses
what the window would not offer (SQLSTATE 42501; the store words it as
``store.not_permitted``, console/store/errors.py):

* every role reads every table (the window reads people, markets, queues, rules);
* conversation work (conversations, messages, translations, drafts, attachments,
  the outbox, presence, customers and their identities, the reply library, policy
  tasks, the quarantine) is written by every role; which rows, the policies decide;
* the tables of :data:`WRITERS` are written only by the roles named there (compliance
  staff delete a customer's rows in :data:`ERASED_BY_COMPLIANCE` when erasing them);
* the audit log is append-only for everyone (SELECT, INSERT); its chain head and
  the schema version are read-only.

``support-console team init`` (console/team/accounts.py) grants these again each
time it runs, so an upgraded store gets them for its new tables.
"""

from __future__ import annotations

from console.store.models import AgentRole

READ = ("SELECT",)
WRITE = ("SELECT", "INSERT", "UPDATE", "DELETE")
APPEND = ("SELECT", "INSERT")

_LEADS = frozenset({AgentRole.LEAD, AgentRole.ADMIN})
_COMPLIANCE = frozenset({AgentRole.COMPLIANCE, AgentRole.ADMIN})
_REVIEWERS = frozenset({AgentRole.QA, AgentRole.LEAD, AgentRole.ADMIN})
_ADMIN = frozenset({AgentRole.ADMIN})

#: Tables only some roles change (every role reads them).
WRITERS: dict[str, frozenset[AgentRole]] = {
    # People: only administrators (Team -> People, team add).
    "agents": _ADMIN,
    # Coverage and routing: leads (and administrators, who set a person's markets).
    "markets": _LEADS,
    "market_assignments": _LEADS,
    "agent_shifts": _LEADS,
    "shift_exceptions": _LEADS,
    "market_support_hours": _LEADS,
    "market_kpi_targets": _LEADS,
    "peak_events": _LEADS,
    "routing_queues": _LEADS,
    "routing_rules": _LEADS,
    "agent_capacities": _LEADS,
    "vip_customers": _LEADS,
    "channel_configs": _LEADS,
    # Return and privacy rules, retention, data-subject requests: compliance staff.
    "policy_versions": _COMPLIANCE,
    "policy_settings": _COMPLIANCE,
    "retention_rules": _COMPLIANCE,
    "data_subject_requests": _COMPLIANCE,
    "erased_conversations": _COMPLIANCE,
    # Quality review: scorecards and sampling by leads, reviews by reviewers.
    "quality_rubrics": _LEADS,
    "quality_rubric_versions": _LEADS,
    "quality_rubric_items": _LEADS,
    "quality_sampling": _LEADS,
    "quality_assignments": _REVIEWERS,
    "quality_reviews": _REVIEWERS,
    "quality_item_scores": _REVIEWERS,
}
#: Tables other roles own whose rows about a customer an erasure removes
#: (console/privacy/subject_erase.py): compliance staff may delete there, not change.
ERASED_BY_COMPLIANCE = frozenset({"vip_customers"})
#: Tables nobody changes through the console's roles.
FIXED: dict[str, tuple[str, ...]] = {
    "audit_log": APPEND,
    "audit_chain_head": READ,
    "alembic_version": READ,
    # Read and written by the owner's functions only (console/store/search_postings.py).
    "search_postings": (),
}


def table_privileges(table: str, role: AgentRole) -> tuple[str, ...]:
    """The privileges of ``role``'s group role on ``table``."""
    fixed = FIXED.get(table)
    if fixed is not None:
        return fixed
    writers = WRITERS.get(table)
    if writers is not None and role not in writers:
        if table in ERASED_BY_COMPLIANCE and role in _COMPLIANCE:
            return ("SELECT", "DELETE")
        return READ
    return WRITE
