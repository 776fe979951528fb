"""Generate the demo store from the phrase corpus in ``resources/demo``.

Deterministic: the same seed and corpus give the same store, byte for byte in
content. Every message goes in through the real ingest path; the demo only
adds what a real store would have learned over time (assignees, statuses,
read markers).
"""

from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from console.coverage.demo_rota import seed_demo_rota
from console.inbox.ingest import ingest
from console.incoming import CustomerInfo, IncomingMessage
from console.kpis.facts import record_resolved
from console.paths import RESOURCES_DIR
from console.policies import ensure_seed_pack
from console.quality import ensure_default_rubric, sample_weeks
from console.replies.exchange import import_library, read_library_file
from console.routing import route_pending
from console.store import Store, open_store, sqlite_url
from console.store.models import (
    Agent,
    AgentRole,
    ChannelKind,
    Conversation,
    ConversationStatus,
    Direction,
    Market,
    Priority,
)

DEMO_SEED = 20261122
#: The demo's "now": conversations happened in the weeks before it.
DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DEMO_CONVERSATIONS = 360
CORPUS_DIR = RESOURCES_DIR / "demo"

MARKETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NA", "North America", ("US", "CA")),
    ("UKI", "UK & Ireland", ("GB", "IE")),
    ("DACH", "DACH", ("DE", "AT", "CH")),
    ("FRBNL", "France & Benelux", ("FR", "BE", "NL", "LU")),
    ("IBERIA", "Iberia", ("ES", "PT")),
    ("IT", "Italy", ("IT",)),
    ("CEE", "Poland & Central Europe", ("PL", "CZ")),
    ("TR", "Türkiye", ("TR",)),
    ("RU", "Russia & CIS", ("RU", "KZ")),
    ("MENA", "Middle East & North Africa", ("SA", "AE", "EG", "MA")),
    ("LATAM", "Latin America", ("MX", "AR", "CO", "CL", "BR", "PE")),
    ("JP", "Japan", ("JP",)),
    ("KR", "Korea", ("KR",)),
    ("CN", "China & Singapore", ("CN", "SG", "TW", "HK")),
    ("ANZ", "Australia & New Zealand", ("AU", "NZ")),
)

# name, role, languages, home zone
AGENTS: tuple[tuple[str, AgentRole, tuple[str, ...], str], ...] = (
    ("Li Wei", AgentRole.LEAD, ("zh", "en"), "Asia/Shanghai"),
    ("Zhang Min", AgentRole.AGENT, ("zh", "en", "ja"), "Asia/Shanghai"),
    ("Chen Jing", AgentRole.AGENT, ("zh", "es", "en"), "Asia/Shanghai"),
    ("Wang Fang", AgentRole.AGENT, ("zh", "de", "en"), "Asia/Shanghai"),
    ("Liu Yang", AgentRole.AGENT, ("zh", "fr", "en"), "Asia/Shanghai"),
    ("Zhou Xin", AgentRole.COMPLIANCE, ("zh", "en"), "Asia/Shanghai"),
    ("Sofia Martins", AgentRole.AGENT, ("pt", "es", "en"), "Europe/Lisbon"),
    ("Kim Ji-woo", AgentRole.AGENT, ("ko", "en"), "Asia/Seoul"),
    ("Ahmed Hassan", AgentRole.AGENT, ("ar", "en", "fr"), "Asia/Dubai"),
    ("Olga Petrova", AgentRole.AGENT, ("ru", "en", "pl"), "Europe/Warsaw"),
)

EMAIL_DOMAINS = {
    "US": "gmail.com", "GB": "outlook.com", "DE": "web.de", "FR": "orange.fr",
    "ES": "hotmail.es", "IT": "libero.it", "JP": "yahoo.co.jp", "KR": "naver.com",
    "CN": "qq.com", "RU": "mail.ru", "BR": "uol.com.br", "PL": "wp.pl", "TR": "gmail.com",
    "NL": "ziggo.nl",
}  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


@dataclass(frozen=True)
class Corpus:
    phrases: dict[str, Any]
    countries: dict[str, Any]

    @property
    def topics(self) -> list[str]:
        return list(self.phrases["topics"])


@cache
def load_corpus(directory: Path = CORPUS_DIR) -> Corpus:
    with (directory / "phrases.json").open(encoding="utf-8") as handle:
        phrases = json.load(handle)
    with (directory / "people.json").open(encoding="utf-8") as handle:
        people = json.load(handle)
    return Corpus(phrases=phrases, countries=people["countries"])


def ensure_demo_store(path: Path) -> Store:
    """Open the demo store at ``path``, generating it on first use."""
    if not path.exists():
        build_demo_store(path)
    return open_store(sqlite_url(path), create=False)


def build_demo_store(path: Path, *, conversations: int = DEMO_CONVERSATIONS) -> None:
    """Write a fresh demo store to ``path`` (atomically: all or nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    for leftover in (partial, *partial.parent.glob(partial.name + "-*")):
        leftover.unlink(missing_ok=True)
    store = open_store(sqlite_url(partial))
    try:
        populate(store, conversations=conversations)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    os.replace(partial, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


def populate(store: Store, *, conversations: int, seed: int = DEMO_SEED) -> None:
    corpus = load_corpus()
    rng = random.Random(seed)
    agent_ids = seed_agents_and_markets(store, corpus)
    with store.session() as session:
        # Shifts and market hours first: replies' business times are measured with them.
        seed_demo_rota(session)
    messages = [m for index in range(conversations) for m in _thread(rng, corpus, index, agent_ids)]
    ingest(store, messages, actor="demo generator")
    _settle(store, rng, agent_ids)
    with store.session() as session:
        # The demo ships with its rules; otherwise the first conversation opened
        # would write the whole pack from inside a read.
        ensure_seed_pack(session)
        # And with a reply library in the demo's main languages (others are drafted).
        import_library(session, read_library_file(CORPUS_DIR / "replies.json"))
        # The default scorecard and the weeks' quality samples (Li Wei, the lead, reviews).
        ensure_default_rubric(session)
        sample_weeks(session, (DEMO_NOW - timedelta(days=60)).date(), DEMO_NOW.date())
    with store.session() as session:
        # Routing: the open conversations nobody took are routed as at DEMO_NOW, so the
        # conversation pane explains who has them and why (or why they wait).
        route_pending(session, DEMO_NOW)


def seed_agents_and_markets(store: Store, corpus: Corpus) -> list[int]:
    with store.session() as session:
        for code, name, countries in MARKETS:
            languages: list[str] = []
            for country in countries:
                for language in corpus.countries.get(country, {}).get("languages", []):
                    if language not in languages:
                        languages.append(language)
            session.add(
                Market(code=code, name=name, countries=list(countries), languages=languages)
            )
        agents = [
            Agent(name=name, role=role, languages=list(languages), time_zone=zone)
            for name, role, languages, zone in AGENTS
        ]
        session.add_all(agents)
        session.flush()
        return [agent.id for agent in agents]


def _thread(
    rng: random.Random, corpus: Corpus, index: int, agent_ids: list[int]
) -> list[IncomingMessage]:
    """One customer's conversation: opener, replies and follow-ups."""
    country_code = rng.choice(sorted(corpus.countries))
    country = corpus.countries[country_code]
    language = _customer_language(rng, country, corpus)
    customer, first_name = _customer(rng, country_code, country, language)
    channel = rng.choices(
        (ChannelKind.EMAIL, ChannelKind.MARKETPLACE, ChannelKind.CHAT), weights=(5, 3, 2)
    )[0]
    address = _address(rng, channel, customer.name, country_code, index)
    lang = corpus.phrases["languages"][language]
    topic = rng.choice(corpus.topics)
    values = _order_values(rng, lang, country)
    agent_id = rng.choice(agent_ids)
    agent_first = AGENTS[agent_ids.index(agent_id)][0].split()[0]
    subject = _fill(rng.choice(lang["topics"][topic]["subject"]), values)

    turns = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 4, 5, 4, 2, 1))[0]
    # Leave about a third of the threads waiting on an agent.
    waiting = rng.random() < 0.35
    followups = _shuffled(rng, lang["topics"][topic]["followup"])
    replies = _shuffled(rng, lang["topics"][topic]["agent"])
    texts: list[tuple[Direction, str]] = []
    for turn in range(turns):
        pool = lang["topics"][topic]["customer"] if turn == 0 else [next(followups)]
        texts.append((Direction.INBOUND, _customer_text(rng, lang, pool, values, first_name, turn)))
        if turn < turns - 1 or not waiting:
            reply = _agent_text(rng, lang, next(replies), values, first_name, agent_first)
            texts.append((Direction.OUTBOUND, reply))
    # Replies come minutes to a day later; the whole thread ends before "now".
    gaps = [timedelta(minutes=rng.randint(4, 60 * 26)) for _ in texts]
    start = DEMO_NOW - timedelta(hours=rng.uniform(0.5, 24 * 45)) - sum(gaps, timedelta())

    messages = []
    moment = start
    for position, ((direction, text), gap) in enumerate(zip(texts, gaps, strict=True)):
        moment += gap
        messages.append(
            IncomingMessage(
                channel=channel,
                address=address,
                customer=customer,
                sent_at=moment,
                text=text,
                direction=direction,
                external_id=f"demo-{index}-{position}",
                subject=(subject if position == 0 else f"Re: {subject}")
                if channel is ChannelKind.EMAIL
                else None,
                language=language,
                language_confidence=1.0,
                author_agent_id=agent_id if direction is Direction.OUTBOUND else None,
            )
        )
    return messages


def _customer_language(rng: random.Random, country: dict[str, Any], corpus: Corpus) -> str:
    languages = [lang for lang in country["languages"] if lang in corpus.phrases["languages"]]
    if rng.random() < 0.08:
        return "en"  # expats and shoppers who write to shops in English anyway
    if len(languages) > 1 and rng.random() < 0.35:
        return rng.choice(languages[1:])
    return languages[0]


def _customer(
    rng: random.Random, code: str, country: dict[str, Any], language: str
) -> tuple[CustomerInfo, str]:
    """A customer and the given name they sign with."""
    given = rng.choice(country["given_names"])
    family = rng.choice(country["family_names"])
    if country.get("name_order") == "family_given":
        joiner = "" if _is_cjk(family + given) and code in ("CN", "TW", "KR") else " "
        name = f"{family}{joiner}{given}"
    else:
        name = f"{given} {family}"
    city = rng.choice(country["cities"])
    info = CustomerInfo(
        name=name,
        country=code,
        region=city.get("region"),
        city=city["city"],
        locale=country.get("locale"),
        preferred_language=language,
        time_zone=city.get("zone"),
    )
    return info, given


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text)


def _address(rng: random.Random, channel: ChannelKind, name: str, country: str, index: int) -> str:
    if channel is ChannelKind.EMAIL:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z]+", ".", ascii_name.lower()).strip(".") or "shopper"
        domain = EMAIL_DOMAINS.get(country, "gmail.com")
        return f"{slug}{index}@{domain}"
    if channel is ChannelKind.MARKETPLACE:
        return f"buyer-{rng.getrandbits(32):08x}"
    return f"visitor-{index:04d}-{rng.randint(100, 999)}"


def _order_values(
    rng: random.Random, lang: dict[str, Any], country: dict[str, Any]
) -> dict[str, str]:
    currency = country.get("currency", "USD")
    return {
        "order": f"#A{rng.randint(10000, 99999)}",
        "tracking": f"LX{rng.randint(100000000, 999999999)}CN",
        "item": rng.choice(lang["items"]),
        "amount": f"{rng.randint(9, 240)}.{rng.choice(('00', '90', '99', '50'))} {currency}",
        "days": str(rng.choice((3, 5, 7, 10, 14))),
    }


def _customer_text(
    rng: random.Random,
    lang: dict[str, Any],
    pool: list[str],
    values: dict[str, str],
    first_name: str,
    turn: int,
) -> str:
    body = _fill(rng.choice(pool), values)
    parts = []
    if turn == 0 and rng.random() < 0.6:
        parts.append(_fill(rng.choice(lang["greetings"]), values))
    parts.append(body)
    if rng.random() < 0.4:
        parts.append(_fill(rng.choice(lang["signoffs"]), {**values, "name": first_name}))
    separator = "\n\n" if rng.random() < 0.3 else " "
    return separator.join(parts)


def _shuffled(rng: random.Random, options: list[str]) -> Iterator[str]:
    """Options in random order without repeats until all were used."""
    while True:
        yield from rng.sample(options, len(options))


def _agent_text(
    rng: random.Random,
    lang: dict[str, Any],
    body: str,
    values: dict[str, str],
    first_name: str,
    agent_first: str,
) -> str:
    context = {**values, "name": first_name, "agent": agent_first}
    return "\n\n".join(
        (
            _fill(rng.choice(lang["agent_greetings"]), context),
            _fill(body, context),
            _fill(rng.choice(lang["agent_signoffs"]), context),
        )
    )


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _settle(store: Store, rng: random.Random, agent_ids: list[int]) -> None:
    """Statuses, assignees, priorities and read markers a working team would have."""
    with store.session() as session:
        rows = session.execute(
            select(Conversation.id, Conversation.awaiting_reply, Conversation.last_activity_at)
        ).all()
        resolved = {}  # resolved with the last reply, for the KPIs
        for conversation_id, awaiting, last_activity in sorted(rows):
            if awaiting:
                status = ConversationStatus.OPEN
                unread = 1 if rng.random() < 0.6 else 0
            else:
                status = rng.choice((ConversationStatus.PENDING, ConversationStatus.RESOLVED))
                unread = 0
                if status is ConversationStatus.RESOLVED:
                    resolved[conversation_id] = last_activity
            session.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id)
                .values(
                    status=status,
                    unread_count=unread,
                    assignee_id=rng.choice(agent_ids) if rng.random() < 0.8 else None,
                    priority=rng.choices(list(Priority), weights=(2, 10, 3, 1))[0],
                )
            )
        record_resolved(session, resolved)


def iter_demo_messages() -> Iterator[IncomingMessage]:
    """The demo's messages, without a store (for benchmarks)."""
    corpus = load_corpus()
    rng = random.Random(DEMO_SEED)
    agent_ids = list(range(1, len(AGENTS) + 1))
    index = 0
    while True:
        yield from _thread(rng, corpus, index, agent_ids)
        index += 1
