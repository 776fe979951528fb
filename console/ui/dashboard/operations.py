"""The team dashboard's store work, as named operations (console/ui/lanes/operations.py).

Both are reads: the figures of a period and slice, and the conversations behind
one figure. The dashboard runs one with ``operation(parent=self, ...).run(executor)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.kpis.queries import Figure, GroupKey, KpiQuery, conversation_ids_for
from console.ui.dashboard.dashboard_data import DashboardData, load_dashboard
from console.ui.lanes.operations import QueryOp


def load_team_figures(
    *,
    parent: QObject,
    query: KpiQuery,
    now: datetime,
    success: Callable[[DashboardData], None],
) -> QueryOp[DashboardData]:
    """Every figure the dashboard shows for ``query`` (its period and slice) at ``now``."""

    def work(session: Session) -> DashboardData:
        return load_dashboard(session, query, now)

    return QueryOp(parent=parent, op=work, success=success)


def find_figure_conversations(
    *,
    parent: QObject,
    query: KpiQuery,
    key: GroupKey,
    figure: Figure,
    success: Callable[[list[int]], None],
) -> QueryOp[list[int]]:
    """The ids of the conversations behind one group's (``key``) figure."""

    def work(session: Session) -> list[int]:
        return conversation_ids_for(session, query, key, figure)

    return QueryOp(parent=parent, op=work, success=success)
