"""The customer's return and privacy rules, with the dates worked out for the message in view.

The lead puts a :class:`PolicyPanel` in the customer panel's "Return and
privacy rules" box and calls :meth:`PolicyPanel.show_policy` with the
:class:`~console.policies.PolicyView` that ``console.policies.policy_view``
returns (on the store thread). "Open task" emits :attr:`PolicyPanel.open_task_requested`
with the :class:`~console.policies.TaskOffer`. The conversation's tracked tasks
(``PolicyView.tasks``) are listed with their status; "Mark done" emits
:attr:`PolicyPanel.complete_task_requested` with the selected open task's id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.policies import PolicyView, RequestKind, TaskOffer, TrackedTask
from console.ui.common.data_label import data_label
from console.ui.common.display_names import language_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.policies.policy_models import PolicyTasksModel


class PolicyPanel(FollowsUiLanguage, QWidget):
    """Rules for one conversation's customer; empty text when none are known."""

    open_task_requested = Signal(object)  # TaskOffer
    complete_task_requested = Signal(int)  # task id

    ROWS = (
        "withdrawal",
        "last_day",
        "shipping",
        "refund",
        "guarantee",
        "privacy",
        "data_request",
        "breach",
        "languages",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyPanel")
        self._view: PolicyView | None = None

        self.header = data_label(self, selectable=True)
        self.header.setObjectName("policyHeader")
        set_role(self.header, "strong")
        self.notice = QLabel(self)
        self.notice.setObjectName("policyNotice")  # small print (console.qss)
        self.notice.setWordWrap(True)
        set_role(self.notice, "note")
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        set_role(self.empty, "note")

        self.alert = QFrame(self)
        self.alert.setObjectName("policyAlert")  # its look: console.qss
        self.alert_text = data_label(self.alert, selectable=False)
        self.alert_text.setObjectName("policyAlertText")
        self._alert_buttons = QVBoxLayout()
        alert_layout = QVBoxLayout(self.alert)
        alert_layout.setContentsMargins(8, 6, 8, 6)
        alert_layout.addWidget(self.alert_text)
        alert_layout.addLayout(self._alert_buttons)
        self.task_buttons: list[QPushButton] = []

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in self.ROWS:
            caption = QLabel(self)
            set_role(caption, "note")
            value = data_label(self, selectable=True)
            value.setObjectName(f"policy_{key}")
            self.captions[key] = caption
            self.values[key] = value
            self.form.addRow(caption, value)
        self.sources = data_label(self, selectable=True)
        self.sources.setObjectName("policySources")  # small print (console.qss)
        set_role(self.sources, "note")

        self.tasks_caption = QLabel(self)
        set_role(self.tasks_caption, "strong")
        self.tasks = PolicyTasksModel(self)
        self.tasks_view = QTableView(self)
        self.tasks_view.setObjectName("policyTasks")
        self.tasks_view.setModel(self.tasks)
        self.tasks_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tasks_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasks_view.verticalHeader().setVisible(False)
        self.tasks_view.horizontalHeader().setStretchLastSection(True)
        self.tasks_view.setWordWrap(False)
        self.tasks_view.setMaximumHeight(120)
        self.tasks_view.selectionModel().selectionChanged.connect(self._update_done_button)
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("markTaskDone")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self._request_done)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.alert)
        layout.addLayout(self.form)
        layout.addWidget(self.tasks_caption)
        layout.addWidget(self.tasks_view)
        layout.addWidget(self.done_button)
        layout.addWidget(self.sources)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty)
        self.ui_language_changed()

    # -- language ---------------------------------------------------------------------

    def ui_language_changed(self) -> None:
        titles = {
            "withdrawal": self.tr("Withdrawal"),
            "last_day": self.tr("Last day to withdraw"),
            "shipping": self.tr("Return shipping"),
            "refund": self.tr("Refund by"),
            "guarantee": self.tr("Legal guarantee"),
            "privacy": self.tr("Privacy law"),
            "data_request": self.tr("Answer data request by"),
            "breach": self.tr("Breach notice"),
            "languages": self.tr("Required language"),
        }
        for key, caption in self.captions.items():
            caption.setText(titles[key])
        self.notice.setText(self.tr("Guidance for compliance staff to confirm, not legal advice."))
        self.empty.setText(self.tr("No rules are known for this customer's country."))
        self.tasks_caption.setText(self.tr("Tracked tasks"))
        self.done_button.setText(self.tr("Mark done"))
        self.done_button.setToolTip(self.tr("Mark the selected task as done"))
        self.show_policy(self._view)

    # -- showing a view ------------------------------------------------------------------

    def show_policy(self, view: PolicyView | None) -> None:
        self._view = view
        shown = view is not None
        for widget in (
            self.header,
            self.sources,
            self.notice,
            *self.captions.values(),
            *self.values.values(),
        ):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        self._show_alert(view)
        self._show_tasks(view)
        if view is None:
            return
        header = self.tr("{name} ({code}) · rules v{version}, reviewed {date}").format(
            name=view.market_name,
            code=view.market_code,
            version=view.version,
            date=view.last_reviewed,
        )
        if view.review_due:
            header += " · " + self.tr("review overdue")
        self.header.setText(header)
        self.values["withdrawal"].setText(self._withdrawal_text(view))
        self.values["withdrawal"].setToolTip(view.withdrawal_note)
        self.values["last_day"].setText(self._last_day_text(view))
        self.values["shipping"].setText(self._shipping_text(view.return_shipping_paid_by))
        self.values["refund"].setText(self._refund_text(view))
        self.values["refund"].setToolTip(view.refund_note)
        self.values["guarantee"].setText(
            self.tr("{months} months").format(months=view.guarantee_months)
            if view.guarantee_months
            else self.tr("No fixed period")
        )
        self.values["guarantee"].setToolTip(view.guarantee_note)
        self.values["privacy"].setText("; ".join(view.privacy_laws))
        self.values["privacy"].setToolTip(view.transfer_note)
        self.values["data_request"].setText(self._data_request_text(view))
        self.values["data_request"].setToolTip(
            "\n".join(t for t in (view.response_note, view.extension_condition) if t)
        )
        self.values["breach"].setText(self._breach_text(view))
        self.values["breach"].setToolTip(view.breach_note)
        self.values["languages"].setText(
            ", ".join(language_name(code) for code in view.languages_required)
            if view.languages_required
            else self.tr("None set by law")
        )
        self.values["languages"].setToolTip(view.languages_note)
        for key in ("languages",):
            visible = bool(view.languages_required or view.languages_note)
            self.captions[key].setVisible(visible)
            self.values[key].setVisible(visible)
        self.sources.setText(self.tr("Sources: {sources}").format(sources="; ".join(view.sources)))

    def _withdrawal_text(self, view: PolicyView) -> str:
        if not view.withdrawal_applies or view.withdrawal_days is None:
            text = self.tr("No statutory right of withdrawal")
        elif view.withdrawal_unit == "business_days":
            text = self.tr("{days} working days from delivery").format(days=view.withdrawal_days)
        else:
            text = self.tr("{days} days from delivery").format(days=view.withdrawal_days)
        if view.store_return_days and view.store_return_default:
            text += " · " + self.tr("store-wide policy: {days} days").format(
                days=view.store_return_days
            )
        elif view.store_return_days:
            text += " · " + self.tr("store policy: {days} days").format(days=view.store_return_days)
        return text

    def _last_day_text(self, view: PolicyView) -> str:
        if view.withdrawal_deadline is None or view.withdrawal_days_left is None:
            return "—"
        left = view.withdrawal_days_left
        if left < 0:
            status = self.tr("ended {days} days ago").format(days=-left)
        elif left == 0:
            status = self.tr("today is the last day")
        else:
            status = self.tr("{days} days left").format(days=left)
        text = f"{view.withdrawal_last_day} ({status})"
        if view.delivery_assumed:
            text += "\n" + self.tr("Delivery date unknown: counted from the message date.")
        return text

    def _shipping_text(self, payer: str) -> str:
        names = {
            "consumer": self.tr("Customer pays (if told before purchase)"),
            "merchant": self.tr("Store pays"),
            "not_applicable": self.tr("Store policy"),
        }
        return names.get(payer, payer)

    def _refund_text(self, view: PolicyView) -> str:
        if view.refund_deadline is None:
            return self.tr("No statutory deadline")
        return self.tr("{date} if withdrawn on {received}").format(
            date=view.refund_last_day, received=view.message_date
        )

    def _data_request_text(self, view: PolicyView) -> str:
        if view.data_request_deadline is None:
            return self.tr("No statutory deadline")
        text = self.tr("{date} for a request received {received}").format(
            date=view.data_request_last_day, received=view.message_date
        )
        if view.data_request_extended_day:
            text += "\n" + self.tr("extendable to {date}").format(
                date=view.data_request_extended_day
            )
        return text

    def _breach_text(self, view: PolicyView) -> str:
        if view.breach_amount is None:
            return self.tr("As soon as practicable (no fixed deadline)")
        units = {
            "hours": self.tr("{n} hours"),
            "days": self.tr("{n} days"),
            "business_days": self.tr("{n} working days"),
            "months": self.tr("{n} months"),
        }
        return self.tr("Within {period} of becoming aware").format(
            period=units.get(view.breach_unit, "{n}").format(n=view.breach_amount)
        )

    def _kind_text(self, kind: RequestKind) -> str:
        names = {
            RequestKind.DATA_ACCESS: self.tr("Data access request"),
            RequestKind.DATA_DELETION: self.tr("Data deletion request"),
            RequestKind.DATA_CORRECTION: self.tr("Data correction request"),
            RequestKind.WITHDRAWAL: self.tr("Return or withdrawal request"),
        }
        return names[kind]

    def _show_alert(self, view: PolicyView | None) -> None:
        for button in self.task_buttons:
            self._alert_buttons.removeWidget(button)
            button.deleteLater()
        self.task_buttons = []
        if view is None or not view.detected:
            self.alert.setVisible(False)
            return
        self.alert_text.setText(
            self.tr("This message looks like: {kinds}").format(
                kinds=", ".join(self._kind_text(kind) for kind in view.detected)
            )
        )
        for offer in view.offers:
            button = QPushButton(
                self.tr("Open task: {kind}, due {date}").format(
                    kind=self._kind_text(offer.kind), date=offer.due_text
                ),
                self.alert,
            )
            button.setObjectName(f"openTask_{offer.kind.value}")
            button.clicked.connect(lambda _=False, o=offer: self._request_task(o))
            self._alert_buttons.addWidget(button)
            self.task_buttons.append(button)
        self.alert.setVisible(True)

    def _request_task(self, offer: TaskOffer) -> None:
        self.open_task_requested.emit(offer)

    # -- tracked tasks -------------------------------------------------------------------

    def _show_tasks(self, view: PolicyView | None) -> None:
        tasks = view.tasks if view is not None else ()
        selected = self.selected_task()
        self.tasks.set_tasks(tasks)
        if selected is not None and (row := self.tasks.row_of(selected.id)) >= 0:
            self.tasks_view.selectRow(row)
        for widget in (self.tasks_caption, self.tasks_view, self.done_button):
            widget.setVisible(bool(tasks))
        self.tasks_view.resizeColumnsToContents()
        self._update_done_button()

    def selected_task(self) -> TrackedTask | None:
        rows = self.tasks_view.selectionModel().selectedRows()
        return self.tasks.task(rows[0].row()) if rows else None

    def _update_done_button(self, *_: object) -> None:
        task = self.selected_task()
        self.done_button.setEnabled(task is not None and task.is_open)

    def _request_done(self) -> None:
        task = self.selected_task()
        if task is not None and task.is_open:
            self.done_button.setEnabled(False)  # until the reloaded view arrives
            self.complete_task_requested.emit(task.id)

    @property
    def view(self) -> PolicyView | None:
        return self._view
