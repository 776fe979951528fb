"""Ask before a reply goes out in a language the customer may not read.

When a reply cannot be put into the customer's language (no translation model,
an engine error, or the engine lost protected text such as an order number),
sending stops and a dialog names the language that would go out. The default
button keeps the agent editing; "send anyway" sends the agent's own text,
labelled with the agent's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from console.ui.common.display_names import language_name
from console.ui.conversation.reply_translation import ReplyTranslationPanel, reason_text

NO_TRANSLATION, LOST_TEXT = "no_translation", "lost_text"


@dataclass(frozen=True)
class SendCheck:
    """Why a reply cannot go out in the customer's language."""

    kind: str  # NO_TRANSLATION | LOST_TEXT
    detail: str  # the engine's reason, or the lost pieces (data, shown as is)
    agent_language: str
    customer_language: str


def check_reply(panel: ReplyTranslationPanel | None) -> SendCheck | None:
    """What stops the reply in ``panel`` from going out in the customer's language, if anything.

    Only the machine's own result is questioned: text the agent wrote or edited in
    the customer's language goes out as they wrote it.
    """
    if panel is None or not panel.active or panel.customer_language is None:
        return None
    draft, outgoing = panel.draft, panel.outgoing_text()
    if draft is None or outgoing is None:
        return None
    if draft.problem and outgoing == draft.source_text:
        return SendCheck(
            NO_TRANSLATION,
            reason_text(draft.problem),
            panel.agent_language,
            panel.customer_language,
        )
    if draft.lost and outgoing == draft.text:
        return SendCheck(
            LOST_TEXT, ", ".join(draft.lost), panel.agent_language, panel.customer_language
        )
    return None


def reply_language(panel: ReplyTranslationPanel | None) -> str | None:
    """The language a reply that passed :func:`check_reply` goes out in (None: unknown)."""
    if panel is None:
        return None
    return panel.customer_language or panel.agent_language


class SendGuardDialog(QMessageBox):
    """Send in the agent's language anyway, or keep editing (the default)."""

    def __init__(self, check: SendCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendGuardDialog")
        self.check = check
        self.setIcon(QMessageBox.Icon.Warning)
        agent, customer = (
            language_name(check.agent_language),
            language_name(check.customer_language),
        )
        self.setWindowTitle(self.tr("Reply not translated"))
        if check.kind == LOST_TEXT:
            self.setText(
                self.tr(
                    "The translation into %1 lost some of the protected text (order numbers, "
                    "links, prices). Nothing has been sent."
                ).replace("%1", customer)
            )
            detail = self.tr("Lost: %1").replace("%1", check.detail)
        else:
            self.setText(
                self.tr("This reply cannot be put into %1. Nothing has been sent.").replace(
                    "%1", customer
                )
            )
            detail = check.detail
        self.setInformativeText(
            self.tr("If you send it now, it goes out in %1, as you wrote it.").replace("%1", agent)
            + "\n\n"
            + detail
        )
        self.send_anyway = self.addButton(
            self.tr("Send in %1 anyway").replace("%1", agent), QMessageBox.ButtonRole.AcceptRole
        )
        self.send_anyway.setObjectName("sendAnywayButton")
        self.keep_editing = self.addButton(
            self.tr("Cancel, keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        self.keep_editing.setObjectName("keepEditingButton")
        self.setDefaultButton(self.keep_editing)
        self.setEscapeButton(self.keep_editing)


class SendGuard:
    """Shows :class:`SendGuardDialog` without blocking and calls back with the answer."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        #: The open question, if any (tests click its buttons).
        self.dialog: SendGuardDialog | None = None

    def ask(
        self,
        check: SendCheck,
        send_anyway: Callable[[], None],
        keep_editing: Callable[[], None],
    ) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = SendGuardDialog(check, self._parent)
        self.dialog = dialog

        def answered(_result: Any) -> None:
            chosen = dialog.clickedButton()
            self.dialog = None
            dialog.deleteLater()
            if chosen is dialog.send_anyway:
                send_anyway()
            else:
                keep_editing()

        dialog.finished.connect(answered)
        dialog.open()
