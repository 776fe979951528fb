"""Checking the audit log's hash chain (Qt-free; ``support-console audit verify``, the viewer).

Walks the log in id order a batch at a time (a million entries never sit in memory),
recomputes each entry's hash from the text the store holds
(``console/store/audit_hash.py``) and follows the links. The first entry that does
not hold is named with what is wrong:

* ``audit.entry_altered``: its content (or its link) no longer gives its hash;
* ``audit.entries_missing``: it links to an entry that is not there (entries between
  it and the one kept before it, or before it at the start, were removed);
* ``audit.link_broken``: it links to another hash than the entry before it has
  (one of the two was rewritten, hash and all);
* ``audit.entry_unchained``: it has no hash at all (written around the store);
* ``audit.entries_missing_at_end``: the log ends before the entry the chain's head
  records as the last;
* ``audit.head_altered`` / ``audit.head_missing``: the head disagrees with the last
  entry, or is gone.

Entries written while the check runs are not checked: it reads the head first and
checks the log up to it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from console.problems import Problem, define, problem
from console.store import Store
from console.store.audit_hash import GENESIS, PG_AT_FORMAT, entry_hash

ENTRY_ALTERED = define(
    "audit.entry_altered",
    "Audit entry {id} ({at}) was altered: its content no longer matches its hash.",
)
ENTRIES_MISSING = define(
    "audit.entries_missing",
    "Audit entries are missing before entry {id} ({at}): it links to an entry that is no "
    "longer in the log (the entry kept before it is {previous}).",
)
LINK_BROKEN = define(
    "audit.link_broken",
    "Audit entry {id} ({at}) does not link to entry {previous} before it: one of the two "
    "was rewritten.",
)
ENTRY_UNCHAINED = define(
    "audit.entry_unchained",
    "Audit entry {id} ({at}) has no hash: it was written around the store's chain.",
)
MISSING_AT_END = define(
    "audit.entries_missing_at_end",
    "Audit entries are missing at the end of the log: the last entry is {id} ({at}), "
    "the chain records entry {last} as the last.",
)
HEAD_ALTERED = define(
    "audit.head_altered",
    "The last audit entry {id} ({at}) does not match the hash the chain records for the "
    "end of the log: it was rewritten.",
)
HEAD_MISSING = define(
    "audit.head_missing",
    "The audit chain's head is missing, so the end of the log cannot be checked.",
)

BATCH = 20_000
#: How ``previous`` reads when no entry is kept before the broken one.
NONE = "none"


@dataclass(frozen=True)
class ChainBreak:
    """The first entry that does not hold (``entry_id`` None: the head itself)."""

    entry_id: int | None
    at: datetime | None
    problem: Problem


@dataclass(frozen=True)
class ChainReport:
    #: Entries whose hash and link held, in id order before the break (all when intact).
    checked: int
    broken: ChainBreak | None
    seconds: float

    @property
    def intact(self) -> bool:
        return self.broken is None


#: Called every batch with the number of entries checked so far; returns False to stop.
Progress = Callable[[int], bool]


class VerifyCancelled(Exception):
    """The progress callback asked to stop."""


def verify_store(store: Store, *, progress: Progress | None = None) -> ChainReport:
    """Check the chain of ``store``'s audit log (see the module text)."""
    with store.engine.connect() as connection:
        return verify_connection(connection, progress=progress)


def verify_connection(connection: Connection, *, progress: Progress | None = None) -> ChainReport:
    started = time.monotonic()
    postgresql = connection.dialect.name == "postgresql"
    head = connection.execute(
        text("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1")
    ).first()
    if head is None:
        return ChainReport(
            0, ChainBreak(None, None, problem(HEAD_MISSING)), time.monotonic() - started
        )
    last_id: int | None = head[0]
    last_hash: str = head[1]
    if postgresql:
        at_format = PG_AT_FORMAT.replace(":", "\\:")
        columns = f"id, to_char(at, '{at_format}'), actor, action, entity, entity_id, detail::text"
    else:
        columns = "id, CAST(at AS TEXT), actor, action, entity, entity_id, CAST(detail AS TEXT)"
    query = text(
        f"SELECT {columns}, prev_hash, hash FROM audit_log "
        "WHERE id > :after AND id <= :last ORDER BY id LIMIT :n"
    )
    checked = 0
    expected = GENESIS
    previous_id: int | None = None
    previous_at = ""
    after = 0
    bound = last_id if last_id is not None else 0

    def broken(code: str, entry_id: int | None, at: str, **values: object) -> ChainReport:
        when = _parse_at(at)
        shown = {"id": entry_id, "at": _show_at(when, at), **values}
        return ChainReport(
            checked, ChainBreak(entry_id, when, problem(code, **shown)), time.monotonic() - started
        )

    while True:
        rows = connection.execute(query, {"after": after, "last": bound, "n": BATCH}).all()
        if not rows:
            break
        for entry_id, at, actor, action, entity, target, detail, prev_hash, stored in rows:
            if stored is None or prev_hash is None:
                return broken(ENTRY_UNCHAINED, entry_id, at)
            if entry_hash(at, actor, action, entity, target, detail, prev_hash) != stored:
                return broken(ENTRY_ALTERED, entry_id, at)
            if prev_hash != expected:
                if previous_id is None or entry_id != previous_id + 1:
                    return broken(
                        ENTRIES_MISSING,
                        entry_id,
                        at,
                        previous=NONE if previous_id is None else previous_id,
                    )
                return broken(LINK_BROKEN, entry_id, at, previous=previous_id)
            expected, previous_id, previous_at = stored, entry_id, at
            checked += 1
        after = rows[-1][0]
        if progress is not None and not progress(checked):
            raise VerifyCancelled
    if previous_id != last_id:
        if previous_id is None:  # the head names an entry, none is left
            return broken(MISSING_AT_END, None, "", last=last_id)
        return broken(MISSING_AT_END, previous_id, previous_at, last=last_id)
    if expected != last_hash:
        if previous_id is None:
            return broken(HEAD_ALTERED, None, "")
        return broken(HEAD_ALTERED, previous_id, previous_at)
    return ChainReport(checked, None, time.monotonic() - started)


def _parse_at(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at).replace(tzinfo=UTC)
    except ValueError:
        return None


def _show_at(when: datetime | None, at: str) -> str:
    if when is None:
        return at or "?"
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")
