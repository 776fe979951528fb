"""The import contracts in .importlinter hold: the console's layers (the UI on top,
the store at the bottom), the translation and timezones libraries independent of the
console, and no cycle between sibling packages at any depth."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".importlinter"


def _lint_imports() -> Path:
    script = Path(sys.executable).with_name("lint-imports")
    assert script.exists(), "import-linter is a dev dependency: pip install -e '.[dev]'"
    return script


def test_import_contracts_are_kept() -> None:
    run = subprocess.run(
        [str(_lint_imports()), "--no-cache", "--config", str(CONFIG)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout, run.stdout


def test_every_console_package_has_a_layer() -> None:
    """The layers contract is exhaustive, and names only packages that exist."""
    config = configparser.ConfigParser()
    config.read(CONFIG, encoding="utf-8")
    layers = config["importlinter:contract:console-layers"]
    assert layers.get("exhaustive") == "true"
    named = {
        name.strip()
        for line in layers["layers"].split("\n")
        for name in line.replace(":", "|").split("|")
        if name.strip()
    }
    children = {
        path.stem if path.is_file() else path.name
        for path in (ROOT / "console").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert named == children
