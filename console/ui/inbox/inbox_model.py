"""The inbox as a table model that holds conversation ids and fetches rows lazily.

Like Anki's browser: a filter gives an ordered list of ids (cheap integers);
row contents are fetched in pages, in the background, only for the rows the
view asks for. Until a page arrives its cells show a placeholder.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from console.changes import Changes
from console.inbox.pages import Listing, Page, SearchMatch
from console.inbox.queries import SEARCH_RESULTS, InboxFilter, InboxRow, InboxSort
from console.store.models import Priority
from console.ui.common import palette
from console.ui.common.display_names import (
    channel_name,
    country_name,
    customer_name,
    language_name,
    priority_name,
    queue_name,
    status_name,
)
from console.ui.inbox.operations import load_listing, load_rows
from console.ui.lanes.store_executor import StoreExecutor

__all__ = ["InboxModel", "Page", "SearchMatch"]

Index = QModelIndex | QPersistentModelIndex

ConversationIdRole = Qt.ItemDataRole.UserRole + 1
UnreadRole = Qt.ItemDataRole.UserRole + 2
AwaitingReplyRole = Qt.ItemDataRole.UserRole + 3
#: Under a search, the subject column's (where it matched in words, :class:`SearchMatch`).
SearchMatchRole = Qt.ItemDataRole.UserRole + 4

COLUMNS = (
    "marker",
    "customer",
    "country",
    "channel",
    "language",
    "subject",
    "status",
    "assignee",
    "activity",
    "local_time",
    # Last, so a header layout saved before it existed keeps its columns; the window
    # shows it before the assignee.
    "queue",
)
(
    MARKER,
    CUSTOMER,
    COUNTRY,
    CHANNEL,
    LANGUAGE,
    SUBJECT,
    STATUS,
    ASSIGNEE,
    ACTIVITY,
    LOCAL_TIME,
    QUEUE,
) = range(len(COLUMNS))
SORT_BY_COLUMN = {
    MARKER: InboxSort.PRIORITY,
    CUSTOMER: InboxSort.CUSTOMER,
    COUNTRY: InboxSort.COUNTRY,
    CHANNEL: InboxSort.CHANNEL,
    LANGUAGE: InboxSort.LANGUAGE,
    STATUS: InboxSort.STATUS,
    ASSIGNEE: InboxSort.ASSIGNEE,
    ACTIVITY: InboxSort.LAST_ACTIVITY,
    LOCAL_TIME: InboxSort.LOCAL_TIME,
}
_UNREAD = palette.ACCENT.name()
_AWAITING = palette.ATTENTION.name()
_OVERDUE = palette.ERROR.name()


@cache
def _dot(color: str) -> QIcon:
    """A small filled circle: the unread / awaiting-reply marker."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


class InboxModel(QAbstractTableModel):
    PAGE_SIZE = 80
    CACHE_ROWS = 5000

    #: A new id list is in place (after a filter, sort or refresh).
    ids_loaded = Signal(int)
    #: Rows of one page arrived.
    page_loaded = Signal()
    #: Open work per view ({InboxView: count}), with every new id list.
    counts_loaded = Signal(object)
    #: Some rows were fetched again in place (their conversation ids).
    rows_refreshed = Signal(list)

    def __init__(self, executor: StoreExecutor, parent: Any = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._filter = InboxFilter()
        self._ids: list[int] = []
        self._rows: OrderedDict[int, InboxRow] = OrderedDict()
        self._matches: dict[int, SearchMatch] = {}
        #: The filter (or search) found more conversations than the inbox lists
        #: (SEARCH_RESULTS): it lists the first of them in its order.
        self.more_matches = False
        self._generation = 0
        self._wanted_pages: set[int] = set()
        self._pages_in_flight: set[int] = set()
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted_pages)
        executor.changes.changed.connect(self.apply_changes)

    # -- what the view asks -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        conversation_id = self._ids[index.row()]
        if role == ConversationIdRole:
            return conversation_id
        row = self._rows.get(conversation_id)
        if row is None:
            self._want(index.row())
            if role == Qt.ItemDataRole.DisplayRole and index.column() == CUSTOMER:
                return "…"
            return None
        return self._row_data(row, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == MARKER:
            return self.tr("Unread and awaiting-reply markers; sorts by priority")
        if role == Qt.ItemDataRole.ToolTipRole and section == LOCAL_TIME:
            return self.tr("The customer's local time now; sorts by it")
        return None

    def _header_titles(self) -> tuple[str, ...]:
        return (
            "",
            self.tr("Customer"),
            self.tr("Country"),
            self.tr("Channel"),
            self.tr("Language"),
            self.tr("Subject"),
            self.tr("Status"),
            self.tr("Assignee"),
            self.tr("Last activity"),
            self.tr("Their time"),
            self.tr("Queue"),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORT_BY_COLUMN.get(column)
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._filter.sort, self._filter.descending):
            return
        self._filter = dataclasses.replace(self._filter, sort=sort, descending=descending)
        self.reload()

    # -- what the window asks -----------------------------------------------

    @property
    def inbox_filter(self) -> InboxFilter:
        return self._filter

    def apply_filter(self, criteria: InboxFilter) -> None:
        """New filter criteria; the current sort order is kept."""
        new = dataclasses.replace(
            criteria, sort=self._filter.sort, descending=self._filter.descending
        )
        if new != self._filter:
            self._filter = new
            self.reload()

    @property
    def listings_asked(self) -> int:
        """How many times the id list was asked for (0: the inbox was never loaded)."""
        return self._generation

    def reload(self) -> None:
        """Fetch the id list again (after a filter change or a write).

        The first page's rows come in the same job: the inbox shows filled rows at
        once, not after the jobs that opening the first conversation queues.
        """
        self._generation += 1
        load_listing(
            parent=self,
            criteria=self._filter,
            page_size=self.PAGE_SIZE,
            success=partial(self._ids_arrived, self._generation),
        ).run(self._executor)

    def conversation_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, conversation_id: int) -> int | None:
        try:
            return self._ids.index(conversation_id)
        except ValueError:
            return None

    def apply_changes(self, changes: Changes) -> None:
        """A write (here or, in team mode, at another seat) changed something: show it.

        Changed rows are fetched again in place; the id list only when which
        conversations the filter finds may have changed (``changes.listing``) or a
        customer changed (their rows are not known here).
        """
        if changes.listing or changes.customers:
            self.reload()
        elif changes.conversations:
            self.refresh_rows(changes.conversations)

    def refresh_row(self, conversation_id: int) -> None:
        """Fetch one row again (after a change to that conversation only)."""
        self.refresh_rows([conversation_id])

    def refresh_rows(self, conversation_ids: Iterable[int]) -> None:
        """Fetch the listed ones of these rows again, in one job; the others are left alone."""
        listed = set(self._ids)
        wanted = [i for i in conversation_ids if i in listed]
        if not wanted:
            return
        generation = self._generation

        def arrived(page: Page) -> None:
            if generation != self._generation:
                return
            self._keep(page)
            for conversation_id in page.rows:
                row = self.row_of(conversation_id)
                if row is not None:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            self.rows_refreshed.emit(sorted(page.rows))

        load_rows(parent=self, ids=wanted, search=self._filter.search, success=arrived).run(
            self._executor
        )

    def cached_row(self, conversation_id: int) -> InboxRow | None:
        return self._rows.get(conversation_id)

    def search_match(self, conversation_id: int) -> SearchMatch | None:
        """Where the current search matched this conversation (None: no search, or not yet)."""
        return self._matches.get(conversation_id)

    def ui_language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    def refresh_local_times(self) -> None:
        """Their local time moves on: repaint that column (call it from a clock)."""
        if self._ids:
            self.dataChanged.emit(
                self.index(0, LOCAL_TIME),
                self.index(len(self._ids) - 1, LOCAL_TIME),
                [Qt.ItemDataRole.DisplayRole],
            )

    # -- background fetching ------------------------------------------------

    def _ids_arrived(self, generation: int, listing: Listing) -> None:
        if generation != self._generation:
            return  # a newer filter superseded this one
        ids, first_page, counts = list(listing.ids), listing.first_page, listing.counts
        self.more_matches = len(ids) > SEARCH_RESULTS
        del ids[SEARCH_RESULTS if self.more_matches else len(ids) :]
        self.counts_loaded.emit(counts)
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self._matches.clear()
        self._keep(first_page)
        self._wanted_pages.clear()
        self._pages_in_flight.clear()
        self.endResetModel()
        self.ids_loaded.emit(len(ids))
        if first_page.rows:
            self.page_loaded.emit()

    def _keep(self, page: Page) -> None:
        self._rows.update(page.rows)
        self._matches.update(page.matches)
        while len(self._rows) > self.CACHE_ROWS:
            dropped, _ = self._rows.popitem(last=False)
            self._matches.pop(dropped, None)

    def _want(self, row: int) -> None:
        page = row // self.PAGE_SIZE
        if page not in self._pages_in_flight and page not in self._wanted_pages:
            self._wanted_pages.add(page)
            self._fetch_timer.start()

    def _fetch_wanted_pages(self) -> None:
        generation = self._generation
        for page in sorted(self._wanted_pages):
            ids = self._ids[page * self.PAGE_SIZE : (page + 1) * self.PAGE_SIZE]
            self._pages_in_flight.add(page)
            load_rows(
                parent=self,
                ids=ids,
                search=self._filter.search,
                success=partial(self._page_arrived, generation, page),
            ).run(self._executor)
        self._wanted_pages.clear()

    def _page_arrived(self, generation: int, page: int, fetched: Page) -> None:
        if generation != self._generation:
            return
        self._pages_in_flight.discard(page)
        self._keep(fetched)
        first = page * self.PAGE_SIZE
        last = min(first + self.PAGE_SIZE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit()

    # -- presentation -------------------------------------------------------

    def _row_data(self, row: InboxRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and row.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == MARKER:
            if row.overdue_task:
                return _dot(_OVERDUE)
            if row.unread:
                return _dot(_UNREAD)
            if row.awaiting_reply:
                return _dot(_AWAITING)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == SUBJECT:
            return QBrush(palette.MUTED)
        if role == UnreadRole:
            return row.unread
        if role == AwaitingReplyRole:
            return row.awaiting_reply
        if role == SearchMatchRole and column == SUBJECT and row.id in self._matches:
            match = self._matches[row.id]
            return self.match_label(match), match
        return None

    def match_label(self, match: SearchMatch) -> str:
        """Where a search matched, short enough for a narrow column: "⇄ Chinese" (a stored
        translation into Chinese) or "Spanish" (the message as written); the tooltip says it
        in full."""
        place = match.place
        if place.translation_language is not None:
            return self.tr("⇄ %1").replace("%1", language_name(place.translation_language))
        if place.written_language:
            return language_name(place.written_language)
        return self.tr("Original")

    def _display(self, row: InboxRow, column: int) -> str | None:
        if column == CUSTOMER:
            return customer_name(row.customer_name)
        if column == COUNTRY:
            return row.country or ""
        if column == CHANNEL:
            return channel_name(row.channel)
        if column == LANGUAGE:
            return language_name(row.language) if row.language else ""
        if column == SUBJECT and row.id in self._matches:
            match = self._matches[row.id]
            return f"{self.match_label(match)}: {match.excerpt.text}"
        if column == SUBJECT:
            text = f"{row.subject} — {row.preview}" if row.subject else row.preview
            return self.tr("[Draft] %1").replace("%1", text) if row.has_draft else text
        if column == STATUS:
            if row.snoozed_until is not None:
                return self.tr("Snoozed")
            if row.priority >= Priority.HIGH:
                return f"{status_name(row.status)} · {priority_name(row.priority)}"
            return status_name(row.status)
        if column == ASSIGNEE:
            return row.assignee_name or ""
        if column == ACTIVITY:
            return format_activity(row.last_activity_at)
        if column == LOCAL_TIME:
            return format_their_time(row.time_zone)
        if column == QUEUE:
            return queue_name(row.queue_name, row.in_escalation)
        return None

    def _tooltip(self, row: InboxRow, column: int) -> str | None:
        if column == MARKER:
            marks = []
            if row.overdue_task:
                marks.append(self.tr("A request task is overdue"))
            if row.unread:
                marks.append(self.tr("Unread"))
            if row.awaiting_reply:
                marks.append(self.tr("Awaiting reply"))
            return " · ".join(marks) or None
        if column == COUNTRY:
            return country_name(row.country)
        if column == SUBJECT and row.id in self._matches:
            match = self._matches[row.id]
            where = (
                self.tr("The search matched the stored %1 translation:")
                if match.place.in_translation
                else self.tr("The search matched the message as the customer wrote it (%1):")
            ).replace(
                "%1",
                language_name(match.place.translation_language or match.place.written_language),
            )
            return f"{where}\n{match.excerpt.marked()}"
        if column == SUBJECT:
            if row.has_draft:
                return self.tr("You have an unsent reply here.") + "\n" + row.preview
            return row.preview
        if column == STATUS and row.snoozed_until is not None:
            moment = QDateTime.fromSecsSinceEpoch(int(row.snoozed_until.timestamp()))
            return self.tr("Comes back %1").replace(
                "%1", QLocale().toString(moment, QLocale.FormatType.ShortFormat)
            )
        if column == LOCAL_TIME:
            return row.time_zone
        return None


def format_activity(moment: datetime, now: datetime | None = None) -> str:
    """Time for today, day and month within the year, else the short date."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    reference = QDateTime.fromSecsSinceEpoch(int((now or datetime.now(UTC)).timestamp()))
    locale = QLocale()
    if local.date() == reference.toLocalTime().date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(local, QLocale.FormatType.ShortFormat)


def format_their_time(zone: str | None, now: datetime | None = None) -> str:
    """The customer's local time now, as weekday and time ("" without a known zone)."""
    if not zone:
        return ""
    tz = QTimeZone(zone.encode())
    if not tz.isValid():
        return ""
    moment = QDateTime.fromSecsSinceEpoch(
        int((now or datetime.now(UTC)).timestamp()), QTimeZone.utc()
    ).toTimeZone(tz)
    return QLocale().toString(moment, "ddd HH:mm")
