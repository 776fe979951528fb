"""Which conversations hold a word, read from an index alone (PostgreSQL).

A common word is in tens of thousands of messages (``order``: 67,000 of a million),
and finding their conversations through the GIN index of ``message_fts`` reads each
matching row from the table, one page apiece (40,000 pages: 60-100 ms of every such
search). ``search_postings`` keeps, per word, the conversations holding it in a
message or a stored translation: one row per (masked?, word, conversation), so a
one-word search is a range of its primary key, read from the index only (5 ms).
``console_private.search_hits`` (console/store/search_scope.py) reads it for a
search of one word or one prefix; anything longer (phrases, CJK, several words,
which must meet in one message) still goes through ``message_fts``.

The words are the lexemes of ``message_fts.body`` and ``masked_body`` (and of
the translations'), ``masked`` telling which: a masked person's search reads the
masked ones, as ``console_masked.message_fts`` would. Statement-level triggers keep
it whole: new rows add their words; changed or removed rows take theirs away unless
another row of the conversation still holds them. The trigger functions are
SECURITY DEFINER: people write messages, but nobody except the owner reads or writes
the postings (they name words of conversations out of one's scope).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from console.store.masking_sql import PRIVATE_SCHEMA, SEARCH_TABLES

TABLE = "search_postings"
_ADDED = f"{PRIVATE_SCHEMA}.search_postings_added"
_CHANGED = f"{PRIVATE_SCHEMA}.search_postings_changed"
_REMOVED = f"{PRIVATE_SCHEMA}.search_postings_removed"
#: After INSERT, UPDATE and DELETE (``zz``: after the masks of migration 0023 are set).
_TRIGGERS = ("zz_search_postings_added", "zz_search_postings_changed", "zz_search_postings_removed")


def _words(rows: str) -> str:
    """(masked, term, conversation_id) of every word of ``rows`` (a table or transition)."""
    return (
        f"SELECT false, t, r.conversation_id FROM {rows} r, "
        "unnest(tsvector_to_array(r.body)) t "
        f"UNION SELECT true, t, r.conversation_id FROM {rows} r, "
        "unnest(tsvector_to_array(r.masked_body)) t"
    )


def _insert(words: str, q: str) -> str:
    return f"INSERT INTO {q}.{TABLE} (masked, term, conversation_id) {words} ON CONFLICT DO NOTHING"


def _refill(q: str, conversations: str) -> str:
    """Every word of ``conversations`` (a SELECT of ids), from both search tables."""
    return " UNION ".join(
        _words(
            f"(SELECT conversation_id, body, masked_body FROM {q}.{table} "
            f"WHERE conversation_id IN ({conversations}))"
        )
        for table in SEARCH_TABLES
    )


def _taken_away(q: str, conversations: str) -> str:
    """The body of a trigger function after rows changed or went: the old rows' words go
    unless their conversation still holds them (the refill puts those back)."""
    return f"""BEGIN
  DELETE FROM {q}.{TABLE} p USING ({_words("old_rows")}) AS gone(masked, term, cid)
   WHERE p.masked = gone.masked AND p.term = gone.term AND p.conversation_id = gone.cid;
  {_insert(_refill(q, conversations), q)};
  RETURN NULL;
END"""


def _function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path FROM CURRENT AS $f$\n{body}\n$f$"
    )


def _statements(q: str) -> list[str]:
    statements = [
        f"""CREATE TABLE IF NOT EXISTS {q}.{TABLE} (
    masked boolean NOT NULL,
    term text COLLATE "C" NOT NULL,
    conversation_id integer NOT NULL,
    PRIMARY KEY (masked, term, conversation_id))""",
        f"REVOKE ALL ON {q}.{TABLE} FROM PUBLIC",
        _function(_ADDED, f"BEGIN\n  {_insert(_words('new_rows'), q)};\n  RETURN NULL;\nEND"),
        _function(
            _CHANGED,
            _taken_away(
                q, "SELECT conversation_id FROM old_rows UNION SELECT conversation_id FROM new_rows"
            ),
        ),
        _function(_REMOVED, _taken_away(q, "SELECT conversation_id FROM old_rows")),
    ]
    for table in SEARCH_TABLES:
        on = f"ON {q}.{table}"
        statements += [f"DROP TRIGGER IF EXISTS {trigger} {on}" for trigger in _TRIGGERS]
        statements += [
            f"CREATE TRIGGER {_TRIGGERS[0]} AFTER INSERT {on} REFERENCING NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_ADDED}()",
            f"CREATE TRIGGER {_TRIGGERS[1]} AFTER UPDATE {on} "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_CHANGED}()",
            f"CREATE TRIGGER {_TRIGGERS[2]} AFTER DELETE {on} REFERENCING OLD TABLE AS old_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_REMOVED}()",
        ]
    return statements


def install(connection: Any) -> None:
    """Create the table, its triggers, and fill it from what the search tables hold."""
    q = f'"{connection.scalar(text("SELECT current_schema()"))}"'
    for statement in _statements(q):
        connection.execute(text(statement))
    for table in SEARCH_TABLES:
        connection.execute(text(_insert(_words(f"{q}.{table}"), q)))


def uninstall(connection: Any) -> None:
    q = f'"{connection.scalar(text("SELECT current_schema()"))}"'
    for table in SEARCH_TABLES:
        for trigger in _TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger} ON {q}.{table}"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {_ADDED}(), {_CHANGED}(), {_REMOVED}()"))
    connection.execute(text(f"DROP TABLE IF EXISTS {q}.{TABLE}"))
