"""*Customer → Export data*, *Customer → Erase…* and *Retention rules…* for the open conversation.

Export: the folder is chosen (:attr:`CustomerDataRequests.choose_export_folder`, a
``QFileDialog`` by default: tests put a function there that returns a folder), the data
is read on the store lane, written on the file lane, then the export is audited.
Erase: a confirmation says what goes and asks for the reason; the erasure runs on the
store lane, then the store's files are purged there too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.privacy.subject_erase import ErasureResult, PurgeResult
from console.privacy.subject_export import SubjectExport
from console.ui.app_state import AppState
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.customers.data_request_operations import (
    collect_customer_export,
    conversation_customer,
    erase_customer_data,
    purge_store_files,
    record_customer_export,
    write_customer_export,
)
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.retention_editor import RetentionEditor
from console.ui.policies.retention_schedule import RetentionSchedule


def ask_for_export_folder(parent: QWidget) -> Path | None:
    """The folder an export goes to, chosen in a file dialog (None: cancelled)."""
    chosen = QFileDialog.getExistingDirectory(
        parent, QObject.tr(parent, "Export the customer's data to")
    )
    return Path(chosen) if chosen else None


class EraseCustomerDialog(QDialog):
    """Says what an erasure removes and what stays; *Erase* needs a reason."""

    def __init__(self, customer_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseCustomerDialog")
        self.setWindowTitle(self.tr("Erase the customer's data"))
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        who = name or self.tr("customer %1").replace("%1", str(customer_id))
        self.explanation.setText(
            self.tr(
                "Erase everything personal held about %1: every message text and its HTML, "
                "the translations, the translation memory made from them, the search index, "
                "attachments, addresses and phone numbers, name and postal address, drafts "
                "and queued replies. What stays: when they wrote and were answered, without "
                "text, for the team's figures, and a record of this erasure (when, who, why). "
                "This cannot be undone."
            ).replace("%1", who)
        )
        set_role(self.explanation, "warning")
        self.reason_label = QLabel(self.tr("Reason (required):"), self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("eraseReason")
        self.reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = QPushButton(self.tr("Erase"), self)
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(
            lambda text: self.erase_button.setEnabled(bool(text.strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)


class CustomerDataRequests(QObject):
    """The *Customer* menu: export or erase the open conversation's customer; retention rules."""

    #: A sentence for the status bar (done, or what went wrong).
    reported = Signal(str)
    #: An export was written (its folder).
    exported = Signal(object)
    #: An erasure finished, files purged (its :class:`ErasureResult`).
    erased = Signal(object)

    def __init__(
        self,
        executor: StoreExecutor,
        menu_bar: QMenuBar,
        *,
        state: AppState,
        parent: QWidget,
        before: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._state = state
        self._window = parent
        #: Where an export goes: a function of the parent widget (tests replace it).
        self.choose_export_folder: Callable[[QWidget], Path | None] = ask_for_export_folder
        self.erase_dialog: EraseCustomerDialog | None = None
        self.retention_editor: RetentionEditor | None = None
        self.menu = QMenu(parent)
        self.menu.setObjectName("customerMenu")
        self.export_action = QAction(parent)
        self.export_action.setObjectName("exportCustomerData")
        self.erase_action = QAction(parent)
        self.erase_action.setObjectName("eraseCustomerData")
        self.retention_action = QAction(parent)
        self.retention_action.setObjectName("retentionRules")
        self.menu.addAction(self.export_action)
        self.menu.addAction(self.erase_action)
        self.menu.addSeparator()
        self.menu.addAction(self.retention_action)
        if before is not None:
            menu_bar.insertMenu(before, self.menu)
        else:
            menu_bar.addMenu(self.menu)
        self.export_action.triggered.connect(self.export_data)
        self.erase_action.triggered.connect(self.erase)
        self.retention_action.triggered.connect(self.open_retention_editor)
        self.schedule = RetentionSchedule(executor, self)
        self.schedule.start()
        if isinstance(parent, QMainWindow):
            self.reported.connect(parent.statusBar().showMessage)
        state.conversation_changed.connect(self._update_actions)
        state.ui_language_changed.connect(lambda _language: self.ui_language_changed())
        self.ui_language_changed()
        self._update_actions(state.conversation_id)

    def ui_language_changed(self) -> None:
        self.menu.setTitle(self.tr("C&ustomer"))
        self.export_action.setText(self.tr("&Export data…"))
        self.erase_action.setText(self.tr("E&rase…"))
        self.retention_action.setText(self.tr("&Retention rules…"))

    def _update_actions(self, conversation_id: int | None) -> None:
        self.export_action.setEnabled(conversation_id is not None)
        self.erase_action.setEnabled(conversation_id is not None)

    def _with_customer(self, then: Callable[[int, str], None]) -> None:
        conversation_id = self._state.conversation_id
        if conversation_id is None:
            return

        def found(customer: tuple[int, str] | None) -> None:
            if customer is not None:
                then(*customer)

        conversation_customer(parent=self, conversation_id=conversation_id, success=found).failure(
            self._failed
        ).run(self._executor)

    # -- export -----------------------------------------------------------------------

    def export_data(self) -> None:
        folder = self.choose_export_folder(self._window)
        if folder is None:
            return
        self._with_customer(lambda customer_id, _name: self._collect(customer_id, folder))

    def _collect(self, customer_id: int, folder: Path) -> None:
        collect_customer_export(
            parent=self,
            customer_id=customer_id,
            success=lambda export: self._write(export, folder),
        ).failure(self._failed).run(self._executor)

    def _write(self, export: SubjectExport, folder: Path) -> None:
        write_customer_export(
            self._executor,
            owner=self,
            export=export,
            folder=folder,
            done=lambda written: self._record(export, written),
            error=self._failed,
        )

    def _record(self, export: SubjectExport, written: Path) -> None:
        def done(_none: None) -> None:
            self.reported.emit(
                self.tr("Exported the customer's data to %1.").replace("%1", str(written))
            )
            self.exported.emit(written)

        record_customer_export(
            parent=self, export=export, actor=self._state.actor, success=done
        ).failure(self._failed).run(self._executor)

    # -- erase ------------------------------------------------------------------------

    def erase(self) -> None:
        self._with_customer(self._confirm)

    def _confirm(self, customer_id: int, name: str) -> None:
        dialog = EraseCustomerDialog(customer_id, name, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._erase(customer_id, dialog.reason.text()))
        self.erase_dialog = dialog
        dialog.open()

    def _erase(self, customer_id: int, reason: str) -> None:
        erase_customer_data(
            parent=self,
            customer_id=customer_id,
            reason=reason,
            actor=self._state.actor,
            agent_id=self._state.person_id,
            success=self._purge,
        ).failure(self._failed).run(self._executor)

    def _purge(self, result: ErasureResult) -> None:
        def done(purged: PurgeResult) -> None:
            self.reported.emit(
                self.tr("Erased the customer's data: %n message(s).", "", result.counts.messages)
            )
            self.erased.emit(result)
            del purged

        purge_store_files(parent=self, store=self._executor.store, success=done).failure(
            self._failed
        ).run(self._executor)

    # -- retention ----------------------------------------------------------------------

    def open_retention_editor(self) -> RetentionEditor:
        editor = RetentionEditor(self._executor, state=self._state, parent=self._window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.resize(720, 480)
        self.retention_editor = editor
        editor.open()
        return editor

    def _failed(self, exc: Exception) -> None:
        self.reported.emit(error_text(exc))
