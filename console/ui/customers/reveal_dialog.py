"""*Reveal…*: which masked value to show, and why (the reason is required and audited).

The dialog only asks; the customer panel runs the reveal on the store lane
(console/ui/customers/operations.py: ``reveal_customer_value``) and shows the
value in place. *Reveal* stays disabled while the reason is empty; a refusal
from the store (no reason, a role that may not, a value not there) is shown
here and nothing is revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from console.privacy.reveal import ADDRESS, NAME, REASON_CHARS
from console.store.models import ChannelKind
from console.ui.common.display_names import channel_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role


@dataclass(frozen=True)
class RevealChoice:
    """One masked value on the card: its field, identity (if any) and how it reads masked."""

    field: str
    shown: str
    identity_id: int | None = None
    kind: ChannelKind | None = None


class RevealDialog(FollowsUiLanguage, QDialog):
    #: The person asked to reveal: (field, identity id or None, reason).
    reveal_requested = Signal(str, object, str)

    def __init__(self, choices: list[RevealChoice], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealDialog")
        self.choices = choices
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.value = QComboBox(self)
        self.value.setObjectName("revealValue")
        for _choice in choices:
            self.value.addItem("")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("revealReason")
        self.reason.setMaxLength(REASON_CHARS)
        self.message = QLabel(self)
        self.message.setObjectName("revealMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("revealButtons")
        self._captions = [QLabel(self) for _ in range(2)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.value, self.reason), strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._reveal)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        self.ui_language_changed()
        self._update_ok()
        self.reason.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Reveal a masked value"))
        self.intro.setText(
            self.tr(
                "The value is shown until you open another conversation. Your reason and "
                "which value you saw are recorded in the audit log; the value is not."
            )
        )
        self._captions[0].setText(self.tr("&Value"))
        self._captions[1].setText(self.tr("&Reason"))
        self.reason.setPlaceholderText(self.tr("Why do you need to see it?"))
        self.ok_button.setText(self.tr("Reveal"))
        for index, choice in enumerate(self.choices):
            self.value.setItemText(index, f"{self._caption(choice)}: {choice.shown}")

    def _caption(self, choice: RevealChoice) -> str:
        if choice.field == NAME:
            return self.tr("Name")
        if choice.field == ADDRESS:
            return self.tr("Address")
        return channel_name(choice.kind) if choice.kind is not None else self.tr("Channel")

    def chosen(self) -> RevealChoice | None:
        index = self.value.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason.text().strip()) and bool(self.choices))

    def _reveal(self) -> None:
        choice = self.chosen()
        if choice is None or not self.reason.text().strip():
            return  # Enter with no reason: nothing is asked for
        self.message.hide()
        self.buttons.setEnabled(False)
        self.reveal_requested.emit(choice.field, choice.identity_id, self.reason.text())

    def refused(self, text: str) -> None:
        """The store refused: say why and let the person correct the reason."""
        self.buttons.setEnabled(True)
        self._update_ok()
        self.message.setText(text)
        self.message.show()
