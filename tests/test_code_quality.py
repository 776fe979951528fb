"""The code stays typed and lint-clean: ruff and mypy run as part of the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean() -> None:
    result = _run(
        str(TOOLS / "ruff"),
        "check",
        "console",
        "translation",
        "timezones",
        "locales",
        "tests",
        "bench",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run(str(TOOLS / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
