"""The reply palette (Ctrl+Shift+L in the reply box): find a library reply and insert it.

Keyboard first: type words in any language to filter, Up/Down to choose, Enter
to insert, Esc to close. The list shows each reply's variant in the customer's
language with the agent's-language variant beside it; *machine draft* and
*stale* marks say which texts no person has checked against the source.
Replies for what the customer asks (a return, a data request) come first.

Inserting: when replies to this conversation go through translation, the
agent's-language variant goes into the composer and the customer-language
variant becomes the text sent (as if the agent had edited it); otherwise the
customer-language variant goes into the composer.

Drafting: a reply with no text in the customer's language yet stays in the
list; Enter on it drafts that variant offline (the source read on the store
lane, translated on the translation lane with its ``{variables}`` protected,
stored as a *machine draft*), and the draft is then shown, marked, for the
agent to insert with Enter or leave.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.replies import (
    EntryView,
    ReplyContext,
    VariantView,
    render,
    search,
)
from console.ui.common.display_names import language_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.conversation.composer import Composer
from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import TranslationWorker
from console.ui.replies.operations import (
    draft_machine_variant,
    load_reply_context,
)
from translation.translator import Translator

SHORTCUT = "Ctrl+Shift+L"
_ENTRY_ROLE = Qt.ItemDataRole.UserRole


class ReplyPalette(FollowsUiLanguage, QDialog):
    #: The agent chose a reply: (customer-language text, agent-language text), both filled.
    chosen = Signal(str, str)
    #: The library and the conversation's variables arrived (tests wait for it).
    loaded = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        conversation_id: int | None,
        customer_language: str | None,
        agent_language: str,
        facts: Mapping[str, str],
        agent_facts: Mapping[str, str],
        parent: Any = None,
        *,
        drafting: tuple[TranslationWorker, Callable[[], Translator]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replyPalette")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.customer_language = customer_language or agent_language
        self.agent_language = agent_language
        self._facts, self._agent_facts = dict(facts), dict(agent_facts)
        self._context = ReplyContext((), {}, ())
        self._executor, self._conversation_id = executor, conversation_id
        self._drafting = drafting
        self._drafting_entry: int | None = None
        self.filter = QLineEdit(self)
        self.filter.setObjectName("replyPaletteFilter")
        self.filter.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("replyPaletteResults")
        self.results.setWordWrap(True)
        self.beside = QLabel(self)
        self.beside.setObjectName("replyPaletteAgentVariant")
        self.beside.setWordWrap(True)
        self.beside.setProperty("showsData", True)
        set_role(self.beside, "note")
        self.hint = QLabel(self)
        set_role(self.hint, "note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.beside)
        layout.addWidget(self.hint)
        self.resize(640, 420)
        self.filter.textChanged.connect(self._refill)
        self.filter.installEventFilter(self)
        self.filter.returnPressed.connect(self._choose)
        self.results.itemActivated.connect(lambda _item: self._choose())
        self.results.currentItemChanged.connect(lambda *_: self._show_beside())
        executor.changes.changed.connect(self.apply_changes)
        self.ui_language_changed()

        self._load()

    def _load(self) -> None:
        load_reply_context(
            parent=self, conversation_id=self._conversation_id, success=self._arrived
        ).run(self._executor)

    def apply_changes(self, changes: Changes) -> None:
        """The library changed (a draft stored here, or an edit elsewhere): read it again."""
        if changes.reply_library:
            self._load()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Reply library"))
        self.filter.setPlaceholderText(self.tr("Find a reply: type words in any language"))
        self.hint.setText(
            self.tr("Enter inserts the reply in %1 · Esc closes").replace(
                "%1", language_name(self.customer_language)
            )
        )
        self._refill()

    # -- data ------------------------------------------------------------------------

    def _arrived(self, context: ReplyContext) -> None:
        chosen = self._drafting_entry
        self._context = context
        self._refill()
        if chosen is not None:
            self._drafting_entry = None
            self._select_entry(chosen)
        self.loaded.emit()

    def _select_entry(self, entry_id: int) -> None:
        for row in range(self.results.count()):
            if self.results.item(row).data(_ENTRY_ROLE) == entry_id:
                self.results.setCurrentRow(row)
                return

    def _ordered(self) -> list[EntryView]:
        found = search(self._context.entries, self.filter.text())
        first = [e for c in self._context.suggested for e in found if e.category == c]
        return first + [e for e in found if e not in first]

    def _customer_variant(self, entry: EntryView) -> VariantView | None:
        return entry.variant(self.customer_language)

    def _refill(self) -> None:
        self.results.clear()
        for entry in self._ordered():
            variant = self._customer_variant(entry)
            item = QListWidgetItem(self._label(entry, variant))
            item.setData(_ENTRY_ROLE, entry.id)
            if variant is None and self._drafting is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.results.addItem(item)
        for row in range(self.results.count()):
            if self.results.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.results.setCurrentRow(row)
                break
        self._show_beside()

    def _marks(self, variant: VariantView) -> str:
        marks = []
        if variant.machine_draft:
            marks.append(self.tr("machine draft"))
        if variant.stale:
            marks.append(self.tr("stale: the source changed"))
        return f" [{', '.join(marks)}]" if marks else ""

    def _label(self, entry: EntryView, variant: VariantView | None) -> str:
        suggested = entry.category in self._context.suggested
        head = (self.tr("Suggested: ") if suggested else "") + entry.title
        if variant is None:
            language = language_name(self.customer_language)
            if self._drafting is None:
                missing = self.tr("no text in %1 yet").replace("%1", language)
            else:
                missing = self.tr(
                    "no text in %1 yet: Enter drafts it by machine translation"
                ).replace("%1", language)
            return f"{head}\n{missing}"
        return f"{head}{self._marks(variant)}\n{self._fill(variant.text, self._facts)}"

    def _fill(self, text: str, facts: Mapping[str, str]) -> str:
        return render(text, {**self._context.variables, **facts})

    def current_entry(self) -> EntryView | None:
        # None when the list is empty (PySide's stubs say otherwise).
        item: QListWidgetItem | None = self.results.currentItem()
        if item is None:
            return None
        entry_id = item.data(_ENTRY_ROLE)
        return next((e for e in self._context.entries if e.id == entry_id), None)

    def _agent_variant(self, entry: EntryView) -> VariantView | None:
        return entry.variant(self.agent_language)

    def _show_beside(self) -> None:
        entry = self.current_entry()
        variant = self._agent_variant(entry) if entry is not None else None
        if entry is None or variant is None or self.agent_language == self.customer_language:
            self.beside.clear()
            return
        self.beside.setText(
            self.tr("In %1: ").replace("%1", language_name(self.agent_language))
            + self._fill(variant.text, self._agent_facts)
            + self._marks(variant)
        )

    # -- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        row = self.results.currentRow() + step
        while 0 <= row < self.results.count():
            if self.results.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.results.setCurrentRow(row)
                return
            row += step

    def _choose(self) -> None:
        entry = self.current_entry()
        variant = self._customer_variant(entry) if entry is not None else None
        if entry is not None and variant is None:
            self.draft(entry)
            return
        if entry is None or variant is None:
            return
        agent = self._agent_variant(entry)
        customer_text = self._fill(variant.text, self._facts)
        agent_text = self._fill(agent.text, self._agent_facts) if agent is not None else ""
        self.chosen.emit(customer_text, agent_text)
        self.accept()

    # -- drafting a missing variant ----------------------------------------------------

    def draft(self, entry: EntryView) -> None:
        """Draft *entry* in the customer's language; then show it, marked, to insert or not."""
        if self._drafting is None or self._drafting_entry is not None:
            return
        self._drafting_entry = entry.id
        self.hint.setText(
            self.tr("Drafting in %1…").replace("%1", language_name(self.customer_language))
        )
        worker, translator = self._drafting
        draft_machine_variant(
            parent=self,
            lanes=(self._executor, worker),
            translator=translator,
            entry_id=entry.id,
            language=self.customer_language,
            success=self._drafted,
            failure=self._failed,
        )

    def _drafted(self, _none: None) -> None:
        self.ui_language_changed()  # the hint again; the list is read again from the change bus

    def _failed(self, exc: Exception) -> None:
        self._drafting_entry = None
        self.hint.setText(error_text(exc))


def insert_reply(
    composer: Composer,
    panel: ReplyTranslationPanel | None,
    customer_text: str,
    agent_text: str,
) -> None:
    """Put a chosen library reply into the reply being written (see the module text)."""
    editor = composer.editor
    if panel is not None and panel.active:
        before = panel.outgoing_text() if editor.toPlainText().strip() else None
        editor.insertPlainText(agent_text or customer_text)
        outgoing = f"{before}\n{customer_text}" if before else customer_text
        panel.restore(outgoing)
    else:
        editor.insertPlainText(customer_text)
    editor.setFocus()


def open_reply_palette(
    executor: StoreExecutor,
    composer: Composer,
    panel: ReplyTranslationPanel | None,
    conversation_id: int | None,
    customer_language: str | None,
    agent_language: str,
    parent: QWidget,
    drafting: tuple[TranslationWorker, Callable[[], Translator]] | None = None,
) -> ReplyPalette | None:
    """Open the palette for the conversation in view (None when there is nothing to reply to)."""
    if conversation_id is None or not composer.editor.isEnabled():
        return None
    palette = ReplyPalette(
        executor,
        conversation_id,
        customer_language,
        agent_language,
        composer.facts(),
        composer.agent_facts(),
        parent,
        drafting=drafting,
    )
    palette.chosen.connect(lambda customer, agent: insert_reply(composer, panel, customer, agent))
    palette.show()
    palette.activateWindow()
    palette.filter.setFocus()
    return palette


__all__: Sequence[str] = ("SHORTCUT", "ReplyPalette", "insert_reply", "open_reply_palette")
