"""Audit details hold ids, codes and counts, never a customer's personal data.

The audit log is append-only and every role that reads it (compliance staff,
administrators) may be masked: a customer's e-mail address, phone number, name or
message text in ``audit_log.detail`` would be shown to them raw and could never be
erased. This test reads every call of the ``console.audit`` recorders in the
sources and refuses a detail named like, or read from, a customer's personal data.
"""

from __future__ import annotations

import ast
from pathlib import Path

import console

#: Detail names that would hold a customer's personal data.
FORBIDDEN_NAMES = frozenset(
    {
        "email",
        "phone",
        "address",
        "customer_name",
        "text",
        "html",
        "body",
        "subject",
        "preview",
        "excerpt",
        "composed_text",
        "to_address",
        "to_name",
        "value",
    }
)
#: Attributes of stored rows that hold a customer's personal data.
FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "address",
        "phone",
        "email",
        "text",
        "html",
        "body",
        "subject",
        "preview",
        "excerpt",
        "composed_text",
        "to_address",
        "to_name",
    }
)
ROOT = Path(console.__file__).parent


def _recorder_calls(tree: ast.Module) -> list[ast.Call]:
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "console.audit"
        for alias in node.names
        if alias.name.startswith("record")
    }
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "audit"
            and func.attr.startswith("record")
        ) or (isinstance(func, ast.Name) and func.id in imported):
            calls.append(node)
    return calls


def _personal_reads(expression: ast.expr) -> list[str]:
    found = []
    for node in ast.walk(expression):
        if isinstance(node, ast.Attribute):
            owner = ast.unparse(node.value).lower()
            customer_name = node.attr == "name" and "customer" in owner
            if node.attr in FORBIDDEN_ATTRIBUTES or customer_name:
                found.append(ast.unparse(node))
    return found


def test_the_recorders_are_found() -> None:
    """The scan below sees the audit writes (else it would pass on nothing)."""
    calls = [
        call
        for path in ROOT.rglob("*.py")
        for call in _recorder_calls(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert len(calls) > 40


def test_no_audit_detail_holds_customer_personal_data() -> None:
    offending = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.name == "audit.py" and path.parent == ROOT:
            continue  # the recorders themselves
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _recorder_calls(tree):
            where = f"{path.relative_to(ROOT.parent)}:{call.lineno}"
            for keyword in call.keywords:
                if keyword.arg in ("actor", "action", "entity", "entity_id"):
                    continue
                if keyword.arg in FORBIDDEN_NAMES:
                    offending.append(f"{where}: detail {keyword.arg}=")
                offending.extend(
                    f"{where}: reads {read}" for read in _personal_reads(keyword.value)
                )
    assert offending == []


def test_the_reveal_function_audits_no_value() -> None:
    """The team store's reveal writes its entry in SQL: the field and reason, not the value."""
    from console.store import masking_sql

    source = Path(masking_sql.__file__).read_text(encoding="utf-8")
    insert = source[source.index("INSERT INTO {q}.audit_log") :]
    insert = insert[: insert.index(";")]
    assert "'field', p_field" in insert and "'reason'" in insert
    assert " v)" not in insert and ", v," not in insert and "'value'" not in insert
