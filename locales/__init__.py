"""The console's own UI translations (Qt ``.ts`` sources, compiled to ``.qm``)."""

from __future__ import annotations

from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent
APP_CATALOG = "console"
#: UI languages the console ships, as Qt locale names. English is the source.
UI_LANGUAGES = ("en", "zh_CN")


def catalog_path(language: str) -> Path:
    """Compiled catalog for ``language`` (may not exist before a build)."""
    return CATALOG_DIR / f"{APP_CATALOG}_{language}.qm"


def source_path(language: str) -> Path:
    return CATALOG_DIR / f"{APP_CATALOG}_{language}.ts"
