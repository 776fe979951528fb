"""View → Reply library…: keep the multilingual replies current.

Left, the replies with what needs a person (machine drafts, stale or missing
variants); right, the chosen reply's variants, one per language the library
should speak, and the selected variant's text. A person edits and saves (the
variant is approved as written), approves a machine draft or a stale variant
as it is, or drafts a missing variant by machine translation: the source is
read on the store lane, translated on the translation lane with its
``{variables}`` protected, and stored as a *machine draft*. The store work is
named operations (``console/ui/replies/operations.py``); the window reads the
library again whenever the change bus says it changed, here or elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.replies import EntryView, VariantView
from console.ui.app_state import AppState
from console.ui.common.display_names import language_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.common.rows_model import Index, RowsTableModel
from console.ui.lanes.operations import WriteOp
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import TranslationWorker
from console.ui.replies.operations import (
    Library,
    approve_reply_variant,
    create_reply,
    draft_machine_variant,
    load_library,
    save_variant,
)
from translation.translator import Translator


@dataclass(frozen=True)
class VariantRow:
    language: str
    variant: VariantView | None  # None: the library has no text in this language yet


def variant_rows(entry: EntryView, languages: list[str]) -> list[VariantRow]:
    """The source first, then every language the library speaks or the entry has."""
    wanted = [entry.source_language, *languages, *entry.variants]
    ordered = list(dict.fromkeys(wanted))
    return [VariantRow(language, entry.variants.get(language)) for language in ordered]


class EntriesModel(RowsTableModel[EntryView]):
    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.languages: list[str] = []

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Reply"), self.tr("Category"), self.tr("Needs a person"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row())
        if entry is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return entry.title
        if index.column() == 1:
            return entry.category
        rows = variant_rows(entry, self.languages)
        drafts = sum(1 for r in rows if r.variant is not None and r.variant.machine_draft)
        stale = sum(1 for r in rows if r.variant is not None and r.variant.stale)
        missing = sum(1 for r in rows if r.variant is None)
        parts = []
        if drafts:
            parts.append(self.tr("%n machine draft(s)", "", drafts))
        if stale:
            parts.append(self.tr("%n stale", "", stale))
        if missing:
            parts.append(self.tr("%n missing", "", missing))
        return " · ".join(parts)


class VariantsModel(RowsTableModel[VariantRow]):
    COLUMNS = 2

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Language"), self.tr("State"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return language_name(row.language)
        return self.state(row.variant)

    def state(self, variant: VariantView | None) -> str:
        if variant is None:
            return self.tr("Missing")
        if variant.is_source:
            return self.tr("Source")
        if variant.stale:
            return self.tr("Stale: the source changed")
        if variant.machine_draft:
            return self.tr("Machine draft")
        return self.tr("Approved")


class NewReplyDialog(FollowsUiLanguage, QDialog):
    """Key, category, language and text of a new reply."""

    def __init__(self, languages: list[str], categories: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("newReplyDialog")
        self.key = QLineEdit(self)
        self.key.setObjectName("newReplyKey")
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.addItems(categories)
        self.language = QComboBox(self)
        for code in languages:
            self.language.addItem(language_name(code), code)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("newReplyText")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.key, self.category, self.language, self.text), strict=True
        ):
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.key.textChanged.connect(self._update)
        self.text.textChanged.connect(self._update)
        self.ui_language_changed()
        self._update()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("New reply"))
        titles = (self.tr("Name"), self.tr("Category"), self.tr("Written in"), self.tr("Text"))
        for label, title in zip(self.labels, titles, strict=True):
            label.setText(title)
        self.key.setPlaceholderText(self.tr("e.g. return_label"))
        self.text.setPlaceholderText(
            self.tr("Variables: {customer_name}, {order_number}, {tracking_number}, …")
        )

    def _update(self) -> None:
        ready = bool(self.key.text().strip() and self.text.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def values(self) -> tuple[str, str, str, str]:
        key = "_".join(self.key.text().split()).lower()
        return (
            key,
            self.category.currentText().strip() or "general",
            (self.language.currentData() or "en"),
            self.text.toPlainText(),
        )


class ReplyLibraryDialog(FollowsUiLanguage, QDialog):
    #: The library was read from the store and is on screen (tests wait for it).
    loaded = Signal()
    #: A write finished (the library is read again when the change bus delivers it).
    saved = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        worker: TranslationWorker,
        translator: Callable[[], Translator],
        parent: Any = None,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replyLibrary")
        self._executor, self._worker, self._translator = executor, worker, translator
        #: Who is working: saved and approved variants are recorded for them.
        self.state = state or AppState(self)
        self._selected: tuple[int | None, str | None] = (None, None)
        self._busy = False
        self.entries = EntriesModel(self)
        self.variants = VariantsModel(self)
        self.entries_view = self._table(self.entries, "replyLibraryEntries")
        self.variants_view = self._table(self.variants, "replyLibraryVariants")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("replyLibraryText")
        self.editor.setProperty("showsData", True)
        self.variant_state = QLabel(self)
        self.variant_state.setObjectName("replyLibraryState")
        self.variant_state.setWordWrap(True)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("replyLibraryNew")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("replyLibrarySave")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("replyLibraryApprove")
        self.draft_button = QPushButton(self)
        self.draft_button.setObjectName("replyLibraryDraft")
        self.close_button = QPushButton(self)
        self._layout()
        self.entries_view.selectionModel().currentRowChanged.connect(self._entry_chosen)
        self.variants_view.selectionModel().currentRowChanged.connect(self._variant_chosen)
        self.editor.textChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.new_reply)
        self.save_button.clicked.connect(self.save_text)
        self.approve_button.clicked.connect(self.approve)
        self.draft_button.clicked.connect(self.draft)
        self.close_button.clicked.connect(self.close)
        self.resize(1000, 600)
        executor.changes.changed.connect(self.apply_changes)
        self.ui_language_changed()
        self.reload()

    def _table(self, model: RowsTableModel[Any], name: str) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.setShowGrid(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return view

    def _layout(self) -> None:
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.variants_view, 1)
        right_layout.addWidget(self.editor, 2)
        right_layout.addWidget(self.variant_state)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.draft_button)
        actions.addStretch(1)
        right_layout.addLayout(actions)
        splitter = QSplitter(self)
        splitter.addWidget(self.entries_view)
        splitter.addWidget(right)
        splitter.setSizes([420, 580])
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Reply library"))
        self.new_button.setText(self.tr("&New reply…"))
        self.save_button.setText(self.tr("&Save as approved"))
        self.save_button.setToolTip(self.tr("Store this text as checked by you"))
        self.approve_button.setText(self.tr("&Approve as it is"))
        self.approve_button.setToolTip(
            self.tr("You checked this variant against the source: it is no longer a draft or stale")
        )
        self.draft_button.setText(self.tr("&Draft by machine translation"))
        self.draft_button.setToolTip(
            self.tr("Translate the source variant offline; the variables stay as they are")
        )
        self.close_button.setText(self.tr("Close"))
        self.entries.ui_language_changed()
        self.variants.ui_language_changed()
        self._show_state()

    # -- reading -------------------------------------------------------------------

    def reload(self) -> None:
        load_library(parent=self, success=self._arrived).failure(self._failed).run(self._executor)

    def apply_changes(self, changes: Changes) -> None:
        """The library changed (here or elsewhere): read it again."""
        if changes.reply_library:
            self.reload()

    def _arrived(self, library: Library) -> None:
        entries, languages = library.entries, library.languages
        entry_id, language = self._selected
        self.entries.languages = languages
        self.entries.set_rows(entries)
        row = next((i for i, e in enumerate(entries) if e.id == entry_id), 0 if entries else -1)
        if row >= 0:
            self.entries_view.selectRow(row)
            self._entry_chosen(self.entries.index(row, 0), QModelIndex())
            if language is not None:
                self.select_language(language)
        self._busy = False
        self._update_buttons()
        self.loaded.emit()

    def current_entry(self) -> EntryView | None:
        return self.entries.row_at(self.entries_view.currentIndex().row())

    def current_row(self) -> VariantRow | None:
        return self.variants.row_at(self.variants_view.currentIndex().row())

    def select_language(self, language: str) -> None:
        for row, variant in enumerate(self.variants.rows):
            if variant.language == language:
                self.variants_view.selectRow(row)
                return

    def _entry_chosen(self, current: QModelIndex | QPersistentModelIndex, _old: Any) -> None:
        entry = self.entries.row_at(current.row())
        rows = variant_rows(entry, self.entries.languages) if entry is not None else []
        self.variants.set_rows(rows)
        if rows:
            self.variants_view.selectRow(0)
            self._variant_chosen(self.variants.index(0, 0), QModelIndex())
        else:
            self.editor.clear()

    def _variant_chosen(self, current: QModelIndex | QPersistentModelIndex, _old: Any) -> None:
        row = self.variants.row_at(current.row())
        entry = self.current_entry()
        self._selected = (entry.id if entry else None, row.language if row else None)
        self.editor.setPlainText(row.variant.text if row and row.variant else "")
        self._show_state()
        self._update_buttons()

    def _show_state(self) -> None:
        row = self.current_row()
        if row is None:
            self.variant_state.clear()
            return
        self.variant_state.setText(
            self.tr("%1: %2")
            .replace("%1", language_name(row.language))
            .replace("%2", self.variants.state(row.variant))
        )

    def _update_buttons(self) -> None:
        row, entry = self.current_row(), self.current_entry()
        text = self.editor.toPlainText()
        idle = not self._busy and entry is not None and row is not None
        changed = (
            row is not None
            and text.strip() != ""
            and (row.variant is None or text != row.variant.text)
        )
        needs_approval = (
            row is not None
            and row.variant is not None
            and (row.variant.machine_draft or row.variant.stale)
        )
        is_source = entry is not None and row is not None and row.language == entry.source_language
        self.save_button.setEnabled(idle and changed)
        self.approve_button.setEnabled(idle and needs_approval and not changed)
        self.draft_button.setEnabled(idle and not is_source and not changed)
        self.editor.setReadOnly(self._busy)

    # -- writing -------------------------------------------------------------------

    def _write(self, op: WriteOp[Any]) -> None:
        self._busy = True
        self._update_buttons()
        op.failure(self._failed).run(self._executor)

    def _written(self, _value: object = None) -> None:
        self.saved.emit()  # the library is read again when the change bus delivers the write

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._update_buttons()
        self.variant_state.setText(error_text(exc))

    def save_text(self) -> None:
        entry, row = self.current_entry(), self.current_row()
        if entry is None or row is None:
            return
        self._write(
            save_variant(
                parent=self,
                entry_id=entry.id,
                language=row.language,
                text=self.editor.toPlainText(),
                by=self.state.actor,
                success=self._written,
            )
        )

    def approve(self) -> None:
        entry, row = self.current_entry(), self.current_row()
        if entry is None or row is None:
            return
        self._write(
            approve_reply_variant(
                parent=self,
                entry_id=entry.id,
                language=row.language,
                by=self.state.actor,
                success=self._written,
            )
        )

    def draft(self) -> None:
        """Source from the store, translation on its own lane, the draft back to the store."""
        entry, row = self.current_entry(), self.current_row()
        if entry is None or row is None:
            return
        self._busy = True
        self._update_buttons()
        self.variant_state.setText(
            self.tr("Drafting in %1…").replace("%1", language_name(row.language))
        )
        draft_machine_variant(
            parent=self,
            lanes=(self._executor, self._worker),
            translator=self._translator,
            entry_id=entry.id,
            language=row.language,
            success=self._written,
            failure=self._failed,
        )

    def new_reply(self) -> NewReplyDialog:
        categories = sorted({entry.category for entry in self.entries.rows})
        dialog = NewReplyDialog(self.entries.languages or ["en"], categories, self)
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.open()
        return dialog

    def _create(self, dialog: NewReplyDialog) -> None:
        key, category, language, text = dialog.values()

        def done(entry_id: int) -> None:
            self._selected = (entry_id, language)  # shown when the library is read again
            self._written()

        self._write(
            create_reply(
                parent=self,
                key=key,
                category=category,
                language=language,
                text=text,
                by=self.state.actor,
                success=done,
            )
        )
