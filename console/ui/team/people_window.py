"""*Team → People*: who works in this store, their role, vendor, markets, languages and account.

Administrators add, change, disable and expire people; leads see the list. *Masked*
(console/privacy/masking.py) is ticked for vendor and temporary people unless the
administrator says otherwise (console/team/masking_roles.py: ``default_masked``); in a
team store it decides whether the person's login role reads raw customer columns. Each
change is an operation on the store lane (console/ui/team/operations.py),
audited, and on the change bus as ``Changes(people=True)``; the list reloads on
any people change, this seat's or (team mode) another's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from console.changes import Changes
from console.store.models import AgentRole
from console.team.masking_roles import default_masked
from console.team.people import PersonSpec, PersonView, parse_codes, parse_day
from console.ui.app_state import AppState
from console.ui.common.display_names import role_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.common.rows_model import RowsTableModel
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.team import operations

Index = QModelIndex | QPersistentModelIndex
NAME, ROLE, VENDOR, MARKETS, LANGUAGES, EXPIRES, ACCOUNT, MASKED = range(8)


class PeopleModel(RowsTableModel[PersonView]):
    COLUMNS = 8

    #: A team store's people sign in with login roles; a single seat's are local profiles.
    team = False

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Vendor"),
            self.tr("Markets"),
            self.tr("Languages"),
            self.tr("Last day"),
            self.tr("Account"),
            self.tr("Customer data"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        person = self.row_at(index.row())
        if person is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == NAME:
            return person.name
        if column == ROLE:
            return role_name(person.role)
        if column == VENDOR:
            return person.vendor or self.tr("In-house")
        if column == MARKETS:
            return ", ".join(person.markets)
        if column == LANGUAGES:
            return ", ".join(person.languages)
        if column == EXPIRES:
            if person.expires_on is None:
                return ""
            day = person.expires_on
            return QLocale().toString(
                QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
            )
        if column == ACCOUNT:
            if person.disabled:
                return self.tr("Disabled")
            if person.expired():
                return self.tr("Expired")
            if person.login_role:
                return person.login_role
            # In a team store a person without a login role cannot sign in (yet).
            return self.tr("No sign-in") if self.team else self.tr("Local profile")
        if column == MASKED:
            return self.tr("Masked") if person.masked else self.tr("Unmasked")
        return None


class PersonDialog(FollowsUiLanguage, QDialog):
    """Add or change one person; Save runs the write and closes on success."""

    def __init__(
        self,
        executor: StoreExecutor,
        state: AppState,
        *,
        person: PersonView | None,
        team: bool,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self._executor, self._state, self._person, self._team = executor, state, person, team
        self.name = QLineEdit(person.name if person else "", self)
        self.name.setObjectName("personName")
        self.role = QComboBox(self)
        self.role.setObjectName("personRole")
        for role in AgentRole:
            self.role.addItem("", role.value)
        self.role.setCurrentIndex(self.role.findData(person.role.value if person else "agent"))
        self.markets = QLineEdit(", ".join(person.markets) if person else "", self)
        self.markets.setObjectName("personMarkets")
        self.languages = QLineEdit(", ".join(person.languages) if person else "", self)
        self.languages.setObjectName("personLanguages")
        self.vendor = QLineEdit((person.vendor or "") if person else "", self)
        self.vendor.setObjectName("personVendor")
        expires = person.expires_on.isoformat() if person and person.expires_on else ""
        self.expires = QLineEdit(expires, self)
        self.expires.setObjectName("personExpires")
        self.expires.setPlaceholderText("YYYY-MM-DD")
        self.masked = QCheckBox(self)
        self.masked.setObjectName("personMasked")
        self.masked.setChecked(person.masked if person else False)
        #: A new person's box follows the default (vendor or last day) until it is clicked.
        self._masked_chosen = person is not None
        self.masked.clicked.connect(self._masked_clicked)
        self.vendor.textChanged.connect(self._follow_default_masking)
        self.expires.textChanged.connect(self._follow_default_masking)
        self.password = QLineEdit(self)
        self.password.setObjectName("personPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("personMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(8)]
        form = QFormLayout(self)
        fields = (self.name, self.role, self.markets, self.languages, self.vendor, self.expires,
                  self.masked, self.password)  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.labels[-1].setVisible(team)
        self.password.setVisible(team)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Change person") if self._person else self.tr("Add person"))
        for index in range(self.role.count()):
            self.role.setItemText(index, role_name(AgentRole(self.role.itemData(index))))
        texts = (
            self.tr("&Name"),
            self.tr("&Role"),
            self.tr("&Markets"),
            self.tr("&Languages"),
            self.tr("&Vendor"),
            self.tr("Last &day"),
            self.tr("Customer data"),
            self.tr("&Password") if self._person is None else self.tr("New &password"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.masked.setText(self.tr("Mas&ked"))
        self.masked.setToolTip(
            self.tr(
                "Sees e-mail addresses, phone numbers, postal addresses, surnames, card numbers "
                "and IBANs masked everywhere (vendor and temporary people are by default)"
            )
        )
        self.markets.setPlaceholderText(self.tr("Market or country codes, e.g. DACH, FR"))
        self.languages.setPlaceholderText(self.tr("Language codes, e.g. de, fr"))
        self.vendor.setPlaceholderText(self.tr("Empty: in-house"))

    def _masked_clicked(self) -> None:
        self._masked_chosen = True

    def _follow_default_masking(self) -> None:
        if not self._masked_chosen:
            expires = self.expires.text().strip() or None
            self.masked.setChecked(default_masked(self.vendor.text().strip() or None, expires))

    def save(self) -> None:
        try:
            text = self.expires.text().strip()
            spec = PersonSpec(
                name=self.name.text(),
                role=AgentRole(self.role.currentData()),
                markets=parse_codes(self.markets.text()),
                languages=parse_codes(self.languages.text()),
                vendor=self.vendor.text(),
                expires_on=parse_day(text) if text else None,
                masked=self.masked.isChecked(),
            )
        except Exception as exc:
            self.message.setText(error_text(exc))
            return
        self.buttons.setEnabled(False)
        operations.save_person(
            parent=self,
            spec=spec,
            person_id=self._person.id if self._person else None,
            password=self.password.text() or None,
            actor=self._state.actor,
            acting_id=self._state.person_id,
            success=lambda _saved: self.accept(),
        ).failure(self._failed).run(self._executor)

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))


class PeopleWindow(FollowsUiLanguage, QDialog):
    def __init__(
        self,
        executor: StoreExecutor,
        state: AppState,
        *,
        can_edit: bool,
        team: bool,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("peopleWindow")
        self._executor, self._state, self._team = executor, state, team
        self.can_edit = can_edit
        self.model = PeopleModel(self)
        self.model.team = team
        self.table = QTableView(self)
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addPersonButton")
        self.change_button = QPushButton(self)
        self.change_button.setObjectName("changePersonButton")
        self.disable_button = QPushButton(self)
        self.disable_button.setObjectName("disablePersonButton")
        self.expire_button = QPushButton(self)
        self.expire_button.setObjectName("expirePersonButton")
        self.message = QLabel(self)
        self.message.setObjectName("peopleMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        row = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.disable_button,
                       self.expire_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_person)
        self.change_button.clicked.connect(self.change_person)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.expire_button.clicked.connect(self.expire)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        executor.changes.changed.connect(self._on_changes)
        self.resize(900, 420)
        self.ui_language_changed()
        self._update_buttons()
        self.reload()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("People"))
        self.add_button.setText(self.tr("&Add…"))
        self.change_button.setText(self.tr("&Change…"))
        self.expire_button.setText(self.tr("&Expire now"))
        self._update_buttons()
        self.model.ui_language_changed()

    def reload(self) -> None:
        operations.load_people(parent=self, success=self._loaded).run(self._executor)

    def _loaded(self, everyone: list[PersonView]) -> None:
        current = self.selected()
        self.model.set_rows(everyone)
        if current is not None:
            for row, person in enumerate(everyone):
                if person.id == current.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def _on_changes(self, changes: Changes) -> None:
        if changes.people:
            self.reload()

    def selected(self) -> PersonView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args: object) -> None:
        person = self.selected()
        self.add_button.setEnabled(self.can_edit)
        for button in (self.change_button, self.disable_button, self.expire_button):
            button.setEnabled(self.can_edit and person is not None)
        enable = person is not None and person.disabled
        self.disable_button.setText(self.tr("E&nable") if enable else self.tr("&Disable"))

    def add_person(self) -> PersonDialog:
        return self._edit(None)

    def change_person(self) -> PersonDialog | None:
        person = self.selected()
        return self._edit(person) if person is not None else None

    def _edit(self, person: PersonView | None) -> PersonDialog:
        dialog = PersonDialog(
            self._executor, self._state, person=person, team=self._team, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def toggle_disabled(self) -> None:
        person = self.selected()
        if person is None:
            return
        self.message.clear()
        operations.set_disabled(
            parent=self,
            person_id=person.id,
            disabled=not person.disabled,
            actor=self._state.actor,
            acting_id=self._state.person_id,
        ).failure(self._failed).run(self._executor)

    def expire(self) -> None:
        person = self.selected()
        if person is None:
            return
        self.message.clear()
        operations.expire_person(
            parent=self, person_id=person.id, actor=self._state.actor,
            acting_id=self._state.person_id,
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
