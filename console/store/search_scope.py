"""Search in a team store as the signed-in person may see it (PostgreSQL).

Row-level security (migration 0022) puts each table's policy before any condition
that is not leakproof, and a text search (``@@``) is not: a person's search read
every row of ``message_fts`` through its policy before looking at a word (1.3 s
at a million messages, for no hit at all). ``console_private.search_hits(query)``
(SECURITY DEFINER, the owner's rights, so it reads the GIN indexes) finds the
matching conversations itself and keeps those of the signed-in login's scope
(``console_scope(session_user)``, the policies' scope; like ``reveal``, the login
that connected is the one asking):

* a login that is no person sees nothing, unless it is the store's owner or a
  superuser (who are not subject to row-level security: they see every hit);
* a person with ``everything`` gets every hit, anyone else the hits in conversations
  assigned to them, of their markets or of their queues;
* a masked person's search reads the masked words (``masked_body``, migration 0023),
  as their ``console_masked`` view of the search tables would.

Only conversation ids leave the function, and only those the person may open: the
caller's query reads ``conversations`` under its own policies as before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, text

from console.store import search_postings
from console.store.masking_sql import PRIVATE_SCHEMA
from console.store.row_scope import IN_SCOPE

FUNCTION = f"{PRIVATE_SCHEMA}.search_hits"
SIGNATURE = f"{FUNCTION}(tsquery)"
#: What the planner expects the function to return (a common word's conversations).
_EXPECTED_ROWS = 20000


def _hits(q: str) -> str:
    """The matching conversations: from the postings for one word or prefix (``v_word``
    set), else through the GIN indexes; masked words for a masked person. The branches
    not taken are constant-false conditions the executor skips."""
    postings = (
        f"SELECT p.conversation_id FROM {q}.{search_postings.TABLE} p "
        "WHERE v_word IS NOT NULL AND p.masked = v_masked AND p.term BETWEEN v_low AND v_high"
    )
    indexed = [
        f"SELECT f.conversation_id FROM {q}.{table} f "
        f"WHERE v_word IS NULL AND {guard} v_masked AND f.{column} @@ p_query"
        for table in ("message_fts", "message_fts_translations")
        for guard, column in (("NOT", "body"), ("", "masked_body"))
    ]
    return " UNION ".join([postings, *indexed])


def _function_sql(q: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {SIGNATURE.replace("tsquery", "p_query tsquery")}
RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT ROWS {_EXPECTED_ROWS} AS $f$
DECLARE s record; v_masked boolean; v_word text[]; v_low text; v_high text;
BEGIN
  SELECT * INTO s FROM {q}.console_scope(session_user);
  IF s.person_id IS NULL AND NOT EXISTS (
       SELECT 1 FROM pg_roles r WHERE r.rolname = session_user
       AND (r.rolsuper OR r.rolbypassrls))
     AND session_user <> (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                          WHERE c.oid = '{q}.conversations'::regclass) THEN
    RETURN;  -- no person, nor the owner or a superuser: nothing
  END IF;
  v_masked := s.person_id IS NOT NULL AND coalesce(
    (SELECT a.masked FROM {q}.agents a WHERE a.id = s.person_id), true);
  -- One word ('order') or one prefix ('refun':*), plainly spelt: the postings.
  v_word := regexp_match(p_query::text, $re$^'([^'\\\\]+)'(:\\*)?$$re$);
  v_low := v_word[1];
  v_high := CASE WHEN v_word[2] IS NULL THEN v_word[1] ELSE v_word[1] || chr(1114111) END;
  IF s.person_id IS NULL OR s.everything THEN
    RETURN QUERY {_hits(q)};
  ELSE
    RETURN QUERY SELECT c.id FROM {q}.conversations c
      JOIN ({_hits(q)}) h ON h.conversation_id = c.id
     WHERE {IN_SCOPE};
  END IF;
END $f$"""


def install(connection: Any) -> None:
    """Create (or replace) the function; only the people's group may run it."""
    schema = str(connection.scalar(text("SELECT current_schema()")))
    connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE_SCHEMA}"))
    connection.execute(text(_function_sql(f'"{schema}"')))
    connection.execute(text(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC"))


def uninstall(connection: Any) -> None:
    connection.execute(text(f"DROP FUNCTION IF EXISTS {SIGNATURE}"))


def search_hits(tsquery: Any) -> Any:
    """The ids of the conversations matching ``tsquery`` that the signed-in person may
    see, as a SELECT (column ``conversation_id``)."""
    hits = func.console_private.search_hits(tsquery).table_valued("conversation_id")
    return hits.render_derived(name="hits")
