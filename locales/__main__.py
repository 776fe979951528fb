"""``python -m locales build`` compiles every ``.ts`` here into a ``.qm``.

``python -m locales update`` refreshes the ``.ts`` sources from the UI code
(new strings appear as unfinished entries for translators).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from locales import CATALOG_DIR

ROOT = CATALOG_DIR.parent


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"locales: {name} not found; is PySide6 installed in this environment?")
    return found


def build() -> int:
    sources = sorted(CATALOG_DIR.glob("*.ts"))
    for ts in sources:
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
    print(f"locales: compiled {len(sources)} catalog(s)")
    return 0


def update() -> int:
    ui_sources = sorted(str(p) for p in (ROOT / "console" / "ui").rglob("*.py"))
    for ts in sorted(CATALOG_DIR.glob("*.ts")):
        # English is the source language: its catalog only carries plural forms.
        plural_only = ["-pluralonly"] if ts.stem.endswith("_en") else []
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *plural_only,
                *ui_sources,
                "-ts",
                str(ts),
            ],
            check=True,
        )
    return 0


def main(argv: list[str]) -> int:
    commands = {"build": build, "update": update}
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m locales {build|update}", file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
