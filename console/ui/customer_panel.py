"""Who the customer is: name, country, channels, their local time, their rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from console.inbox.queries import CustomerCard
from console.policies import PolicyView
from console.ui.data_label import data_label
from console.ui.display_names import channel_name, country_name, language_name
from console.ui.policy_panel import PolicyPanel
from console.ui.retranslating import Retranslating


class CustomerPanel(Retranslating, QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._customer: CustomerCard | None = None
        self.details = QGroupBox(self)
        self.name = data_label(self)
        self.name.setObjectName("customerName")
        self.name.setStyleSheet("font-size: 15px; font-weight: 600")
        self.country = data_label(self)
        self.location = data_label(self)
        self.language = data_label(self)
        self.channels = data_label(self)
        self.form = QFormLayout()
        self._captions = [QLabel(self) for _ in range(4)]
        rows = (self.country, self.location, self.language, self.channels)
        self.form.addRow(self.name)
        for caption, value in zip(self._captions, rows, strict=False):
            self.form.addRow(caption, value)
        self.details.setLayout(self.form)

        self.policies = QGroupBox(self)
        self.policies.setObjectName("policiesBox")
        self.policy_panel = PolicyPanel(self.policies)
        policies_layout = QVBoxLayout(self.policies)
        policies_layout.addWidget(self.policy_panel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.policies)
        layout.addStretch(1)
        self._layout = layout

        self.retranslate()
        self.show_customer(None)

    def show_policy(self, view: PolicyView | None) -> None:
        self.policy_panel.show_policy(view)

    def add_section(self, widget: QWidget, position: int) -> None:
        """Put another part of the customer's picture in the panel (local time, rules)."""
        self._layout.insertWidget(position, widget)

    def retranslate(self) -> None:
        self.details.setTitle(self.tr("Customer"))
        titles = (
            self.tr("Country"),
            self.tr("Location"),
            self.tr("Language"),
            self.tr("Channels"),
        )
        for caption, title in zip(self._captions, titles, strict=False):
            caption.setText(title)
        self.policies.setTitle(self.tr("Return and privacy rules"))
        self.show_customer(self._customer)

    def show_customer(self, customer: CustomerCard | None) -> None:
        self._customer = customer
        self.details.setEnabled(customer is not None)
        if customer is None:
            for label in (self.name, self.country, self.location, self.language, self.channels):
                label.clear()
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
