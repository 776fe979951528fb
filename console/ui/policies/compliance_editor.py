"""The compliance editor: markets, their rules, version history, restore, review queue.

Every change is a named operation (``console/ui/policies/operations.py``) of the
role-gated functions of ``console.policies``, for the person at this seat
(:class:`~console.ui.app_state.AppState`); an agent without the compliance role
sees everything read-only, with the reason. The editor reads the rules again
whenever the change bus says they changed (here or elsewhere).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.policies import (
    EditorAccess,
    MarketSummary,
    PolicyPermissionError,
    PolicyValidationError,
    VersionInfo,
)
from console.policies.rules import PolicyError, RulesChangedMeanwhile
from console.policies.schema import (
    FIELD_SPECS,
    REQUEST_TYPES,
    FieldSpec,
    Json,
    get_path,
    set_path,
)
from console.ui.app_state import AppState
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.operations import (
    ComplianceOverview,
    MarketRules,
    load_compliance_overview,
    load_market,
    mark_market_reviewed,
    restore_market_version,
    save_market_rules,
    set_review_period_days,
    set_store_return_days,
)
from console.ui.policies.policy_models import (
    ChoiceListModel,
    PolicyMarketsModel,
    PolicyVersionsModel,
)

NONE_VALUE = -1  # spin boxes show "—" (no value) at their minimum


class ComplianceEditor(FollowsUiLanguage, QDialog):
    """Dialog over the policy pack; ``changed`` is emitted after every saved change."""

    changed = Signal()

    def __init__(
        self,
        executor: StoreExecutor,
        agent_id: int | None = None,
        parent: Any = None,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("complianceEditor")
        self._executor = executor
        #: Who is working: the rules are role-gated on them, and changes recorded for them.
        self.state = state or AppState(self)
        # main_window.py's copy of the person's id, until it passes state= (then this goes):
        self._agent_id_copy = agent_id if state is None else None
        self._access = EditorAccess(self._agent_id(), "", False, "")
        self._code: str | None = None
        self._data: Json | None = None
        self._based_on: int | None = None  # None: no market loaded, no check
        self.resize(1100, 720)

        self.banner = QLabel(self)
        self.banner.setObjectName("complianceBanner")
        self.banner.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        set_role(self.notice, "note")

        self.markets = PolicyMarketsModel(self)
        self.markets_view = QTableView(self)
        self.markets_view.setObjectName("policyMarkets")
        self.markets_view.setModel(self.markets)
        self._table_setup(self.markets_view)
        self.markets_view.setWordWrap(False)
        self.markets_view.selectionModel().selectionChanged.connect(self._market_selected)

        self.tabs = QTabWidget(self)
        # -- rules form
        self.fields: dict[str, QWidget] = {}
        self.captions: dict[str, QLabel] = {}
        # list fields with a fixed set of raw values: a checkable list of labels
        self.choice_lists: dict[str, ChoiceListModel] = {
            "privacy.request_types": ChoiceListModel(REQUEST_TYPES, self)
        }
        form_host = QWidget(self)
        form = QFormLayout(form_host)
        for spec in FIELD_SPECS:
            caption = QLabel(form_host)
            widget = self._field_widget(spec, form_host, self.choice_lists.get(spec.path))
            widget.setObjectName(f"field_{spec.path}")
            self.fields[spec.path] = widget
            self.captions[spec.path] = caption
            form.addRow(caption, widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("changeReason")
        self.later = QCheckBox(self)
        self.effective = QDateTimeEdit(self)
        self.effective.setCalendarPopup(True)
        self.effective.setDateTime(QDateTime.currentDateTime())
        self.effective.setEnabled(False)
        self.later.toggled.connect(self.effective.setEnabled)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveRules")
        self.save_button.clicked.connect(self.save)
        self.errors = QLabel(self)
        self.errors.setObjectName("ruleErrors")
        self.errors.setWordWrap(True)
        set_role(self.errors, "error")
        self.errors.setProperty("showsData", True)
        rules_tab = QWidget(self)
        rules_layout = QVBoxLayout(rules_tab)
        rules_layout.addWidget(scroll, 1)
        change_row = QHBoxLayout()
        self.reason_caption = QLabel(self)
        change_row.addWidget(self.reason_caption)
        change_row.addWidget(self.reason, 1)
        change_row.addWidget(self.later)
        change_row.addWidget(self.effective)
        change_row.addWidget(self.save_button)
        rules_layout.addLayout(change_row)
        rules_layout.addWidget(self.errors)
        self.tabs.addTab(rules_tab, "")

        # -- history
        self.versions = PolicyVersionsModel(self)
        self.versions.describe = self.diff_text
        self.versions_view = QTableView(self)
        self.versions_view.setObjectName("policyVersions")
        self.versions_view.setModel(self.versions)
        self._table_setup(self.versions_view)
        self.versions_view.selectionModel().selectionChanged.connect(self._version_selected)
        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("versionDiff")
        self.diff.setReadOnly(True)
        self.restore_reason = QLineEdit(self)
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restoreVersion")
        self.restore_button.clicked.connect(self.restore)
        history_tab = QWidget(self)
        history_layout = QVBoxLayout(history_tab)
        history_layout.addWidget(self.versions_view, 2)
        history_layout.addWidget(self.diff, 1)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_reason, 1)
        restore_row.addWidget(self.restore_button)
        history_layout.addLayout(restore_row)
        self.tabs.addTab(history_tab, "")

        # -- review queue
        self.queue = PolicyMarketsModel(self)
        self.queue_view = QTableView(self)
        self.queue_view.setObjectName("reviewQueue")
        self.queue_view.setModel(self.queue)
        self._table_setup(self.queue_view)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("markReviewed")
        self.review_button.clicked.connect(self.mark_selected_reviewed)
        self.period = QSpinBox(self)
        self.period.setRange(1, 3650)
        self.period_caption = QLabel(self)
        self.period_button = QPushButton(self)
        self.period_button.clicked.connect(self.apply_review_period)
        queue_tab = QWidget(self)
        queue_layout = QVBoxLayout(queue_tab)
        queue_layout.addWidget(self.queue_view, 1)
        queue_row = QHBoxLayout()
        queue_row.addWidget(self.review_button)
        queue_row.addStretch(1)
        queue_row.addWidget(self.period_caption)
        queue_row.addWidget(self.period)
        queue_row.addWidget(self.period_button)
        queue_layout.addLayout(queue_row)
        self.tabs.addTab(queue_tab, "")

        # -- store-wide defaults
        self.default_window = QSpinBox(self)
        self.default_window.setObjectName("storeReturnWindow")
        self.default_window.setRange(0, 3650)
        self.default_window.setSpecialValueText("—")  # 0: no store-wide window
        self.default_window_caption = QLabel(self)
        self.default_window_help = QLabel(self)
        self.default_window_help.setWordWrap(True)
        set_role(self.default_window_help, "note")
        self.default_button = QPushButton(self)
        self.default_button.setObjectName("applyStoreReturnWindow")
        self.default_button.clicked.connect(self.apply_store_return_window)
        self.default_errors = QLabel(self)
        self.default_errors.setObjectName("storeDefaultErrors")
        self.default_errors.setWordWrap(True)
        set_role(self.default_errors, "error")
        self.default_errors.setProperty("showsData", True)
        defaults_tab = QWidget(self)
        defaults_layout = QVBoxLayout(defaults_tab)
        default_row = QHBoxLayout()
        default_row.addWidget(self.default_window_caption)
        default_row.addWidget(self.default_window)
        default_row.addWidget(self.default_button)
        default_row.addStretch(1)
        defaults_layout.addLayout(default_row)
        defaults_layout.addWidget(self.default_window_help)
        defaults_layout.addWidget(self.default_errors)
        defaults_layout.addStretch(1)
        self.tabs.addTab(defaults_tab, "")

        self.status = QLabel(self)
        self.status.setObjectName("editorStatus")
        self.status.setProperty("showsData", True)

        splitter = QSplitter(self)
        splitter.addWidget(self.markets_view)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([430, 670])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        self.ui_language_changed()
        self._apply_access()
        executor.changes.changed.connect(self.apply_changes)
        self.reload()

    # -- building -----------------------------------------------------------------------

    @staticmethod
    def _table_setup(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)

    def _choice_labels(self) -> dict[str, str]:
        """Display labels of the raw choice values the pack stores (units, payers...)."""
        return {
            "days": self.tr("Calendar days"),
            "business_days": self.tr("Working days"),
            "months": self.tr("Months"),
            "hours": self.tr("Hours"),
            "delivery": self.tr("Delivery of the goods"),
            "contract": self.tr("Conclusion of the contract"),
            "later_of_delivery_or_contract": self.tr("Delivery or contract, whichever is later"),
            "withdrawal_notice": self.tr("Notice of withdrawal"),
            "goods_returned": self.tr("Return of the goods"),
            "cancellation": self.tr("Cancellation"),
            "consumer": self.tr("Customer"),
            "merchant": self.tr("Store"),
            "not_applicable": self.tr("Not applicable"),
            # data-subject request types
            "access": self.tr("Access"),
            "correction": self.tr("Correction"),
            "deletion": self.tr("Deletion"),
            "restriction": self.tr("Restriction of processing"),
            "portability": self.tr("Data portability"),
            "objection": self.tr("Objection"),
            "opt_out_sale": self.tr("Opt out of sale or sharing"),
            "limit_sensitive": self.tr("Limit use of sensitive data"),
            "withdraw_consent": self.tr("Withdraw consent"),
        }

    def choice_label(self, value: str) -> str:
        """The translated label of a raw choice value (the value itself if unknown)."""
        return self._choice_labels().get(value, value)

    def _label_choices(self) -> None:
        for spec in FIELD_SPECS:
            widget = self.fields.get(spec.path)
            if spec.kind == "choice" and isinstance(widget, QComboBox):
                for i in range(widget.count()):
                    widget.setItemText(i, self.choice_label(str(widget.itemData(i))))
        labels = self._choice_labels()
        for model in self.choice_lists.values():
            model.set_labels(labels)

    @staticmethod
    def _field_widget(
        spec: FieldSpec, parent: QWidget, choices: ChoiceListModel | None = None
    ) -> QWidget:
        if choices is not None:
            view = QListView(parent)
            view.setModel(choices)
            view.setFixedHeight(110)
            return view
        if spec.kind == "int":
            box = QSpinBox(parent)
            box.setRange(NONE_VALUE if spec.nullable else 0, 100_000)
            box.setSpecialValueText("—" if spec.nullable else "")
            return box
        if spec.kind == "bool":
            return QCheckBox(parent)
        if spec.kind == "choice":
            combo = QComboBox(parent)
            # Labelled in ui_language_changed(); the raw value is item data.
            for value in spec.choices:
                combo.addItem(value, value)
            return combo
        if spec.kind in ("longtext", "list"):
            edit = QPlainTextEdit(parent)
            edit.setFixedHeight(64)
            return edit
        return QLineEdit(parent)

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Return and privacy rules"))
        self.notice.setText(
            self.tr(
                "Guidance for compliance staff to confirm, not legal advice. Lists take one "
                "entry per line."
            )
        )
        labels = self._field_labels()
        for path, caption in self.captions.items():
            caption.setText(labels.get(path, path))
        self._label_choices()
        self._show_selected_diff()
        self.tabs.setTabText(0, self.tr("Rules"))
        self.tabs.setTabText(1, self.tr("History"))
        self.tabs.setTabText(2, self.tr("Review queue"))
        self.tabs.setTabText(3, self.tr("Store defaults"))
        self.default_window_caption.setText(self.tr("Store-wide return window (days)"))
        self.default_window_help.setText(
            self.tr(
                "Applies to every market that sets no store return window of its own. It may "
                "extend the law, never shorten it: a window shorter than a market's statutory "
                "withdrawal period is rejected. Set — to have none."
            )
        )
        self.default_button.setText(self.tr("Apply"))
        self.reason_caption.setText(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why do the rules change?"))
        self.later.setText(self.tr("Takes effect later"))
        self.save_button.setText(self.tr("Save as new version"))
        self.restore_reason.setPlaceholderText(self.tr("Why restore this version?"))
        self.restore_button.setText(self.tr("Restore this version"))
        self.review_button.setText(self.tr("Mark reviewed"))
        self.period_caption.setText(self.tr("Review every (days)"))
        self.period_button.setText(self.tr("Apply"))
        self._apply_access()

    def _field_labels(self) -> dict[str, str]:
        """The form's label of every field path (the history names fields by them too)."""
        return {
            "code": self.tr("Country code"),
            "name": self.tr("Name"),
            "locale": self.tr("Locale"),
            "withdrawal.applies": self.tr("Right of withdrawal"),
            "withdrawal.days": self.tr("Withdrawal period"),
            "withdrawal.unit": self.tr("Withdrawal unit"),
            "withdrawal.starts": self.tr("Withdrawal starts at"),
            "withdrawal.roll_to_working_day": self.tr("Ends on a working day"),
            "withdrawal.note": self.tr("Withdrawal note"),
            "return_shipping_paid_by": self.tr("Return shipping paid by"),
            "refund.amount": self.tr("Refund deadline"),
            "refund.unit": self.tr("Refund unit"),
            "refund.from": self.tr("Refund counted from"),
            "refund.note": self.tr("Refund note"),
            "guarantee.months": self.tr("Legal guarantee (months)"),
            "guarantee.note": self.tr("Guarantee note"),
            "privacy.laws": self.tr("Privacy laws"),
            "privacy.request_types": self.tr("Data-subject requests"),
            "privacy.response.amount": self.tr("Response deadline"),
            "privacy.response.unit": self.tr("Response unit"),
            "privacy.response.note": self.tr("Response note"),
            "privacy.extension.amount": self.tr("Response extension"),
            "privacy.extension.unit": self.tr("Extension unit"),
            "privacy.extension.condition": self.tr("When the response may be extended"),
            "privacy.breach.amount": self.tr("Breach notification"),
            "privacy.breach.unit": self.tr("Breach unit"),
            "privacy.breach.note": self.tr("Breach note"),
            "privacy.transfer_note": self.tr("Cross-border transfers"),
            "languages_required": self.tr("Required languages"),
            "languages_note": self.tr("Language note"),
            "store_policy.return_window_days": self.tr("Store return window (days)"),
            "store_policy.refund_days": self.tr("Store refund within (days)"),
            "notes": self.tr("Notes"),
            "sources": self.tr("Sources"),
            "last_reviewed": self.tr("Last reviewed"),
        }

    def _shown_value(self, value: Any) -> str:
        if value is None or value == []:
            return self.tr("(none)")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            return "; ".join(self.choice_label(str(item)) for item in value)
        return self.choice_label(str(value))

    def diff_text(self, info: VersionInfo) -> str:
        """A version's changes, field by field, named as the form names them."""
        labels = self._field_labels()
        return "\n".join(
            self.tr("{field}: {old} → {new}").format(
                field=labels.get(change.path, change.path),
                old=self._shown_value(change.old),
                new=self._shown_value(change.new),
            )
            for change in info.changes
        )

    def _show_selected_diff(self) -> None:
        index = self.versions_view.currentIndex()
        info = self.versions.version(index.row()) if index.isValid() else None
        self.diff.setPlainText(self.diff_text(info) if info else "")

    # -- access ----------------------------------------------------------------------------

    @property
    def access(self) -> EditorAccess:
        return self._access

    def _apply_access(self) -> None:
        editable = self._access.can_edit
        if editable:
            self.banner.setText(
                self.tr("You can edit the rules as {name} (compliance).").format(
                    name=self._access.name
                )
            )
            set_role(self.banner, "ok")
        else:
            self.banner.setText(self.tr("Read-only: {reason}").format(reason=self._reason()))
            set_role(self.banner, "warning")
        for model in self.choice_lists.values():
            model.set_editable(editable)
        for widget in self.fields.values():
            if isinstance(widget, QListView):
                continue  # stays scrollable; its model is read-only
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)
        for widget in (
            self.reason,
            self.later,
            self.save_button,
            self.restore_reason,
            self.restore_button,
            self.review_button,
            self.period,
            self.period_button,
            self.default_window,
            self.default_button,
        ):
            widget.setEnabled(editable)
        self.effective.setEnabled(editable and self.later.isChecked())

    def _reason(self) -> str:
        """Why the rules are read-only, in the UI language."""
        if self._access.problem is not None:
            return problem_text(self._access.problem)
        return self._access.reason or self.tr("checking your role…")

    # -- loading ---------------------------------------------------------------------------

    def _agent_id(self) -> int | None:
        """The person at this seat, whose role decides what they may change."""
        return self.state.person_id if self._agent_id_copy is None else self._agent_id_copy

    def reload(self) -> None:
        load_compliance_overview(
            parent=self, agent_id=self._agent_id(), success=self._overview_loaded
        ).failure(self._failed).run(self._executor)

    def apply_changes(self, changes: Changes) -> None:
        """The rules changed (here, or from elsewhere): read them again."""
        if not changes.rules:
            return
        self.reload()
        if self._code is not None:
            self.select_market(self._code)

    def _overview_loaded(self, overview: ComplianceOverview) -> None:
        self._access = overview.access
        self._apply_access()
        self.markets.set_markets(overview.markets)
        self.queue.set_markets(overview.queue)
        self.period.setValue(overview.review_period)
        self.default_window.setValue(overview.store_return_days or 0)
        row = self.markets.row_of(self._code) if self._code else 0
        if self.markets.rowCount() and row >= 0:
            self.markets_view.selectRow(row)

    def _market_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        market = self.markets.market(indexes[0].row()) if indexes else None
        if market is None:
            return
        self.select_market(market.code)

    def select_market(self, code: str) -> None:
        self._code = code
        load_market(parent=self, code=code, success=self._market_loaded).failure(self._failed).run(
            self._executor
        )

    def _market_loaded(self, market: MarketRules) -> None:
        data, versions = market.data, market.versions
        self._data = data
        #: The newest version shown: a save made on it is refused if another came since.
        self._based_on = max((info.version for info in versions), default=0)
        self.errors.clear()
        if data is not None:
            self._fill_form(data)
        self.versions.set_versions(versions)
        self.diff.clear()
        if versions:
            self.versions_view.selectRow(0)

    def _fill_form(self, data: Json) -> None:
        for spec in FIELD_SPECS:
            widget = self.fields[spec.path]
            value = get_path(data, spec.path)
            if spec.path in self.choice_lists:
                self.choice_lists[spec.path].set_checked(value if isinstance(value, list) else [])
            elif isinstance(widget, QSpinBox):
                widget.setValue(NONE_VALUE if value is None else int(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(str(value)), 0))
            elif isinstance(widget, QPlainTextEdit):
                text = "\n".join(value) if isinstance(value, list) else str(value or "")
                widget.setPlainText(text)
            elif isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))

    def form_data(self) -> Json:
        """The loaded market with the form's values put in."""
        data = copy.deepcopy(self._data) if self._data is not None else {}
        for spec in FIELD_SPECS:
            widget = self.fields[spec.path]
            value: Any
            if spec.path in self.choice_lists:
                value = self.choice_lists[spec.path].checked_values()
            elif isinstance(widget, QSpinBox):
                value = None if widget.value() == NONE_VALUE else widget.value()
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
                if spec.kind == "list":
                    value = [line.strip() for line in text.splitlines() if line.strip()]
                else:
                    value = text
            else:
                assert isinstance(widget, QLineEdit)
                value = widget.text()
            set_path(data, spec.path, value)
        return data

    def _version_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        info = self.versions.version(indexes[0].row()) if indexes else None
        self.diff.setPlainText(self.diff_text(info) if info else "")

    # -- changes ---------------------------------------------------------------------------

    def _effective_from(self) -> datetime | None:
        if not self.later.isChecked():
            return None
        seconds = self.effective.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, UTC)

    def save(self) -> None:
        if self._code is None:
            return
        save_market_rules(
            parent=self,
            agent_id=self._agent_id(),
            data=self.form_data(),
            reason=self.reason.text(),
            effective_from=self._effective_from(),
            success=self._saved,
            based_on=self._based_on,
        ).failure(self._failed).run(self._executor)

    def restore(self) -> None:
        index = self.versions_view.currentIndex()
        info = self.versions.version(index.row()) if index.isValid() else None
        if info is None or self._code is None:
            return
        restore_market_version(
            parent=self,
            agent_id=self._agent_id(),
            code=self._code,
            version=info.version,
            reason=self.restore_reason.text(),
            effective_from=self._effective_from(),
            success=self._saved,
            based_on=self._based_on,
        ).failure(self._failed).run(self._executor)

    def mark_selected_reviewed(self) -> None:
        index = self.queue_view.currentIndex()
        market: MarketSummary | None = self.queue.market(index.row()) if index.isValid() else None
        if market is None:
            return
        mark_market_reviewed(
            parent=self, agent_id=self._agent_id(), code=market.code, success=self._saved
        ).failure(self._failed).run(self._executor)

    def apply_review_period(self) -> None:
        set_review_period_days(
            parent=self, agent_id=self._agent_id(), days=self.period.value(), success=self._saved
        ).failure(self._failed).run(self._executor)

    def apply_store_return_window(self) -> None:
        set_store_return_days(
            parent=self,
            agent_id=self._agent_id(),
            days=self.default_window.value() or None,
            success=self._saved,
        ).failure(self._default_failed).run(self._executor)

    def _default_failed(self, exc: Exception) -> None:
        if isinstance(exc, PolicyValidationError):
            self.default_errors.setText(
                "\n".join(
                    self.tr("{market}: {problem}").format(market=e.path, problem=e.message)
                    for e in exc.errors
                )
            )
            self.status.setText(self.tr("Not saved: the window would undercut the law."))
        else:
            self._failed(exc)
            self.default_errors.setText(self.errors.text())

    def _saved(self, result: object) -> None:
        self.errors.clear()
        self.default_errors.clear()
        self.reason.clear()
        self.restore_reason.clear()
        if isinstance(result, int):
            self.status.setText(self.tr("Saved as version {version}.").format(version=result))
        else:
            self.status.setText(self.tr("Saved."))
        self.changed.emit()  # the rules are read again when the change bus delivers this

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, PolicyValidationError):
            self.errors.setText("\n".join(str(error) for error in exc.errors))
            self.status.setText(self.tr("Not saved: fix the fields listed."))
        elif isinstance(exc, PolicyPermissionError | PolicyError):
            self.errors.setText(error_text(exc))
            self.status.setText(self.tr("Not saved."))
        elif isinstance(exc, RulesChangedMeanwhile):  # someone saved first: show theirs
            self.errors.setText(error_text(exc))
            self.status.setText(self.tr("Not saved."))
            if self._code is not None:
                self.select_market(self._code)
        else:
            self.status.setText(self.tr("Something went wrong: {error}").format(error=exc))
