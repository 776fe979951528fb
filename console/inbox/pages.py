"""What the inbox shows, read in one go: the ids a filter finds, and pages of rows (Qt-free).

The window's inbox runs these on the store lane; ``bench/team_load.py`` runs the
same functions in its seats, so what it measures is what an agent waits for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy.orm import Session

from console.inbox.queries import (
    SEARCH_RESULTS,
    InboxFilter,
    InboxRow,
    InboxView,
    SearchPlace,
    conversation_ids,
    inbox_rows,
    search_places,
    view_counts,
)
from console.inbox.search_excerpt import Excerpt, excerpt_of


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
    """What a filter finds: the ids in order (one more than the inbox lists when the filter
    finds too many), the first page's rows, and the open work per view."""

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


def listing(session: Session, criteria: InboxFilter, page_size: int) -> Listing:
    """The ids ``criteria`` finds (at most one more than the inbox lists, so it knows there
    are more: the first in the chosen order), the first ``page_size`` rows and the open
    work per view.

    Searched or not, the listing is bounded: a team store's whole inbox is 100,000s of
    conversations, and reading all their ids on every page cost seconds under load.
    """
    ids = conversation_ids(session, criteria, limit=SEARCH_RESULTS + 1)
    counts = view_counts(session, criteria.agent_id)
    return Listing(ids, fetch_page(session, tuple(ids[:page_size]), criteria.search), counts)
