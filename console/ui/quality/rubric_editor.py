"""The scorecard editor for leads: items in English and Chinese, weights, auto-fail.

Saving stores a new version of the rubric (nothing when unchanged); reviews
already submitted keep the version they were scored against. The lead saving is the
AppState's person; store work is console/ui/quality/operations.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.quality import ItemSpec, RubricView
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.quality.operations import load_scorecard, save_scorecard

Index = QModelIndex | QPersistentModelIndex
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class EditedItem:
    key: str
    section: dict[str, str]
    names: dict[str, str]
    weight: float
    auto_fail: bool


class RubricItemsModel(QAbstractTableModel):
    """Editable items: section and wording per language, weight, auto-fail (a check box)."""

    SECTION_EN, SECTION_ZH, NAME_EN, NAME_ZH, WEIGHT, AUTO_FAIL = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[EditedItem] = []

    def set_rubric(self, rubric: RubricView) -> None:
        self.beginResetModel()
        self.items = [
            EditedItem(i.key, dict(i.section), dict(i.names), i.weight, i.auto_fail)
            for i in rubric.items
        ]
        self.endResetModel()

    def specs(self) -> list[ItemSpec]:
        return [ItemSpec(i.key, i.section, i.names, i.weight, i.auto_fail) for i in self.items]

    def add_item(self, after: int) -> int:
        row = min(max(after + 1, 0), len(self.items))
        section = dict(self.items[row - 1].section) if row > 0 else {}
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.insert(row, EditedItem("", section, {}, 1.0, False))
        self.endInsertRows()
        return row

    def remove_item(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Section (English)"),
            self.tr("Section (Chinese)"),
            self.tr("Item (English)"),
            self.tr("Item (Chinese)"),
            self.tr("Weight"),
            self.tr("Auto-fail"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.AUTO_FAIL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.WEIGHT and self.items[index.row()].auto_fail:
            return base  # auto-fail items weigh nothing
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, column = self.items[index.row()], index.column()
        if column == self.AUTO_FAIL:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if item.auto_fail else Qt.CheckState.Unchecked
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == self.WEIGHT:
            return "" if item.auto_fail else item.weight
        texts = item.section if column in (self.SECTION_EN, self.SECTION_ZH) else item.names
        return texts.get(LANGUAGES[column % 2], "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        item = self.items[row]
        if column == self.AUTO_FAIL and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.items[row] = replace(item, auto_fail=checked, weight=0.0 if checked else 1.0)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == self.WEIGHT:
            try:
                weight = float(str(value).replace(",", "."))
            except ValueError:
                return False
            self.items[row] = replace(item, weight=weight)
        elif column in (self.SECTION_EN, self.SECTION_ZH):
            section = {**item.section, LANGUAGES[column % 2]: str(value)}
            self.items[row] = replace(item, section=section)
        else:
            names = {**item.names, LANGUAGES[column % 2]: str(value)}
            self.items[row] = replace(item, names=names)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.AUTO_FAIL))
        return True


class RubricEditor(FollowsUiLanguage, QWidget):
    """Edit the default scorecard; Save makes its next version."""

    saved = Signal(object)  # the RubricView now current
    loaded = Signal()

    def __init__(
        self, executor: StoreExecutor, parent: Any = None, *, state: AppState | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qualityRubricEditor")
        self._executor = executor
        #: Who is working (a lead may save).
        self.state = state or AppState(self)
        self.rubric: RubricView | None = None
        self.model = RubricItemsModel(self)
        self.version_label = QLabel(self)
        self.version_label.setObjectName("qualityRubricVersion")
        self.table = QTableView(self)
        self.table.setObjectName("qualityRubricItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (RubricItemsModel.NAME_EN, RubricItemsModel.NAME_ZH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("qualityRubricAdd")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("qualityRubricRemove")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("qualityRubricSave")
        self.message = QLabel(self)
        self.message.setObjectName("qualityRubricMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("showsData", True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self.save)
        self.ui_language_changed()

    def set_can_edit(self, can_edit: bool) -> None:
        for widget in (self.add_button, self.remove_button, self.save_button):
            widget.setEnabled(can_edit)
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setEditTriggers(
            triggers if can_edit else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def reload(self) -> None:
        load_scorecard(parent=self, success=self._show).run(self._executor)

    def _show(self, rubric: RubricView) -> None:
        self.rubric = rubric
        self.model.set_rubric(rubric)
        self.ui_language_changed()
        self.loaded.emit()

    def _add(self) -> None:
        row = self.model.add_item(self.table.currentIndex().row())
        self.table.setCurrentIndex(self.model.index(row, RubricItemsModel.NAME_EN))

    def _remove(self) -> None:
        self.model.remove_item(self.table.currentIndex().row())

    def save(self) -> None:
        previous = self.rubric.version_id if self.rubric is not None else None

        def done(rubric: RubricView) -> None:
            self._show(rubric)
            if rubric.version_id == previous:
                self.message.setText(self.tr("Nothing changed; the scorecard stays as it is."))
            else:
                self.message.setText(
                    self.tr("Saved as version %1; earlier reviews keep their version.").replace(
                        "%1", str(rubric.version)
                    )
                )
            self.saved.emit(rubric)

        save_scorecard(
            parent=self,
            items=self.model.specs(),
            agent_id=self.state.person_id,
            previous_version_id=previous,
            success=done,
        ).failure(lambda e: self.message.setText(error_text(e))).run(self._executor)

    def ui_language_changed(self) -> None:
        if self.rubric is not None:
            self.version_label.setText(
                self.tr("Scorecard version %1").replace("%1", str(self.rubric.version))
            )
        self.add_button.setText(self.tr("&Add item"))
        self.remove_button.setText(self.tr("&Remove item"))
        self.save_button.setText(self.tr("&Save as new version"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
