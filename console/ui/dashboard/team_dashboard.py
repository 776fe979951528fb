"""*View → Team dashboard*: the team's KPIs for a period and a slice, as charts and a table.

Charts are Qt Charts (PySide6 ships it; no extra dependency and the bars are
QObjects whose clicks open the conversations behind them): inbound messages per
day against the coverage planner's demand curve, first response in business
minutes per group, SLA kept and the backlog. The table (:class:`KpiTableModel`)
holds every figure; clicking a cell or a bar emits :attr:`open_conversations`
with the ids behind it, which the main window shows in the inbox. *Export CSV*
writes the table (cells guarded against formula injection) on the file lane.
Store work is the named operations of console/ui/dashboard/operations.py. The
figures are read again when the change bus says ``coverage`` changed (first-response
targets and support hours decide the SLA). Other tabs (quality) are added with
:meth:`add_tab`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.coverage.export import safe_cell
from console.kpis.queries import (
    Figure,
    KpiQuery,
    KpiRow,
    Slice,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.dashboard.dashboard_data import DashboardData
from console.ui.dashboard.operations import find_figure_conversations, load_team_figures
from console.ui.lanes.store_executor import StoreExecutor

#: Periods offered, in days back from today (UTC).
PERIOD_DAYS = (7, 30, 90, 365)

#: Table columns: (field of KpiRow, figure a click opens).
COLUMNS: tuple[tuple[str, Figure], ...] = (
    ("label", Figure.INBOUND),
    ("inbound", Figure.INBOUND),
    ("first_response_minutes_p50", Figure.ANSWERED),
    ("first_response_minutes_p90", Figure.ANSWERED),
    ("first_response_business_minutes_p50", Figure.ANSWERED),
    ("first_response_business_minutes_p90", Figure.ANSWERED),
    ("sla_met_pct", Figure.SLA_MISSED),
    ("resolved", Figure.RESOLVED),
    ("resolution_business_minutes_p50", Figure.RESOLVED),
    ("reopened", Figure.REOPENED),
    ("replies_per_conversation", Figure.INBOUND),
    ("backlog", Figure.BACKLOG),
    ("backlog_age_hours_max", Figure.BACKLOG),
)


class KpiTableModel(QAbstractTableModel):
    """The KPI rows, one group per row, one figure per column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[KpiRow] = []

    def set_rows(self, rows: list[KpiRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headers(self) -> list[str]:
        return [
            self.tr("Group"),
            self.tr("Inbound"),
            self.tr("First response p50 (min)"),
            self.tr("First response p90 (min)"),
            self.tr("First response p50 (business min)"),
            self.tr("First response p90 (business min)"),
            self.tr("SLA kept %"),
            self.tr("Resolved"),
            self.tr("Resolution p50 (business min)"),
            self.tr("Reopened"),
            self.tr("Replies per conversation"),
            self.tr("Backlog"),
            self.tr("Oldest waiting (h)"),
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def cell_text(self, row: KpiRow, column: int) -> str:
        value = getattr(row, COLUMNS[column][0])
        if column == 0:
            return str(value) if value else self.tr("(none)")
        if value is None:
            return "–"
        return f"{value:.1f}" if isinstance(value, float) else str(value)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Click to open these conversations in the inbox")
        return None

    def ui_language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class TeamDashboard(FollowsUiLanguage, QWidget):
    """The team dashboard window."""

    #: Conversation ids behind a clicked figure, for the inbox.
    open_conversations = Signal(list)
    #: New figures are on screen.
    loaded = Signal()
    #: The CSV was written (a message for the status bar).
    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamDashboard")
        self._executor = executor
        #: What "now" is (the periods end today); a test sets a fixed one.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.data: DashboardData | None = None
        self.period = QComboBox(self)
        self.period.setObjectName("dashboardPeriod")
        self.slice = QComboBox(self)
        self.slice.setObjectName("dashboardSlice")
        self.period_label = QLabel(self)
        self.slice_label = QLabel(self)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("dashboardExport")
        self.export_button.setEnabled(False)
        self.model = KpiTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("dashboardTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.volume_chart, self.volume_view = self._chart()
        self.response_chart, self.response_view = self._chart()
        self.sla_chart, self.sla_view = self._chart()
        self.backlog_chart, self.backlog_view = self._chart()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dashboardTabs")
        self.kpi_tab = QWidget(self.tabs)
        charts = QGridLayout()
        charts.addWidget(self.volume_view, 0, 0)
        charts.addWidget(self.response_view, 0, 1)
        charts.addWidget(self.sla_view, 1, 0)
        charts.addWidget(self.backlog_view, 1, 1)
        kpi_layout = QVBoxLayout(self.kpi_tab)
        kpi_layout.addLayout(charts, 3)
        kpi_layout.addWidget(self.table, 2)
        self.tabs.addTab(self.kpi_tab, "")
        choosers = QHBoxLayout()
        for widget in (self.period_label, self.period, self.slice_label, self.slice):
            choosers.addWidget(widget)
        choosers.addStretch(1)
        choosers.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choosers)
        layout.addWidget(self.tabs)
        for days in PERIOD_DAYS:
            self.period.addItem("", days)
        for item in Slice:
            self.slice.addItem("", item.value)
        self.period.setCurrentIndex(PERIOD_DAYS.index(30))
        self.ui_language_changed()
        self.period.currentIndexChanged.connect(self.reload)
        self.slice.currentIndexChanged.connect(self.reload)
        self.table.clicked.connect(self._cell_clicked)
        self.export_button.clicked.connect(self.choose_export_file)
        executor.changes.changed.connect(self._on_changes)

    def _chart(self) -> tuple[QChart, QChartView]:
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = QChartView(chart, self)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(320, 220)
        return chart, view

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Another view of the team (quality scores, ...) as a tab of its own."""
        return self.tabs.addTab(widget, title)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Team dashboard"))
        self.period_label.setText(self.tr("Period:"))
        self.slice_label.setText(self.tr("By:"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.tabs.setTabText(self.tabs.indexOf(self.kpi_tab), self.tr("KPIs"))
        periods = [
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("Last 90 days"),
            self.tr("Last 365 days"),
        ]
        for index, text in enumerate(periods):
            self.period.setItemText(index, text)
        slices = {
            Slice.MARKET: self.tr("Market"),
            Slice.LANGUAGE: self.tr("Language"),
            Slice.CHANNEL: self.tr("Channel"),
            Slice.AGENT: self.tr("Agent"),
            Slice.VENDOR: self.tr("Vendor"),
            Slice.HOUR: self.tr("Hour of day"),
            Slice.WEEKDAY: self.tr("Weekday"),
        }
        for index in range(self.slice.count()):
            self.slice.setItemText(index, slices[Slice(self.slice.itemData(index))])
        self.model.ui_language_changed()
        if self.data is not None:
            self._draw(self.data)

    # -- loading ------------------------------------------------------------

    def query(self, now: datetime | None = None) -> KpiQuery:
        today = (now or self.clock()).date()
        until = datetime.combine(today + timedelta(days=1), time(0), tzinfo=UTC)
        since = until - timedelta(days=int(self.period.currentData()))
        return KpiQuery(since, until, Slice(self.slice.currentData()))

    def reload(self) -> None:
        now = self.clock()
        load_team_figures(parent=self, query=self.query(now), now=now, success=self._show).failure(
            self._error
        ).run(self._executor)

    def _on_changes(self, changes: Changes) -> None:
        """The change bus: targets or support hours changed, so the SLA may have."""
        if changes.coverage and self.data is not None:
            self.reload()

    def _show(self, data: DashboardData) -> None:
        self.data = data
        self.model.set_rows(data.rows)
        self.export_button.setEnabled(bool(data.rows))
        self._draw(data)
        self.loaded.emit()

    def _error(self, exc: Exception) -> None:
        self.failed.emit(str(exc))

    # -- charts -------------------------------------------------------------

    def _draw(self, data: DashboardData) -> None:
        self._draw_volume(data)
        labels = [self.model.cell_text(row, 0) for row in data.rows]
        self._draw_bars(
            self.response_chart,
            self.tr("First response (business minutes)"),
            labels,
            [
                (self.tr("p50"), [r.first_response_business_minutes_p50 for r in data.rows]),
                (self.tr("p90"), [r.first_response_business_minutes_p90 for r in data.rows]),
            ],
            Figure.ANSWERED,
        )
        self._draw_bars(
            self.sla_chart,
            self.tr("First responses within target (%)"),
            labels,
            [(self.tr("SLA kept %"), [r.sla_met_pct for r in data.rows])],
            Figure.SLA_MISSED,
        )
        self._draw_bars(
            self.backlog_chart,
            self.tr("Backlog now (waiting on an agent)"),
            labels,
            [(self.tr("Backlog"), [float(r.backlog) for r in data.rows])],
            Figure.BACKLOG,
        )

    def _draw_volume(self, data: DashboardData) -> None:
        chart = self.volume_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(self.tr("Inbound messages per day"))
        actual = QLineSeries()
        actual.setName(self.tr("Inbound"))
        expected = QLineSeries()
        expected.setName(self.tr("Demand curve"))
        top = 1.0
        for day, value in sorted(data.expected.items()):
            moment = datetime.combine(day, time(12), tzinfo=UTC).timestamp() * 1000
            count = data.daily.get(day, 0)
            actual.append(moment, count)
            expected.append(moment, value)
            top = max(top, count, value)
        chart.addSeries(actual)
        chart.addSeries(expected)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MM-dd")
        y_axis = QValueAxis()
        y_axis.setRange(0, top * 1.1)
        y_axis.setLabelFormat("%d")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (actual, expected):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _draw_bars(
        self,
        chart: QChart,
        title: str,
        labels: list[str],
        sets: list[tuple[str, list[float | None]]],
        figure: Figure,
    ) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        series = QBarSeries()
        top = 1.0
        for name, values in sets:
            bars = QBarSet(name)
            for value in values:
                bars.append(value or 0.0)
                top = max(top, value or 0.0)
            bars.clicked.connect(lambda index, f=figure: self.open_figure(index, f))
            series.append(bars)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(labels)
        y_axis = QValueAxis()
        y_axis.setRange(0, top * 1.1)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    # -- drill-down ---------------------------------------------------------

    def _cell_clicked(self, index: QModelIndex) -> None:
        self.open_figure(index.row(), COLUMNS[index.column()][1])

    def open_figure(self, row: int, figure: Figure) -> None:
        """Emit the ids of the conversations behind one group's figure."""
        if self.data is None or not 0 <= row < len(self.data.rows):
            return
        find_figure_conversations(
            parent=self,
            query=self.data.query,
            key=self.data.rows[row].key,
            figure=figure,
            success=self.open_conversations.emit,
        ).failure(self._error).run(self._executor)

    # -- export -------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        # Qt's own dialog: it speaks the UI language (a native one follows the system's).
        dialog = QFileDialog(self, self.tr("Export KPIs as CSV"))
        dialog.setObjectName("dashboardExportDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("CSV (*.csv)")])
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("team-kpis.csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.export_csv(Path(chosen)))
        dialog.open()
        return dialog

    def export_csv(self, path: Path) -> None:
        if self.data is None:
            return
        headers = self.model.headers()
        rows = [
            [self.model.cell_text(row, column) for column in range(len(COLUMNS))]
            for row in self.data.rows
        ]

        def work() -> Path:
            return write_kpi_csv(path, headers, rows)

        self._executor.files.run(
            self,
            work,
            lambda written: self.exported.emit(
                self.tr("KPIs saved to {path}").format(path=written)
            ),
            error=self._error,
        )


def write_kpi_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    """The table as UTF-8 CSV (with a BOM for spreadsheets); no cell can run as a formula."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([safe_cell(text) for text in headers])
        writer.writerows([[safe_cell(text) for text in row] for row in rows])
    return path
