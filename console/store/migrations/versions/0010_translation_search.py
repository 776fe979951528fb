"""Search across languages, and search that does not read messages to find conversations.

SQLite: ``message_fts`` is rebuilt, and ``message_fts_translations`` holds the
stored translations, each row under a rowid that names its conversation
(console/store/fts.py, :func:`~console.store.fts.search_rowid`)::

    rowid = row_id << 31 | conversation_id     (row_id: the message's or the translation's id)

A match therefore names its conversation without a lookup in ``messages``
(the lookup was most of the time of a search at 1,000,000 messages). Rowids
still grow with the row id, so a batch of inserts stays one FTS5 segment
(FTS5 flushes its pending data whenever a rowid goes backwards). Triggers keep
both tables in sync. The rebuild reads every message and translation once.

PostgreSQL: a GIN index on the translations' text serves the same bounded terms.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_MESSAGE_ROWID = "(({m}.id << 31) | {m}.conversation_id)"
_TRANSLATION_ROWID = "(({t}.id << 31) | {m}.conversation_id)"
_FTS = "fts5(body, tokenize = 'unicode61 remove_diacritics 2')"

_OLD_TRIGGERS = ("messages_fts_insert", "messages_fts_delete", "messages_fts_update")
_NEW_TRIGGERS = (
    "messages_fts_insert",
    "messages_fts_delete",
    "messages_fts_update",
    "translations_fts_insert",
    "translations_fts_delete",
    "translations_fts_update",
)

_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _OLD_TRIGGERS),
    "DROP TABLE IF EXISTS message_fts",
    "DROP TABLE IF EXISTS message_fts_translations",
    f"CREATE VIRTUAL TABLE message_fts USING {_FTS}",
    f"CREATE VIRTUAL TABLE message_fts_translations USING {_FTS}",
    f"""CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_fts(rowid, body)
        VALUES ({_MESSAGE_ROWID.format(m="new")}, fts_prepare(new.text));
    END""",
    # BEFORE: the message's translations (deleted by the cascade) are still there.
    f"""CREATE TRIGGER messages_fts_delete BEFORE DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid = {_MESSAGE_ROWID.format(m="old")};
        DELETE FROM message_fts_translations WHERE rowid IN (
            SELECT {_TRANSLATION_ROWID.format(m="old", t="t")}
            FROM translations AS t WHERE t.message_id = old.id
        );
    END""",
    f"""CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, conversation_id ON messages
    BEGIN
        DELETE FROM message_fts WHERE rowid = {_MESSAGE_ROWID.format(m="old")};
        INSERT INTO message_fts(rowid, body)
        VALUES ({_MESSAGE_ROWID.format(m="new")}, fts_prepare(new.text));
        DELETE FROM message_fts_translations WHERE rowid IN (
            SELECT {_TRANSLATION_ROWID.format(m="old", t="t")}
            FROM translations AS t WHERE t.message_id = old.id
        );
        INSERT INTO message_fts_translations(rowid, body)
        SELECT {_TRANSLATION_ROWID.format(m="new", t="t")}, fts_prepare(t.text)
        FROM translations AS t WHERE t.message_id = new.id;
    END""",
    f"""CREATE TRIGGER translations_fts_insert AFTER INSERT ON translations BEGIN
        INSERT INTO message_fts_translations(rowid, body)
        SELECT {_TRANSLATION_ROWID.format(m="m", t="new")}, fts_prepare(new.text)
        FROM messages AS m WHERE m.id = new.message_id;
    END""",
    f"""CREATE TRIGGER translations_fts_delete AFTER DELETE ON translations BEGIN
        DELETE FROM message_fts_translations WHERE rowid IN (
            SELECT {_TRANSLATION_ROWID.format(m="m", t="old")}
            FROM messages AS m WHERE m.id = old.message_id
        );
    END""",
    f"""CREATE TRIGGER translations_fts_update AFTER UPDATE OF text, message_id ON translations
    BEGIN
        DELETE FROM message_fts_translations WHERE rowid IN (
            SELECT {_TRANSLATION_ROWID.format(m="m", t="old")}
            FROM messages AS m WHERE m.id = old.message_id
        );
        INSERT INTO message_fts_translations(rowid, body)
        SELECT {_TRANSLATION_ROWID.format(m="m", t="new")}, fts_prepare(new.text)
        FROM messages AS m WHERE m.id = new.message_id;
    END""",
    f"INSERT INTO message_fts(rowid, body) SELECT {_MESSAGE_ROWID.format(m='m')}, "
    "fts_prepare(m.text) FROM messages AS m",
    "INSERT INTO message_fts_translations(rowid, body) "
    f"SELECT {_TRANSLATION_ROWID.format(m='m', t='t')}, "
    "fts_prepare(t.text) FROM translations AS t JOIN messages AS m ON m.id = t.message_id",
]

_POSTGRESQL = [
    "CREATE INDEX ix_translations_text_fts ON translations USING gin (to_tsvector('simple', text))",
]

# The index as 0001 made it: one row per message, rowid = message id.
_SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _NEW_TRIGGERS),
    "DROP TABLE IF EXISTS message_fts_translations",
    "DROP TABLE IF EXISTS message_fts",
    "CREATE VIRTUAL TABLE message_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
    """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_fts(rowid, body) VALUES (new.id, fts_prepare(new.text));
    END""",
    """CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        UPDATE message_fts SET body = fts_prepare(new.text) WHERE rowid = new.id;
    END""",
    "INSERT INTO message_fts(rowid, body) SELECT id, fts_prepare(text) FROM messages",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_translations_text_fts")
