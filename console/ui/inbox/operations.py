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
from console.inbox.pages import Listing, Page, fetch_page, listing
from console.inbox.queries import (
    AgentSummary,
    FilterOptions,
    InboxFilter,
    filter_options,
    list_agents,
)
from console.privacy.masking import mask_listing, mask_page, masking_for
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
        found = listing(session, criteria, page_size)
        return mask_listing(found, masking_for(session), criteria.search)

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

    def op(session: Session) -> Page:
        return mask_page(fetch_page(session, frozen, search), masking_for(session), search)

    return QueryOp(parent=parent, op=op, success=success)


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
