"""``translate(text, source, target)``: engine choice, pivot, layout, protection, memory."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translation.engines import Engine, NoEngineError
from translation.layout import join_lines, split_lines
from translation.memory import InMemoryMemory, MemoryKey, TranslationMemory
from translation.protect import Glossary, protect, restore

PIVOT = "en"

_ALIASES = {"nb": "nb", "no": "nb", "iw": "he", "in": "id", "zh-cn": "zh", "zh-hans": "zh",
            "zh_cn": "zh", "zh-tw": "zt", "zh-hant": "zt", "zh_tw": "zt", "pt-br": "pt",
            "pt_br": "pt", "pt-pt": "pt", "en-us": "en", "en-gb": "en", "en_us": "en"}  # fmt: skip


def normalize_code(code: str) -> str:
    lowered = code.strip().lower()
    return _ALIASES.get(lowered, lowered.replace("_", "-").split("-")[0])


@dataclass(frozen=True)
class TranslationWarning:
    kind: str
    """``dropped`` (an engine lost protected text; it was appended) or ``pivot``."""
    message: str
    items: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    engine: str
    engine_version: str


@dataclass(frozen=True)
class Translation:
    text: str
    engine: str
    """The engine name; ``a+b`` when a pivot used two engines; ``none`` for same language."""
    source: str
    target: str
    warnings: tuple[TranslationWarning, ...] = ()
    route: tuple[Hop, ...] = ()
    cached: bool = False
    """Every piece came from the translation memory (no engine ran)."""

    @property
    def pivot(self) -> str | None:
        return self.route[0].target if len(self.route) > 1 else None


@dataclass
class Translator:
    """Chooses engines, protects order data, keeps layout and remembers translations."""

    engines: Sequence[Engine]
    memory: TranslationMemory = field(default_factory=InMemoryMemory)
    glossary: Glossary = field(default_factory=Glossary)

    def best_engine(self, source: str, target: str) -> Engine | None:
        able = [e for e in self.engines if (source, target) in e.pairs()]
        return max(able, key=lambda e: e.priority, default=None)

    def route(self, source: str, target: str) -> list[tuple[str, str, Engine]]:
        """The hops from source to target: direct, else through English."""
        direct = self.best_engine(source, target)
        if direct is not None:
            return [(source, target, direct)]
        if PIVOT not in (source, target):
            first = self.best_engine(source, PIVOT)
            second = self.best_engine(PIVOT, target)
            if first is not None and second is not None:
                return [(source, PIVOT, first), (PIVOT, target, second)]
        raise NoEngineError(f"No installed translation engine for {source}->{target}")

    def warm_up(self, source: str, target: str) -> None:
        """Load the models the pair needs now (call on a background thread at start)."""
        for hop_source, hop_target, engine in self.route(
            normalize_code(source), normalize_code(target)
        ):
            load = getattr(engine, "load", None)
            if callable(load):
                load(hop_source, hop_target)

    def refresh(self) -> None:
        """Re-scan installed pairs (after installing or removing packages)."""
        for engine in self.engines:
            refresh = getattr(engine, "refresh", None)
            if callable(refresh):
                refresh()

    def can_translate(self, source: str, target: str) -> bool:
        try:
            self.route(normalize_code(source), normalize_code(target))
        except NoEngineError:
            return False
        return True

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every pair translatable directly or through English."""
        direct: set[tuple[str, str]] = set()
        for engine in self.engines:
            direct |= engine.pairs()
        into_pivot = {s for s, t in direct if t == PIVOT}
        from_pivot = {t for s, t in direct if s == PIVOT}
        pivoted = {(s, t) for s in into_pivot for t in from_pivot if s != t}
        return frozenset(direct | pivoted)

    def translate(
        self, text: str, source: str, target: str, *, glossary: Glossary | None = None
    ) -> Translation:
        """Translate one message (see :meth:`translate_many`)."""
        return self.translate_many([text], source, target, glossary=glossary)[0]

    def translate_many(
        self, texts: Sequence[str], source: str, target: str, *, glossary: Glossary | None = None
    ) -> list[Translation]:
        """Translate messages of one pair with one engine call per hop (background work).

        Each message is cut into lines, order data is protected, lines already in the
        translation memory are taken from it, and all other lines of all messages go
        to the engine together.
        """
        source, target = normalize_code(source), normalize_code(target)
        if source == target:
            return [Translation(text, "none", source, target) for text in texts]
        if all(not text.strip() for text in texts):
            return [Translation(text, "none", source, target) for text in texts]
        hops = self.route(source, target)
        terms = self.glossary if glossary is None else glossary

        layouts = [split_lines(text) for text in texts]
        protected = [[protect(line.body, terms, target) for line in lines] for lines in layouts]
        todo = [
            (m, i) for m, message in enumerate(protected) for i, p in enumerate(message)
            if p.has_words
        ]  # fmt: skip
        current = [protected[m][i].text for m, i in todo]
        route: list[Hop] = []
        cached_flags = [True] * len(current)
        for hop_source, hop_target, engine in hops:
            version = engine.version(hop_source, hop_target)
            route.append(Hop(hop_source, hop_target, engine.name, version))
            current, hits = self._hop(current, hop_source, hop_target, engine, version)
            cached_flags = [a and b for a, b in zip(cached_flags, hits, strict=True)]

        translated: dict[tuple[int, int], str] = dict(zip(todo, current, strict=True))
        message_cached = [True] * len(texts)
        for (m, _), hit in zip(todo, cached_flags, strict=True):
            message_cached[m] = message_cached[m] and hit
        names = "+".join(dict.fromkeys(engine.name for _, _, engine in hops))
        results = []
        for m, (lines, message) in enumerate(zip(layouts, protected, strict=True)):
            if not texts[m].strip():
                results.append(Translation(texts[m], "none", source, target))
                continue
            bodies: list[str] = []
            dropped: list[str] = []
            for i, p in enumerate(message):
                restored = restore(translated.get((m, i), p.text), p.spans)
                bodies.append(restored.text)
                dropped.extend(span.original for span in restored.dropped)
            warnings: list[TranslationWarning] = []
            if dropped:
                warnings.append(
                    TranslationWarning(
                        "dropped",
                        "The translation engine lost protected text; it was added back at "
                        "the end of its line: " + ", ".join(dropped),
                        tuple(dropped),
                    )
                )
            if len(hops) > 1:
                warnings.append(
                    TranslationWarning(
                        "pivot", f"Translated through English ({source}->{PIVOT}->{target})."
                    )
                )
            results.append(
                Translation(
                    join_lines(lines, bodies), names, source, target, tuple(warnings),
                    tuple(route), cached=message_cached[m],
                )
            )  # fmt: skip
        return results

    def _hop(
        self, texts: list[str], source: str, target: str, engine: Engine, version: str
    ) -> tuple[list[str], list[bool]]:
        keys = [MemoryKey.of(t, source, target, engine.name, version) for t in texts]
        known = self.memory.get_many(keys)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
        fresh: dict[MemoryKey, str] = {}
        if missing:
            outputs = engine.translate_batch(missing, source, target)
            for text, output in zip(missing, outputs, strict=True):
                fresh[MemoryKey.of(text, source, target, engine.name, version)] = output
            self.memory.put_many(fresh)
        done = {**known, **fresh}
        return [done[k] for k in keys], [k in known for k in keys]


# ---------------------------------------------------------------------------
# The process-wide default translator used by ``translation.translate``.

_default: Translator | None = None
_default_lock = threading.Lock()


def default_package_dir() -> Path:
    """Argos packages under the console's data folder (``$SUPPORT_CONSOLE_DATA_DIR``)."""
    import os

    override = os.environ.get("SUPPORT_CONSOLE_DATA_DIR")
    if override:
        return Path(override) / "argos-packages"
    import platformdirs

    return Path(platformdirs.user_data_dir("support-console", appauthor=False)) / "argos-packages"


def configure(
    *,
    package_dir: Path | None = None,
    memory: TranslationMemory | None = None,
    glossary: Glossary | None = None,
    engines: Sequence[Engine] | None = None,
) -> Translator:
    """Set up the default translator (Argos packages in ``package_dir``, then Apertium)."""
    global _default
    if engines is None:
        from translation.argos import ArgosEngine
        from translation.engines import ApertiumEngine

        engines = [ArgosEngine(package_dir or default_package_dir()), ApertiumEngine()]
    translator = Translator(
        list(engines), memory or InMemoryMemory(), glossary if glossary is not None else Glossary()
    )
    with _default_lock:
        _default = translator
    return translator


def get_translator() -> Translator:
    with _default_lock:
        current = _default
    return current if current is not None else configure()


def translate(
    text: str, source: str, target: str, *, glossary: Glossary | None = None
) -> Translation:
    """Translate ``text`` with the best installed engine (see :func:`configure`)."""
    return get_translator().translate(text, source, target, glossary=glossary)
