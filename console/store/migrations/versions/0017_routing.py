"""Routing: queues per market and an escalation queue, routing rules, per-person capacity,
routing explanations.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

#: Words that make a customer's message a complaint or a chargeback threat, per language
#: (leads edit them in Team → Routing rules…; matched case-insensitively inside the text).
DEFAULT_KEYWORDS: dict[str, dict[str, list[str]]] = {
    "chargeback": {
        "en": ["chargeback", "charge back", "dispute the charge", "dispute with my bank"],
        "de": ["rückbuchung", "chargeback", "zahlung zurückbuchen", "bank widersprechen"],
        "fr": ["rétrofacturation", "opposition bancaire", "litige avec ma banque"],
        "es": ["contracargo", "disputa con mi banco", "retrocargo"],
        "it": ["storno", "chargeback", "contestazione con la banca"],
        "pt": ["estorno", "chargeback", "contestar a cobrança"],
        "zh": ["拒付", "退单", "信用卡争议", "银行争议"],
        "ja": ["チャージバック", "支払い異議"],
    },
    "complaint": {
        "en": ["complaint", "unacceptable", "lawyer", "consumer protection"],
        "de": ["beschwerde", "unverschämt", "anwalt", "verbraucherzentrale"],
        "fr": ["réclamation", "plainte", "inadmissible", "avocat"],
        "es": ["reclamación", "queja", "inaceptable", "abogado"],
        "it": ["reclamo", "inaccettabile", "avvocato"],
        "pt": ["reclamação", "inaceitável", "advogado", "procon"],
        "zh": ["投诉", "消协", "律师"],
        "ja": ["苦情", "クレーム", "弁護士"],
    },
}


def upgrade() -> None:
    op.create_table(
        "routing_queues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("market_id", sa.Integer(), nullable=True),
        sa.Column("escalation", sa.Boolean(), nullable=False),
        sa.Column("auto_assign", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["market_id"], ["markets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_routing_queue_key"),
    )
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "language", name="uq_routing_rule_kind_language"),
    )
    op.create_table(
        "agent_capacities",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agent_id"),
    )
    op.create_table(
        "vip_customers",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("customer_id"),
    )
    op.create_table(
        "conversation_routing",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("escalation", sa.String(length=16), nullable=True),
        sa.Column("matched", sa.String(length=100), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.JSON(), nullable=False),
        sa.Column("scanned_message_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["queue_id"], ["routing_queues.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("queue_id", sa.Integer(), nullable=True))
        batch.create_index("ix_conversations_queue_id", ["queue_id"])

    now = datetime.now(UTC).replace(tzinfo=None)
    queues = sa.table(
        "routing_queues",
        sa.column("key", sa.String),
        sa.column("market_id", sa.Integer),
        sa.column("escalation", sa.Boolean),
        sa.column("auto_assign", sa.Boolean),
        sa.column("version", sa.Integer),
        sa.column("updated_by", sa.String),
        sa.column("updated_at", sa.DateTime),
    )
    common = {"auto_assign": True, "version": 1, "updated_by": "", "updated_at": now}
    rows = [{"key": "escalation", "market_id": None, "escalation": True, **common}]
    connection = op.get_bind()
    for (market_id,) in connection.execute(sa.text("SELECT id FROM markets ORDER BY id")):
        rows.append(
            {"key": f"market:{market_id}", "market_id": market_id, "escalation": False, **common}
        )
    op.bulk_insert(queues, rows)
    rules = sa.table(
        "routing_rules",
        sa.column("kind", sa.String),
        sa.column("language", sa.String),
        sa.column("keywords", sa.JSON),
        sa.column("enabled", sa.Boolean),
        sa.column("version", sa.Integer),
        sa.column("updated_by", sa.String),
        sa.column("updated_at", sa.DateTime),
    )
    seed = [
        {
            "kind": "vip",
            "language": "",
            "keywords": [],
            "enabled": True,
            "version": 1,
            "updated_by": "",
            "updated_at": now,
        }
    ]
    for kind, languages in DEFAULT_KEYWORDS.items():
        for language, words in languages.items():
            seed.append(
                {
                    "kind": kind,
                    "language": language,
                    "keywords": words,
                    "enabled": True,
                    "version": 1,
                    "updated_by": "",
                    "updated_at": now,
                }
            )
    op.bulk_insert(rules, seed)


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_index("ix_conversations_queue_id")
        batch.drop_column("queue_id")
    op.drop_table("conversation_routing")
    op.drop_table("vip_customers")
    op.drop_table("agent_capacities")
    op.drop_table("routing_rules")
    op.drop_table("routing_queues")
