"""Item models of the coverage planner: the 7x24 grid, the agents to drag, the per-market
assignment checklist and the suggestion table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from console.coverage import (
    SLOTS,
    AgentCoverage,
    CellState,
    CoverageGrid,
    CoveragePlan,
    MarketCoverage,
    MarketExplanation,
    MarketNow,
    Suggestion,
    UncoveredReason,
    coverage_grid,
)
from console.problems import Problem
from console.ui.common import palette
from console.ui.common.display_names import language_name
from console.ui.common.problem_texts import problem_text
from console.ui.common.rows_model import READ_ONLY
from timezones import Period

Index = QModelIndex | QPersistentModelIndex

AGENT_MIME = "application/x-support-console-agent-id"
CellStateRole = Qt.ItemDataRole.UserRole + 1
DemandRole = Qt.ItemDataRole.UserRole + 2
MaxDemandRole = Qt.ItemDataRole.UserRole + 3
PreviousDemandRole = Qt.ItemDataRole.UserRole + 4
NextDemandRole = Qt.ItemDataRole.UserRole + 5
AgentIdRole = Qt.ItemDataRole.UserRole + 6
MarketIdRole = Qt.ItemDataRole.UserRole + 7
#: On the grid's cell at "now": the fraction of the hour gone (else None).
NowRole = Qt.ItemDataRole.UserRole + 8


def day_name(day: int) -> str:
    """Short name of weekday ``day`` (Monday 0) in the UI locale."""
    return QLocale().dayName(day + 1, QLocale.FormatType.ShortFormat)


def slot_text(slot: int) -> str:
    return f"{day_name(slot // 24)} {slot % 24:02d}:00"


def span_text(first: int, last: int) -> str:
    end = last + 1
    end_text = f"{end % 24:02d}:00" if end // 24 == first // 24 else slot_text(end % SLOTS)
    if end // 24 != first // 24 and end % 24 == 0:
        end_text = "24:00"
    return f"{slot_text(first)}–{end_text}"


def languages_text(codes: tuple[str, ...]) -> str:
    return ", ".join(language_name(code) for code in codes)


def days_text(days: list[int]) -> str:
    """Weekdays (Monday 0) as "Mon–Fri, Sun"."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        day_name(run[0]) if len(run) == 1 else f"{day_name(run[0])}–{day_name(run[-1])}"
        for run in runs
    )


def periods_text(periods: tuple[str, ...]) -> str:
    """``("Mon 09:00-18:00", ..., "Fri 09:00-18:00")`` as "Mon–Fri 09:00–18:00"."""
    by_time: dict[tuple[str, str], list[int]] = {}
    for text in periods:
        try:
            period = Period.parse(text)
        except ValueError:
            return ", ".join(periods)
        start, end = period.start.strftime("%H:%M"), period.end.strftime("%H:%M")
        key = (start, "24:00" if start == end == "00:00" else end)  # the whole day
        by_time.setdefault(key, []).append(period.weekday)
    parts = []
    for (start, end), days in by_time.items():
        parts.append(f"{days_text(days)} {start}–{end}")
    return "; ".join(parts)


def state_name(state: CellState) -> str:
    names = {
        CellState.CLOSED: QCoreApplication.translate("Coverage", "Outside support hours"),
        CellState.COVERED: QCoreApplication.translate("Coverage", "Covered"),
        CellState.LANGUAGE_GAP: QCoreApplication.translate(
            "Coverage", "Covered, but not in the market's language"
        ),
        CellState.UNCOVERED: QCoreApplication.translate("Coverage", "Uncovered"),
    }
    return names[state]


class CoverageGridModel(QAbstractTableModel):
    """Markets (rows) by the 168 hours of the week (columns), in the plan's zone.

    Dropping an agent (``AGENT_MIME``) on a market's row asks for the assignment.
    """

    #: An agent was dropped on a market: (market id, agent id).
    assign_requested = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan: CoveragePlan | None = None
        self._grid = CoverageGrid(())
        self._max_demand = 0.0
        self._now: float | None = None

    @property
    def plan(self) -> CoveragePlan | None:
        return self._plan

    @property
    def now(self) -> float | None:
        """Where "now" is in the shown week (slot plus fraction of the hour), or None."""
        return self._now

    def set_now(self, position: float | None) -> None:
        """Mark "now" at ``position`` (None: the shown week is another one)."""
        old, self._now = self._now, position
        if not self.rowCount():
            return
        for value in {old, position}:
            if value is not None and 0 <= int(value) < SLOTS:
                column = int(value)
                self.dataChanged.emit(
                    self.index(0, column), self.index(self.rowCount() - 1, column), [NowRole]
                )

    @property
    def grid(self) -> CoverageGrid:
        return self._grid

    def set_plan(self, plan: CoveragePlan | None) -> None:
        """A new plan: rows are reset when the markets change, else the cells just update."""
        old = self._plan
        same_rows = (
            old is not None
            and plan is not None
            and [m.id for m in old.markets] == [m.id for m in plan.markets]
        )
        if not same_rows:
            self.beginResetModel()
        self._plan = plan
        self._grid = coverage_grid(plan) if plan is not None else CoverageGrid(())
        self._max_demand = (
            max((d for m in plan.markets for d in m.demand), default=0.0) if plan else 0.0
        )
        if not same_rows:
            self.endResetModel()
            return
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, SLOTS - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def market_at(self, row: int) -> MarketCoverage | None:
        if self._plan is None or not 0 <= row < len(self._plan.markets):
            return None
        return self._plan.markets[row]

    def row_of(self, market_id: int) -> int | None:
        if self._plan is None:
            return None
        for row, market in enumerate(self._plan.markets):
            if market.id == market_id:
                return row
        return None

    # -- model ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._plan is None:
            return 0
        return len(self._plan.markets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._plan is None else SLOTS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        market = self.market_at(index.row()) if index.isValid() else None
        if market is None or not 0 <= index.column() < SLOTS:
            return None
        slot = index.column()
        if role == CellStateRole:
            return int(self._grid.rows[index.row()].cells[slot])
        if role == DemandRole:
            return market.demand[slot]
        if role == PreviousDemandRole:
            return market.demand[slot - 1] if slot > 0 else market.demand[slot]
        if role == NextDemandRole:
            return market.demand[slot + 1] if slot + 1 < SLOTS else market.demand[slot]
        if role == MaxDemandRole:
            return self._max_demand
        if role == MarketIdRole:
            return market.id
        if role == NowRole:
            now = self._now
            return now - slot if now is not None and int(now) == slot else None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = CellState(self._grid.rows[index.row()].cells[slot])
            return self.tr("{market} · {time}\n{state}\n{demand:.1f} messages per week").format(
                market=market.name,
                time=slot_text(slot),
                state=state_name(state),
                demand=market.demand[slot],
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < self.columnCount() and role == Qt.ItemDataRole.ToolTipRole:
                return slot_text(section)
            return None
        market = self.market_at(section)
        if market is None or self._plan is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            agents = ", ".join(a.name for a in self._plan.agents_of(market.id))
            return f"{market.code}  {agents}" if agents else market.code
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self._grid.rows[section]
            return self.tr(
                "{name} ({languages})\nSupport hours: {open} h a week, {covered} h covered"
            ).format(
                name=market.name,
                languages=languages_text(market.languages),
                open=row.open_hours,
                covered=row.covered_hours,
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDropEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [AGENT_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(AGENT_MIME) and self._drop_market(row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        market = self._drop_market(row, parent)
        assert market is not None
        agent_id = int(bytes(data.data(AGENT_MIME).data()).decode())
        self.assign_requested.emit(market.id, agent_id)
        return True

    def _drop_market(self, row: int, parent: Index) -> MarketCoverage | None:
        return self.market_at(parent.row() if parent.isValid() else row)


class CoverageAgentsModel(QAbstractListModel):
    """The agents who can cover markets; drag one onto a market."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._agents: tuple[AgentCoverage, ...] = ()

    def set_agents(self, agents: tuple[AgentCoverage, ...]) -> None:
        self.beginResetModel()
        self._agents = agents
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._agents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._agents):
            return None
        agent = self._agents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{agent.name}\n{' · '.join(agent.languages)} · {agent.zone}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name}\nLanguages: {languages}\nHome zone: {zone}\n{shifts}").format(
                name=agent.name,
                languages=languages_text(agent.languages),
                zone=agent.zone,
                shifts=self.tr("{hours} hours on shift this week").format(
                    hours=bin(agent.on_shift).count("1")
                ),
            )
        if role == AgentIdRole:
            return agent.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [AGENT_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        valid = [i for i in indexes if i.isValid()]
        if valid:
            agent = self._agents[valid[0].row()]
            data.setData(AGENT_MIME, QByteArray(str(agent.id).encode()))
        return data


class MarketAssignmentsModel(QAbstractListModel):
    """Every agent, checked when they cover the chosen market: check to assign."""

    #: (market id, agent id, assigned)
    toggled = Signal(int, int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan: CoveragePlan | None = None
        self._market_id: int | None = None
        self._idle: dict[tuple[int, int], Problem] = {}

    def set_idle(self, idle: dict[tuple[int, int], Problem]) -> None:
        """Assignments without a shift in the market's support hours: (market, agent) ids."""
        self._idle = dict(idle)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def set_plan(self, plan: CoveragePlan | None, market_id: int | None) -> None:
        same = (
            self._plan is not None
            and plan is not None
            and self._plan.agents == plan.agents
            and self._market_id == market_id
        )
        if not same:
            self.beginResetModel()
        self._plan, self._market_id = plan, market_id
        if not same:
            self.endResetModel()
        elif self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def _agents(self) -> tuple[AgentCoverage, ...]:
        if self._plan is None or self._market_id is None:
            return ()
        return self._plan.agents

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._agents())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        agents = self._agents()
        if not index.isValid() or not 0 <= index.row() < len(agents) or self._plan is None:
            return None
        agent = agents[index.row()]
        market = self._plan.market(self._market_id or -1)
        idle = self._idle.get((self._market_id or -1, agent.id))
        if role == Qt.ItemDataRole.DisplayRole:
            if market is not None and not agent.speaks_any(market.languages):
                name = self.tr("{name} (no {languages})").format(
                    name=agent.name, languages="/".join(market.languages)
                )
            else:
                name = agent.name
            return f"⚠ {name}" if idle is not None else name
        if role == Qt.ItemDataRole.ToolTipRole and idle is not None:
            return problem_text(idle)
        if role == Qt.ItemDataRole.ForegroundRole and idle is not None:
            return palette.WARNING
        if role == Qt.ItemDataRole.CheckStateRole:
            assigned = (self._market_id, agent.id) in self._plan.assignments
            return Qt.CheckState.Checked if assigned else Qt.CheckState.Unchecked
        if role == AgentIdRole:
            return agent.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        agents = self._agents()
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or not 0 <= index.row() < len(agents)
            or self._market_id is None
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggled.emit(self._market_id, agents[index.row()].id, checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


NOW_STATE_COLORS = {  # the grid's colours (coverage_delegate.STATE_COLORS)
    CellState.CLOSED: palette.SURFACE_ALT,
    CellState.COVERED: palette.COVERED,
    CellState.LANGUAGE_GAP: palette.LANGUAGE_GAP,
    CellState.UNCOVERED: palette.UNCOVERED,
}


def now_state(entry: MarketNow, plan: CoveragePlan) -> CellState:
    """The grid state of a market at the instant of ``entry``."""
    if not entry.open:
        return CellState.CLOSED
    if entry.covered:
        return CellState.COVERED
    return CellState.LANGUAGE_GAP if entry.agent_names else CellState.UNCOVERED


class OnShiftNowModel(QAbstractListModel):
    """Per market: who of its agents is on shift now, coloured like the grid."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan: CoveragePlan | None = None
        self._entries: tuple[MarketNow, ...] = ()

    def set_entries(self, plan: CoveragePlan | None, entries: tuple[MarketNow, ...]) -> None:
        same = [e.market_id for e in entries] == [e.market_id for e in self._entries]
        if not same:
            self.beginResetModel()
        self._plan, self._entries = plan, entries
        if not same:
            self.endResetModel()
        elif self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def entry(self, row: int) -> MarketNow | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None or self._plan is None:
            return None
        state = now_state(entry, self._plan)
        if role == Qt.ItemDataRole.DisplayRole:
            names = ", ".join(entry.agent_names)
            if not entry.open:
                who = (
                    self.tr("closed · {names}").format(names=names) if names else self.tr("closed")
                )
            else:
                who = names or self.tr("nobody on shift")
            return f"{entry.market_code}  {who}"
        if role == Qt.ItemDataRole.ToolTipRole:
            market = self._plan.market(entry.market_id)
            name = market.name if market else entry.market_code
            return f"{name}\n{state_name(state)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return NOW_STATE_COLORS[state]
        if role == Qt.ItemDataRole.ForegroundRole:
            if state is CellState.CLOSED:
                return palette.MUTED
            if state is CellState.UNCOVERED:
                return palette.ERROR_DARK
            return None
        if role == MarketIdRole:
            return entry.market_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


SUGGESTION_COLUMNS = ("apply", "market", "agents", "coverage", "why")
APPLY, MARKET, AGENTS, COVERAGE, WHY = range(len(SUGGESTION_COLUMNS))


def reason_text(reason: UncoveredReason, languages: str) -> str:
    if reason is UncoveredReason.NO_SPEAKER:
        return QCoreApplication.translate("Coverage", "no agent speaks {languages}").format(
            languages=languages
        )
    if reason is UncoveredReason.NO_SPEAKER_ON_SHIFT:
        return QCoreApplication.translate("Coverage", "no {languages} speaker on shift").format(
            languages=languages
        )
    return QCoreApplication.translate(
        "Coverage", "{languages} speakers on shift cover busier markets"
    ).format(languages=languages)


def explanation_text(explanation: MarketExplanation, market: MarketCoverage) -> str:
    """One market's explanation as a sentence or two in the UI language."""
    translate = QCoreApplication.translate
    if explanation.open_hours == 0:
        return translate("Coverage", "No support hours this week.")
    if not explanation.uncovered:
        return translate("Coverage", "All support hours covered.")
    languages = languages_text(market.languages)
    # The same hours on several days read as one line: "Mon–Fri 06:00–08:00".
    groups: dict[tuple[int, int, UncoveredReason], list[int]] = {}
    demand: dict[tuple[int, int, UncoveredReason], float] = {}
    singles: list[tuple[float, str]] = []
    for span in explanation.uncovered:
        if span.first_slot // 24 != span.last_slot // 24:
            when = span_text(span.first_slot, span.last_slot)
            singles.append((span.demand, f"{when} ({reason_text(span.reason, languages)})"))
            continue
        key = (span.first_slot % 24, span.last_slot % 24, span.reason)
        groups.setdefault(key, []).append(span.first_slot // 24)
        demand[key] = demand.get(key, 0.0) + span.demand
    for (first, last, reason), days in groups.items():
        names = days_text(days)
        end = f"{(last + 1) % 24:02d}:00" if last < 23 else "24:00"
        text = f"{names} {first:02d}:00–{end} ({reason_text(reason, languages)})"
        singles.append((demand[(first, last, reason)], text))
    singles.sort(key=lambda item: -item[0])
    shown = [text for _demand, text in singles[:3]]
    result = translate("Coverage", "Uncovered: {spans}").format(spans="; ".join(shown))
    if len(singles) > 3:
        result += " " + translate("Coverage", "and {count} more").format(count=len(singles) - 3)
    return result


class SuggestionModel(QAbstractTableModel):
    """The suggested assignment per market; the lead unchecks markets to keep as they are."""

    def __init__(self, plan: CoveragePlan, suggestion: Suggestion, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._suggestion = suggestion
        self._explanations = suggestion.explanations
        self._apply = [True] * len(self._explanations)

    def accepted(self) -> tuple[frozenset[tuple[int, int]], frozenset[int]]:
        """(assignments, market ids) of the checked markets."""
        markets = frozenset(
            e.market_id for e, on in zip(self._explanations, self._apply, strict=True) if on
        )
        pairs = frozenset(p for p in self._suggestion.assignments if p[0] in markets)
        return pairs, markets

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._explanations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SUGGESTION_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._explanations):
            return None
        explanation = self._explanations[index.row()]
        market = self._plan.market(explanation.market_id)
        column = index.column()
        if column == APPLY and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._apply[index.row()] else Qt.CheckState.Unchecked
        if role == MarketIdRole:
            return explanation.market_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == MARKET:
            return (
                f"{explanation.market_code} · {market.name}" if market else explanation.market_code
            )
        if column == AGENTS:
            return ", ".join(explanation.agent_names) or "—"
        if column == COVERAGE:
            return self.tr("{share:.0%} of demand · {covered}/{open} h").format(
                share=explanation.covered_share,
                covered=explanation.covered_hours,
                open=explanation.open_hours,
            )
        if column == WHY and market is not None:
            return explanation_text(explanation, market)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != APPLY
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < len(self._apply)
        ):
            return False
        self._apply[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Apply"),
            self.tr("Market"),
            self.tr("Proposed agents"),
            self.tr("Coverage"),
            self.tr("Why"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == APPLY:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemNeverHasChildren
