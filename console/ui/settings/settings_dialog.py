"""Settings: the UI language and who is working at this console."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
)

from console.ui.settings.ui_language import SYSTEM

#: Each language is offered in its own name, as is the convention.
LANGUAGE_NATIVE_NAMES = (("en", "English"), ("zh_CN", "简体中文"))


class SettingsDialog(QDialog):
    def __init__(
        self,
        *,
        language: str,
        agents: list[tuple[int, str]],
        agent_id: int | None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("System default"), SYSTEM)
        for code, name in LANGUAGE_NATIVE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.agent = QComboBox(self)
        self.agent.setObjectName("agentChoice")
        self.agent.setProperty("showsData", True)  # agent names are data
        for agent, name in agents:
            self.agent.addItem(name, agent)
        if agent_id is not None:
            self.agent.setCurrentIndex(max(self.agent.findData(agent_id), 0))
        self.undo_seconds = QSpinBox(self)
        self.undo_seconds.setObjectName("undoSecondsChoice")
        self.undo_seconds.setRange(0, 30)
        self.undo_seconds.setValue(5)
        self.undo_seconds.setSuffix(self.tr(" s"))
        self.undo_seconds.setSpecialValueText(self.tr("No undo"))
        self.undo_seconds.setToolTip(
            self.tr("How long a sent reply waits in the outbox, so that you can undo it")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Interface language"), self), self.language)
        form.addRow(QLabel(self.tr("Signed in as"), self), self.agent)
        form.addRow(QLabel(self.tr("Undo send for"), self), self.undo_seconds)
        form.addRow(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_agent(self) -> int | None:
        value = self.agent.currentData()
        return int(value) if value is not None else None
