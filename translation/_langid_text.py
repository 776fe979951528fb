"""Text clean-up and script analysis for language identification (stdlib only)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_INPUT_CHARS = 4000
"""Only this many leading characters of a message are looked at."""

MAX_SEGMENT_CHARS = 1200
"""Only this many characters of the dominant script are handed to the models."""

MAX_WORDS = 200
"""Only this many distinct words are looked up."""

_SURROGATES = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]"
)
# Possessive quantifiers and token-start anchors keep these linear on long unbroken input.
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S++"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"
)
_DOTTED = re.compile(r"(?<![\w.-])[\w-]++(?:\.[\w-]++)++(?:/\S*+)?")
_TOP_LEVEL_DOMAIN = re.compile(r"com|net|org|io|co|shop|store|app|info|biz|[a-z]{2}", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc\u02bb`\u00b4\uff07]")
# Codes such as order numbers, sizes and prices: Latin letters glued to digits.
_WITH_DIGIT = re.compile(r"(?<![0-9A-Za-z_#./:-])[0-9A-Za-z_#./:-]*\d[0-9A-Za-z_#./:-]*+")
# Letters, combining marks and word-internal apostrophes survive; everything else is a gap.
_NON_LETTER = re.compile(
    r"[^\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    r"\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff\u0f18-\u0fbc"
    r"\u1000-\u109f\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    r"\u3099\u309a']|_"
)
_STRAY_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")
_ZALGO = re.compile(
    r"([\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]{2})"
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]+"
)
_SPACES = re.compile(r"\s+")

# Script families. Marks inside a block belong to that block's script.
_SCRIPT_CLASSES: dict[str, str] = {
    "latin": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af"
    "\u0300-\u036f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "armenian": "\u0531-\u058f",
    "hebrew": "\u0591-\u05ff\ufb1d-\ufb4f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "devanagari": "\u0900-\u097f\ua8e0-\ua8ff",
    "bengali": "\u0980-\u09ff",
    "gurmukhi": "\u0a00-\u0a7f",
    "gujarati": "\u0a80-\u0aff",
    "oriya": "\u0b00-\u0b7f",
    "tamil": "\u0b80-\u0bff",
    "telugu": "\u0c00-\u0c7f",
    "kannada": "\u0c80-\u0cff",
    "malayalam": "\u0d00-\u0d7f",
    "sinhala": "\u0d80-\u0dff",
    "thai": "\u0e00-\u0e7f",
    "lao": "\u0e80-\u0eff",
    "tibetan": "\u0f00-\u0fff",
    "myanmar": "\u1000-\u109f",
    "georgian": "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f",
    "ethiopic": "\u1200-\u139f\u2d80-\u2ddf",
    "khmer": "\u1780-\u17ff\u19e0-\u19ff",
    "kana": "\u3041-\u3096\u3099-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff",
    "hangul": "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff",
    "han": "\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f",
}
_SCRIPT_RUNS = re.compile(
    "|".join(f"(?P<{name}>[{chars}]+)" for name, chars in _SCRIPT_CLASSES.items())
)
_HANGUL_RUN = re.compile(f"[{_SCRIPT_CLASSES['hangul']}]+")
_HANGUL = re.compile(f"[{_SCRIPT_CLASSES['hangul']}]")
_KANA = re.compile(f"[{_SCRIPT_CLASSES['kana']}]")
_HAN = re.compile(f"[{_SCRIPT_CLASSES['han']}]")

CJK_PARTS = frozenset({"kana", "hangul", "han"})
"""Han, Kana and Hangul compete for dominance as one family, ``cjk``."""

_UNSPACED = frozenset({"thai", "lao", "khmer", "myanmar", "tibetan"})
_CJK_UNIT = 0.6
_UNSPACED_UNIT = 0.25


@dataclass(frozen=True)
class Segment:
    """The dominant script of a message and what was counted in it."""

    script: str
    text: str
    """The runs of the script, space-separated, at most MAX_SEGMENT_CHARS long."""
    words: tuple[str, ...]
    """Distinct lower-cased words of ``text`` (repetition is not more evidence)."""
    letters: int
    """Letters in ``words``."""
    share: float
    """Fraction of the message's weight that is in this script."""
    kana: int = 0
    hangul: int = 0
    han: int = 0
    han_outside_jis: int = 0


def clean(text: str) -> str:
    """Bounded, sanitised copy of ``text`` that keeps letters and word gaps only."""
    sample = _SURROGATES.sub("", text[:MAX_INPUT_CHARS])
    sample = _INVISIBLE.sub("", sample)
    sample = unicodedata.normalize("NFKC", sample)[: 2 * MAX_INPUT_CHARS]
    sample = _URL.sub(" ", sample)
    sample = _DOTTED.sub(_drop_domain, sample)
    sample = _HANDLE.sub(" ", sample)
    sample = _APOSTROPHES.sub("'", sample)
    sample = _WITH_DIGIT.sub(" ", sample)
    sample = _NON_LETTER.sub(" ", sample)
    sample = _STRAY_APOSTROPHE.sub(" ", sample)
    sample = _ZALGO.sub(r"\1", sample)
    return _SPACES.sub(" ", sample).strip()


def _drop_domain(match: re.Match[str]) -> str:
    """Blank out ``shop.example.com/x``; split ``end.Start`` of a sentence missing its space."""
    last = match.group().split("/", 1)[0].rsplit(".", 1)[-1]
    if _TOP_LEVEL_DOMAIN.fullmatch(last) and (last.islower() or len(last) > 2):
        return " "
    return match.group().replace(".", " ")


def dominant_segment(cleaned: str) -> Segment | None:
    """Split ``cleaned`` into script runs and keep the family with the most weight."""
    runs: dict[str, list[str]] = {}
    for match in _SCRIPT_RUNS.finditer(cleaned):
        name = match.lastgroup
        if name is not None and any(char.isalpha() for char in match.group()):
            family = "cjk" if name in CJK_PARTS else name
            runs.setdefault(family, []).append(match.group())
    if not runs:
        return None
    units = {family: _units(family, parts) for family, parts in runs.items()}
    best = max(units, key=lambda family: units[family])
    share = units[best] / sum(units.values())
    return _segment(best, runs[best], share)


def _units(family: str, parts: list[str]) -> float:
    """Rough word count of the runs of one script family."""
    if family == "cjk":
        return sum(_cjk_units(part) for part in parts)
    if family in _UNSPACED:
        return sum(max(1.0, len(part) * _UNSPACED_UNIT) for part in parts)
    return float(len(parts))


def _cjk_units(part: str) -> float:
    """Han and Kana characters count as part-words; a Hangul run is a word."""
    hangul = len(_HANGUL_RUN.findall(part))
    others = len(_HANGUL.sub("", part))
    return hangul + others * _CJK_UNIT


def _segment(script: str, parts: list[str], share: float) -> Segment:
    """Build the segment, with per-part counts for the CJK family."""
    text = " ".join(parts)[:MAX_SEGMENT_CHARS]
    words = tuple(dict.fromkeys(word.lower() for word in text.split()))[:MAX_WORDS]
    letters = sum(1 for word in words for char in word if char.isalpha())
    if script != "cjk":
        return Segment(script=script, text=text, words=words, letters=letters, share=share)
    han = _HAN.findall(text)
    return Segment(
        script=script,
        text=text,
        words=words,
        letters=letters,
        share=share,
        kana=len(_KANA.findall(text)),
        hangul=len(_HANGUL.findall(text)),
        han=len(han),
        han_outside_jis=sum(1 for char in han if not _in_japanese_charset(char)),
    )


@lru_cache(maxsize=8192)
def _in_japanese_charset(char: str) -> bool:
    """Whether a Han character exists in the JIS X 0213 repertoire used for Japanese."""
    try:
        char.encode("euc_jis_2004")
    except UnicodeEncodeError:
        return False
    return True
