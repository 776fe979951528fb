"""Where the console keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "support-console"
DATA_DIR_ENV = "SUPPORT_CONSOLE_DATA_DIR"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data folder (``$SUPPORT_CONSOLE_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_store_path() -> Path:
    return data_dir() / "store.sqlite3"


def demo_store_path() -> Path:
    return data_dir() / "demo.sqlite3"
