"""``unindexed(column)``: a column SQLite must read in table order, not through an index.

A KPI period covers most of the facts, and SQLite's planner, which has no
statistics, would still walk the index on ``first_inbound_at`` and fetch each
conversation in that order: ten times slower than reading the facts in
conversation order. On SQLite the column is therefore compared as
``coalesce(column, column)`` (an expression no index serves). Other engines
see the plain column, so their statistics estimate the period's rows (an
expression would leave PostgreSQL guessing a few hundred rows and joining the
conversations row by row instead of hashing them).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal


class Unindexed(ColumnElement[Any]):
    """The column itself, compiled so that SQLite scans rather than uses an index."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(Unindexed)
def _plain(element: Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(Unindexed, "sqlite")
def _sqlite(element: Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(func.coalesce(element.column, element.column), **kw)
