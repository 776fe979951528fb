"""Import preview for CSV/JSON exports: choose which column is what, see the rows as read.

Each field of the documented mapping (:mod:`console.channels.mapping`) gets
a choice of the file's columns; the table shows the first rows as the import
would store them, or the reason it would quarantine them. The mapping is
saved per source (by file path) and used by later imports of that file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from console.channels.admin import TablePreview
from console.channels.mapping import FIELDS, ColumnMapping
from console.problems import Problem
from console.ui.app_state import AppState
from console.ui.channels.channel_models import MappingPreviewModel, field_title
from console.ui.channels.operations import preview_columns, save_column_mapping
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.lanes.store_executor import StoreExecutor

NOT_MAPPED = ""


def _titled(found: Problem) -> Problem:
    """``found`` with its ``fields`` (mapping field names) in the words the choices show."""
    values = found.values
    if "fields" not in values:
        return found
    titles = ", ".join(field_title(name.strip()) for name in values["fields"].split(","))
    return Problem(found.code, tuple(sorted({**values, "fields": titles}.items())))


class MappingPreviewDialog(FollowsUiLanguage, QDialog):
    #: The mapping was saved for this source.
    mapping_saved = Signal(object)
    #: A preview arrived (for tests and the status line).
    previewed = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        path: Path,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mappingPreviewDialog")
        self._executor = executor
        self._path = path
        #: Who is working: a saved mapping is recorded for them.
        self.state = state or AppState(self)
        self._mapping: ColumnMapping | None = None
        self._headers: tuple[str, ...] = ()
        self._updating = False
        self.model = MappingPreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("mappingPreviewTable")
        self.table.setModel(self.model)
        self.file_label = QLabel(str(path), self)
        self.file_label.setProperty("showsData", True)
        self.choices: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"mapping_{name}")
            combo.setProperty("showsData", True)
            combo.currentIndexChanged.connect(self._choice_changed)
            label = QLabel(self)
            self.choices[name] = combo
            self._labels[name] = label
            form.addRow(label, combo)
        self.channel = QComboBox(self)
        self.channel.setObjectName("mappingChannel")
        self.channel.addItem("", "marketplace")
        self.channel.addItem("", "chat")
        self.channel.currentIndexChanged.connect(self._choice_changed)
        self.zone = QLineEdit("UTC", self)
        self.zone.setObjectName("mappingZone")
        self.zone.editingFinished.connect(self._choice_changed)
        self._channel_label, self._zone_label = QLabel(self), QLabel(self)
        form.addRow(self._channel_label, self.channel)
        form.addRow(self._zone_label, self.zone)
        self.status = QLabel(self)
        self.status.setObjectName("mappingStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("showsData", True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("mappingSave")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.ui_language_changed()
        self._load(None, use_saved=True)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Import preview"))
        for name, label in self._labels.items():
            label.setText(field_title(name))
        for combo in self.choices.values():
            if combo.count():
                combo.setItemText(0, self.tr("(not in the file)"))
        self.channel.setItemText(0, self.tr("Marketplace"))
        self.channel.setItemText(1, self.tr("Chat"))
        self._channel_label.setText(self.tr("Channel"))
        self._zone_label.setText(self.tr("Time zone when none is given"))
        self.save_button.setText(self.tr("Save mapping"))

    @property
    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    def _load(self, mapping: ColumnMapping | None, *, use_saved: bool = False) -> None:
        preview_columns(
            parent=self,
            path=self._path,
            mapping=mapping,
            use_saved=use_saved,
            success=self._arrived,
        ).failure(self._failed).run(self._executor)

    def _arrived(self, preview: TablePreview) -> None:
        self._mapping = preview.mapping
        self.model.set_preview(preview)
        if preview.headers != self._headers:
            self._headers = preview.headers
        self._updating = True
        try:
            for name, combo in self.choices.items():
                combo.clear()
                combo.addItem(self.tr("(not in the file)"), NOT_MAPPED)
                for header in preview.headers:
                    combo.addItem(header, header)
                column = preview.mapping.columns.get(name)
                combo.setCurrentIndex(max(combo.findData(column), 0) if column else 0)
            self.channel.setCurrentIndex(max(self.channel.findData(preview.mapping.channel), 0))
            self.zone.setText(preview.mapping.default_time_zone)
        finally:
            self._updating = False
        bad = sum(1 for row in preview.rows if row.problem)
        if preview.problem:
            self.status.setText(problem_text(_titled(preview.problem)))
        elif bad:
            self.status.setText(self.tr("%n of the first rows would be quarantined", "", bad))
        else:
            self.status.setText(self.tr("The first rows import cleanly."))
        self.save_button.setEnabled(preview.problem is None)
        self.previewed.emit()

    def _failed(self, exc: Exception) -> None:
        self.model.set_preview(None)
        self.save_button.setEnabled(False)
        self.status.setText(error_text(exc))
        self.previewed.emit()

    def _choice_changed(self) -> None:
        if self._updating or self._mapping is None:
            return
        columns = {
            name: str(combo.currentData())
            for name, combo in self.choices.items()
            if combo.currentData()
        }
        mapping = replace(
            self._mapping,
            columns=columns,
            channel=str(self.channel.currentData()),
            default_time_zone=self.zone.text().strip() or "UTC",
        )
        self._load(mapping)

    def save(self) -> None:
        mapping = self._mapping
        if mapping is None:
            return

        def done(_id: int) -> None:
            self.status.setText(self.tr("Mapping saved for this file."))
            self.mapping_saved.emit(mapping)

        save_column_mapping(
            parent=self, path=self._path, mapping=mapping, actor=self.state.actor, success=done
        ).failure(self._failed).run(self._executor)
