"""Message layout that translation must keep: paragraphs, line breaks, list markers.

A message is cut into lines; each line keeps its indentation, its list or quote
marker and its trailing blanks, and only the words in between go to an engine.
Greetings and sign-offs sit on their own lines in messages, so they stay in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(
    r"^(?P<prefix>[ \t\u3000]*(?:(?:>[ \t]?)+)?[ \t]*"
    r"(?:[-*+•·‣▪◦–—][ \t]+|(?:\d{1,3}|[A-Za-z])[.)][ \t]+|\(\d{1,3}\)[ \t]+)?)"
    r"(?P<body>.*?)(?P<suffix>[ \t\u3000]*)$",
    re.DOTALL,
)

# Sentences end at . ! ? … (and their CJK forms) followed by space or end.
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])[\"'”’)\]]*(?:\s+|(?<=[。！？])(?=\S))")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sr",
        "sra",
        "srta",
        "dra",
        "no",
        "nr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "z.b",
        "bzw",
        "ca",
        "approx",
        "inc",
        "ltd",
        "co",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "art",
        "abs",
        "tel",
    ]
)


@dataclass(frozen=True)
class Line:
    prefix: str
    body: str
    suffix: str
    ending: str
    """The line break that ended the line ("" for the last line)."""


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        ending = raw[len(content) :]
        m = _LINE.match(content)
        assert m is not None  # the pattern matches any line
        lines.append(Line(m["prefix"], m["body"], m["suffix"], ending))
    return lines


def join_lines(lines: list[Line], bodies: list[str]) -> str:
    return "".join(
        line.prefix + body + line.suffix + line.ending
        for line, body in zip(lines, bodies, strict=True)
    )


def split_sentences(text: str) -> list[str]:
    """Split a line into sentences without any model (no download, no start-up cost).

    Splits after sentence punctuation followed by a blank (or after CJK full stops),
    except after common abbreviations, single initials and numbers like "No. 5".
    """
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        candidate = text[start : m.start()].rstrip()
        last_word = candidate.rsplit(None, 1)[-1] if candidate.split() else ""
        stem = last_word.rstrip(".").lower()
        if last_word.endswith(".") and (stem in _ABBREVIATIONS or len(stem) == 1):
            continue
        if candidate:
            sentences.append(candidate)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
