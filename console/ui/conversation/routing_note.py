"""The line in the conversation's header that says why it is where it is (routing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from console.routing import (
    AT_CAPACITY,
    BY_HAND,
    CHARGEBACK,
    COMPLAINT,
    NO_MARKET,
    VIP,
    Explanation,
)
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.routing.operations import load_routing_explanation


class RoutingNote(FollowsUiLanguage, QLabel):
    """ "Assigned to Wang Fang: serves DACH, speaks de, on shift, 3 open", or why it waits."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingNote")
        set_role(self, "note")
        self.setWordWrap(True)
        self.explanation: Explanation | None = None
        self._executor: StoreExecutor | None = None
        self._conversation_id: int | None = None
        self._request = 0
        self.hide()

    def attach(self, executor: StoreExecutor) -> None:
        """Read explanations through ``executor`` (the window's store lane)."""
        self._executor = executor

    def follow(self, conversation_id: int | None) -> None:
        """The pane shows this conversation (again): read why it is where it is."""
        self._request += 1
        if conversation_id != self._conversation_id:
            self.show_explanation(None)
        self._conversation_id = conversation_id
        if conversation_id is None or self._executor is None:
            return
        request = self._request

        def arrived(explanation: Explanation | None) -> None:
            if request == self._request:
                self.show_explanation(explanation)

        load_routing_explanation(parent=self, conversation_id=conversation_id, success=arrived).run(
            self._executor
        )

    def ui_language_changed(self) -> None:
        self.show_explanation(self.explanation)

    def show_explanation(self, explanation: Explanation | None) -> None:
        self.explanation = explanation
        if explanation is None:
            self.clear()
            self.hide()
            return
        self.setText(self.wording(explanation))
        self.show()

    def _escalation(self, explanation: Explanation) -> str:
        if explanation.escalation == VIP:
            return self.tr("VIP customer")
        if explanation.escalation == CHARGEBACK:
            return self.tr("chargeback threat: “%1”").replace("%1", explanation.matched or "")
        if explanation.escalation == COMPLAINT:
            return self.tr("complaint: “%1”").replace("%1", explanation.matched or "")
        return explanation.escalation or ""

    def wording(self, explanation: Explanation) -> str:
        language = explanation.language or self.tr("any language")
        if explanation.escalation:
            why = self._escalation(explanation)
            if explanation.outcome == "assigned":
                return (
                    self.tr(
                        "Escalated (%1); assigned to %2: in-house, speaks %3, on shift, %n open",
                        "",
                        explanation.open_count or 0,
                    )
                    .replace("%1", why)
                    .replace("%2", explanation.agent or "")
                    .replace("%3", language)
                )
            if explanation.why == BY_HAND:
                return self.tr(
                    "Escalated (%1); waiting in the escalation queue, which is assigned by hand"
                ).replace("%1", why)
            if explanation.why == AT_CAPACITY:
                text = self.tr(
                    "Escalated (%1); waiting in the escalation queue: everyone in-house on shift "
                    "who speaks %2 is at capacity"
                )
            else:
                text = self.tr(
                    "Escalated (%1); waiting in the escalation queue: nobody in-house on shift "
                    "speaks %2"
                )
            return text.replace("%1", why).replace("%2", language)
        if explanation.outcome == "assigned":
            return (
                self.tr(
                    "Assigned to %1: serves %2, speaks %3, on shift, %n open",
                    "",
                    explanation.open_count or 0,
                )
                .replace("%1", explanation.agent or "")
                .replace("%2", explanation.market or "")
                .replace("%3", language)
            )
        if explanation.why == NO_MARKET:
            return self.tr("Waiting: the customer's market is not known, so no queue routes it")
        if explanation.why == BY_HAND:
            text = self.tr("Waiting in the %1 queue, which is assigned by hand")
        elif explanation.why == AT_CAPACITY:
            text = self.tr(
                "Waiting in the %1 queue: everyone on shift who serves %2 in %3 is at capacity"
            )
        else:
            text = self.tr("Waiting in the %1 queue: nobody on shift serves %2 in %3")
        market = explanation.market or ""
        return (
            text.replace("%1", explanation.queue or market)
            .replace("%2", market)
            .replace("%3", language)
        )
