"""Who the customer is: name, country (and why), channels, their local time, their rules.

The country row says where the country came from (the channel, the e-mail
domain, a guess from the language …) and has "Set place…", where the agent
sets country, region and city (audited, and kept: ingest never overwrites it).

A person who reads customer data masked and whose role may reveal it (a lead,
compliance person or administrator; console/privacy/reveal.py) has "Reveal…": one
value (name, address or a channel address) for a stated reason, audited, shown in
place until another conversation or customer is shown.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.customers.country import AGENT, CHANNEL, CustomerPlace
from console.inbox.queries import CustomerCard
from console.policies import PolicyView
from console.privacy.reveal import ADDRESS, IDENTITY, NAME, offers_reveal
from console.ui.app_state import AppState
from console.ui.common.data_label import data_label
from console.ui.common.display_names import (
    channel_name,
    country_name,
    customer_name,
    language_name,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.customers import operations
from console.ui.customers.place_editor import PlaceEditor
from console.ui.customers.reveal_dialog import RevealChoice, RevealDialog
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.policy_panel import PolicyPanel

#: Alternatives named in an uncertain guess's reason.
SHOWN_ALTERNATIVES = 3


class CustomerPanel(FollowsUiLanguage, QWidget):
    #: The agent set the customer's place: (customer id). Rules and local time follow.
    place_changed = Signal(int)
    #: Something failed; a message for the user.
    failed = Signal(str)

    def __init__(
        self,
        parent: Any = None,
        *,
        executor: StoreExecutor | None = None,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._customer: CustomerCard | None = None
        self._executor = executor
        self._request = 0
        #: Where the country came from, for the customer shown (None until loaded).
        self.place: CustomerPlace | None = None
        #: Who is working: changes are recorded for them.
        self.state = state or AppState(self)
        self.place_editor: PlaceEditor | None = None
        self.details = QGroupBox(self)
        self.name = data_label(self)
        self.name.setObjectName("customerName")
        set_role(self.name, "title")
        self.country = data_label(self)
        self.country.setObjectName("customerCountry")
        self.country_reason = data_label(self)
        self.country_reason.setObjectName("customerCountryReason")
        set_role(self.country_reason, "note")
        self.set_place_button = QPushButton(self)
        self.set_place_button.setObjectName("setPlaceButton")
        if executor is None:  # nothing to store it with
            self.set_place_button.hide()
        self.set_place_button.clicked.connect(self.edit_place)
        self.location = data_label(self)
        self.location.setObjectName("customerLocation")
        self.address = data_label(self, selectable=True)
        self.address.setObjectName("customerAddress")
        self.address.setTextFormat(Qt.TextFormat.PlainText)  # as the channel gave it: data
        self.language = data_label(self)
        self.channels = data_label(self)
        self.reveal_button = QPushButton(self)
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_dialog: RevealDialog | None = None
        #: Values revealed for the customer shown: (field, identity id) -> raw value.
        self.revealed: dict[tuple[str, int | None], str] = {}
        self.form = QFormLayout()
        self._captions = [QLabel(self) for _ in range(5)]
        country_row = QHBoxLayout()
        country_row.addWidget(self.country, 1)
        country_row.addWidget(self.set_place_button)
        self.form.addRow(self.name)
        self.form.addRow(self._captions[0], country_row)
        self.form.addRow(self.country_reason)
        for caption, value in zip(
            self._captions[1:],
            (self.location, self.address, self.language, self.channels),
            strict=True,
        ):
            self.form.addRow(caption, value)
        reveal_row = QHBoxLayout()
        reveal_row.addStretch(1)
        reveal_row.addWidget(self.reveal_button)
        self.form.addRow(reveal_row)
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

        self.state.person_changed.connect(self._forget_revealed)
        self.state.conversation_changed.connect(self._forget_revealed)
        self.ui_language_changed()
        self.show_customer(None)

    def show_policy(self, view: PolicyView | None) -> None:
        self.policy_panel.show_policy(view)

    def add_section(self, widget: QWidget, position: int) -> None:
        """Put another part of the customer's picture in the panel (local time, rules)."""
        self._layout.insertWidget(position, widget)

    def ui_language_changed(self) -> None:
        self.details.setTitle(self.tr("Customer"))
        titles = (
            self.tr("Country"),
            self.tr("Location"),
            self.tr("Address"),
            self.tr("Language"),
            self.tr("Channels"),
        )
        for caption, title in zip(self._captions, titles, strict=False):
            caption.setText(title)
        self.policies.setTitle(self.tr("Return and privacy rules"))
        self.set_place_button.setText(self.tr("Set place…"))
        self.set_place_button.setToolTip(self.tr("Set the customer's country, region and city"))
        self.reveal_button.setText(self.tr("Reveal…"))
        self.reveal_button.setToolTip(
            self.tr("Show one masked value for a reason you give (recorded in the audit log)")
        )
        self._show_place(self.place)
        self._show_card(self._customer)

    def show_customer(self, customer: CustomerCard | None) -> None:
        """Show ``customer`` (None: nobody); where their country came from loads alongside."""
        self._show_card(customer)
        self._load_place(customer.id if customer is not None else None)

    def _show_card(self, customer: CustomerCard | None) -> None:
        if customer is None or self._customer is None or customer.id != self._customer.id:
            self.revealed.clear()  # another customer's values must not linger
        self._customer = customer
        self.details.setEnabled(customer is not None)
        self._update_reveal_button()
        if customer is None:
            labels = (
                self.name,
                self.country,
                self.location,
                self.address,
                self.language,
                self.channels,
            )
            for label in labels:
                label.clear()
            return
        self.name.setText(self.revealed.get((NAME, None), customer_name(customer.name)))
        self.country.setText(
            f"{country_name(customer.country)} ({customer.country})" if customer.country else "—"
        )
        self.location.setText(", ".join(p for p in (customer.city, customer.region) if p) or "—")
        self.address.setText(self.revealed.get((ADDRESS, None), customer.address or "—"))
        self.language.setText(
            language_name(customer.preferred_language) if customer.preferred_language else "—"
        )
        ids: tuple[int | None, ...] = customer.identity_ids or (None,) * len(customer.identities)
        self.channels.setText(
            "\n".join(
                f"{channel_name(kind)}: {self.revealed.get((IDENTITY, i), address)}"
                for (kind, address), i in zip(customer.identities, ids, strict=False)
            )
        )

    # -- a masked value, revealed for a reason -----------------------------------------

    @property
    def reveal_offered(self) -> bool:
        """Whether this person has *Reveal* for the customer shown (masked, and may)."""
        person = self.state.person
        return (
            self._executor is not None
            and self._customer is not None
            and person is not None
            and offers_reveal(person.role, person.masked)
        )

    def _update_reveal_button(self) -> None:
        self.reveal_button.setVisible(self.reveal_offered)

    def _forget_revealed(self, *_args: object) -> None:
        if self.reveal_dialog is not None:
            self.reveal_dialog.reject()
        if self.revealed:
            self.revealed.clear()
            self._show_card(self._customer)
        self._update_reveal_button()

    def reveal_choices(self) -> list[RevealChoice]:
        """The card's values a reveal may show (those not revealed yet)."""
        customer = self._customer
        if customer is None:
            return []
        choices = [RevealChoice(NAME, customer.name)]
        if customer.address:
            choices.append(RevealChoice(ADDRESS, customer.address))
        for (kind, address), identity_id in zip(
            customer.identities, customer.identity_ids, strict=False
        ):
            choices.append(RevealChoice(IDENTITY, address, identity_id, kind))
        return [c for c in choices if (c.field, c.identity_id) not in self.revealed]

    def reveal(self) -> RevealDialog | None:
        """Ask which value and why; the store lane reveals it (audited), shown in place."""
        customer = self._customer
        if customer is None or self._executor is None or not self.reveal_offered:
            return None
        dialog = RevealDialog(self.reveal_choices(), self)
        self.reveal_dialog = dialog
        dialog.reveal_requested.connect(partial(self._run_reveal, customer.id, dialog))
        dialog.finished.connect(partial(self._reveal_dialog_closed, dialog))
        dialog.open()
        return dialog

    def _reveal_dialog_closed(self, dialog: RevealDialog, _result: int) -> None:
        if self.reveal_dialog is dialog:
            self.reveal_dialog = None
        dialog.deleteLater()

    def _run_reveal(
        self,
        customer_id: int,
        dialog: RevealDialog,
        field: str,
        identity_id: int | None,
        reason: str,
    ) -> None:
        if self._executor is None:
            return

        def done(value: str) -> None:
            if self._customer is not None and self._customer.id == customer_id:
                self.revealed[(field, identity_id)] = value
                self._show_card(self._customer)
            dialog.accept()

        operations.reveal_customer_value(
            parent=dialog,
            person=self.state.person,
            customer_id=customer_id,
            field=field,
            reason=reason,
            identity_id=identity_id,
            success=done,
        ).failure(lambda exc: dialog.refused(error_text(exc))).run(self._executor)

    # -- where the customer is ----------------------------------------------------

    def _load_place(self, customer_id: int | None) -> None:
        self._request += 1
        if self.place is not None and self.place.customer_id != customer_id:
            self._show_place(None)  # another customer's evidence must not linger
        if customer_id is None or self._executor is None:
            self._show_place(None)
            return
        operations.load_place(
            parent=self,
            customer_id=customer_id,
            success=partial(self._place_arrived, self._request),
        ).failure(self._error).run(self._executor)

    def _place_arrived(self, request: int, place: CustomerPlace | None) -> None:
        if request == self._request:
            self._show_place(place)

    def _error(self, exc: Exception) -> None:
        self.failed.emit(error_text(exc))

    def _show_place(self, place: CustomerPlace | None) -> None:
        self.place = place
        self.set_place_button.setEnabled(place is not None)
        self.country_reason.setText(self.place_reason(place) if place is not None else "")
        self.country_reason.setVisible(place is not None)

    def place_reason(self, place: CustomerPlace) -> str:
        """Why the customer's country is what it is, in the UI language."""
        if place.source == AGENT:
            when = place.set_at
            day = QDate(when.year, when.month, when.day) if when else None
            date = QLocale().toString(day, QLocale.FormatType.ShortFormat) if day else ""
            return self.tr("Set by {who} on {date}").format(who=place.set_by or "?", date=date)
        if place.source == CHANNEL:
            return self.tr("As the channel gave it")
        if place.country is None:
            return self.tr("Nothing tells where the customer is; set the place by hand.")
        evidence = place.evidence or ""
        if place.certain:
            certain = {
                "email_domain": self.tr("From the e-mail domain: {evidence}"),
                "phone": self.tr("From the phone number: {evidence}"),
            }
            text = certain.get(place.source or "")
            if text is not None:
                return text.format(evidence=evidence)
        guessed = {
            "email_domain": self.tr("Guessed from the e-mail domain: {evidence}"),
            "phone": self.tr("Guessed from the phone number: {evidence}"),
            "date_offset_language": self.tr(
                "Guessed from the e-mail's time offset and language: {evidence}"
            ),
            "language": self.tr("Guessed from the language alone: {evidence}"),
        }
        text = guessed.get(place.source or "")
        if text is None:
            return self.tr("As stored on the customer record")
        text = text.format(evidence=evidence)
        if place.alternatives:
            names = ", ".join(country_name(c) for c in place.alternatives[:SHOWN_ALTERNATIVES])
            text += " " + self.tr("(uncertain; also possible: {countries})").format(countries=names)
        else:
            text += " " + self.tr("(uncertain)")
        return text

    def edit_place(self) -> PlaceEditor | None:
        """Open the dialog to set the customer's country, region and city."""
        place = self.place
        if place is None or self._executor is None:
            return None
        editor = PlaceEditor(place, self)
        self.place_editor = editor
        editor.place_chosen.connect(partial(self.set_place, place.customer_id))
        editor.finished.connect(editor.deleteLater)
        editor.open()
        return editor

    def set_place(self, customer_id: int, country: str, region: str, city: str) -> None:
        """Store the place (audited), show it, and tell the window (rules and clock follow)."""
        if self._executor is None:
            return

        def done(place: CustomerPlace) -> None:
            if self._customer is not None and self._customer.id == customer_id:
                self._show_place(place)
            self.place_changed.emit(customer_id)

        operations.set_place(
            parent=self,
            customer_id=customer_id,
            country=country,
            region=region,
            city=city,
            actor=self.state.actor,
            success=done,
        ).failure(self._error).run(self._executor)
