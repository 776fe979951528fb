"""A line of a matching text around its first match, with the matched words' spans (Qt-free).

The inbox shows it under a search (highlighting the spans) and
``support-console search`` prints it with the matches marked ``[like this]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.store.fts import highlight_spans

#: Characters of a matching text shown around the first match.
EXCERPT_CHARS = 120


@dataclass(frozen=True)
class Excerpt:
    #: One line (white space folded); "…" marks where the text was cut.
    text: str
    #: ``(start, end)`` of each match within :attr:`text`, in order.
    spans: tuple[tuple[int, int], ...]

    def marked(self) -> str:
        """The excerpt with each match in square brackets."""
        pieces: list[str] = []
        cursor = 0
        for start, end in self.spans:
            pieces += [self.text[cursor:start], "[", self.text[start:end], "]"]
            cursor = end
        pieces.append(self.text[cursor:])
        return "".join(pieces)


def excerpt_of(
    text: str, query: str, width: int = EXCERPT_CHARS, before: int | None = None
) -> Excerpt:
    """*width* characters of *text* from a little before its first match of *query*.

    ``before``: characters kept ahead of the match (default a third of *width*; a
    narrow inbox column wants the match near the start).
    """
    flat = " ".join(text.split())
    spans = highlight_spans(flat, query)
    lead_chars = width // 3 if before is None else before
    start = max(0, spans[0][0] - lead_chars) if spans else 0
    end = min(len(flat), start + width)
    lead = "…" if start else ""
    shifted = tuple(
        (max(a, start) - start + len(lead), min(b, end) - start + len(lead))
        for a, b in spans
        if b > start and a < end
    )
    return Excerpt(lead + flat[start:end] + ("…" if end < len(flat) else ""), shifted)
