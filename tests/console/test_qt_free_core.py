"""The domain core must not depend on Qt: only console.ui may import PySide6."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import console
import timezones
import translation

QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy")


def _core_modules() -> list[str]:
    names = []
    for package in (console, translation, timezones):
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if info.name.startswith("console.ui") or ".migrations" in info.name:
                continue
            if info.name.endswith(".__main__"):
                continue
            names.append(info.name)
    return sorted(names)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_sources_never_import_qt() -> None:
    offenders = []
    for package in (console, translation, timezones):
        root = Path(package.__path__[0])
        for path in root.rglob("*.py"):
            if "ui" in path.relative_to(root).parts[:1] and package is console:
                continue
            bad = {name for name in _imports(path) if name.split(".")[0] in QT_MODULES}
            if bad:
                offenders.append(f"{path}: {sorted(bad)}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = _core_modules()
    assert "console.store.engine" in modules and "console.inbox.queries" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
