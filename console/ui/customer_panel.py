"""Who the customer is: name, country, channels, their local time, their rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, QTimer, QTimeZone
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from console.inbox.queries import CustomerCard
from console.ui.display_names import channel_name, country_name, language_name

DATA_PROPERTY = "showsData"  # marks labels whose text is customer data, not UI chrome


def _data_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setProperty(DATA_PROPERTY, True)
    return label


class CustomerPanel(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._customer: CustomerCard | None = None
        self.details = QGroupBox(self)
        self.name = _data_label(self)
        self.name.setObjectName("customerName")
        self.name.setStyleSheet("font-size: 15px; font-weight: 600")
        self.country = _data_label(self)
        self.location = _data_label(self)
        self.language = _data_label(self)
        self.channels = _data_label(self)
        self.local_time = _data_label(self)
        self.local_time.setObjectName("customerLocalTime")
        self.form = QFormLayout()
        self._captions = [QLabel(self) for _ in range(6)]
        rows = (self.country, self.location, self.language, self.channels, self.local_time)
        self.form.addRow(self.name)
        for caption, value in zip(self._captions, rows, strict=False):
            self.form.addRow(caption, value)
        self.details.setLayout(self.form)

        self.policies = QGroupBox(self)
        self.policies.setObjectName("policiesBox")
        self.policy_text = QLabel(self.policies)
        self.policy_text.setWordWrap(True)
        self.policy_text.setStyleSheet("color: #5f6368")
        policies_layout = QVBoxLayout(self.policies)
        policies_layout.addWidget(self.policy_text)

        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.policies)
        layout.addStretch(1)

        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._update_local_time)
        self.retranslate()
        self.show_customer(None)

    def retranslate(self) -> None:
        self.details.setTitle(self.tr("Customer"))
        titles = (
            self.tr("Country"),
            self.tr("Location"),
            self.tr("Language"),
            self.tr("Channels"),
            self.tr("Local time"),
        )
        for caption, title in zip(self._captions, titles, strict=False):
            caption.setText(title)
        self.policies.setTitle(self.tr("Return and privacy rules"))
        self.policy_text.setText(self.tr("No policy pack is installed for this market yet."))
        self.show_customer(self._customer)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_customer(self, customer: CustomerCard | None) -> None:
        self._customer = customer
        self.details.setEnabled(customer is not None)
        if customer is None:
            for label in (self.name, self.country, self.location, self.language, self.channels):
                label.clear()
            self.local_time.clear()
            self._clock.stop()
            return
        self.name.setText(customer.name)
        self.country.setText(
            f"{country_name(customer.country)} ({customer.country})" if customer.country else "—"
        )
        self.location.setText(", ".join(p for p in (customer.city, customer.region) if p) or "—")
        self.language.setText(
            language_name(customer.preferred_language) if customer.preferred_language else "—"
        )
        self.channels.setText(
            "\n".join(f"{channel_name(kind)}: {address}" for kind, address in customer.identities)
        )
        self._update_local_time()
        self._clock.start()

    def _update_local_time(self) -> None:
        customer = self._customer
        if customer is None or not customer.time_zone:
            self.local_time.setText(self.tr("Unknown time zone"))
            return
        zone = QTimeZone(customer.time_zone.encode())
        if not zone.isValid():
            self.local_time.setText(self.tr("Unknown time zone"))
            return
        now = QDateTime.currentDateTimeUtc().toTimeZone(zone)
        text = QLocale().toString(now, "ddd HH:mm")
        self.local_time.setText(f"{text} ({customer.time_zone})")
