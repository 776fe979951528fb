"""Channel settings: the mailboxes, SMTP server and webhook the console talks to.

Passwords and tokens typed here go to the system keyring (``keyring``) and
nowhere else: the store keeps host, port, folders and user name only, and the
password field is never filled back in.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.channels.admin import ChannelConfigView
from console.ui.app_state import AppState
from console.ui.channels.channel_models import ChannelConfigModel
from console.ui.channels.operations import delete_channel, load_channel_configs, save_channel
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor

KINDS = ("imap", "smtp", "webhook")
DEFAULT_PORTS = {("imap", "tls"): 993, ("imap", "starttls"): 143, ("smtp", "tls"): 465,
                 ("smtp", "starttls"): 587, ("webhook", "tls"): 8765,
                 ("webhook", "starttls"): 8765}  # fmt: skip


class ChannelSettingsDialog(FollowsUiLanguage, QDialog):
    #: A channel was saved (its name).
    saved = Signal(str)

    def __init__(
        self,
        executor: StoreExecutor,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("channelSettingsDialog")
        self._executor = executor
        #: Who is working: saved and deleted channels are recorded for them.
        self.state = state or AppState(self)
        self.model = ChannelConfigModel(self)
        self.channels = QListView(self)
        self.channels.setObjectName("channelList")
        self.channels.setModel(self.model)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("channelNew")
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("channelDelete")
        self.delete_button.setEnabled(False)

        self.name = QLineEdit(self)
        self.name.setObjectName("channelName")
        self.kind = QComboBox(self)
        self.kind.setObjectName("channelKind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.host = QLineEdit(self)
        self.host.setObjectName("channelHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("channelPort")
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.security = QComboBox(self)
        self.security.setObjectName("channelSecurity")
        self.security.addItem("TLS", "tls")
        self.security.addItem("STARTTLS", "starttls")
        self.username = QLineEdit(self)
        self.username.setObjectName("channelUser")
        self.secret = QLineEdit(self)
        self.secret.setObjectName("channelSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.folders = QLineEdit(self)
        self.folders.setObjectName("channelFolders")
        self.folders.setText("INBOX")
        self.mark_seen = QCheckBox(self)
        self.mark_seen.setObjectName("channelMarkSeen")
        self.from_address = QLineEdit(self)
        self.from_address.setObjectName("channelFrom")
        self.status = QLabel(self)
        self.status.setObjectName("channelStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("showsData", True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("channelSave")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        for key, widget in (
            ("name", self.name), ("kind", self.kind), ("host", self.host), ("port", self.port),
            ("security", self.security), ("username", self.username), ("secret", self.secret),
            ("folders", self.folders), ("mark_seen", self.mark_seen),
            ("from_address", self.from_address),
        ):  # fmt: skip
            label = QLabel(self)
            self._labels[key] = label
            self.form.addRow(label, widget)
        side = QVBoxLayout()
        side.addWidget(self.channels, 1)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(self.new_button)
        side_buttons.addWidget(self.delete_button)
        side.addLayout(side_buttons)
        editor = QWidget(self)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(self.form)
        editor_layout.addWidget(self.status)
        editor_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        editor_layout.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(side, 1)
        body.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.security.currentIndexChanged.connect(self._kind_changed)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self._new)
        self.delete_button.clicked.connect(self._delete)
        self.channels.selectionModel().selectionChanged.connect(self._selection_changed)
        self.ui_language_changed()
        self._kind_changed()
        self.reload()

    # -- language ------------------------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Channels"))
        self.new_button.setText(self.tr("New"))
        self.delete_button.setText(self.tr("Delete"))
        self.save_button.setText(self.tr("Save"))
        self.kind.setItemText(0, self.tr("E-mail in (IMAP)"))
        self.kind.setItemText(1, self.tr("E-mail out (SMTP)"))
        self.kind.setItemText(2, self.tr("Local webhook"))
        titles = {
            "name": self.tr("Name"),
            "kind": self.tr("Kind"),
            "host": self.tr("Server"),
            "port": self.tr("Port"),
            "security": self.tr("Security"),
            "username": self.tr("User name"),
            "secret": self.tr("Password or token"),
            "folders": self.tr("Folders to watch"),
            "mark_seen": self.tr("Mark fetched mail as read"),
            "from_address": self.tr("Send as"),
        }
        for key, label in self._labels.items():
            label.setText(titles[key])
        self.secret.setPlaceholderText(self.tr("Kept in the system keyring; leave empty to keep"))
        self.folders.setToolTip(self.tr("Comma-separated, e.g. INBOX, Orders"))

    # -- data ----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        def arrived(configs: list[ChannelConfigView]) -> None:
            self.model.set_configs(configs)
            row = self.model.row_of(select) if select else None
            if row is not None:
                self.channels.setCurrentIndex(self.model.index(row))

        load_channel_configs(parent=self, success=arrived).run(self._executor)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def settings_values(self) -> dict[str, Any]:
        kind = self.current_kind()
        values: dict[str, Any] = {"port": self.port.value()}
        if kind in ("imap", "smtp"):
            values.update(
                host=self.host.text().strip(),
                security=str(self.security.currentData()),
                username=self.username.text().strip(),
            )
        if kind == "imap":
            folders = [f.strip() for f in self.folders.text().split(",") if f.strip()]
            values.update(folders=folders or ["INBOX"], mark_seen=self.mark_seen.isChecked())
        if kind == "smtp":
            values["from_address"] = self.from_address.text().strip()
        return values

    def save(self) -> None:
        name, kind = self.name.text().strip(), self.current_kind()
        values = self.settings_values()
        secret = self.secret.text()

        def done(_config_id: int) -> None:
            self.secret.clear()
            self.status.setText(self.tr("Saved."))
            self.reload(select=name)
            self.saved.emit(name)

        save_channel(
            parent=self,
            name=name,
            kind=kind,
            settings=values,
            secret=secret,
            actor=self.state.actor,
            success=done,
        ).failure(self._failed).run(self._executor)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(error_text(exc))

    def _selected(self) -> ChannelConfigView | None:
        index = self.channels.currentIndex()
        return self.model.config(index.row()) if index.isValid() else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        config = self._selected()
        self.delete_button.setEnabled(config is not None)
        if config is None:
            return
        settings = config.settings
        self.name.setText(config.name)
        self.kind.setCurrentIndex(max(self.kind.findData(config.kind), 0))
        self.host.setText(str(settings.get("host", "")))
        self.port.setValue(int(settings.get("port", self.port.value())))
        self.security.setCurrentIndex(max(self.security.findData(settings.get("security")), 0))
        self.username.setText(str(settings.get("username", "")))
        self.folders.setText(", ".join(settings.get("folders", ["INBOX"])))
        self.mark_seen.setChecked(bool(settings.get("mark_seen", False)))
        self.from_address.setText(str(settings.get("from_address", "")))
        self.secret.clear()
        self.status.clear()

    def _new(self) -> None:
        self.channels.clearSelection()
        self.channels.setCurrentIndex(self.model.index(-1))
        for field in (self.name, self.host, self.username, self.secret, self.from_address):
            field.clear()
        self.folders.setText("INBOX")
        self.mark_seen.setChecked(False)
        self.status.clear()
        self.name.setFocus()

    def _delete(self) -> None:
        config = self._selected()
        if config is None:
            return
        delete_channel(
            parent=self,
            config_id=config.id,
            actor=self.state.actor,
            success=lambda _none: self.reload(),
        ).failure(self._failed).run(self._executor)

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        mail = kind in ("imap", "smtp")
        for key, widget in (
            ("host", self.host), ("security", self.security), ("username", self.username),
        ):  # fmt: skip
            widget.setVisible(mail)
            self._labels[key].setVisible(mail)
        imap_widgets: tuple[tuple[str, QWidget], ...] = (
            ("folders", self.folders),
            ("mark_seen", self.mark_seen),
        )
        for key, imap_widget in imap_widgets:
            imap_widget.setVisible(kind == "imap")
            self._labels[key].setVisible(kind == "imap")
        self.from_address.setVisible(kind == "smtp")
        self._labels["from_address"].setVisible(kind == "smtp")
        security = str(self.security.currentData())
        default = DEFAULT_PORTS.get((kind, security))
        if default and self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(default)
