"""Zone loading and wall-clock <-> UTC conversion with explicit DST rules.

Rules used everywhere in this package:

* A local time that does not exist (the spring-forward gap) maps to the first
  valid instant after it, i.e. the transition instant itself.
* An ambiguous local time (the fall-back overlap) maps to its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "combine_local",
    "is_valid_zone",
    "load_zone",
    "local_to_utc",
    "require_aware",
    "zone_name",
]


def require_aware(value: datetime, name: str = "datetime") -> None:
    """Raise ValueError unless *value* is a timezone-aware datetime."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{name} must be timezone-aware (got naive {value.isoformat()}); "
            "attach a zone, e.g. dt.replace(tzinfo=ZoneInfo('Europe/Berlin')) or tzinfo=UTC"
        )


@lru_cache(maxsize=1024)
def _load(name: str) -> ZoneInfo | None:
    if not name or name != name.strip() or name.startswith(("/", ".")) or "\\" in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return None


def is_valid_zone(name: object) -> bool:
    """True if *name* is an IANA zone name that zoneinfo can load."""
    return isinstance(name, str) and _load(name) is not None


def load_zone(zone: str | tzinfo) -> tzinfo:
    """A tzinfo for *zone* (an IANA name or a tzinfo); ValueError if unknown."""
    if isinstance(zone, tzinfo):
        return zone
    if not isinstance(zone, str):
        raise TypeError(f"zone must be an IANA zone name, got {type(zone).__name__}")
    loaded = _load(zone)
    if loaded is None:
        raise ValueError(f"unknown time zone {zone!r} (expected an IANA name like 'Europe/Paris')")
    return loaded


def zone_name(zone: str | tzinfo) -> str:
    """The IANA name of *zone* when it has one, else its str()."""
    if isinstance(zone, str):
        return zone
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def _offset(instant: datetime, tz: tzinfo) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    return offset if offset is not None else timedelta(0)


def local_to_utc(local: datetime, tz: tzinfo) -> datetime:
    """Convert a naive wall-clock time in *tz* to an aware UTC datetime.

    Nonexistent times go to the first valid instant after the gap; ambiguous
    times use their first occurrence.
    """
    naive = local.replace(tzinfo=None, fold=0)
    first = naive.replace(tzinfo=tz, fold=0)
    utc = first.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) == naive:
        return utc  # exists; fold=0 is the first occurrence when ambiguous
    # In the gap: the transition lies between the two readings of the time.
    before = first.utcoffset() or timedelta(0)
    after = naive.replace(tzinfo=tz, fold=1).utcoffset() or timedelta(0)
    lo = (naive - max(before, after)).replace(tzinfo=UTC)
    hi = (naive - min(before, after)).replace(tzinfo=UTC)
    start_offset = _offset(lo, tz)
    lo_s, hi_s = 0, int((hi - lo).total_seconds())
    # Smallest second in (lo, hi] whose offset differs from lo's.
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if _offset(lo + timedelta(seconds=mid), tz) == start_offset:
            lo_s = mid
        else:
            hi_s = mid
    return lo + timedelta(seconds=hi_s)


def combine_local(day: date, at: time, tz: tzinfo) -> datetime:
    """UTC instant of wall-clock *at* on *day* in *tz* (gap/overlap rules above)."""
    return local_to_utc(datetime.combine(day, at), tz)
