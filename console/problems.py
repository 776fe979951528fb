"""Problems the core reports to a person: a code, its parameters, an English sentence.

The core never words a message for the window in one language. It says *which*
problem, with what values (:class:`Problem`); the English template registered
here with :func:`define` words it for the command line and logs, and
``console/ui/common/problem_texts.py`` words the same code in the UI language (a test
checks that every code defined here has a translated wording there).

Each feature defines its own codes next to the code that raises them::

    DATE_OUT_OF_RANGE = define(
        "mail.date_out_of_range",
        "The message's date ({value}) is not a real date; the time it arrived is used.",
    )
    raise ProblemError(problem(DATE_OUT_OF_RANGE, value=header))
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from typing import Any

#: Every code with its English template, filled in as feature modules are imported.
TEMPLATES: dict[str, str] = {}

_MAX_PARAM_CHARS = 300


def define(code: str, template: str) -> str:
    """Register ``code`` with its English ``template`` (``{name}`` placeholders); returns it."""
    known = TEMPLATES.get(code)
    if known is not None and known != template:
        raise ValueError(f"problem code {code!r} is defined twice with different texts")
    TEMPLATES[code] = template
    return code


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Problem:
    """One problem for a person to read: a registered code and its parameters."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)

    @property
    def text(self) -> str:
        """The English sentence (command line, logs, the stored ``reason``)."""
        return fill(TEMPLATES.get(self.code, self.code), self.values)

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "params": self.values}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Problem | None:
        """The problem stored by :meth:`to_json`, or None for anything else."""
        if not text:
            return None
        try:
            data: Any = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            return None
        raw = data.get("params")
        params: dict[Any, Any] = raw if isinstance(raw, dict) else {}
        return cls(data["code"], tuple(sorted((str(k), str(v)) for k, v in params.items())))


def problem(code: str, **params: object) -> Problem:
    """A :class:`Problem` for a defined ``code``; parameter values are shortened for display."""
    if code not in TEMPLATES:
        raise KeyError(f"undefined problem code {code!r}")
    return Problem(code, tuple(sorted((name, _short(value)) for name, value in params.items())))


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders filled; a missing value reads as ``?``."""
    return template.format_map(_Defaulting(values))


class ProblemError(Exception):
    """An error whose message is a :class:`Problem` (the exception text is its English)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.text)
        self.problem = problem


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _short(value: object) -> str:
    text = str(value).replace("\x00", "")
    return text if len(text) <= _MAX_PARAM_CHARS else text[: _MAX_PARAM_CHARS - 1] + "…"
