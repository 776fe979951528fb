"""The rules in the store: versions, effective dates, restore, review queue, import/export.

Every change of a market is a new :class:`PolicyVersion` row (author, time,
reason, effective date); the rules in force at an instant are the newest
version whose ``effective_from`` has passed. Only agents with the compliance
role may change rules (:func:`require_compliance`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from console import audit
from console.paths import RESOURCES_DIR
from console.policies.schema import (
    DEFAULT_REVIEW_PERIOD_DAYS,
    NOTICE,
    SCHEMA_VERSION,
    FieldError,
    Json,
    PolicyValidationError,
    flatten,
    require_valid_market,
    validate_pack,
)
from console.problems import Problem, ProblemError, define, problem
from console.store.models import Agent, AgentRole, utcnow
from console.store.policy_tables import PolicySetting, PolicyVersion

SEED_PACK = RESOURCES_DIR / "policies" / "pack.json"
SEED_AUTHOR = "seed pack"
REVIEW_PERIOD_KEY = "review_period_days"


NO_AGENT = define("policy.no_agent", "No agent profile is selected, so the rules can only be read.")
NOT_COMPLIANCE = define(
    "policy.not_compliance",
    "{name} is not in the compliance team; only compliance staff can edit rules.",
)


class PolicyPermissionError(PermissionError):
    """The agent may not change policy rules; the message (and ``problem``) says why."""

    def __init__(self, why: Problem) -> None:
        super().__init__(why.text)
        self.problem = why


class PolicyError(ValueError):
    """A policy operation that cannot be done; the message is for the user."""


# -- role gate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EditorAccess:
    agent_id: int | None
    name: str
    can_edit: bool
    reason: str  # why not, when can_edit is False (English; ``problem`` for the UI)
    problem: Problem | None = None


def editor_access(session: Session, agent_id: int | None) -> EditorAccess:
    agent = session.get(Agent, agent_id) if agent_id is not None else None
    if agent is None:
        why = problem(NO_AGENT)
        return EditorAccess(agent_id, "", False, why.text, why)
    if agent.role is not AgentRole.COMPLIANCE:
        why = problem(NOT_COMPLIANCE, name=agent.name)
        return EditorAccess(agent.id, agent.name, False, why.text, why)
    return EditorAccess(agent.id, agent.name, True, "")


def require_compliance(session: Session, agent_id: int | None) -> Agent:
    access = editor_access(session, agent_id)
    if not access.can_edit:
        raise PolicyPermissionError(access.problem or problem(NO_AGENT))
    agent = session.get(Agent, agent_id)
    assert agent is not None
    return agent


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MarketRules:
    code: str
    version: int
    data: Json
    effective_from: datetime
    author: str


@dataclass(frozen=True)
class MarketSummary:
    code: str
    name: str
    version: int
    last_reviewed: date | None
    review_due: bool
    pending_version: int | None
    pending_from: datetime | None


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.path}: {_show(self.old)} → {_show(self.new)}"


@dataclass(frozen=True)
class VersionInfo:
    market_code: str
    version: int
    action: str
    author: str
    reason: str
    created_at: datetime
    effective_from: datetime
    restored_from: int | None
    is_current: bool
    is_pending: bool
    changes: tuple[FieldChange, ...]

    @property
    def diff_text(self) -> str:
        return "\n".join(str(change) for change in self.changes)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + "; ".join(str(item) for item in value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """Field-by-field changes from *old* to *new* (every field when *old* is None)."""
    before = flatten(old or {})
    after = flatten(new)
    return tuple(
        FieldChange(path, before.get(path), after.get(path))
        for path in sorted(set(before) | set(after))
        if before.get(path) != after.get(path)
    )


def _current_row(session: Session, code: str, now: datetime) -> PolicyVersion | None:
    return session.scalars(
        select(PolicyVersion)
        .where(PolicyVersion.market_code == code, PolicyVersion.effective_from <= now)
        .order_by(PolicyVersion.version.desc())
        .limit(1)
    ).first()


def market_rules(session: Session, code: str, now: datetime | None = None) -> MarketRules | None:
    """The rules of *code* in force at *now*."""
    row = _current_row(session, code, now or utcnow())
    if row is None:
        return None
    return MarketRules(
        row.market_code, row.version, copy.deepcopy(row.data), row.effective_from, row.author
    )


def market_codes(session: Session) -> list[str]:
    return list(
        session.scalars(select(PolicyVersion.market_code).distinct().order_by("market_code"))
    )


def review_period_days(session: Session) -> int:
    setting = session.get(PolicySetting, REVIEW_PERIOD_KEY)
    if setting is None:
        return DEFAULT_REVIEW_PERIOD_DAYS
    return int(setting.value.get("days", DEFAULT_REVIEW_PERIOD_DAYS))


def set_review_period(session: Session, agent_id: int | None, days: int) -> None:
    agent = require_compliance(session, agent_id)
    if days < 1:
        raise PolicyError("The review period must be at least one day.")
    _store_review_period(session, days)
    audit.record(
        session, actor=agent.name, action="policy_review_period", entity="policy_pack", days=days
    )


def _store_review_period(session: Session, days: int) -> None:
    setting = session.get(PolicySetting, REVIEW_PERIOD_KEY)
    if setting is None:
        session.add(PolicySetting(key=REVIEW_PERIOD_KEY, value={"days": days}))
    else:
        setting.value = {"days": days}


def _reviewed(data: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(data.get("last_reviewed")))
    except ValueError:
        return None


def list_markets(session: Session, now: datetime | None = None) -> list[MarketSummary]:
    """Every market with its version in force, pending version and review state."""
    now = now or utcnow()
    period = timedelta(days=review_period_days(session))
    summaries = []
    for code in market_codes(session):
        current = _current_row(session, code, now)
        pending = session.scalars(
            select(PolicyVersion)
            .where(PolicyVersion.market_code == code, PolicyVersion.effective_from > now)
            .order_by(PolicyVersion.version.desc())
            .limit(1)
        ).first()
        shown = current or pending
        assert shown is not None
        reviewed = _reviewed(shown.data)
        summaries.append(
            MarketSummary(
                code=code,
                name=str(shown.data.get("name", code)),
                version=current.version if current else 0,
                last_reviewed=reviewed,
                review_due=reviewed is None or reviewed + period < now.date(),
                pending_version=pending.version if pending else None,
                pending_from=pending.effective_from if pending else None,
            )
        )
    return summaries


def review_queue(session: Session, now: datetime | None = None) -> list[MarketSummary]:
    """Markets not reviewed within the review period, least recently reviewed first."""
    due = [market for market in list_markets(session, now) if market.review_due]
    return sorted(due, key=lambda market: (market.last_reviewed or date.min, market.code))


def version_history(session: Session, code: str, now: datetime | None = None) -> list[VersionInfo]:
    """All versions of *code*, newest first, each with its changes from the version before."""
    now = now or utcnow()
    rows = list(
        session.scalars(
            select(PolicyVersion)
            .where(PolicyVersion.market_code == code)
            .order_by(PolicyVersion.version)
        )
    )
    current = _current_row(session, code, now)
    history = []
    previous: Mapping[str, Any] | None = None
    for row in rows:
        history.append(
            VersionInfo(
                market_code=code,
                version=row.version,
                action=row.action,
                author=row.author,
                reason=row.reason,
                created_at=row.created_at,
                effective_from=row.effective_from,
                restored_from=row.restored_from,
                is_current=current is not None and row.id == current.id,
                is_pending=row.effective_from > now,
                changes=diff(previous, row.data),
            )
        )
        previous = row.data
    return list(reversed(history))


def version_data(session: Session, code: str, version: int) -> Json:
    row = session.scalars(
        select(PolicyVersion).where(
            PolicyVersion.market_code == code, PolicyVersion.version == version
        )
    ).first()
    if row is None:
        raise PolicyError(f"{code} has no version {version}.")
    return copy.deepcopy(row.data)


# -- writing -----------------------------------------------------------------------------

RULES_CHANGED_MEANWHILE = define(
    "policy.changed_meanwhile",
    "{name} saved a new version of the {market} rules (version {version}) after you opened "
    "them; your change was not saved. The rules have been reloaded.",
)


class RulesChangedMeanwhile(ProblemError):
    """A rules change made on a version that is no longer the newest: refused."""


def _add_version(
    session: Session,
    code: str,
    data: Json,
    *,
    action: str,
    author: str,
    agent_id: int | None,
    reason: str,
    effective_from: datetime,
    restored_from: int | None = None,
    based_on: int | None = None,
) -> int:
    if session.get_bind().dialect.name == "postgresql":  # one writer per market at a time
        session.execute(sql("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": code})
    latest = session.scalar(
        select(func.max(PolicyVersion.version)).where(PolicyVersion.market_code == code)
    )
    if based_on is not None and (latest or 0) != based_on:
        newest = session.scalar(
            select(PolicyVersion.author).where(
                PolicyVersion.market_code == code, PolicyVersion.version == latest
            )
        )
        raise RulesChangedMeanwhile(
            problem(RULES_CHANGED_MEANWHILE, name=newest or "?", market=code, version=latest)
        )
    version = (latest or 0) + 1
    row = PolicyVersion(
        market_code=code,
        version=version,
        data=copy.deepcopy(data),
        action=action,
        author=author,
        author_agent_id=agent_id,
        reason=reason,
        created_at=utcnow(),
        effective_from=effective_from,
        restored_from=restored_from,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=author,
        action=f"policy_{action}",
        entity="policy_version",
        entity_id=row.id,
        market=code,
        version=version,
        reason=reason,
        effective_from=effective_from.isoformat(),
    )
    return version


def _check_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise PolicyError("Say why the rules change: a reason is required.")
    return text


def save_market(
    session: Session,
    agent_id: int | None,
    data: Json,
    *,
    reason: str,
    effective_from: datetime | None = None,
    based_on: int | None = None,
) -> int:
    """Store *data* as a new version of its market (compliance role only); returns the version.

    Raises :class:`PolicyValidationError` (field by field) for invalid data,
    including a store policy that undercuts the statutory floor. ``based_on``: the
    newest version the editor showed (0: none); another saved since, nothing is
    saved (:class:`RulesChangedMeanwhile`).
    """
    agent = require_compliance(session, agent_id)
    text = _check_reason(reason)
    require_valid_market(data)
    code = str(data["code"])
    return _add_version(
        session,
        code,
        data,
        action="edit",
        author=agent.name,
        agent_id=agent.id,
        reason=text,
        effective_from=effective_from or utcnow(),
        based_on=based_on,
    )


def restore_version(
    session: Session,
    agent_id: int | None,
    code: str,
    version: int,
    *,
    reason: str,
    effective_from: datetime | None = None,
    based_on: int | None = None,
) -> int:
    """Make an old version's rules current again, as a new version (compliance role only);
    ``based_on`` as for :func:`save_market`."""
    agent = require_compliance(session, agent_id)
    text = _check_reason(reason)
    data = version_data(session, code, version)
    return _add_version(
        session,
        code,
        data,
        action="restore",
        author=agent.name,
        agent_id=agent.id,
        reason=text,
        effective_from=effective_from or utcnow(),
        restored_from=version,
        based_on=based_on,
    )


def mark_reviewed(
    session: Session,
    agent_id: int | None,
    code: str,
    *,
    reason: str = "Reviewed",
    today: date | None = None,
) -> int:
    """Record a review of *code*: a new version whose ``last_reviewed`` is today.

    ``today`` dates a review done earlier: it is then in force from that day's start
    (UTC), not from the moment it is recorded.
    """
    agent = require_compliance(session, agent_id)
    current = market_rules(session, code)
    if current is None:
        raise PolicyError(f"There are no rules for {code}.")
    data = current.data
    data["last_reviewed"] = (today or utcnow().date()).isoformat()
    in_force = utcnow() if today is None else datetime.combine(today, time(), tzinfo=UTC)
    return _add_version(
        session,
        code,
        data,
        action="review",
        author=agent.name,
        agent_id=agent.id,
        reason=_check_reason(reason),
        effective_from=in_force,
    )


# -- the pack as a file ----------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    kept: tuple[str, ...]  # in the store but not in the file: left as they are

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.changed)} changed",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.kept:
            parts.append(f"{len(self.kept)} not in the file and kept ({', '.join(self.kept)})")
        return ", ".join(parts)


def parse_pack(text: str) -> Json:
    """A pack from JSON text; :class:`PolicyValidationError` lists every problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyValidationError(
            [
                FieldError(
                    "(file)", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
                )
            ]
        ) from exc
    errors = validate_pack(data)
    if errors:
        raise PolicyValidationError(errors)
    assert isinstance(data, dict)
    return data


def read_pack_file(path: Path) -> Json:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyValidationError([FieldError("(file)", f"cannot read {path}: {exc}")]) from exc
    return parse_pack(text)


def load_seed_pack(path: Path = SEED_PACK) -> Json:
    return read_pack_file(path)


def export_pack(session: Session, now: datetime | None = None) -> Json:
    """The whole pack as in force at *now*, ready for ``json.dump``."""
    ensure_seed_pack(session)
    now = now or utcnow()
    markets = []
    for code in market_codes(session):
        rules = market_rules(session, code, now)
        if rules is not None:
            markets.append(rules.data)
    return {
        "schema_version": SCHEMA_VERSION,
        "notice": NOTICE,
        "review_period_days": review_period_days(session),
        "exported_at": now.isoformat(timespec="seconds"),
        "markets": markets,
    }


def import_pack(
    session: Session,
    pack: Any,
    *,
    actor: str,
    agent_id: int | None = None,
    reason: str = "Imported policy pack",
    now: datetime | None = None,
) -> ImportResult:
    """Bring the store in line with *pack* (validated first: nothing changes if it is bad).

    With *agent_id* the compliance role is required. Markets that differ get a
    new version (action ``import``); markets only in the store are kept.
    """
    errors = validate_pack(pack)
    if errors:
        raise PolicyValidationError(errors)
    if agent_id is not None:
        actor = require_compliance(session, agent_id).name
    now = now or utcnow()
    added: list[str] = []
    changed: list[str] = []
    unchanged: list[str] = []
    codes_in_file = []
    for market in pack["markets"]:
        code = market["code"]
        codes_in_file.append(code)
        current = market_rules(session, code, now)
        if current is not None and current.data == market:
            unchanged.append(code)
            continue
        (changed if current is not None else added).append(code)
        _add_version(
            session,
            code,
            dict(market),
            action="import",
            author=actor,
            agent_id=agent_id,
            reason=reason,
            effective_from=now,
        )
    _store_review_period(session, int(pack.get("review_period_days", DEFAULT_REVIEW_PERIOD_DAYS)))
    kept = tuple(code for code in market_codes(session) if code not in codes_in_file)
    return ImportResult(tuple(added), tuple(changed), tuple(unchanged), kept)


def ensure_seed_pack(session: Session, path: Path = SEED_PACK) -> bool:
    """Load the seed pack into a store that has no rules yet; True when it did.

    In a team store only someone who may write the rules loads it (``team init`` does, as
    the owner): an agent's seat opening a store without rules reads none, and does not
    try (and fail) to write them.
    """
    if session.scalar(select(PolicyVersion.id).limit(1)) is not None:
        return False
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
        sql("SELECT has_table_privilege('policy_versions', 'INSERT')")
    ):
        return False
    pack = load_seed_pack(path)
    epoch = datetime.fromisoformat("2000-01-01T00:00:00+00:00")
    for market in pack["markets"]:
        _add_version(
            session,
            market["code"],
            market,
            action="seed",
            author=SEED_AUTHOR,
            agent_id=None,
            reason="Seed pack shipped with the console",
            effective_from=epoch,
        )
    if session.get(PolicySetting, REVIEW_PERIOD_KEY) is None:
        _store_review_period(
            session, int(pack.get("review_period_days", DEFAULT_REVIEW_PERIOD_DAYS))
        )
    return True
