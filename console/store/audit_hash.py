"""The audit log's hash chain: one canonical form of an entry, in Python and in SQL alike.

Each audit entry carries ``prev_hash`` (the ``hash`` of the entry before it, ``""``
for the first) and ``hash``: the SHA-256 (hex) of the UTF-8 bytes of

    audit-v1\\n
    <len>:<at>\\n <len>:<actor>\\n <len>:<action>\\n <len>:<entity>\\n
    <len>:<entity_id>\\n <len>:<detail>\\n <len>:<prev_hash>\\n

(no spaces; ``<len>`` is the field's length in characters, so no value can pass
for another). Each field is **the text the store holds**, so that SQL and Python
agree on every engine without re-encoding anything:

* ``at``: ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC). SQLite keeps exactly this text
  (SQLAlchemy's storage format); PostgreSQL gives it as
  ``to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')``.
* ``entity_id``: the decimal number, ``""`` when there is none.
* ``detail``: the JSON text as stored (SQLite's text; PostgreSQL's ``json`` type keeps
  its input text verbatim, ``detail::text``), never a re-serialisation.

The store computes the chain as entries are inserted (migration 0020: an AFTER INSERT
trigger calling :data:`SQLITE_FUNCTION` on SQLite, a BEFORE INSERT trigger in plpgsql
on PostgreSQL, both under the write lock or the chain head's row lock);
``console/privacy/audit_chain.py`` checks it with :func:`entry_hash`.
"""

from __future__ import annotations

import hashlib
from typing import Any

VERSION = "audit-v1"
#: ``prev_hash`` of the first entry.
GENESIS = ""
#: How ``at`` is written in the canonical form (Python); PostgreSQL: :data:`PG_AT_FORMAT`.
AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
PG_AT_FORMAT = "YYYY-MM-DD HH24:MI:SS.US"
#: The SQL function SQLite's chain trigger calls (registered on every connection).
SQLITE_FUNCTION = "audit_entry_hash"


def canonical(
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: str,
    prev_hash: str,
) -> str:
    """The text an entry's hash is taken over (see the module text)."""
    fields = (
        at,
        actor,
        action,
        entity,
        "" if entity_id is None else str(entity_id),
        detail,
        prev_hash,
    )
    return VERSION + "\n" + "".join(f"{len(value)}:{value}\n" for value in fields)


def entry_hash(
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of :func:`canonical`."""
    text = canonical(at, actor, action, entity, entity_id, detail, prev_hash)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _sqlite_entry_hash(*values: Any) -> str:
    at, actor, action, entity, entity_id, detail, prev_hash = values
    if prev_hash is None:
        raise ValueError("the audit chain's head is missing")
    return entry_hash(
        str(at),
        str(actor),
        str(action),
        str(entity),
        None if entity_id is None else int(entity_id),
        str(detail),
        str(prev_hash),
    )


def install_sqlite_function(dbapi_connection: Any) -> None:
    """Register :data:`SQLITE_FUNCTION` on a raw sqlite3 connection (the chain trigger needs it)."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 7, _sqlite_entry_hash, deterministic=True)


def pg_hash_sql(prefix: str = "NEW.") -> str:
    """The plpgsql expression of an entry's hash; ``at_text``, ``previous`` are variables."""
    parts = [
        "at_text",
        f"{prefix}actor",
        f"{prefix}action",
        f"{prefix}entity",
        f"coalesce({prefix}entity_id::text, '')",
        f"{prefix}detail::text",
        "previous",
    ]
    body = " || ".join(f"length({part}) || ':' || {part} || E'\\n'" for part in parts)
    return f"encode(sha256(convert_to('{VERSION}' || E'\\n' || {body}, 'UTF8')), 'hex')"
