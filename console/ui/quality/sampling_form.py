"""Sampling settings for leads: a count or a share per agent and week, and the heavier weights.

Saved by the AppState's person (a lead) through console/ui/quality/operations.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.quality import COUNT, SHARE, SamplingSettings
from console.quality.sampling import MAX_COUNT, MAX_FACTOR
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.quality.operations import load_sampling, save_sampling


class SamplingForm(FollowsUiLanguage, QWidget):
    saved = Signal(object)  # SamplingSettings
    loaded = Signal()

    def __init__(
        self, executor: StoreExecutor, parent: Any = None, *, state: AppState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualitySampling")
        self._executor = executor
        #: Who is working (a lead may save).
        self.state = state or AppState(self)
        self.mode = QComboBox(self)
        self.mode.setObjectName("qualitySamplingMode")
        self.mode.addItem("", COUNT)
        self.mode.addItem("", SHARE)
        self.count = QSpinBox(self)
        self.count.setObjectName("qualitySamplingCount")
        self.count.setRange(0, MAX_COUNT)
        self.share = self._percent("qualitySamplingShare")
        self.newcomer_factor = self._factor("qualityNewcomerFactor")
        self.temporary_factor = self._factor("qualityTemporaryFactor")
        self.newcomer_days = QSpinBox(self)
        self.newcomer_days.setObjectName("qualityNewcomerDays")
        self.newcomer_days.setRange(0, 365)
        self.calibration = self._percent("qualityCalibrationShare")
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(7)]
        fields = (
            self.mode,
            self.count,
            self.share,
            self.newcomer_factor,
            self.newcomer_days,
            self.temporary_factor,
            self.calibration,
        )
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("qualitySamplingSave")
        self.message = QLabel(self)
        self.message.setObjectName("qualitySamplingMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("showsData", True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.mode.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.save_button.clicked.connect(self.save)
        self.ui_language_changed()
        self._mode_changed()

    def _percent(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(0, 100)
        box.setDecimals(1)
        box.setSuffix(" %")
        return box

    def _factor(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(1, MAX_FACTOR)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setPrefix("× ")
        return box

    def set_can_edit(self, can_edit: bool) -> None:
        for widget in (self.mode, self.count, self.share, self.newcomer_factor):
            widget.setEnabled(can_edit)
        for other in (self.temporary_factor, self.newcomer_days, self.calibration):
            other.setEnabled(can_edit)
        self.save_button.setEnabled(can_edit)
        if can_edit:
            self._mode_changed()

    def _mode_changed(self) -> None:
        by_count = self.mode.currentData() == COUNT
        self.count.setVisible(by_count)
        self.labels[1].setVisible(by_count)
        self.share.setVisible(not by_count)
        self.labels[2].setVisible(not by_count)

    def reload(self) -> None:
        load_sampling(parent=self, success=self._show).run(self._executor)

    def _show(self, settings: SamplingSettings) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.mode)))
        self.count.setValue(settings.count)
        self.share.setValue(100 * settings.share)
        self.newcomer_factor.setValue(settings.newcomer_factor)
        self.temporary_factor.setValue(settings.temporary_factor)
        self.newcomer_days.setValue(settings.newcomer_days)
        self.calibration.setValue(100 * settings.calibration_share)
        self.loaded.emit()

    def settings(self) -> SamplingSettings:
        return SamplingSettings(
            mode=str(self.mode.currentData()),
            count=self.count.value(),
            share=round(self.share.value() / 100, 4),
            newcomer_factor=self.newcomer_factor.value(),
            temporary_factor=self.temporary_factor.value(),
            newcomer_days=self.newcomer_days.value(),
            calibration_share=round(self.calibration.value() / 100, 4),
        )

    def save(self) -> None:
        def done(saved: SamplingSettings) -> None:
            self.message.setText(self.tr("Saved; the next weeks are sampled this way."))
            self.saved.emit(saved)

        save_sampling(
            parent=self, settings=self.settings(), agent_id=self.state.person_id, success=done
        ).failure(lambda e: self.message.setText(error_text(e))).run(self._executor)

    def ui_language_changed(self) -> None:
        self.mode.setItemText(0, self.tr("A number of conversations"))
        self.mode.setItemText(1, self.tr("A share of their conversations"))
        texts = (
            self.tr("Per agent and &week:"),
            self.tr("&Conversations:"),
            self.tr("S&hare:"),
            self.tr("&Newcomers (first days) count:"),
            self.tr("First &days:"),
            self.tr("&Temporary agents count:"),
            self.tr("Also scored by a second reviewer (&calibration):"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.save_button.setText(self.tr("&Save sampling"))
