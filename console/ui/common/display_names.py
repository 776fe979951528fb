"""Names of languages, countries, channels, statuses and roles in the UI language."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCoreApplication, QLocale

from console.store.models import AgentRole, ChannelKind, ConversationStatus, Direction, Priority


def status_name(status: ConversationStatus) -> str:
    names = {
        ConversationStatus.OPEN: QCoreApplication.translate("DisplayNames", "Open"),
        ConversationStatus.PENDING: QCoreApplication.translate(
            "DisplayNames", "Waiting on customer"
        ),
        ConversationStatus.RESOLVED: QCoreApplication.translate("DisplayNames", "Resolved"),
    }
    return names[status]


def role_name(role: AgentRole | str) -> str:
    names = {
        AgentRole.AGENT: QCoreApplication.translate("RoleNames", "Agent"),
        AgentRole.LEAD: QCoreApplication.translate("RoleNames", "Team lead"),
        AgentRole.QA: QCoreApplication.translate("RoleNames", "Quality reviewer"),
        AgentRole.COMPLIANCE: QCoreApplication.translate("RoleNames", "Compliance"),
        AgentRole.ADMIN: QCoreApplication.translate("RoleNames", "Administrator"),
    }
    return names[AgentRole(role)]


def priority_name(priority: Priority) -> str:
    names = {
        Priority.LOW: QCoreApplication.translate("DisplayNames", "Low"),
        Priority.NORMAL: QCoreApplication.translate("DisplayNames", "Normal"),
        Priority.HIGH: QCoreApplication.translate("DisplayNames", "High"),
        Priority.URGENT: QCoreApplication.translate("DisplayNames", "Urgent"),
    }
    return names[priority]


def channel_name(channel: ChannelKind | None) -> str:
    if channel is None:
        return ""
    names = {
        ChannelKind.EMAIL: QCoreApplication.translate("DisplayNames", "E-mail"),
        ChannelKind.MARKETPLACE: QCoreApplication.translate("DisplayNames", "Marketplace"),
        ChannelKind.CHAT: QCoreApplication.translate("DisplayNames", "Chat"),
        ChannelKind.PHONE: QCoreApplication.translate("DisplayNames", "Phone"),
    }
    return names[channel]


def customer_name(name: str) -> str:
    """A customer as the window names them. Every channel gives a name (else the address),
    so only an erased customer has none: they are called so."""
    return name or QCoreApplication.translate("DisplayNames", "Erased customer")


def direction_name(direction: Direction) -> str:
    if direction is Direction.INBOUND:
        return QCoreApplication.translate("DisplayNames", "Customer")
    return QCoreApplication.translate("DisplayNames", "Agent")


def queue_name(name: str | None, escalation: bool) -> str:
    """A routing queue as people call it: its market's code, or "Escalation" (the in-house
    escalation queue); "" for none."""
    if escalation:
        return QCoreApplication.translate("DisplayNames", "Escalation")
    return name or ""


@cache
def _babel_locale(ui_locale: str) -> Locale:
    try:
        return Locale.parse(ui_locale)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _ui_locale() -> str:
    return QLocale().name()


def language_name(code: str | None) -> str:
    if not code:
        return QCoreApplication.translate("DisplayNames", "Unknown")
    name = _babel_locale(_ui_locale()).languages.get(code)
    return name or code


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _babel_locale(_ui_locale()).territories.get(code.upper()) or code
