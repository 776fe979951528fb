"""Table models of the routing rules editor: capacities, keyword rules, queues, VIPs.

Editable cells do not write: they emit what the lead asked for (with the version the
lead saw), and the window runs the operation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from console.routing import CapacityView, QueueView, RuleView, VipView
from console.ui.common.display_names import role_name
from console.ui.common.rows_model import READ_ONLY, RowsTableModel

Index = QModelIndex | QPersistentModelIndex
_EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable
_CHECKABLE = READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable


class CapacityModel(RowsTableModel[CapacityView]):
    """Person, role, vendor, capacity (editable by leads)."""

    COLUMNS = 4
    #: (agent id, capacity, version read)
    capacity_edited = Signal(int, int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = False

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Person"), self.tr("Role"), self.tr("Vendor"), self.tr("Capacity"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        column = index.column()
        if column == 0:
            return row.name
        if column == 1:
            return role_name(row.role)
        if column == 2:
            return row.vendor or self.tr("in-house")
        return row.capacity

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE if self.editable and index.column() == 3 else READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None or index.column() != 3 or role != Qt.ItemDataRole.EditRole:
            return False
        if int(value) != row.capacity:
            self.capacity_edited.emit(row.agent_id, int(value), row.version)
        return True


class KeywordRulesModel(RowsTableModel[RuleView]):
    """Kind, language, keywords (editable), on/off (checkable)."""

    COLUMNS = 3
    #: (kind, language, keywords text, enabled, version read)
    rule_edited = Signal(str, str, str, bool, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = False

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Rule"), self.tr("Language"), self.tr("Keywords"))

    def kind_name(self, kind: str) -> str:
        return self.tr("Chargeback threat") if kind == "chargeback" else self.tr("Complaint")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row.enabled else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == 0:
            return self.kind_name(row.kind)
        if column == 1:
            return row.language
        return ", ".join(row.keywords)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return READ_ONLY
        if index.column() == 0:
            return _CHECKABLE
        return _EDITABLE if index.column() == 2 else READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None:
            return False
        words = ", ".join(row.keywords)
        if index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            enabled = Qt.CheckState(value) == Qt.CheckState.Checked
            self.rule_edited.emit(row.kind, row.language, words, enabled, row.version)
            return True
        if index.column() == 2 and role == Qt.ItemDataRole.EditRole:
            if str(value) != words:
                self.rule_edited.emit(row.kind, row.language, str(value), row.enabled, row.version)
            return True
        return False


class QueuesModel(RowsTableModel[QueueView]):
    """Queue, whether routing assigns its conversations (checkable), and the vendor whose
    people work it (editable text; empty: in-house). The escalation queue stays in-house."""

    COLUMNS = 3
    #: (queue id, routes by itself, version read)
    mode_edited = Signal(int, bool, int)
    #: (queue id, vendor typed (blank: in-house), version read)
    vendor_edited = Signal(int, str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = False

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Queue"), self.tr("Routed automatically"), self.tr("Vendor"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        if index.column() == 1:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.auto_assign else Qt.CheckState.Unchecked
            return None
        if index.column() == 2:
            if role == Qt.ItemDataRole.EditRole:
                return row.vendor or ""
            if role == Qt.ItemDataRole.DisplayRole:
                return row.vendor or self.tr("in-house")
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if row.escalation:
            return self.tr("Escalation (in-house)")
        return f"{row.market_code} · {row.market_name}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return READ_ONLY
        if index.column() == 1:
            return _CHECKABLE
        row = self.row_at(index.row())
        if index.column() == 2 and row is not None and not row.escalation:
            return _EDITABLE
        return READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None:
            return False
        if index.column() == 1 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.mode_edited.emit(row.id, checked, row.version)
            return True
        if index.column() == 2 and role == Qt.ItemDataRole.EditRole:
            typed = str(value or "").strip()
            if typed != (row.vendor or ""):
                self.vendor_edited.emit(row.id, typed, row.version)
            return True
        return False


class VipModel(RowsTableModel[VipView]):
    COLUMNS = 2

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Customer"), self.tr("Writes from"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row.name if index.column() == 0 else ", ".join(row.addresses)
