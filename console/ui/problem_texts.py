"""The window's wording of every :mod:`console.problems` code, in the UI language.

The core reports a problem as a code with parameters; this module holds each
code's English template once more as a ``QT_TRANSLATE_NOOP`` literal, so that
``python -m locales update`` carries it into the catalogs and a translator
words it. ``tests/console/ui/test_problem_texts.py`` checks that every code the
core defines is here with the same English and a finished Chinese wording.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.problems import Problem, fill

CONTEXT = "Problem"

WORDINGS: dict[str, str] = {
}


def problem_text(problem: Problem) -> str:
    """``problem`` worded in the UI language (English text for an unknown code)."""
    template = WORDINGS.get(problem.code)
    if template is None:
        return problem.text
    return fill(QCoreApplication.translate(CONTEXT, template), problem.values)


def reason_text(reason: str, stored_problem: str | None) -> str:
    """A stored reason: its problem worded in the UI language, else the stored English."""
    parsed = Problem.from_json(stored_problem)
    return reason if parsed is None else problem_text(parsed)


def error_text(error: BaseException) -> str:
    """An exception for a person: its problem if it carries one, else its message."""
    carried = getattr(error, "problem", None)
    return problem_text(carried) if isinstance(carried, Problem) else str(error)


__all__ = ["QT_TRANSLATE_NOOP", "WORDINGS", "error_text", "problem_text", "reason_text"]
