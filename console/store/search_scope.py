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

from console.store.masking_sql import PRIVATE_SCHEMA

FUNCTION = f"{PRIVATE_SCHEMA}.search_hits"
SIGNATURE = f"{FUNCTION}(tsquery)"
#: What the planner expects the function to return (a common word's conversations).
_EXPECTED_ROWS = 20000


def _hits(body: str, q: str) -> str:
    return " UNION ".join(
        f"SELECT f.conversation_id FROM {q}.{table} f WHERE f.{body} @@ p_query"
        for table in ("message_fts", "message_fts_translations")
    )


def _function_sql(q: str) -> str:
    scoped = (
        "SELECT c.id FROM {q}.conversations c JOIN ({hits}) h ON h.conversation_id = c.id "
        "WHERE c.assignee_id = s.person_id OR c.market_id = ANY (s.market_ids) "
        "OR c.queue_id = ANY (s.queue_ids)"
    )
    return f"""CREATE OR REPLACE FUNCTION {SIGNATURE.replace("tsquery", "p_query tsquery")}
RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT ROWS {_EXPECTED_ROWS} AS $f$
DECLARE s record; masked boolean;
BEGIN
  SELECT * INTO s FROM {q}.console_scope(session_user);
  IF s.person_id IS NULL THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user
                   AND (r.rolsuper OR r.rolbypassrls))
       AND session_user <> (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                            WHERE c.oid = '{q}.conversations'::regclass) THEN
      RETURN;
    END IF;
    RETURN QUERY {_hits("body", q)};
    RETURN;
  END IF;
  masked := coalesce((SELECT a.masked FROM {q}.agents a WHERE a.id = s.person_id), true);
  IF s.everything AND NOT masked THEN
    RETURN QUERY {_hits("body", q)};
  ELSIF s.everything THEN
    RETURN QUERY {_hits("masked_body", q)};
  ELSIF NOT masked THEN
    RETURN QUERY {scoped.format(q=q, hits=_hits("body", q))};
  ELSE
    RETURN QUERY {scoped.format(q=q, hits=_hits("masked_body", q))};
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
