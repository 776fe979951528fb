"""The inbox's store work, as named operations (console/ui/lanes/operations.py).

Reads of the inbox (its id list, pages of rows) and the background
translation's reads and writes; each function builds a :class:`QueryOp` or a
:class:`WriteOp` that the widget runs with ``.run(executor)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from console.changes import Changes
from console.inbox.queries import (
    SEARCH_RESULTS,
    AgentSummary,
    FilterOptions,
    InboxFilter,
    InboxRow,
    InboxView,
    SearchPlace,
    conversation_ids,
    filter_options,
    inbox_rows,
    list_agents,
    search_places,
    view_counts,
)
from console.inbox.search_excerpt import Excerpt, excerpt_of
from console.translations.background import (
    BackgroundReport,
    PendingKey,
    PendingMessage,
    load_pending,
    pending_keys,
    store_results,
    wanted_targets,
)
from console.translations.pipeline import MessageTranslation
from console.ui.lanes.operations import QueryOp, WriteOp, Wrote


@dataclasses.dataclass(frozen=True)
class SearchMatch:
    """Where the inbox search matched a conversation, and the words it matched there."""

    place: SearchPlace
    excerpt: Excerpt


@dataclasses.dataclass(frozen=True)
class Page:
    """Rows fetched together, and under a search where each of them matched."""

    rows: dict[int, InboxRow]
    matches: dict[int, SearchMatch]


@dataclasses.dataclass(frozen=True)
class Listing:
    """What a filter finds: the ids in order (one more than the inbox lists under a search
    that finds too many), the first page's rows, and the open work per view."""

    ids: list[int]
    first_page: Page
    counts: dict[InboxView, int]


def fetch_page(session: Session, ids: Sequence[int], search: str) -> Page:
    """The rows of *ids*; under a search, also each one's first matching place."""
    rows = inbox_rows(session, ids)
    if not search.strip():
        return Page(rows, {})
    matches = {
        # The inbox's subject column is narrow: the match near the start of its excerpt.
        conversation_id: SearchMatch(places[0], excerpt_of(places[0].text, search, before=4))
        for conversation_id, places in search_places(session, search, ids).items()
    }
    return Page(rows, matches)


def load_listing(
    *,
    parent: QObject,
    criteria: InboxFilter,
    page_size: int,
    success: Callable[[Listing], None],
) -> QueryOp[Listing]:
    """The ids ``criteria`` finds, with the first page's rows in the same job (the inbox
    shows filled rows at once, not after the jobs that opening a conversation queues)."""

    def op(session: Session) -> Listing:
        limit = SEARCH_RESULTS + 1 if criteria.search.strip() else None
        ids = conversation_ids(session, criteria, limit=limit)
        counts = view_counts(session, criteria.agent_id)
        return Listing(ids, fetch_page(session, tuple(ids[:page_size]), criteria.search), counts)

    return QueryOp(parent=parent, op=op, success=success)


def load_rows(
    *,
    parent: QObject,
    ids: Sequence[int],
    search: str,
    success: Callable[[Page], None],
) -> QueryOp[Page]:
    """The inbox rows of these conversations (and, under a search, where each matched)."""
    frozen = tuple(ids)
    return QueryOp(
        parent=parent, op=lambda session: fetch_page(session, frozen, search), success=success
    )


# -- translation ahead of time ----------------------------------------------------------------


def find_untranslated(
    *,
    parent: QObject,
    seat_language: str | None,
    first: Sequence[int],
    skip: frozenset[PendingKey],
    success: Callable[[list[PendingKey]], None],
) -> QueryOp[list[PendingKey]]:
    """What is waiting for a translation: conversations ``first`` (on screen) first, then
    newest first; ``skip``: tried already this session."""
    on_screen = list(first)

    def op(session: Session) -> list[PendingKey]:
        plan = wanted_targets(session, seat_language=seat_language)
        keys = pending_keys(session, plan, first=on_screen)
        return [key for key in keys if key not in skip]

    return QueryOp(parent=parent, op=op, success=success)


def load_untranslated_messages(
    *,
    parent: QObject,
    keys: Sequence[PendingKey],
    success: Callable[[list[PendingMessage]], None],
) -> QueryOp[list[PendingMessage]]:
    """The messages (and what detection needs) of one slice."""
    chosen = list(keys)
    return QueryOp(parent=parent, op=lambda session: load_pending(session, chosen), success=success)


def store_translations(
    *,
    parent: QObject,
    results: Sequence[tuple[PendingKey, MessageTranslation]],
    success: Callable[[BackgroundReport], None],
) -> WriteOp[BackgroundReport]:
    """Keep one slice's languages and translations; the bus hears which messages got one."""
    chosen = list(results)

    def op(session: Session) -> Wrote[BackgroundReport]:
        report = store_results(session, chosen)
        return Wrote(report, Changes(messages=frozenset(report.translated_messages)))

    return WriteOp(parent=parent, op=op, success=success)


# -- what the filters offer ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ReferenceData:
    """What the filter bar and the agent choosers offer."""

    options: FilterOptions
    agents: list[AgentSummary]


def load_reference_data(
    *, parent: QObject, success: Callable[[ReferenceData], None]
) -> QueryOp[ReferenceData]:
    """The channels, markets and languages to filter by, and the agents."""
    return QueryOp(
        parent=parent,
        op=lambda session: ReferenceData(filter_options(session), list_agents(session)),
        success=success,
    )
