"""Order data that must survive machine translation untouched.

:func:`protect` replaces URLs, e-mail addresses, order/tracking numbers and SKUs
(any token carrying a digit), prices and amounts, emoji and glossary terms with
numbered placeholders (``⟦1⟧``); :func:`restore` puts the originals (or a glossary
term's fixed translation) back and reports placeholders the engine dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

OPEN, CLOSE = "⟦", "⟧"

_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'⟦⟧]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CURRENCY_SYMBOLS = r"(?:US\$|R\$|A\$|C\$|HK\$|NZ\$|S\$|[$€£¥₹₩₽₺฿₫₱₪zł]|zł|kr|CHF|EUR|USD|GBP|JPY|CNY|RMB|BRL|MXN|CAD|AUD|INR|KRW|RUB|TRY|PLN|SEK|NOK|DKK|THB|VND|IDR|MYR|SGD|PHP|AED|SAR|ZAR)"  # noqa: E501
_NUMBER = r"\d(?:[\d.,'\u202f\u00a0]*\d)?"
_PRICE = re.compile(
    rf"(?:{_CURRENCY_SYMBOLS}[ \u00a0]?{_NUMBER}(?:[ \u00a0]?-[ \u00a0]?{_NUMBER})?"
    rf"|(?<![\w\-/.#]){_NUMBER}[ \u00a0]?{_CURRENCY_SYMBOLS}(?![A-Za-z]|[ \u00a0]?\d))"
)
# Order numbers, tracking numbers, SKUs, dates, quantities: any token with a digit,
# including joined parts (ORD-2024-0042, 1Z999AA10123456784, SKU_AB-12/XL, 12.5).
_CODE = re.compile(
    r"(?<![A-Za-z0-9])#?(?:[A-Za-z0-9]+[-_/.:#])*[A-Za-z0-9]*[0-9][A-Za-z0-9]*(?:[-_/.:#][A-Za-z0-9]+)*"
)
_EMOJI_CHAR = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
    "\u2190-\u21ff\u3030\u303d\u3297\u3299\U0001f1e6-\U0001f1ff"
)
_EMOJI = re.compile(
    rf"[{_EMOJI_CHAR}](?:[\ufe0f\u20e3\U0001f3fb-\U0001f3ff]|\u200d[{_EMOJI_CHAR}])*"
    rf"(?:\s*[{_EMOJI_CHAR}](?:[\ufe0f\u20e3\U0001f3fb-\U0001f3ff]|\u200d[{_EMOJI_CHAR}])*)*"
)
_TRAILING_PUNCT = ".,;:!?)]}'\""


@dataclass(frozen=True)
class GlossaryTerm:
    """A brand or product name kept as is, or replaced by a fixed translation."""

    term: str
    translations: Mapping[str, str] = field(default_factory=dict)
    """Fixed translations by target language code (``{"es": "Licuadora Turbo"}``)."""
    case_sensitive: bool = True

    def for_target(self, target: str) -> str | None:
        return self.translations.get(target)


@dataclass(frozen=True)
class Glossary:
    """The team's terms; longer terms win over shorter ones they contain."""

    terms: tuple[GlossaryTerm, ...] = ()

    @classmethod
    def of(cls, terms: Iterable[GlossaryTerm | str]) -> Glossary:
        return cls(tuple(t if isinstance(t, GlossaryTerm) else GlossaryTerm(t) for t in terms))

    def fingerprint(self) -> str:
        parts = [
            f"{t.term}|{int(t.case_sensitive)}|{sorted(t.translations.items())}" for t in self.terms
        ]
        return "\n".join(sorted(parts))


@dataclass(frozen=True)
class Span:
    """One protected piece of text."""

    index: int
    kind: str
    """``glossary``, ``url``, ``email``, ``price``, ``code`` or ``emoji``."""
    original: str
    replacement: str
    """What :func:`restore` puts back (the original, or a glossary translation)."""

    @property
    def placeholder(self) -> str:
        return f"{OPEN}{self.index}{CLOSE}"


@dataclass(frozen=True)
class Protected:
    text: str
    spans: tuple[Span, ...]

    @property
    def has_words(self) -> bool:
        """Whether anything is left to translate besides placeholders and punctuation."""
        return any(ch.isalpha() for ch in _PLACEHOLDER.sub("", self.text))


@dataclass(frozen=True)
class Restored:
    text: str
    dropped: tuple[Span, ...]
    """Spans whose placeholder the engine lost; their text was appended at the end."""


def _glossary_pattern(term: GlossaryTerm) -> re.Pattern[str]:
    escaped = re.escape(term.term)
    left = r"(?<!\w)" if term.term[:1].isalnum() or term.term[:1] == "_" else ""
    right = r"(?!\w)" if term.term[-1:].isalnum() or term.term[-1:] == "_" else ""
    return re.compile(left + escaped + right, 0 if term.case_sensitive else re.IGNORECASE)


def _trim_url(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return start, end


def protect(text: str, glossary: Glossary | None = None, target: str = "") -> Protected:
    """Replace order data and glossary terms in ``text`` with numbered placeholders.

    Existing ``⟦…⟧`` sequences in the input are protected too, so restoring never
    confuses them with ours.
    """
    taken: list[tuple[int, int, str, str]] = []  # start, end, kind, replacement

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _, _ in taken)

    def add(start: int, end: int, kind: str, replacement: str | None = None) -> None:
        if end > start and free(start, end):
            taken.append(
                (start, end, kind, text[start:end] if replacement is None else replacement)
            )

    for m in re.finditer(r"⟦[^⟦⟧]*⟧|[⟦⟧]", text):
        add(m.start(), m.end(), "literal")
    if glossary is not None:
        for term in sorted(glossary.terms, key=lambda t: -len(t.term)):
            if not term.term.strip():
                continue
            for m in _glossary_pattern(term).finditer(text):
                fixed = term.for_target(target)
                add(m.start(), m.end(), "glossary", fixed if fixed is not None else m.group())
    for m in _URL.finditer(text):
        add(*_trim_url(text, m.start(), m.end()), "url")
    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), "email")
    for m in _PRICE.finditer(text):
        add(m.start(), m.end(), "price")
    for m in _CODE.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in ".:/-_":
            end -= 1
        add(start, end, "code")
    for m in _EMOJI.finditer(text):
        add(m.start(), m.end(), "emoji")

    taken.sort()
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0
    for number, (start, end, kind, replacement) in enumerate(taken, start=1):
        span = Span(number, kind, text[start:end], replacement)
        spans.append(span)
        pieces.append(text[position:start])
        pieces.append(span.placeholder)
        position = end
    pieces.append(text[position:])
    return Protected("".join(pieces), tuple(spans))


def restore(translated: str, spans: Sequence[Span]) -> Restored:
    """Put the protected pieces back; append (and report) those the engine dropped."""
    by_index = {span.index: span for span in spans}
    seen: set[int] = set()

    def put_back(m: re.Match[str]) -> str:
        span = by_index.get(int(m.group(1)))
        if span is None:
            return ""
        seen.add(span.index)
        return span.replacement

    # Half-eaten placeholders (a lone bracket) are engine noise, never user text:
    # the user's own brackets were protected as literals.
    pieces = []
    position = 0
    for m in _PLACEHOLDER.finditer(translated):
        pieces.append(translated[position : m.start()].replace(OPEN, "").replace(CLOSE, ""))
        pieces.append(put_back(m))
        position = m.end()
    pieces.append(translated[position:].replace(OPEN, "").replace(CLOSE, ""))
    text = "".join(pieces)
    dropped = tuple(span for span in spans if span.index not in seen)
    if dropped:
        tail = " ".join(span.replacement for span in dropped)
        text = f"{text.rstrip()} {tail}" if text.strip() else tail
    return Restored(text, dropped)
