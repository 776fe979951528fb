"""Looking up many composite keys at once, on both engines.

PostgreSQL parses ``(a, b) IN ((..), (..), ...)`` into an expression as deep as
the list, and a list of some thousands of keys exceeds its stack depth
(``max_stack_depth``); SQLite has a limit on bound parameters. A lookup of many
keys is therefore sent in chunks of :data:`LOOKUP_CHUNK`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, TypeVarTuple

from sqlalchemy import Row, Select, tuple_
from sqlalchemy.orm import Session

LOOKUP_CHUNK = 500
_Columns = TypeVarTuple("_Columns")


def rows_with_keys(
    session: Session,
    query: Select[*_Columns],
    columns: tuple[Any, ...],
    keys: Collection[tuple[Any, ...]],
) -> Iterator[Row[*_Columns]]:
    """The rows of ``query`` whose ``columns`` equal one of ``keys`` (any number of keys)."""
    ordered = list(keys)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        yield from session.execute(query.where(tuple_(*columns).in_(chunk)))
