"""Translating stored inbound messages ahead of time, into the languages people will read.

Which languages: those of the agents who serve the conversation's market (the
coverage planner's market assignments and each agent's languages), plus the
seat's UI language for every conversation; or the languages given with
``translate-pending --to``. Which messages first: those of the given
conversations (the ones on screen), then newest first.

The work is cut in slices: the store says what is pending (ids only), each
slice's texts are read in one transaction, translated as a batch through the
pipeline (off the store), and stored in one transaction. The UI runs the
slices at low priority on its translation thread; ``translate-pending`` runs
them in a loop (Qt-free).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from console.store import Store
from console.store.coverage_tables import MarketAssignment
from console.store.models import Agent, Conversation, Direction, Message, Translation
from console.translations.pipeline import MessageTranslation, translate_messages
from console.translations.service import (
    DetectionContext,
    TranslationRequest,
    detection_context,
    record_detection,
    save_translation,
)
from translation.detect import UNDETERMINED
from translation.translator import Translator, normalize_code

#: Messages per slice: small, so live work never waits long behind one.
SLICE = 16

#: target language -> the market ids it is wanted for (None: every conversation).
TargetPlan = dict[str, frozenset[int] | None]
Targets = Mapping[str, frozenset[int] | None]

_NO_CONTEXT = DetectionContext(candidates=(), earlier_languages=(), country=None)


def wanted_targets(
    session: Session,
    *,
    seat_language: str | None = None,
    only: Iterable[str] | None = None,
) -> TargetPlan:
    """The languages to translate into, and for which markets' conversations.

    *only* (``--to``) replaces the agents' languages: every conversation, into those.
    """
    if only is not None:
        return {normalize_code(code): None for code in only if code.strip()}
    markets: dict[str, set[int]] = {}
    rows = session.execute(
        select(MarketAssignment.market_id, Agent.languages).join(
            Agent, Agent.id == MarketAssignment.agent_id
        )
    )
    for market_id, languages in rows:
        for code in languages or ():
            if code and code.strip():
                markets.setdefault(normalize_code(code), set()).add(market_id)
    plan: TargetPlan = {code: frozenset(ids) for code, ids in sorted(markets.items())}
    if seat_language and seat_language.strip():
        plan[normalize_code(seat_language)] = None
    return plan


@dataclass(frozen=True, order=True)
class PendingKey:
    """One message that should be translated into one language."""

    message_id: int
    target: str


@dataclass(frozen=True)
class PendingMessage:
    key: PendingKey
    conversation_id: int
    request: TranslationRequest
    context: DetectionContext  # only used when the language is not known yet


def pending_keys(
    session: Session,
    plan: Targets,
    *,
    first: Collection[int] = (),
    limit: int | None = None,
) -> list[PendingKey]:
    """What is still to translate: messages of *first* conversations first, then newest first.

    A message is pending for a target when it is inbound, has text, is not already
    in that language (nor undetermined) and has no stored translation into it.
    """
    first_ids = [int(cid) for cid in first]
    ranked: list[tuple[int, datetime, int, int, PendingKey]] = []
    for order, (target, markets) in enumerate(plan.items()):
        if markets is not None and not markets:
            continue
        translated = select(Translation.id).where(
            Translation.message_id == Message.id, Translation.target_language == target
        )
        rank = (
            case((Message.conversation_id.in_(first_ids), literal(0)), else_=literal(1))
            if first_ids
            else literal(1)
        )
        query = (
            select(rank, Message.sent_at, Message.id)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(
                Message.direction == Direction.INBOUND,
                func.length(func.trim(Message.text)) > 0,
                or_(
                    Message.language.is_(None),
                    and_(Message.language != target, Message.language != UNDETERMINED),
                ),
                ~translated.exists(),
            )
            .order_by(rank, Message.sent_at.desc(), Message.id.desc())
        )
        if markets is not None:
            query = query.where(Conversation.market_id.in_(sorted(markets)))
        if limit is not None:
            query = query.limit(limit)
        for first_rank, sent_at, message_id in session.execute(query):
            ranked.append((first_rank, sent_at, message_id, order, PendingKey(message_id, target)))
    # Newest first: negate the time by sorting on it reversed within each rank.
    ranked.sort(key=lambda item: (item[0], -item[1].timestamp(), -item[2], item[3]))
    keys = [item[4] for item in ranked]
    return keys if limit is None else keys[:limit]


def load_pending(session: Session, keys: Sequence[PendingKey]) -> list[PendingMessage]:
    """The texts (and detection contexts) of *keys*, in their order; gone messages left out."""
    ids = sorted({key.message_id for key in keys})
    rows = {
        row.id: row
        for row in session.execute(
            select(
                Message.id,
                Message.conversation_id,
                Message.text,
                Message.language,
                Message.language_confidence,
            ).where(Message.id.in_(ids))
        )
    }
    contexts: dict[int, DetectionContext] = {}
    pending: list[PendingMessage] = []
    for key in keys:
        row = rows.get(key.message_id)
        if row is None:
            continue
        context = _NO_CONTEXT
        if row.language is None:
            if row.conversation_id not in contexts:
                contexts[row.conversation_id] = detection_context(session, row.conversation_id)
            context = contexts[row.conversation_id]
        request = TranslationRequest(row.id, row.text, row.language, row.language_confidence)
        pending.append(PendingMessage(key, row.conversation_id, request, context))
    return pending


def translate_slice(
    translator: Translator, items: Sequence[PendingMessage]
) -> list[tuple[PendingKey, MessageTranslation]]:
    """Off the store: one batch per (target, detection context), results in the items' order."""
    groups: dict[tuple[str, DetectionContext], list[int]] = {}
    for position, item in enumerate(items):
        groups.setdefault((item.key.target, item.context), []).append(position)
    results: list[tuple[PendingKey, MessageTranslation] | None] = [None] * len(items)
    for (target, context), positions in groups.items():
        requests = [items[p].request for p in positions]
        translated = translate_messages(translator, requests, target, context)
        by_id = {result.message_id: result for result in translated}
        for p in positions:
            result = by_id.get(items[p].request.message_id)
            if result is not None:
                results[p] = (items[p].key, result)
    return [result for result in results if result is not None]


@dataclass
class TargetCounts:
    translated: int = 0
    same_language: int = 0  # detected as already in the target language
    no_model: int = 0  # no installed engine covers the pair
    undetermined: int = 0  # the language could not be detected
    failed: int = 0  # the engine failed

    def add(self, other: TargetCounts) -> None:
        self.translated += other.translated
        self.same_language += other.same_language
        self.no_model += other.no_model
        self.undetermined += other.undetermined
        self.failed += other.failed

    @property
    def handled(self) -> int:
        return (
            self.translated + self.same_language + self.no_model + self.undetermined + self.failed
        )


@dataclass
class BackgroundReport:
    """What a run did, per target language."""

    targets: dict[str, TargetCounts] = field(default_factory=dict)
    #: Messages that got a stored translation (into any target).
    translated_messages: set[int] = field(default_factory=set)

    def counts(self, target: str) -> TargetCounts:
        return self.targets.setdefault(target, TargetCounts())

    def merge(self, other: BackgroundReport) -> None:
        for target, counts in other.targets.items():
            self.counts(target).add(counts)
        self.translated_messages |= other.translated_messages

    @property
    def total(self) -> TargetCounts:
        total = TargetCounts()
        for counts in self.targets.values():
            total.add(counts)
        return total


def store_results(
    session: Session, results: Iterable[tuple[PendingKey, MessageTranslation]]
) -> BackgroundReport:
    """On the store: detected languages and translations kept; what happened counted."""
    report = BackgroundReport()
    for key, result in results:
        counts = report.counts(key.target)
        if result.detection is not None:
            language = result.language or UNDETERMINED
            record_detection(session, result.message_id, language, result.detection.confidence)
        if result.translation is not None:
            saved = save_translation(
                session,
                result.message_id,
                key.target,
                engine=result.translation.engine,
                engine_version=result.engine_version,
                text=result.translation.text,
            )
            if saved is not None:
                counts.translated += 1
                report.translated_messages.add(result.message_id)
        elif result.no_route is not None:
            counts.no_model += 1
        elif result.language is None:
            counts.undetermined += 1
        elif result.problem is None:
            counts.same_language += 1
        else:
            counts.failed += 1
    return report


def slices(keys: Sequence[PendingKey], size: int = SLICE) -> list[list[PendingKey]]:
    return [list(keys[start : start + size]) for start in range(0, len(keys), size)]


def translate_pending(
    store: Store,
    translator: Translator,
    plan: Targets,
    *,
    first: Collection[int] = (),
    slice_size: int = SLICE,
    after_slice: Callable[[BackgroundReport], None] | None = None,
) -> BackgroundReport:
    """Translate and store everything pending (headless: ``translate-pending``)."""
    report = BackgroundReport()
    for target in plan:
        report.counts(target)
    with store.session() as session:
        keys = pending_keys(session, plan, first=first)
    for keys_slice in slices(keys, slice_size):
        with store.session() as session:
            items = load_pending(session, keys_slice)
        results = translate_slice(translator, items)
        with store.session() as session:
            done = store_results(session, results)
        report.merge(done)
        if after_slice is not None:
            after_slice(done)
    return report
