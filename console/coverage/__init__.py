"""Coverage planning for team leads (no Qt).

Agents with languages, home zones and weekly shifts (with leave and extra
shifts); markets with languages and support hours in their own zone; the 7x24
coverage grid of a week in the lead's zone; the demand curve of inbound
messages by hour of the week; assignments (audited), a suggestion that leaves
the fewest demand-weighted hours uncovered, and CSV / iCalendar exports.
"""

from __future__ import annotations

from console.coverage.commands import (
    CoverageError,
    ExtraShiftSpec,
    InvalidSchedule,
    LeaveSpec,
    ShiftSpec,
    add_extra_shift,
    add_leave,
    assign_market,
    check_extra_shifts,
    check_leave,
    check_periods,
    check_shifts,
    remove_shift_exception,
    replace_assignments,
    save_agent_schedule,
    set_agent_shifts,
    set_market_hours,
    unassign_market,
)
from console.coverage.export import (
    CalendarTitles,
    agent_calendar,
    plan_csv,
    write_calendars,
    write_csv,
)
from console.coverage.plan import (
    SLOTS,
    AgentCoverage,
    CellState,
    CoverageGrid,
    CoveragePlan,
    MarketCoverage,
    MarketRow,
    ShiftExceptionView,
    ShiftView,
    coverage_grid,
    slot_of,
    week_start,
)
from console.coverage.queries import demand_by_hour_of_week, lead_zone, load_plan
from console.coverage.status import (
    IdleAssignment,
    IdleReason,
    MarketNow,
    PlanStatus,
    idle_assignments,
    now_position,
    on_shift_now,
    plan_status,
)
from console.coverage.suggest import (
    MarketExplanation,
    Suggestion,
    UncoveredReason,
    UncoveredSpan,
    explain,
    suggest_assignment,
    uncovered_cost,
)

__all__ = [
    "SLOTS",
    "AgentCoverage",
    "CalendarTitles",
    "CellState",
    "CoverageError",
    "CoverageGrid",
    "CoveragePlan",
    "ExtraShiftSpec",
    "IdleAssignment",
    "IdleReason",
    "InvalidSchedule",
    "LeaveSpec",
    "MarketCoverage",
    "MarketExplanation",
    "MarketNow",
    "MarketRow",
    "PlanStatus",
    "ShiftExceptionView",
    "ShiftSpec",
    "ShiftView",
    "Suggestion",
    "UncoveredReason",
    "UncoveredSpan",
    "add_extra_shift",
    "add_leave",
    "agent_calendar",
    "assign_market",
    "check_extra_shifts",
    "check_leave",
    "check_periods",
    "check_shifts",
    "coverage_grid",
    "demand_by_hour_of_week",
    "explain",
    "idle_assignments",
    "lead_zone",
    "load_plan",
    "now_position",
    "on_shift_now",
    "plan_csv",
    "plan_status",
    "remove_shift_exception",
    "replace_assignments",
    "save_agent_schedule",
    "set_agent_shifts",
    "set_market_hours",
    "slot_of",
    "suggest_assignment",
    "unassign_market",
    "uncovered_cost",
    "week_start",
    "write_calendars",
    "write_csv",
]
