"""Scope enforced by PostgreSQL: row-level security keyed on the signed-in login role.

Both engines: ``routing_queues.vendor``, the outsourcing company a queue belongs to
(NULL: an in-house queue). A vendor's people see only their vendor's queues.

PostgreSQL only (a single seat has no database roles, so scope is a team-mode
guarantee): ``console_scope(login)`` (STABLE, SECURITY DEFINER, so it reads the
people and queues whatever the caller may read) returns the scope of the person
whose ``agents.login_role`` is ``login``; the policies call it as
``console_scope(current_user)`` in a scalar sub-select, which PostgreSQL runs
once per statement (an InitPlan), not once per row:

* ``everything``: administrators, and in-house (``vendor`` NULL) leads, QA and
  compliance staff;
* ``person_id``: the conversations assigned to the person are always theirs;
* ``market_ids``: an in-house agent sees the conversations of the markets they
  serve (coverage ``market_assignments``), in any queue;
* ``queue_ids``: a vendor's agent sees their vendor's queues of the markets they
  serve; a vendor's lead, QA or compliance person all of their vendor's queues.

A login role that is no person, or a disabled person, sees nothing. The table
owner (who runs ``team init`` and the migrations, and ``support-console worker``)
and superusers are not subject to row-level security (no ``FORCE``), so ingest,
routing and delivery see every row.

Policies (one ``FOR ALL`` per table, ``USING`` also the ``WITH CHECK``):
``conversations`` by the scope (an UPDATE may hand a visible conversation to
anyone: ``WITH CHECK (true)``); every table holding conversation content through
its conversation (``EXISTS`` over ``conversations``, whose own policy applies
inside), message-level tables through ``messages``, customers and what belongs
to them when one of their conversations is visible; the quarantine (raw input of
no known conversation) only with ``everything``.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_EVERYTHING = "(SELECT s.everything FROM console_scope(current_user) s)"
_CONVERSATION = "EXISTS (SELECT 1 FROM conversations c WHERE c.id = {table}.{column})"
_MESSAGE = "EXISTS (SELECT 1 FROM messages m WHERE m.id = {table}.{column})"
_CUSTOMER = "EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = {table}.{column})"
_REVIEW = "EXISTS (SELECT 1 FROM quality_reviews r WHERE r.id = {table}.{column})"

_SCOPE_FUNCTION = """CREATE FUNCTION console_scope(login name,
        OUT everything boolean, OUT person_id integer,
        OUT market_ids integer[], OUT queue_ids integer[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
    SELECT
        a.role = 'admin' OR (a.vendor IS NULL AND a.role IN ('lead', 'qa', 'compliance')),
        a.id,
        CASE WHEN a.vendor IS NULL AND a.role = 'agent' THEN ARRAY(
            SELECT ma.market_id FROM market_assignments ma WHERE ma.agent_id = a.id
        ) ELSE '{}'::integer[] END,
        CASE WHEN a.vendor IS NOT NULL AND a.role <> 'admin' THEN ARRAY(
            SELECT q.id FROM routing_queues q
            WHERE q.vendor = a.vendor AND (a.role <> 'agent' OR q.market_id IN (
                SELECT ma.market_id FROM market_assignments ma WHERE ma.agent_id = a.id))
        ) ELSE '{}'::integer[] END
    FROM agents a
    WHERE a.login_role = login AND a.disabled_at IS NULL
$fn$"""

_CONVERSATION_SCOPE = f"""{_EVERYTHING}
    OR assignee_id = (SELECT s.person_id FROM console_scope(current_user) s)
    OR market_id = ANY ((SELECT s.market_ids FROM console_scope(current_user) s)::integer[])
    OR queue_id = ANY ((SELECT s.queue_ids FROM console_scope(current_user) s)::integer[])"""

#: Table -> the condition (besides ``everything``) under which a row is visible.
POLICIES: dict[str, str] = {
    "messages": _CONVERSATION.format(table="messages", column="conversation_id"),
    "drafts": _CONVERSATION.format(table="drafts", column="conversation_id"),
    "channel_outbox": _CONVERSATION.format(table="channel_outbox", column="conversation_id"),
    "conversation_presence": _CONVERSATION.format(
        table="conversation_presence", column="conversation_id"
    ),
    "conversation_routing": _CONVERSATION.format(
        table="conversation_routing", column="conversation_id"
    ),
    "conversation_kpis": _CONVERSATION.format(table="conversation_kpis", column="conversation_id"),
    "quality_assignments": _CONVERSATION.format(
        table="quality_assignments", column="conversation_id"
    ),
    "quality_reviews": _CONVERSATION.format(table="quality_reviews", column="conversation_id"),
    "policy_tasks": _CONVERSATION.format(table="policy_tasks", column="conversation_id"),
    "message_fts": _CONVERSATION.format(table="message_fts", column="conversation_id"),
    "message_fts_translations": _CONVERSATION.format(
        table="message_fts_translations", column="conversation_id"
    ),
    "translations": _MESSAGE.format(table="translations", column="message_id"),
    "message_attachments": _MESSAGE.format(table="message_attachments", column="message_id"),
    "message_refs": _MESSAGE.format(table="message_refs", column="message_id"),
    "scheduled_sends": _MESSAGE.format(table="scheduled_sends", column="message_id"),
    "quality_item_scores": _REVIEW.format(table="quality_item_scores", column="review_id"),
    "quality_comments": _REVIEW.format(table="quality_comments", column="review_id"),
    "customers": _CUSTOMER.format(table="customers", column="id"),
    "channel_identities": _CUSTOMER.format(table="channel_identities", column="customer_id"),
    "customer_keys": _CUSTOMER.format(table="customer_keys", column="customer_id"),
    "customer_zone_corrections": _CUSTOMER.format(
        table="customer_zone_corrections", column="customer_id"
    ),
    "vip_customers": _CUSTOMER.format(table="vip_customers", column="customer_id"),
    "merge_suggestions": _CUSTOMER.format(table="merge_suggestions", column="customer_a_id")
    + " AND "
    + _CUSTOMER.format(table="merge_suggestions", column="customer_b_id"),
    "identity_changes": _CUSTOMER.format(table="identity_changes", column="from_customer_id")
    + " AND "
    + _CUSTOMER.format(table="identity_changes", column="to_customer_id"),
    "quarantine": "false",
}


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table("routing_queues") as batch:
        batch.add_column(sa.Column("vendor", sa.String(length=200), nullable=True))
        batch.create_index("ix_routing_queues_vendor", ["vendor"])
    if not _is_postgresql():
        return
    op.execute(_SCOPE_FUNCTION)
    op.execute("REVOKE ALL ON FUNCTION console_scope(name) FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION console_scope(name) TO PUBLIC")
    # A conversation: visible in scope; an UPDATE may hand a visible one to anyone.
    _per_command("conversations", _CONVERSATION_SCOPE, new_rows="true")
    for table, condition in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY console_scope ON {table} FOR ALL USING ({_EVERYTHING} OR {condition})"
        )
    # Attachment content is stored once per content: visible through a visible message
    # that refers to it; a new one may be stored before its message refers to it.
    referred = (
        "EXISTS (SELECT 1 FROM message_attachments a WHERE a.sha256 = attachment_blobs.sha256)"
    )
    _per_command("attachment_blobs", f"{_EVERYTHING} OR {referred}", new_rows="true")


def _per_command(table: str, visible: str, *, new_rows: str) -> None:
    """Policies per command: rows read, changed and deleted are the ``visible`` ones;
    rows inserted, or changed into, need only ``new_rows``."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY console_scope_read ON {table} FOR SELECT USING ({visible})")
    op.execute(f"CREATE POLICY console_scope_insert ON {table} FOR INSERT WITH CHECK ({new_rows})")
    op.execute(
        f"CREATE POLICY console_scope_update ON {table} FOR UPDATE "
        f"USING ({visible}) WITH CHECK ({new_rows})"
    )
    op.execute(f"CREATE POLICY console_scope_delete ON {table} FOR DELETE USING ({visible})")


def downgrade() -> None:
    if _is_postgresql():
        for table in ("attachment_blobs", "conversations"):
            for name in ("read", "insert", "update", "delete"):
                op.execute(f"DROP POLICY IF EXISTS console_scope_{name} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in POLICIES:
            op.execute(f"DROP POLICY IF EXISTS console_scope ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS console_scope(name)")
    with op.batch_alter_table("routing_queues") as batch:
        batch.drop_index("ix_routing_queues_vendor")
        batch.drop_column("vendor")
