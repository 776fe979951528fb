"""The coverage planner for team leads: a week of markets by hours in the lead's zone.

Cells show covered / uncovered / covered without the market's language, with
the demand curve of inbound messages on top and a red line at "now". The grid
scrolls sideways when the window is narrower than the week (1,280 px screens).
Beside it: who is on shift now per market, and a warning for every agent assigned
to a market without a shift inside its support hours (computed in the background,
like the plan). Drag an agent onto a market (or
tick agents in the list on the right) to assign; "Suggest assignment" proposes
a plan; the plan exports as CSV and as one iCalendar file per agent (written on
the file lane, console/ui/lanes/file_lane.py).

Store work is the named operations of console/ui/coverage/operations.py, recorded
for the person of the :class:`~console.ui.app_state.AppState`. The planner reloads
the shown week when the change bus says ``coverage`` changed (an editor's save,
another window, team mode); its own assignments are on screen before they are
stored, so they do not reload it.

The demand curve is the forecast of the shown week (history, trend and the peak
events entered with "Peak events…"); under the grid, the selected market's required
agents per hour (Erlang C for chat, workload for e-mail) against the scheduled ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.coverage import (
    SLOTS,
    CalendarTitles,
    CellState,
    CoveragePlan,
    PlanStatus,
    suggest_assignment,
    write_calendars,
    write_csv,
)
from console.inbox.queries import AgentSummary
from console.ui.app_state import AppState
from console.ui.common import palette
from console.ui.common.data_label import data_label
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.coverage.coverage_delegate import (
    DEMAND_COLOR,
    NOW_COLOR,
    STATE_COLORS,
    CoverageCellDelegate,
)
from console.ui.coverage.coverage_models import (
    AgentIdRole,
    CoverageAgentsModel,
    CoverageGridModel,
    MarketAssignmentsModel,
    MarketIdRole,
    OnShiftNowModel,
    day_name,
    languages_text,
    periods_text,
    state_name,
)
from console.ui.coverage.hours_editor import CoverageHoursEditor
from console.ui.coverage.operations import (
    LoadedWeek,
    apply_assignments,
    load_week,
    plan_status_at,
    set_market_assigned,
)
from console.ui.coverage.peak_editor import CoveragePeakEditor
from console.ui.coverage.shift_editor import CoverageShiftEditor
from console.ui.coverage.staffing_rows import StaffingRowsModel, StaffingStrip
from console.ui.coverage.suggestion import CoverageSuggestionDialog
from console.ui.lanes.store_executor import StoreExecutor
from timezones.wallclock import load_zone

COLUMN_WIDTH = 7  # the narrowest an hour gets; narrower windows scroll
ROW_HEIGHT = 30
HEADER_WIDTH = 190
#: How often "now" moves on (milliseconds).
NOW_REFRESH_MS = 60_000
#: Warnings shown in full under the grid; the rest are counted (all are in the tooltip).
WARNINGS_SHOWN = 2


class CoverageRuler(QWidget):
    """Day names and hour ticks above the grid, aligned with its columns."""

    def __init__(self, view: QTableView, parent: Any = None) -> None:
        super().__init__(parent)
        self._view = view
        self._now: float | None = None
        self._now_text = ""
        self.setFixedHeight(30)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.horizontalHeader().sectionResized.connect(self.update)

    def _x(self, column: int) -> int:
        viewport = self._view.viewport()
        position = viewport.mapTo(
            self.window(), QPoint(self._view.columnViewportPosition(column), 0)
        )
        return self.mapFrom(self.window(), position).x()

    def set_now(self, position: float | None, text: str) -> None:
        """Where "now" is (slot plus fraction, None: not in the shown week) and its label."""
        self._now, self._now_text = position, text
        self.update()

    def now_x(self) -> int | None:
        """The x of "now" in this ruler (None: not in the shown week)."""
        if self._now is None:
            return None
        column = int(self._now)
        return self._x(column) + int((self._now - column) * self._view.columnWidth(column))

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self._view.model()
        if model is None or model.columnCount() < SLOTS:
            return
        painter = QPainter(self)
        viewport = self._view.viewport()
        left = self.mapFrom(self.window(), viewport.mapTo(self.window(), QPoint(0, 0))).x()
        painter.setClipRect(QRect(left, 0, viewport.width(), self.height()))
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() - 2))
        for day in range(7):
            left = self._x(day * 24)
            right = self._x(day * 24 + 23) + self._view.columnWidth(day * 24 + 23)
            painter.setPen(palette.TEXT)
            painter.setFont(self.font())
            painter.drawText(left, 0, right - left, 16, Qt.AlignmentFlag.AlignCenter, day_name(day))
            painter.setFont(small)
            painter.setPen(palette.MUTED)
            for hour in (0, 6, 12, 18):
                x = self._x(day * 24 + hour)
                painter.drawLine(x, 24, x, 29)
                if hour:
                    painter.drawText(x - 10, 14, 20, 12, Qt.AlignmentFlag.AlignCenter, str(hour))
        x_now = self.now_x()
        if x_now is not None:
            painter.setFont(small)
            width = painter.fontMetrics().horizontalAdvance(self._now_text) + 8
            badge = QRect(x_now - width // 2, 14, width, 13)
            painter.fillRect(badge, NOW_COLOR)
            painter.setPen(palette.WHITE)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self._now_text)
            painter.fillRect(x_now - 1, 27, 3, 3, NOW_COLOR)
        painter.end()


def _swatch(color: QColor, line: bool | None = False) -> QPixmap:
    """A legend swatch: a box (False), the demand curve (True) or the "now" bar (None)."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if line is None:
        painter.fillRect(6, 0, 3, 14, color)
    elif line:
        painter.setPen(color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawLine(1, 10, 6, 4)
        painter.drawLine(6, 4, 13, 8)
    else:
        painter.fillRect(1, 1, 12, 12, color)
        painter.setPen(palette.FAINT)
        painter.drawRect(1, 1, 11, 11)
    painter.end()
    return pixmap


class CoveragePlanner(QWidget):
    #: The plan of the shown week is on screen.
    ready = Signal()
    #: An assignment, shift or support hours change was stored.
    changed = Signal()
    #: Files were written (a message for the status bar).
    exported = Signal(str)
    #: Something failed; a message for the user.
    failed = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        *,
        state: AppState | None = None,
        actor: str = "",
        agent_id: int | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: Any = None,
    ) -> None:
        """``state``: who is working (the week is in their zone, changes are recorded for
        them). Without it, ``agent_id`` and ``actor`` (their id and name) say who."""
        super().__init__(parent)
        self.setObjectName("coveragePlanner")
        self._clock = clock or (lambda: datetime.now(UTC))
        self._executor = executor
        self.state = state or AppState(self)
        if state is None and agent_id is not None:
            self.state.set_person(AgentSummary(agent_id, actor, ()))
        #: Set while an assignment of this planner is being stored: its change is on screen.
        self._own_change = False
        self._at = self._clock()
        self._request = 0
        self.plan: CoveragePlan | None = None
        self.suggestion_dialog: CoverageSuggestionDialog | None = None
        self.shift_editor: CoverageShiftEditor | None = None
        self.hours_editor: CoverageHoursEditor | None = None
        self.peak_editor: CoveragePeakEditor | None = None

        self.grid_model = CoverageGridModel(self)
        self.agents_model = CoverageAgentsModel(self)
        self.assignments_model = MarketAssignmentsModel(self)
        self.now_model = OnShiftNowModel(self)
        self.status: PlanStatus | None = None
        self._status_request = 0
        self._scroll_to_now = False

        self.title = QLabel(self)
        set_role(self.title, "title")
        self.week_label = data_label(self)
        self.week_label.setWordWrap(False)
        self.week_label.setObjectName("coverageWeek")
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.suggest_button = QPushButton(self)
        self.suggest_button.setObjectName("suggestButton")
        self.csv_button = QPushButton(self)
        self.ics_button = QPushButton(self)
        self.peaks_button = QPushButton(self)
        self.peaks_button.setObjectName("peaksButton")

        self.agents_caption = QLabel(self)
        self.agents_view = QListView(self)
        self.agents_view.setObjectName("coverageAgents")
        self.agents_view.setModel(self.agents_model)
        self.agents_view.setDragEnabled(True)
        self.agents_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.agents_view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.agents_view.setSpacing(2)
        self.edit_shifts_button = QPushButton(self)
        self.edit_shifts_button.setObjectName("editShiftsButton")
        self.edit_shifts_button.setEnabled(False)

        self.grid_view = QTableView(self)
        self.grid_view.setObjectName("coverageGrid")
        self.grid_view.setModel(self.grid_model)
        self.grid_view.setItemDelegate(CoverageCellDelegate(self.grid_view))
        self.grid_view.setShowGrid(False)
        self.grid_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_view.setAcceptDrops(True)
        self.grid_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.grid_view.setDropIndicatorShown(True)
        self.grid_view.horizontalHeader().hide()
        self.grid_view.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        # Hours stretch to fill a wide window but never below COLUMN_WIDTH: on a narrower
        # screen the week scrolls sideways (the ruler follows the scroll bar).
        self.grid_view.horizontalHeader().setMinimumSectionSize(COLUMN_WIDTH)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.grid_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.grid_view.verticalHeader()
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vertical.setMinimumSectionSize(ROW_HEIGHT - 6)
        vertical.setFixedWidth(HEADER_WIDTH)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vertical.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.grid_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ruler = CoverageRuler(self.grid_view, self)
        self.staffing_model = StaffingRowsModel(self)
        self.staffing_strip = StaffingStrip(self.grid_view, HEADER_WIDTH, self)
        self.staffing_strip.setModel(self.staffing_model)
        self.staffing_model.modelReset.connect(self.staffing_strip.follow_grid)
        self.staffing_summary = data_label(self)
        self.staffing_summary.setObjectName("coverageStaffingSummary")
        self.legend_labels: list[tuple[QLabel, QLabel]] = []
        legend = QHBoxLayout()
        legend.setSpacing(6)
        for color, line in (
            *(
                (STATE_COLORS[s], False)
                for s in (
                    CellState.COVERED,
                    CellState.LANGUAGE_GAP,
                    CellState.UNCOVERED,
                    CellState.CLOSED,
                )
            ),
            (DEMAND_COLOR, True),
            (NOW_COLOR, None),
        ):
            swatch, text = QLabel(self), QLabel(self)
            swatch.setPixmap(_swatch(color, line))
            legend.addWidget(swatch)
            legend.addWidget(text)
            legend.addSpacing(10)
            self.legend_labels.append((swatch, text))
        legend.addStretch(1)
        self.summary = data_label(self)
        self.summary.setObjectName("coverageSummary")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("coverageWarnings")
        self.warnings.setWordWrap(True)
        set_role(self.warnings, "warning")
        self.warnings.hide()

        self.now_caption = QLabel(self)
        self.now_caption.setObjectName("coverageNowCaption")
        set_role(self.now_caption, "strong")
        self.now_view = QListView(self)
        self.now_view.setObjectName("coverageNow")
        self.now_view.setModel(self.now_model)
        self.now_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.now_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.now_view.setWordWrap(True)  # long names wrap instead of scrolling sideways
        self.now_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.market_title = data_label(self)
        set_role(self.market_title, "strong")
        self.market_details = data_label(self)
        self.market_details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.assignments_caption = QLabel(self)
        self.assignments_view = QListView(self)
        self.assignments_view.setObjectName("coverageAssignments")
        self.assignments_view.setModel(self.assignments_model)
        self.edit_hours_button = QPushButton(self)
        self.edit_hours_button.setObjectName("editHoursButton")
        self.edit_hours_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.previous_button)
        top.addWidget(self.week_label)
        top.addWidget(self.next_button)
        top.addStretch(1)
        for button in (self.peaks_button, self.suggest_button, self.csv_button, self.ics_button):
            top.addWidget(button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.agents_caption)
        left_layout.addWidget(self.agents_view, 1)
        left_layout.addWidget(self.edit_shifts_button)
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(2)
        center_layout.addWidget(self.ruler)
        center_layout.addWidget(self.grid_view, 1)
        center_layout.addWidget(self.staffing_strip)
        center_layout.addLayout(legend)
        center_layout.addWidget(self.summary)
        center_layout.addWidget(self.warnings)
        market_pane = QWidget(self)
        right_layout = QVBoxLayout(market_pane)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.market_title)
        right_layout.addWidget(self.market_details)
        right_layout.addWidget(self.staffing_summary)
        right_layout.addWidget(self.edit_hours_button)
        right_layout.addWidget(self.assignments_caption)
        right_layout.addWidget(self.assignments_view, 1)
        now_pane = QWidget(self)
        now_layout = QVBoxLayout(now_pane)
        now_layout.setContentsMargins(0, 4, 0, 0)
        now_layout.addWidget(self.now_caption)
        now_layout.addWidget(self.now_view, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setObjectName("coverageRight")
        right.setChildrenCollapsible(False)
        right.addWidget(market_pane)
        right.addWidget(now_pane)
        right.setSizes([360, 300])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([190, HEADER_WIDTH + COLUMN_WIDTH * SLOTS + 24, 250])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.grid_model.assign_requested.connect(lambda m, a: self.set_assigned(m, a, True))
        self.assignments_model.toggled.connect(self.set_assigned)
        self.grid_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.agents_view.selectionModel().currentChanged.connect(self._on_agent_current)
        self.agents_model.modelReset.connect(self._on_agent_current)
        self.edit_shifts_button.clicked.connect(lambda: self.edit_shifts())
        self.agents_view.doubleClicked.connect(
            lambda index: self.edit_shifts(int(index.data(AgentIdRole)))
        )
        self.edit_hours_button.clicked.connect(lambda: self.edit_hours())
        self.previous_button.clicked.connect(lambda: self.show_week(self._at - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self._at + timedelta(days=7)))
        # clicked(bool) must not reach max_markets: the button is not checkable.
        self.suggest_button.clicked.connect(lambda: self.suggest())
        self.peaks_button.clicked.connect(lambda: self.edit_peaks())
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.ics_button.clicked.connect(lambda: self.export_calendars())
        self.now_view.clicked.connect(self._select_market_of)
        self.now_timer = QTimer(self)
        self.now_timer.setInterval(NOW_REFRESH_MS)
        self.now_timer.timeout.connect(self._tick)
        self.now_timer.start()
        executor.changes.changed.connect(self._on_changes)
        self.ui_language_changed()

    # -- language -----------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Coverage planner"))
        self.title.setText(self.tr("Coverage planner"))
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Previous week"))
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next week"))
        self.suggest_button.setText(self.tr("Suggest assignment…"))
        self.peaks_button.setText(self.tr("Peak events…"))
        self.peaks_button.setToolTip(
            self.tr("Sales peaks (Double 11, 618, Black Friday) that raise the forecast")
        )
        self.csv_button.setText(self.tr("Export CSV…"))
        self.ics_button.setText(self.tr("Export calendars…"))
        self.agents_caption.setText(self.tr("Agents — drag onto a market"))
        self.assignments_caption.setText(self.tr("Agents covering this market"))
        self.edit_shifts_button.setText(self.tr("Edit shifts…"))
        self.edit_shifts_button.setToolTip(
            self.tr("Weekly shifts, leave and extra shifts of the selected agent")
        )
        self.edit_hours_button.setText(self.tr("Edit support hours…"))
        self.edit_hours_button.setToolTip(self.tr("Support hours of the selected market"))
        texts = (
            state_name(CellState.COVERED),
            self.tr("No language match"),
            state_name(CellState.UNCOVERED),
            self.tr("Closed"),
            self.tr("Inbound messages (demand)"),
            self.tr("Now"),
        )
        for (_swatch_label, text_label), text in zip(self.legend_labels, texts, strict=True):
            text_label.setText(text)
        self._show_texts()
        self._show_staffing()
        self._show_status_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui_language_changed()
            self.grid_model.headerDataChanged.emit(
                Qt.Orientation.Vertical, 0, max(0, self.grid_model.rowCount() - 1)
            )
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------

    def show_week(self, at: datetime | None = None) -> None:
        """Load the week containing ``at`` (now when None) from the store."""
        self._at = at or self._clock()
        self._request += 1
        request = self._request
        load_week(
            parent=self,
            agent_id=self.state.person_id,
            at=self._at,
            now=self._clock(),
            success=lambda loaded: self._loaded(request, loaded),
        ).failure(self._error).run(self._executor)

    def _on_changes(self, changes: Changes) -> None:
        """The change bus: reload the shown week when coverage changed elsewhere."""
        if not changes.coverage:
            return
        own, self._own_change = self._own_change, False
        self.changed.emit()
        if not own and self.plan is not None:
            self.show_week(self._at)

    def _loaded(self, request: int, loaded: LoadedWeek) -> None:
        if request != self._request:
            return
        plan, status = loaded
        self.agents_model.set_agents(plan.agents)
        week_changed = self.plan is None or self.plan.week_start != plan.week_start
        self._show_plan(plan, status)
        if self.grid_view.currentIndex().row() < 0 and plan.markets:
            self.grid_view.selectRow(0)
        if week_changed:
            self._scroll_to_now = True
            QTimer.singleShot(0, self._scroll_now_into_view)
        self.ready.emit()

    def _show_plan(self, plan: CoveragePlan, status: PlanStatus | None = None) -> None:
        self.plan = plan
        self.grid_model.set_plan(plan)
        self.assignments_model.set_plan(plan, self._selected_market_id())
        self._show_texts()
        self._show_staffing()
        self.ruler.update()
        if status is not None:
            self._status_request += 1  # an older background answer is stale now
            self._show_status(status)
        else:
            self._refresh_status()

    # -- now and warnings ------------------------------------------------------

    def _tick(self) -> None:
        """A minute went by: move "now" on (only while the planner is on screen)."""
        if self.isVisible():
            self._refresh_status()

    def _refresh_status(self) -> None:
        """Recompute "now" and the warnings for the shown plan, in the background."""
        plan = self.plan
        if plan is None:
            return
        self._status_request += 1
        request = self._status_request
        plan_status_at(
            parent=self,
            plan=plan,
            now=self._clock(),
            success=lambda status: self._status_done(request, plan, status),
        ).failure(self._error).run(self._executor)

    def _status_done(self, request: int, plan: CoveragePlan, status: PlanStatus) -> None:
        if request == self._status_request and plan is self.plan:
            self._show_status(status)

    def _show_status(self, status: PlanStatus) -> None:
        self.status = status
        self.grid_model.set_now(status.now_position)
        self.now_model.set_entries(self.plan, status.markets_now)
        self.assignments_model.set_idle(
            {(item.market_id, item.agent_id): item.problem for item in status.idle}
        )
        self._show_status_texts()

    def _show_status_texts(self) -> None:
        status, plan = self.status, self.plan
        if status is None or plan is None:
            self.now_caption.setText(self.tr("On shift now"))
            self.ruler.set_now(None, "")
            self.warnings.hide()
            return
        local = status.at.astimezone(load_zone(plan.zone))
        clock = f"{day_name(local.weekday())} {local:%H:%M}"
        self.now_caption.setText(self.tr("On shift now · {time}").format(time=clock))
        self.ruler.set_now(status.now_position, self.tr("Now {time}").format(time=f"{local:%H:%M}"))
        texts = [problem_text(item.problem) for item in status.idle]
        if not texts:
            self.warnings.clear()
            self.warnings.setToolTip("")
            self.warnings.hide()
            return
        shown = " ".join(texts[:WARNINGS_SHOWN])
        if len(texts) > WARNINGS_SHOWN:
            shown += " " + self.tr("And {count} more (point here to read them).").format(
                count=len(texts) - WARNINGS_SHOWN
            )
        self.warnings.setText(f"⚠ {shown}")
        self.warnings.setToolTip("\n".join(texts))
        self.warnings.show()

    def _scroll_now_into_view(self) -> None:
        """After a week is loaded: show "now" in the middle of the grid, if it is that week."""
        if not self._scroll_to_now:
            return
        self._scroll_to_now = False
        position = self.grid_model.now
        if position is None:
            self.grid_view.horizontalScrollBar().setValue(0)
            return
        header = self.grid_view.horizontalHeader()
        x = header.sectionPosition(int(position))
        bar = self.grid_view.horizontalScrollBar()
        bar.setValue(max(0, x - self.grid_view.viewport().width() // 2))

    def _select_market_of(self, index: QModelIndex) -> None:
        """A market clicked in the "on shift now" list: select it in the grid."""
        market_id = index.data(MarketIdRole)
        row = self.grid_model.row_of(int(market_id)) if market_id is not None else None
        if row is not None:
            self.grid_view.selectRow(row)

    def _selected_market_id(self) -> int | None:
        rows = self.grid_view.selectionModel().selectedRows()
        market = self.grid_model.market_at(rows[0].row()) if rows else None
        return market.id if market else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.assignments_model.set_plan(self.plan, self._selected_market_id())
        self._show_texts()
        self._show_staffing()

    def _show_staffing(self) -> None:
        """The selected market's required against scheduled agents, under the grid."""
        self.staffing_model.set_market(self.plan, self._selected_market_id())
        if self.staffing_model.market_id is None:
            self.staffing_summary.clear()
            return
        required, scheduled, short = self.staffing_model.totals()
        self.staffing_summary.setText(
            self.tr(
                "Forecast: {required} agent-hours required, {scheduled} scheduled; "
                "short in {short} h"
            ).format(required=required, scheduled=scheduled, short=short)
        )

    def _show_texts(self) -> None:
        plan = self.plan
        if plan is None:
            self.week_label.clear()
            self.summary.clear()
            self.market_title.clear()
            self.market_details.clear()
            return
        locale = QLocale()
        first = plan.week_start.date()
        last = first + timedelta(days=6)
        self.week_label.setText(
            self.tr("{first} – {last} · times in {zone}").format(
                first=locale.toString(QDate(first.year, first.month, first.day), "d MMM"),
                last=locale.toString(QDate(last.year, last.month, last.day), "d MMM yyyy"),
                zone=plan.zone,
            )
        )
        rows = self.grid_model.grid.rows
        open_hours = sum(r.open_hours for r in rows)
        self.summary.setText(
            self.tr(
                "{covered} of {open} market support hours covered, {gap} without the "
                "market's language, {uncovered} uncovered."
            ).format(
                covered=sum(r.covered_hours for r in rows),
                open=open_hours,
                gap=sum(r.language_gap_hours for r in rows),
                uncovered=sum(r.uncovered_hours for r in rows),
            )
        )
        market_id = self._selected_market_id()
        market = plan.market(market_id) if market_id is not None else None
        row = self.grid_model.grid.row(market_id) if market_id is not None else None
        self.edit_hours_button.setEnabled(market is not None)
        if market is None or row is None:
            self.market_title.setText(self.tr("Select a market"))
            self.market_details.clear()
            return
        self.market_title.setText(f"{market.code} · {market.name}")
        hours = periods_text(market.periods) or self.tr("none set")
        self.market_details.setText(
            self.tr(
                "Languages: {languages}\nSupport hours ({zone}): {hours}\n"
                "This week: {covered} of {open} h covered, {gap} h without the language"
            ).format(
                languages=languages_text(market.languages) or "—",
                zone=market.zone,
                hours=hours,
                covered=row.covered_hours,
                open=row.open_hours,
                gap=row.language_gap_hours,
            )
        )

    # -- assignments --------------------------------------------------------

    def set_assigned(self, market_id: int, agent_id: int, assigned: bool) -> None:
        """Assign or unassign: the grid updates at once, the store follows."""
        plan = self.plan
        if plan is None:
            return
        pair = (market_id, agent_id)
        if (pair in plan.assignments) == assigned:
            return
        pairs = plan.assignments | {pair} if assigned else plan.assignments - {pair}
        self._show_plan(plan.with_assignments(pairs))
        set_market_assigned(
            parent=self,
            market_id=market_id,
            agent_id=agent_id,
            assigned=assigned,
            actor=self.state.actor,
            success=self._stored_own,
        ).failure(self._error).run(self._executor)

    def _stored_own(self, changed: bool) -> None:
        """An assignment of this planner is stored; its change (if any) comes next on the bus."""
        self._own_change = bool(changed)

    def suggest(self, max_markets: int = 2) -> None:
        """Open the suggestion dialog for the shown plan."""
        if self.plan is None:
            return
        plan = self.plan
        dialog = CoverageSuggestionDialog(
            plan, suggest_assignment(plan, max_markets=max_markets), self
        )
        dialog.accepted.connect(lambda: self._apply_suggestion(plan, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.suggestion_dialog = dialog
        dialog.open()

    def _apply_suggestion(self, base: CoveragePlan, dialog: CoverageSuggestionDialog) -> None:
        pairs, markets = dialog.accepted_assignments()
        if self.plan is None or not markets:
            return
        kept = {p for p in self.plan.assignments if p[0] not in markets}
        self._show_plan(self.plan.with_assignments(kept | pairs))
        apply_assignments(
            parent=self,
            pairs=pairs,
            market_ids=markets,
            actor=self.state.actor,
            success=lambda _count: self._stored_own(True),
        ).failure(self._error).run(self._executor)

    # -- editing shifts and support hours ---------------------------------------

    def _on_agent_current(self, *_args: object) -> None:
        self.edit_shifts_button.setEnabled(self._selected_agent_id() is not None)

    def _selected_agent_id(self) -> int | None:
        index = self.agents_view.currentIndex()
        value = index.data(AgentIdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def edit_shifts(self, agent_id: int | None = None) -> CoverageShiftEditor | None:
        """Open the shift editor for ``agent_id`` (default: the selected agent)."""
        agent_id = agent_id if agent_id is not None else self._selected_agent_id()
        agent = self.plan.agent(agent_id) if self.plan and agent_id is not None else None
        if agent is None:
            return None
        dialog = CoverageShiftEditor(
            self._executor, agent, state=self.state, today=self._at.date(), parent=self
        )
        dialog.finished.connect(dialog.deleteLater)
        self.shift_editor = dialog
        dialog.open()
        return dialog

    def edit_hours(self, market_id: int | None = None) -> CoverageHoursEditor | None:
        """Open the support hours editor for ``market_id`` (default: the selected market)."""
        market_id = market_id if market_id is not None else self._selected_market_id()
        market = self.plan.market(market_id) if self.plan and market_id is not None else None
        if market is None:
            return None
        dialog = CoverageHoursEditor(self._executor, market, state=self.state, parent=self)
        dialog.finished.connect(dialog.deleteLater)
        self.hours_editor = dialog
        dialog.open()
        return dialog

    def edit_peaks(self) -> CoveragePeakEditor | None:
        """Open the peak events editor; each stored change reloads the shown week (the bus)."""
        if self.plan is None:
            return None
        dialog = CoveragePeakEditor(
            self._executor,
            self.plan.markets,
            state=self.state,
            today=self._at.astimezone(load_zone(self.plan.zone)).date(),
            parent=self,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.peak_editor = dialog
        dialog.open()
        return dialog

    # -- exports ------------------------------------------------------------

    def _titles(self) -> CalendarTitles:
        return CalendarTitles(
            shift=self.tr("Support shift"),
            leave=self.tr("Leave"),
            extra=self.tr("Extra shift"),
            no_market=self.tr("no market assigned"),
        )

    def export_csv(self, path: Path | None = None) -> None:
        if self.plan is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export plan as CSV"), "coverage-plan.csv", self.tr("CSV (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        plan, target = self.plan, path

        def work() -> Path:
            return write_csv(plan, target)

        self._executor.files.run(
            self,
            work,
            lambda written: self.exported.emit(
                self.tr("Plan saved to {path}").format(path=written)
            ),
            error=self._error,
        )

    def export_calendars(self, folder: Path | None = None) -> None:
        if self.plan is None:
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the calendars"))
            if not chosen:
                return
            folder = Path(chosen)
        plan, target, titles = self.plan, folder, self._titles()

        def work() -> list[Path]:
            return write_calendars(plan, target, now=datetime.now(UTC), titles=titles)

        self._executor.files.run(
            self,
            work,
            lambda written: self.exported.emit(
                self.tr("{count} calendars saved to {folder}").format(
                    count=len(written), folder=target
                )
            ),
            error=self._error,
        )

    def _error(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))
        if self.plan is not None:
            self.show_week(self._at)  # back to what the store holds
