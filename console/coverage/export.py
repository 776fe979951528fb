"""Exports of a coverage plan: CSV for spreadsheets, iCalendar (RFC 5545) per agent.

The calendars are written by hand: each shift is a weekly recurring event in
the shift's own zone (with a VTIMEZONE built from the tz database, so
calendar apps keep it at the same wall-clock time across DST changes), leave
days are EXDATEs of the shifts and all-day "leave" events, extra shifts are
one-off events.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from console.coverage.plan import AgentCoverage, CoveragePlan, ShiftExceptionView, ShiftView
from timezones.business_hours import parse_time
from timezones.wallclock import combine_local, load_zone

PRODID = "-//Support Console//Coverage planner//EN"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CSV_HEADER = (
    "market_code",
    "market_name",
    "market_languages",
    "agent",
    "agent_languages",
    "speaks_market_language",
    "weekday",
    "start",
    "end",
    "zone",
    "valid_from",
    "valid_until",
)


@dataclass(frozen=True)
class CalendarTitles:
    """Texts shown in the calendar apps (the UI passes them in the user's language)."""

    shift: str = "Support shift"
    leave: str = "Leave"
    extra: str = "Extra shift"
    no_market: str = "no market assigned"


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet will not run as a formula (OWASP CSV injection).

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
    prefixed with ``'``; a plain number such as ``-5`` or ``+3.5`` stays as it is.
    """
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _SafeWriter:
    """A csv writer whose every cell goes through :func:`safe_cell`."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\r\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])


def plan_csv(plan: CoveragePlan) -> str:
    """One row per market, assigned agent and weekly shift (markets without agents: one row).

    Cells that a spreadsheet would read as a formula are neutralised (:func:`safe_cell`).
    """
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(CSV_HEADER)
    for market in plan.markets:
        agents = plan.agents_of(market.id)
        base = [market.code, market.name, " ".join(market.languages)]
        if not agents:
            writer.writerow([*base, "", "", "", "", "", "", "", "", ""])
        for agent in agents:
            speaks = "yes" if agent.speaks_any(market.languages) else "no"
            person = [agent.name, " ".join(agent.languages), speaks]
            if not agent.shifts:
                writer.writerow([*base, *person, "", "", "", agent.zone, "", ""])
            for shift in agent.shifts:
                writer.writerow(
                    [
                        *base,
                        *person,
                        WEEKDAYS[shift.weekday],
                        shift.start,
                        shift.end,
                        shift.zone,
                        shift.valid_from.isoformat() if shift.valid_from else "",
                        shift.valid_until.isoformat() if shift.valid_until else "",
                    ]
                )
    return buffer.getvalue()


# -- iCalendar --------------------------------------------------------------------


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (never inside a UTF-8 sequence), CRLF-terminated."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    seconds = int((delta or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _transitions(tz: tzinfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end) where the zone's offset or DST flag changes."""

    def key(moment: datetime) -> tuple[timedelta | None, timedelta | None]:
        local = moment.astimezone(tz)
        return local.utcoffset(), local.dst()

    found = []
    moment = start
    while moment < end:
        following = moment + timedelta(days=1)
        if key(following) != key(moment):
            lo, hi = moment, following
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if key(mid) == key(lo):
                    lo = mid
                else:
                    hi = mid
            found.append(hi.replace(microsecond=0))
        moment = following
    return found


def vtimezone(zone: str, start: datetime, end: datetime) -> list[str]:
    """A VTIMEZONE for ``zone`` valid from ``start`` to ``end`` (explicit transitions)."""
    tz = load_zone(zone)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone}"]
    first = start.astimezone(tz)
    onsets: list[tuple[datetime, datetime]] = [(first, first)]  # (instant, before)
    for moment in _transitions(tz, start, end):
        onsets.append((moment.astimezone(tz), (moment - timedelta(seconds=1)).astimezone(tz)))
    for local, before in onsets:
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        offset_from = before.utcoffset()
        wall = (local.astimezone(UTC) + (offset_from or timedelta(0))).replace(tzinfo=None)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{_local(wall)}",
            f"TZOFFSETFROM:{_offset(offset_from)}",
            f"TZOFFSETTO:{_offset(local.utcoffset())}",
        ]
        name = local.tzname()
        if name and not re.fullmatch(r"[+-]\d+", name):
            lines.append(f"TZNAME:{escape_text(name)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return lines


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _shift_event(
    agent: AgentCoverage,
    shift: ShiftView,
    summary: str,
    description: str,
    since: date,
    stamp: datetime,
) -> list[str]:
    tz = load_zone(shift.zone)
    start_time, end_time = parse_time(shift.start), parse_time(shift.end)
    first = _first_on_or_after(max(since, shift.valid_from or since), shift.weekday)
    end_day = first + timedelta(days=1) if end_time <= start_time else first
    begin = datetime.combine(first, start_time)
    finish = datetime.combine(end_day, end_time)
    lines = [
        "BEGIN:VEVENT",
        f"UID:shift-{shift.id}-agent-{agent.id}@support-console",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART;TZID={shift.zone}:{_local(begin)}",
        f"DTEND;TZID={shift.zone}:{_local(finish)}",
    ]
    rule = f"RRULE:FREQ=WEEKLY;BYDAY={_BYDAY[shift.weekday]}"
    if shift.valid_until is not None:
        rule += f";UNTIL={_stamp(combine_local(shift.valid_until, time(23, 59, 59), tz))}"
    lines.append(rule)
    skipped = sorted(
        {
            day
            for leave in agent.exceptions
            if leave.kind == "leave"
            for day in _days(leave.first_day, leave.last_day)
            if day.weekday() == shift.weekday and day >= first
        }
    )
    if skipped:
        values = ",".join(_local(datetime.combine(day, start_time)) for day in skipped)
        lines.append(f"EXDATE;TZID={shift.zone}:{values}")
    lines += [f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(description)}"]
    lines.append("END:VEVENT")
    return lines


def _days(first: date, last: date) -> Iterable[date]:
    return (first + timedelta(days=n) for n in range((last - first).days + 1))


def _exception_event(
    agent: AgentCoverage, item: ShiftExceptionView, titles: CalendarTitles, stamp: datetime
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.kind}-{item.id}-agent-{agent.id}@support-console",
        f"DTSTAMP:{_stamp(stamp)}",
    ]
    if item.kind == "extra" and item.start and item.end:
        start_time, end_time = parse_time(item.start), parse_time(item.end)
        end_day = item.first_day + timedelta(days=1) if end_time <= start_time else item.first_day
        lines += [
            f"DTSTART;TZID={agent.zone}:{_local(datetime.combine(item.first_day, start_time))}",
            f"DTEND;TZID={agent.zone}:{_local(datetime.combine(end_day, end_time))}",
            f"SUMMARY:{escape_text(titles.extra)}",
        ]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{item.first_day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(item.last_day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(titles.leave)}",
            "TRANSP:TRANSPARENT",
        ]
    if item.note:
        lines.append(f"DESCRIPTION:{escape_text(item.note)}")
    lines.append("END:VEVENT")
    return lines


def agent_calendar(
    plan: CoveragePlan,
    agent: AgentCoverage,
    *,
    now: datetime,
    titles: CalendarTitles | None = None,
) -> str:
    """The agent's shifts, leave and extra shifts as one VCALENDAR (CRLF lines)."""
    titles = titles or CalendarTitles()
    markets = [m for m in plan.markets if (m.id, agent.id) in plan.assignments]
    covered = ", ".join(f"{m.code} ({m.name})" for m in markets) or titles.no_market
    codes = ", ".join(m.code for m in markets)
    summary = f"{titles.shift}: {codes}" if codes else titles.shift
    since = plan.week_start.date()
    zones = sorted({s.zone for s in agent.shifts} | {agent.zone})
    horizon_start = plan.week_start.astimezone(UTC) - timedelta(days=366)
    horizon_end = plan.week_start.astimezone(UTC) + timedelta(days=3 * 366)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'{titles.shift} – {agent.name}')}",
        f"X-WR-TIMEZONE:{agent.zone}",
    ]
    for zone in zones:
        lines += vtimezone(zone, horizon_start, horizon_end)
    for shift in agent.shifts:
        lines += _shift_event(agent, shift, summary, covered, since, now)
    for item in agent.exceptions:
        lines += _exception_event(agent, item, titles, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def _file_name(agent: AgentCoverage) -> str:
    slug = re.sub(r"[^\w]+", "-", agent.name, flags=re.UNICODE).strip("-").lower()
    return f"{agent.id:03d}-{slug or 'agent'}.ics"


def write_calendars(
    plan: CoveragePlan,
    folder: Path,
    *,
    now: datetime,
    titles: CalendarTitles | None = None,
) -> list[Path]:
    """One ``.ics`` file per agent in ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for agent in plan.agents:
        path = folder / _file_name(agent)
        path.write_bytes(agent_calendar(plan, agent, now=now, titles=titles).encode("utf-8"))
        written.append(path)
    return written


def write_csv(plan: CoveragePlan, path: Path) -> Path:
    path.write_text(plan_csv(plan), encoding="utf-8", newline="")
    return path
