"""The reply library: one entry per answer, a variant per language (Qt-free).

An entry has a category, keywords and a *source language*; its variant in that
language is the one the others follow. Each variant carries a ``version`` that
goes up when its text changes. A translated variant remembers the source's
version when a person approved it (or when it was drafted): once the source
moves on, the variant is *stale*. A missing variant can be drafted by machine
translation with the ``{variables}`` kept out of the engine's hands; it stays a
*machine draft* until someone approves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from console.policies.classifier import RequestKind, classify, fold
from console.policies.view import VARIABLES as POLICY_VARIABLES
from console.problems import ProblemError, define, problem
from console.store.models import Agent, Market, utcnow
from console.store.reply_tables import APPROVED, MACHINE_DRAFT, ReplyEntry, ReplyVariant
from translation.engines import TranslationError
from translation.protect import Glossary, GlossaryTerm
from translation.translator import Translator, normalize_code

#: Variables every reply may use besides the policy facts.
CONVERSATION_VARIABLES = ("customer_name", "order_number", "tracking_number")
VARIABLES = CONVERSATION_VARIABLES + tuple(POLICY_VARIABLES)
STATUSES = (APPROVED, MACHINE_DRAFT)
_VARIABLE = re.compile(r"\{([a-z_]+)\}")

#: Categories offered for the request kinds the classifier finds.
RETURN_CATEGORY = "return"
DATA_REQUEST_CATEGORY = "data_request"
SUGGESTED_CATEGORIES = {
    RequestKind.WITHDRAWAL: RETURN_CATEGORY,
    RequestKind.DATA_ACCESS: DATA_REQUEST_CATEGORY,
    RequestKind.DATA_DELETION: DATA_REQUEST_CATEGORY,
    RequestKind.DATA_CORRECTION: DATA_REQUEST_CATEGORY,
}

NO_ENTRY = define("replies.no_entry", "The reply you chose is no longer in the library.")
NO_SOURCE = define(
    "replies.no_source",
    "The reply \u201c{reply}\u201d has no text in its source language ({language}) "
    "to translate from.",
)
NO_DRAFT_ROUTE = define(
    "replies.no_draft_route",
    "No installed translation model for {source} \u2192 {target}, so the reply "
    "\u201c{reply}\u201d cannot be drafted in that language.",
)
DRAFT_FAILED = define(
    "replies.draft_failed",
    "The translation engine could not draft the reply \u201c{reply}\u201d in {target}.",
)
DRAFT_LOST_VARIABLES = define(
    "replies.draft_lost_variables",
    "The machine translation of the reply \u201c{reply}\u201d lost {variables}; "
    "the draft was not saved.",
)
KEY_TAKEN = define(
    "replies.key_taken", "The library already has a reply named \u201c{reply}\u201d."
)
EMPTY_TEXT = define(
    "replies.empty_text", "The reply \u201c{reply}\u201d needs a text in {language}."
)


@dataclass(frozen=True)
class VariantView:
    language: str
    text: str
    status: str  # "approved" | "machine_draft"
    stale: bool  # the source variant changed since this one was approved or drafted
    is_source: bool

    @property
    def machine_draft(self) -> bool:
        return self.status == MACHINE_DRAFT


@dataclass(frozen=True)
class EntryView:
    id: int
    key: str
    category: str
    keywords: tuple[str, ...]
    source_language: str
    variants: Mapping[str, VariantView]

    def variant(self, language: str | None) -> VariantView | None:
        """The variant in *language* (``pt-BR`` falls back to ``pt``), or None."""
        if not language:
            return None
        code = normalize_code(language)
        return self.variants.get(code) or self.variants.get(code.split("-")[0])

    @property
    def title(self) -> str:
        return self.key.replace("_", " ")

    def haystack(self) -> str:
        """Everything the palette's filter looks through, folded."""
        parts = [self.key, self.category, *self.keywords]
        parts.extend(variant.text for variant in self.variants.values())
        return fold(" \n ".join(parts))


def variables_in(text: str) -> list[str]:
    """The ``{variables}`` a text uses, in order, each once."""
    return list(dict.fromkeys(_VARIABLE.findall(text)))


def is_stale(variant: ReplyVariant, source: ReplyVariant | None) -> bool:
    if source is None or variant is source or variant.language == source.language:
        return False
    return (
        variant.approved_source_version is not None
        and variant.approved_source_version != source.version
    )


def _source_of(entry: ReplyEntry) -> ReplyVariant | None:
    return next((v for v in entry.variants if v.language == entry.source_language), None)


def view(entry: ReplyEntry) -> EntryView:
    source = _source_of(entry)
    return EntryView(
        id=entry.id,
        key=entry.key,
        category=entry.category,
        keywords=tuple(entry.keywords or ()),
        source_language=entry.source_language,
        variants={
            v.language: VariantView(
                v.language,
                v.text,
                v.status,
                is_stale(v, source),
                v.language == entry.source_language,
            )
            for v in entry.variants
        },
    )


def list_entries(session: Session) -> list[EntryView]:
    """Every entry of the library, by category then key."""
    entries = session.scalars(
        select(ReplyEntry)
        .options(selectinload(ReplyEntry.variants))
        .order_by(ReplyEntry.category, ReplyEntry.key)
    ).all()
    return [view(entry) for entry in entries]


def _entry(session: Session, entry_id: int) -> ReplyEntry:
    entry = session.get(ReplyEntry, entry_id, options=[selectinload(ReplyEntry.variants)])
    if entry is None:
        raise ProblemError(problem(NO_ENTRY))
    return entry


def save_entry(
    session: Session,
    key: str,
    *,
    category: str,
    keywords: Sequence[str] = (),
    source_language: str,
    variants: Mapping[str, str],
    by: str = "",
    now: datetime | None = None,
) -> ReplyEntry:
    """Create or update the entry *key*; the given variants are written by a person (approved)."""
    now = now or utcnow()
    source_language = normalize_code(source_language)
    entry = session.scalars(
        select(ReplyEntry).options(selectinload(ReplyEntry.variants)).where(ReplyEntry.key == key)
    ).first()
    if entry is None:
        entry = ReplyEntry(key=key, category=category, keywords=list(keywords),
                           source_language=source_language, updated_at=now)  # fmt: skip
        session.add(entry)
    else:
        entry.category, entry.keywords = category, list(keywords)
        entry.source_language, entry.updated_at = source_language, now
    texts = {normalize_code(language): text for language, text in variants.items()}
    if source_language in texts:  # the source first: the others are approved against it
        set_variant(session, entry, source_language, texts.pop(source_language), by=by, now=now)
    for language, text in sorted(texts.items()):
        set_variant(session, entry, language, text, by=by, now=now)
    session.flush()
    return entry


def create_entry(
    session: Session,
    key: str,
    *,
    category: str,
    source_language: str,
    text: str,
    by: str = "",
) -> ReplyEntry:
    """A new reply written by a person in *source_language*; an existing name is refused."""
    if session.scalar(select(ReplyEntry.id).where(ReplyEntry.key == key)) is not None:
        raise ProblemError(problem(KEY_TAKEN, reply=key))
    return save_entry(session, key, category=category, source_language=source_language,
                      variants={source_language: text}, by=by)  # fmt: skip


def set_variant(
    session: Session,
    entry: ReplyEntry | int,
    language: str,
    text: str,
    *,
    status: str = APPROVED,
    by: str = "",
    now: datetime | None = None,
) -> ReplyVariant:
    """Write the variant of *entry* in *language*: approved by a person unless *status* says."""
    if isinstance(entry, int):
        entry = _entry(session, entry)
    language = normalize_code(language)
    if not text.strip():
        raise ProblemError(problem(EMPTY_TEXT, reply=entry.key, language=language))
    now = now or utcnow()
    variant = next((v for v in entry.variants if v.language == language), None)
    if variant is None:
        variant = ReplyVariant(language=language, text=text, status=status, version=1)
        entry.variants.append(variant)
    elif variant.text != text:
        variant.text, variant.version = text, variant.version + 1
    variant.status, variant.updated_at = status, now
    if status == APPROVED:
        variant.approved_by = by
    source = _source_of(entry)
    if language == entry.source_language:
        variant.approved_source_version = None
    elif source is not None:
        variant.approved_source_version = source.version
    entry.updated_at = now
    session.flush()
    return variant


def approve_variant(
    session: Session, entry_id: int, language: str, *, by: str = "", now: datetime | None = None
) -> ReplyVariant:
    """A person checked the variant against the current source: approved, no longer stale."""
    entry = _entry(session, entry_id)
    variant = next((v for v in entry.variants if v.language == normalize_code(language)), None)
    if variant is None:
        raise ProblemError(problem(EMPTY_TEXT, reply=entry.key, language=language))
    return set_variant(session, entry, variant.language, variant.text, by=by, now=now)


def _protected(text: str) -> Glossary:
    """Each ``{variable}`` of *text* as a term the engine never sees."""
    return Glossary.of(GlossaryTerm("{" + name + "}") for name in variables_in(text))


def draft_text(translator: Translator, text: str, source: str, target: str, reply: str) -> str:
    """*text* machine-translated into *target* with its ``{variables}`` intact."""
    if not translator.can_translate(source, target):
        raise ProblemError(problem(NO_DRAFT_ROUTE, source=source, target=target, reply=reply))
    glossary = Glossary(translator.glossary.terms + _protected(text).terms)
    try:
        translated = translator.translate(text, source, target, glossary=glossary).text
    except TranslationError as exc:
        raise ProblemError(problem(DRAFT_FAILED, reply=reply, target=target)) from exc
    lost = [name for name in variables_in(text) if "{" + name + "}" not in translated]
    if lost:
        names = ", ".join("{" + name + "}" for name in lost)
        raise ProblemError(problem(DRAFT_LOST_VARIABLES, reply=reply, variables=names))
    return translated


def draft_variant(
    session: Session,
    translator: Translator,
    entry_id: int,
    language: str,
    *,
    now: datetime | None = None,
) -> ReplyVariant:
    """Draft the variant in *language* from the source variant, marked machine draft."""
    entry = _entry(session, entry_id)
    source = _source_of(entry)
    if source is None:
        raise ProblemError(problem(NO_SOURCE, reply=entry.key, language=entry.source_language))
    target = normalize_code(language)
    text = draft_text(translator, source.text, source.language, target, entry.key)
    return set_variant(session, entry, target, text, status=MACHINE_DRAFT, now=now)


@dataclass(frozen=True)
class DraftSource:
    """What drafting a variant needs from the store, so the engine runs off the store lane."""

    entry_id: int
    key: str
    language: str
    text: str
    version: int


def draft_source(session: Session, entry_id: int) -> DraftSource:
    """The source variant of *entry_id*, to translate (see :func:`save_draft`)."""
    entry = _entry(session, entry_id)
    source = _source_of(entry)
    if source is None:
        raise ProblemError(problem(NO_SOURCE, reply=entry.key, language=entry.source_language))
    return DraftSource(entry.id, entry.key, source.language, source.text, source.version)


def save_draft(
    session: Session, source: DraftSource, language: str, text: str, *, now: datetime | None = None
) -> ReplyVariant:
    """Store a machine draft made from *source*: stale at once if the source moved on since."""
    variant = set_variant(session, source.entry_id, language, text, status=MACHINE_DRAFT, now=now)
    variant.approved_source_version = source.version
    session.flush()
    return variant


def library_languages(session: Session) -> list[str]:
    """The languages the library should speak: the markets', the agents' and those it has."""
    languages: set[str] = set()
    for (spoken,) in session.execute(select(Market.languages)):
        languages.update(spoken or ())
    for (spoken,) in session.execute(select(Agent.languages)):
        languages.update(spoken or ())
    languages.update(session.scalars(select(ReplyVariant.language).distinct()))
    return sorted({normalize_code(language) for language in languages if language})


def draft_missing(
    session: Session, translator: Translator, languages: Iterable[str]
) -> list[tuple[str, str]]:
    """Draft every missing variant in *languages* the installed engines can translate.

    Returns ``(entry key, language)`` for each draft written.
    """
    written: list[tuple[str, str]] = []
    targets = [normalize_code(language) for language in languages]
    for entry in session.scalars(
        select(ReplyEntry).options(selectinload(ReplyEntry.variants)).order_by(ReplyEntry.key)
    ):
        source = _source_of(entry)
        have = {v.language for v in entry.variants}
        for target in targets:
            if source is None or target in have:
                continue
            if not translator.can_translate(source.language, target):
                continue
            try:
                draft_variant(session, translator, entry.id, target)
            except ProblemError:
                continue
            written.append((entry.key, target))
    return written


# -- finding -----------------------------------------------------------------------------


def search(entries: Sequence[EntryView], query: str) -> list[EntryView]:
    """Entries matching every word of *query* in any language (key, category, keywords, texts)."""
    words = fold(query).split()
    if not words:
        return list(entries)
    return [entry for entry in entries if all(word in entry.haystack() for word in words)]


def suggested_categories(texts: Iterable[str | None]) -> list[str]:
    """Library categories for what the customer asks (a return, a data request)."""
    found = classify(texts)
    return list(dict.fromkeys(SUGGESTED_CATEGORIES[kind] for kind in found.kinds))


def suggest(entries: Sequence[EntryView], texts: Iterable[str | None]) -> list[EntryView]:
    """The entries of the categories the customer's words ask for."""
    categories = suggested_categories(texts)
    return [entry for c in categories for entry in entries if entry.category == c]


def render(text: str, variables: Mapping[str, str]) -> str:
    """Fill the ``{variables}`` that have a value; the others stay as typed."""

    def substitute(match: re.Match[str]) -> str:
        value = variables.get(match.group(1))
        return value if value else match.group(0)

    return _VARIABLE.sub(substitute, text)
