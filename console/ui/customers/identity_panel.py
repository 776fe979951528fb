"""Possible duplicates of the current customer: merge, dismiss, split off identities, and
undo the last merge/split.

Shown in the customer panel. Everything goes through the store executor into
:mod:`console.identity` (audited there); the panel only shows and asks. It
hides itself while there is nothing to show. The customer's channel identities are
listed while there are two or more, so wrongly linked ones can be split off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from console.identity import (
    CustomerSuggestion,
    IdentityChangeInfo,
    IdentityInfo,
    IdentityOverview,
)
from console.ui.app_state import AppState
from console.ui.common.display_names import channel_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.common.rows_model import READ_ONLY
from console.ui.customers.operations import (
    dismiss_suggested,
    load_identities,
    merge_suggested,
    split_off,
    undo_identity_change,
)
from console.ui.lanes.store_executor import StoreExecutor

Index = QModelIndex | QPersistentModelIndex
SuggestionRole = Qt.ItemDataRole.UserRole + 1
IdentityRole = Qt.ItemDataRole.UserRole + 2


class MergeSuggestionModel(QAbstractListModel):
    """Open merge suggestions of one customer: the other customer's name and why."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[CustomerSuggestion, ...] = ()

    def set_suggestions(self, items: Sequence[CustomerSuggestion]) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        self.endResetModel()

    def suggestion(self, row: int) -> CustomerSuggestion | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.suggestion(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == SuggestionRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            name = item.other_name or self.tr("Customer %1").replace(
                "%1", str(item.other_customer_id)
            )
            return f"{name} — {self.reason_text(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.reason_text(item)
        return None

    def reason_text(self, item: CustomerSuggestion) -> str:
        captions = {
            "email": self.tr("same e-mail address %1"),
            "phone": self.tr("same phone number %1"),
            "order": self.tr("same order number %1"),
        }
        caption = captions.get(item.reason_kind)
        return caption.replace("%1", item.reason_value) if caption else item.reason

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def ui_language_changed(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))


class IdentityListModel(QAbstractListModel):
    """The current customer's channel identities: channel kind and address."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[IdentityInfo, ...] = ()

    def set_identities(self, items: Sequence[IdentityInfo]) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        self.endResetModel()

    def identity(self, row: int) -> IdentityInfo | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.identity(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == IdentityRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{channel_name(item.kind)}: {item.address}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.address
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def ui_language_changed(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))


class IdentityPanel(FollowsUiLanguage, QGroupBox):
    #: Customers were merged, split back or unmerged (the current customer id):
    #: conversations may have moved, so the inbox and the conversation should reload.
    customers_changed = Signal(int)
    #: Something failed; a message for the user.
    failed = Signal(str)
    #: A load finished (for tests and screenshots).
    loaded = Signal()

    def __init__(
        self, executor: StoreExecutor, *, state: AppState | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identityPanel")
        self._executor = executor
        #: Who is working: merges and dismissals are recorded for them.
        self.state = state or AppState(self)
        self._customer_id: int | None = None
        self._request = 0
        self._change: IdentityChangeInfo | None = None
        self._change_other = ""
        self.identities = IdentityListModel(self)
        self.identity_caption = QLabel(self)
        self.identity_caption.setObjectName("identityListCaption")
        self.identity_list = QListView(self)
        self.identity_list.setObjectName("customerIdentities")
        self.identity_list.setModel(self.identities)
        self.identity_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.identity_list.setMaximumHeight(110)
        self.split_button = QPushButton(self)
        self.split_button.setObjectName("identitySplit")
        self.model = MergeSuggestionModel(self)
        self.list = QListView(self)
        self.list.setObjectName("mergeSuggestions")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(110)
        self.merge_button = QPushButton(self)
        self.merge_button.setObjectName("mergeAccept")
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("mergeDismiss")
        self.undo_label = QLabel(self)
        self.undo_label.setObjectName("identityLastChange")
        self.undo_label.setWordWrap(True)
        self.undo_label.setProperty("showsData", True)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("identityUndo")
        self.error = QLabel(self)
        self.error.setObjectName("identityError")
        self.error.setWordWrap(True)
        self.error.setProperty("showsData", True)
        self.error.hide()

        split = QHBoxLayout()
        split.addStretch(1)
        split.addWidget(self.split_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        undo = QHBoxLayout()
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_caption)
        layout.addWidget(self.identity_list)
        layout.addLayout(split)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(undo)
        layout.addWidget(self.error)

        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.undo_button.clicked.connect(self.undo_last)
        self.split_button.clicked.connect(self.ask_split)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.identity_list.selectionModel().selectionChanged.connect(
            self._identity_selection_changed
        )
        self.ui_language_changed()
        self._show(None)

    # -- language ------------------------------------------------------------------------

    def ui_language_changed(self) -> None:
        self.setTitle(self.tr("Addresses and possible duplicates"))
        self.merge_button.setText(self.tr("Merge into this customer"))
        self.dismiss_button.setText(self.tr("Not the same"))
        self.undo_button.setText(self.tr("Undo"))
        self.list.setToolTip(self.tr("Customers who may be this customer, and why"))
        self.identity_caption.setText(self.tr("Addresses of this customer"))
        self.identity_list.setToolTip(
            self.tr("Select addresses that belong to someone else, then split them off")
        )
        self.split_button.setText(self.tr("Split off…"))
        self.split_button.setToolTip(
            self.tr("Move the selected addresses and their conversations to a new customer")
        )
        self.identities.ui_language_changed()
        self.model.ui_language_changed()
        self._show_change()

    # -- data ----------------------------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return self._customer_id

    def show_customer(self, customer_id: int | None) -> None:
        """Show the suggestions of ``customer_id`` (None: hide)."""
        self._customer_id = customer_id
        self.error.hide()
        self.reload()

    def reload(self) -> None:
        self._request += 1
        request = self._request
        customer_id = self._customer_id
        if customer_id is None:
            self._show(None)
            self.loaded.emit()
            return

        def arrived(overview: IdentityOverview) -> None:
            if request == self._request:
                self._show(overview)
                self.loaded.emit()

        load_identities(parent=self, customer_id=customer_id, success=arrived).failure(
            self._fail
        ).run(self._executor)

    def _show(self, overview: IdentityOverview | None) -> None:
        self.identities.set_identities(overview.identities if overview else ())
        has_identities = self.identities.rowCount() > 1
        self.identity_caption.setVisible(has_identities)
        self.identity_list.setVisible(has_identities)
        self.split_button.setVisible(has_identities)
        self._identity_selection_changed(QItemSelection(), QItemSelection())
        self.model.set_suggestions(overview.suggestions if overview else ())
        self._change = overview.last_change if overview else None
        self._change_other = overview.last_change_other_name if overview else ""
        has_suggestions = self.model.rowCount() > 0
        self.list.setVisible(has_suggestions)
        self.merge_button.setVisible(has_suggestions)
        self.dismiss_button.setVisible(has_suggestions)
        if has_suggestions and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))
        self._selection_changed(QItemSelection(), QItemSelection())
        self._show_change()
        wanted = has_suggestions or has_identities or self._change is not None
        if self.parentWidget() is not None or not wanted:  # never pop up as a window
            self.setVisible(wanted)

    def _show_change(self) -> None:
        change = self._change
        self.undo_label.setVisible(change is not None)
        self.undo_button.setVisible(change is not None)
        if change is None:
            self.undo_label.clear()
            return
        other = self._change_other or str(
            change.from_customer_id
            if change.to_customer_id == self._customer_id
            else change.to_customer_id
        )
        text = (
            self.tr("Last change: merged with %1")
            if change.action == "merge"
            else self.tr("Last change: split off %1")
        )
        self.undo_label.setText(text.replace("%1", other))

    def selected(self) -> CustomerSuggestion | None:
        index = self.list.currentIndex()
        return self.model.suggestion(index.row()) if index.isValid() else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected() is not None
        self.merge_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def selected_identities(self) -> list[IdentityInfo]:
        rows = sorted(index.row() for index in self.identity_list.selectionModel().selectedRows())
        return [item for row in rows if (item := self.identities.identity(row)) is not None]

    def _identity_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self.split_button.setEnabled(bool(self.selected_identities()))

    # -- actions -------------------------------------------------------------------------

    def ask_split(self) -> None:
        """Ask for the new customer's name, then split the selected identities off."""
        chosen = self.selected_identities()
        if not chosen or self._customer_id is None:
            return
        if len(chosen) >= self.identities.rowCount():
            self._refuse_all()
            return
        self.error.hide()
        dialog = QInputDialog(self)
        dialog.setObjectName("identitySplitDialog")
        dialog.setWindowTitle(self.tr("Split off into a new customer"))
        dialog.setLabelText(
            self.tr("Name of the new customer for %1:").replace(
                "%1", ", ".join(item.address for item in chosen)
            )
        )
        dialog.setTextValue(chosen[0].address)
        dialog.setOkButtonText(self.tr("Split off"))
        dialog.textValueSelected.connect(lambda name: self.split_selected(name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def split_selected(self, name: str | None = None) -> None:
        """Move the selected identities (and the conversations that came only through
        them) to a new customer named ``name`` (default: the first address)."""
        chosen, current = self.selected_identities(), self._customer_id
        if not chosen or current is None:
            return
        if len(chosen) >= self.identities.rowCount():
            self._refuse_all()
            return
        split_off(
            parent=self,
            customer_id=current,
            identity_ids=[item.id for item in chosen],
            name=name,
            actor=self.state.actor,
            success=self._changed,
        ).failure(self._fail).run(self._executor)

    def merge_selected(self) -> None:
        """Merge the selected suggestion's other customer into the current one."""
        item, keep = self.selected(), self._customer_id
        if item is None or keep is None:
            return
        merge_suggested(
            parent=self,
            suggestion_id=item.id,
            keep=keep,
            actor=self.state.actor,
            success=self._changed,
        ).failure(self._fail).run(self._executor)

    def dismiss_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        dismiss_suggested(
            parent=self,
            suggestion_id=item.id,
            actor=self.state.actor,
            success=lambda _none: self.reload(),
        ).failure(self._fail).run(self._executor)

    def undo_last(self) -> None:
        change, current = self._change, self._customer_id
        if change is None or current is None:
            return
        undo_identity_change(
            parent=self,
            change_id=change.id,
            customer_id=current,
            actor=self.state.actor,
            success=self._changed,
        ).failure(self._fail).run(self._executor)

    def _changed(self, customer_id: int) -> None:
        self.error.hide()
        self.reload()
        self.customers_changed.emit(customer_id)

    def _refuse_all(self) -> None:
        message = self.tr(
            "A customer must keep at least one address: "
            "select only the addresses that belong to someone else."
        )
        self.error.setText(message)
        self.error.show()
        self.failed.emit(message)

    def _fail(self, exc: Exception) -> None:
        self.error.setText(error_text(exc))
        self.error.show()
        self.failed.emit(error_text(exc))
