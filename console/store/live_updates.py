"""Live updates on PostgreSQL: triggers that tell every seat what a statement changed.

Each watched table gets three statement-level triggers (after INSERT, UPDATE and
DELETE, each with its transition table) that run :data:`NOTIFY_FUNCTION`: one
``pg_notify('console_changes', json)`` per statement that changed rows, sent when
the transaction commits. The JSON is small (always under :data:`PAYLOAD_LIMIT`
bytes)::

    {"t": "messages", "op": "I", "ids": [41, 42], "c": [7], "s": "seat name", "n": 2}
    {"t": "conversations", "op": "U", "ids": [7], "l": false, "c": [7], "s": "seat", "n": 1}

``t`` the table, ``op`` I/U/D, ``ids`` the changed rows' keys (``null`` when more
than :data:`MAX_IDS` rows changed, or the keys are too long: the receiver treats
the table as changed as a whole), ``c`` the conversations they belong to (``null``
for too many; absent for tables without one), ``s`` the writing seat (its
connection's ``application_name``), ``n`` the number of rows, and for a table with
``listing_columns`` ``l``: whether an inbox may list other conversations now. A statement
that changed no row sends nothing; an import of 1,000 rows sends one
notification per statement, not one per row.

:func:`install_notify_triggers` takes the tables to watch, so a migration that
adds a table watches it with one line::

    install_notify_triggers(op.get_bind(), [NotifyTable("routing_rules")])

The listener that reads these is ``console/team/listener.py``. SQLite has no
notifications (one seat, nothing to tell): everything here is for PostgreSQL only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

#: The channel every seat listens on.
NOTIFY_CHANNEL = "console_changes"
NOTIFY_FUNCTION = "console_notify_changes"
#: More changed rows than this in one statement: ``ids`` is null (the table changed).
MAX_IDS = 50
#: PostgreSQL refuses payloads of 8000 bytes or more; a payload is kept below this.
PAYLOAD_LIMIT = 7000
_TRIGGER_PREFIX = "console_notify"


@dataclass(frozen=True)
class NotifyTable:
    """A table to watch: its key column, and how to find a row's conversation.

    ``conversation`` is a column of the table holding the conversation id
    (``"conversation_id"``, or ``"id"`` for the conversations themselves), or
    ``"message_id->messages"``: the message the row belongs to names it. Empty: the
    rows belong to no conversation.
    """

    name: str
    key: str = "id"
    conversation: str = ""
    #: Columns an inbox filter or sort reads: the notification of an UPDATE says in
    #: ``l`` whether one of them changed (an INSERT or DELETE always says true), so
    #: seats fetch their lists again only then, not when a conversation is just read.
    listing_columns: tuple[str, ...] = ()


#: What the inbox's views, filters and sort read of a conversation, besides its messages
#: (a new message is a change of the listing by itself).
CONVERSATION_LISTING_COLUMNS = (
    "status",
    "assignee_id",
    "snoozed_until",
    "market_id",
    "queue_id",
    "priority",
    "channel",
    "language",
    "customer_id",
    "awaiting_reply",
)

#: What migration 0018 watches (0016 adds columns to ``agents``; 0019 and later watch
#: their own tables).
LIVE_TABLES: tuple[NotifyTable, ...] = (
    NotifyTable("conversations", conversation="id", listing_columns=CONVERSATION_LISTING_COLUMNS),
    NotifyTable("messages", conversation="conversation_id"),
    NotifyTable("drafts", conversation="conversation_id"),
    NotifyTable("translations", conversation="message_id->messages"),
    NotifyTable("customers"),
    NotifyTable("agents"),
    NotifyTable("markets"),
    # policy tables
    NotifyTable("policy_versions"),
    NotifyTable("policy_settings", key="key"),
    NotifyTable("policy_tasks", conversation="conversation_id"),
    # coverage tables
    NotifyTable("agent_shifts"),
    NotifyTable("shift_exceptions"),
    NotifyTable("market_support_hours", key="market_id"),
    NotifyTable("market_assignments"),
    NotifyTable("customer_zone_corrections"),
    NotifyTable("peak_events"),
    NotifyTable("scheduled_sends", key="message_id", conversation="message_id->messages"),
    # quality reviews
    NotifyTable("quality_reviews", conversation="conversation_id"),
    NotifyTable("quality_assignments", conversation="conversation_id"),
    NotifyTable("quality_rubric_versions"),
    NotifyTable("quality_sampling"),
    # channels
    NotifyTable("channel_outbox", conversation="conversation_id"),
    NotifyTable("quarantine"),
    NotifyTable("channel_configs"),
    # the reply library
    NotifyTable("reply_entries"),
    NotifyTable("reply_variants"),
    # routing (migration 0017, before this one)
    NotifyTable("routing_queues"),
    NotifyTable("routing_rules"),
    NotifyTable("agent_capacities", key="agent_id"),
    NotifyTable("vip_customers", key="customer_id"),
    NotifyTable("conversation_routing", key="conversation_id", conversation="conversation_id"),
)

_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {NOTIFY_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    key_column text := TG_ARGV[0];
    conversation text := coalesce(TG_ARGV[1], '');
    listing_columns text[] := string_to_array(coalesce(TG_ARGV[2], ''), ',');
    listed boolean;
    counted bigint;
    ids jsonb;
    conversations jsonb;
    payload jsonb;
    body text;
BEGIN
    EXECUTE format(
        'SELECT count(*), (SELECT jsonb_agg(k) FROM '
        '(SELECT DISTINCT %I AS k FROM changed_rows LIMIT {MAX_IDS + 1}) AS s) FROM changed_rows',
        key_column
    ) INTO counted, ids;
    IF counted = 0 THEN
        RETURN NULL;
    END IF;
    IF jsonb_array_length(ids) > {MAX_IDS} THEN
        ids := NULL;
    END IF;
    payload := jsonb_build_object(
        't', TG_TABLE_NAME,
        'op', left(TG_OP, 1),
        'ids', ids,
        'n', counted,
        's', left(current_setting('application_name'), 64)
    );
    IF cardinality(listing_columns) > 0 THEN
        IF TG_OP = 'UPDATE' THEN
            EXECUTE format(
                'SELECT EXISTS (SELECT 1 FROM changed_rows n JOIN old_rows o ON o.%1$I = n.%1$I '
                'WHERE ROW(%2$s) IS DISTINCT FROM ROW(%3$s))',
                key_column,
                (SELECT string_agg('n.' || quote_ident(c), ', ') FROM unnest(listing_columns) c),
                (SELECT string_agg('o.' || quote_ident(c), ', ') FROM unnest(listing_columns) c)
            ) INTO listed;
        ELSE
            listed := true;
        END IF;
        payload := payload || jsonb_build_object('l', listed);
    END IF;
    IF conversation <> '' THEN
        IF position('->' IN conversation) > 0 THEN
            EXECUTE format(
                'SELECT jsonb_agg(c) FROM (SELECT DISTINCT x.conversation_id AS c '
                'FROM changed_rows r JOIN %I x ON x.id = r.%I LIMIT {MAX_IDS + 1}) AS s',
                split_part(conversation, '->', 2), split_part(conversation, '->', 1)
            ) INTO conversations;
        ELSE
            EXECUTE format(
                'SELECT jsonb_agg(c) FROM (SELECT DISTINCT %I AS c FROM changed_rows '
                'WHERE %I IS NOT NULL LIMIT {MAX_IDS + 1}) AS s',
                conversation, conversation
            ) INTO conversations;
        END IF;
        IF conversations IS NOT NULL AND jsonb_array_length(conversations) > {MAX_IDS} THEN
            conversations := 'null'::jsonb;
        END IF;
        payload := payload || jsonb_build_object('c', coalesce(conversations, '[]'::jsonb));
    END IF;
    body := payload::text;
    IF octet_length(body) > {PAYLOAD_LIMIT} THEN
        body := (payload || jsonb_build_object('ids', NULL))::text;
    END IF;
    IF octet_length(body) > {PAYLOAD_LIMIT} THEN
        body := (payload || jsonb_build_object('ids', NULL, 'c', NULL))::text;
    END IF;
    PERFORM pg_notify('{NOTIFY_CHANNEL}', body);
    RETURN NULL;
END
$fn$
"""

_EVENTS = (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD"))


def install_notify_function(bind: Connection) -> None:
    """Create (or replace) the trigger function; PostgreSQL only."""
    bind.execute(text(_FUNCTION_SQL))


def install_notify_triggers(bind: Connection, tables: Iterable[NotifyTable]) -> None:
    """Watch ``tables``: after each statement that changed rows, a notification (see above).

    Installs the function too, so any migration can call it on its own. Replaces
    triggers already there; does nothing on SQLite.
    """
    if bind.dialect.name != "postgresql":
        return
    install_notify_function(bind)
    for table in tables:
        arguments = f"'{_literal(table.key)}', '{_literal(table.conversation)}'"
        if table.listing_columns:
            arguments += f", '{_literal(','.join(table.listing_columns))}'"
        for event, transition in _EVENTS:
            name = f"{_TRIGGER_PREFIX}_{event}"
            transitions = f"{transition} TABLE AS changed_rows"
            if table.listing_columns and event == "update":
                transitions = f"OLD TABLE AS old_rows {transitions}"
            bind.execute(text(f'DROP TRIGGER IF EXISTS {name} ON "{table.name}"'))
            bind.execute(
                text(
                    f'CREATE TRIGGER {name} AFTER {event.upper()} ON "{table.name}" '
                    f"REFERENCING {transitions} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {NOTIFY_FUNCTION}({arguments})"
                )
            )


def drop_notify_triggers(bind: Connection, tables: Iterable[NotifyTable]) -> None:
    """Stop watching ``tables`` (the function stays: other tables may use it)."""
    if bind.dialect.name != "postgresql":
        return
    for table in tables:
        for event, _transition in _EVENTS:
            bind.execute(
                text(f'DROP TRIGGER IF EXISTS {_TRIGGER_PREFIX}_{event} ON "{table.name}"')
            )


def drop_notify_function(bind: Connection) -> None:
    if bind.dialect.name == "postgresql":
        bind.execute(text(f"DROP FUNCTION IF EXISTS {NOTIFY_FUNCTION}() CASCADE"))


def _literal(value: str) -> str:
    return value.replace("'", "''")
