"""Routing and ownership (no Qt): queues per market and the in-house escalation queue,
the routing engine and its explanations, and the rules leads edit.

The headless worker (or the seat holding the team's lock) calls
:func:`route_pending` in a transaction of its own every few seconds, and again at
:func:`next_shift_start`; the window reads :func:`explanation` for the open conversation.
"""

from __future__ import annotations

from console.routing.engine import (
    ASSIGNED,
    AT_CAPACITY,
    BY_HAND,
    CHARGEBACK,
    COMPLAINT,
    DEFAULT_CAPACITY,
    NO_MARKET,
    NOBODY_ON_SHIFT,
    ROUTING_ACTOR,
    VIP,
    WAITING,
    Explanation,
    ensure_queues,
    explanation,
    next_shift_start,
    queue_names,
    route_pending,
)
from console.routing.rules import (
    CapacityView,
    QueueView,
    RoutingSettings,
    RuleView,
    VipView,
    add_vip,
    check_editor,
    load_settings,
    may_edit,
    parse_keywords,
    remove_vip,
    save_rule,
    set_capacity,
    set_queue_mode,
)

__all__ = [
    "ASSIGNED",
    "AT_CAPACITY",
    "BY_HAND",
    "CHARGEBACK",
    "COMPLAINT",
    "DEFAULT_CAPACITY",
    "NOBODY_ON_SHIFT",
    "NO_MARKET",
    "ROUTING_ACTOR",
    "VIP",
    "WAITING",
    "CapacityView",
    "Explanation",
    "QueueView",
    "RoutingSettings",
    "RuleView",
    "VipView",
    "add_vip",
    "check_editor",
    "ensure_queues",
    "explanation",
    "load_settings",
    "may_edit",
    "next_shift_start",
    "parse_keywords",
    "queue_names",
    "remove_vip",
    "route_pending",
    "save_rule",
    "set_capacity",
    "set_queue_mode",
]
