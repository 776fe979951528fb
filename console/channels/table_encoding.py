"""The text encoding of a CSV/JSON export: declared, marked by a BOM, or guessed.

Order: a declared encoding; UTF-8 (strict); a BOM (UTF-8/16/32); UTF-16 without
a BOM (many NUL bytes); then the legacy encodings marketplaces export —
GB18030, Shift-JIS, Big5, EUC-KR, EUC-JP and Windows-125x — each decoded and
scored by how plausible its text is: the log-probability of its non-ASCII
characters under character frequencies of the language that encoding is used
for (from wordfreq's word lists). Wrong guesses decode to rare characters, half-
width katakana or runs of accented letters, and lose. A close race or a poor
best score is reported as uncertain; bytes that do not decode are counted and
never stored silently (see :mod:`console.channels.sources`).
"""

from __future__ import annotations

import codecs
import gzip
import math
import threading
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from console.problems import Problem, define, problem

ENCODING_GUESSED = define(
    "import.encoding_guessed", "The file's text encoding was recognised as {encoding}."
)
ENCODING_UNCERTAIN = define(
    "import.encoding_uncertain",
    "The file's text encoding was guessed as {encoding}, but the guess is uncertain (it may "
    "be {alternative}); check a few imported messages, or import again naming the encoding.",
)
ENCODING_LOSSY = define(
    "import.encoding_lossy",
    "{count} bytes of the file are not valid {encoding} text; the rows holding them are "
    "quarantined instead of being stored garbled.",
)
UNKNOWN_ENCODING_NAME = define(
    "import.unknown_encoding_name",
    "{encoding} is not a text encoding this program knows; use a name such as utf-8, "
    "gb18030, shift_jis, big5 or euc-kr.",
)

SAMPLE_BYTES = 256 * 1024
_UNCERTAIN_MARGIN = 6.0  # nats between the best and the runner-up
_POOR_CHAR = math.log(2e-6)  # a best guess averaging below this per character is doubtful
_BROKEN = -30.0  # log-score of a replacement, control or private-use character
_UNKNOWN_LETTER = math.log(1e-8)
_SYMBOL = math.log(1e-5)
_COMMON_PUNCT = math.log(3e-3)

#: (codec, label shown to people, languages whose character frequencies score it, prior)
_CANDIDATES: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("gb18030", "GB18030", ("zh",), 0.0),
    ("cp932", "Shift-JIS", ("ja",), -0.5),
    ("cp950", "Big5", ("zh",), -1.0),
    ("cp949", "EUC-KR", ("ko",), -1.0),
    ("euc_jp", "EUC-JP", ("ja",), -2.0),
    ("cp1252", "Windows-1252", ("fr", "de", "es", "it", "pt", "nl", "sv", "da", "fi"), -3.0),
    ("cp1250", "Windows-1250", ("pl", "cs", "hu"), -4.0),
    ("cp1251", "Windows-1251", ("ru", "uk", "bg"), -5.0),
    ("cp1253", "Windows-1253", ("el",), -5.0),
    ("cp1254", "Windows-1254", ("tr",), -5.0),
    ("cp1255", "Windows-1255", ("he",), -5.0),
    ("cp1256", "Windows-1256", ("ar", "fa"), -5.0),
    ("cp1257", "Windows-1257", ("lt", "lv"), -5.0),
)
_LABELS = {codec: label for codec, label, _, _ in _CANDIDATES} | {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32": "UTF-32",
    "shift_jis": "Shift-JIS",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "gbk": "GBK",
    "gb2312": "GB2312",
}
_CJK_PUNCT = ("\u3000", "\u3011"), ("\uff01", "\uff0f"), ("\uff1a", "\uff20")
_HALF_WIDTH = ("\uff61", "\uff9f")  # half-width katakana: what GB text read as Shift-JIS gives


@dataclass(frozen=True)
class DecodedTable:
    text: str
    encoding: str  # Python codec name
    how: str  # "utf-8", "bom", "declared" or "guessed"
    certain: bool = True
    alternative: str | None = None  # the runner-up of an uncertain guess
    replaced: int = 0  # bytes that did not decode (each became U+FFFD)
    score: float = 0.0  # plausibility of a guess (log-likelihood)

    @property
    def label(self) -> str:
        return label_of(self.encoding)

    @property
    def lossy(self) -> bool:
        return self.replaced > 0

    def notices(self) -> list[Problem]:
        """What the person importing should be told about the decoding."""
        notes: list[Problem] = []
        if self.how == "guessed":
            if self.certain:
                notes.append(problem(ENCODING_GUESSED, encoding=self.label))
            else:
                notes.append(
                    problem(
                        ENCODING_UNCERTAIN,
                        encoding=self.label,
                        alternative=label_of(self.alternative or "utf-8"),
                    )
                )
        if self.replaced:
            notes.append(problem(ENCODING_LOSSY, count=self.replaced, encoding=self.label))
        return notes


class EncodingNameError(ValueError):
    def __init__(self, name: str) -> None:
        self.problem = problem(UNKNOWN_ENCODING_NAME, encoding=name)
        super().__init__(self.problem.text)


def label_of(codec: str) -> str:
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    return _LABELS.get(codec.lower(), _LABELS.get(name, name.upper()))


def check_encoding_name(name: str) -> str:
    """The codec name for ``name`` (``GB18030``, ``shift-jis``, ...); EncodingNameError if none."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError) as exc:
        raise EncodingNameError(name) from exc
    if not _is_text_codec(info):
        raise EncodingNameError(name)
    return info.name


def _is_text_codec(info: codecs.CodecInfo) -> bool:
    try:
        return isinstance(b"a".decode(info.name), str)
    except (LookupError, UnicodeDecodeError, TypeError):
        return False


def decode(data: bytes, declared: str | None = None) -> DecodedTable:
    """The text of ``data``; see the module text for the order of the candidates."""
    if declared:
        codec = check_encoding_name(declared)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        text, replaced = _lossy(data, codec)
        return DecodedTable(text, codec, "declared", replaced=replaced)
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text, replaced = _lossy(data, codec)
            return DecodedTable(text, codec, "bom", replaced=replaced)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _only_two_byte_letters(text):
            # GB18030/Big5/EUC-KR pairs can also be valid UTF-8 (一 = D2 BB = һ): compare.
            rival = _guess(data)
            utf8 = _score(text, _UTF8_LANGUAGES)[0] + _shape_penalty(text) + 2.0
            if rival.encoding in _MULTI_BYTE and rival.score > utf8:
                return replace(rival, certain=False, alternative="utf-8")
        return DecodedTable(text, "utf-8", "utf-8")
    wide = _utf16_without_bom(data)
    if wide:
        text, replaced = _lossy(data, wide)
        return DecodedTable(text, wide, "guessed", replaced=replaced)
    return _guess(data)


_MULTI_BYTE = ("gb18030", "cp932", "cp950", "cp949", "euc_jp")
#: Languages whose letters UTF-8 writes in two bytes, to weigh a UTF-8 reading against a
#: two-byte East Asian one (ð = C3 B0 is also GB18030's 冒).
_UTF8_LANGUAGES = (
    "fr", "de", "es", "pt", "it", "nl", "pl", "cs", "sk", "hu", "ro", "tr",
    "da", "sv", "nb", "fi", "is", "ru", "uk", "el", "he", "ar",
)  # fmt: skip


def _only_two_byte_letters(text: str) -> bool:
    wide = [char for char in text if ord(char) > 127]
    return bool(wide) and max(map(ord, wide)) < 0x800


def _lossy(data: bytes, codec: str) -> tuple[str, int]:
    """``data`` decoded, undecodable bytes replaced by U+FFFD, and how many bytes those were."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    _COUNT.bytes = 0
    text = codecs.decode(data, codec, errors=_COUNTING)
    return text, int(_COUNT.bytes)


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _COUNT.bytes = getattr(_COUNT, "bytes", 0) + max(1, error.end - error.start)
    return "\ufffd", error.end


_COUNTING = "support-console-count-replace"
_COUNT = threading.local()
codecs.register_error(_COUNTING, _count_and_replace)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _guess(data: bytes) -> DecodedTable:
    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    scored: list[tuple[float, str, int]] = []
    for codec, _, languages, prior in _CANDIDATES:
        text, replaced = _lossy(sample, codec)
        score, chars = _score(text, languages)
        score += _shape_penalty(text) if codec.startswith("cp125") else _wedged(text)
        scored.append((score + prior, codec, chars))
    scored.sort(reverse=True)
    best, codec, chars = scored[0]
    runner_up, alternative, _ = scored[1]
    certain = best - runner_up >= _UNCERTAIN_MARGIN and best / max(chars, 1) >= _POOR_CHAR
    text, replaced = _lossy(data, codec)
    return DecodedTable(
        text,
        codec,
        "guessed",
        certain=certain,
        alternative=None if certain else alternative,
        replaced=replaced,
        score=best,
    )


def _score(text: str, languages: tuple[str, ...]) -> tuple[float, int]:
    """Best log-likelihood of ``text``'s non-ASCII characters over ``languages``; their count."""
    chars = [char for char in text if ord(char) > 127]
    if not chars:
        return 0.0, 0
    best = -math.inf
    for language in languages:
        table = _frequencies(language)
        simplify = _simplified() if language == "zh" else {}
        total = 0.0
        for char in chars:
            total += _char_score(char, table, simplify)
        best = max(best, total)
    return best, len(chars)


def _shape_penalty(text: str) -> float:
    """Single-byte misreadings: a lowercase letter followed by a capital inside a word, two
    capitals then lowercase, a non-Latin letter touching an ASCII letter."""
    penalty = 0.0
    for before, char, after in zip(text, text[1:], text[2:] + " ", strict=False):
        if not (char.isalpha() and before.isalpha()) or (char.isascii() and before.isascii()):
            continue
        if before.islower() and char.isupper():
            penalty -= 4.0
        elif before.isupper() and char.isupper() and after.islower():
            penalty -= 3.0
        if (before.isascii() or char.isascii()) and not (_latin(before) and _latin(char)):
            penalty -= 6.0
    return penalty


def _wedged(text: str) -> float:
    """Multi-byte misreadings of accented Latin text: one wide character inside a Latin word."""
    return -6.0 * sum(
        1
        for before, char, after in zip(text, text[1:], text[2:], strict=False)
        if ord(char) > 0x2E80
        and before.isascii()
        and after.isascii()
        and before.isalpha()
        and after.isalpha()
    )


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def _char_score(char: str, table: dict[str, float], simplify: dict[int, str]) -> float:
    if char == "\ufffd":
        return _BROKEN
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Co", "Cn", "Cs"):
        return _BROKEN
    if _HALF_WIDTH[0] <= char <= _HALF_WIDTH[1]:
        return _BROKEN / 2
    key = char.casefold()
    if simplify:
        key = key.translate(simplify)
    found = table.get(key)
    if found is not None:
        return found
    if category[0] in "PSZ":
        if any(low <= char <= high for low, high in _CJK_PUNCT) or char in "–—‘’“”…€«»¿¡·":
            return _COMMON_PUNCT
        return _SYMBOL
    return _UNKNOWN_LETTER


@cache
def _frequencies(language: str) -> dict[str, float]:
    """Log-probability of each non-ASCII character (casefolded) in ``language``'s words."""
    from wordfreq import get_frequency_dict

    try:
        words = get_frequency_dict(language, wordlist="small")
    except LookupError:
        return {}
    counts: dict[str, float] = {}
    for word, frequency in words.items():
        for char in word:
            if ord(char) > 127:
                counts[char] = counts.get(char, 0.0) + frequency
    total = sum(counts.values()) or 1.0
    return {char: math.log(count / total) for char, count in counts.items()}


@lru_cache(maxsize=1)
def _simplified() -> dict[int, str]:
    """Traditional -> simplified Chinese, per character (wordfreq's own table)."""
    import msgpack  # type: ignore[import-untyped]
    from wordfreq.util import data_path

    try:
        with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as handle:
            raw: Any = msgpack.load(handle, raw=False, strict_map_key=False)
    except (OSError, ValueError):
        return {}
    return {int(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
