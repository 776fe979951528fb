"""One rule for text the store cannot hold, the same on SQLite and PostgreSQL.

PostgreSQL text columns cannot contain the NUL character, and neither engine
can store a lone surrogate (what Python's ``surrogateescape`` leaves behind for
undecodable bytes). Rather than one engine keeping what the other refuses, the
rule for both is: **each such character becomes U+FFFD (the replacement
character)** in every text value written. The length stays the same (column
limits and excerpts line up), a person can see that something was there, and
raw bytes (attachments, blobs) are never touched.

Two places apply it:

* :func:`install` hooks every statement an engine sends, so no writer can
  forget it and nothing aborts an import with a database error;
* :func:`clean_fields` is called where incoming data enters the core (ingest),
  so values compared in Python (external ids, addresses, thread subjects) equal
  what the store holds, and a re-import finds its duplicates.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import Engine, event

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

T = TypeVar("T")


def is_storable(value: str) -> bool:
    """True if ``value`` holds no NUL and no lone surrogate (fast for ASCII text)."""
    if value.isascii():  # O(1) in CPython
        return "\x00" not in value
    return _UNSTORABLE.search(value) is None


def clean_text(value: str) -> str:
    """``value`` with NUL and lone surrogates replaced by U+FFFD (same length)."""
    if is_storable(value):
        return value
    return _UNSTORABLE.sub(REPLACEMENT, value)


def _all_storable(value: Any) -> bool:
    """Cheap check before any copying: no string inside ``value`` needs cleaning."""
    if isinstance(value, str):  # str subclasses (e.g. StrEnum) too
        return is_storable(value)
    kind = type(value)
    if kind is tuple or kind is list:
        return all(_all_storable(item) for item in value)
    if kind is dict:
        return all(_all_storable(k) and _all_storable(v) for k, v in value.items())
    names = getattr(kind, "__dataclass_fields__", None)
    if names is not None:
        return all(_all_storable(getattr(value, name)) for name in names)
    return True


def clean_value(value: T) -> T:
    """Strings cleaned; tuples, lists and dicts of them, and dataclasses, cleaned inside.

    Bytes and every other type come back as they are. An object that needed no
    change is returned itself (cheap on clean input).
    """
    if _all_storable(value):
        return value
    result: Any = value
    if isinstance(value, str):
        result = clean_text(value)
    elif isinstance(value, tuple | list):
        cleaned = [clean_value(item) for item in value]
        if any(new is not old for new, old in zip(cleaned, value, strict=True)):
            result = type(value)(cleaned) if isinstance(value, list) else tuple(cleaned)
    elif isinstance(value, dict):
        pairs = {clean_value(key): clean_value(item) for key, item in value.items()}
        if any(pairs.get(key) is not item for key, item in value.items()):
            result = pairs
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = clean_fields(value)
    return result


def clean_fields(obj: T) -> T:
    """A dataclass instance with :func:`clean_value` applied to every field (or itself)."""
    assert dataclasses.is_dataclass(obj) and not isinstance(obj, type)
    if _all_storable(obj):
        return obj
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(obj):
        if not item.init:
            continue
        old = getattr(obj, item.name)
        new = clean_value(old)
        if new is not old:
            changes[item.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj


def _clean_parameters(parameters: Any) -> Any:
    if _all_bound_storable(parameters):
        return parameters
    if isinstance(parameters, Mapping):
        if any(isinstance(v, str) and _UNSTORABLE.search(v) for v in parameters.values()):
            return {key: _clean_bound(v) for key, v in parameters.items()}
        return parameters
    if isinstance(parameters, tuple | list):
        cleaned = [_clean_parameters(p) if _is_row(p) else _clean_bound(p) for p in parameters]
        if any(new is not old for new, old in zip(cleaned, parameters, strict=True)):
            return type(parameters)(cleaned) if isinstance(parameters, list) else tuple(cleaned)
    return parameters


def _all_bound_storable(parameters: Any) -> bool:
    """One pass over every bound string of a statement (or an executemany batch)."""
    if isinstance(parameters, Mapping):
        rows: Any = (parameters,)
    elif isinstance(parameters, tuple | list):
        rows = parameters if parameters and _is_row(parameters[0]) else (parameters,)
    else:
        return True
    texts = [
        value
        for row in rows
        for value in (row.values() if isinstance(row, Mapping) else row)
        if isinstance(value, str)
    ]
    return is_storable("\x01".join(texts))


def _is_row(value: Any) -> bool:
    return isinstance(value, Mapping | tuple | list)


def _clean_bound(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _before_cursor_execute(
    _connection: Any,
    _cursor: Any,
    statement: str,
    parameters: Any,
    _context: Any,
    _executemany: bool,
) -> tuple[str, Any]:
    return statement, _clean_parameters(parameters)


def install(engine: Engine) -> None:
    """Apply the rule to every statement ``engine`` executes (see module docstring)."""
    event.listen(engine, "before_cursor_execute", _before_cursor_execute, retval=True)
