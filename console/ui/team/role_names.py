"""The console roles' names in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.store.models import AgentRole


def role_name(role: AgentRole) -> str:
    names = {
        AgentRole.AGENT: QCoreApplication.translate("RoleNames", "Agent"),
        AgentRole.LEAD: QCoreApplication.translate("RoleNames", "Team lead"),
        AgentRole.QA: QCoreApplication.translate("RoleNames", "Quality reviewer"),
        AgentRole.COMPLIANCE: QCoreApplication.translate("RoleNames", "Compliance"),
        AgentRole.ADMIN: QCoreApplication.translate("RoleNames", "Administrator"),
    }
    return names[AgentRole(role)]
