"""Team → Routing rules…: capacity per person, escalation rules, the queues' modes and
their vendors.

Leads and administrators change them; everyone else reads them. Each change is saved at
once (on the store lane, audited) against the version shown; a change someone else made
meanwhile is refused with a message and the rules are read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.routing import RoutingSettings, parse_keywords
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.routing import operations
from console.ui.routing.routing_models import (
    CapacityModel,
    KeywordRulesModel,
    QueuesModel,
    VipModel,
)


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().hide()
    return view


class RoutingRulesWindow(FollowsUiLanguage, QDialog):
    def __init__(self, executor: StoreExecutor, *, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingRulesWindow")
        self._executor = executor
        self.state = state
        self.settings: RoutingSettings | None = None
        self.capacities = CapacityModel(self)
        self.rules = KeywordRulesModel(self)
        self.queues = QueuesModel(self)
        self.vips = VipModel(self)

        self.tabs = QTabWidget(self)
        capacity_page = QWidget(self.tabs)
        self.capacity_note = QLabel(capacity_page)
        self.capacity_note.setWordWrap(True)
        set_role(self.capacity_note, "note")
        self.capacity_view = _table(capacity_page, self.capacities, "capacityTable")
        capacity_layout = QVBoxLayout(capacity_page)
        capacity_layout.addWidget(self.capacity_note)
        capacity_layout.addWidget(self.capacity_view, 1)

        escalation_page = QWidget(self.tabs)
        self.vip_rule = QCheckBox(escalation_page)
        self.vip_rule.setObjectName("vipRule")
        self.rules_view = _table(escalation_page, self.rules, "keywordRules")
        self.new_kind = QComboBox(escalation_page)
        self.new_kind.setObjectName("newRuleKind")
        self.new_language = QLineEdit(escalation_page)
        self.new_language.setObjectName("newRuleLanguage")
        self.new_language.setMaxLength(3)
        self.new_keywords = QLineEdit(escalation_page)
        self.new_keywords.setObjectName("newRuleKeywords")
        self.add_rule = QPushButton(escalation_page)
        self.add_rule.setObjectName("addRule")
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_kind)
        new_row.addWidget(self.new_language)
        new_row.addWidget(self.new_keywords, 1)
        new_row.addWidget(self.add_rule)
        self.vip_view = _table(escalation_page, self.vips, "vipTable")
        self.vip_address = QLineEdit(escalation_page)
        self.vip_address.setObjectName("vipAddress")
        self.add_vip = QPushButton(escalation_page)
        self.add_vip.setObjectName("addVip")
        self.remove_vip = QPushButton(escalation_page)
        self.remove_vip.setObjectName("removeVip")
        vip_row = QHBoxLayout()
        vip_row.addWidget(self.vip_address, 1)
        vip_row.addWidget(self.add_vip)
        vip_row.addWidget(self.remove_vip)
        escalation_layout = QVBoxLayout(escalation_page)
        escalation_layout.addWidget(self.vip_rule)
        escalation_layout.addWidget(self.rules_view, 2)
        escalation_layout.addLayout(new_row)
        escalation_layout.addWidget(self.vip_view, 1)
        escalation_layout.addLayout(vip_row)

        queues_page = QWidget(self.tabs)
        self.queues_view = _table(queues_page, self.queues, "queuesTable")
        queues_layout = QVBoxLayout(queues_page)
        queues_layout.addWidget(self.queues_view)

        self.tabs.addTab(capacity_page, "")
        self.tabs.addTab(escalation_page, "")
        self.tabs.addTab(queues_page, "")
        self.message = QLabel(self)
        self.message.setObjectName("routingMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self.capacities.capacity_edited.connect(self._capacity_edited)
        self.rules.rule_edited.connect(self._rule_edited)
        self.queues.mode_edited.connect(self._mode_edited)
        self.queues.vendor_edited.connect(self._vendor_edited)
        self.vip_rule.clicked.connect(self._vip_rule_clicked)
        self.add_rule.clicked.connect(self._add_rule)
        self.add_vip.clicked.connect(self._add_vip)
        self.remove_vip.clicked.connect(self._remove_vip)
        executor.changes.changed.connect(self._on_changes)
        state.person_changed.connect(lambda _person: self.reload())
        self.resize(760, 560)
        self.ui_language_changed()
        self.reload()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Routing rules"))
        self.tabs.setTabText(0, self.tr("Capacity"))
        self.tabs.setTabText(1, self.tr("Escalation"))
        self.tabs.setTabText(2, self.tr("Queues"))
        self.vip_rule.setText(self.tr("VIP customers go to the escalation queue"))
        self.new_kind.clear()
        self.new_kind.addItem(self.tr("Complaint"), "complaint")
        self.new_kind.addItem(self.tr("Chargeback threat"), "chargeback")
        self.new_language.setPlaceholderText(self.tr("language, e.g. ko"))
        self.new_keywords.setPlaceholderText(self.tr("keywords, separated by commas"))
        self.add_rule.setText(self.tr("Add keywords"))
        self.vip_address.setPlaceholderText(self.tr("the VIP customer's e-mail, phone or handle"))
        self.add_vip.setText(self.tr("Add VIP"))
        self.remove_vip.setText(self.tr("Remove VIP"))
        for model in (self.capacities, self.rules, self.queues, self.vips):
            model.ui_language_changed()
        self._show_note()

    def _show_note(self) -> None:
        default = self.settings.default_capacity if self.settings else 0
        text = self.tr(
            "The most open conversations routing gives each person (%1 unless set). "
            "Double-click a capacity to change it."
        ).replace("%1", str(default))
        if self.settings is not None and not self.settings.can_edit:
            text = self.tr("Only team leads and administrators may change routing rules.")
        self.capacity_note.setText(text)

    # -- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        operations.load_routing_settings(
            parent=self, person_id=self.state.person_id, success=self._arrived
        ).failure(self._failed).run(self._executor)

    def _arrived(self, settings: RoutingSettings) -> None:
        self.settings = settings
        editable = settings.can_edit
        for model in (self.capacities, self.rules, self.queues):
            model.editable = editable
        self.capacities.set_rows(settings.capacities)
        self.rules.set_rows([r for r in settings.rules if r.kind != "vip"])
        self.queues.set_rows(settings.queues)
        self.vips.set_rows(settings.vips)
        vip = next((r for r in settings.rules if r.kind == "vip"), None)
        self.vip_rule.setChecked(vip is not None and vip.enabled)
        for widget in (
            self.vip_rule, self.new_kind, self.new_language, self.new_keywords, self.add_rule,
            self.vip_address, self.add_vip, self.remove_vip,
        ):  # fmt: skip
            widget.setEnabled(editable)
        self._show_note()

    def _on_changes(self, changes: Changes) -> None:
        if changes.routing or changes.people:
            self.reload()

    # -- writing -------------------------------------------------------------------------------

    def _saved(self, _value: object) -> None:
        self.message.setText(self.tr("Saved."))

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
        self.reload()  # show the rules as they are now

    def _capacity_edited(self, agent_id: int, capacity: int, version: int) -> None:
        operations.set_capacity(
            parent=self, agent_id=agent_id, capacity=capacity, version=version,
            editor_id=self.state.person_id, actor=self.state.actor, success=self._saved,
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _rule_edited(
        self, kind: str, language: str, words: str, enabled: bool, version: int
    ) -> None:
        try:
            keywords = parse_keywords(words)
        except Exception as exc:  # a ProblemError: worded below
            self._failed(exc)
            return
        operations.save_rule(
            parent=self, kind=kind, language=language, keywords=keywords, enabled=enabled,
            version=version, editor_id=self.state.person_id, actor=self.state.actor,
            success=self._saved,
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _mode_edited(self, queue_id: int, auto_assign: bool, version: int) -> None:
        operations.set_queue_mode(
            parent=self, queue_id=queue_id, auto_assign=auto_assign, version=version,
            editor_id=self.state.person_id, actor=self.state.actor, success=self._saved,
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _vendor_edited(self, queue_id: int, vendor: str, version: int) -> None:
        operations.set_queue_vendor(
            parent=self, queue_id=queue_id, vendor=vendor, version=version,
            editor_id=self.state.person_id, actor=self.state.actor, success=self._saved,
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _vip_rule_clicked(self, checked: bool) -> None:
        vip = (
            next((r for r in self.settings.rules if r.kind == "vip"), None)
            if self.settings
            else None
        )
        self._rule_edited("vip", "", "", checked, vip.version if vip else 0)

    def _add_rule(self) -> None:
        language = self.new_language.text().strip().lower()
        kind = str(self.new_kind.currentData())
        existing = next(
            (r for r in self.rules.rows if r.kind == kind and r.language == language), None
        )
        self._rule_edited(
            kind, language, self.new_keywords.text(), True, existing.version if existing else 0
        )
        self.new_keywords.clear()

    def _add_vip(self) -> None:
        operations.add_vip(
            parent=self, address=self.vip_address.text(), editor_id=self.state.person_id,
            actor=self.state.actor, success=lambda _id: self.vip_address.clear(),
        ).failure(self._failed).run(self._executor)  # fmt: skip

    def _remove_vip(self) -> None:
        row = self.vips.row_at(self.vip_view.currentIndex().row())
        if row is None:
            return
        operations.remove_vip(
            parent=self, customer_id=row.customer_id, editor_id=self.state.person_id,
            actor=self.state.actor, success=self._saved,
        ).failure(self._failed).run(self._executor)  # fmt: skip
