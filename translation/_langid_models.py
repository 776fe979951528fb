"""Lazily loaded statistical models: lingua, langdetect and word frequencies.

Nothing heavy is imported until a function here is first called; every model is
loaded once per process and shared by all threads.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, cast

SCORE_FLOOR = 1e-4
"""Added to a model's confidence before taking logs so zero never means minus infinity."""

LINGUA_DIGITS = 9
"""lingua's confidences are rounded to this many digits so results repeat exactly."""

LEXICON_FLOOR = 1e-6
"""Word frequency below which a word is no evidence (about the lists' own cut-off)."""

FOLDED_MATCH_PENALTY = 0.5
"""A word that only matches once accents are removed counts this fraction of its frequency."""

DROPPED_MATCH_PENALTY = 0.25
"""A word that only matches once its non-ASCII letters are deleted counts this fraction."""

MAX_TOKENS = 200
"""At most this many words are looked up per message."""


def codes(text: str) -> tuple[str, ...]:
    """Space-separated language codes as a tuple."""
    return tuple(text.split())


# Our ISO 639-1 code -> wordfreq's code, for the languages wordfreq lists.
_WORDFREQ_CODES: dict[str, str] = {
    code: code
    for code in codes(
        "ar bg bn ca cs da de el en es fa fi fr he hi hu id is it lt lv mk ms nb nl pl pt ro "
        "ru sk sl sv ta tr uk ur vi"
    )
} | {"tl": "fil", "hr": "sh", "bs": "sh"}

# Codes langdetect returns that differ from ours.
_LANGDETECT_CODES: dict[str, str] = {"zh-cn": "zh", "zh-tw": "zh", "no": "nb"}

LANGDETECT_LANGUAGES = frozenset(
    codes(
        "af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv "
        "mk ml mr nb ne nl pa pl pt ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh"
    )
)

MAX_DETECTORS = 256
"""Cached lingua detectors (one per language set; they share their models)."""

_LOCK = threading.RLock()
_CACHE: dict[Hashable, Any] = {}
_T = TypeVar("_T")


def _once(key: Hashable, load: Callable[[], _T]) -> _T:
    """Return the cached value for ``key``, loading it exactly once across threads."""
    try:
        return cast(_T, _CACHE[key])
    except KeyError:
        pass
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = load()
        return cast(_T, _CACHE[key])


@lru_cache(maxsize=1)
def lingua_languages() -> frozenset[str]:
    """ISO 639-1 codes lingua can tell apart (empty when lingua is not installed)."""
    return frozenset(_lingua_language_map())


def lingua_log_scores(text: str, pool: Collection[str]) -> dict[str, float] | None:
    """Log confidences from lingua over ``pool``; None when lingua cannot serve it."""
    languages = _lingua_language_map()
    if len(pool) < 2 or not all(code in languages for code in pool):
        return None
    detector = _lingua_detector(frozenset(pool))
    values = {code: 0.0 for code in pool}
    for result in detector.compute_language_confidence_values(text):
        code = result.language.iso_code_639_1.name.lower()
        if code in values:  # lingua's sums wobble in the last bits from run to run
            values[code] = round(float(result.value), LINGUA_DIGITS)
    return {code: math.log(value + SCORE_FLOOR) for code, value in values.items()}


def langdetect_log_scores(text: str, pool: Collection[str]) -> dict[str, float] | None:
    """Log probabilities from langdetect (seed 0) restricted to ``pool``."""
    known = [code for code in pool if code in LANGDETECT_LANGUAGES]
    if not known:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.set_prior_map({_to_langdetect(code): 1.0 for code in known})
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # a text without any n-gram langdetect knows
        return None
    probabilities = dict.fromkeys(known, 0.0)
    for item in ranked:
        code = _LANGDETECT_CODES.get(item.lang, item.lang)
        if code in probabilities:
            probabilities[code] = max(probabilities[code], float(item.prob))
    return {code: math.log(value + SCORE_FLOOR) for code, value in probabilities.items()}


@lru_cache(maxsize=1)
def lexicon_languages() -> frozenset[str]:
    """Languages with a word-frequency list (empty when wordfreq is not installed)."""
    return frozenset(_WORDFREQ_CODES) if _wordfreq_available() else frozenset()


def lexicon_log_scores(tokens: Iterable[str], pool: Collection[str]) -> dict[str, float]:
    """Sum over words of log(frequency / floor) per language; unknown words add nothing."""
    words = [token.lower() for token in tokens][:MAX_TOKENS]
    scores: dict[str, float] = {}
    for code in pool:
        lexicon = _lexicon(code) if code in lexicon_languages() else None
        if lexicon is not None:
            scores[code] = sum(lexicon.evidence(word) for word in words)
    return scores


def warm_up(languages: Iterable[str]) -> None:
    """Load the models of ``languages`` now instead of on first use."""
    wanted = sorted(set(languages))
    lingua_map = _lingua_language_map()
    lingua_codes = [code for code in wanted if code in lingua_map]
    if len(lingua_codes) >= 2:
        from lingua import LanguageDetectorBuilder

        with _LOCK:  # models land in lingua's process-wide cache, shared by every detector
            LanguageDetectorBuilder.from_languages(
                *(lingua_map[code] for code in lingua_codes)
            ).with_preloaded_language_models().build()
    for code in wanted:
        if code in lexicon_languages():
            _lexicon(code)


@lru_cache(maxsize=1)
def _lingua_language_map() -> dict[str, Any]:
    """ISO 639-1 code -> lingua Language."""
    try:
        from lingua import Language
    except ImportError:
        return {}
    return {language.iso_code_639_1.name.lower(): language for language in Language.all()}


def _lingua_detector(pool: frozenset[str]) -> Any:
    """A lingua detector for one set of languages; models are shared between detectors."""

    def build() -> Any:
        from lingua import LanguageDetectorBuilder

        languages = _lingua_language_map()
        return LanguageDetectorBuilder.from_languages(
            *(languages[code] for code in sorted(pool))
        ).build()

    if len(_CACHE) > MAX_DETECTORS:
        with _LOCK:
            for key in [key for key in _CACHE if isinstance(key, frozenset)]:
                del _CACHE[key]
    return _once(pool, build)


def _langdetect_factory() -> Any:
    """langdetect's profile factory, loaded once and seeded for determinism."""

    def load() -> Any:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import PROFILES_DIRECTORY

        DetectorFactory.seed = 0
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        return factory

    return _once("langdetect", load)


def _to_langdetect(code: str) -> str:
    """Our code -> langdetect's."""
    return {"zh": "zh-cn", "nb": "no"}.get(code, code)


@lru_cache(maxsize=1)
def _wordfreq_available() -> bool:
    """Whether the optional word-frequency lists can be used."""
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class _Lexicon:
    """Word frequencies of one language, plus an accent-free index."""

    words: dict[str, float]
    folded: dict[str, float]
    dropped: dict[str, float]

    def evidence(self, word: str) -> float:
        """log(frequency / floor) of a word, or of its parts around apostrophes."""
        frequency = self.frequency(word)
        if frequency is None and "'" in word:
            return sum(self.evidence(part) for part in word.split("'") if part)
        return (
            math.log(frequency / LEXICON_FLOOR) if frequency and frequency > LEXICON_FLOOR else 0.0
        )

    def frequency(self, word: str) -> float | None:
        """Exact frequency, else (for a word typed without accents) a discounted looser match."""
        exact = self.words.get(word)
        if exact is not None:
            return exact
        plain = fold_accents(word)
        if plain != word:  # the accents typed are evidence in themselves
            return None
        folded = self.folded.get(plain)
        if folded is not None:
            return folded * FOLDED_MATCH_PENALTY
        dropped = self.dropped.get(word)
        return dropped * DROPPED_MATCH_PENALTY if dropped is not None else None


def _lexicon(code: str) -> _Lexicon:
    """One language's word frequencies, loaded once."""
    return _once(("lexicon", code), lambda: _load_lexicon(code))


def _load_lexicon(code: str) -> _Lexicon:
    """Load one language's word-frequency list from wordfreq."""
    from wordfreq import get_frequency_dict

    words = {
        word: frequency
        for word, frequency in get_frequency_dict(_WORDFREQ_CODES[code], "small").items()
        if not any(char.isdigit() for char in word)
    }
    folded: dict[str, float] = {}
    dropped: dict[str, float] = {}
    for word, frequency in words.items():
        key = fold_accents(word)
        folded[key] = max(folded.get(key, 0.0), frequency)
        key = drop_non_ascii(word)
        if key and key != word and key.isascii():
            dropped[key] = max(dropped.get(key, 0.0), frequency)
    return _Lexicon(words=words, folded=folded, dropped=dropped)


_FOLD_EXTRA = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def drop_non_ascii(word: str) -> str:
    """``word`` as text mangled by a lossy ASCII conversion sees it (canción -> cancin)."""
    if len(word) < 4 or not any("a" <= char <= "z" for char in word):
        return ""
    kept = "".join(char for char in word if char.isascii())
    return kept if len(kept) >= 3 else ""


def fold_accents(word: str) -> str:
    """Lower-case ``word`` without diacritics (é -> e, ł -> l, ß -> ss)."""
    decomposed = unicodedata.normalize("NFD", word.lower().translate(_FOLD_EXTRA))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
