"""Language identification tuned for short customer-support messages.

``detect_language`` combines, in this order:

1. script evidence: Kana means Japanese, Hangul Korean, Han without Kana Chinese,
   Thai script Thai, and so on; only languages written in the message's dominant
   script stay in the running;
2. a statistical model among the remaining candidates: lingua (character n-grams
   up to five) when installed, else langdetect (seeded, so deterministic);
3. word frequencies (wordfreq lists), which carry most of the weight for one or two
   words, and accept words typed without their accents;
4. priors (the conversation's earlier languages, the customer's country), a bounded
   bonus that can tip short or ambiguous texts but not outweigh clear evidence.

Heavy libraries are imported on first use only; see :func:`warm_up`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from translation import _langid_models as models
from translation._langid_models import codes
from translation._langid_priors import (
    CONVERSATION_WEIGHT,
    COUNTRY_WEIGHT,
    conversation_weights,
    country_languages,
)
from translation._langid_text import Segment, clean, dominant_segment

UNDETERMINED = "und"

RELIABLE_CONFIDENCE = 0.6
"""A detection at least this confident is marked reliable."""

LEXICON_WEIGHT = 1.0
"""Weight of the word-frequency evidence against the n-gram model's log confidence."""

TEMPERATURE = 2.0
"""Softens summed log scores (which overstate certainty) before turning them into a probability."""

MIN_RELIABLE_LETTERS = 2
"""A single letter (one kana, one hangul syllable) is never reliable."""

RIVAL_VETO = 0.1
"""A lone candidate this unlikely against languages outside the candidates gives ``und``."""

HAN_JAPANESE_PENALTY = (0.5, 0.25)
"""Kanji-only text leans Chinese: Japanese loses a + b * (number of Han characters) nats."""

DEFAULT_LANGUAGES: tuple[str, ...] = codes(
    "en zh es de fr ja ko ru pt ar it nl pl tr th vi id ms sv da nb uk el he hi bn fa ur"
)
"""Languages considered when no candidates are given.

Each Latin-script language costs about 25-30 MB of n-gram models once used, so
callers should pass the languages they support rather than rely on this list.
"""

_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi", "fil": "tl", "jw": "jv"}

_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "latin": codes(
        "en es pt fr de it nl pl tr vi id ms sv da nb nn fi cs sk ro hu hr bs sl sq et lv lt "
        "is ga cy eu ca gl af sw tl az uz la eo lb mt so zu xh st tn ts sn yo lg mi ha ig jv su"
    ),
    "cyrillic": ("ru", "uk", "bg", "sr", "mk", "be", "kk", "mn", "ky", "tg"),
    "arabic": ("ar", "fa", "ur", "ps", "ug", "sd"),
    "greek": ("el",),
    "hebrew": ("he", "yi"),
    "armenian": ("hy",),
    "georgian": ("ka",),
    "devanagari": ("hi", "mr", "ne", "sa"),
    "bengali": ("bn", "as"),
    "gurmukhi": ("pa",),
    "gujarati": ("gu",),
    "oriya": ("or",),
    "tamil": ("ta",),
    "telugu": ("te",),
    "kannada": ("kn",),
    "malayalam": ("ml",),
    "sinhala": ("si",),
    "thai": ("th",),
    "lao": ("lo",),
    "tibetan": ("bo",),
    "myanmar": ("my",),
    "khmer": ("km",),
    "ethiopic": ("am", "ti"),
    "cjk": ("zh", "ja", "ko"),
}


@dataclass(frozen=True)
class Detection:
    """Result of :func:`detect_language`."""

    language: str
    """ISO 639-1 code, or ``"und"`` when undetermined."""
    confidence: float
    """0..1; how much to trust ``language``."""
    reliable: bool
    """True when ``language`` can be acted on without asking."""


_UNKNOWN = Detection(UNDETERMINED, 0.0, False)


@dataclass(frozen=True)
class _Candidates:
    """Canonical codes in preference order, and how to spell each in the answer."""

    order: tuple[str, ...]
    spelling: Mapping[str, str]

    def answer(self, code: str, confidence: float, *, letters: int) -> Detection:
        """A detection of ``code`` spelled as the caller spelled it."""
        confidence = round(min(1.0, max(0.0, confidence)), 6)
        reliable = confidence >= RELIABLE_CONFIDENCE and letters >= MIN_RELIABLE_LETTERS
        return Detection(self.spelling[code], confidence, reliable)


def detect_language(
    text: str,
    candidates: Iterable[str] | None = None,
    *,
    prior_languages: Sequence[str] | Mapping[str, float] = (),
    country: str | None = None,
) -> Detection:
    """Detect the language of ``text``; never raises for a ``str``.

    ``candidates`` limits the answer to those ISO 639-1 codes (or ``"und"``).
    ``prior_languages`` (earlier languages of the conversation, oldest first, or
    weights) and ``country`` (ISO 3166-1 alpha-2) tip short or ambiguous texts.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    allowed = _resolve_candidates(candidates)
    if not allowed.order:
        return _UNKNOWN
    bonus = _prior_bonus(prior_languages, country, allowed)
    segment = dominant_segment(clean(text))
    if segment is None:
        return _from_priors(bonus, allowed)
    pool = _pool(segment.script, allowed)
    if not pool:
        return _UNKNOWN
    scores = _evidence(segment, pool)
    if not scores:
        return _UNKNOWN
    return _decide(scores, bonus, segment, allowed, decided_by_script=len(scores) == 1)


def warm_up(candidates: Iterable[str] | None = None) -> None:
    """Load models now (e.g. in a background thread at start-up) rather than on first use.

    Only languages that share their script with another candidate need a model.
    """
    allowed = _resolve_candidates(candidates).order
    models.warm_up(
        code
        for code in allowed
        if any(len(_pool(script, _Candidates(allowed, {}))) > 1 for script in _scripts_of(code))
    )


def _scripts_of(code: str) -> list[str]:
    """Scripts (other than CJK, decided by rule) a language is written in."""
    return [
        script
        for script, languages in _SCRIPT_LANGUAGES.items()
        if code in languages and script != "cjk"
    ]


def _resolve_candidates(candidates: Iterable[str] | None) -> _Candidates:
    """Normalise caller codes (case, region subtags, old aliases) to canonical ISO 639-1."""
    if candidates is None:
        return _Candidates(DEFAULT_LANGUAGES, {code: code for code in DEFAULT_LANGUAGES})
    if isinstance(candidates, str):
        candidates = (candidates,)
    order: list[str] = []
    spelling: dict[str, str] = {}
    for raw in candidates:
        code = _base_code(raw) if isinstance(raw, str) else ""
        canonical = _ALIASES.get(code, code)
        if canonical and canonical != UNDETERMINED and canonical not in spelling:
            order.append(canonical)
            spelling[canonical] = code
    return _Candidates(tuple(order), spelling)


def _base_code(raw: str) -> str:
    """'pt-BR' -> 'pt', ' ZH_cn ' -> 'zh'."""
    return raw.strip().lower().replace("_", "-").split("-")[0]


def _prior_bonus(
    prior_languages: Sequence[str] | Mapping[str, float],
    country: str | None,
    allowed: _Candidates,
) -> dict[str, float]:
    """Bonus in nats per allowed language from conversation history and country."""
    if isinstance(prior_languages, str):
        prior_languages = (prior_languages,)
    bonus: dict[str, float] = {}
    sources = (
        (conversation_weights(prior_languages), CONVERSATION_WEIGHT),
        (country_languages(country if isinstance(country, str) else None), COUNTRY_WEIGHT),
    )
    for weights, scale in sources:
        for raw, weight in weights.items():
            code = _ALIASES.get(_base_code(raw), _base_code(raw))
            if code in allowed.spelling:
                bonus[code] = bonus.get(code, 0.0) + scale * weight
    return bonus


def _from_priors(bonus: Mapping[str, float], allowed: _Candidates) -> Detection:
    """No letters to go on: fall back to the priors, never reliably."""
    rank = {code: index for index, code in enumerate(allowed.order)}
    best = [code for code in bonus if bonus[code] > 0]
    if not best:
        return _UNKNOWN
    code = max(best, key=lambda item: (bonus[item], -rank[item]))
    confidence = round(0.3 * bonus[code] / (CONVERSATION_WEIGHT + COUNTRY_WEIGHT), 6)
    return Detection(allowed.spelling[code], confidence, False)


def _pool(script: str, allowed: _Candidates) -> tuple[str, ...]:
    """Allowed languages written in ``script``, in the caller's order."""
    written = set(_SCRIPT_LANGUAGES.get(script, ()))
    return tuple(code for code in allowed.order if code in written)


def _evidence(segment: Segment, pool: tuple[str, ...]) -> dict[str, float]:
    """Log-scale evidence per language of ``pool`` (languages that lost outright are left out)."""
    if segment.script == "cjk":
        return _cjk_evidence(segment, pool)
    modeled = [code for code in pool if _is_modeled(code)]
    if len(pool) == 1 and modeled:
        modeled += _rivals(segment.script, pool[0])
    if len(modeled) <= 1:
        return {code: 0.0 for code in modeled or pool}
    scores = models.lingua_log_scores(segment.text, modeled)
    if scores is None:
        scores = models.langdetect_log_scores(segment.text, modeled)
    if scores is None:
        scores = {code: 0.0 for code in modeled}
    lexicon = models.lexicon_log_scores(segment.words, modeled)
    return {code: score + LEXICON_WEIGHT * lexicon.get(code, 0.0) for code, score in scores.items()}


def _rivals(script: str, candidate: str) -> list[str]:
    """Default languages of the same script, to check a lone candidate against."""
    written = _SCRIPT_LANGUAGES.get(script, ())
    return [
        code
        for code in DEFAULT_LANGUAGES
        if code in written and code != candidate and _is_modeled(code)
    ]


def _is_modeled(code: str) -> bool:
    """Whether some statistical model knows the language."""
    return code in models.lingua_languages() or code in models.LANGDETECT_LANGUAGES


def _cjk_evidence(segment: Segment, pool: tuple[str, ...]) -> dict[str, float]:
    """Any Kana: Japanese. Else any Hangul: Korean. Else Han: Chinese before Japanese."""
    if segment.kana:
        return {"ja": 0.0} if "ja" in pool else {}
    if segment.hangul:
        return {"ko": 0.0} if "ko" in pool else {}
    scores: dict[str, float] = {}
    if "zh" in pool:
        scores["zh"] = 0.0
    if "ja" in pool and not segment.han_outside_jis:
        base, per_char = HAN_JAPANESE_PENALTY
        scores["ja"] = -(base + per_char * segment.han) if "zh" in pool else 0.0
    return scores


def _decide(
    scores: Mapping[str, float],
    bonus: Mapping[str, float],
    segment: Segment,
    allowed: _Candidates,
    *,
    decided_by_script: bool,
) -> Detection:
    """Add the priors, pick the best allowed language and say how sure we are.

    Scores may include rivals outside the candidates: they only lower the confidence,
    or make the answer ``und`` when the text clearly belongs to one of them.
    """
    rank = {code: index for index, code in enumerate(allowed.order)}
    final = {code: score + bonus.get(code, 0.0) for code, score in scores.items()}
    best = max(
        (code for code in final if code in rank), key=lambda code: (final[code], -rank[code])
    )
    top = final[best] / TEMPERATURE
    posterior = 1.0 / sum(math.exp(value / TEMPERATURE - top) for value in final.values())
    if posterior < RIVAL_VETO and max(final.values()) > final[best]:
        return _UNKNOWN
    amount = _amount_factor(segment, decided_by_script=decided_by_script)
    confidence = posterior * amount * (0.5 + 0.5 * segment.share)
    return allowed.answer(best, confidence, letters=segment.letters)


def _amount_factor(segment: Segment, *, decided_by_script: bool) -> float:
    """How far the amount of text supports a confident answer (0.5 .. 1)."""
    evidence = float(segment.letters)
    if segment.script == "cjk":
        evidence *= 3
    if decided_by_script:
        evidence *= 3
    return min(1.0, 0.5 + evidence / 24)
