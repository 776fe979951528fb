"""Store-wide defaults: a goodwill return window for every market without its own.

A compliance officer may set one return window (e.g. 30 days) that applies to
every market whose rules set no ``store_policy.return_window_days`` of their
own. It may never undercut a market's statutory withdrawal period:
:func:`set_store_return_window` rejects it with one :class:`FieldError` per
market it would undercut (in force now or scheduled). When the deadline is
worked out the later of the law and the store window still wins, so a market
whose law changes later is never shortened either.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.policies.rules import PolicyError, market_codes, require_compliance
from console.policies.schema import FieldError, PolicyValidationError
from console.store.models import utcnow
from console.store.policy_tables import PolicySetting, PolicyVersion

STORE_RETURN_WINDOW_KEY = "store_return_window_days"


def store_return_window(session: Session) -> int | None:
    """The store-wide return window in days, or None when none is set."""
    setting = session.get(PolicySetting, STORE_RETURN_WINDOW_KEY)
    if setting is None:
        return None
    days = setting.value.get("days")
    return int(days) if days is not None else None


def effective_return_window(
    data: Mapping[str, Any], default: int | None
) -> tuple[int | None, bool]:
    """The store return window for a market's rules: its own, else the default.

    Returns ``(days, from_default)``.
    """
    own = (data.get("store_policy") or {}).get("return_window_days")
    if own:
        return int(own), False
    return (default, True) if default else (None, False)


def _undercut(data: Mapping[str, Any], days: int) -> int | None:
    """The statutory withdrawal period *days* would undercut, or None."""
    if (data.get("store_policy") or {}).get("return_window_days"):
        return None  # the market's own window applies there
    withdrawal = data.get("withdrawal") or {}
    statutory = withdrawal.get("days")
    if withdrawal.get("applies") and statutory and days < int(statutory):
        return int(statutory)
    return None


def store_return_window_conflicts(
    session: Session, days: int, now: datetime | None = None
) -> list[FieldError]:
    """One error per market (rules in force or scheduled) whose law *days* would undercut."""
    now = now or utcnow()
    errors = []
    for code in market_codes(session):
        rows = session.scalars(
            select(PolicyVersion)
            .where(PolicyVersion.market_code == code)
            .order_by(PolicyVersion.version.desc())
        ).all()
        current = next((row for row in rows if row.effective_from <= now), None)
        relevant = [row for row in rows if row.effective_from > now]
        if current is not None:
            relevant.append(current)
        for row in relevant:
            statutory = _undercut(row.data, days)
            if statutory is None:
                continue
            name = str(row.data.get("name", code))
            when = "" if row is current else f" (v{row.version}, scheduled)"
            unit = (
                "working days" if row.data["withdrawal"].get("unit") == "business_days" else "days"
            )
            errors.append(
                FieldError(
                    code,
                    f"{days} days would undercut the statutory withdrawal period of "
                    f"{statutory} {unit} in {name}{when}",
                )
            )
            break
    return errors


def set_store_return_window(
    session: Session, agent_id: int | None, days: int | None, *, now: datetime | None = None
) -> None:
    """Set (or clear, with None) the store-wide return window; compliance staff only.

    :class:`PolicyValidationError` lists every market it would undercut.
    """
    agent = require_compliance(session, agent_id)
    if days is not None:
        if days < 1:
            raise PolicyError("The store return window must be at least one day.")
        errors = store_return_window_conflicts(session, days, now)
        if errors:
            raise PolicyValidationError(errors)
    setting = session.get(PolicySetting, STORE_RETURN_WINDOW_KEY)
    old = store_return_window(session)
    if setting is None:
        session.add(PolicySetting(key=STORE_RETURN_WINDOW_KEY, value={"days": days}))
    else:
        setting.value = {"days": days}
    audit.record(
        session,
        actor=agent.name,
        action="policy_store_return_window",
        entity="policy_pack",
        old=old,
        days=days,
    )
