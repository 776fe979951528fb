"""A reply that crossed another agent's: held, their reply shown first, then send anyway or discard.

The check itself is the core's (:func:`console.inbox.collisions.check_reply_not_crossed`,
in the transaction that would store the reply); the controller reloads the thread
so their reply is in view, and :class:`CrossedReplyGuard` asks what to do:

* *Send anyway* sends the reply as it was, without the check;
* *Discard* empties the reply box (its draft goes with it): nothing is sent;
* closing the question keeps the reply in the box to edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from console.ui.conversation.composer import Composer
from console.ui.conversation.conversation_controller import ConversationController, HeldReply


class CrossedReplyDialog(QMessageBox):
    """Their reply, and *Send anyway* / *Discard*."""

    def __init__(self, held: HeldReply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crossedReplyDialog")
        self.held = held
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Another reply came first"))
        replies = held.crossed.replies
        names = list(dict.fromkeys(reply.author or self.tr("Someone else") for reply in replies))
        self.setText(
            self.tr(
                "%1 replied to this conversation after you opened it. Your reply has not been sent."
            ).replace("%1", ", ".join(names))
        )
        quoted = "\n\n".join(
            self.tr("%1 wrote: “%2”")
            .replace("%1", reply.author or self.tr("Someone else"))
            .replace("%2", reply.text)
            for reply in replies
        )
        self.setInformativeText(
            quoted + "\n\n" + self.tr("Their reply is shown in the conversation. Send yours too?")
        )
        self.send_anyway = self.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        self.send_anyway.setObjectName("crossedSendAnywayButton")
        self.discard = self.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        self.discard.setObjectName("crossedDiscardButton")
        self.setDefaultButton(self.discard)


class CrossedReplyGuard(QObject):
    """Shows :class:`CrossedReplyDialog` (without blocking) for each held reply."""

    #: The agent discarded a held reply (conversation id).
    discarded = Signal(int)

    def __init__(
        self, controller: ConversationController, composer: Composer, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._composer = composer
        self._window = parent
        #: The open question, if any (tests click its buttons).
        self.dialog: CrossedReplyDialog | None = None
        controller.reply_crossed.connect(self.ask)

    def ask(self, held: HeldReply) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = CrossedReplyDialog(held, self._window)
        self.dialog = dialog

        def answered(_result: Any) -> None:
            chosen = dialog.clickedButton()
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            if chosen is dialog.send_anyway:
                if not self._controller.send_anyway(held):  # busy until it is stored
                    self._composer.set_busy(False)
            elif chosen is dialog.discard:
                if held.conversation_id == self._controller.conversation_id:
                    self._composer.sent()  # emptied: the draft goes too
                self.discarded.emit(held.conversation_id)
            else:
                self._composer.set_busy(False)

        dialog.finished.connect(answered)
        dialog.open()
