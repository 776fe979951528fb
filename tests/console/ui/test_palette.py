"""Colours and font sizes live in the style sheet and one palette module, nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[3] / "console" / "ui"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|\brgba?\(")
ALLOWED = {UI / "common" / "palette.py"}


def test_no_widget_carries_its_own_colours_or_style() -> None:
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if path in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            styled = "setStyleSheet(" in line and path != UI / "app.py"
            if COLOUR.search(line) or styled:
                offenders.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_app_style_sheet_defines_every_text_role() -> None:
    from console.ui.common.palette import ROLES

    sheet = (UI.parents[1] / "resources" / "styles" / "console.qss").read_text(encoding="utf-8")
    assert [role for role in ROLES if f'*[role="{role}"]' not in sheet] == []
