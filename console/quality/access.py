"""Who may do what in quality review: reviewers (qa, lead) score, leads set the rules."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.problems import ProblemError, define, problem
from console.store.models import Agent, AgentRole

NO_AGENT = define(
    "quality.no_agent",
    "Choose who you are (File → Settings) before working on quality reviews.",
)
NOT_LEAD = define(
    "quality.not_lead",
    "{name} is not a team lead; only leads change scorecards and sampling.",
)
NOT_REVIEWER = define(
    "quality.not_reviewer",
    "{name} is neither a quality reviewer nor a team lead, so they score no reviews.",
)

REVIEWER_ROLES = (AgentRole.QA, AgentRole.LEAD)
LEAD_ROLES = (AgentRole.LEAD, AgentRole.ADMIN)


class QualityError(ProblemError):
    """A quality review operation that cannot be done; its problem says why."""


@dataclass(frozen=True)
class QualityAccess:
    """What the acting person may do in the quality window."""

    agent_id: int | None
    name: str
    can_review: bool
    can_lead: bool


def quality_access(session: Session, agent_id: int | None) -> QualityAccess:
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent is None:
        return QualityAccess(None, "", False, False)
    return QualityAccess(
        agent.id, agent.name, agent.role in REVIEWER_ROLES, agent.role in LEAD_ROLES
    )


def acting_agent(session: Session, agent_id: int | None) -> Agent:
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent is None:
        raise QualityError(problem(NO_AGENT))
    return agent


def require_lead(session: Session, agent_id: int | None) -> Agent:
    agent = acting_agent(session, agent_id)
    if agent.role not in LEAD_ROLES:
        raise QualityError(problem(NOT_LEAD, name=agent.name))
    return agent


def require_reviewer(session: Session, agent_id: int | None) -> Agent:
    agent = acting_agent(session, agent_id)
    if agent.role not in REVIEWER_ROLES:
        raise QualityError(problem(NOT_REVIEWER, name=agent.name))
    return agent
