"""The customer's clock for the customer panel: live local time, the zone and why it was
chosen (with a way to correct it), day/night, weekend and holiday markers, when their
business hours open, and the support hours of their market."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QDateTime, QLocale, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.customers import (
    CORRECTED,
    STORED,
    CustomerLocalView,
    CustomerZone,
    facts_at,
    market_business_hours,
)
from console.ui.app_state import AppState
from console.ui.common.data_label import data_label
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.coverage.coverage_models import periods_text
from console.ui.customers.operations import correct_zone, load_local_view
from console.ui.lanes.store_executor import StoreExecutor
from timezones import LocalFacts, is_open

CLOCK_INTERVAL_MS = 10_000


def _qt_time(moment: datetime, zone: str) -> QDateTime:
    utc = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return utc.toTimeZone(QTimeZone(zone.encode()))


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


class LocalTimePanel(FollowsUiLanguage, QWidget):
    #: The customer's view arrived and is shown.
    loaded = Signal()
    #: An agent corrected the zone: (customer id, new zone).
    zone_corrected = Signal(int, str)
    #: Something failed; a message for the user.
    failed = Signal(str)

    def __init__(
        self, executor: StoreExecutor, parent: Any = None, *, state: AppState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("localTimePanel")
        self._executor = executor
        self._request = 0
        self._customer_id: int | None = None
        self.view: CustomerLocalView | None = None
        #: Who is working: corrections are recorded for them.
        self.state = state or AppState(self)

        self.box = QGroupBox(self)
        self.time_label = data_label(self.box)
        self.time_label.setObjectName("localTime")
        set_role(self.time_label, "clock")
        self.date_label = data_label(self.box)
        self.markers = QLabel(self.box)
        self.markers.setObjectName("localMarkers")
        self.holiday_label = data_label(self.box)
        self.holiday_label.setObjectName("localHoliday")
        set_role(self.holiday_label, "warning")
        self.zone_label = data_label(self.box)
        self.zone_label.setObjectName("localZone")
        self.reason_label = data_label(self.box)
        self.reason_label.setObjectName("localZoneReason")
        set_role(self.reason_label, "note")
        self.correct_button = QPushButton(self.box)
        self.correct_button.setObjectName("correctZoneButton")
        self.business_label = data_label(self.box)
        self.business_label.setObjectName("localBusinessHours")
        self.market_label = data_label(self.box)
        self.market_label.setObjectName("marketHours")
        self._captions = [QLabel(self.box) for _ in range(3)]

        zone_row = QHBoxLayout()
        zone_row.addWidget(self.zone_label, 1)
        zone_row.addWidget(self.correct_button)
        form = QFormLayout()
        form.addRow(self.time_label)
        form.addRow(self.date_label)
        form.addRow(self.markers)
        form.addRow(self.holiday_label)
        form.addRow(self._captions[0], zone_row)
        form.addRow(self.reason_label)
        form.addRow(self._captions[1], self.business_label)
        form.addRow(self._captions[2], self.market_label)
        self.box.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self.tick)
        self.correct_button.clicked.connect(self.ask_zone)
        self.ui_language_changed()
        self._show(None)

    # -- language -----------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.box.setTitle(self.tr("Their local time"))
        self.correct_button.setText(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr("Set the customer's time zone by hand"))
        for caption, text in zip(
            self._captions,
            (self.tr("Zone"), self.tr("Business hours"), self.tr("Market support")),
            strict=True,
        ):
            caption.setText(text)
        self._show(self.view)

    # -- loading ------------------------------------------------------------

    def show_customer(self, customer_id: int | None) -> None:
        """Show the clock of ``customer_id`` (None: nobody)."""
        self._customer_id = customer_id
        self._request += 1
        if customer_id is None:
            self._show(None)
            return
        load_local_view(
            parent=self, customer_id=customer_id, success=partial(self._arrived, self._request)
        ).failure(self._error).run(self._executor)

    def _arrived(self, request: int, view: CustomerLocalView | None) -> None:
        if request != self._request:
            return
        self._show(view)
        self.loaded.emit()

    def _error(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))

    # -- the zone -----------------------------------------------------------

    def ask_zone(self) -> None:
        if self.view is None:
            return
        zone = self.view.zone
        first = [z for z in (zone.zone, *zone.alternatives) if z]
        zones = first + sorted(available_timezones() - set(first))
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Customer's time zone"),
            self.tr("Time zone:"),
            zones,
            0,
            False,
        )
        if ok and chosen:
            self.correct_zone(chosen)

    def correct_zone(self, zone: str) -> None:
        """Store ``zone`` as the customer's zone (audited), then show it."""
        customer_id = self._customer_id
        if customer_id is None:
            return

        def done(view: CustomerLocalView | None) -> None:
            self._show(view)
            self.zone_corrected.emit(customer_id, zone)

        correct_zone(
            parent=self, customer_id=customer_id, zone=zone, actor=self.state.actor, success=done
        ).failure(self._error).run(self._executor)

    # -- display ------------------------------------------------------------

    def tick(self) -> None:
        """Refresh the clock and markers (no store access)."""
        if self.view is None:
            return
        self._show_facts(facts_at(self.view, datetime.now(UTC)))

    def _show(self, view: CustomerLocalView | None) -> None:
        self.view = view
        self.box.setEnabled(view is not None)
        self.correct_button.setEnabled(view is not None)
        if view is None:
            self._clock.stop()
            for label in (
                self.time_label,
                self.date_label,
                self.markers,
                self.holiday_label,
                self.zone_label,
                self.reason_label,
                self.business_label,
                self.market_label,
            ):
                label.clear()
            return
        self.zone_label.setText(view.zone.zone or self.tr("Unknown"))
        self.reason_label.setText(self.reason_text(view.zone))
        self._show_market(view)
        self._show_facts(facts_at(view, datetime.now(UTC)) if view.facts else None)
        self._clock.start()

    def reason_text(self, zone: CustomerZone) -> str:
        """Why this zone, in the UI language."""
        if zone.source == CORRECTED:
            when = zone.corrected_at
            date = (
                QLocale().toString(_qt_time(when, "UTC").date(), QLocale.FormatType.ShortFormat)
                if when
                else ""
            )
            return self.tr("Corrected by {who} on {date}").format(who=zone.corrected_by, date=date)
        if zone.source == STORED:
            return self.tr("As stored on the customer record")
        reasons = {
            "explicit": self.tr("As given by the customer"),
            "city": self.tr("From the city: {evidence}"),
            "region": self.tr("From the region: {evidence}"),
            "phone": self.tr("From the phone number: {evidence}"),
            "date_header": self.tr("From the e-mail's time offset"),
            "country": self.tr("From the country: {evidence}"),
        }
        text = reasons.get(zone.source)
        if text is None:
            return self.tr("Nothing tells where the customer is; set the zone by hand.")
        text = text.format(evidence=zone.evidence or "")
        if not zone.certain and zone.alternatives:
            text += " " + self.tr("(uncertain; also possible: {zones})").format(
                zones=", ".join(zone.alternatives[:3])
            )
        return text

    def _show_facts(self, facts: LocalFacts | None) -> None:
        view = self.view
        if facts is None or view is None or view.zone.zone is None:
            self.time_label.setText("—")
            self.date_label.clear()
            self.markers.clear()
            self.holiday_label.clear()
            self.business_label.setText(self.tr("Unknown until the zone is known"))
            return
        zone = view.zone.zone
        local = _qt_time(facts.local, zone)
        locale = QLocale()
        self.time_label.setText(locale.toString(local, "ddd HH:mm"))
        self.date_label.setText(
            f"{locale.toString(local.date(), QLocale.FormatType.LongFormat)} · "
            f"{_offset_text(facts.utc_offset)}"
        )
        marks = [self.tr("☾ Night") if facts.is_night else self.tr("☀ Day")]
        if facts.is_weekend:
            marks.append(self.tr("Weekend"))
        self.markers.setText(" · ".join(marks))
        self.holiday_label.setText(
            self.tr("Holiday: {name}").format(name=facts.holiday) if facts.holiday else ""
        )
        self.holiday_label.setVisible(bool(facts.holiday))
        if facts.is_business_hours:
            self.business_label.setText(self.tr("Open now (09:00–18:00 on working days)"))
        elif view.next_business_start is not None:
            start = view.next_business_start
            if start < datetime.now(UTC):
                start = facts.next_good_time or start
            self.business_label.setText(
                self.tr("Closed; opens {their} their time ({yours} yours)").format(
                    their=locale.toString(_qt_time(start, zone), "ddd HH:mm"),
                    yours=locale.toString(
                        QDateTime.fromSecsSinceEpoch(int(start.timestamp())).toLocalTime(),
                        "ddd HH:mm",
                    ),
                )
            )
        else:
            self.business_label.setText(self.tr("Closed"))

    def _show_market(self, view: CustomerLocalView) -> None:
        market = view.market
        if market is None:
            self.market_label.setText(self.tr("No support hours set for their market"))
            return
        open_now = is_open(market_business_hours(market), datetime.now(UTC))
        state = self.tr("open now") if open_now else self.tr("closed now")
        self.market_label.setText(
            f"{market.code} · {periods_text(market.periods)} ({market.zone}) · {state}"
        )
