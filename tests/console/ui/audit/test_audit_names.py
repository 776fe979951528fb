"""Every action and record the console writes to the audit log has a name people read, in
each UI language (the viewer shows them: tests/console/ui/audit/test_audit_window.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import console
from console import audit
from console.ui.audit.audit_names import (
    ACTIONS,
    ACTORS,
    RECORDS,
    action_name,
    actor_name,
    record_name,
)
from console.ui.settings.ui_language import UiLanguage

CONSOLE = Path(console.__file__).parent

#: Codes built at run time (f-strings), as the test finds them: each with what it becomes.
BUILT = {
    "f'undo_{change.action}'": {"undo_merge", "undo_split"},  # an identity change undone
    "f'policy_{action}'": {"policy_edit", "policy_restore", "policy_import", "policy_seed"},
}


#: Calls that only pass a code on (the entry itself, a row read back, a filter).
PASSING_ON = {"AuditEntry", "AuditRow", "AuditFilter"}


def _module_constants(tree: ast.Module) -> dict[str, str]:
    return {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _codes(value: ast.expr, constants: dict[str, str], where: str) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.Name) and value.id in constants:
        return {constants[value.id]}
    named = isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name)
    if named and value.value.id == "audit":  # type: ignore[attr-defined]
        return {getattr(audit, value.attr)}  # type: ignore[attr-defined]
    if isinstance(value, ast.IfExp):
        return _codes(value.body, constants, where) | _codes(value.orelse, constants, where)
    if isinstance(value, ast.JoinedStr) and ast.unparse(value) in BUILT:
        return BUILT[ast.unparse(value)]
    raise AssertionError(f"{where}: cannot tell which codes {ast.unparse(value)} records")


def _console_actors(tree: ast.Module, constants: dict[str, str]) -> set[str]:
    """The console's own parts named as actors: ``*_ACTOR`` constants (``*_AUTHOR`` for
    the rules it writes itself), ``actor="..."`` arguments and ``actor: str = "..."``
    defaults."""
    found = {value for name, value in constants.items() if name.endswith(("ACTOR", "AUTHOR"))}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found |= {
                keyword.value.value
                for keyword in node.keywords
                if keyword.arg == "actor"
                and isinstance(keyword.value, ast.Constant)
                and isinstance(keyword.value.value, str)
            }
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            named = [*arguments.args[len(arguments.args) - len(arguments.defaults) :]]
            pairs = [*zip(named, arguments.defaults, strict=True)]
            pairs += [
                (arg, default)
                for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
                if default is not None
            ]
            found |= {
                default.value
                for arg, default in pairs
                if arg.arg == "actor"
                and isinstance(default, ast.Constant)
                and isinstance(default.value, str)
            }
    return found


def _recorded() -> tuple[set[str], set[str], set[str]]:
    """The action and record codes of every audit entry the console writes, and the names
    it records its own parts under."""
    actions: set[str] = {"reveal"}  # also written by the team store's reveal function (SQL)
    records: set[str] = {"customer"}
    actors: set[str] = set()
    for path in CONSOLE.rglob("*.py"):
        if "ui" in path.relative_to(CONSOLE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        actors |= _console_actors(tree, constants)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or ast.unparse(node.func) in PASSING_ON:
                continue
            given = {keyword.arg: keyword.value for keyword in node.keywords}
            if "action" in given and "entity" in given:
                where = f"{path.relative_to(CONSOLE)}:{node.lineno}"
                actions |= _codes(given["action"], constants, where)
                records |= _codes(given["entity"], constants, where)
    return actions, records, actors


def test_every_recorded_action_and_record_has_a_name_and_no_name_is_left_over() -> None:
    actions, records, actors = _recorded()
    assert len(actions) > 60 and len(records) > 15  # the scan found the console's entries
    assert sorted(actors ^ set(ACTORS)) == [], "the console's actors and their names differ"
    assert sorted(actions - set(ACTIONS)) == [], "actions without a name"
    assert sorted(set(ACTIONS) - actions) == [], "names of actions nothing records"
    assert sorted(records - set(RECORDS)) == [], "records without a name"
    assert sorted(set(RECORDS) - records) == [], "names of records nothing records"


def test_the_names_follow_the_ui_language(translations: UiLanguage) -> None:
    assert action_name("customer_erase") == "Erased a customer's data"
    assert record_name("agent") == "Person"
    assert action_name("made_by_a_newer_console") == "made_by_a_newer_console"
    assert actor_name("Zoë Auditor") == "Zoë Auditor"  # a person, as named
    assert actor_name("import:/srv/mail/shop") == "Import from /srv/mail/shop"
    assert actor_name("ops (command line)") == "ops (command line)"
    translations.apply("zh_CN")
    assert action_name("customer_erase") == "删除了一位客户的数据"
    assert record_name("agent") == "人员"
    assert actor_name("routing") == "自动分配"
    assert actor_name("import:/srv/mail/shop") == "从 /srv/mail/shop 导入"
    assert actor_name("ops (command line)") == "ops（命令行）"
    chinese = [
        *(action_name(code) for code in ACTIONS),
        *(record_name(code) for code in RECORDS),
        *(actor_name(actor) for actor in ACTORS),
    ]
    english = [*ACTIONS.values(), *RECORDS.values(), *ACTORS.values()]
    assert all(name != word for name, word in zip(chinese, english, strict=True))
